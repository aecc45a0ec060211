"""The centre's handover (issue 16, DESIGN.md §8 over every seat): gathered at the centre in one go, laid out by
desktop/reports/center_handover_pdf.py.

A centre shift's calls are those the centre placed in it (the centre shift of their start); a window given by
times takes the calls that started in it, `--to` included. Paper never claims a completeness it lacks: seats
that have not synced since the shift ended (or, for an open shift, since it was made) are named in `stale_seats`,
seats removed from the centre keep their calls, marked, and every seat's last reported audit head is printed with
the centre's own.
"""

import uuid as uuids
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.center.line_base import (
    SHIFT_COLUMNS,
    SHIFT_FROM,
    CenterShift,
    NoCenterShift,
    live,
    shift_from_row,
    utc,
)
from desktop.center.line_board import line_workloads
from desktop.center.line_followups import LineFollowUp, fetch_queue
from desktop.center.seal import SealError, unseal
from desktop.clock import utc_now
from desktop.errors import BadInput
from desktop.followups import DUE_SOON, OPEN_REFERRAL_STATUSES
from desktop.reports.handover_data import CrisisLine, ReferralLine
from desktop.store.accounts import AccountRepo
from desktop.wellbeing import HIGH_LEVELS, Workload, thresholds

LEADS = ("lead", "admin")
REFERRAL_LIMIT = 500
OPEN_SHIFT_GRACE = timedelta(minutes=2)


@dataclass(frozen=True)
class CenterCall:
    uuid: str
    seat: str
    seat_removed: bool  # its seat was removed from the centre; the call stays
    case_code: str | None
    started_at: datetime
    ended_at: datetime | None
    counselor: str
    kind: str
    computed_level: str | None  # None: saved without an assessment
    final_level: str
    crisis: tuple[CrisisLine, ...] = ()
    referrals: tuple[ReferralLine, ...] = ()
    next_steps: tuple[LineFollowUp, ...] = ()  # the call's open follow-ups: what the next shift must do
    supervision_flag: bool = False

    @property
    def assessed(self) -> bool:
        return self.computed_level is not None


@dataclass(frozen=True)
class OpenReferral:
    seat: str
    case_code: str | None
    started_at: datetime
    kind: str
    urgency: str
    status: str


@dataclass(frozen=True)
class SeatHead:
    seat: str
    state: str  # active or removed
    seq: int | None  # None: the seat never reported one
    hash: str | None
    reported_at: datetime | None
    last_sync: datetime | None
    calls: int  # its calls in this handover


@dataclass
class CenterHandover:
    shift: CenterShift | None  # None for a window given by times
    window: tuple[datetime, datetime]
    made_at: datetime
    made_at_seat: str
    lead: str  # a staff code, "" for an automatic shift or a window
    on_duty: tuple[str, ...]
    calls: int  # how many calls (the day's or the shift's total)
    call_rows: tuple[CenterCall, ...]  # every call, each with its seat
    by_kind: Counter
    talk_total_s: int
    talk_mean_s: int
    talk_longest_s: int
    risk_calls: tuple[CenterCall, ...]
    follow_ups: tuple[LineFollowUp, ...]  # due or overdue, every seat's
    open_referrals: tuple[OpenReferral, ...]
    concerns: Counter
    emotions: Counter
    workload: tuple[Workload, ...]  # every counselor of the line once, those on duty with no call too
    workload_seats: dict[str, tuple[str, ...]]  # counselor → the seats they took calls at
    note: str  # the lead's handover note, unsealed
    seat_heads: tuple[SeatHead, ...]
    center_head: tuple[int, str] | None
    stale_seats: tuple[tuple[str, datetime | None], ...]  # (seat, last sync) not synced since the shift ended
    removed_seats: tuple[tuple[str, datetime | None], ...]  # (seat, removed at) with calls here
    names: dict[str, str] = field(default_factory=dict)  # staff code → display name, as this seat knows them

    @property
    def by_seat(self) -> dict[str, int]:
        return dict(sorted(Counter(c.seat for c in self.call_rows).items()))

    def person(self, code: str) -> str:
        name = self.names.get(code)
        return f"{name} ({code})" if name else code


