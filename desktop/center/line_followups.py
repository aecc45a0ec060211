"""One follow-up queue for the line (issue 16): the centre's open follow-ups of every seat, each with the seat
it came from; a follow-up for "the lead on shift" is in the queue of whoever leads the open centre shift.

Changes are events — who, when, what, at which seat. Closing or changing a follow-up, this seat's own or
another's, writes the event to the seat's `center_event` table in the same transaction as the change (and, for
the seat's own follow-up, changes its row too), so it works offline; the next sync pushes it. At the centre the
latest event on the line's clock (each seat's time corrected by its clock offset) wins and every event is kept:
two seats closing the same follow-up at once leave two events in its history and one closed follow-up. A seat
whose own follow-up was closed or changed elsewhere takes the change into its row at the next sync.
Offline, the queue is what the seat last knew, with the changes it made since, and says since when.
"""

import json
from dataclasses import dataclass, replace
from datetime import datetime

from desktop import privacy
from desktop.call_model import LEAD_ON_SHIFT, clean_text
from desktop.center.line_base import (
    CenterNeeded,
    FollowUpDone,
    FollowUpUnknown,
    cache_get,
    cache_put,
    from_iso,
    iso,
    live,
    utc,
)
from desktop.center.seal import SealError, seal, unseal
from desktop.clock import utc_now, utc_now_iso
from desktop.errors import BadInput, NotPermitted
from desktop.seat import check_staff_code

QUEUE_LIMIT = 5000


@dataclass(frozen=True)
class FollowUpEvent:
    at: datetime  # on the line's clock
    actor: str | None
    seat: str
    what: str  # created, changed, closed, withdrawn
    due_at: datetime | None
    owner: str | None


@dataclass(frozen=True)
class LineFollowUp:
    uuid: str
    seat: str  # the seat it came from
    case_code: str | None
    due_at: datetime
    owner: str  # a staff code; "the lead on shift" resolved to the lead of the open centre shift when there is one
    note: str  # unsealed
    done_at: datetime | None
    done_by: str | None
    history: tuple[FollowUpEvent, ...]
    overdue: bool


@dataclass(frozen=True)
class Queue:
    items: tuple[LineFollowUp, ...]
    as_of: datetime | None  # None: live from the centre; else what the seat last knew, since then


def event_place(follow_up_uuid: str, seat: str, number: int) -> str:
    """The row a sealed event outcome is bound to: the follow-up, the seat that wrote it and its number there."""
    return f"{follow_up_uuid}/{seat}/{number}"


def _fold(item: LineFollowUp, events: list[FollowUpEvent], lead: str | None, now: datetime) -> tuple:
    """The follow-up after its events, oldest first (the latest change of due time or owner wins), and its owner
    before "the lead on shift" is resolved."""
    due, owner = item.due_at, item.owner
    for event in events:
        if event.what in ("created", "changed") and event.due_at is not None:
            due, owner = event.due_at, event.owner or owner
    shown = lead if owner == LEAD_ON_SHIFT and lead else owner
    overdue = item.done_at is None and due <= now
    return replace(item, due_at=due, owner=shown, history=tuple(events), overdue=overdue), owner


Entry = tuple[LineFollowUp, str, str]  # the follow-up, its call's counselor, its owner as written ("@lead" kept)


def fetch_entries(conn, key: bytes, now: datetime) -> list[Entry]:
    """The centre's open follow-ups of every seat with their history, due first, each with its call's counselor
    and its owner as written (who may see it)."""
    rows = conn.execute(
        "SELECT f.uuid::text, s.name, c.case_code, f.due_at, f.owner, f.note, c.counselor FROM center.follow_up f"
        " JOIN center.call c ON c.uuid = f.call_uuid JOIN center.seat s ON s.id = f.seat_id"
        " WHERE f.done_at IS NULL AND NOT EXISTS (SELECT 1 FROM center.follow_up_event e"
        "  WHERE e.follow_up_uuid = f.uuid AND e.what = 'closed') ORDER BY f.due_at, f.uuid LIMIT %s",
        (QUEUE_LIMIT,),
    ).fetchall()
    events = history(conn, [r[0] for r in rows])
    lead = conn.execute("SELECT lead FROM center.line_shift WHERE ended_at IS NULL").fetchone()
    entries = []
    for uuid, seat, case, due, owner, sealed, counselor in rows:
        try:
            note = unseal(key, "follow_up", uuid, "note", sealed)
        except SealError:
            note = ""
        item = LineFollowUp(uuid, seat, case, utc(due), owner, note, None, None, (), False)
        folded, written = _fold(item, events.get(uuid, []), lead[0] if lead else None, now)
        entries.append((folded, counselor, written))
    return sorted(entries, key=lambda e: (e[0].due_at, e[0].uuid))


