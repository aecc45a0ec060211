"""A repeat caller across seats (issue 16 point 6): at an enrolled seat, the case code's timeline adds the calls of
the code from every other seat of the line, each with its seat, from `desktop.center.line.case_history_from_center`.

The seat's own timeline shows at once; the centre's calls are asked for on a worker thread and added when they
come. When the centre cannot be reached the seat's own timeline stays as it is.
"""

import logging
from collections.abc import Callable

from desktop.seat import Session
from ui import center_line

log = logging.getLogger(__name__)


def merged(local: list, centre: list) -> list:
    """This seat's entries (they open in the read view) and every other seat's (`call_id` None), oldest first."""
    others = [entry for entry in centre if entry.call_id is None]
    return sorted([*local, *others], key=lambda entry: entry.started_at)


def add_centre_calls(session: Session, code: str | None, local: list, show: Callable[[list, str], None]) -> None:
    """Ask the centre for the calls of `code` from every seat; `show(entries, own seat)` when another seat had
    some. Nothing at a seat that is not enrolled."""
    own_seat = center_line.seat_name(session) if code and center_line.enrolled(session) else None
    if not own_seat:
        return
    line = center_line.core()

    def found(entries) -> None:
        if any(entry.call_id is None for entry in entries):
            show(merged(local, entries), own_seat)

    center_line.in_background(
        session,
        lambda own: line.case_history_from_center(own, code),
        found,
        lambda exc: log.info("the centre's calls of the case code were not read (%s)", type(exc).__name__),
    )
