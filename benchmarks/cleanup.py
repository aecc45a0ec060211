"""The retention shred of a day's calls on a filled seat while a counselor saves calls (issue 17, DESIGN.md §10).

`desktop.retention.shred_expired` runs on a connection of its own in a thread, as the program's retention
runner does, at a `now` that makes the seat's oldest calls not yet shredded due (benchmarks/million.py: a
busy seat's day, 300); meanwhile this thread saves generated calls through the seat's own connection, one
every `PAUSE_S`, as a counselor finishing calls would. The shred empties each call in a transaction of its
own (its entry leaves the notes index's pages there and then) and ends with the clean-up: the write-ahead
log emptied by a truncating checkpoint. Then as many calls again are saved the same way with nothing else
running.

Reported: the longest transaction shredding one call and the truncating checkpoint, each a hold of the
write lock (the longer of the two is the figure with a budget: 200 ms); the longest time a save took while
the shred ran (a save waits for the transaction under way), and beside it the longest of the saves made
alone, for what a save takes of itself.
"""

import statistics
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from desktop.calls import CallService
from desktop.errors import DatabaseBusy
from desktop.retention import retention_days, shred_expired
from desktop.seat import Session
from desktop.store.store import Store

PAUSE_S = 0.02
LOCK_BUDGET_S = 0.200


def oldest_calls_due(store: Store, calls: int) -> datetime:
    """A `now` at which the `calls` oldest calls not yet shredded are past the retention period (a few more when
    several start at the same second)."""
    row = store.one(
        "SELECT started_at FROM call WHERE shredded_at IS NULL AND legal_hold = 0 ORDER BY started_at LIMIT 1 OFFSET ?",
        (calls,),
    )
    return datetime.fromisoformat(row[0]) + timedelta(days=retention_days(store))


def save_one_by_one(session: Session, forms: list, going: Callable[[], bool]) -> tuple[list[float], list[int], int]:
    """Save `forms` one every `PAUSE_S` while `going()`: (seconds of each save, the indexes saved, saves refused)."""
    seconds, saved, refused, service = [], [], 0, CallService(session)
    for index, form in enumerate(forms):
        if not going():
            break
        began = time.perf_counter()
        try:
            service.save(form)
            saved.append(index)
        except DatabaseBusy:  # met the lock for longer than the busy timeout
            refused += 1
        seconds.append(time.perf_counter() - began)
        time.sleep(PAUSE_S)
    return seconds, saved, refused


def shred_while_saving(session: Session, forms: list, now: datetime) -> dict:
    """Shred what is due at `now` (on a connection of its own) while saving every other of `forms`, then save as
    many of the others alone."""
    found: dict = {}

    def work() -> None:
        with session.another() as own:
            began = time.perf_counter()
            found["report"] = shred_expired(own, now=now)
            found["seconds"] = time.perf_counter() - began

    thread = threading.Thread(target=work, name="shred")
    thread.start()
    during, saved, refused = save_one_by_one(session, forms[::2], thread.is_alive)
    thread.join()
    others = forms[1::2][: len(during)]
    alone, saved_alone, _refused = save_one_by_one(session, others, lambda: True)
    report = found["report"]
    return {
        "total_s": found["seconds"],
        "calls": report.calls,
        "longest_call_s": report.longest_call_s,
        "checkpoint_s": report.clean_up.seconds,
        "longest_hold_s": max(report.longest_call_s, report.clean_up.seconds),
        "wal_emptied": report.clean_up.wal_emptied,
        "saves_during": len(during),
        "saves_refused": refused,
        # which of `forms` are now in the seat (how many depends on timing)
        "saved_forms": [2 * i for i in saved] + [2 * i + 1 for i in saved_alone],
        "longest_save_s": max(during, default=None),
        "median_save_s": statistics.median(during) if during else None,
        "longest_save_alone_s": max(alone, default=None),
    }
