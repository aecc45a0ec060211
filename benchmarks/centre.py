"""The centre's budgets of DESIGN.md §10, measured (never asserted) against a throwaway PostgreSQL of its own
(tests/centre_pg.py) or `--dsn` (a superuser's, TLS):

- save → visible at the centre, seat online (a save, then the sync the window's worker runs after it): median;
- a seat back after 30 days offline (`--offline` calls, about 1,000) caught up: one `sync`;
- one month's statistics over `--calls` calls of 1,000 seats, generated straight into PostgreSQL;
- the cost a save pays for its outbox entry: median save, encrypted seat, enrolled and not.

    .venv/bin/python -m benchmarks.centre [--calls 1000000] [--offline 1000] [--saves 100]
"""

import argparse
import statistics as stat
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring

from desktop.call_model import CallInput
from desktop.calls import CallService
from desktop.center import enrol, link, sync
from desktop.center.stats import center_statistics
from desktop.config import SeatPaths
from desktop.seat import Seat
from tests import centre_pg
from tests.memory_keyring import MemoryKeyring


def _form(i: int) -> CallInput:
    began = datetime(2025, 5, 1, tzinfo=UTC) + timedelta(minutes=3 * i)
    return CallInput(
        kind="counselling",
        started_at=began,
        ended_at=began + timedelta(minutes=20),
        concerns=["study.exam", "mental.sleep"],
        emotions=["anxiety"],
        summary="考试前睡不着。" * 5,
        notes="来电者说最近失眠。" * 20,
        age_band="18_24",
        gender="female",
        region="110000",
    )


def _seat(folder: Path, name: str):
    return Seat.init(SeatPaths(folder), name, "A001", "管理员", "admin-pass-1")[0]


def _median_ms(fn, times: int) -> float:
    laps = []
    for i in range(times):
        began = time.perf_counter()
        fn(i)
        laps.append((time.perf_counter() - began) * 1000)
    return stat.median(laps)


def generate(cluster_admin, db: str, calls: int) -> None:
    """`calls` calls of 1,000 seats over the year 2025, straight into the centre's tables."""
    cluster_admin(
        "INSERT INTO center.seat (name, role_name, state) SELECT 'bench-' || g, 'bench_role_' || g, 'active'"
        " FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING",
        db,
    )
    # Placing each call in its centre shift (a trigger, centre schema 6) is the seats' way in; generated
    # months go in without it, so the figure is the statistics' own.
    cluster_admin("ALTER TABLE center.call DISABLE TRIGGER call_in_line_shift", db)
    cluster_admin(
        "INSERT INTO center.call (uuid, seat_id, version, counselor, started_at, ended_at, kind, age_band, gender,"
        " region, concerns, emotions, risk_level)"
        " SELECT gen_random_uuid(), s.id, 1, 'C' || (g % 40), t, t + ((g % 3600) || ' seconds')::interval,"
        " (ARRAY['counselling','information','silent','hang_up'])[1 + g % 4],"
        " (ARRAY['18_24','25_34','35_44','unknown'])[1 + g % 4], (ARRAY['female','male','unknown'])[1 + g % 3],"
        " (ARRAY['110000','310000','440000','unknown'])[1 + g % 4],"
        " (ARRAY[ARRAY['study.exam','mental.sleep'], ARRAY['family.conflict','work.stress']])[1 + g % 2:1 + g % 2],"
        " ARRAY['anxiety'], (ARRAY['none','low','moderate','high'])[1 + g % 4]"
        f" FROM generate_series(1, {calls}) g"
        " CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 00:00+08'"
        " + (g::float8 / %s * 365) * interval '1 day' AS t) x"
        " JOIN center.seat s ON s.name = 'bench-' || (1 + g % 1000)".replace("%s", str(calls)),
        db,
    )
    cluster_admin("ALTER TABLE center.call ENABLE TRIGGER call_in_line_shift", db)
    cluster_admin("VACUUM ANALYZE center.call", db)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--offline", type=int, default=1_000)
    parser.add_argument("--saves", type=int, default=100)
    args = parser.parse_args(argv)
    keyring.set_keyring(MemoryKeyring())
    cluster = centre_pg.start_cluster(centre_pg.find_bindir())
    try:
        db = cluster.fresh_database()
        work = Path(tempfile.mkdtemp(prefix="hotline-centre-bench-"))
        island = _seat(work / "island", "孤岛")
        service = CallService(island)
        plain = _median_ms(lambda i: service.save(_form(i)), args.saves)
        seat = _seat(work / "a", "席位A")
        enrol.init_center(seat, cluster.superuser_dsn(db))
        service = CallService(seat)
        with_outbox = _median_ms(lambda i: service.save(_form(i)), args.saves)
        sync.sync(seat.store)
        visible = _median_ms(lambda i: (service.save(_form(10_000 + i)), sync.sync(seat.store)), 30)
        for i in range(args.offline):
            service.save(_form(20_000 + i))
        waiting = link.backlog(seat.store).pending
        began = time.perf_counter()
        sync.sync(seat.store)
        catch_up = time.perf_counter() - began
        print(f"generating {args.calls:,} calls at the centre …", file=sys.stderr)
        began = time.perf_counter()
        generate(cluster.admin, db, args.calls)
        generated = time.perf_counter() - began
        with sync.open_link(link.active(seat.store)) as conn:
            center_statistics(conn, date(2025, 5, 1), date(2025, 5, 31))  # warm the cache once
            laps = []
            for _ in range(5):
                began = time.perf_counter()
                month = center_statistics(conn, date(2025, 5, 1), date(2025, 5, 31))
                laps.append(time.perf_counter() - began)
        print(f"save, island seat (median of {args.saves}):          {plain:8.2f} ms")
        print(
            f"save, enrolled seat with its outbox entry:        {with_outbox:8.2f} ms  (+{with_outbox - plain:.2f} ms)"
        )
        print(f"save → visible at the centre (median of 30):      {visible:8.2f} ms  budget 2,000 ms")
        print(f"{waiting:,} records after days offline caught up in:  {catch_up:8.2f} s   budget 30 s")
        print(
            f"month statistics, {month['calls_total']:,} of {args.calls:,} calls: "
            f"{stat.median(laps):8.3f} s   budget 1 s"
            f"  (generated in {generated:.0f} s)"
        )
    finally:
        centre_pg.stop_cluster(cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
