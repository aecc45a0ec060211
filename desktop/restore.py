"""Restoring a backup (DESIGN.md §4, §9): the backup is unpacked into a staging folder, opened with a password
of its seat or the recovery code, and checked before anything in place is touched; then the moves, journaled.

Every try counts against the seat's own log-in delay and is audited (desktop/vault/throttle.py). A kill at any
point of the moves is finished or rolled back at the next start (desktop/interrupted.py). The restored files
become the seat's reference for rollback checks (desktop/anchors.py): restoring is the admin's deliberate step
back.
"""

import contextlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop import anchors, crashpoints, storage, vault_sync
from desktop.backup import NOT_RESTORED, _unpack
from desktop.clock import utc_now
from desktop.config import SeatPaths
from desktop.errors import BadInput, DatabaseError, HotlineError, NotPermitted, SeatExists, StorageError
from desktop.fsutil import ensure_private_dir, fsync_dir
from desktop.interrupted import STAGING_PREFIX, RestoreJournal
from desktop.seat import SYSTEM_ACTOR, Seat
from desktop.store.accounts import AccountRepo
from desktop.store.audit import AuditLog
from desktop.store.integrity import find_damage, what_failed
from desktop.vault import Vault

log = logging.getLogger(__name__)


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
    A password opens it only when it is an active admin's of the backup: replacing a seat is an admin's work.

    Every try counts against the seat's own log-in delay and is audited (the seat in place is charged, as a
    log-in is). The moves are journaled: a kill at any point is finished or rolled back at the next start
    (desktop/interrupted.py). The restored files become the seat's reference for rollback checks
    (desktop/anchors.py): restoring is the admin's deliberate step back."""
    if (login is None) == (recovery_code is None):
        raise BadInput(
            "Restoring needs a staff code and password of the backed-up seat, or its recovery code.",
            code="restore.login_needed",
        )
    if paths.exists() and not replace:
        raise SeatExists(
            f"A seat already exists in {paths.home}; confirm replacing it (it will be kept in {paths.replaced}).",
            code="restore.seat_exists",
            folder=paths.home,
            kept=paths.replaced,
        )
    ensure_private_dir(paths.home)
    live = _seat_in_place(paths)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=paths.home))
    except OSError as exc:
        raise storage.from_os_error(exc, paths.database, NOT_RESTORED) from exc
    journal, anchor_before = None, None
    try:
        manifest = _unpack(Path(source), staging, paths.home)
        staged = Seat(SeatPaths(staging))
        generation, head, key = _open_staged(staged, paths, live, login, recovery_code, Path(source))
        crashpoints.reached("restore.staged")
        aside = _aside_folder(paths) if paths.exists() else None
        journal = RestoreJournal.begin(paths, staging, aside, Path(source).name, manifest.get("created_at"))
        crashpoints.reached("restore.journal_written")
        anchor_before = anchors.keyring_anchor(staged.vault.seat_id)
        anchors.record_in_keyring(staged.vault.seat_id, generation, head)
        if aside is not None:
            _move_aside(paths, aside)
        for name in ("seat.vault", "seat.db"):
            os.replace(staging / name, paths.home / name)
            crashpoints.reached(f"restore.placed:{name}")
        fsync_dir(paths.home)
        journal.step("placed")
        crashpoints.reached("restore.placed")
    except BaseException:
        if journal is not None:  # a move failed: the old seat back in place, and what the keyring held of it
            with contextlib.suppress(Exception):
                journal.roll_back()
                if anchor_before:
                    anchors.restore_keyring(staged.vault.seat_id, anchor_before)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)

    seat = Seat(paths)
    session = seat.login(*login) if login else seat.login_recovery(recovery_code)
    needs_password: list[str] = []
    try:
        for entry in live.pending_audit() if live is not None else []:  # tries against the seat replaced
            detail = {"recorded": entry["at"], "before_restore": True, **entry.get("detail", {})}
            session.audit.append(SYSTEM_ACTOR, entry["action"], entry["object"], detail)
        detail = {"backup_created": manifest.get("created_at"), "replaced": aside is not None}
        restored = ["audit", session.actor, "backup.restored", Path(source).name, detail]
        if recovery_code:  # slots bound to another computer's keyring can never open here

            def rebind(vault: Vault) -> None:
                needs_password.extend(vault.rebind_after_recovery())

            vault_sync.change(seat, session.store, session.key, rebind, [restored])
        else:
            session.audit.append(*restored[1:])
        journal.step("audited")
        crashpoints.reached("restore.audited")
        journal.finish()
    finally:
        session.close()
    log.info("restored a backup of seat %s", manifest.get("seat_name"))
    return RestoreResult(manifest.get("seat_name", ""), aside, needs_password)


def _seat_in_place(paths: SeatPaths) -> Vault | None:
    """The vault of the seat in place, whose delay and audit the restore's tries count against (None: no seat,
    or a vault that cannot be read, which is what is being restored)."""
    if not paths.vault.exists():
        return None
    try:
        return Vault.load(paths.vault)
    except HotlineError:
        return None


def _open_staged(
    staged: Seat, paths: SeatPaths, live: Vault | None, login, recovery_code, source: Path
) -> tuple[int, dict, bytes]:
    """Unlock and check the unpacked backup, and make it the reference it will be once in place."""
    vault = staged.vault
    if login:
        key = vault.unlock(*login, counted_by=live, failed_action="restore.failed")
    else:
        key = vault.unlock_recovery(recovery_code, counted_by=live, failed_action="restore.recovery_failed")
    problem = find_damage(staged.paths.database, key)  # a damaged backup never replaces a seat
    if problem is not None:
        raise DatabaseError(
            f"The backup {source} is damaged: its database failed the integrity check ({what_failed(problem)}). "
            "Nothing was restored; restore another backup."
        )
    try:
        store = staged.open_database(key)
    except StorageError as exc:  # the staged copy's disk is the seat's: say so by the seat's name
        raise storage.about(exc, paths.database, NOT_RESTORED) from exc
    try:
        if login:
            account = AccountRepo(store).get(login[0].strip())
            if account is None or account.role != "admin" or not account.active:
                raise NotPermitted(
                    "Only an admin of the backed-up seat may restore it; use an admin's staff code and password, "
                    "or the recovery code. Nothing was restored.",
                    code="restore.admin_only",
                )
        problems = AuditLog(store).verify() or [str(f) for f in anchors.findings(vault, store, key, keyring=False)]
        if problems:
            raise DatabaseError(f"The backup's audit log does not hold: {problems[0]}. Nothing was restored.")
        vault_sync.finish_pending(staged, store)  # a backup taken in the middle of an account change
        past = live.generation if live is not None and live.seat_id == vault.seat_id else 0
        generation, head = anchors.accept(staged, store, key, "", [], past=past, keyring=False)
        store.checkpoint()
    finally:
        store.close()
    return generation, head, key


def _aside_folder(paths: SeatPaths) -> Path:
    return paths.replaced / utc_now().strftime("%Y%m%dT%H%M%S.%fZ")


def _move_aside(paths: SeatPaths, aside: Path) -> None:
    ensure_private_dir(aside)
    for path in (paths.database, paths.vault):
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                os.replace(candidate, aside / candidate.name)
                crashpoints.reached(f"restore.aside:{candidate.name}")
