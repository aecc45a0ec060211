"""Settings read before unlocking (language, idle minutes, window geometry), declared once with defaults.

Everything else lives in the encrypted database. Nonsense values fall back to the default.
"""

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from desktop.config import APP_AUTHOR, APP_NAME


@dataclass(frozen=True)
class Option:
    key: str
    default: object
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None


LANGUAGE = Option("ui/language", "zh_CN", choices=("zh_CN", "en"))
IDLE_MINUTES = Option("security/idle_minutes", 5, minimum=1, maximum=60)
AUTOSAVE_SECONDS = Option("calls/autosave_seconds", 3, minimum=1, maximum=30)
GEOMETRY = Option("ui/geometry", b"")


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


def read(option: Option, settings: QSettings | None = None):
    settings = settings or qsettings()
    value = settings.value(option.key, option.default)
    if isinstance(option.default, int):
        try:
            value = int(value)
        except (TypeError, ValueError):
            return option.default
        if (option.minimum is not None and value < option.minimum) or (
            option.maximum is not None and value > option.maximum
        ):
            return option.default
        return value
    if option.choices and value not in option.choices:
        return option.default
    return value


def write(option: Option, value, settings: QSettings | None = None) -> None:
    settings = settings or qsettings()
    settings.setValue(option.key, value)