def fetch_queue(conn, key: bytes, now: datetime) -> list[LineFollowUp]:
    """The centre's open follow-ups of every seat with their history, due first (leads' view)."""
    return [item for item, _counselor, _owner in fetch_entries(conn, key, now)]


def _visible(session, counselor: str | None, owner: str | None) -> bool:
    """As at the seat (DESIGN.md §4): a counselor sees the follow-ups of their own calls, those they own and those
    left to the lead on shift; leads and admins see all."""
    return session.role != "counselor" or session.actor in (counselor, owner) or owner == LEAD_ON_SHIFT


def history(conn, follow_ups: list[str]) -> dict[str, list[FollowUpEvent]]:
    found: dict[str, list[FollowUpEvent]] = {}
    if not follow_ups:
        return found
    for uuid, at, actor, seat, what, due, owner in conn.execute(
        "SELECT e.follow_up_uuid::text, e.line_at, e.actor, s.name, e.what, e.due_at, e.owner"
        " FROM center.follow_up_event e JOIN center.seat s ON s.id = e.seat_id"
        " WHERE e.follow_up_uuid = ANY(%s::uuid[]) ORDER BY e.line_at, e.id",
        (follow_ups,),
    ):
        found.setdefault(uuid, []).append(FollowUpEvent(utc(at), actor, seat, what, utc(due), owner))
    return found


def _to_json(item: LineFollowUp) -> dict:
    return {
        "uuid": item.uuid,
        "seat": item.seat,
        "case_code": item.case_code,
        "due_at": iso(item.due_at),
        "owner": item.owner,
        "note": item.note,
        "history": [
            {
                "at": iso(e.at),
                "actor": e.actor,
                "seat": e.seat,
                "what": e.what,
                "due_at": iso(e.due_at),
                "owner": e.owner,
            }
            for e in item.history
        ],
    }


def _from_json(data: dict, now: datetime) -> LineFollowUp:
    events = tuple(
        FollowUpEvent(from_iso(e["at"]), e["actor"], e["seat"], e["what"], from_iso(e["due_at"]), e["owner"])
        for e in data["history"]
    )
    due = from_iso(data["due_at"])
    return LineFollowUp(
        data["uuid"], data["seat"], data["case_code"], due, data["owner"], data["note"], None, None, events, due <= now
    )


def store_queue(store, entries: list[Entry]) -> None:
    cache_put(store, "follow_ups", [{**_to_json(i), "counselor": c, "written_owner": o} for i, c, o in entries])


def follow_up_queue(session, now: datetime | None = None) -> Queue:
    """The centre's open follow-ups of every seat (live), or, offline, what the seat last knew with the changes it
    made since, and since when. A counselor sees those of their own calls, their own and the lead's."""
    now = now or utc_now()
    try:
        with live(session, "show the centre's follow-ups") as (conn, link):
            entries = fetch_entries(conn, link.data_key, now)
            conn.rollback()
    except CenterNeeded:
        known, since = cache_get(session.store, "follow_ups")
        items = [
            _from_json(d, now) for d in known or [] if _visible(session, d.get("counselor"), d.get("written_owner"))
        ]
        return Queue(tuple(_with_pending(session, items, now)), since or _link_since(session))
    with session.store.transaction():
        store_queue(session.store, entries)
    items = [item for item, counselor, owner in entries if _visible(session, counselor, owner)]
    return Queue(tuple(_with_pending(session, items, now)), None)


def _link_since(session) -> datetime | None:
    from desktop.center import link as seat_link

    link = seat_link.active(session.store)
    return from_iso(link.last_sync) or from_iso(link.enrolled_at)


def _pending(store) -> list[tuple[int, dict]]:
    return [(i, json.loads(p)) for i, p in store.rows("SELECT id, payload FROM center_event ORDER BY id")]


