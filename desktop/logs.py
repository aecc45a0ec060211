"""Rotating log file in the platform log folder. Never log keys, passwords, codes or note text."""

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

from desktop.errors import StorageError
from desktop.fsutil import ensure_private_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except (OSError, StorageError):
        return None
    handler._hotline_log = True
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return path
