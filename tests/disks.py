"""Real storage faults for tests: a small disk of its own (a 2 MiB tmpfs) that a test fills or makes read-only.

Mounting needs root (CAP_SYS_ADMIN); elsewhere the tests that need it are skipped and say why. Injection (a
monkeypatched OSError or sqlite error) is used only where no real fault can be made: a permission for root, an
I/O error of a healthy disk.
"""

import contextlib
import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

NOBODY = 65534


class SmallDisk:
    """A mounted tmpfs at `root`: fill() it to the last byte, make it read_only() or writable() again."""

    def __init__(self, root: Path):
        self.root = root
        self._filler = root / "filler"

    def _remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.root)], check=True, capture_output=True)

    def fill(self) -> None:
        """Write until the disk says ENOSPC: every byte is taken, as on a disk that filled up."""
        block = b"\0" * 4096
        with open(self._filler, "ab", buffering=0) as handle:
            while True:
                try:
                    handle.write(block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
        small = b"\0"
        with contextlib.suppress(OSError), open(self._filler, "ab", buffering=0) as handle:
            while handle.write(small):
                pass
        assert shutil.disk_usage(self.root).free == 0

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def read_only(self) -> None:
        self._remount("ro")

    def writable(self) -> None:
        self._remount("rw")


def _can_mount() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "a real full or read-only disk needs root to mount a small tmpfs; this test runs as another user"
    if shutil.which("mount") is None:
        return "no `mount` command on this machine"
    return None


@contextlib.contextmanager
def mounted_small_disk():
    """A 2 MiB tmpfs mounted for one test (world-traversable, so a test may run a command as `nobody`), unmounted
    afterwards; the test is skipped, with the reason, when it cannot be mounted. Test modules wrap it in a
    fixture of their own: `with mounted_small_disk() as disk: yield disk`."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="hotline-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(root)], capture_output=True, text=True
    )
    if mounted.returncode:
        root.rmdir()
        pytest.skip(f"mounting a small tmpfs failed here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(root)], capture_output=True)
        if subprocess.run(["umount", str(root)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(root)], capture_output=True)  # a file still open: detach it
        with contextlib.suppress(OSError):
            root.rmdir()
