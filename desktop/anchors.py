"""Rollback and truncation (DESIGN.md §4): what the vault, the database and the system keyring each remember
of the others, compared at every log-in and by `verify`.

- The vault remembers the database's audit head (sequence, hash) and its newest call, sealed under K
  (desktop/vault/seal.py), refreshed after log-in, at lock and log-out, and with every vault change.
- The database remembers the vault's generation (the setting `vault_generation`).
- The system keyring, where there is one, remembers both (desktop/vault/device.py).

An older vault, an older database, an audit log cut short or rewritten, calls removed and missing append-only
triggers are each named (`findings`); log-in refuses while there are any, and changes nothing. Restoring a
backup and `accept-state` (an admin, audited) make the current files the reference again (`accept`).

What this cannot see: a vault and a database put back together as a consistent older pair, on a seat without
a keyring (each remembers only the other); anything done since the last refresh by someone holding K (they can
rewrite the database and reseal the vault alike); the keyring's own copy changed by the same computer user.
The audit head printed on each handover summary is an anchor on paper for those cases.
"""

import contextlib
import logging
from dataclasses import dataclass

from desktop.errors import DatabaseError, HotlineError, KeyringError
from desktop.store.audit import AuditLog
from desktop.store.schema import MIGRATIONS
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store
from desktop.vault import Vault, device

log = logging.getLogger(__name__)

GENERATION = "vault_generation"

OLDER_VAULT = "older vault"
ALTERED_VAULT = "altered vault"
OLDER_DATABASE = "older database"
MISSING_CALLS = "missing calls"
SHORTENED_CHAIN = "shortened audit chain"
REWRITTEN_CHAIN = "rewritten audit chain"
MISSING_TRIGGERS = "missing append-only triggers"

TRIGGERS = ("audit_append_only_update", "audit_append_only_delete")


@dataclass(frozen=True)
class Finding:
    name: str
    text: str

    def __str__(self) -> str:
        return f"{self.name}: {self.text}"


# ----- what each file says now ---------------------------------------------------------------------------


def database_head(store: Store) -> dict:
    """The audit head and the newest call: {"seq", "hash", "last_call"}."""
    seq, digest = AuditLog(store).head()
    return {"seq": seq, "hash": digest, "last_call": _last_call(store)}


def _last_call(store: Store) -> int:
    try:
        row = store.one("SELECT max(id) FROM call")
    except DatabaseError:  # a database older than the call table (schema 1)
        return 0
    return row[0] or 0


def database_generation(store: Store) -> int | None:
    value = SettingsRepo(store).get(GENERATION)
    return int(value) if value is not None else None


def keyring_anchor(seat_id: str) -> dict | None:
    try:
        return device.read_anchor(seat_id)
    except KeyringError as exc:
        log.warning("the keyring's anchor cannot be read: %s", exc)
        return None


def _ring_head(ring: dict | None) -> dict | None:
    if not ring or not isinstance(ring.get("audit_seq"), int):
        return None
    return {"seq": ring["audit_seq"], "hash": ring.get("audit_hash", ""), "last_call": ring.get("last_call", 0)}


def _expected_triggers() -> dict[str, str]:
    sql = MIGRATIONS[0].sql
    found = {}
    for name in TRIGGERS:
        start = sql.index(f"CREATE TRIGGER {name}")
        found[name] = sql[start : sql.index("END;", start) + len("END")]
    return found


def _normal(sql: str) -> str:
    return " ".join(sql.split())


