"""The centre's PostgreSQL schema as numbered migrations (DESIGN.md §11), run by the centre's admin with a
superuser DSN (`center init`); `center.meta.schema_version` says where a centre stands.

Access: every seat logs in with its own role, a member of the centre's group role `hlc_<centre id>_seats`, which
holds the grants. Tables belong to the admin who ran `center init`; no seat role owns one or bypasses row-level
security. The policies let a seat insert, change and remove only rows of its own seat (`center.my_seat()`) and
read what the centre shares.
"""

import hashlib
import logging
from dataclasses import dataclass

from desktop.center.schema_sql import M1_CENTRE, M2_RECORDS, M3_WITNESS, M4_COUNTS, M5_DIRECTORY
from desktop.center.schema_sql_line import M6_LINE, M7_CLOCKS
from desktop.errors import BadInput

log = logging.getLogger(__name__)

GENESIS = "0" * 64


@dataclass(frozen=True)
class CenterMigration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[CenterMigration, ...] = (
    CenterMigration(1, "the centre: settings, seats, enrolments, audit log", M1_CENTRE),
    CenterMigration(2, "shared records: calls, crisis actions, referrals, follow-ups and events, shifts", M2_RECORDS),
    CenterMigration(3, "the witness: each seat's audit head at each sync", M3_WITNESS),
    CenterMigration(4, "counts kept per hour as the calls arrive, for statistics of any size", M4_COUNTS),
    CenterMigration(5, "the line's referral directory, published by the seats", M5_DIRECTORY),
    CenterMigration(6, "the line: one centre shift, calls placed in it, seat states, follow-up events", M6_LINE),
    CenterMigration(7, "a seat's clock right to within a second is taken as right", M7_CLOCKS),
)
LATEST = MIGRATIONS[-1].version


def seats_role(center_id: str) -> str:
    return f"hlc_{center_id}_seats"


def schema_version(conn) -> int:
    """The centre's schema version; 0 where no centre was set up in this database."""
    exists = conn.execute("SELECT to_regclass('center.meta') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT value FROM center.meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def center_id(conn) -> str | None:
    if not schema_version(conn):
        return None
    row = conn.execute("SELECT value FROM center.meta WHERE key = 'center_id'").fetchone()
    return row[0] if row else None


def migrate(conn, center_id_: str, migrations: tuple[CenterMigration, ...] = MIGRATIONS) -> list[int]:
    """Bring the centre's schema up to the last of `migrations`, each in its own transaction; returns those
    applied. `conn` is a superuser's connection, not in autocommit."""
    current = schema_version(conn)
    conn.rollback()
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise BadInput(f"The centre's schema ({current}) is newer than this program knows ({latest}); update it.")
    applied = []
    role = seats_role(center_id_)
    for migration in migrations:
        if migration.version <= current:
            continue
        with conn.transaction():
            if migration.version == 1:
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
                if not exists:
                    conn.execute(f'CREATE ROLE "{role}" NOLOGIN NOINHERIT')
            conn.execute(migration.sql.replace("@SEATS@", f'"{role}"'))
            conn.execute(
                "INSERT INTO center.meta (key, value) VALUES ('schema_version', %s), ('center_id', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE center.meta.key = 'schema_version'",
                (str(migration.version), center_id_),
            )
        applied.append(migration.version)
        log.info("centre migrated to schema %d (%s)", migration.version, migration.name)
    return applied


def verify_audit(conn) -> list[str]:
    """Walk the centre's audit chain; every problem in words (empty when it holds)."""
    problems, expected, prev = [], 1, GENESIS
    rows = conn.execute(
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM center.audit ORDER BY seq"
    ).fetchall()
    for seq, at, actor, action, obj, detail, prev_hash, digest in rows:
        if seq != expected:
            problems.append(f"centre audit entries {expected}–{seq - 1} are missing")
        if prev_hash != prev:
            problems.append(f"centre audit entry {seq} does not follow the entry before it")
        text = "\x1f".join((str(seq), at, actor, action, obj, detail, prev_hash))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            problems.append(f"centre audit entry {seq} was altered (its hash does not match)")
        expected, prev = seq + 1, digest
    return problems
