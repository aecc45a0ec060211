"""Peak resident memory of a process that opens a filled seat database and reads from it.

    python -m benchmarks.memory_probe DATABASE   (the key as hex on stdin; nothing for a plain database)

Prints the peak resident set in MB on its last line. Run by `benchmarks.million`.
"""

import resource
import sys
from datetime import date, timedelta
from pathlib import Path

import sqlcipher3

from benchmarks.engines import PLAIN_PRAGMAS
from desktop.call_model import CallFilter
from desktop.calls import COUNT_CAP, CallService
from desktop.reports.stats import statistics
from desktop.seat import Session
from desktop.store import Store
from desktop.store.accounts import Account
from desktop.store.connection import connect


def open_database(path: Path, key_hex: str) -> Store:
    """The database as it is: no migration runs here (it would be measured too)."""
    if key_hex:
        return Store(connect(path, bytes.fromhex(key_hex)), path)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    return Store(conn, path)


def main() -> None:
    store = open_database(Path(sys.argv[1]), sys.stdin.read().strip())
    admin = Account("A001", "管理员", "admin", True, "", "")
    service = CallService(Session(None, store, admin, b""))
    newest = service.list_calls(CallFilter(), 0, 1)[0].started_at.date()
    for flt in (
        CallFilter(),
        CallFilter(date_from=newest - timedelta(days=30), date_to=newest),
        CallFilter(kind="harassment"),
        CallFilter(concern="mental"),
        CallFilter(risk_level="high"),
        CallFilter(text="焦虑"),
        CallFilter(text="放松练习"),
    ):
        service.count_calls(flt, COUNT_CAP)  # as the call list counts
        service.list_calls(flt, 0, 100)
    statistics(store, newest - timedelta(days=30), newest)
    statistics(store, date(2000, 1, 1), newest)  # every call: the largest statistics there can be
    store.close()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
