"""What the process does before anything else so that nothing of a call leaks through the operating system.

- **Owner-only files from their creation.** The umask is 0o077, so every file and folder the process makes (a
  SQLite file, a Qt settings file, a file a library writes) is its owner's alone even where the code did not ask;
  the program's own writers also ask for 0600 explicitly (desktop/fsutil.py), so the umask is a second lock.
- **No core dumps.** A core dump of the window holds the raw database key and unsaved, unredacted notes. On POSIX
  RLIMIT_CORE is set to 0 (soft and hard, so nothing in the process can raise it again); on Linux the process is
  also made not dumpable (prctl PR_SET_DUMPABLE 0), which stops the kernel's core_pattern pipe (systemd-coredump,
  apport) as well, and keeps other processes of the same user from attaching a debugger or reading its memory
  through /proc. On Windows nothing equivalent is needed: Windows writes no core dump by itself; Windows Error
  Reporting writes a minidump of a crashing program only where an administrator configured LocalDumps, and this
  program writes none of its own.
"""

import contextlib
import logging
import os
import sys

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def harden_process() -> None:
    """Owner-only umask and no core dumps, for this process and what it starts. Call first in main()."""
    os.umask(PRIVATE_UMASK)
    disable_core_dumps()


def disable_core_dumps() -> None:
    try:
        import resource
    except ImportError:  # Windows: see the module's docstring
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)


def dumpable() -> int | None:
    """PR_GET_DUMPABLE of this process on Linux (0: no core dump, no ptrace by the same user), else None."""
    return _prctl(PR_GET_DUMPABLE, 0) if sys.platform.startswith("linux") else None


def _prctl(option: int, value: int) -> int | None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0)
    except (OSError, AttributeError):
        return None
    if result < 0:
        log.warning("prctl(%d) failed (errno %d)", option, ctypes.get_errno())
        return None
    return result
