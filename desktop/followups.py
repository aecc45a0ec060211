"""What is still open after a call: follow-ups (due and overdue first) and referrals not yet closed.

Leads and admins see every open follow-up and referral. A counselor sees those of their own calls, those
they own, and those left to the lead on shift (so a high-risk caller is not forgotten at shift change
when no lead is logged in). The queue shows the case code, due time, owner, risk level and the
follow-up's own note, never the call's notes. Only the follow-up's owner, the call's counselor, or a
lead or admin closes one; a referral's status is changed by the call's counselor or a lead or admin.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop import privacy
from desktop.call_model import LEAD_ON_SHIFT, clean_text
from desktop.clock import parse_iso, utc_now, utc_now_iso
from desktop.errors import BadInput, NotPermitted
from desktop.seat import Session
from desktop.taxonomy import REFERRAL_STATUS, load_taxonomy

OPEN_REFERRAL_STATUSES = ("suggested", "warm_transfer", "accepted")
DUE_SOON = timedelta(hours=12)


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    call_id: int
    case_code: str | None
    due_at: datetime
    owner: str
    note: str
    risk_level: str
    overdue: bool
    due_soon: bool  # overdue, or due within DUE_SOON
    risk_assessed: bool = True  # False: the call was saved without a risk assessment

    @property
    def for_lead(self) -> bool:
        return self.owner == LEAD_ON_SHIFT


@dataclass(frozen=True)
class ReferralRow:
    id: int
    call_id: int
    case_code: str | None
    kind: str
    urgency: str
    status: str
    resource_name: str | None
    updated_at: datetime


class FollowUpService:
    def __init__(self, session: Session):
        self._session = session
        self._store = session.store

    def queue(self, now: datetime | None = None) -> list[FollowUpRow]:
        """Every open follow-up, earliest first; each says whether it is overdue or due within 12 hours."""
        now = now or utc_now()
        mine, params = "", ()
        if self._session.role == "counselor":
            mine = " AND (c.counselor = ? OR f.owner IN (?, ?))"
            params = (self._session.actor, self._session.actor, LEAD_ON_SHIFT)
        rows = self._store.rows(
            "SELECT f.id, f.call_id, c.case_code, f.due_at, f.owner, f.note, c.risk_level,"
            " EXISTS (SELECT 1 FROM risk_assessment WHERE call_id = c.id) FROM follow_up f"
            f" JOIN call c ON c.id = f.call_id WHERE f.done_at IS NULL{mine} ORDER BY f.due_at, f.id",
            params,
        )
        queue = []
        for fid, call, case, due, owner, note, level, assessed in rows:
            due_at = parse_iso(due)
            soon = due_at <= now + DUE_SOON
            queue.append(FollowUpRow(fid, call, case, due_at, owner, note, level, due_at <= now, soon, bool(assessed)))
        return queue

    def complete(self, follow_up_id: int, outcome: str, choices: privacy.Choices | None = None) -> Counter:
        """Mark a follow-up done with what came of it (through the notes guard)."""
        choices = choices or privacy.Choices()
        guarded = privacy.guard(clean_text(outcome).strip(), choices.keep, choices.marks)
        if not guarded.text:
            raise BadInput("Say what came of the follow-up.", code="follow_up.outcome_missing")
        row = self._store.one(
            "SELECT f.owner, c.counselor FROM follow_up f JOIN call c ON c.id = f.call_id WHERE f.id = ?",
            (follow_up_id,),
        )
        if row and self._session.role == "counselor" and self._session.actor not in row:
            raise NotPermitted(
                "Only the follow-up's owner, the call's counselor or a lead can close it.", code="follow_up.not_yours"
            )
        with self._store.transaction():
            changed = self._store.execute(
                "UPDATE follow_up SET done_at = ?, done_by = ?, outcome = ? WHERE id = ? AND done_at IS NULL",
                (utc_now_iso(), self._session.actor, guarded.text, follow_up_id),
            ).rowcount
            if not changed:
                raise BadInput("This follow-up is already done or does not exist.", code="follow_up.gone")
            self._session.audit.append(self._session.actor, "follow_up.done", f"follow_up:{follow_up_id}")
        return guarded.counts

    def open_referrals(self) -> list[ReferralRow]:
        marks = ", ".join("?" for _ in OPEN_REFERRAL_STATUSES)
        mine, params = "", OPEN_REFERRAL_STATUSES
        if self._session.role == "counselor":
            mine, params = " AND c.counselor = ?", (*OPEN_REFERRAL_STATUSES, self._session.actor)
        rows = self._store.rows(
            "SELECT r.id, r.call_id, c.case_code, r.kind, r.urgency, r.status, s.name, r.updated_at FROM referral r"
            " JOIN call c ON c.id = r.call_id LEFT JOIN resource s ON s.id = r.resource_id"
            f" WHERE r.status IN ({marks}){mine} ORDER BY r.urgency = 'urgent' DESC, r.updated_at",
            params,
        )
        return [ReferralRow(*row[:7], parse_iso(row[7])) for row in rows]

    def set_referral_status(self, referral_id: int, status: str) -> None:
        if not load_taxonomy().is_valid(REFERRAL_STATUS, status):
            raise BadInput("Unknown referral status.", code="referral.unknown_status")
        row = self._store.one(
            "SELECT c.counselor FROM referral r JOIN call c ON c.id = r.call_id WHERE r.id = ?", (referral_id,)
        )
        if row and self._session.role == "counselor" and row[0] != self._session.actor:
            raise NotPermitted(
                "Only the call's counselor or a lead can change this referral.", code="referral.not_yours"
            )
        with self._store.transaction():
            changed = self._store.execute(
                "UPDATE referral SET status = ?, updated_at = ? WHERE id = ?", (status, utc_now_iso(), referral_id)
            ).rowcount
            if not changed:
                raise BadInput("There is no such referral.", code="referral.unknown")
            self._session.audit.append(
                self._session.actor, "referral.status", f"referral:{referral_id}", {"status": status}
            )
