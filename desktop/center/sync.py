"""Sync with the centre (DESIGN.md §11): report the audit head, push the outbox in batches, pull what the centre
shares. One attempt with a short connect timeout; it never waits for a centre that does not answer.

A push is a batch of records, each with the version of its latest change, sent to `center.push_calls` and
`center.push_shifts` in one PostgreSQL transaction: an upsert keyed by the record's UUID that changes nothing
unless the version is newer than the centre's. So a repeated push, a push of an older version after a newer one,
or a push cut off half-way (the transaction rolls back) changes nothing. An outbox row leaves the seat only after
that transaction committed, and only if the record was not changed again meanwhile (its version is still the one
pushed); otherwise it stays and goes with the next batch.
"""

import json
import logging
import time
from dataclasses import dataclass

from desktop.center import directory_sync, line_sync, schema
from desktop.center import link as seat_link
from desktop.center.connect import CenterFull, CenterTooNew, CenterUnreachable, NotEnrolled, WitnessRefused, connect
from desktop.center.seal import SealError, unseal
from desktop.center.share import call_record, shift_record
from desktop.clock import utc_now_iso
from desktop.store.audit import AuditLog
from desktop.store.store import Store

log = logging.getLogger(__name__)

BATCH = 200
PUSH_TRIES = 3  # a batch that meets another seat's push in a deadlock is tried again this often


@dataclass(frozen=True)
class SyncResult:
    pushed: int  # records the centre took in (new versions)
    sent: int  # records sent, including ones the centre already had
    pending: int  # outbox rows still waiting
    pulled_follow_ups: int
    pulled_shifts: int


def open_link(link: seat_link.Link, timeout: float | None = None):
    """A connection as this seat's role, after the schema check."""
    import psycopg

    extra = {"timeout": timeout} if timeout else {}
    conn = connect(link.dsn, credentials_allowed=False, user=link.role, password=link.role_password, **extra)
    try:
        version = schema.schema_version(conn)
        conn.rollback()
    except psycopg.Error as exc:
        conn.close()
        raise CenterUnreachable(f"The centre did not answer ({type(exc).__name__}).") from exc
    if version > schema.LATEST:
        conn.close()
        raise CenterTooNew(
            f"The centre runs a newer schema ({version}) than this program knows ({schema.LATEST}): update Hotline Log "
            "on this seat. Until then it works alone and keeps what it saves for the centre."
        )
    return conn


def reachable(store: Store, timeout: float = 3) -> bool | None:
    """Whether the centre answers now; None when the seat is not enrolled."""
    link = seat_link.load(store)
    if link is None or link.state != "active":
        return None
    try:
        open_link(link, timeout).close()
    except Exception:  # any failure means "not now"; sync says why
        return False
    return True


def _read_batch(store: Store, key: bytes, limit: int) -> tuple[list[tuple], list[dict], list[dict]]:
    """The oldest `limit` outbox rows with their records, read in one snapshot so record and version agree."""
    store.execute("BEGIN")
    try:
        rows = store.rows("SELECT kind, local_id, version FROM outbox ORDER BY version LIMIT ?", (limit,))
        calls, shifts = [], []
        for kind, local_id, version in rows:
            make, into = (call_record, calls) if kind == "call" else (shift_record, shifts)
            record = make(store, local_id, key, version)
            if record is not None:
                into.append(record)
    finally:
        store.execute("COMMIT")
    return rows, calls, shifts


def _forget_sent(store: Store, rows: list[tuple]) -> None:
    with store.transaction():
        for kind, local_id, version in rows:
            store.execute(
                "DELETE FROM outbox WHERE kind = ? AND local_id = ? AND version = ?", (kind, local_id, version)
            )


def _report_head(conn, store: Store) -> tuple[int, str]:
    """Send the seat's audit head to the centre's witness; returns it."""
    seq, digest = AuditLog(store).head()
    with conn.transaction():
        problem = conn.execute("SELECT center.report_head(%s, %s, %s)", (seq, digest, utc_now_iso())).fetchone()[0]
    if problem:
        raise WitnessRefused(f"The centre refused this seat's audit head: {problem}. Nothing was sent.")
    return seq, digest


def push(conn, store: Store, key: bytes, batch: int = BATCH, stop_after: int | None = None) -> tuple[int, int]:
    """Push the outbox; returns (records taken in, records sent). `stop_after` batches: for tests and benchmarks."""
    taken = sent = batches = 0
    while stop_after is None or batches < stop_after:
        rows, calls, shifts = _read_batch(store, key, batch)
        if not rows:
            break
        taken += _push_batch(conn, calls, shifts)
        _forget_sent(store, rows)  # only now: the centre committed
        sent += len(calls) + len(shifts)
        batches += 1
    return taken, sent


