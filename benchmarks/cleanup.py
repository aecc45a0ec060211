"""The retention clean-up on a filled seat while a counselor saves calls (issue 17, DESIGN.md §10).

`desktop.retention.clean_up` runs on a connection of its own in a thread, as the program's retention
runner does; meanwhile this thread saves generated calls through the seat's own connection, one every
`PAUSE_S`, as a counselor finishing calls would. It merges the whole notes index into one segment, which
is the work a clean-up after a day's shred does (a contentless index drops shredded entries only when
their segment is rewritten), so it leaves the seat's calls as they were.

Reported: each step's hold of the write lock (the longest is the figure with a budget: 200 ms) and its
pages, and the longest time a save took while the clean-up ran (a save waits for the step under way).
"""

import statistics
import threading
import time
from collections.abc import Callable

from desktop.calls import CallService
from desktop.errors import DatabaseBusy
from desktop.retention import clean_up
from desktop.seat import Session

PAUSE_S = 0.02
LOCK_BUDGET_S = 0.200


def clean_up_while_saving(session: Session, forms: list, clean: Callable = clean_up) -> dict:
    """Run `clean` (given the store of a connection of its own) while saving `forms` one by one."""
    found: dict = {}

    def work() -> None:
        with session.another() as own:
            began = time.perf_counter()
            found["result"] = clean(own.store)
            found["seconds"] = time.perf_counter() - began

    thread = threading.Thread(target=work, name="clean-up")
    thread.start()
    saves, saved, refused, service = [], [], 0, CallService(session)
    for index, form in enumerate(forms):
        if not thread.is_alive():
            break
        began = time.perf_counter()
        try:
            service.save(form)
            saved.append(index)
        except DatabaseBusy:  # met the lock for longer than the busy timeout
            refused += 1
        saves.append(time.perf_counter() - began)
        time.sleep(PAUSE_S)
    thread.join()
    result = found["result"]
    steps = getattr(result, "step_seconds", None) or [found["seconds"]]  # no steps: one hold throughout
    pages = getattr(result, "step_pages", None) or []
    return {
        "total_s": found["seconds"],
        "steps": len(steps),
        "longest_step_s": max(steps),
        "median_step_s": statistics.median(steps),
        "most_pages_in_a_step": max(pages, default=None),
        "wal_emptied": getattr(result, "wal_emptied", None),
        "saves_during": len(saves),
        "saves_refused": refused,
        "saved_forms": saved,  # which of `forms` are now in the seat (how many depends on timing)
        "longest_save_s": max(saves, default=None),
        "median_save_s": statistics.median(saves) if saves else None,
    }
