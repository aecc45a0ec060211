"""The seat's side of the centre (DESIGN.md §11), seat schema 6: a UUID for every call, follow-up and shift, the
enrolment (`center_link`), the outbox, and the tables a pull fills.

The outbox is written by triggers, so every change of what a seat shares — a save, an edit, an amendment, an
import, a follow-up or referral change, a shift change, a retention shred, a supervision flag — queues its record
in the same SQLCipher transaction as the change itself, whichever service made it. The triggers fire only while
the seat is enrolled (`center_link.state = 'active'`); an island seat pays one lookup in a one-row table.

An outbox row is one record to push: (`kind`, `local_id`) with the `version` of its latest change, taken from a
counter that only grows. A record changed again while it waits keeps one row, its first `queued_at` and the new
version. Sync removes a row only after the centre committed that version, and only if no newer change came since.
"""

# A random (version 4) UUID in SQL: 32 hex digits with the version and variant bits set.
UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_ENROLLED = "EXISTS (SELECT 1 FROM center_link WHERE state = 'active')"

# (table, the call or shift it belongs to as seen from NEW/OLD, kind, events)
_QUEUED = (
    ("call", "{row}.id", "call", ("INSERT", "UPDATE")),
    ("call_concern", "{row}.call_id", "call", ("INSERT", "DELETE")),
    ("call_emotion", "{row}.call_id", "call", ("INSERT", "DELETE")),
    ("call_intervention", "{row}.call_id", "call", ("INSERT", "DELETE")),
    ("risk_assessment", "{row}.call_id", "call", ("INSERT", "UPDATE", "DELETE")),
    ("crisis_action", "{row}.call_id", "call", ("INSERT", "UPDATE", "DELETE")),
    ("referral", "{row}.call_id", "call", ("INSERT", "UPDATE", "DELETE")),
    ("follow_up", "{row}.call_id", "call", ("INSERT", "UPDATE", "DELETE")),
    ("amendment", "{row}.call_id", "call", ("INSERT",)),
    ("shift", "{row}.id", "shift", ("INSERT", "UPDATE")),
)


def _queue_triggers() -> str:
    out = []
    for table, ref, kind, events in _QUEUED:
        for event in events:
            row = "OLD" if event == "DELETE" else "NEW"
            local = ref.format(row=row)
            out.append(
                f"CREATE TRIGGER outbox_{table}_{event.lower()} AFTER {event} ON {table} WHEN {_ENROLLED}\n"
                "BEGIN\n"
                "  UPDATE outbox_counter SET n = n + 1;\n"
                f"  INSERT INTO outbox (kind, local_id, version, queued_at)\n"
                f"  VALUES ('{kind}', {local}, (SELECT n FROM outbox_counter), {_NOW})\n"
                "  ON CONFLICT (kind, local_id) DO UPDATE SET version = excluded.version;\n"
                "END;"
            )
    return "\n".join(out)


def _uuid_triggers() -> str:
    return "\n".join(
        f"CREATE TRIGGER {table}_uuid AFTER INSERT ON {table} WHEN NEW.uuid IS NULL\n"
        f"BEGIN UPDATE {table} SET uuid = {UUID_SQL} WHERE id = NEW.id; END;"
        for table in ("call", "follow_up", "shift")
    )


OUTBOX_SQL = f"""
ALTER TABLE call ADD COLUMN uuid TEXT;
ALTER TABLE follow_up ADD COLUMN uuid TEXT;
ALTER TABLE shift ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX call_by_uuid ON call (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX follow_up_by_uuid ON follow_up (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX shift_by_uuid ON shift (uuid) WHERE uuid IS NOT NULL;

CREATE TABLE center_link (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    state         TEXT NOT NULL CHECK (state IN ('active', 'removed')),
    seat_name     TEXT NOT NULL,
    dsn           TEXT NOT NULL,
    role          TEXT NOT NULL,
    role_password TEXT NOT NULL,
    data_key      TEXT NOT NULL,
    center_id     TEXT NOT NULL,
    enrolled_at   TEXT NOT NULL,
    last_sync     TEXT,
    last_attempt  TEXT,
    last_error    TEXT NOT NULL DEFAULT '',
    witness       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE outbox (
    kind      TEXT NOT NULL CHECK (kind IN ('call', 'shift')),
    local_id  INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (kind, local_id)
) STRICT;
CREATE INDEX outbox_by_version ON outbox (version);

CREATE TABLE outbox_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_counter (id, n) VALUES (1, 0);

CREATE TABLE center_seat (
    name      TEXT PRIMARY KEY,
    state     TEXT NOT NULL,
    last_sync TEXT
) STRICT;

CREATE TABLE center_shift (
    uuid        TEXT PRIMARY KEY,
    seat        TEXT NOT NULL,
    lead        TEXT,
    started_at  TEXT NOT NULL,
    planned_end TEXT,
    automatic   INTEGER NOT NULL
) STRICT;

CREATE TABLE center_follow_up (
    uuid       TEXT PRIMARY KEY,
    seat       TEXT NOT NULL,
    call_uuid  TEXT NOT NULL,
    case_code  TEXT,
    due_at     TEXT NOT NULL,
    owner      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
) STRICT;

{_uuid_triggers()}
{_queue_triggers()}
"""

# Seat schema 9: the referral directory shared through the centre (desktop/center/directory_sync.py). An entry is
# the line's by its name, kind and region; a change made here while enrolled (not one a pull brings) queues that
# identity in `directory_change`, the old one too when an edit renamed it. Example entries stay on their seat.
_NOT_PULLING = "NOT EXISTS (SELECT 1 FROM directory_pulling)"
_CHANGED = (
    "INSERT INTO directory_change (name, kind, region, changed_at) VALUES ({row}.name, {row}.kind, {row}.region,"
    " NEW.updated_at) ON CONFLICT (name, kind, region) DO UPDATE SET changed_at = excluded.changed_at;"
)
DIRECTORY_SQL = f"""
CREATE TABLE directory_change (
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    region     TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (name, kind, region)
) STRICT;
CREATE TABLE directory_pulling (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;
CREATE TRIGGER directory_shared_insert AFTER INSERT ON resource
WHEN {_ENROLLED} AND NEW.example = 0 AND {_NOT_PULLING}
BEGIN
  {_CHANGED.format(row="NEW")}
END;
CREATE TRIGGER directory_shared_update AFTER UPDATE ON resource
WHEN {_ENROLLED} AND NEW.example = 0 AND {_NOT_PULLING}
BEGIN
  {_CHANGED.format(row="OLD")}
  {_CHANGED.format(row="NEW")}
END;
"""

# Seat schema 10 (issue 16, the centre's line). `center_event` holds the changes this seat made to the centre's
# follow-ups (closed, due time or owner changed), its own or another seat's, written in the same transaction as
# the change and pushed with the next sync; `center_cache` what the seat last knew of the line (the open centre
# shift, the follow-up queue with its history, the board, its own reported state) as JSON, with when it learnt it.
# The notes and outcomes in them passed the notes guard at the seat that wrote them.
LINE_SQL = """
CREATE TABLE center_event (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('follow_up')),
    payload   TEXT NOT NULL,
    queued_at TEXT NOT NULL
) STRICT;

CREATE TABLE center_cache (
    key       TEXT PRIMARY KEY,
    value     TEXT NOT NULL,
    stored_at TEXT NOT NULL
) STRICT;
"""
