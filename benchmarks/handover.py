"""The handover summary's budget (DESIGN.md §10): a shift of 200 calls laid out as a PDF in under 1.5 s.

    python -m benchmarks.handover [--calls 200 500] [--repeat 5]

A seat is set up in a temporary folder; a lead opens a shift, generated calls are saved into it (one in
ten high risk with a crisis action, a referral and a follow-up), the lead closes it with a note. The
figure is the median of `--repeat` runs of gathering the shift's data and rendering the PDF, in Chinese.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring

from benchmarks.generate import generate
from benchmarks.report import Row, table
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.exchange import parse_call
from desktop.reports.handover import render_handover
from desktop.reports.handover_data import gather
from desktop.seat import Seat
from desktop.shifts import ShiftService
from desktop.taxonomy import load_taxonomy
from tests.memory_keyring import MemoryKeyring

BUDGET_S = 1.5


def shift_of(session, calls: int) -> int:
    """A closed shift of `calls` generated calls, saved one by one as a seat would."""
    now = datetime.now(UTC)
    opened = now - timedelta(hours=12)
    shift = ShiftService(session).open(["C001", "C002", "C003"], now + timedelta(hours=1), now=opened)
    taxonomy, service = load_taxonomy(), CallService(session)
    for number, line in enumerate(generate(calls, 7, opened.date(), 1)):
        form, _ = parse_call(line, taxonomy)
        length = (form.ended_at - form.started_at) if form.ended_at else timedelta(minutes=20)
        form.started_at = opened + timedelta(seconds=number * 12 * 3600 // calls)
        form.ended_at = form.started_at + length
        for action in form.crisis_actions:
            action.at = form.started_at + timedelta(minutes=5)
        for follow_up in form.follow_ups:
            follow_up.due_at = now + timedelta(hours=2)
        service.save(form)
    ShiftService(session).close("交接：注意高危来电的回访。" * 20, now=now)
    return shift.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.handover", description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, nargs="+", default=[200, 500])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    keyring.set_keyring(MemoryKeyring())
    rows = []
    for calls in args.calls:
        with tempfile.TemporaryDirectory(prefix="hotline-handover-") as home:
            session, _ = Seat.init(SeatPaths(Path(home)), "基准席位", "A001", "管理员", "benchmark-password-1")
            with session:
                shift_id = shift_of(session, calls)
                samples, pages = [], 0
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    pdf = render_handover(gather(session, shift_id), "zh")
                    samples.append(time.perf_counter() - start)
                    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        median = statistics.median(samples)
        label = f"handover PDF, shift of {calls} calls (~{pages} pages), median of {args.repeat}"
        rows.append(Row(label, median, budget=f"< {BUDGET_S} s" if calls == 200 else "–",
                        passed=median < BUDGET_S if calls == 200 else None))  # fmt: skip
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
