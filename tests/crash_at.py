"""`python tests/crash_at.py POINT ARGS…`: `main.py ARGS…`, killed with SIGKILL when it reaches the named point
of desktop/crashpoints.py (as `kill -9` from outside would at that instant: no clean-up runs).

Why a named point rather than a kill after a delay: the windows between two steps of a vault change or a
restore last a millisecond or less, so a timed kill lands on them by luck; at a named point it lands there every
run, and the test can say which step it proves. The kill itself is real: SIGKILL to our own process.
"""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import crashpoints  # noqa: E402


def _kill_at(point: str):
    def hook(name: str) -> None:
        if name == point:
            print(f"killed at {name}", file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


if __name__ == "__main__":
    crashpoints.install(_kill_at(sys.argv[1]))
    from desktop.cli import main

    sys.exit(main(sys.argv[2:]))
