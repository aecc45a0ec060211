"""Backup and restore (DESIGN.md §4, §9).

A backup is one zip file holding `manifest.json`, the vault and a fresh SQLCipher copy of the database
made with `sqlcipher_export` under the same key. Without a password of the seat (on the seat's computer)
or the recovery code (anywhere), it opens nothing.
"""

import contextlib
import hashlib
import json
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop import crashpoints, storage
from desktop.clock import utc_now_iso
from desktop.errors import BadInput, DatabaseBusy
from desktop.fsutil import fsync_dir, open_private, storage_error
from desktop.interrupted import backup_scratch
from desktop.seat import Session
from desktop.store import key_to_hex
from desktop.store.connection import sqlite, translate
from desktop.store.integrity import damaged, require_intact
from desktop.vault import Vault

log = logging.getLogger(__name__)

FORMAT = "hotline-log-backup"
VERSION = 1
_MEMBERS = ("manifest.json", "seat.vault", "seat.db")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    seat_name: str
    created_at: str
    schema_version: int
    audit_seq: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_database(session: Session, target: Path, shown_as: Path | None = None) -> None:
    """A new encrypted database at `target` with everything of the open one (same key, fresh file). A refusal of
    the disk is told about `shown_as` (the file the person chose), not about a temporary file."""
    store = session.store
    version = store.schema_version
    literal = str(target).replace("'", "''")
    try:
        # executescript, not execute: the statement holds the hex key, and execute would keep its text in the
        # connection's statement cache for as long as the connection lives (desktop/store/connection.py).
        store.conn.executescript(f"ATTACH DATABASE '{literal}' AS backup KEY \"x'{key_to_hex(session.key)}'\";")
        try:
            store.conn.execute("SELECT sqlcipher_export('backup')")
            store.conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            store.conn.execute("DETACH DATABASE backup")
    except sqlite.Error as exc:
        if any(word in str(exc).lower() for word in ("malformed", "not a database", "corrupt")):
            raise damaged(store.path, detail=str(exc), refused=True) from exc  # the seat's file, not the copy
        raise translate(exc, shown_as or target) from exc


def create_backup(session: Session, target: Path, check_first: bool = True) -> BackupInfo:
    """Write a backup of the open seat to `target` (a file the admin chose). Audited before it is taken.
    A damaged seat is refused before anything is written (`check_first`: unless the caller checked it)."""
    session.require("admin", doing="back up the seat")
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise BadInput(
            f"{target} is a folder; give the backup a file name.", code="backup.target_is_folder", file=target
        )
    if not target.parent.is_dir():
        raise BadInput(
            f"The folder {target.parent} does not exist.", code="backup.folder_missing", folder=target.parent
        )
    if check_first:
        require_intact(session.store.path, session.key)
    entry = session.audit.append(session.actor, "backup.created", target.name)
    created_at = utc_now_iso()
    try:
        with backup_scratch(session.seat.paths, target) as (work, partial):
            manifest = _write_backup(session, target, work, partial, entry, created_at)
    except BaseException as exc:
        with contextlib.suppress(Exception):
            session.audit.append(session.actor, "backup.failed", target.name, {"error": type(exc).__name__})
        if isinstance(exc, OSError):
            raise storage_error(exc, target) from exc
        raise
    log.info("backup written (%s)", target.name)
    return BackupInfo(target, manifest["seat_name"], created_at, manifest["schema_version"], entry.seq)