def _push_batch(conn, calls: list[dict], shifts: list[dict]) -> int:
    """One batch in one centre transaction; records taken in. Calls go in order of their start, so the counts
    they change (center.call_count, by hour) are mostly locked in the same order by every seat; when two pushes
    still meet the other way round PostgreSQL stops one (a deadlock), which is tried again: the push is
    idempotent."""
    import psycopg

    calls = sorted(calls, key=lambda record: record["started_at"] or "")
    for attempt in range(1, PUSH_TRIES + 1):
        try:
            taken = 0
            with conn.transaction():
                if shifts:
                    taken += conn.execute("SELECT center.push_shifts(%s::jsonb)", (json.dumps(shifts),)).fetchone()[0]
                if calls:
                    taken += conn.execute("SELECT center.push_calls(%s::jsonb)", (json.dumps(calls),)).fetchone()[0]
            return taken
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            if attempt == PUSH_TRIES:
                raise
            log.info("a push met another seat's push (try %d of %d); trying again", attempt, PUSH_TRIES)
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


def pull(conn, store: Store, key: bytes) -> tuple[int, int]:
    """The centre's open follow-ups, open shifts and its seats into the seat's tables (replacing what was there)."""
    follow_ups = conn.execute(
        "SELECT f.uuid::text, s.name, f.call_uuid::text, c.case_code, f.due_at, f.owner, f.note"
        " FROM center.follow_up f JOIN center.call c ON c.uuid = f.call_uuid JOIN center.seat s ON s.id = f.seat_id"
        " WHERE f.done_at IS NULL AND NOT EXISTS (SELECT 1 FROM center.follow_up_event e"
        "  WHERE e.follow_up_uuid = f.uuid AND e.what = 'closed')"  # closed at another seat: closed everywhere
        " ORDER BY f.due_at LIMIT 5000"
    ).fetchall()
    shifts = conn.execute(
        "SELECT sh.uuid::text, s.name, sh.lead, sh.started_at, sh.planned_end, sh.automatic FROM center.shift sh"
        " JOIN center.seat s ON s.id = sh.seat_id WHERE sh.ended_at IS NULL AND NOT sh.automatic"
    ).fetchall()
    seats = conn.execute("SELECT name, state, last_sync FROM center.seat ORDER BY name").fetchall()
    conn.rollback()

    def iso(moment):
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z") if moment else None

    with store.transaction():
        store.execute("DELETE FROM center_follow_up")
        for uuid, seat, call_uuid, case, due, owner, note in follow_ups:
            try:
                text = unseal(key, "follow_up", uuid, "note", note)
            except SealError:
                log.warning("a follow-up note from the centre did not open; it was left out")
                text = ""
            store.execute(
                "INSERT INTO center_follow_up (uuid, seat, call_uuid, case_code, due_at, owner, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (uuid, seat, call_uuid, case, iso(due), owner, text),
            )
        store.execute("DELETE FROM center_shift")
        for uuid, seat, lead, started, planned, automatic in shifts:
            store.execute(
                "INSERT INTO center_shift (uuid, seat, lead, started_at, planned_end, automatic)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (uuid, seat, lead, iso(started), iso(planned), int(automatic)),
            )
        store.execute("DELETE FROM center_seat")
        for name, state, last in seats:
            store.execute("INSERT INTO center_seat (name, state, last_sync) VALUES (?, ?, ?)", (name, state, iso(last)))
    return len(follow_ups), len(shifts)


def sync(store: Store, batch: int = BATCH) -> SyncResult:
    """One attempt: report the audit head, push everything waiting, pull. Records how it went in the seat."""
    import psycopg

    link = seat_link.active(store)
    try:
        conn = open_link(link)
    except NotEnrolled as exc:
        seat_link.mark_removed(store, str(exc))
        raise
    except (CenterUnreachable, CenterTooNew) as exc:
        seat_link.record_attempt(store, str(exc))
        raise
    try:
        with conn:
            head = _report_head(conn, store)
            line_sync.before_push(conn, store, link)
            taken, sent = push(conn, store, link.data_key, batch)
            directory_sync.push(conn, store)
            pulled = pull(conn, store, link.data_key)
            directory_sync.pull(conn, store)
            line_sync.after_pull(conn, store, link)
            if AuditLog(store).head() != head:  # the pull was audited: the centre gets the head as it is now
                _report_head(conn, store)
            with conn.transaction():
                conn.execute("SELECT center.mark_synced()")
    except WitnessRefused as exc:
        seat_link.record_attempt(store, str(exc), witness=str(exc))
        raise
    except psycopg.Error as exc:
        if (getattr(exc, "sqlstate", None) or "").startswith("53"):  # insufficient resources: disk full, memory
            waiting = seat_link.backlog(store).pending
            message = (
                f"The centre's database has no room to write ({type(exc).__name__}): its admin must free space on "
                f"the PostgreSQL server. The {waiting} record(s) not taken wait on this seat and go at a later sync."
            )
            seat_link.record_attempt(store, message)
            raise CenterFull(message) from exc
        message = f"The centre stopped answering during sync ({type(exc).__name__}); what was not sent waits."
        seat_link.record_attempt(store, message)
        raise CenterUnreachable(message) from exc
    seat_link.record_attempt(store, synced=True, witness="")
    return SyncResult(taken, sent, seat_link.backlog(store).pending, *pulled)
