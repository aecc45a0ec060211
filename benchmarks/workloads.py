"""The storage workloads, each run on both databases with the operations interleaved one by one.

A round opens a fresh pair of databases and runs every workload once; `run_round` returns, per workload,
one figure in seconds for each database. Alternating the databases operation by operation (and which one
goes first, round by round) makes noise from the machine land on both sides alike.
"""

import random
import shutil
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.engines import ENCRYPTED, PLAIN, Database, open_pair
from benchmarks.notes import KINDS, note_text
from benchmarks.timing import timed

INSERT = "INSERT INTO bench_call (started_at, kind, notes) VALUES (?, ?, ?)"
PAGE = (
    "SELECT id, started_at, kind, notes FROM bench_call"
    " WHERE started_at >= ? AND started_at <= ? ORDER BY started_at LIMIT 50"
)
SCAN = "SELECT count(*) FROM bench_call WHERE kind = ?"  # no index on kind: every table page is read
PAGE_ROWS = 50
RATIO_BUDGET = 1.3  # DESIGN.md §10: encrypted over plain SQLite on the same benchmark
_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Settings:
    rows: int
    batch: int
    saves: int
    reads: int
    scans: int
    seed: int


@dataclass(frozen=True)
class Workload:
    name: str
    label: str


def workloads(settings: Settings) -> tuple[Workload, ...]:
    return (
        Workload("save", "save a call (1 row + commit), median"),
        Workload("bulk", f"bulk insert {settings.rows:,} rows, {settings.batch:,} per txn"),
        Workload("page", f"list page ({PAGE_ROWS} rows by started_at), median"),
        Workload("scan", f"full scan count ({settings.rows + settings.saves:,} rows), median"),
    )


def make_calls(rng: random.Random, count: int, start: datetime) -> list[tuple[str, str, str]]:
    """`count` calls in time order, a few minutes to half an hour apart, as a seat records them."""
    calls, at = [], start
    for _ in range(count):
        at += timedelta(seconds=rng.randrange(60, 1800))
        stamp = at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        calls.append((stamp, rng.choice(KINDS), note_text(rng)))
    return calls


def page_windows(rng: random.Random, stamps: list[str], count: int) -> list[tuple[str, str]]:
    """Time windows at random places, each holding a few more rows than one page."""
    span = PAGE_ROWS + 10
    starts = [rng.randrange(len(stamps) - span) for _ in range(count)]
    return [(stamps[i], stamps[i + span - 1]) for i in starts]


def _order(dbs: dict[str, Database], round_index: int) -> list[Database]:
    order = list(dbs.values())
    return order if round_index % 2 == 0 else order[::-1]


def _insert_batch(db: Database, rows: list[tuple]) -> None:
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.executemany(INSERT, rows)
    db.conn.execute("COMMIT")


def _count(db: Database, kind: str) -> int:
    return db.conn.execute(SCAN, (kind,)).fetchone()[0]


def _page(db: Database, window: tuple[str, str]) -> None:
    if len(db.conn.execute(PAGE, window).fetchall()) != PAGE_ROWS:
        raise AssertionError(f"{db.engine}: a list page did not return {PAGE_ROWS} rows")


def bulk(order: list[Database], calls: list[tuple], batch: int) -> dict[str, float]:
    totals = {db.engine: 0.0 for db in order}
    for first in range(0, len(calls), batch):
        rows = calls[first : first + batch]
        for db in order:
            totals[db.engine] += timed(_insert_batch, db, rows)
    return totals


def save(order: list[Database], calls: list[tuple]) -> dict[str, float]:
    samples = {db.engine: [] for db in order}
    for call in calls:
        for db in order:
            samples[db.engine].append(timed(_insert_batch, db, [call]))
    return {engine: statistics.median(times) for engine, times in samples.items()}


def page(order: list[Database], windows: list[tuple[str, str]]) -> dict[str, float]:
    samples = {db.engine: [] for db in order}
    for window in windows:
        for db in order:
            samples[db.engine].append(timed(_page, db, window))
    return {engine: statistics.median(times) for engine, times in samples.items()}


def scan(order: list[Database], count: int, kind: str) -> dict[str, float]:
    counts = {_count(db, kind) for db in order}
    if len(counts) != 1:
        raise AssertionError(f"the databases disagree on the row count: {sorted(counts)}")
    samples = {db.engine: [] for db in order}
    for _ in range(count):
        for db in order:
            samples[db.engine].append(timed(_count, db, kind))
    return {engine: statistics.median(times) for engine, times in samples.items()}


def run_round(folder: Path, settings: Settings, round_index: int) -> dict[str, dict[str, float]]:
    """One round in `folder`: every workload on a fresh encrypted and a fresh plain database."""
    rng = random.Random(settings.seed + round_index)
    calls = make_calls(rng, settings.rows, _EPOCH)
    later = make_calls(rng, settings.saves, datetime.fromisoformat(calls[-1][0]))
    windows = page_windows(rng, [c[0] for c in calls], settings.reads)
    folder.mkdir()
    dbs = open_pair(folder)
    try:
        order = _order(dbs, round_index)
        return {
            "bulk": bulk(order, calls, settings.batch),
            "save": save(order, later),
            "page": page(order, windows),
            "scan": scan(order, settings.scans, "silent"),
        }
    finally:
        for db in dbs.values():
            db.close()
        shutil.rmtree(folder)


def aggregate(rounds: list[dict[str, dict[str, float]]], name: str) -> dict:
    """One workload over all rounds: each side's median, and the median of the rounds' own ratios
    (a round's two figures were measured side by side, so their ratio is the fair comparison)."""
    encrypted = [r[name][ENCRYPTED] for r in rounds]
    plain = [r[name][PLAIN] for r in rounds]
    ratios = [e / p for e, p in zip(encrypted, plain, strict=True)]
    ratio = statistics.median(ratios)
    return {
        "encrypted_s": statistics.median(encrypted),
        "plain_s": statistics.median(plain),
        "ratio": ratio,
        "budget_ratio": RATIO_BUDGET,
        "passed": ratio <= RATIO_BUDGET,
        "rounds": {"encrypted_s": encrypted, "plain_s": plain, "ratio": ratios},
    }
