"""The risk side of a call: assessment, crisis actions, referrals, follow-ups and the safety plan.

`problems()` says what keeps them from being saved; `store()` writes them inside the call's transaction.
High and imminent calls get a follow-up owned by the lead on shift when the counselor set none, so they
are never forgotten at shift change (DESIGN.md §7).
"""

import json
from datetime import timedelta

from desktop import risk
from desktop.call_model import (
    LEAD_ON_SHIFT,
    SAFETY_PLAN_FIELDS,
    CallInput,
    CrisisActionInput,
    FollowUpInput,
    ReferralInput,
    RiskInput,
)
from desktop.clock import parse_iso, to_utc_iso, utc_now_iso
from desktop.errors import BadInput
from desktop.seat import Session
from desktop.store.store import Store
from desktop.taxonomy import CRISIS_ACTIONS, CRISIS_OUTCOMES, REFERRAL_KINDS, REFERRAL_STATUS, URGENCY, Taxonomy
from desktop.uuids import new_uuid

DEFAULT_FOLLOW_UP = timedelta(hours=24)
MAX_PLAN_LINE = 500
MAX_FOLLOW_UP_NOTE = 2000


def final_level(form: CallInput) -> str:
    """The level that counts: the counselor's override where there is one, else the computed level."""
    if form.risk is None or not (form.risk.answers or form.risk.override_level):
        return risk.NOT_ASSESSED
    if form.risk.override_level:
        return form.risk.override_level
    return risk.assess(form.risk.answers).level


def stored_level(form: CallInput) -> str:
    """What `call.risk_level` holds for `form`: its final level, and "none" for a call not assessed (which
    has no assessment row: that tells the two apart)."""
    level = final_level(form)
    return "none" if level == risk.NOT_ASSESSED else level


def risk_problems(form: CallInput, taxonomy: Taxonomy, owners: set[str]) -> list[BadInput]:
    problems = []
    level = None
    if form.risk is not None:
        try:
            level = risk.assess(form.risk.answers).level
        except ValueError as exc:
            problems.append(BadInput(f"The risk assessment is not valid: {exc}.", code="risk.not_valid"))
        override = form.risk.override_level
        if override:
            if override not in risk.LEVELS:
                problems.append(BadInput("Unknown risk level.", code="risk.unknown_level"))
            elif override != level and not form.risk.override_reason.strip():
                problems.append(
                    BadInput("Give a reason for changing the computed risk level.", code="risk.reason_missing")
                )
    for action in form.crisis_actions:
        if not taxonomy.is_valid(CRISIS_ACTIONS, action.action):
            problems.append(BadInput("Unknown crisis action.", code="crisis.unknown_action"))
        if action.outcome and not taxonomy.is_valid(CRISIS_OUTCOMES, action.outcome):
            problems.append(BadInput("Unknown crisis outcome.", code="crisis.unknown_outcome"))
        if form.started_at and action.at < form.started_at:
            problems.append(
                BadInput(
                    "A crisis action is timed before the call started: correct its time.", code="crisis.before_start"
                )
            )
    imminent = level is not None and (form.risk.override_level or level) == "imminent"
    if imminent and not any(a.outcome for a in form.crisis_actions):
        problems.append(
            BadInput(
                "An imminent-risk call needs at least one crisis action with its outcome before saving.",
                code="crisis.imminent_needs_action",
            )
        )
    for referral in form.referrals:
        if not (
            taxonomy.is_valid(REFERRAL_KINDS, referral.kind)
            and taxonomy.is_valid(URGENCY, referral.urgency)
            and taxonomy.is_valid(REFERRAL_STATUS, referral.status)
        ):
            problems.append(
                BadInput("A referral has an unknown kind, urgency or status.", code="referral.unknown_code")
            )
    for follow_up in form.follow_ups:
        if follow_up.owner != LEAD_ON_SHIFT and follow_up.owner not in owners:
            problems.append(
                BadInput("A follow-up is owned by someone who has no account here.", code="follow_up.unknown_owner")
            )
        if len(follow_up.note) > MAX_FOLLOW_UP_NOTE:
            problems.append(
                BadInput(
                    f"A follow-up note is limited to {MAX_FOLLOW_UP_NOTE:,} characters.",
                    code="follow_up.note_too_long",
                    limit=MAX_FOLLOW_UP_NOTE,
                )
            )
    unknown_plan = set(form.safety_plan) - set(SAFETY_PLAN_FIELDS)
    if unknown_plan or any(len(v) > MAX_PLAN_LINE for v in form.safety_plan.values()):
        problems.append(
            BadInput(
                f"Each safety-plan section is limited to {MAX_PLAN_LINE} characters.",
                code="safety_plan.too_long",
                limit=MAX_PLAN_LINE,
            )
        )
    return problems


