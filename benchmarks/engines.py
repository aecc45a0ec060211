"""The two databases compared: the seat's SQLCipher store and plain SQLite with the same pragmas and schema."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from desktop.store import MIGRATIONS, open_store
from desktop.store.search import add_functions

ENCRYPTED = "encrypted"
PLAIN = "plain"

# The pragmas `desktop.store.connection.connect` sets, repeated here for the plain database.
PLAIN_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 5000",
)

BENCH_SCHEMA = """
CREATE TABLE bench_call (
    id         INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    kind       TEXT NOT NULL,
    notes      TEXT NOT NULL
) STRICT;
CREATE INDEX bench_call_started_at ON bench_call (started_at);
"""


@dataclass
class Database:
    """An open benchmark database; `conn` is in autocommit mode, so statements run exactly as written."""

    engine: str
    conn: sqlcipher3.dbapi2.Connection
    close: Callable[[], None]


def open_encrypted(path: Path) -> Database:
    """A new seat database (fresh random key, the seat's migrations) plus the benchmark table."""
    store = open_store(path, os.urandom(32), create=True)
    store.conn.executescript(BENCH_SCHEMA)
    return Database(ENCRYPTED, store.conn, store.close)


def open_plain(path: Path) -> Database:
    """The same pragmas, SQL functions, migrations and benchmark table in an unencrypted SQLite file.

    It is the SQLite bundled with SQLCipher, opened without a key: the same engine version (the seat's
    schema needs FTS5 options newer than many system SQLites), so the ratio measures encryption only.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    add_functions(conn)
    for migration in MIGRATIONS:
        conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
    conn.executescript(BENCH_SCHEMA)
    return Database(PLAIN, conn, conn.close)


def open_pair(folder: Path) -> dict[str, Database]:
    """Both databases, the plain one given the page cache size the seat's connection runs with.

    SQLCipher's build sets a larger default cache than Python's SQLite; left unequal, the encrypted side
    would serve reads from memory that the plain side reads from the file, which is not the cost we want."""
    encrypted = open_encrypted(folder / "encrypted.db")
    plain = open_plain(folder / "plain.db")
    plain.conn.execute(f"PRAGMA cache_size = {cache_size(encrypted)}")
    return {ENCRYPTED: encrypted, PLAIN: plain}


def cache_size(db: Database) -> int:
    """`PRAGMA cache_size`: pages when positive, KiB when negative."""
    return int(db.conn.execute("PRAGMA cache_size").fetchone()[0])


def versions() -> dict[str, str]:
    """SQLCipher's version and the SQLite versions of both sides (SQLCipher bundles its own SQLite)."""
    probe = sqlcipher3.connect(":memory:")
    plain = sqlcipher3.connect(":memory:")
    try:
        plain_cache = plain.execute("PRAGMA cache_size").fetchone()[0]
        cipher_cache = probe.execute("PRAGMA cache_size").fetchone()[0]
        cipher = probe.execute("PRAGMA cipher_version").fetchone()[0]
        cipher_sqlite = probe.execute("SELECT sqlite_version()").fetchone()[0]
        probe.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
        provider = probe.execute("PRAGMA cipher_provider").fetchone()[0]
        provider_version = probe.execute("PRAGMA cipher_provider_version").fetchone()[0]
    finally:
        probe.close()
        plain.close()
    return {
        "sqlcipher": cipher,
        "sqlcipher_sqlite": cipher_sqlite,
        "sqlcipher_crypto": f"{provider} ({provider_version})",
        "sqlite": cipher_sqlite + " (SQLCipher's, unkeyed)",
        "default_cache_size": {"sqlcipher": int(cipher_cache), "sqlite": int(plain_cache)},
    }
