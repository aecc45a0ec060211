"""A saved call read in full, for the read view and the one-call PDF: everything the call holds.

`read_call(session, call_id)` goes through `CallService.get`, so the same visibility holds (a counselor reads
their own calls and the current shift's; opening someone else's call is audited), then adds what the form
does not carry: the computed level as it was saved (a call keeps the level it was saved with, even after the
rules change), the reasons, every follow-up with its outcome (done ones too), the referral directory entry,
the legal hold, and, for leads and admins only, the supervision flag and notes.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from desktop.call_model import CallRecord
from desktop.calls import CallService
from desktop.clock import parse_iso
from desktop.risk import NOT_ASSESSED
from desktop.seat import Session
from desktop.supervision import LEADS, SupervisionNote, SupervisionService


@dataclass(frozen=True)
class FollowUpView:
    due_at: datetime
    owner: str
    note: str
    done_at: datetime | None = None
    done_by: str | None = None
    outcome: str = ""


@dataclass(frozen=True)
class ReferralView:
    kind: str
    urgency: str
    status: str
    resource: str = ""  # the directory entry's name, "" when none was chosen


@dataclass(frozen=True)
class CallView:
    record: CallRecord
    computed_level: str  # NOT_ASSESSED when the call was saved without an assessment
    final_level: str
    override_reason: str
    reasons: tuple[str, ...]  # the items and scales that decided the computed level
    assessed_at: datetime | None
    referrals: tuple[ReferralView, ...]
    follow_ups: tuple[FollowUpView, ...]  # open and done, by due time
    legal_hold: bool
    shredded: bool  # the free text was shredded at the end of the retention period
    supervision_flag: bool | None  # None: not for this viewer (counselors)
    supervision_notes: tuple[SupervisionNote, ...] | None

    @property
    def assessed(self) -> bool:
        return self.computed_level != NOT_ASSESSED

    @property
    def overridden(self) -> bool:
        return self.assessed and self.final_level != self.computed_level


def follow_up_views(rows) -> tuple[FollowUpView, ...]:
    """(due_at, owner, note, done_at, done_by, outcome) rows → FollowUpView."""
    return tuple(
        FollowUpView(parse_iso(due), owner, note, parse_iso(done) if done else None, by, outcome or "")
        for due, owner, note, done, by, outcome in rows
    )


FOLLOW_UP_COLUMNS = "f.due_at, f.owner, f.note, f.done_at, f.done_by, f.outcome"
REFERRAL_COLUMNS = "r.kind, r.urgency, r.status, COALESCE(d.name, '')"


def read_call(session: Session, call_id: int) -> CallView:
    """Everything call `call_id` holds that this viewer may see; BadInput/NotPermitted as CallService.get."""
    record = CallService(session).get(call_id)  # visibility and the "viewed" audit entry
    store = session.store
    row = store.one(
        "SELECT computed_level, final_level, override_reason, reasons, assessed_at FROM risk_assessment"
        " WHERE call_id = ?",
        (call_id,),
    )
    if row:
        computed, final, reason, reasons, assessed_at = row
        reasons, assessed_at = tuple(json.loads(reasons)), parse_iso(assessed_at)
    else:
        computed = final = NOT_ASSESSED
        reason, reasons, assessed_at = "", (), None
    referrals = tuple(
        ReferralView(*r)
        for r in store.rows(
            f"SELECT {REFERRAL_COLUMNS} FROM referral r LEFT JOIN resource d ON d.id = r.resource_id"
            " WHERE r.call_id = ? ORDER BY r.id",
            (call_id,),
        )
    )
    follow_ups = follow_up_views(
        store.rows(
            f"SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f WHERE f.call_id = ? ORDER BY f.due_at, f.id", (call_id,)
        )
    )
    held, shredded, flagged = store.one(
        "SELECT legal_hold, shredded_at IS NOT NULL, supervision_flag FROM call WHERE id = ?", (call_id,)
    )
    lead = session.role in LEADS
    return CallView(
        record=record,
        computed_level=computed,
        final_level=final,
        override_reason=reason,
        reasons=reasons,
        assessed_at=assessed_at,
        referrals=referrals,
        follow_ups=follow_ups,
        legal_hold=bool(held),
        shredded=bool(shredded),
        supervision_flag=bool(flagged) if lead else None,
        supervision_notes=tuple(SupervisionService(session).notes(call_id)) if lead else None,
    )
