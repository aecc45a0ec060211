"""Which shift a call belongs to; no call is ever outside a shift.

A call belongs to the shift a lead opened that covers its start time ([opened, closed), or from opening
on while it is open); a call that no such shift covers belongs to the **automatic shift** of its time
window: the seat day cut into `AUTO_HOURS`-hour blocks from midnight, seat time (00–08, 08–16, 16–24).
Automatic shifts are made as calls need them, have no lead, and end with their window.
"""

from datetime import datetime, time, timedelta

from desktop.clock import parse_iso, seat_zone, to_utc_iso, utc_now_iso
from desktop.store.store import Store

AUTO_HOURS = 8


def auto_window(moment: datetime, zone=None) -> tuple[datetime, datetime]:
    """The automatic shift window holding `moment`: [start, end) in the seat's zone."""
    local = moment.astimezone(zone or seat_zone())
    block = local.hour - local.hour % AUTO_HOURS
    start = datetime.combine(local.date(), time(block), local.tzinfo)
    return start, start + timedelta(hours=AUTO_HOURS)


def shift_for(store: Store, started_at: datetime) -> int:
    """The id of the shift a call that started at `started_at` belongs to (made if it is automatic and new).

    Call it inside the transaction that writes the call."""
    moment = to_utc_iso(started_at)
    row = store.one(
        "SELECT id FROM shift WHERE automatic = 0 AND started_at <= ? AND (ended_at IS NULL OR ended_at > ?)"
        " ORDER BY started_at DESC LIMIT 1",
        (moment, moment),
    )
    if row:
        return row[0]
    start, end = (to_utc_iso(t) for t in auto_window(started_at))
    row = store.one("SELECT id FROM shift WHERE automatic = 1 AND started_at = ?", (start,))
    if row:
        return row[0]
    return store.execute(
        "INSERT INTO shift (lead, started_at, ended_at, automatic, created_at) VALUES (NULL, ?, ?, 1, ?)",
        (start, end, utc_now_iso()),
    ).lastrowid


class ShiftPlacer:
    """`shift_for` for many calls written in one transaction (an import), with far fewer queries: an automatic
    window that no lead's shift touches gives all its calls its automatic shift, looked up once; a call in a
    window that one does touch is placed by `shift_for` itself. Use it only inside that one transaction."""

    def __init__(self, store: Store):
        self._store = store
        self._windows: dict[datetime, int | None] = {}  # window start → its automatic shift, or None: ask

    def __call__(self, started_at: datetime) -> int:
        start, end = auto_window(started_at)
        if start not in self._windows:
            touched = self._store.one(
                "SELECT 1 FROM shift WHERE automatic = 0 AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)"
                " LIMIT 1",
                (to_utc_iso(end), to_utc_iso(start)),
            )
            self._windows[start] = None if touched else shift_for(self._store, started_at)
        return self._windows[start] or shift_for(self._store, started_at)


def place_calls_without_shift(store: Store, batch: int = 5_000) -> int:
    """Give every call that has no shift yet (calls saved before shifts existed) its shift; returns how many."""
    placed = 0
    while True:
        rows = store.rows("SELECT id, started_at FROM call WHERE shift_id IS NULL LIMIT ?", (batch,))
        if not rows:
            return placed
        with store.transaction():
            for call_id, started in rows:
                store.execute(
                    "UPDATE call SET shift_id = ? WHERE id = ?", (shift_for(store, parse_iso(started)), call_id)
                )
        placed += len(rows)


def current_shift_id(store: Store, now: datetime) -> int | None:
    """The shift a call starting `now` would belong to, without making it: None if it does not exist yet."""
    moment = to_utc_iso(now)
    row = store.one(
        "SELECT id FROM shift WHERE automatic = 0 AND started_at <= ? AND ended_at IS NULL", (moment,)
    ) or store.one("SELECT id FROM shift WHERE automatic = 1 AND started_at = ?", (to_utc_iso(auto_window(now)[0]),))
    return row[0] if row else None
