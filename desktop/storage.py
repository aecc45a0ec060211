"""Telling a disk that refused apart from a damaged file or a foreign key (DESIGN.md §4: never mislead).

A full disk, a read-only mount, a permission or a lock make SQLite and the OS fail in ways that look like damage
("disk I/O error", "unable to open database file", "file is not a database" on a half-opened file). Before any
message speaks of damage or of another seat's key, the failure is looked at here: by its error number or SQLite
result code first, then, for the codes that do not say why (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY), by
what the folder's disk says now (read-only flag, write permission, free space). Each refusal becomes a
`StorageError` subclass whose message names the folder and what to do, and which never points to a restore.
"""

import errno
import os
import shutil
from pathlib import Path

from desktop.errors import (
    DatabaseBusy,
    DiskFull,
    DiskIOError,
    FileLocked,
    NoPermission,
    ReadOnlyStorage,
    StorageError,
)

# Less room than this on the folder's disk makes an unexplained I/O error a full disk: a WAL-mode database needs
# 32 KiB for its shared-memory file and a page or more per write, and a backup or a vault needs more.
LOW_SPACE = 1 << 20

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14

_WINDOWS_LOCKED = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
NOT_CHANGED = "nothing was changed."


def mount_point(path: Path) -> Path:
    """The mount point of the disk holding `path` (its nearest existing folder)."""
    probe = _existing(Path(path).absolute())
    while not os.path.ismount(probe) and probe.parent != probe:
        probe = probe.parent
    return probe


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def free_bytes(path: Path) -> int | None:
    """Bytes this user may still write on the disk holding `path`, or None when the disk cannot say."""
    try:
        return shutil.disk_usage(_existing(Path(path).absolute())).free
    except OSError:
        return None


def _size(count: int | None) -> str:
    if count is None:
        return "unknown space"
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} bytes"  # pragma: no cover - the loop always returns


def _read_only_mount(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):  # Windows: a read-only drive refuses with EACCES, seen as a permission
        return False
    try:
        return bool(os.statvfs(_existing(folder)).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _writable(path: Path) -> bool:
    """Whether this user may write `path` (a folder: create files in it). Root passes unless the mount is
    read-only, as the kernel decides."""
    try:
        return os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0))
    except OSError:
        return False


def disk_full(path: Path, outcome: str = NOT_CHANGED) -> DiskFull:
    folder, mount = Path(path).absolute().parent, mount_point(path)
    return DiskFull(
        f"The disk holding {folder} is full ({_size(free_bytes(folder))} free on {mount}); {outcome} "
        f"Free space on {mount} (delete or move files there), then try again.",
        folder,
        mount,
    )


def read_only(path: Path, outcome: str = NOT_CHANGED) -> ReadOnlyStorage:
    folder, mount = Path(path).absolute().parent, mount_point(path)
    return ReadOnlyStorage(
        f"The folder {folder} cannot be written: its disk ({mount}) is read-only; {outcome} "
        "Make the disk writable again (mount it read-write, or slide a card's or USB drive's lock off), "
        "then try again.",
        folder,
        mount,
    )


def no_permission(
    path: Path, outcome: str = NOT_CHANGED, reading: bool = False, the_file: bool = False
) -> NoPermission:
    """`the_file`: the folder takes files, but this file of it refuses to be written."""
    path = Path(path).absolute()
    folder, mount = path.parent, mount_point(path)
    if reading or the_file:
        what = f"The file {path} cannot be {'read' if reading else 'written'}"
    else:
        what = f"The folder {folder} cannot be written"
    return NoPermission(
        f"{what}: this computer account has no permission; {outcome} Give the account that runs Hotline Log "
        f"access to {folder} (its owner or an administrator can), then try again.",
        folder,
        mount,
    )


def locked(path: Path, outcome: str = NOT_CHANGED) -> FileLocked:
    path = Path(path).absolute()
    return FileLocked(
        f"The file {path} is locked by another program (a backup tool, a virus scanner, or a second Hotline "
        f"Log); {outcome} Close that program or wait for it, then try again.",
        path.parent,
        mount_point(path),
    )


def io_error(path: Path, outcome: str = NOT_CHANGED, detail: str = "") -> DiskIOError:
    path = Path(path).absolute()
    mount = mount_point(path)
    said = f" ({detail})" if detail else ""
    return DiskIOError(
        f"The disk holding {path.parent} reported an input/output error on {path.name}{said}; {outcome} "
        f"The disk ({mount}) or its cable may be failing: copy the seat's folder to another disk if you can and "
        "tell the admin. Do not restore a backup onto this disk.",
        path.parent,
        mount,
    )


def explain(path: Path, outcome: str = NOT_CHANGED) -> StorageError | None:
    """What the disk says about writing `path` now: read-only, not allowed, or (almost) full; None when it
    sees nothing wrong. Used where the error itself does not say why (an I/O error, a file that will not open)."""
    path = Path(path).absolute()
    folder = _existing(path.parent)
    if _read_only_mount(folder):
        return read_only(path, outcome)
    if not _writable(folder):
        return no_permission(path, outcome)
    for companion in (path.with_name(path.name + extra) for extra in ("", "-wal", "-shm")):
        if companion.exists() and not _writable(companion):
            return no_permission(companion, outcome, the_file=True)
    free = free_bytes(folder)
    if free is not None and free < LOW_SPACE:
        return disk_full(path, outcome)
    return None


def from_os_error(exc: OSError, path: Path, outcome: str = NOT_CHANGED, reading: bool = False) -> StorageError:
    """An OSError of a read or write of `path`, as the refusal it is."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return disk_full(path, outcome)
    if code == errno.EROFS:
        return read_only(path, outcome)
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED or code in (errno.EBUSY, errno.ETXTBSY):
        return locked(path, outcome)
    if code in (errno.EACCES, errno.EPERM):
        if not reading and _read_only_mount(Path(path).absolute().parent):
            return read_only(path, outcome)
        return no_permission(path, outcome, reading)
    if code == errno.EIO:
        return explain(path, outcome) or io_error(path, outcome, exc.strerror or "")
    return StorageError(
        f"{'Reading' if reading else 'Writing'} {Path(path).absolute()} failed ({exc.strerror or exc}); {outcome} "
        "Check the disk and the folder, then try again.",
        Path(path).absolute().parent,
        mount_point(path),
    )


def sqlite_code(exc: Exception) -> int | None:
    """The primary SQLite result code of an sqlite error, or None when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def from_sqlite_error(exc: Exception, path: Path, outcome: str = NOT_CHANGED) -> StorageError | None:
    """An sqlite error on the database at `path` as a refusal of the disk, or None when it is not one (damage,
    a wrong key, a bug: the caller says those)."""
    code = sqlite_code(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(
            f"The database {Path(path).absolute()} is busy: another task or program holds it (the nightly clean-up, "
            f"an import, a backup, a second Hotline Log); {outcome} Try again in a moment.",
            Path(path).absolute().parent,
        )
    if code == SQLITE_FULL:
        return disk_full(path, outcome)
    if code == SQLITE_PERM:
        return no_permission(path, outcome)
    if code == SQLITE_READONLY:
        return explain(path, outcome) or no_permission(path, outcome)
    if code == SQLITE_CANTOPEN:
        return explain(path, outcome) or StorageError(
            f"The database file {Path(path).absolute()} cannot be opened ({exc}); {outcome} Check that its folder "
            "is there and that this computer account may open it, then try again.",
            Path(path).absolute().parent,
            mount_point(path),
        )
    if code == SQLITE_IOERR:
        return explain(path, outcome) or io_error(path, outcome, str(exc))
    return None


def about(exc: StorageError, path: Path, outcome: str = NOT_CHANGED) -> StorageError:
    """The same refusal told about `path`: a temporary file's full disk becomes the full disk of the file or
    folder the person knows (the backup they chose, the seat's own folder)."""
    if isinstance(exc, DatabaseBusy):
        return exc
    for kind, make in (
        (DiskFull, disk_full),
        (ReadOnlyStorage, read_only),
        (NoPermission, no_permission),
        (FileLocked, locked),
        (DiskIOError, io_error),
    ):
        if isinstance(exc, kind):
            return make(path, outcome)
    return exc
