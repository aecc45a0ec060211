"""A seat: its vault and database together. Setting one up, logging in, and the logged-in session.

The database modules (and SQLCipher with them) are imported where a database is opened: the log-in window
needs only the vault's clear facts (the seat's name, its accounts) and is painted without them
(DESIGN.md §10, start-up).
"""

import contextlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.config import SeatPaths
from desktop.errors import (
    AccountDisabled,
    BadInput,
    DatabaseError,
    HotlineError,
    NotPermitted,
    SeatExists,
    SeatMissing,
    SeatRolledBack,
    VaultError,
)
from desktop.fsutil import ensure_private_dir, storage_error
from desktop.vault import Vault

if TYPE_CHECKING:
    from desktop.store import Store
    from desktop.store.accounts import Account
    from desktop.store.audit import AuditLog

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"
_WRITTEN_PENDING = "vault_pending_written"  # ids of the vault's pending entries already in the audit log
_KEEP_WRITTEN = 1000
RECOVERY_ACTOR = "recovery"
MIN_PASSWORD = 8
_STAFF_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,15}")


def check_staff_code(code: str) -> str:
    code = (code or "").strip()
    if not _STAFF_CODE.fullmatch(code):
        raise BadInput(
            "A staff code has 1–16 letters, digits, '.', '_' or '-', and starts with a letter or digit.",
            code="account.bad_code",
        )
    return code


def check_display_name(name: str) -> str:
    name = (name or "").strip()
    if not 1 <= len(name) <= 60 or any(unicodedata.category(c).startswith("C") for c in name):
        raise BadInput("A name must be 1–60 characters without control characters.", code="account.bad_name")
    return name


def check_password(password: str) -> str:
    if password is None or len(password) < MIN_PASSWORD or not password.strip():
        raise BadInput(
            f"A password must have at least {MIN_PASSWORD} characters.",
            code="account.short_password",
            minimum=MIN_PASSWORD,
        )
    return password


