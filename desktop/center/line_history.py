"""A repeat caller across seats (issue 16): the calls of a case code from every seat of the line, from the centre
— the coded fields and the summary, which the seat unseals — for the read view's timeline.

The entries are the seat's own timeline entries (desktop.case_history.TimelineEntry) with the seat they were
taken at, the call's UUID and its summary; a call of this seat carries its local id, another seat's call none.
Visibility as at the seat (DESIGN.md §4): a counselor sees their own calls and those of the open centre shift;
leads and admins see every call of the code. Each lookup that finds calls is audited (the code, never what was
found).
"""

from dataclasses import dataclass

from desktop.call_model import CrisisActionInput, normalize_case_code
from desktop.call_read import FollowUpView, ReferralView
from desktop.case_history import TimelineEntry
from desktop.center.line_base import live, utc
from desktop.center.seal import SealError, unseal
from desktop.risk import NOT_ASSESSED

LIMIT = 500


@dataclass(frozen=True)
class CenterTimelineEntry(TimelineEntry):
    seat: str = ""
    uuid: str = ""
    summary: str = ""  # unsealed; "" when there is none (or it was shredded at its seat)


def case_history_from_center(session, case_code: str) -> list[CenterTimelineEntry]:
    """Every call of `case_code` at the centre this viewer may see, oldest first; [] for text that is no case
    code. CenterNeeded when the centre cannot be reached (the seat's own timeline still shows)."""
    code = normalize_case_code(case_code)
    if code is None:
        return []
    where, params = "c.case_code = %s", [code]
    if session.role == "counselor":
        where += " AND (c.counselor = %s OR c.line_shift = (SELECT uuid FROM center.line_shift WHERE ended_at IS NULL))"
        params.append(session.actor)
    with live(session, "show the calls of this case code from every seat") as (conn, link):
        rows = conn.execute(
            "SELECT c.uuid::text, s.name, c.started_at, c.ended_at, c.counselor, c.kind, c.concerns, c.computed_level,"
            f" c.risk_level, c.summary FROM center.call c JOIN center.seat s ON s.id = c.seat_id WHERE {where}"
            " ORDER BY c.started_at, c.uuid LIMIT %s",
            (*params, LIMIT),
        ).fetchall()
        ids = [r[0] for r in rows]
        actions = _grouped(
            conn,
            "SELECT call_uuid::text, action, at, outcome FROM center.crisis_action WHERE call_uuid = ANY(%s::uuid[])"
            " ORDER BY at, n",
            ids,
        )
        referrals = _grouped(
            conn,
            "SELECT call_uuid::text, kind, urgency, status FROM center.referral WHERE call_uuid = ANY(%s::uuid[])"
            " ORDER BY n",
            ids,
        )
        follow_ups = _grouped(
            conn,
            "SELECT f.call_uuid::text, f.uuid::text, f.due_at, f.owner, f.note, f.done_at, f.done_by, f.outcome,"
            " (SELECT e.actor FROM center.follow_up_event e WHERE e.follow_up_uuid = f.uuid AND e.what = 'closed'"
            "  ORDER BY e.line_at DESC LIMIT 1) FROM center.follow_up f WHERE f.call_uuid = ANY(%s::uuid[])"
            " ORDER BY f.due_at",
            ids,
        )
        conn.rollback()
    if not rows:
        return []
    key = link.data_key
    local = dict(session.store.rows(f"SELECT uuid, id FROM call WHERE uuid IN ({', '.join('?' for _ in ids)})", ids))
    entries = []
    for uuid, seat, started, ended, counselor, kind, concerns, computed, level, sealed in rows:
        entries.append(
            CenterTimelineEntry(
                call_id=local.get(uuid),
                started_at=utc(started),
                ended_at=utc(ended),
                counselor=counselor,
                kind=kind,
                concerns=tuple(concerns or ()),
                computed_level=computed or NOT_ASSESSED,
                final_level=level if computed or level != "none" else NOT_ASSESSED,
                crisis_actions=tuple(CrisisActionInput(a, utc(at), o) for a, at, o in actions.get(uuid, [])),
                referrals=tuple(ReferralView(k, u, s) for k, u, s in referrals.get(uuid, [])),
                follow_ups=tuple(_follow_up(key, row) for row in follow_ups.get(uuid, [])),
                seat=seat,
                uuid=uuid,
                summary=_open(key, "call", uuid, "summary", sealed),
            )
        )
    session.audit.append(session.actor, "case.looked_up", code, {"center": True})
    return entries


def _grouped(conn, sql: str, ids: list[str]) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    if ids:
        for call, *rest in conn.execute(sql, (ids,)):
            found.setdefault(call, []).append(tuple(rest))
    return found


def _open(key: bytes, table: str, row: str, column: str, sealed) -> str:
    try:
        return unseal(key, table, row, column, sealed)
    except SealError:
        return ""


def _follow_up(key: bytes, row: tuple) -> FollowUpView:
    uuid, due, owner, note, done_at, done_by, outcome, closed_by = row
    return FollowUpView(
        due_at=utc(due),
        owner=owner,
        note=_open(key, "follow_up", uuid, "note", note),
        done_at=utc(done_at),
        done_by=done_by or closed_by,
        outcome=_open(key, "follow_up", uuid, "outcome", outcome),
    )