def _write_backup(session: Session, target: Path, work: Path, partial: Path, entry, created_at: str) -> dict:
    """The database exported into `work`, zipped with the vault and the manifest into `partial`, renamed to
    `target`. A kill leaves `work` and `partial`; the next start removes them (desktop/interrupted.py)."""
    db_copy = work / "seat.db"
    os.close(os.open(db_copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # SQLite keeps the mode it finds
    vault = Vault.load(session.seat.paths.vault)  # read first: its audit anchor is then never ahead of the copy
    export_database(session, db_copy, shown_as=target)
    if Vault.load(session.seat.paths.vault).generation != vault.generation:
        raise DatabaseBusy("The seat's accounts changed while the backup was written; back up again.")
    clean_vault = Vault.from_bytes(vault.path, vault.to_bytes())
    clean_vault.reset_throttle()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "seat_id": vault.seat_id,
        "seat_name": vault.seat_name,
        "created_at": created_at,
        "schema_version": session.store.schema_version,
        "audit_seq": entry.seq,
        "audit_hash": entry.hash,
        "database_sha256": _sha256(db_copy),
    }
    with open_private(partial) as handle:  # 0600 from its first byte: a killed backup leaves nothing readable
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr("seat.vault", clean_vault.to_bytes())
            archive.write(db_copy, "seat.db")
        crashpoints.reached("backup.partial_written")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    fsync_dir(target.parent)
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest of a backup file, after checking the file is one."""
    source = Path(source)
    not_backup = BadInput(
        f"{source} is not a Hotline Log backup (or it is damaged).", code="backup.not_a_backup", file=source
    )
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if not set(_MEMBERS) <= names:
                raise not_backup
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except FileNotFoundError as exc:
        raise BadInput(f"The backup file {source} does not exist.", code="backup.missing", file=source) from exc
    except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError, OSError) as exc:
        raise not_backup from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_backup
    if manifest.get("version", 0) > VERSION:
        raise BadInput(
            f"{source} was written by a newer Hotline Log; install that version to restore it.",
            code="backup.too_new",
            file=source,
        )
    return manifest


NOT_RESTORED = "nothing was restored; the seat in place is as it was."


def _unpack(source: Path, into: Path, seat_home: Path) -> dict:
    """The backup's vault and database into the staging folder `into`. A backup that cannot be read whole is
    damaged; a disk that refuses the copy is told as the seat folder's (`seat_home`), never as the backup's
    fault nor by the staging folder's name."""
    manifest = read_manifest(source)
    try:
        with zipfile.ZipFile(source) as archive:
            needed = sum(archive.getinfo(name).file_size for name in ("seat.vault", "seat.db"))
            free = storage.free_bytes(into)
            if free is not None and free < needed + storage.LOW_SPACE:
                raise storage.disk_full(seat_home / "seat.db", NOT_RESTORED)
            for name in ("seat.vault", "seat.db"):
                with archive.open(name) as member:
                    _copy_out(member, into / name, seat_home / name)
    except (zipfile.BadZipFile, OSError) as exc:  # reading the backup itself failed
        if isinstance(exc, OSError) and exc.errno is not None:
            raise storage_error(exc, source, reading=True) from exc
        raise BadInput(f"{source} is damaged: {exc}", code="backup.damaged", file=source) from exc
    if _sha256(into / "seat.db") != manifest.get("database_sha256"):
        raise BadInput(
            f"{source} is damaged: its database does not match its checksum.", code="backup.damaged", file=source
        )
    return manifest


def _copy_out(member, target: Path, shown_as: Path) -> None:
    """Copy one member of the backup to `target`, owner-only from its creation, unbuffered so that a refusal of
    the disk is told apart from a bad read of the backup."""
    try:
        out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        raise storage_error(exc, shown_as) from exc
    try:
        for block in iter(lambda: member.read(1 << 20), b""):
            view = memoryview(block)
            while view:
                try:
                    view = view[os.write(out, view) :]
                except OSError as exc:
                    raise storage.from_os_error(exc, shown_as, NOT_RESTORED) from exc
        try:
            os.fsync(out)
        except OSError as exc:
            raise storage.from_os_error(exc, shown_as, NOT_RESTORED) from exc
    finally:
        os.close(out)


def __getattr__(name: str):
    """Restoring lives in desktop/restore.py; `from desktop.backup import restore_backup` still finds it."""
    if name in ("restore_backup", "RestoreResult"):
        from desktop import restore

        return getattr(restore, name)
    raise AttributeError(name)
