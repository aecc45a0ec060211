"""The centre's handover budget (DESIGN.md §10): the handover PDF of a centre shift of 20 seats and 400 calls in
under 3 s, measured (never asserted) against a throwaway PostgreSQL of its own (tests/centre_pg.py).

    .venv/bin/python -m benchmarks.centre_handover [--seats 20] [--calls 400] [--repeat 5]

Seat A is a real enrolled seat; its lead opens the centre's shift. The other seats' rows, and the calls of all
of them, go straight into the centre's tables as a sync would leave them (one call in ten high risk, with a
crisis action, a referral and a follow-up whose note is sealed under the centre's key; every seat with a
reported audit head), spread over the shift's eight hours, and the lead closes the shift with a note. The
figure is the median of `--repeat` runs of what `handover --center --last` does: gather at the centre
(`line.center_handover`) and lay out the PDF, in Chinese.
"""

import argparse
import hashlib
import statistics as stat
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import keyring

from desktop.center import enrol, line, link, sync
from desktop.center.seal import seal
from desktop.config import SeatPaths
from desktop.reports.center_handover_pdf import render_bytes
from desktop.seat import Seat
from tests import centre_pg
from tests.memory_keyring import MemoryKeyring

BUDGET_S = 3.0
CONCERNS = (["study.exam", "mental.sleep"], ["family.conflict"], ["work.stress", "mental.anxiety"])


def fill(cluster, db: str, session, seats: int, calls: int) -> None:
    """`seats - 1` further seats and `calls` calls of every seat in the open centre shift (moved 8 h back)."""
    import psycopg

    key = link.active(session.store).data_key
    with psycopg.connect(cluster.superuser_dsn(db)) as conn:
        conn.execute(
            "INSERT INTO center.seat (name, role_name, state, enrolled_at, last_sync)"
            " SELECT '席位' || g, 'bench_seat_' || g, 'active', now(), now() FROM generate_series(2, %s) g",
            (seats,),
        )
        conn.execute("UPDATE center.line_shift SET started_at = now() - interval '8 hours' WHERE ended_at IS NULL")
        ids = [r[0] for r in conn.execute("SELECT id FROM center.seat ORDER BY id")]
        for seat_id in ids:
            digest = hashlib.sha256(str(seat_id).encode()).hexdigest()
            conn.execute(
                "INSERT INTO center.seat_head (seat_id, seq, hash, seat_at) VALUES (%s, 1000, %s, now())"
                " ON CONFLICT DO NOTHING",
                (seat_id, digest),
            )
        for i in range(calls):
            call, seat_id, high = str(uuid.uuid4()), ids[i % len(ids)], i % 10 == 0
            offset = timedelta(seconds=8 * 3600 * (i + 0.5) / calls)
            conn.execute(
                "INSERT INTO center.call (uuid, seat_id, version, counselor, started_at, ended_at, kind, age_band,"
                " gender, region, case_code, concerns, emotions, computed_level, risk_level, summary)"
                " VALUES (%s, %s, 1, %s, now() - interval '8 hours' + %s, now() - interval '8 hours' + %s"
                " + interval '25 minutes', 'counselling', '18_24', 'female', '110000', %s, %s, '{anxiety}', %s, %s,"
                " %s)",
                (call, seat_id, f"C{i % 60:03d}", offset, offset, f"K{i % 10}Q-{i % 7}9M" if high else None,
                 CONCERNS[i % 3], "high" if high else "low", "high" if high else "low",
                 seal(key, "call", call, "summary", "来电者说最近失眠，考试压力大。" * 4)),
            )  # fmt: skip
            if high:
                conn.execute(
                    "INSERT INTO center.crisis_action (call_uuid, n, seat_id, action, at, outcome)"
                    " VALUES (%s, 1, %s, 'stayed_on_line', now() - interval '7 hours', 'safe')",
                    (call, seat_id),
                )
                conn.execute(
                    "INSERT INTO center.referral (call_uuid, n, seat_id, kind, urgency, status)"
                    " VALUES (%s, 1, %s, 'psychiatric_outpatient', 'soon', 'suggested')",
                    (call, seat_id),
                )
                follow_up = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO center.follow_up (uuid, call_uuid, seat_id, version, due_at, owner, note,"
                    " created_at) VALUES (%s, %s, %s, 1, now() + interval '2 hours', '@lead', %s, now())",
                    (follow_up, call, seat_id, seal(key, "follow_up", follow_up, "note", "明早回访，确认安全。")),
                )
    cluster.admin("ANALYZE", db)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    keyring.set_keyring(MemoryKeyring())
    cluster = centre_pg.start_cluster(centre_pg.find_bindir())
    try:
        db = cluster.fresh_database()
        work = Path(tempfile.mkdtemp(prefix="hotline-centre-handover-"))
        lead = Seat.init(SeatPaths(work / "a"), "席位1", "A001", "管理员", "admin-pass-1")[0]
        enrol.init_center(lead, cluster.superuser_dsn(db))
        sync.sync(lead.store)
        line.open_shift(lead, "A001", [f"C{i:03d}" for i in range(60)])
        fill(cluster, db, lead, args.seats, args.calls)
        line.close_shift(lead, "交接：注意高危来电的回访。" * 20)
        cluster.admin("UPDATE center.seat SET last_sync = now()", db)  # every seat synced after the close
        laps, gathers, size = [], [], 0
        for _ in range(args.repeat):
            began = time.perf_counter()
            data = line.center_handover(lead, last=True)
            gathers.append(time.perf_counter() - began)
            size = len(render_bytes(data, "zh_CN"))
            laps.append(time.perf_counter() - began)
        median = stat.median(laps)
        verdict = "pass" if median < BUDGET_S else "fail"
        print(
            f"centre handover PDF, {len(data.seat_heads)} seats, {data.calls:,} calls "
            f"({len(data.risk_calls)} high risk, {size / 1024:.0f} KiB): median of {args.repeat} "
            f"{median:.2f} s (min {min(laps):.2f} s)  budget {BUDGET_S:.0f} s: {verdict}"
        )
        print(f"  of which gathering at the centre: {stat.median(gathers):.3f} s, the rest the PDF's layout")
        lead.close()
    finally:
        centre_pg.stop_cluster(cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
