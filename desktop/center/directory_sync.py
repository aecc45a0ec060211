"""The referral directory shared by the seats of a line (DESIGN.md §11: "pulls bring … the referral directory").

An entry is the line's by its name, kind and region. What an admin changes at an enrolled seat is queued in
`directory_change` by triggers (seat schema 9) and published with the next sync; the centre keeps the newest change
of each entry (seat times, like every time a seat sends). Every sync then pulls the whole directory — a few hundred
public services — and applies each entry that is newer than the seat's own: new ones are added, changed ones
updated, retired ones retired. Example entries of the seed stay on their seat. A pull is audited with its counts.

The directory holds public organisations only (names, phones, hours); it never passes the notes guard, and nothing
of a caller is in it.
"""

import json
import logging

from desktop import privacy
from desktop.center import schema
from desktop.clock import parse_iso
from desktop.seat import SYSTEM_ACTOR
from desktop.store.audit import AuditLog
from desktop.store.store import Store

log = logging.getLogger(__name__)

DIRECTORY_SCHEMA = 5  # the centre schema that brought the directory; an older centre gets none of this


def _has_directory(conn) -> bool:
    version = schema.schema_version(conn)
    conn.rollback()
    return version >= DIRECTORY_SCHEMA


_FIELDS = "name, kind, region, phone, hours, notes, retired, updated_at"


def _local(store: Store, name: str, kind: str, region: str) -> tuple | None:
    """The seat's entry of this identity: the one in use before a retired one, the newest first."""
    return store.one(
        f"SELECT id, {_FIELDS} FROM resource WHERE name = ? AND kind = ? AND region = ? AND example = 0"
        " ORDER BY retired, updated_at DESC LIMIT 1",
        (name, kind, region),
    )


def push(conn, store: Store) -> int:
    """Publish the queued changes in one centre transaction; returns how many the centre took (newer than its
    own). A change made again meanwhile stays queued for the next sync."""
    queued = store.rows("SELECT name, kind, region, changed_at FROM directory_change ORDER BY name, kind, region")
    if not queued or not _has_directory(conn):
        return 0
    batch = []
    for name, kind, region, changed_at in queued:
        row = _local(store, name, kind, region)
        record = {"name": name, "kind": kind, "region": region, "changed_at": changed_at, "retired": True}
        if row is not None:  # else renamed away here: retired at the centre, its last phone and hours kept
            _id, _n, _k, _r, phone, hours, notes, retired, _updated = row
            record.update(phone=phone, hours=hours, notes=notes, retired=bool(retired))
        batch.append(record)
    with conn.transaction():
        taken = conn.execute("SELECT center.push_directory(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]
    with store.transaction():
        for name, kind, region, changed_at in queued:
            store.execute(
                "DELETE FROM directory_change WHERE name = ? AND kind = ? AND region = ? AND changed_at = ?",
                (name, kind, region, changed_at),
            )
    return taken


def _iso(moment) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pull(conn, store: Store) -> dict[str, int]:
    """Apply the centre's directory to the seat: {"added", "changed", "retired"} counts."""
    if not _has_directory(conn):
        return {"added": 0, "changed": 0, "retired": 0}
    rows = conn.execute(
        "SELECT name, kind, region, phone, hours, notes, retired, changed_at FROM center.directory"
        " ORDER BY name, kind, region"
    ).fetchall()
    conn.rollback()
    counts = {"added": 0, "changed": 0, "retired": 0}
    with store.transaction():
        store.execute("INSERT INTO directory_pulling (id) VALUES (1)")  # these changes are not queued back
        for name, kind, region, phone, hours, notes, retired, changed_at in rows:
            changed = _iso(changed_at)
            local = _local(store, name, kind, region)
            if local is None:
                if not retired:
                    store.execute(
                        "INSERT INTO resource (name, kind, region, phone, hours, notes, example, retired, created_at,"
                        " updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
                        (name, kind, region, phone, hours, notes, changed, changed),
                    )
                    counts["added"] += 1
                continue
            local_id, *_same, was_retired, updated = local
            if parse_iso(updated) >= changed_at:
                continue  # the seat's own is as new or newer (and goes to the centre, if it has not yet)
            store.execute(
                "UPDATE resource SET phone = ?, hours = ?, notes = ?, retired = ?, updated_at = ? WHERE id = ?",
                (phone, hours, notes, int(retired), changed, local_id),
            )
            counts["retired" if retired and not was_retired else "changed"] += 1
        store.execute("DELETE FROM directory_pulling")
        if any(counts.values()):
            AuditLog(store).append(SYSTEM_ACTOR, "directory.pulled", "", counts)
    if any(counts.values()):  # the guard keeps the directory's numbers in notes: the new ones too
        privacy.set_public_numbers(row[0] for row in store.rows("SELECT phone FROM resource WHERE phone != ''"))
    return counts


def queue_all(store: Store) -> int:
    """At enrolment: every entry of the seat (but the examples) queued for the centre; inside the caller's
    transaction."""
    store.execute(
        "INSERT INTO directory_change (name, kind, region, changed_at)"
        " SELECT name, kind, region, max(updated_at) FROM resource WHERE example = 0 GROUP BY name, kind, region"
        " ON CONFLICT (name, kind, region) DO UPDATE SET changed_at = excluded.changed_at"
    )
    return store.one("SELECT count(*) FROM directory_change")[0]
