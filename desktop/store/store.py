"""`open_store(path, key)`: a migrated, open seat database. Tests make a fresh one per test."""

import contextlib
import logging
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.clock import utc_now
from desktop.errors import DatabaseError, SeatFilesChanged, WritingStopped
from desktop.fsutil import ensure_private_dir, open_private, storage_error
from desktop.store import connection
from desktop.store.connection import sqlite
from desktop.store.schema import MIGRATIONS, Migration

log = logging.getLogger(__name__)

COPY_KEEP_DAYS = 30  # a copy taken before migrating is deleted after this (remove_old_copies)
_STAMP = "%Y%m%dT%H%M%SZ"
_COPY_NAME = re.compile(r"seat-schema\d+-(?P<stamp>\d{8}T\d{6}Z)\.db")

_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class _FilesChanged(Exception):
    """Raised inside a transaction to roll it back when the files changed (never leaves `Store`)."""


def _file_id(path: Path) -> tuple[int, int] | None:
    """Which file `path` names now (device, inode); None when there is none."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


class Store:
    """One connection to the seat database. Use it from the thread that opened it only.

    Before each commit it checks that the database file and its write-ahead log are still the files it opened
    (two stat calls): a log deleted or a file replaced under the program would swallow what is saved after it
    (DESIGN.md §2, "never lose a word"). Then, or once the seat is found damaged, `stop_writing` makes every
    later write fail with the reason, so nothing is reported saved that was not stored."""

    def __init__(self, conn: sqlite.Connection, path: Path):
        self.conn = conn
        self.path = Path(path)
        self.wal = self.path.with_name(self.path.name + "-wal")
        self.files = (_file_id(self.path), _file_id(self.wal))
        self.stopped: WritingStopped | None = None

    # ----- the files under the connection, and stopping ---------------------------------------------

    def follow(self, other: "Store") -> None:
        """A second connection of the same session: it expects the files the first one opened, and stops
        writing if the first one has (`Session.another`)."""
        self.files = other.files
        if other.stopped is not None:
            self.stop_writing(other.stopped)

    def stop_writing(self, reason: WritingStopped) -> None:
        """From now on every write on this connection fails with `reason` (the database is left as it is)."""
        if self.stopped is None:
            self.stopped = reason
            with contextlib.suppress(sqlite.Error):
                self.conn.execute("PRAGMA query_only = ON")

    def _refuse_if_stopped(self) -> None:
        if self.stopped is not None:
            raise self.stopped.again()

    def _files_changed(self) -> bool:
        """Whether the database file or its write-ahead log is no longer the one this connection opened (two
        stat calls)."""
        database, wal = self.files
        if wal is None:  # no log yet when the connection opened: the first one made counts
            wal = _file_id(self.wal)
            self.files = (database, wal)
        return (_file_id(self.path), _file_id(self.wal)) != (database, wal)

    def _stop_for_changed_files(self) -> SeatFilesChanged:
        """Stop writing for good, and say why. A log that was deleted (not replaced) still holds the calls saved
        since the last checkpoint, readable through this connection's open handle only: they are copied into the
        database file first, so they survive the program being closed or killed."""
        database, _wal = self.files
        rescued = False
        if _file_id(self.path) == database and _file_id(self.wal) is None:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                rescued = True
            except sqlite.Error as exc:
                log.error("the calls in the deleted log could not be copied into the database (%s)", exc)
        log.error("the database files changed under the program; writing stops")
        if rescued:
            what = (
                f"The database's write-ahead log {self.wal} was deleted while Hotline Log had it open. "
                f"The calls saved before were copied into {self.path}; nothing more is written by this program. "
                "Close Hotline Log and start it again, then run `python main.py verify`."
            )
        else:
            what = (
                f"The database file {self.path} or its write-ahead log was removed or replaced while Hotline Log "
                "had it open; nothing more is written by this program. Close Hotline Log, run "
                "`python main.py verify`, and restore the last backup if it reports a problem."
            )
        reason = SeatFilesChanged(what, self.path)
        self.stop_writing(reason)
        return reason.again()

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction (BEGIN IMMEDIATE); nested use joins the outer one. Refused once writing has
        stopped; the files are checked just before the commit."""
        self._refuse_if_stopped()
        if self.conn.in_transaction:
            with connection.transaction(self.conn, self.path) as conn:
                yield conn
            return
        try:
            with connection.transaction(self.conn, self.path) as conn:
                yield conn
                if self._files_changed():
                    raise _FilesChanged  # rolls the transaction back
        except _FilesChanged:
            raise self._stop_for_changed_files() from None

    def execute(self, sql: str, params=()) -> sqlite.Cursor:
        if not self.conn.in_transaction and _WRITE.match(sql):  # a write that commits by itself
            self._refuse_if_stopped()
            if self._files_changed():
                raise self._stop_for_changed_files()
        try:
            return self.conn.execute(sql, params)
        except sqlite.Error as exc:
            if self.stopped is not None and "readonly" in str(exc).lower():
                self._refuse_if_stopped()
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
    # The log a migration grew (a quarter of a gigabyte when schema 12 indexes a million calls again) is emptied
    # now, while nothing else writes, rather than by a later checkpoint that holds writers off meanwhile; and
    # what a migration zeroed reaches the database file.
    store.checkpoint()
    return [m.version for m in pending]


def copy_before_migrating(store: Store, backup_dir: Path, version: int) -> Path:
    """An encrypted copy of the database file as it was, kept `COPY_KEEP_DAYS` (`remove_old_copies`)."""
    ensure_private_dir(backup_dir)
    store.checkpoint()
    stamp = utc_now().strftime(_STAMP)
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


def remove_old_copies(backup_dir: Path, now: datetime | None = None) -> int:
    """Delete the copies taken before migrating that are older than `COPY_KEEP_DAYS`; returns how many.

    A copy is there to go back to when an update of the program went wrong, which shows within days. It holds
    every call's free text as it was, and the retention shred never reaches it (its schema is an older one),
    so left alone it would keep text past the retention period for ever (DESIGN.md §2.6). The retention run
    calls this. A copy is known by its name, which says when it was taken; other files are left alone."""
    if not backup_dir.is_dir():
        return 0
    oldest_kept = (now or utc_now()) - timedelta(days=COPY_KEEP_DAYS)
    removed = 0
    for path in sorted(backup_dir.iterdir()):
        found = _COPY_NAME.fullmatch(path.name)
        if not found:
            continue
        try:
            taken = datetime.strptime(found["stamp"], _STAMP).replace(tzinfo=UTC)
        except ValueError:  # digits that are no time (a name made by hand)
            continue
        if taken < oldest_kept:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("the copy %s taken before migrating could not be deleted: %s", path.name, exc)
                continue
            log.info("deleted the copy %s taken before migrating (older than %d days)", path.name, COPY_KEEP_DAYS)
            removed += 1
    return removed
