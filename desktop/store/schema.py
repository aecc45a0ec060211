"""The schema as numbered migrations. The database's version is `PRAGMA user_version`.

A migration is never edited once released: later issues add tables by appending a new one.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "seat: settings, accounts, audit log",
        """
        CREATE TABLE setting (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE account (
            id           INTEGER PRIMARY KEY,
            code         TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role         TEXT NOT NULL CHECK (role IN ('counselor', 'lead', 'admin')),
            active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audit (
            seq       INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            actor     TEXT NOT NULL,
            action    TEXT NOT NULL,
            object    TEXT NOT NULL DEFAULT '',
            detail    TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
