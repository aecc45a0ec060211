"""`verify`: is this seat whole? Vault, keyring mode, every page of the database, schema, audit chain, what the
vault, the database and the keyring record of each other (desktop/anchors.py), key slots against accounts.

It changes nothing in the database; it only reads, after unlocking the key with a password or the
recovery code.
"""

from dataclasses import dataclass, field

from desktop import anchors, storage, vault_sync
from desktop.config import SeatPaths
from desktop.errors import HotlineError, StorageError, VaultError
from desktop.seat import Seat
from desktop.store import LATEST_VERSION, Store
from desktop.store import connection as db
from desktop.store.audit import AuditLog
from desktop.store.settings import SettingsRepo
from desktop.vault import keyring_status


@dataclass(frozen=True)
class Check:
    ok: bool
    text: str


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def add(self, ok: bool, text: str) -> bool:
        self.checks.append(Check(ok, text))
        return ok

    def problems(self) -> list[str]:
        return [check.text for check in self.checks if not check.ok]


def _pages(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    more = f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    return f"page{'s' if len(pages) > 1 else ''} {shown}{more}"


def verify_seat(
    paths: SeatPaths, login: tuple[str, str] | None = None, recovery_code: str | None = None
) -> VerifyReport:
    report = VerifyReport()
    seat = Seat(paths)
    try:
        vault = seat.vault
    except VaultError as exc:
        report.add(False, f"vault: {exc}")
        return report
    report.add(True, f"vault: format ok, seat '{vault.seat_name}', {len(vault.accounts())} account(s) with a password")
    for name, why in sorted(vault.damaged_slots().items()):
        owner = "the recovery code" if name == "recovery" else name.split(":", 1)[1]
        report.add(False, f"vault: the key slot of {owner} is damaged ({why}); give it a new password or code")

    status = keyring_status()
    report.add(True, f"keyring mode: {status.describe()}")
    problem = vault.device_problem()
    if problem:
        report.add(False, f"device secret: {problem}")
    elif vault.device_bound:
        report.add(True, "device secret: present and matching")
    if vault.require_keyring and not status.usable:
        report.add(False, "keyring: this seat requires the system keyring, but none is usable")
    unbound = vault.unbound_slots()
    if vault.device_bound and unbound:
        report.add(True, f"keyring: {len(unbound)} slot(s) not yet bound to the device secret (bound at next log-in)")

    refused = storage.explain(paths.database)
    if refused:
        report.add(False, f"storage: {refused}")
    else:
        free = storage.free_bytes(paths.home)
        room = f"{free / 2**20:,.0f} MB free" if free is not None else "free space unknown"
        report.add(True, f"storage: the folder can be written; {room} on {storage.mount_point(paths.home)}")

    try:
        problem = db.file_problem(paths.database)
    except StorageError as exc:
        report.add(False, f"database: {exc}")
        return report
    if problem:
        report.add(False, f"database: {problem}")
        return report

    try:
        key = vault.unlock(*login) if login else vault.unlock_recovery(recovery_code)
    except StorageError as exc:  # the try cannot be recorded: refused before the password was checked
        report.add(False, f"log-in: {exc}")
        return report

    try:
        bad_pages = db.cipher_check(paths.database, key)
    except StorageError as exc:  # the disk refused to read it: no word about pages or another seat's key
        report.add(False, f"database: {exc}")
        return report
    if bad_pages:
        hint = " (the file header is damaged, or the database belongs to another seat)" if 1 in bad_pages else ""
        report.add(False, f"database: {_pages(bad_pages)} failed the cipher integrity check{hint}")
    else:
        report.add(True, "database: every page passed the cipher integrity check")

    try:
        store = Store(db.connect(paths.database, key), paths.database)
    except HotlineError as exc:
        report.add(False, f"database: {exc}")
        return report
    try:
        _check_contents(store, vault.seat_id, report)
        _check_anchors(store, vault, key, report)
    finally:
        store.close()
    return report


def _check_anchors(store: Store, vault, key: bytes, report: VerifyReport) -> None:
    try:
        found = anchors.findings(vault, store, key)
        orphans = vault_sync.orphan_slots(vault, store)
        pending = SettingsRepo(store).get(vault_sync.INTENT)
    except HotlineError as exc:
        report.add(False, f"anchors: could not be compared: {exc}")
        return
    for finding in found:
        report.add(False, f"{finding.name}: {finding.text}")
    if not found:
        kept = "the database and the system keyring" if anchors.keyring_anchor(vault.seat_id) else "the database"
        report.add(True, f"anchors: vault generation {vault.generation} and the audit head agree with {kept}")
    for code in orphans:
        report.add(False, f"key slots: the slot of {code} opens the key, but {code} is not an active account")
    if not orphans:
        report.add(True, f"key slots: every slot belongs to an active account ({len(vault.accounts())})")
    if pending:
        text = "vault and database: a change of the vault was interrupted; the next log-in completes or drops it"
        report.add(False, text)


def _check_contents(store: Store, seat_id: str, report: VerifyReport) -> None:
    try:
        rows = [r[0] for r in store.rows("PRAGMA integrity_check")]
    except HotlineError as exc:
        report.add(False, f"database: integrity check could not run: {exc}")
        return
    if rows == ["ok"]:
        report.add(True, "database: integrity check ok")
    else:
        report.add(False, f"database: integrity check found {len(rows)} problem(s), first: {rows[0]}")

    version = store.schema_version
    if version > LATEST_VERSION:
        report.add(False, f"schema: version {version} is newer than this program ({LATEST_VERSION})")
    elif version < LATEST_VERSION:
        report.add(True, f"schema: version {version}, updated to {LATEST_VERSION} at the next log-in")
    else:
        report.add(True, f"schema: version {version} (current)")

    try:
        stored_seat = SettingsRepo(store).get("seat_id")
    except HotlineError as exc:
        report.add(False, f"database: settings unreadable: {exc}")
        return
    report.add(
        stored_seat == seat_id,
        "seat: vault and database belong together"
        if stored_seat == seat_id
        else "seat: the vault and the database belong to different seats",
    )

    audit = AuditLog(store)
    try:
        problems = audit.verify()
        seq, head = audit.head()
    except HotlineError as exc:
        report.add(False, f"audit: could not be read: {exc}")
        return
    for problem in problems:
        report.add(False, f"audit: {problem}")
    if not problems and seq:
        report.add(True, f"audit: chain of {seq} entries holds; head {seq} {head}")
    elif not problems:
        report.add(False, "audit: the chain is empty: every entry of the seat's audit log was removed")
    _check_centre(store, report)


def _check_centre(store: Store, report: VerifyReport) -> None:
    """An enrolled seat: what the centre's witness said at the last sync (a rolled-back seat is refused there)."""
    try:
        row = store.one("SELECT state, witness FROM center_link WHERE id = 1")
    except HotlineError:
        return  # a database from before the centre (schema < 6)
    if row is None:
        return
    state, witness = row
    if witness:
        report.add(False, f"centre: {witness}")
    elif state == "active":
        report.add(True, "centre: the centre's witness accepted this seat's audit head at the last sync")
