"""The lead's board (issue 16): every seat of the line with its state — online, last sync, who is logged in, on a
call since when (state only, never content) — its calls, talk time and high-risk calls this centre shift, who is
due a break, overdue follow-ups; seats gone silent stand out.

Wellbeing across the line: the seat's break rules (desktop.wellbeing: runs without a break, a break right after
a high-risk call, the thresholds set at this seat) computed from the centre's calls, so a counselor who moved
seats in a shift is counted once, over all their calls. A counselor due a break is named at the seat they are
logged in at, else at the seat of their last call.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desktop.center.line_base import (
    SHIFT_COLUMNS,
    SHIFT_FROM,
    CenterNeeded,
    CenterShift,
    cache_get,
    cache_put,
    from_iso,
    iso,
    live,
    shift_from_json,
    shift_from_row,
    shift_to_json,
    utc,
)
from desktop.center.line_followups import fetch_queue
from desktop.clock import parse_iso, to_utc_iso, utc_now
from desktop.shift_window import auto_window
from desktop.wellbeing import HIGH_LEVELS, Workload, counselor_today, thresholds, workload

ONLINE_WITHIN = timedelta(seconds=90)  # a heartbeat every 30 s: three missed and the seat is offline
SILENT_AFTER = timedelta(minutes=10)  # an active seat not heard from for this long stands out


@dataclass(frozen=True)
class SeatState:
    name: str
    online: bool
    last_seen: datetime | None
    last_sync: datetime | None
    logged_in: str | None
    on_call_since: datetime | None
    calls: int
    talk_time_s: int
    high_risk: int
    due_break: tuple[str, ...]
    overdue_follow_ups: int
    silent: bool


@dataclass(frozen=True)
class Board:
    shift: CenterShift | None
    seats: tuple[SeatState, ...]
    as_of: datetime | None  # None: live; else what the seat last knew, since then


def line_window(shift: CenterShift | None, now: datetime) -> datetime:
    """Where "this shift" starts: the open centre shift's start, else the start of the automatic shift's window
    (00–08, 08–16, 16–24 in the centre's zone, as at a seat)."""
    if shift is not None:
        return shift.started_at
    return auto_window(now)[0]


def line_calls(conn, since: datetime, until: datetime | None = None) -> list[tuple]:
    """(seat, counselor, start, end, level, centre shift) of every call of the line started in [since, until)."""
    return conn.execute(
        "SELECT s.name, c.counselor, c.started_at, c.ended_at, c.risk_level, c.line_shift::text FROM center.call c"
        " JOIN center.seat s ON s.id = c.seat_id WHERE c.started_at >= %s"
        " AND (%s::timestamptz IS NULL OR c.started_at < %s) ORDER BY c.started_at",
        (since, until, until),
    ).fetchall()


def line_workloads(calls: list[tuple], on_duty: tuple[str, ...], limits, now: datetime) -> dict[str, Workload]:
    """Every counselor's workload over all their calls of the line, whatever seat they sat at (counted once);
    those on duty with no call included."""
    by_counselor: dict[str, list] = {code: [] for code in on_duty}
    for _seat, counselor, started, ended, level, *_shift in calls:
        by_counselor.setdefault(counselor, []).append((utc(started), utc(ended), level))
    return {code: workload(code, rows, limits, now) for code, rows in by_counselor.items()}


def board(session, now: datetime | None = None) -> Board:
    """The board, live from the centre (leads and admins); offline, the board the seat last had, since when."""
    session.require("lead", "admin", doing="see the lead's board")
    now = now or utc_now()
    try:
        with live(session, "show the lead's board") as (conn, link):
            made = _board(conn, link, session.store, now)
            conn.rollback()
    except CenterNeeded:
        known, since = cache_get(session.store, "board")
        if not known:
            raise
        return Board(shift_from_json(known["shift"]), tuple(_seat_from_json(s) for s in known["seats"]), since)
    with session.store.transaction():
        cache_put(
            session.store, "board", {"shift": shift_to_json(made.shift), "seats": [_seat_json(s) for s in made.seats]}
        )
    return made


def _board(conn, link, store, now: datetime) -> Board:
    row = conn.execute(f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE sh.ended_at IS NULL").fetchone()
    shift = shift_from_row(row) if row else None
    since = line_window(shift, now)
    calls = line_calls(conn, since - timedelta(hours=3))  # a run without a break may have begun before
    # This shift's calls: those the centre placed in the open shift, else those of the automatic window so far.
    in_shift = [c for c in calls if c[5] == shift.uuid] if shift else [c for c in calls if utc(c[2]) >= since]
    loads = line_workloads(calls, shift.counselors if shift else (), thresholds(store), now)
    seats = conn.execute(
        "SELECT s.name, s.state, s.last_sync, st.reported_at, st.logged_in, st.on_call_since FROM center.seat s"
        " LEFT JOIN center.seat_state st ON st.seat_id = s.id WHERE s.state <> 'pending' ORDER BY s.name"
    ).fetchall()
    overdue: dict[str, int] = {}
    for item in fetch_queue(conn, link.data_key, now):
        if item.overdue:
            overdue[item.seat] = overdue.get(item.seat, 0) + 1
    last_seat = {c[1]: c[0] for c in calls}  # the seat of each counselor's last call
    logged_at = {r[4]: r[0] for r in seats if r[4] and r[3] and now - utc(r[3]) <= ONLINE_WITHIN}
    home = {**last_seat, **logged_at}
    states = []
    for name, state, last_sync, seen, logged_in, on_call in seats:
        mine = [c for c in in_shift if c[0] == name]
        if state == "removed" and not mine:
            continue
        seen = utc(seen)
        talk = sum(int((utc(e) - utc(s)).total_seconds()) for _n, _c, s, e, *_rest in mine if e is not None)
        due = tuple(sorted(code for code, load in loads.items() if load.break_due and home.get(code) == name))
        online = seen is not None and now - seen <= ONLINE_WITHIN and state == "active"
        states.append(
            SeatState(
                name=name,
                online=online,
                last_seen=seen,
                last_sync=utc(last_sync),
                logged_in=logged_in if online else None,
                on_call_since=utc(on_call) if online else None,
                calls=len(mine),
                talk_time_s=talk,
                high_risk=sum(1 for c in mine if c[4] in HIGH_LEVELS),
                due_break=due,
                overdue_follow_ups=overdue.get(name, 0),
                silent=state == "active" and (seen is None or now - seen > SILENT_AFTER),
            )
        )
    return Board(shift, tuple(states), None)


def _seat_json(seat: SeatState) -> dict:
    data = dict(seat.__dict__)
    for key in ("last_seen", "last_sync", "on_call_since"):
        data[key] = iso(data[key])
    data["due_break"] = list(seat.due_break)
    return data


def _seat_from_json(data: dict) -> SeatState:
    data = dict(data)
    for key in ("last_seen", "last_sync", "on_call_since"):
        data[key] = from_iso(data[key])
    data["due_break"] = tuple(data["due_break"])
    data["online"] = False  # what the seat last knew is no proof that a seat is online now
    return SeatState(**data)


def counselor_workload(session, counselor: str, since: datetime, now: datetime | None = None) -> tuple[Workload, bool]:
    """The seat's break suggestion (desktop.wellbeing.counselor_today) over the counselor's calls at every seat
    of the line: the centre's calls and this seat's own not yet sent, each counted once. Returns (workload, live);
    offline, the seat's own calls only and False."""
    now = now or utc_now()
    limits = thresholds(session.store)
    look_back = min(since, now - timedelta(minutes=limits.run_minutes + limits.break_minutes))
    try:
        with live(session, "count this counselor's calls at every seat") as (conn, _link):
            rows = conn.execute(
                "SELECT uuid::text, started_at, ended_at, risk_level FROM center.call"
                " WHERE counselor = %s AND started_at >= %s",
                (counselor, look_back),
            ).fetchall()
            conn.rollback()
    except CenterNeeded:
        return counselor_today(session.store, counselor, since, now), False
    calls = {u: (utc(s), utc(e), level) for u, s, e, level in rows}
    for u, s, e, level in session.store.rows(
        "SELECT uuid, started_at, ended_at, risk_level FROM call"
        " WHERE counselor = ? AND status = 'final' AND started_at >= ?",
        (counselor, to_utc_iso(look_back)),
    ):
        calls[u] = (parse_iso(s), parse_iso(e) if e else None, level)
    ordered = sorted(calls.values(), key=lambda c: c[0])
    recent = workload(counselor, ordered, limits, now)
    this_shift = workload(counselor, [c for c in ordered if c[0] >= since], limits, now)
    return (
        replace(recent, calls=this_shift.calls, talk_s=this_shift.talk_s, high_risk_calls=this_shift.high_risk_calls),
        True,
    )
