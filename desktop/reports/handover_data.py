"""What the handover summary of a shift holds (DESIGN.md §8), read from the seat in one go.

`gather(session, shift_id)` (leads and admins) collects every part as plain data; `handover.py` lays it
out. Times stay timezone-aware; labels are left to the layout. A window that is not a shift
(`--from T --to T` on the command line) is gathered with `gather_window`.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from desktop.clock import parse_iso, to_utc_iso, utc_now
from desktop.errors import BadInput
from desktop.followups import DUE_SOON, FollowUpService, ReferralRow
from desktop.seat import Session
from desktop.shifts import Shift, ShiftService
from desktop.store.accounts import AccountRepo
from desktop.wellbeing import HIGH_LEVELS, Workload, thresholds, workload

LEADS = ("lead", "admin")


@dataclass(frozen=True)
class CrisisLine:
    action: str
    at: datetime
    outcome: str | None


@dataclass(frozen=True)
class ReferralLine:
    kind: str
    urgency: str
    status: str
    resource: str | None


@dataclass(frozen=True)
class FollowUpLine:
    call_id: int
    case_code: str | None
    due_at: datetime
    owner: str
    note: str
    risk_level: str
    overdue: bool
    assessed: bool = True  # False: saved without a risk assessment (its stored level is "none" all the same)


@dataclass(frozen=True)
class RiskCall:
    call_id: int
    case_code: str | None
    started_at: datetime
    counselor: str
    computed_level: str
    final_level: str
    override_reason: str
    crisis: list[CrisisLine]
    referrals: list[ReferralLine]
    next_steps: list[FollowUpLine]  # the call's open follow-ups: what the next shift must do


@dataclass(frozen=True)
class SupervisedCall:
    call_id: int
    case_code: str | None
    started_at: datetime
    counselor: str
    risk_level: str
    notes: list[tuple[str, datetime, str]]  # (author, when, text)
    assessed: bool = True


@dataclass
class Handover:
    seat: str
    shift: Shift | None  # None for a window given by times
    window: tuple[datetime, datetime]
    made_at: datetime
    lead: str  # a staff code, or "" for an automatic shift or a window
    on_duty: list[str]
    calls: int
    by_kind: Counter
    talk_total_s: int
    talk_mean_s: int
    talk_longest_s: int
    risk_calls: list[RiskCall]
    follow_ups: list[FollowUpLine]
    open_referrals: list[ReferralRow]
    concerns: Counter
    emotions: Counter
    workload: list[Workload]
    supervised: list[SupervisedCall]
    note: str
    audit_head: tuple[int, str]
    names: dict[str, str] = field(default_factory=dict)  # staff code → display name

    def person(self, code: str) -> str:
        name = self.names.get(code)
        return f"{name} ({code})" if name else code


def gather(session: Session, shift_id: int, now: datetime | None = None) -> Handover:
    """Every part of the handover of the shift `shift_id`."""
    session.require(*LEADS, doing="make handover summaries")
    shift = ShiftService(session).get(shift_id)
    now = now or utc_now()
    return _gather(session, shift, (shift.started_at, shift.end_or(now)), "c.shift_id = ?", (shift_id,), now)


def gather_window(session: Session, start: datetime, end: datetime, now: datetime | None = None) -> Handover:
    """The same summary over the calls that started in [start, end), whatever their shift."""
    session.require(*LEADS, doing="make handover summaries")
    if start >= end:
        raise BadInput("--from must be before --to.", code="window.from_after_to")
    where, params = "c.started_at >= ? AND c.started_at < ?", (to_utc_iso(start), to_utc_iso(end))
    return _gather(session, None, (start, end), where, params, now or utc_now())


def _gather(session: Session, shift: Shift | None, window, where: str, params: tuple, now: datetime) -> Handover:
    store = session.store
    final = f"{where} AND c.status = 'final'"
    names = {a.code: a.display_name for a in AccountRepo(store).all()}
    calls = store.rows(
        f"SELECT c.id, c.case_code, c.started_at, c.ended_at, c.counselor, c.kind, c.risk_level,"
        f" c.supervision_flag FROM call c WHERE {final} ORDER BY c.started_at, c.id",
        params,
    )
    durations = [
        int((parse_iso(ended) - parse_iso(started)).total_seconds()) for _, _, started, ended, *_ in calls if ended
    ]
    by_counselor: dict[str, list] = {code: [] for code in (shift.counselors if shift else ())}  # on duty, no call too
    for _, _, started, ended, counselor, _, level, _ in calls:
        by_counselor.setdefault(counselor, []).append((parse_iso(started), parse_iso(ended) if ended else None, level))
    limits = thresholds(store)
    loads = sorted(
        (workload(code, rows, limits, min(now, window[1])) for code, rows in by_counselor.items()),
        key=lambda w: (-w.calls, w.counselor),
    )
    follow_ups = _open_follow_ups(store, now)
    risk_calls = [
        _risk_call(store, row, follow_ups) for row in calls if row[6] in HIGH_LEVELS
    ]  # fmt: skip
    supervised = [_supervised(store, row) for row in calls if row[7]]
    if shift is not None and not shift.automatic:
        lead, on_duty = shift.lead, list(shift.counselors)
    else:
        lead, on_duty = "", sorted(by_counselor)
    return Handover(
        seat=session.seat.vault.seat_name if session.seat else "",
        shift=shift,
        window=window,
        made_at=now,
        lead=lead,
        on_duty=on_duty,
        calls=len(calls),
        by_kind=Counter(row[5] for row in calls),
        talk_total_s=sum(durations),
        talk_mean_s=round(sum(durations) / len(durations)) if durations else 0,
        talk_longest_s=max(durations, default=0),
        risk_calls=risk_calls,
        follow_ups=[f for f in follow_ups if f.due_at <= now + DUE_SOON],
        open_referrals=FollowUpService(session).open_referrals(),
        concerns=_codes(store, "call_concern", final, params),
        emotions=_codes(store, "call_emotion", final, params),
        workload=loads,
        supervised=supervised,
        note=shift.handover_note if shift else "",
        audit_head=session.audit.head(),
        names=names,
    )


def _codes(store, table: str, where: str, params: tuple) -> Counter:
    rows = store.rows(
        f"SELECT t.code, count(*) FROM {table} t JOIN call c ON c.id = t.call_id WHERE {where} GROUP BY t.code",
        params,
    )
    return Counter(dict(rows))


def _open_follow_ups(store, now: datetime) -> list[FollowUpLine]:
    rows = store.rows(
        "SELECT f.call_id, c.case_code, f.due_at, f.owner, f.note, c.risk_level,"
        " EXISTS (SELECT 1 FROM risk_assessment r WHERE r.call_id = c.id) FROM follow_up f"
        " JOIN call c ON c.id = f.call_id WHERE f.done_at IS NULL ORDER BY f.due_at, f.id"
    )
    return [
        FollowUpLine(call, case, parse_iso(due), owner, note, level, parse_iso(due) <= now, bool(assessed))
        for call, case, due, owner, note, level, assessed in rows
    ]


def _risk_call(store, row, follow_ups: list[FollowUpLine]) -> RiskCall:
    call_id, case_code, started, _ended, counselor, _kind, level, _flag = row
    assessed = store.one(
        "SELECT computed_level, final_level, override_reason FROM risk_assessment WHERE call_id = ?", (call_id,)
    ) or (level, level, "")
    crisis = [
        CrisisLine(action, parse_iso(at), outcome)
        for action, at, outcome in store.rows(
            "SELECT action, at, outcome FROM crisis_action WHERE call_id = ? ORDER BY at, id", (call_id,)
        )
    ]
    referrals = [
        ReferralLine(*r)
        for r in store.rows(
            "SELECT r.kind, r.urgency, r.status, s.name FROM referral r LEFT JOIN resource s ON s.id = r.resource_id"
            " WHERE r.call_id = ? ORDER BY r.id",
            (call_id,),
        )
    ]
    steps = [f for f in follow_ups if f.call_id == call_id]
    return RiskCall(call_id, case_code, parse_iso(started), counselor, *assessed, crisis, referrals, steps)


def _supervised(store, row) -> SupervisedCall:
    call_id, case_code, started, _ended, counselor, _kind, level, _flag = row
    notes = [
        (author, parse_iso(at), text)
        for author, at, text in store.rows(
            "SELECT author, created_at, text FROM supervision_note WHERE call_id = ? ORDER BY created_at", (call_id,)
        )
    ]
    assessed = store.one("SELECT 1 FROM risk_assessment WHERE call_id = ?", (call_id,)) is not None
    return SupervisedCall(call_id, case_code, parse_iso(started), counselor, level, notes, assessed)
