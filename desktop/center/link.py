"""The seat's side of its enrolment, kept inside its encrypted database (seat schema 6, `center_link`): where the
centre is (the DSN without credentials), the seat's role and its password, the centre data key, and how the last
sync went. No PostgreSQL here: the status bar reads this without touching the network.
"""

import json
from dataclasses import dataclass

from desktop.center import directory_sync
from desktop.center.connect import NotEnrolled
from desktop.clock import utc_now_iso
from desktop.store.schema_center import UUID_SQL
from desktop.store.store import Store


@dataclass(frozen=True)
class Link:
    state: str
    seat_name: str
    dsn: str
    role: str
    role_password: str
    data_key: bytes
    center_id: str
    enrolled_at: str
    last_sync: str | None
    last_attempt: str | None
    last_error: str
    witness: str


@dataclass(frozen=True)
class Backlog:
    pending: int
    oldest: str | None


def load(store: Store) -> Link | None:
    row = store.one(
        "SELECT state, seat_name, dsn, role, role_password, data_key, center_id, enrolled_at, last_sync, last_attempt,"
        " last_error, witness FROM center_link WHERE id = 1"
    )
    if row is None:
        return None
    values = list(row)
    values[5] = bytes.fromhex(values[5])
    return Link(*values)


def active(store: Store) -> Link:
    link = load(store)
    if link is None or link.state != "active":
        raise NotEnrolled(
            "This seat is not enrolled at a centre"
            + (" (the centre removed it)" if link is not None else "")
            + ": it works alone. An admin enrols it with `center enroll CODE --dsn …`."
        )
    return link


def backlog(store: Store) -> Backlog:
    count, oldest = store.one("SELECT count(*), min(queued_at) FROM outbox")
    return Backlog(count, oldest)


def save_enrolment(
    store: Store, seat_name: str, dsn: str, role: str, password: str, data_key: bytes, center_id: str
) -> int:
    """Keep what the seat needs, then queue every call and shift already on the seat; inside the caller's
    transaction. Returns how many records were queued."""
    now = utc_now_iso()
    for table in ("call", "follow_up", "shift"):  # before the link: while not enrolled, no trigger queues them
        store.execute(f"UPDATE {table} SET uuid = {UUID_SQL} WHERE uuid IS NULL")
    store.execute("DELETE FROM center_link")
    store.execute(
        "INSERT INTO center_link (id, state, seat_name, dsn, role, role_password, data_key, center_id, enrolled_at)"
        " VALUES (1, 'active', ?, ?, ?, ?, ?, ?, ?)",
        (seat_name, dsn, role, password, data_key.hex(), center_id, now),
    )
    store.execute("DELETE FROM outbox")
    start = store.one("SELECT n FROM outbox_counter")[0]
    for kind in ("shift", "call"):
        store.execute(
            "INSERT INTO outbox (kind, local_id, version, queued_at)"
            f" SELECT ?, id, ? + row_number() OVER (ORDER BY id), ? FROM {kind}",
            (kind, store.one("SELECT n FROM outbox_counter")[0], now),
        )
        store.execute("UPDATE outbox_counter SET n = (SELECT coalesce(max(version), n) FROM outbox)")
    directory_sync.queue_all(store)  # the seat's directory is published with the first sync
    return store.one("SELECT n FROM outbox_counter")[0] - start


def mark_removed(store: Store, why: str) -> None:
    """The centre no longer knows this seat: stop queueing, drop the credentials and the key, keep the calls."""
    with store.transaction():
        store.execute(
            "UPDATE center_link SET state = 'removed', role_password = '', data_key = '', last_error = ?", (why,)
        )
        store.execute("DELETE FROM outbox")
        store.execute("DELETE FROM directory_change")
        store.execute("DELETE FROM center_event")  # follow-up changes for a centre that no longer knows the seat


def record_attempt(store: Store, error: str = "", synced: bool = False, witness: str | None = None) -> None:
    now = utc_now_iso()
    with store.transaction():
        store.execute("UPDATE center_link SET last_attempt = ?, last_error = ?", (now, error))
        if synced:
            store.execute("UPDATE center_link SET last_sync = ?", (now,))
        if witness is not None:
            store.execute("UPDATE center_link SET witness = ?", (witness,))


def status(store: Store, reachable: bool | None) -> dict:
    """`center status` (DESIGN.md §11): enrolled, seat, pending, oldest_pending, last_sync, reachable."""
    link = load(store)
    seat_name = store.one("SELECT value FROM setting WHERE key = 'seat_name'")
    waiting = backlog(store)
    result = {
        "enrolled": bool(link and link.state == "active"),
        "seat": link.seat_name if link else (seat_name[0] if seat_name else None),
        "pending": waiting.pending,
        "oldest_pending": waiting.oldest,
        "last_sync": link.last_sync if link else None,
        "reachable": reachable,
    }
    if link and link.last_error:
        result["last_error"] = link.last_error
    if link and link.witness:
        result["witness"] = link.witness
    return result


def status_json(store: Store, reachable: bool | None) -> str:
    return json.dumps(status(store, reachable), ensure_ascii=False, indent=1)
