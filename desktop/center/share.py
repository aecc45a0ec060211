"""What a seat shares with the centre (DESIGN.md §11), and nothing more.

`call_record` is the one function from a stored call to what the centre gets: the call's UUID, shift, counselor's
staff code, start and end, kind, age band, gender, province, first call, case code, concerns, emotions,
interventions, computed and final risk level with the deciding items, crisis actions (time, outcome), referrals
(kind, urgency, status), follow-ups, the summary and the supervision flag. It never reads the notes, keywords,
amendments, city, safety plan, supervision notes, the override reason or the risk answers: they stay on the seat.
Free text (the summary, follow-up notes and outcomes, the handover note) leaves the seat only sealed under the
centre data key, bound to its row and column (desktop.center.seal).

`shift_record` is the same for a shift: lead, window, counselors on duty and the sealed handover note.
"""

import json

from desktop.center.seal import seal
from desktop.store.store import Store

CALL_FIELDS = (
    "uuid",
    "version",
    "shift",
    "counselor",
    "started_at",
    "ended_at",
    "kind",
    "age_band",
    "gender",
    "region",
    "first_call",
    "case_code",
    "concerns",
    "emotions",
    "interventions",
    "computed_level",
    "risk_level",
    "risk_items",
    "crisis_actions",
    "referrals",
    "follow_ups",
    "summary",
    "supervision_flag",
)


def _b(value: bytes | None) -> str | None:
    """Sealed bytes travel as hex inside the batch's JSON."""
    return value.hex() if value is not None else None


def _codes(store: Store, table: str, call_id: int) -> list[str]:
    return [r[0] for r in store.rows(f"SELECT code FROM {table} WHERE call_id = ? ORDER BY code", (call_id,))]


def call_record(store: Store, call_id: int, key: bytes, version: int) -> dict | None:
    """The centre's record of call `call_id` at `version`; None when the call no longer exists."""
    row = store.one(
        "SELECT c.uuid, s.uuid, c.counselor, c.started_at, c.ended_at, c.kind, c.age_band, c.gender, c.region,"
        " c.first_call, c.case_code, c.risk_level, c.summary, c.supervision_flag"
        " FROM call c LEFT JOIN shift s ON s.id = c.shift_id WHERE c.id = ?",
        (call_id,),
    )
    if row is None:
        return None
    uuid, shift, counselor, started, ended, kind, age, gender, region, first, case, level, summary, flag = row
    assessment = store.one("SELECT computed_level, reasons FROM risk_assessment WHERE call_id = ?", (call_id,))
    follow_ups = []
    for fu_uuid, due, owner, note, created, done_at, done_by, outcome in store.rows(
        "SELECT uuid, due_at, owner, note, created_at, done_at, done_by, outcome FROM follow_up"
        " WHERE call_id = ? ORDER BY id",
        (call_id,),
    ):
        follow_ups.append(
            {
                "uuid": fu_uuid,
                "due_at": due,
                "owner": owner,
                "created_at": created,
                "done_at": done_at,
                "done_by": done_by,
                "note": _b(seal(key, "follow_up", fu_uuid, "note", note)),
                "outcome": _b(seal(key, "follow_up", fu_uuid, "outcome", outcome)),
            }
        )
    return {
        "uuid": uuid,
        "version": version,
        "shift": shift,
        "counselor": counselor,
        "started_at": started,
        "ended_at": ended,
        "kind": kind,
        "age_band": age,
        "gender": gender,
        "region": region,
        "first_call": None if first is None else bool(first),
        "case_code": case,
        "concerns": _codes(store, "call_concern", call_id),
        "emotions": _codes(store, "call_emotion", call_id),
        "interventions": _codes(store, "call_intervention", call_id),
        "computed_level": assessment[0] if assessment else None,
        "risk_level": level,
        "risk_items": json.loads(assessment[1]) if assessment else [],
        "crisis_actions": [
            {"action": a, "at": at, "outcome": o}
            for a, at, o in store.rows(
                "SELECT action, at, outcome FROM crisis_action WHERE call_id = ? ORDER BY at, id", (call_id,)
            )
        ],
        "referrals": [
            {"kind": k, "urgency": u, "status": s}
            for k, u, s in store.rows(
                "SELECT kind, urgency, status FROM referral WHERE call_id = ? ORDER BY id", (call_id,)
            )
        ],
        "follow_ups": follow_ups,
        "summary": _b(seal(key, "call", uuid, "summary", summary)),
        "supervision_flag": bool(flag),
    }


def shift_record(store: Store, shift_id: int, key: bytes, version: int) -> dict | None:
    row = store.one(
        "SELECT uuid, lead, started_at, planned_end, ended_at, counselors, handover_note, automatic"
        " FROM shift WHERE id = ?",
        (shift_id,),
    )
    if row is None:
        return None
    uuid, lead, started, planned, ended, counselors, note, automatic = row
    return {
        "uuid": uuid,
        "version": version,
        "lead": lead,
        "started_at": started,
        "planned_end": planned,
        "ended_at": ended,
        "counselors": json.loads(counselors),
        "handover_note": _b(seal(key, "shift", uuid, "handover_note", note)),
        "automatic": bool(automatic),
    }
