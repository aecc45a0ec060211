"""Where a seat keeps its files. `HOTLINE_LOG_HOME` overrides the platform's data folder."""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "HotlineLog"
APP_AUTHOR = "HotlineLog"
ENV_HOME = "HOTLINE_LOG_HOME"
ENV_USER = "HOTLINE_LOG_USER"
ENV_PASSWORD = "HOTLINE_LOG_PASSWORD"  # noqa: S105 - the name of a variable, not a password
ENV_NEW_PASSWORD = "HOTLINE_LOG_NEW_PASSWORD"  # noqa: S105
ENV_RECOVERY_CODE = "HOTLINE_LOG_RECOVERY_CODE"


def data_home() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_home() -> Path:
    """Logs sit beside the data when HOTLINE_LOG_HOME is set, else in the platform's log folder."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class SeatPaths:
    """The files of one seat inside its data folder."""

    home: Path

    def __post_init__(self):
        object.__setattr__(self, "home", Path(self.home))

    @property
    def database(self) -> Path:
        return self.home / "seat.db"

    @property
    def vault(self) -> Path:
        return self.home / "seat.vault"

    @property
    def lock(self) -> Path:
        return self.home / "seat.lock"

    @property
    def migration_backups(self) -> Path:
        return self.home / "pre-migration"

    @property
    def replaced(self) -> Path:
        """Where `restore` keeps the seat it replaced."""
        return self.home / "replaced"

    @property
    def restore_journal(self) -> Path:
        """Written by `restore` before its first move, removed when it is done (desktop/interrupted.py)."""
        return self.home / "restore.journal"

    def exists(self) -> bool:
        return self.vault.exists() or self.database.exists()

    @classmethod
    def default(cls) -> "SeatPaths":
        return cls(data_home())