def center_handover(
    session,
    *,
    shift_uuid: str | None = None,
    last: bool = False,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    now: datetime | None = None,
    to_included: bool = True,
) -> CenterHandover:
    """The centre's handover of a centre shift (`shift_uuid`), of the one that ended last (`last`), or of the calls
    started from `date_from` to `date_to` (included). Leads and admins; CenterNeeded when the centre cannot be
    reached (the seat's own handover still can be made)."""
    session.require(*LEADS, doing="make handover summaries")
    if sum((shift_uuid is not None, bool(last), date_from is not None or date_to is not None)) != 1:
        raise BadInput("Give one of: a centre shift, the last one, or --from and --to.")
    if (date_from is None) != (date_to is None):
        raise BadInput("Give both --from and --to.")
    if date_from is not None and date_from >= date_to:
        raise BadInput("--from must be before --to.")
    now = now or utc_now()
    with live(session, "make the centre's handover") as (conn, link):
        shift = _which(conn, shift_uuid, last)
        made = _gather(conn, link, session, shift, date_from, date_to, to_included, now)
        conn.rollback()
    return made


def _which(conn, shift_uuid: str | None, last: bool) -> CenterShift | None:
    if last:
        row = conn.execute(
            f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE NOT sh.automatic AND sh.ended_at IS NOT NULL"
            " ORDER BY sh.ended_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise NoCenterShift("No centre shift has ended yet; give --shift ID or --from and --to.")
        return shift_from_row(row)
    if shift_uuid is None:
        return None
    try:
        uuids.UUID(str(shift_uuid))
    except ValueError as exc:
        raise NoCenterShift(f"{shift_uuid!r} is not a centre shift's ID.") from exc
    row = conn.execute(f"SELECT {SHIFT_COLUMNS} FROM {SHIFT_FROM} WHERE sh.uuid = %s::uuid", (shift_uuid,)).fetchone()
    if row is None:
        raise NoCenterShift(f"The centre has no shift {shift_uuid}.")
    return shift_from_row(row)


def _gather(conn, link, session, shift, date_from, date_to, to_included: bool, now: datetime) -> CenterHandover:
    if shift is not None:
        where, params = "c.line_shift = %s::uuid", [shift.uuid]
        window = (shift.started_at, shift.ended_at or now)
    else:
        where = "c.started_at >= %s AND c.started_at " + ("<=" if to_included else "<") + " %s"
        params, window = [date_from, date_to], (date_from, date_to)
    rows = conn.execute(
        "SELECT c.uuid::text, s.name, s.state = 'removed', c.case_code, c.started_at, c.ended_at, c.counselor,"
        " c.kind, c.computed_level, c.risk_level, c.supervision_flag FROM center.call c"
        f" JOIN center.seat s ON s.id = c.seat_id WHERE {where} ORDER BY c.started_at, s.name, c.uuid",
        params,
    ).fetchall()
    calls = [
        CenterCall(u, seat, gone, case, utc(s), utc(e), who, kind, computed, level, supervision_flag=bool(flag))
        for u, seat, gone, case, s, e, who, kind, computed, level, flag in rows
    ]
    queue = fetch_queue(conn, link.data_key, now)
    risk = [c for c in calls if c.final_level in HIGH_LEVELS]
    risk = _with_parts(conn, risk, queue)
    durations = [int((c.ended_at - c.started_at).total_seconds()) for c in calls if c.ended_at]
    on_duty = tuple(shift.counselors) if shift is not None and not shift.automatic else ()
    line = [(c.seat, c.counselor, c.started_at, c.ended_at, c.final_level) for c in calls]
    loads = line_workloads(line, on_duty, thresholds(session.store), min(now, window[1]))
    seats_of: dict[str, list[str]] = {}
    for c in calls:
        seats_of.setdefault(c.counselor, [])
        if c.seat not in seats_of[c.counselor]:
            seats_of[c.counselor].append(c.seat)
    heads = _heads(conn, Counter(c.seat for c in calls))
    # An open shift: a seat a sync or two behind is not yet late.
    still_open = shift is not None and shift.ended_at is None
    cutoff = now - OPEN_SHIFT_GRACE if still_open else min(window[1], now)
    stale = tuple((h.seat, h.last_sync) for h in heads if h.state == "active" and (h.last_sync or cutoff) <= cutoff)
    removed = conn.execute("SELECT name, removed_at FROM center.seat WHERE state = 'removed' ORDER BY name").fetchall()
    note = ""
    if shift is not None and not shift.automatic:
        sealed = conn.execute("SELECT handover_note FROM center.line_shift WHERE uuid = %s::uuid", (shift.uuid,))
        try:
            note = unseal(link.data_key, "line_shift", shift.uuid, "handover_note", sealed.fetchone()[0])
        except SealError:
            note = ""
    center_head = conn.execute("SELECT seq, hash FROM center.audit_head()").fetchone()
    return CenterHandover(
        shift=shift,
        window=window,
        made_at=now,
        made_at_seat=link.seat_name,
        lead=(shift.lead or "") if shift is not None and not shift.automatic else "",
        on_duty=on_duty or tuple(sorted(loads)),
        calls=len(calls),
        call_rows=tuple(calls),
        by_kind=Counter(c.kind for c in calls),
        talk_total_s=sum(durations),
        talk_mean_s=round(sum(durations) / len(durations)) if durations else 0,
        talk_longest_s=max(durations, default=0),
        risk_calls=tuple(risk),
        follow_ups=tuple(f for f in queue if f.due_at <= now + DUE_SOON),
        open_referrals=_open_referrals(conn),
        concerns=_codes(conn, "concerns", where, params),
        emotions=_codes(conn, "emotions", where, params),
        workload=tuple(sorted(loads.values(), key=lambda w: (-w.calls, w.counselor))),
        workload_seats={code: tuple(seats) for code, seats in seats_of.items()},
        note=note,
        seat_heads=heads,
        center_head=(center_head[0], center_head[1]) if center_head else None,
        stale_seats=stale,
        removed_seats=tuple((n, utc(at)) for n, at in removed if any(c.seat == n for c in calls)),
        names={a.code: a.display_name for a in AccountRepo(session.store).all()},
    )


def _with_parts(conn, calls: list[CenterCall], queue: list[LineFollowUp]) -> list[CenterCall]:
    if not calls:
        return calls
    ids = [c.uuid for c in calls]
    crisis: dict[str, list[CrisisLine]] = {}
    for u, action, at, outcome in conn.execute(
        "SELECT call_uuid::text, action, at, outcome FROM center.crisis_action WHERE call_uuid = ANY(%s::uuid[])"
        " ORDER BY at, n",
        (ids,),
    ):
        crisis.setdefault(u, []).append(CrisisLine(action, utc(at), outcome))
    referrals: dict[str, list[ReferralLine]] = {}
    for u, kind, urgency, status in conn.execute(
        "SELECT call_uuid::text, kind, urgency, status FROM center.referral WHERE call_uuid = ANY(%s::uuid[])"
        " ORDER BY n",
        (ids,),
    ):
        referrals.setdefault(u, []).append(ReferralLine(kind, urgency, status, None))
    steps: dict[str, list[LineFollowUp]] = {}
    by_uuid = {f.uuid: f for f in queue}
    for fu, call in conn.execute(
        "SELECT uuid::text, call_uuid::text FROM center.follow_up WHERE call_uuid = ANY(%s::uuid[])", (ids,)
    ):
        if fu in by_uuid:
            steps.setdefault(call, []).append(by_uuid[fu])
    return [
        CenterCall(
            **{
                **c.__dict__,
                "crisis": tuple(crisis.get(c.uuid, ())),
                "referrals": tuple(referrals.get(c.uuid, ())),
                "next_steps": tuple(steps.get(c.uuid, ())),
            }
        )
        for c in calls
    ]


def _open_referrals(conn) -> tuple[OpenReferral, ...]:
    rows = conn.execute(
        "SELECT s.name, c.case_code, c.started_at, r.kind, r.urgency, r.status FROM center.referral r"
        " JOIN center.call c ON c.uuid = r.call_uuid JOIN center.seat s ON s.id = r.seat_id"
        " WHERE r.status = ANY(%s) ORDER BY c.started_at DESC LIMIT %s",
        (list(OPEN_REFERRAL_STATUSES), REFERRAL_LIMIT),
    ).fetchall()
    return tuple(
        OpenReferral(seat, case, utc(at), kind, urgency, status) for seat, case, at, kind, urgency, status in rows
    )


def _codes(conn, column: str, where: str, params: list) -> Counter:
    rows = conn.execute(
        f"SELECT x, count(*) FROM center.call c, unnest(c.{column}) AS x WHERE {where} GROUP BY x", params
    ).fetchall()
    return Counter(dict(rows))


def _heads(conn, calls_by_seat: Counter) -> tuple[SeatHead, ...]:
    rows = conn.execute(
        "SELECT s.name, s.state, h.seq, h.hash, h.received_at, s.last_sync FROM center.seat s"
        " LEFT JOIN LATERAL (SELECT seq, hash, received_at FROM center.seat_head WHERE seat_id = s.id"
        "  ORDER BY seq DESC LIMIT 1) h ON true WHERE s.state <> 'pending' ORDER BY s.name"
    ).fetchall()
    return tuple(
        SeatHead(name, state, seq, digest, utc(at), utc(last), calls_by_seat.get(name, 0))
        for name, state, seq, digest, at, last in rows
        if state == "active" or calls_by_seat.get(name)
    )