def _with_pending(session, items: list[LineFollowUp], now: datetime) -> list[LineFollowUp]:
    """The queue with this seat's changes not yet at the centre applied (a follow-up closed here leaves it)."""
    pending = _pending(session.store)
    if not pending:
        return items
    seat = _seat_name(session)
    by_uuid = {i.uuid: i for i in items}
    for _id, event in pending:
        item = by_uuid.get(event["uuid"])
        if item is None:
            continue
        if event["what"] == "closed":
            del by_uuid[item.uuid]
            continue
        change = FollowUpEvent(
            from_iso(event["at"]), event["actor"], seat, "changed", from_iso(event["due_at"]), event["owner"]
        )
        due = change.due_at or item.due_at
        by_uuid[item.uuid] = replace(
            item, due_at=due, owner=change.owner or item.owner, history=(*item.history, change), overdue=due <= now
        )
    return sorted(by_uuid.values(), key=lambda f: (f.due_at, f.uuid))


def _seat_name(session) -> str:
    from desktop.center import link as seat_link

    return seat_link.active(session.store).seat_name


def _queue_event(session, payload: dict) -> int:
    return session.store.execute(
        "INSERT INTO center_event (kind, payload, queued_at) VALUES ('follow_up', ?, ?)",
        (json.dumps(payload, ensure_ascii=False), utc_now_iso()),
    ).lastrowid


def _known(session, uuid: str) -> tuple[tuple | None, dict | None]:
    """(this seat's own row (id, owner, counselor, done_at), the centre's last known entry) of a follow-up."""
    own = session.store.one(
        "SELECT f.id, f.owner, c.counselor, f.done_at FROM follow_up f JOIN call c ON c.id = f.call_id"
        " WHERE f.uuid = ?",
        (uuid,),
    )
    known, _since = cache_get(session.store, "follow_ups")
    entry = next((d for d in known or [] if d["uuid"] == uuid), None)
    if own is None and entry is None:  # made at another seat since this one last synced: ask the centre
        try:
            follow_up_queue(session)
        except CenterNeeded:
            pass
        else:
            known, _since = cache_get(session.store, "follow_ups")
            entry = next((d for d in known or [] if d["uuid"] == uuid), None)
    if own is None and entry is None:
        raise FollowUpUnknown("This follow-up is not known at this seat; sync with the centre and try again.")
    return own, entry


def _may_change(session, own, entry) -> None:
    """As at the seat: a counselor changes only a follow-up they own or of their own call (one left to the lead
    on shift is the lead's)."""
    if session.role != "counselor":
        return
    owners = set()
    if own is not None:
        owners |= {own[1], own[2]}
    if entry is not None:
        owners |= {entry.get("written_owner"), entry.get("counselor")}
    if session.actor not in owners:
        raise NotPermitted("Only the follow-up's owner, the call's counselor or a lead can change it.")


def close_follow_up(session, uuid: str, outcome: str, choices: privacy.Choices | None = None) -> None:
    """Close a follow-up of any seat with what came of it (through the notes guard). Works offline: the event
    waits in the seat's outbox; the latest event wins at the centre and every one is kept."""
    choices = choices or privacy.Choices()
    guarded = privacy.guard(clean_text(outcome or "").strip(), choices.keep, choices.marks)
    if not guarded.text:
        raise BadInput("Say what came of the follow-up.")
    own, entry = _known(session, uuid)
    _may_change(session, own, entry)
    if own is not None and own[3] is not None:
        raise FollowUpDone("This follow-up is already done.")
    now = utc_now_iso()
    with session.store.transaction():
        if any(e["uuid"] == uuid and e["what"] == "closed" for _i, e in _pending(session.store)):
            raise FollowUpDone("This follow-up was already closed at this seat.")
        _queue_event(
            session, {"uuid": uuid, "what": "closed", "at": now, "actor": session.actor, "outcome": guarded.text}
        )
        if own is not None:
            session.store.execute(
                "UPDATE follow_up SET done_at = ?, done_by = ?, outcome = ? WHERE id = ?",
                (now, session.actor, guarded.text, own[0]),
            )
        session.audit.append(session.actor, "follow_up.done", f"center_follow_up:{uuid}", dict(guarded.counts) or None)


