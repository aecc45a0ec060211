"""Rotating log file in the platform log folder. Never log keys, passwords, codes or note text."""

import logging
import os
from pathlib import Path

from desktop.errors import StorageError
from desktop.fsutil import OWNER_ONLY, ensure_private_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingFile(logging.FileHandler):
    """A log file that moves aside when the next record would take it past `max_bytes`: `NAME.1` is the one
    before, up to `NAME.{backups}`, as `logging.handlers.RotatingFileHandler` keeps them. That module brings
    sockets, pickle and queues with it, a sixth of what the program imports before its log-in window is
    painted (DESIGN.md §10), for this one rule."""

    _hotline_log = True

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def _open(self):
        """Owner-only from the creation of every file it makes (the first one and each after a rotation)."""
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_ONLY)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, OWNER_ONLY)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115 - the handler owns it

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A record the disk refused is dropped quietly: logging's default prints a traceback to stderr, which
        would break the command line's one-line error exactly when the disk is full or read-only."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() and self._too_long(record):
                self._rotate()
        except Exception:  # as logging's own handlers do: a log that fails never stops the program
            self.handleError(record)
            return
        super().emit(record)

    def doRollover(self) -> None:  # noqa: N802 - the name logging.handlers gives it
        """Move the file aside now, as a rotation would."""
        if self.stream is None:
            self.stream = self._open()
        self._rotate()

    def _too_long(self, record: logging.LogRecord) -> bool:
        return self.stream.tell() + len((self.format(record) + self.terminator).encode("utf-8")) > self.max_bytes

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # FileHandler.emit opens the file again
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        os.replace(base, f"{base}.1")


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
        handler = RotatingFile(path)
    except (OSError, StorageError):
        # No log file (a full or read-only disk): records go nowhere rather than to stderr through logging's
        # last resort, so the command line's error stays one line.
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