def check_role(role: str) -> str:
    from desktop.store.accounts import ROLES

    if role not in ROLES:
        raise BadInput(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.", code="account.unknown_role", role=role)
    return role


@dataclass
class Session:
    """An unlocked seat: who is logged in, the open database and the key that opened it.

    `account` is None when the seat was opened with the recovery code. A `primary` session (the one a person
    logged in to, not a worker's second connection) records the audit head outside the database when it
    closes (desktop/anchors.py).
    """

    seat: "Seat"
    store: "Store"
    account: "Account | None"
    key: bytes
    primary: bool = True

    @property
    def actor(self) -> str:
        return self.account.code if self.account else RECOVERY_ACTOR

    @property
    def role(self) -> str:
        return self.account.role if self.account else "admin"

    @property
    def audit(self) -> "AuditLog":
        from desktop.store.audit import AuditLog

        return AuditLog(self.store)

    def require(self, *roles: str, doing: str) -> None:
        if self.role not in roles:
            allowed = " or ".join(roles)
            raise NotPermitted(
                f"Only {allowed} accounts may {doing}; you are logged in as {self.role}.",
                code="role.not_allowed",
                role=self.role,
            )

    def another(self) -> "Session":
        """The same person on a connection of its own, for one worker thread: open it in that thread,
        use it there only, and close it there (a connection belongs to the thread that opened it)."""
        if not self.key:
            raise DatabaseError("The seat was locked; log in again.")
        store = self.seat.open_database(self.key)
        store.follow(self.store)  # the files this session opened, and its stop if writing has stopped
        return Session(self.seat, store, self.account, self.key, primary=False)

    def close(self) -> None:
        """Record the audit head outside the database, drop the key and close the database (log-out, the idle
        lock)."""
        if self.primary and self.key:
            from desktop import anchors

            try:
                anchors.refresh(self.seat, self.store, self.key)
            except HotlineError as exc:  # the next log-in compares what is there
                log.warning("the audit head was not recorded at close: %s", exc)
        self.store.close()
        self.key = b""

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _publish_public_numbers(store: "Store") -> None:
    """The referral directory's phone numbers, for the notes guard to keep (desktop.directory says more)."""
    from desktop import privacy  # pure Python; the guard never reads the store itself

    privacy.set_public_numbers(row[0] for row in store.rows("SELECT phone FROM resource WHERE phone != ''"))


class Seat:
    def __init__(self, paths: SeatPaths):
        self.paths = paths
        self._vault: Vault | None = None

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            vault_there, database_there = self._there(self.paths.vault), self._there(self.paths.database)
            if not (vault_there and database_there) and self._there(self.paths.restore_journal):
                raise VaultError(
                    f"A restore into {self.paths.home} was interrupted; start Hotline Log again (the window or any "
                    "command) to finish it or roll it back."
                )
            if not vault_there and not database_there:
                raise SeatMissing(
                    f"No seat is set up in {self.paths.home}; run `python main.py init --seat NAME --admin CODE`.",
                    code="seat.missing",
                    folder=self.paths.home,
                )
            self._vault = Vault.load(self.paths.vault)
        return self._vault

    def reload_vault(self) -> Vault:
        self._vault = None
        return self.vault

    def adopt_vault(self, vault: Vault) -> None:
        """The vault as just read or written from this seat's file (desktop/anchors.py)."""
        self._vault = vault

    # ----- setting a seat up ----------------------------------------------------------------------

    @classmethod
    def init(
        cls,
        paths: SeatPaths,
        seat_name: str,
        admin_code: str,
        admin_name: str,
        password: str,
        require_keyring: bool = False,
    ) -> tuple[Session, str]:
        """Create vault, database and the first admin. Returns the admin's session and the recovery code."""
        seat_name = check_display_name(seat_name)
        admin_code = check_staff_code(admin_code)
        admin_name = check_display_name(admin_name or admin_code)
        check_password(password)
        if paths.exists():
            raise SeatExists(
                f"A seat already exists in {paths.home}; nothing was changed.", code="seat.exists", folder=paths.home
            )
        from desktop import anchors
        from desktop.store import open_store
        from desktop.store.accounts import AccountRepo
        from desktop.store.audit import AuditLog
        from desktop.store.settings import SettingsRepo

        ensure_private_dir(paths.home)
        vault, key, recovery_code = Vault.create(paths.vault, seat_name, require_keyring)
        vault.set_password(admin_code, admin_name, password, key)
        store = None
        try:
            store = open_store(paths.database, key, create=True, backup_dir=paths.migration_backups)
            with store.transaction():
                settings = SettingsRepo(store)
                settings.set("seat_id", vault.seat_id)
                settings.set("seat_name", seat_name)
                settings.set(anchors.GENERATION, "1")
                account = AccountRepo(store).add(admin_code, admin_name, "admin")
                audit = AuditLog(store)
                audit.append(SYSTEM_ACTOR, "seat.created", seat_name, {"require_keyring": require_keyring})
                audit.append(SYSTEM_ACTOR, "account.added", admin_code, {"role": "admin"})
            from desktop.directory import Directory  # the directory service needs a Session, defined here

            seat = cls(paths)
            seat._vault = vault
            session = Session(seat, store, account, key)
            Directory(session).seed_if_empty()
            head = anchors.database_head(store)
            vault.save_sealed(key, generation=1, audit_anchor=head, over_unsealed=True)
            anchors.record_in_keyring(vault.seat_id, 1, head)
        except BaseException:
            if store is not None:
                store.conn.close()
            for path in (paths.database, paths.vault):
                for extra in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        path.with_name(path.name + extra).unlink()
            raise
        log.info("seat set up in %s", paths.home)
        return session, recovery_code

    # ----- opening it ---------------------------------------------------------------------------------

    @staticmethod
    def _there(path) -> bool:
        """Whether `path` exists; a folder this account may not look into is a StorageError, not "missing"."""
        try:
            return path.exists()
        except OSError as exc:
            raise storage_error(exc, path, reading=True) from exc

    def _require_database(self) -> None:
        if not self._there(self.paths.database):
            raise DatabaseError(
                f"The database file {self.paths.database} is missing (the vault is there); restore it from a "
                "backup. Nothing was created in its place."
            )

    def check_files(self) -> None:
        """What can be known before anyone logs in: the vault reads and the database is there (its content opens
        only with the key, at log-in). Raises VaultError or DatabaseError saying what to do; changes nothing."""
        self.reload_vault()
        self._require_database()

    def database_behind(self, key: bytes) -> bool:
        """Whether the database's schema is older than this program's: opening it will update it first."""
        from desktop.store import LATEST_VERSION, Store
        from desktop.store.connection import connect

        self._require_database()
        store = Store(connect(self.paths.database, key), self.paths.database)
        try:
            return store.schema_version < LATEST_VERSION
        finally:
            store.close()

    def update_database(self, key: bytes) -> None:
        """Bring the database's schema up to date (a copy taken first, in pre-migration/) and close it again. On a
        big seat after an update of the program this can take minutes (schema 12 indexes every call's notes again:
        about 100 s at a million calls), so the log-in window runs it off the GUI thread before `open_session`."""
        from desktop.store import open_store

        self._require_database()
        open_store(self.paths.database, key, backup_dir=self.paths.migration_backups).close()

    def open_database(self, key: bytes) -> "Store":
        from desktop.shift_window import place_calls_without_shift
        from desktop.store import open_store
        from desktop.store.settings import SettingsRepo

        self._require_database()
        store = open_store(self.paths.database, key, backup_dir=self.paths.migration_backups)
        seat_id = SettingsRepo(store).get("seat_id")
        if seat_id != self.vault.seat_id:
            store.close()
            raise DatabaseError("The vault and the database belong to different seats; restore both from one backup.")
        try:
            place_calls_without_shift(store)  # calls saved before the seat knew shifts (schema 5)
        except BaseException:
            store.close()
            raise
        return store

    def _write_pending(self, store: "Store") -> None:
        """Failed log-ins (and other events) recorded in the vault while the database was closed go into the
        audit log now. Each once: the ids written are kept with them, in case the vault cannot be told."""
        from desktop.store.audit import AuditLog
        from desktop.store.settings import SettingsRepo

        pending = self.vault.pending_audit()
        if not pending:
            return
        settings = SettingsRepo(store)
        written = json.loads(settings.get(_WRITTEN_PENDING) or "[]")
        with store.transaction():
            for entry in pending:
                if entry.get("id") in written:
                    continue
                detail = {"recorded": entry["at"], **entry.get("detail", {})}
                AuditLog(store).append(SYSTEM_ACTOR, entry["action"], entry["object"], detail)
            written = (written + [e["id"] for e in pending if e.get("id")])[-_KEEP_WRITTEN:]
            settings.set(_WRITTEN_PENDING, json.dumps(written))
        try:
            self.vault.clear_pending_audit(pending)
        except HotlineError as exc:
            log.warning("the vault's pending audit entries were written but not cleared: %s", exc)

    def open_session(self, key: bytes, code: str | None) -> Session:
        """The session after an unlock: refused when the files are older than recorded or the audit log was cut
        short (desktop/anchors.py); an interrupted vault change completed or dropped; pending entries audited."""
        from desktop import anchors, vault_sync
        from desktop.store.accounts import AccountRepo
        from desktop.store.audit import AuditLog

        store = self.open_database(key)
        try:
            found = anchors.findings(self.vault, store, key)
            if found:
                log.error("log-in refused: %s", "; ".join(f.name for f in found))
                raise SeatRolledBack(anchors.refusal(found), found)
            vault_sync.reconcile(self, store, key)
            self._write_pending(store)
            audit = AuditLog(store)
            _publish_public_numbers(store)
            if code is None:
                audit.append(RECOVERY_ACTOR, "login.recovery", "")
                session = Session(self, store, None, key)
            else:
                account = AccountRepo(store).get(code)
                if account is None or not account.active:
                    audit.append(SYSTEM_ACTOR, "login.refused", code, {"reason": "inactive"})
                    raise AccountDisabled("This account is disabled on this seat; ask an admin.")
                audit.append(code, "login.ok", code)
                session = Session(self, store, account, key)
        except BaseException:
            store.close()
            raise
        try:
            anchors.refresh(self, store, key)
        except HotlineError as exc:
            log.warning("the audit head was not recorded at log-in: %s", exc)
        return session

    def login(self, code: str, password: str) -> Session:
        """Unlock the seat as `code`. Wrong password and throttling raise; the failure is audited later."""
        code = (code or "").strip()
        return self.open_session(self.vault.unlock(code, password), code)

    def login_recovery(self, recovery_code: str) -> Session:
        """Unlock the seat with the recovery code (an admin's session with no account)."""
        return self.open_session(self.vault.unlock_recovery(recovery_code), None)
