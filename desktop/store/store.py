"""`open_store(path, key)`: a migrated, open seat database. Tests make a fresh one per test."""

import contextlib
import logging
import os
import shutil
from pathlib import Path

from desktop.clock import utc_now
from desktop.errors import DatabaseError
from desktop.fsutil import ensure_private_dir, open_private, storage_error
from desktop.store import connection
from desktop.store.connection import sqlite
from desktop.store.schema import MIGRATIONS, Migration

log = logging.getLogger(__name__)


class Store:
    """One connection to the seat database. Use it from the thread that opened it only."""

    def __init__(self, conn: sqlite.Connection, path: Path):
        self.conn = conn
        self.path = Path(path)

    def transaction(self) -> contextlib.AbstractContextManager:
        return connection.transaction(self.conn, self.path)

    def execute(self, sql: str, params=()) -> sqlite.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite.Error as exc:
            raise connection.translate(exc, self.path) from exc

    def rows(self, sql: str, params=()) -> list[tuple]:
        try:
            return self.execute(sql, params).fetchall()
        except sqlite.Error as exc:
            raise connection.translate(exc, self.path) from exc

    def one(self, sql: str, params=()) -> tuple | None:
        try:
            return self.execute(sql, params).fetchone()
        except sqlite.Error as exc:
            raise connection.translate(exc, self.path) from exc

    @property
    def schema_version(self) -> int:
        return self.one("PRAGMA user_version")[0]

    def checkpoint(self) -> None:
        """Move everything from the WAL into the main file and empty the WAL."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with contextlib.suppress(sqlite.Error):
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(
    path: Path,
    key: bytes | str,
    create: bool = False,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    backup_dir: Path | None = None,
) -> Store:
    """Open (or, with `create`, make) the database at `path` and bring its schema up to date."""
    path = Path(path)
    store = Store(connection.connect(path, key, create=create), path)
    try:
        migrate(store, migrations, backup_dir or path.parent / "pre-migration")
    except BaseException:
        store.conn.close()
        raise
    return store


def migrate(store: Store, migrations: tuple[Migration, ...], backup_dir: Path) -> list[int]:
    """Apply the migrations newer than the database, each in its own transaction; returns those applied."""
    current = store.schema_version
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise DatabaseError(
            f"The database was made by a newer Hotline Log (schema {current}, this program knows {latest}); "
            "install that version to open it."
        )
    pending = [m for m in migrations if m.version > current]
    if not pending:
        return []
    if current > 0:
        copy_before_migrating(store, backup_dir, current)
    for migration in pending:
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        try:
            store.conn.executescript(script)
        except sqlite.Error as exc:
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
            raise DatabaseError(
                f"Updating the database to schema {migration.version} ({migration.name}) failed: {exc}. "
                "The database was left at its previous version."
            ) from exc
        log.info("database migrated to schema %d (%s)", migration.version, migration.name)
    return [m.version for m in pending]


def copy_before_migrating(store: Store, backup_dir: Path, version: int) -> Path:
    """An encrypted copy of the database file as it was, kept until someone deletes it."""
    ensure_private_dir(backup_dir)
    store.checkpoint()
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"seat-schema{version}-{stamp}.db"
    try:
        with store.path.open("rb") as source, open_private(target) as copy:  # owner-only from its creation
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)  # half a copy is no copy
        raise storage_error(exc, target) from exc
    log.info("copied the database to %s before migrating", target.name)
    return target