def missing_triggers(store: Store) -> list[str]:
    """The append-only triggers of the audit log that are gone (or no longer refuse)."""
    present = dict(store.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'"))
    return [n for n, sql in _expected_triggers().items() if _normal(present.get(n) or "") != _normal(sql)]


# ----- comparing -----------------------------------------------------------------------------------------


def findings(vault: Vault, store: Store, key: bytes, keyring: bool = True) -> list[Finding]:
    """Everything that shows a file older than recorded, cut short, rewritten or opened up; [] when all agree.
    `keyring` False: the vault and the database judged by each other only (an unpacked backup)."""
    found: list[Finding] = []
    ring = keyring_anchor(vault.seat_id) if keyring else None
    db_generation = database_generation(store)
    seal_holds = vault.seal_holds(key)
    if vault.sealed and not seal_holds:
        text = f"The vault file {vault.path} was changed outside Hotline Log (its seal does not match)."
        found.append(Finding(ALTERED_VAULT, text))
    elif not vault.sealed and (db_generation is not None or ring):
        text = f"The vault file {vault.path} has lost its seal: it was changed outside Hotline Log, or is older."
        found.append(Finding(ALTERED_VAULT, text))
    recorded = (("the database", db_generation), ("the system keyring", (ring or {}).get("vault_generation")))
    for source, generation in recorded:
        if isinstance(generation, int) and vault.generation < generation:
            found.append(Finding(OLDER_VAULT, (
                f"The vault file {vault.path} is older than {source} records (generation {vault.generation}, "
                f"recorded {generation}): an earlier copy was put back, so passwords changed and accounts disabled "
                "since then would work again."
            )))  # fmt: skip
    head = database_head(store)
    anchors = [("the vault", vault.audit_anchor)] if seal_holds else []
    anchors.append(("the system keyring", _ring_head(ring)))
    for source, anchor in anchors:
        if anchor:
            found.extend(_compare(store, head, anchor, source))
    if head["seq"] == 0 and head["last_call"]:
        calls = store.one("SELECT count(*) FROM call")[0]
        text = f"The audit log is empty, but the database holds {calls} call(s): its entries were removed."
        found.append(Finding(SHORTENED_CHAIN, text))
    gone = missing_triggers(store)
    if gone:
        text = (
            f"The audit log's append-only triggers are missing ({', '.join(gone)}): they were removed, so its "
            "entries could be changed or deleted."
        )
        found.append(Finding(MISSING_TRIGGERS, text))
    unique = []
    for finding in found:
        if finding not in unique:
            unique.append(finding)
    return unique


def _compare(store: Store, head: dict, anchor: dict, source: str) -> list[Finding]:
    path = store.path
    if head["seq"] < anchor["seq"]:
        if head["last_call"] < anchor.get("last_call", 0):
            return [Finding(OLDER_DATABASE, (
                f"The database file {path} is older than {source} records: its audit log ends at entry {head['seq']} "
                f"where entry {anchor['seq']} was recorded, and the calls saved since (up to call "
                f"{anchor['last_call']}) are not in it."
            ))]  # fmt: skip
        return [Finding(SHORTENED_CHAIN, (
            f"The audit log was cut short: it ends at entry {head['seq']}, but {source} recorded entry "
            f"{anchor['seq']}; entries {head['seq'] + 1}–{anchor['seq']} were removed."
        ))]  # fmt: skip
    found = []
    row = store.one("SELECT hash FROM audit WHERE seq = ?", (anchor["seq"],))
    if row is None:
        text = f"Audit entry {anchor['seq']}, which {source} recorded, was removed."
        found.append(Finding(SHORTENED_CHAIN, text))
    elif row[0] != anchor["hash"]:
        text = f"The audit log was rewritten: entry {anchor['seq']} is not the one {source} recorded."
        found.append(Finding(REWRITTEN_CHAIN, text))
    if head["last_call"] < anchor.get("last_call", 0):
        found.append(Finding(MISSING_CALLS, (
            f"Calls were removed from the database file {path}: {source} recorded call {anchor['last_call']}, the "
            f"newest now is call {head['last_call']}."
        )))  # fmt: skip
    return found


def refusal(found: list[Finding]) -> str:
    """The log-in's refusal: each finding by name, then the way out."""
    lines = "; ".join(str(f) for f in found)
    return (
        f"This seat's files do not match what it recorded, so nobody can log in: {lines} Nothing was changed. "
        "Restore the newest backup (`main.py restore`, or Restore a backup… in the window); or, if an admin put "
        "these files back on purpose, the admin accepts them with `main.py accept-state` (audited)."
    )


# ----- recording ------------------------------------------------------------------------------------------


def _write_keyring(seat_id: str, generation: int, head: dict, force: bool = False) -> None:
    """The keyring's anchor; never backwards unless `force` (a restore, an admin's acceptance)."""
    anchor = {"vault_generation": generation, "audit_seq": head["seq"], "audit_hash": head["hash"]}
    anchor["last_call"] = head["last_call"]
    try:
        if not force:
            stored = device.read_anchor(seat_id) or {}
            anchor["vault_generation"] = max(generation, stored.get("vault_generation", 0))
            if stored.get("audit_seq", 0) > head["seq"]:
                for name in ("audit_seq", "audit_hash", "last_call"):
                    anchor[name] = stored.get(name, anchor[name])
        device.write_anchor(seat_id, anchor)
    except KeyringError as exc:
        log.warning("the keyring's anchor cannot be written: %s", exc)


def _set_generation(store: Store, generation: int) -> None:
    SettingsRepo(store).set(GENERATION, str(generation))


def refresh(seat, store: Store, key: bytes) -> None:
    """After log-in, at lock and log-out, after a vault change: the newest audit head into the vault and the
    keyring, the vault's generation into the database. Never backwards, and never over a vault that changed
    under the session (that one is for the next log-in to judge)."""
    known = seat.vault
    disk = Vault.load(seat.paths.vault)  # what is there now: another program may have written it since
    moved = disk.seat_id != known.seat_id or disk.generation < known.generation
    if moved or (disk.sealed and not disk.seal_holds(key)):
        log.warning("the vault changed under the session; its anchor is left for the next log-in to check")
        return
    head = database_head(store)
    db_generation = database_generation(store)
    stored = disk.audit_anchor
    if not disk.sealed:  # a vault from before seals: sealed now, one generation on (never one that lost its seal)
        if db_generation is not None or keyring_anchor(disk.seat_id):
            log.warning("the vault lost its seal under the session; it is left for the next log-in to check")
            return
        generation = max(disk.generation, db_generation or 0) + 1
        disk.save_sealed(key, generation=generation, audit_anchor=head, over_unsealed=True)
    elif stored is None or (stored != head and head["seq"] >= stored["seq"]):
        disk.save_sealed(key, bump=False, audit_anchor=head)
    seat.adopt_vault(disk)
    if db_generation is None or db_generation < disk.generation:
        _set_generation(store, disk.generation)
    _write_keyring(disk.seat_id, disk.generation, head)


def accept(
    seat, store: Store, key: bytes, actor: str, found: list[Finding], past: int = 0, keyring: bool = True
) -> tuple[int, dict]:
    """Make the seat's files, as they are, the reference: the append-only triggers put back, the generation moved
    past every one recorded (so no copy of a later vault passes for newer), the vault's anchor and the database's
    rewritten, audited when `actor` is given, and the keyring's unless `keyring` is False (a restore writes it
    itself, when it is about to move the files). Returns the new generation and audit head."""
    vault = seat.vault
    ring = keyring_anchor(vault.seat_id) or {}
    generation = max(vault.generation, database_generation(store) or 0, ring.get("vault_generation", 0), past) + 1
    vault.save_sealed(key, generation=generation, audit_anchor=database_head(store), over_unsealed=True)
    with store.transaction():
        restored = missing_triggers(store)
        expected = _expected_triggers()
        for name in restored:
            store.execute(f"DROP TRIGGER IF EXISTS {name}")
            store.execute(expected[name])
        _set_generation(store, generation)
        if actor:
            detail = {"findings": [f.name for f in found], "generation": generation, "triggers_restored": restored}
            AuditLog(store).append(actor, "seat.state_accepted", "", detail)
    head = database_head(store)
    with contextlib.suppress(HotlineError):
        vault.save_sealed(key, bump=False, audit_anchor=head)
    if keyring:
        record_in_keyring(vault.seat_id, generation, head)
    return generation, head


def record_in_keyring(seat_id: str, generation: int, head: dict) -> None:
    """The keyring's anchor set to this state, even when it is older (a restore, an admin's acceptance)."""
    _write_keyring(seat_id, generation, head, force=True)


def restore_keyring(seat_id: str, anchor: dict) -> None:
    """Put back what the keyring held before a restore that failed in this process."""
    try:
        device.write_anchor(seat_id, anchor)
    except KeyringError as exc:
        log.warning("the keyring's anchor could not be put back: %s", exc)


def accept_state(seat, key: bytes, code: str | None, confirm) -> list[Finding]:
    """`main.py accept-state`: an admin (or the recovery code, `code` None) makes the seat's files, as they are,
    the reference, once `confirm(findings)` says yes. Returns the findings (none: nothing to accept)."""
    from desktop.errors import NotPermitted
    from desktop.store.accounts import AccountRepo

    store = seat.open_database(key)
    try:
        if code is not None:
            account = AccountRepo(store).get(code)
            if account is None or account.role != "admin" or not account.active:
                raise NotPermitted(
                    "Only an admin may accept the seat's files as they are; nothing was changed.",
                    code="seat.accept_admin_only",
                )
        found = findings(seat.vault, store, key)
        if found and confirm(found):
            accept(seat, store, key, code or "recovery", found)
            log.warning("the seat's files were accepted as they are: %s", ", ".join(f.name for f in found))
        return found
    finally:
        store.close()
