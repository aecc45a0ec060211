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
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.clock import utc_now, utc_now_iso
from desktop.config import SeatPaths
from desktop.errors import BadInput, DatabaseError, NotPermitted, SeatExists
from desktop.fsutil import ensure_private_dir, fsync_dir, storage_error
from desktop.seat import Seat, Session
from desktop.store import key_to_hex
from desktop.store.accounts import AccountRepo
from desktop.store.audit import AuditLog
from desktop.store.connection import sqlite, translate
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


def export_database(session: Session, target: Path) -> None:
    """A new encrypted database at `target` with everything of the open one (same key, fresh file)."""
    store = session.store
    hex_key = key_to_hex(session.key)
    version = store.schema_version
    try:
        store.conn.execute("ATTACH DATABASE ? AS backup KEY \"x'" + hex_key + "'\"", (str(target),))
        try:
            store.conn.execute("SELECT sqlcipher_export('backup')")
            store.conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            store.conn.execute("DETACH DATABASE backup")
    except sqlite.Error as exc:
        raise translate(exc, target) from exc


def create_backup(session: Session, target: Path) -> BackupInfo:
    """Write a backup of the open seat to `target` (a file the admin chose). Audited before it is taken."""
    session.require("admin", doing="back up the seat")
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give the backup a file name.")
    if not target.parent.is_dir():
        raise BadInput(f"The folder {target.parent} does not exist.")
    vault = session.seat.vault
    entry = session.audit.append(session.actor, "backup.created", target.name)
    created_at = utc_now_iso()
    try:
        work = Path(tempfile.mkdtemp(prefix=".hotline-backup-", dir=target.parent))
    except OSError as exc:
        raise storage_error(exc, target) from exc
    partial = target.with_name(f".{target.name}.partial")
    try:
        db_copy = work / "seat.db"
        export_database(session, db_copy)
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
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr("seat.vault", clean_vault.to_bytes())
            archive.write(db_copy, "seat.db")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, target)
        fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(Exception):
            session.audit.append(session.actor, "backup.failed", target.name, {"error": type(exc).__name__})
        if isinstance(exc, OSError):
            raise storage_error(exc, target) from exc
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            partial.unlink()
    log.info("backup written (%s)", target.name)
    return BackupInfo(target, vault.seat_name, created_at, manifest["schema_version"], entry.seq)


def read_manifest(source: Path) -> dict:
    """The manifest of a backup file, after checking the file is one."""
    source = Path(source)
    not_backup = BadInput(f"{source} is not a Hotline Log backup (or it is damaged).")
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if not set(_MEMBERS) <= names:
                raise not_backup
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except FileNotFoundError as exc:
        raise BadInput(f"The backup file {source} does not exist.") from exc
    except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError, OSError) as exc:
        raise not_backup from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_backup
    if manifest.get("version", 0) > VERSION:
        raise BadInput(f"{source} was written by a newer Hotline Log; install that version to restore it.")
    return manifest


def _unpack(source: Path, into: Path) -> dict:
    manifest = read_manifest(source)
    try:
        with zipfile.ZipFile(source) as archive:
            for name in ("seat.vault", "seat.db"):
                with archive.open(name) as member, (into / name).open("wb") as out:
                    shutil.copyfileobj(member, out)
                os.chmod(into / name, 0o600)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadInput(f"{source} is damaged: {exc}") from exc
    if _sha256(into / "seat.db") != manifest.get("database_sha256"):
        raise BadInput(f"{source} is damaged: its database does not match its checksum.")
    return manifest


@dataclass(frozen=True)
class RestoreResult:
    seat_name: str
    replaced: Path | None
    needs_password: list[str]


def restore_backup(
    paths: SeatPaths,
    source: Path,
    *,
    login: tuple[str, str] | None = None,
    recovery_code: str | None = None,
    replace: bool = False,
) -> RestoreResult:
    """Put the seat of `source` in `paths.home`. The backup is opened (with a password of the seat, or the
    recovery code) and checked before anything in place is touched; a replaced seat is moved aside.
    A password opens it only when it is an active admin's of the backup: replacing a seat is an admin's work."""
    if (login is None) == (recovery_code is None):
        raise BadInput("Restoring needs a staff code and password of the backed-up seat, or its recovery code.")
    if paths.exists() and not replace:
        raise SeatExists(
            f"A seat already exists in {paths.home}; confirm replacing it (it will be kept in {paths.replaced})."
        )
    ensure_private_dir(paths.home)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.home))
    try:
        manifest = _unpack(Path(source), staging)
        staged = Seat(SeatPaths(staging))
        vault = staged.vault
        key = vault.unlock(*login) if login else vault.unlock_recovery(recovery_code)
        store = staged.open_database(key)
        try:
            if login:
                account = AccountRepo(store).get(login[0].strip())
                if account is None or account.role != "admin" or not account.active:
                    raise NotPermitted(
                        "Only an admin of the backed-up seat may restore it; use an admin's staff code and password, "
                        "or the recovery code. Nothing was restored."
                    )
            problems = AuditLog(store).verify()
            if problems:
                raise DatabaseError(f"The backup's audit log does not hold: {problems[0]}. Nothing was restored.")
            store.checkpoint()
        finally:
            store.close()
        replaced = _move_aside(paths) if paths.exists() else None
        for name in ("seat.vault", "seat.db"):
            os.replace(staging / name, paths.home / name)
        fsync_dir(paths.home)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    seat = Seat(paths)
    session = seat.login(*login) if login else seat.login_recovery(recovery_code)
    try:
        needs_password = seat.vault.rebind_after_recovery() if recovery_code else []
        if needs_password:
            seat.vault.save()
        session.audit.append(
            session.actor,
            "backup.restored",
            Path(source).name,
            {"backup_created": manifest.get("created_at"), "replaced": bool(replaced)},
        )
    finally:
        session.close()
    log.info("restored a backup of seat %s", manifest.get("seat_name"))
    return RestoreResult(manifest.get("seat_name", ""), replaced, needs_password)


def _move_aside(paths: SeatPaths) -> Path:
    aside = paths.replaced / utc_now().strftime("%Y%m%dT%H%M%S.%fZ")
    ensure_private_dir(aside)
    for path in (paths.database, paths.vault):
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                os.replace(candidate, aside / candidate.name)
    return aside
