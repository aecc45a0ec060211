"""The centre's shift (issue 16): a lead opens and closes it from any seat; one is open at a time.

Opening and closing need the centre (CenterNeeded otherwise): PostgreSQL decides which of two opens at once
stands (a unique index over the open shift), and the shift's times are the centre's clock, so a seat whose clock
is off does not move them. Every call belongs to the centre shift of its start: the centre places it when it
arrives (a seat offline at the opening or the closing places its calls when it syncs), in the lead's shift open
then or else in the centre's automatic shift of that day. The handover note passes the notes guard and goes to
the centre sealed.
"""

import uuid as uuids
from datetime import datetime, timedelta

from desktop import privacy
from desktop.call_model import clean_text
from desktop.center.line_base import (
    SHIFT_COLUMNS,
    SHIFT_FROM,
    CenterNeeded,
    CenterShift,
    NoCenterShift,
    ShiftAlreadyOpen,
    cache_get,
    cache_put,
    from_iso,
    live,
    shift_from_json,
    shift_from_row,
    shift_to_json,
)
from desktop.center.seal import seal
from desktop.clock import utc_now
from desktop.errors import BadInput
from desktop.seat import check_staff_code
from desktop.shifts import MAX_NOTE, MAX_PLANNED_HOURS

LEADS = ("lead", "admin")
HEARTBEAT_TIMEOUT_S = 2


def _open(conn) -> CenterShift | None:
    row = conn.execute(f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE sh.ended_at IS NULL").fetchone()
    return shift_from_row(row) if row else None


def get_shift(conn, shift_uuid: str) -> CenterShift | None:
    row = conn.execute(f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE sh.uuid = %s::uuid", (shift_uuid,)).fetchone()
    return shift_from_row(row) if row else None


def open_shift(session, lead: str, counselors: list[str], planned_end: datetime | None = None) -> CenterShift:
    """Open the centre's shift led by `lead` with `counselors` on duty (leads and admins, at any enrolled seat).
    ShiftAlreadyOpen, naming its lead and seat, when a centre shift is open (also when another lead's open
    went in a moment before this one)."""
    session.require(*LEADS, doing="open the centre's shift")
    lead = check_staff_code(lead.strip())
    on_duty = list(dict.fromkeys(check_staff_code(code.strip()) for code in counselors if code.strip()))
    now = utc_now()
    if planned_end is not None:
        if planned_end <= now:
            raise BadInput("The planned end of the shift must be later than now.")
        if planned_end - now > timedelta(hours=MAX_PLANNED_HOURS):
            raise BadInput(f"A shift is planned for at most {MAX_PLANNED_HOURS} hours; choose an earlier end.")
    new = str(uuids.uuid4())
    with live(session, "open the centre's shift") as (conn, _link):
        with conn.transaction():
            standing = conn.execute(
                "SELECT center.open_line_shift(%s::uuid, %s, %s, %s)::text", (new, lead, on_duty, planned_end)
            ).fetchone()[0]
        shift = get_shift(conn, standing)
        conn.rollback()
    if standing != new:
        raise ShiftAlreadyOpen(shift)
    with session.store.transaction():
        cache_put(session.store, "line_shift", shift_to_json(shift))
        session.audit.append(session.actor, "center.shift_opened", f"center_shift:{new}", {"lead": lead})
    return shift


def close_shift(session, handover_note: str, choices: privacy.Choices | None = None) -> CenterShift:
    """Close the open centre shift with the lead's handover note (through the notes guard, sealed at the
    centre). NoCenterShift when none is open."""
    session.require(*LEADS, doing="close the centre's shift")
    text = clean_text(handover_note or "")
    if len(text) > MAX_NOTE:
        raise BadInput(f"The handover note is {len(text):,} characters; keep it under {MAX_NOTE:,}.")
    choices = choices or privacy.Choices()
    guarded = privacy.guard(text, choices.keep, choices.marks)
    import psycopg

    with live(session, "close the centre's shift") as (conn, link):
        shift = _open(conn)
        conn.rollback()
        if shift is None or shift.automatic:
            raise NoCenterShift("No centre shift is open.")
        sealed = seal(link.data_key, "line_shift", shift.uuid, "handover_note", guarded.text)
        try:
            with conn.transaction():
                conn.execute("SELECT center.close_line_shift(%s::uuid, %s)", (shift.uuid, sealed))
        except psycopg.errors.RaiseException as exc:  # closed by another lead a moment before
            raise NoCenterShift("The centre's shift was closed a moment ago at another seat.") from exc
        closed = get_shift(conn, shift.uuid)
        conn.rollback()
    with session.store.transaction():
        cache_put(session.store, "line_shift", None)
        detail = dict(guarded.counts) or None
        session.audit.append(session.actor, "center.shift_closed", f"center_shift:{shift.uuid}", detail)
    return closed


def current_shift(session) -> tuple[CenterShift | None, datetime | None]:
    """The open centre shift and "as of": None when the centre answered now; otherwise what the seat last
    knew and since when (offline)."""
    from desktop.center import link as seat_link

    try:
        with live(session, "show the centre's shift") as (conn, _link):
            shift = _open(conn)
            conn.rollback()
    except CenterNeeded:
        known, since = cache_get(session.store, "line_shift")
        if since is None:
            link = seat_link.active(session.store)
            since = from_iso(link.last_sync) or from_iso(link.enrolled_at)
        return shift_from_json(known), since
    with session.store.transaction():
        cache_put(session.store, "line_shift", shift_to_json(shift))
    return shift, None


def report_state(session, logged_in: str | None, on_call_since: datetime | None) -> None:
    """The seat's light heartbeat: who is logged in and since when a call runs — state only, never content. Kept
    at the seat too, so each sync sends it again. CenterNeeded when the centre does not answer (try later)."""
    state = {"logged_in": logged_in, "on_call_since": on_call_since.isoformat() if on_call_since else None}
    with session.store.transaction():
        cache_put(session.store, "state", state)
    with live(session, "take this seat's state", timeout=HEARTBEAT_TIMEOUT_S) as (conn, _link):
        send_state(conn, state)


def send_state(conn, state: dict | None) -> float:
    """Report the seat's state and clock in a transaction of its own; returns the clock offset the centre found
    (seconds the seat is behind)."""
    state = state or {}
    since = from_iso(state.get("on_call_since"))
    with conn.transaction():
        return conn.execute(
            "SELECT center.report_state(%s, %s, %s)", (state.get("logged_in"), since, utc_now())
        ).fetchone()[0]


def recent_shifts(session, limit: int = 30) -> list[CenterShift]:
    """The latest centre shifts a lead opened, newest first (the handover window's choice of shift); leads and
    admins, live only (CenterNeeded offline)."""
    session.require(*LEADS, doing="make handover summaries")
    with live(session, "list the centre's shifts") as (conn, _link):
        rows = conn.execute(
            f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE NOT sh.automatic ORDER BY sh.started_at DESC LIMIT %s",
            (limit,),
        ).fetchall()
        conn.rollback()
    return [shift_from_row(r) for r in rows]
