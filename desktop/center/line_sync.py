"""What each sync does for the line (issue 16), around the push and pull of desktop.center.sync: before the
push, the seat's state and clock (so the centre places its calls on its own clock) and its waiting follow-up
events (before the records, so a change sent both ways is kept once); after the pull, the open centre shift and
the follow-up queue kept for offline use, and this seat's own follow-ups closed or changed elsewhere taken in.
"""

from desktop.center import schema
from desktop.center.line_base import (
    LINE_SCHEMA,
    SHIFT_COLUMNS,
    SHIFT_FROM,
    cache_get,
    cache_put,
    shift_from_row,
    shift_to_json,
)
from desktop.center.line_followups import fetch_entries, push_events, store_queue, take_changes
from desktop.center.line_shift import send_state
from desktop.clock import utc_now


def has_line(conn) -> bool:
    version = schema.schema_version(conn)
    conn.rollback()
    return version >= LINE_SCHEMA


def before_push(conn, store, link) -> None:
    if not has_line(conn):
        return
    state, _since = cache_get(store, "state")
    send_state(conn, state)
    push_events(conn, store, link.data_key, link.seat_name)


def after_pull(conn, store, link) -> None:
    if not has_line(conn):
        return
    take_changes(conn, store, link.data_key, link.seat_name)
    row = conn.execute(f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE sh.ended_at IS NULL").fetchone()
    entries = fetch_entries(conn, link.data_key, utc_now())
    conn.rollback()
    with store.transaction():
        cache_put(store, "line_shift", shift_to_json(shift_from_row(row)) if row else None)
        store_queue(store, entries)
