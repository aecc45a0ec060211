"""One seat's process for the three-seat test: import a file, then save calls and sync in turns, whatever the
centre does meanwhile. `python tests/center_worker.py HOME FILE ROUNDS` (HOTLINE_LOG_USER/PASSWORD set)."""

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.call_model import CallInput  # noqa: E402
from desktop.calls import CallService  # noqa: E402
from desktop.center import sync  # noqa: E402
from desktop.center.connect import CenterUnreachable  # noqa: E402
from desktop.config import SeatPaths  # noqa: E402
from desktop.exchange import import_file  # noqa: E402
from desktop.seat import Seat  # noqa: E402


def main(home: str, file: str, rounds: int) -> int:
    session = Seat(SeatPaths(home)).login(os.environ["HOTLINE_LOG_USER"], os.environ["HOTLINE_LOG_PASSWORD"])
    import_file(session, Path(file))
    service = CallService(session)
    start = datetime(2025, 5, 20, 1, tzinfo=UTC)
    failures = 0
    for i in range(rounds):
        for j in range(5):
            began = start + timedelta(minutes=7 * (5 * i + j))
            service.save(
                CallInput(
                    kind="counselling",
                    started_at=began,
                    ended_at=began + timedelta(minutes=5),
                    concerns=["work.stress"],
                    summary="三席测试摘要",
                    notes="三席测试笔记",
                )
            )
        try:
            sync.sync(session.store, batch=20)
        except CenterUnreachable:
            failures += 1
    session.close()
    print(f"unreachable {failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
