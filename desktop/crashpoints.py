"""Named points inside writes of several steps (a vault change, a restore, a backup), where a test kills the
process to prove that the next start finds both steps or neither, or finishes what was begun.

Inert in the program: `reached()` does nothing unless a hook was installed, and only the test driver
`tests/crash_at.py` installs one (it sends SIGKILL to its own process at the named point, which is what a
`kill -9` from outside does at that instant: no `finally`, no clean-up). Nothing in the environment can
switch it on.
"""

from collections.abc import Callable

_hook: Callable[[str], None] | None = None


def reached(name: str) -> None:
    if _hook is not None:
        _hook(name)


def install(hook: Callable[[str], None] | None) -> None:
    """For tests only: call `hook(name)` at every point (None removes it)."""
    global _hook
    _hook = hook