def change_follow_up(session, uuid: str, due_at: datetime | None = None, owner: str | None = None) -> None:
    """Move a follow-up's due time or give it to another owner (a staff code, or "the lead on shift"), at any
    seat, offline too: an event like closing."""
    if due_at is None and owner is None:
        raise BadInput("Give a new due time or a new owner.")
    if owner is not None and owner != LEAD_ON_SHIFT:
        owner = check_staff_code(owner.strip())
    own, entry = _known(session, uuid)
    _may_change(session, own, entry)
    if own is not None and own[3] is not None:
        raise FollowUpDone("This follow-up is already done.")
    current = session.store.one("SELECT due_at, owner FROM follow_up WHERE uuid = ?", (uuid,)) or (
        entry["due_at"],
        entry.get("written_owner") or entry["owner"],
    )
    new_due = iso(due_at) if due_at is not None else current[0]
    new_owner = owner if owner is not None else current[1]
    with session.store.transaction():
        payload = {"uuid": uuid, "what": "changed", "at": utc_now_iso(), "actor": session.actor}
        _queue_event(session, {**payload, "due_at": new_due, "owner": new_owner})
        if own is not None:
            session.store.execute(
                "UPDATE follow_up SET due_at = ?, owner = ? WHERE id = ?", (new_due, new_owner, own[0])
            )
        session.audit.append(session.actor, "follow_up.changed", f"center_follow_up:{uuid}", {"owner": new_owner})


def push_events(conn, store, key: bytes, seat_name: str) -> int:
    """Send the seat's waiting follow-up events (one transaction); they leave the seat only after it committed.
    A repeated push changes nothing (each event is keyed by its number at this seat)."""
    pending = _pending(store)
    if not pending:
        return 0
    with conn.transaction():
        for number, event in pending:
            sealed = seal(
                key, "follow_up_event", event_place(event["uuid"], seat_name, number), "outcome", event.get("outcome")
            )
            conn.execute(
                "INSERT INTO center.follow_up_event (follow_up_uuid, seat_id, seat_version, what, at, actor, due_at,"
                " owner, outcome) VALUES (%s::uuid, center.my_seat(), %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT DO NOTHING",
                (event["uuid"], -number, event["what"], event["at"], event["actor"], event.get("due_at"),
                 event.get("owner"), sealed),
            )  # fmt: skip
    with store.transaction():
        store.execute("DELETE FROM center_event WHERE id <= ?", (pending[-1][0],))
    return len(pending)


def take_changes(conn, store, key: bytes, seat_name: str) -> int:
    """This seat's own follow-ups closed or changed at another seat, when that seat's event is the latest: the
    change goes into the seat's row (the latest close's outcome too), so its own queue, status bar and handover
    agree with the centre."""
    rows = conn.execute(
        "SELECT DISTINCT ON (e.follow_up_uuid) e.follow_up_uuid::text, e.what, e.at, e.actor, e.due_at, e.owner,"
        " e.outcome, s.name, -e.seat_version FROM center.follow_up_event e"
        " JOIN center.follow_up f ON f.uuid = e.follow_up_uuid JOIN center.seat s ON s.id = e.seat_id"
        " WHERE f.seat_id = center.my_seat() AND e.what IN ('closed', 'changed')"
        " ORDER BY e.follow_up_uuid, (e.what = 'closed') DESC, e.line_at DESC, e.id DESC"
    ).fetchall()
    conn.rollback()
    taken = 0
    with store.transaction():
        for uuid, what, at, actor, due, owner, sealed, seat, number in rows:
            if seat == seat_name or number <= 0:  # this seat's own change, or one found in its own push
                continue
            local = store.one("SELECT id, done_at, done_by, due_at, owner FROM follow_up WHERE uuid = ?", (uuid,))
            if local is None:
                continue
            if what == "closed" and (local[1], local[2]) != (iso(utc(at)), actor):
                try:
                    outcome = unseal(key, "follow_up_event", event_place(uuid, seat, number), "outcome", sealed)
                except SealError:
                    outcome = ""
                store.execute(
                    "UPDATE follow_up SET done_at = ?, done_by = ?, outcome = ? WHERE id = ?",
                    (iso(utc(at)), actor, outcome, local[0]),
                )
                taken += 1
            elif what == "changed" and local[1] is None and (iso(utc(due)), owner) != (local[3], local[4]):
                store.execute(
                    "UPDATE follow_up SET due_at = ?, owner = ? WHERE id = ?", (iso(utc(due)), owner, local[0])
                )
                taken += 1
    return taken
