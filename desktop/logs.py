"""Rotating log file in the platform log folder. Never log keys, passwords, codes or note text."""

import logging
import logging.handlers
import os
from pathlib import Path

from desktop.errors import StorageError
from desktop.fsutil import OWNER_ONLY, ensure_private_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateLogHandler(logging.handlers.RotatingFileHandler):
    """The rotating log, owner-only from the creation of every file it makes (the first one and each after a
    rollover), and quiet when the disk refuses a record: logging's default prints a traceback to stderr, which
    would break the command line's one-line error exactly when the disk is full or read-only."""

    _hotline_log = True

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_ONLY)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, OWNER_ONLY)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115 - the handler owns it

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A record the disk refused is dropped: the log is the program's diary, never a reason to fail."""


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send this process's log records to `log_dir/hotline-log.log`; returns the file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in root.handlers:
        if getattr(handler, "_hotline_log", False):
            return Path(handler.baseFilename)
    try:
        ensure_private_dir(log_dir)
        path = log_dir / "hotline-log.log"
        handler = PrivateLogHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except (OSError, StorageError):
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
