"""Writing files so that a crash, a full disk or a read-only folder never leaves half a file behind."""

import contextlib
import os
import tempfile
from pathlib import Path

from desktop.errors import StorageError
from desktop.storage import from_os_error

OWNER_ONLY = 0o600


def storage_error(exc: OSError, path: Path, reading: bool = False) -> StorageError:
    """Turn an OSError from a write (or, with `reading`, a read) of `path` into a message that says what to do:
    a full disk, a read-only folder, a permission, a lock, an I/O error (desktop/storage.py)."""
    return from_os_error(exc, path, reading=reading)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Write `data` to `path` via a temporary file, fsync and rename; the old file survives any failure."""
    path = Path(path)
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = None
        fsync_dir(path.parent)
    except OSError as exc:
        raise storage_error(exc, path) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def ensure_private_dir(path: Path) -> None:
    """Create a folder, and any missing parents, that only its owner can enter."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, path / ".") from exc


def open_private(path: Path, text: bool = False):
    """Open `path` for writing, owner-only from its creation (0600 whatever the umask; an existing file is emptied
    and made owner-only before anything is written into it). The caller turns OSError into a StorageError."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), OWNER_ONLY)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, OWNER_ONLY)
        return os.fdopen(fd, "w", encoding="utf-8", newline="\n") if text else os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise
