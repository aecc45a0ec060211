"""One program per seat: an exclusive lock on `seat.lock` in the data folder, released by the OS on exit.

The lock conflicts with itself inside one process too (a second open of the file is a second owner), so work
that needs the seat to itself takes it through `holding()`, which reuses this process's lock when it has one.
"""

import contextlib
import os
from pathlib import Path

from desktop.errors import SeatBusy
from desktop.fsutil import ensure_private_dir, storage_error

if os.name == "nt":  # pragma: no cover - exercised on Windows seats
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def try_lock(fd: int) -> bool:
    """An exclusive lock on the open file `fd` without waiting (released by the OS when the process dies)."""
    return _try_lock(fd)


_held: dict[Path, "SeatLock"] = {}  # the locks this process holds, by lock file


def _key(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def held_here(path: Path) -> bool:
    """Whether this process already holds the lock on `path` (the window holds its seat's all along)."""
    return _key(path) in _held


@contextlib.contextmanager
def holding(path: Path):
    """The seat to ourselves for a piece of work: this process's lock if it holds one, else a lock of its own
    for as long as the work lasts (SeatBusy when another program has the seat)."""
    if held_here(path):
        yield
        return
    with SeatLock(path):
        yield


class SeatLock:
    """Held for as long as this process works on the seat."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> "SeatLock":
        try:
            ensure_private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise storage_error(exc, self.path) from exc
        if not _try_lock(fd):
            holder = ""
            with contextlib.suppress(OSError, ValueError, AttributeError):
                holder = f" (process {int(os.pread(fd, 32, 0).decode().strip())})"
            os.close(fd)
            raise SeatBusy(
                f"Hotline Log is already running on the data folder {self.path.parent}{holder}; "
                "use that window, or close it first."
            )
        with contextlib.suppress(OSError):  # who holds it is a courtesy: a full disk must not stop the lock
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        _held[_key(self.path)] = self
        return self

    def release(self) -> None:
        if self._fd is not None:
            if _held.get(_key(self.path)) is self:
                del _held[_key(self.path)]
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "SeatLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
