"""Run the benchmarks: `python -m benchmarks.run [--rows N] [--repeat K] [--json PATH]` from the project root.

Budgets are reported, never asserted: the exit status is 0 unless the benchmark itself fails.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import keyring

from benchmarks import login, report, workloads
from benchmarks.report import Row
from benchmarks.workloads import RATIO_BUDGET, Settings
from tests.memory_keyring import MemoryKeyring

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Log-in time, and an encrypted seat database against plain SQLite doing the same work.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=20_000, help="rows bulk-inserted per round")
    parser.add_argument("--repeat", type=int, default=7, help="log-ins timed, and rounds of the storage workloads")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the results go")
    parser.add_argument("--batch", type=int, default=1_000, help="rows per transaction in the bulk insert")
    parser.add_argument("--saves", type=int, default=500, help="single-row saves timed per round")
    parser.add_argument("--reads", type=int, default=500, help="list pages read per round")
    parser.add_argument("--scans", type=int, default=7, help="full scans timed per round")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated calls")
    args = parser.parse_args(argv)
    if args.rows < 100 or args.repeat < 1 or min(args.batch, args.saves, args.reads, args.scans) < 1:
        parser.error("--rows must be at least 100, and the counts at least 1")
    return args


def measure(args: argparse.Namespace, folder: Path) -> dict:
    """Every figure, in seconds: log-in first, then the storage rounds."""
    settings = Settings(args.rows, args.batch, args.saves, args.reads, args.scans, args.seed)
    progress(f"log-in: setting up a seat, then {args.repeat} log-ins")
    samples = login.measure_login(folder / "seat", args.repeat)
    rounds = []
    for index in range(args.repeat):
        progress(f"storage: round {index + 1} of {args.repeat}, {args.rows:,} rows on each side")
        rounds.append(workloads.run_round(folder / f"round-{index + 1}", settings, index))
    storage = {}
    for workload in workloads.workloads(settings):
        storage[workload.name] = {"label": workload.label, **workloads.aggregate(rounds, workload.name)}
    return {"settings": vars(settings), "login": login.summarize(samples), "storage": storage}


def table_rows(results: dict) -> list[Row]:
    parts, repeat = results["login"], len(results["login"]["login"]["samples_s"])
    rows = [
        Row(
            f"log-in (Argon2id + open), median of {repeat}",
            parts["login"]["median_s"],
            budget="< 1 s",
            passed=parts["passed"],
        ),
        Row("  Argon2id alone (wrap_key, default params)", parts["argon2id"]["median_s"]),
        Row("  database open alone (open_store)", parts["open"]["median_s"]),
    ]
    budget = f"≤ {RATIO_BUDGET:.2f}×"
    for r in results["storage"].values():
        rows.append(Row(r["label"], r["encrypted_s"], r["plain_s"], r["ratio"], budget, r["passed"]))
    return rows


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    keyring.set_keyring(MemoryKeyring())  # the seat's device secret stays in this process
    info, started, clock = report.machine(), report.now_iso(), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as temp:
        results = measure(args, Path(temp))
    results = {"timestamp": started, "duration_s": round(time.perf_counter() - clock, 1), "machine": info, **results}
    report.write_json(args.json, results)
    print(report.describe(info))
    print(f"{started}: {args.repeat} rounds, {args.rows:,} rows per round\n")
    print(report.table(table_rows(results)))
    print(f"\nratio = median of the rounds' encrypted/plain ratios; every figure is in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