def store_risk(session: Session, call_id: int, form: CallInput, audit: bool = True, new: bool = False) -> str:
    """Write the risk parts of `form` for `call_id` (replacing earlier ones); returns the final level.

    `form` has been through `guarded_form` already (CallService.write does that): no text is guarded twice.
    `new`: the call was inserted just now, with its level (`stored_level`), and has nothing to replace.
    """
    store, actor = session.store, session.actor
    audit = session.audit if audit else _Silent()
    target = f"call:{call_id}"
    previous = None
    if not new:
        previous = store.one("SELECT final_level FROM risk_assessment WHERE call_id = ?", (call_id,))
        for table in ("risk_assessment", "crisis_action", "referral", "safety_plan"):
            store.execute(f"DELETE FROM {table} WHERE call_id = ?", (call_id,))
        store.execute("DELETE FROM follow_up WHERE call_id = ? AND done_at IS NULL", (call_id,))

    level = "none"  # with no assessment row: not assessed (lists and statistics tell the two apart by the row)
    if form.risk is not None and (form.risk.answers or form.risk.override_level):
        result = risk.assess(form.risk.answers)
        level = form.risk.override_level or result.level
        reason = form.risk.override_reason if form.risk.override_level else ""
        assessed = to_utc_iso(form.risk.assessed_at) if form.risk.assessed_at else utc_now_iso()
        store.execute(
            "INSERT INTO risk_assessment (call_id, answers, computed_level, final_level, override_reason, reasons,"
            " assessed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                call_id,
                json.dumps(form.risk.answers, sort_keys=True),
                result.level,
                level,
                reason,
                json.dumps(list(result.reasons)),
                assessed,
            ),
        )
        if previous is None or previous[0] != level:
            audit.append(actor, "risk.assessed", target, {"computed": result.level, "final": level})
        if form.risk.override_level and form.risk.override_level != result.level:
            audit.append(actor, "risk.overridden", target, {"from": result.level, "to": level})
    if not new:
        store.execute("UPDATE call SET risk_level = ? WHERE id = ?", (level, call_id))

    for action in form.crisis_actions:
        store.execute(
            "INSERT INTO crisis_action (call_id, action, at, outcome) VALUES (?, ?, ?, ?)",
            (call_id, action.action, to_utc_iso(action.at), action.outcome),
        )
    if form.crisis_actions:
        audit.append(actor, "crisis.recorded", target, {"actions": [a.action for a in form.crisis_actions]})

    # A referral is made during the call: its time is the call's end, not when the record was written (an
    # import of last month's calls, or the demo seat, showed every open referral at the moment of saving).
    now = utc_now_iso()
    made = form.ended_at or form.started_at
    made_at = to_utc_iso(made) if made else now
    for referral in form.referrals:
        store.execute(
            "INSERT INTO referral (call_id, resource_id, kind, urgency, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (call_id, referral.resource_id, referral.kind, referral.urgency, referral.status, made_at),
        )
    if form.referrals:
        audit.append(actor, "referral.recorded", target, {"count": len(form.referrals)})

    follow_ups = list(form.follow_ups)
    had_follow_up = not new and store.one("SELECT 1 FROM follow_up WHERE call_id = ? LIMIT 1", (call_id,)) is not None
    if not follow_ups and not had_follow_up and level in risk.OPENS_PROTOCOL:
        start = form.ended_at or form.started_at
        follow_ups.append(FollowUpInput(due_at=start + DEFAULT_FOLLOW_UP, owner=LEAD_ON_SHIFT))
    for follow_up in follow_ups:
        store.execute(
            "INSERT INTO follow_up (call_id, due_at, owner, note, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?)",
            (call_id, to_utc_iso(follow_up.due_at), follow_up.owner, follow_up.note, now, new_uuid()),
        )
    if follow_ups:
        audit.append(actor, "follow_up.recorded", target, {"count": len(follow_ups)})

    plan = {name: form.safety_plan.get(name, "") for name in SAFETY_PLAN_FIELDS}
    if any(plan.values()):
        columns = ", ".join(SAFETY_PLAN_FIELDS)
        store.execute(
            f"INSERT INTO safety_plan (call_id, {columns}, updated_at) VALUES (?, {', '.join('?' * 6)}, ?)",
            (call_id, *plan.values(), now),
        )
    return level


class _Silent:
    """Stands in for the audit log where one entry covers a whole batch (import)."""

    def append(self, *args, **kwargs) -> None:
        return None


def load_risk(store: Store, call_id: int) -> dict:
    """The risk parts of a saved call, as CallInput fields (open follow-ups only)."""
    row = store.one(
        "SELECT answers, final_level, computed_level, override_reason, assessed_at FROM risk_assessment"
        " WHERE call_id = ?",
        (call_id,),
    )
    assessment = None
    if row:
        answers, final, computed, reason, assessed = row
        override = final if final != computed or reason else None
        assessment = RiskInput(json.loads(answers), override, reason, parse_iso(assessed))
    actions = [
        CrisisActionInput(action, parse_iso(at), outcome)
        for action, at, outcome in store.rows(
            "SELECT action, at, outcome FROM crisis_action WHERE call_id = ? ORDER BY at, id", (call_id,)
        )
    ]
    referrals = [
        ReferralInput(kind, urgency, status, resource)
        for kind, urgency, status, resource in store.rows(
            "SELECT kind, urgency, status, resource_id FROM referral WHERE call_id = ? ORDER BY id", (call_id,)
        )
    ]
    follow_ups = [
        FollowUpInput(parse_iso(due), owner, note)
        for due, owner, note in store.rows(
            "SELECT due_at, owner, note FROM follow_up WHERE call_id = ? AND done_at IS NULL ORDER BY due_at",
            (call_id,),
        )
    ]
    plan_row = store.one(f"SELECT {', '.join(SAFETY_PLAN_FIELDS)} FROM safety_plan WHERE call_id = ?", (call_id,))
    plan = {k: v for k, v in zip(SAFETY_PLAN_FIELDS, plan_row, strict=True) if v} if plan_row else {}
    return {
        "risk": assessment,
        "crisis_actions": actions,
        "referrals": referrals,
        "follow_ups": follow_ups,
        "safety_plan": plan,
    }
