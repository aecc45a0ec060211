"""A case code's history: every call of the code the viewer may see, oldest first, as a timeline.

The case code is the one thread between the calls of a repeat caller that stores no phone number. Each
entry carries what the next counselor needs for continuity: when, who, what kind of call, the concerns, the
level (computed and final; not assessed where nobody assessed), crisis actions, referrals with their
status and follow-ups with their outcome. Never the notes.

Visibility as `CallService` (DESIGN.md §4): a counselor sees their own calls and those of the current
shift; leads and admins see all. A case code has few calls, so the timeline is six small queries whatever
the number of calls (one per part, each by the list of call ids), never one per call.
"""

from dataclasses import dataclass
from datetime import datetime

from desktop.call_model import CrisisActionInput, normalize_case_code
from desktop.call_read import FOLLOW_UP_COLUMNS, REFERRAL_COLUMNS, FollowUpView, ReferralView, follow_up_views
from desktop.clock import parse_iso, utc_now
from desktop.risk import NOT_ASSESSED
from desktop.seat import Session
from desktop.shift_window import current_shift_id


@dataclass(frozen=True)
class TimelineEntry:
    call_id: int
    started_at: datetime
    ended_at: datetime | None
    counselor: str
    kind: str
    concerns: tuple[str, ...]
    computed_level: str  # NOT_ASSESSED when the call was saved without an assessment
    final_level: str
    crisis_actions: tuple[CrisisActionInput, ...]
    referrals: tuple[ReferralView, ...]
    follow_ups: tuple[FollowUpView, ...]

    @property
    def assessed(self) -> bool:
        return self.computed_level != NOT_ASSESSED


def case_timeline(session: Session, case_code: str) -> list[TimelineEntry]:
    """The calls of `case_code` this viewer may see, oldest first; [] for text that is no case code.
    A lookup that finds calls is audited as `case.looked_up` (the code, never what was found)."""
    code = normalize_case_code(case_code)
    if code is None:
        return []
    store = session.store
    where, params = "case_code = ?", [code]
    if session.role == "counselor":
        where += " AND (counselor = ? OR shift_id IS ?)"
        params += [session.actor, current_shift_id(store, utc_now())]
    calls = store.rows(
        f"SELECT id, started_at, ended_at, counselor, kind FROM call WHERE {where} ORDER BY started_at, id", params
    )
    if not calls:
        return []
    ids = [c[0] for c in calls]
    marks = ", ".join("?" for _ in ids)

    def by_call(sql: str) -> dict[int, list[tuple]]:
        grouped: dict[int, list[tuple]] = {}
        for call_id, *rest in store.rows(sql.format(ids=marks), ids):
            grouped.setdefault(call_id, []).append(tuple(rest))
        return grouped

    concerns = by_call("SELECT call_id, code FROM call_concern WHERE call_id IN ({ids}) ORDER BY code")
    levels = by_call("SELECT call_id, computed_level, final_level FROM risk_assessment WHERE call_id IN ({ids})")
    actions = by_call("SELECT call_id, action, at, outcome FROM crisis_action WHERE call_id IN ({ids}) ORDER BY at, id")
    referrals = by_call(
        f"SELECT r.call_id, {REFERRAL_COLUMNS} FROM referral r LEFT JOIN resource d ON d.id = r.resource_id"
        " WHERE r.call_id IN ({ids}) ORDER BY r.id"
    )
    follow_ups = by_call(
        f"SELECT f.call_id, {FOLLOW_UP_COLUMNS} FROM follow_up f WHERE f.call_id IN ({{ids}}) ORDER BY f.due_at, f.id"
    )
    session.audit.append(session.actor, "case.looked_up", code)
    entries = []
    for call_id, started, ended, counselor, kind in calls:
        computed, final = (levels.get(call_id) or [(NOT_ASSESSED, NOT_ASSESSED)])[0]
        entries.append(
            TimelineEntry(
                call_id=call_id,
                started_at=parse_iso(started),
                ended_at=parse_iso(ended) if ended else None,
                counselor=counselor,
                kind=kind,
                concerns=tuple(c for (c,) in concerns.get(call_id, [])),
                computed_level=computed,
                final_level=final,
                crisis_actions=tuple(
                    CrisisActionInput(a, parse_iso(at), outcome) for a, at, outcome in actions.get(call_id, [])
                ),
                referrals=tuple(ReferralView(*r) for r in referrals.get(call_id, [])),
                follow_ups=follow_up_views(follow_ups.get(call_id, [])),
            )
        )
    return entries
