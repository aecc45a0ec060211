"""Changing the vault and the database together (DESIGN.md §4): whatever point a crash hits, the next log-in finds
both changed or neither, completing or dropping what was begun, and audits it.

1. The database records the intent, in one transaction: the vault generation the change leads to, and the
   rows and audit entries it will write (`steps`).
2. The vault is written, sealed, at that generation (one atomic rename).
3. The database applies the steps and forgets the intent, in one transaction.

At the next log-in `reconcile` completes an intent the vault reached (step 3, its audit entries marked as
completed late) and drops one the vault never reached (nothing of it happened; audited as dropped). Then every
account slot is checked against the accounts: a slot whose account is not active is removed, audited. A slot
is never there for an account the database does not know, past the next log-in.

Only the vault generation tells whether step 2 happened: it moves only here (and when an admin accepts the
seat's state or a backup is restored), never at log-in.
"""

import contextlib
import json
import logging
from collections.abc import Callable

from desktop import anchors, crashpoints
from desktop.errors import DatabaseError, HotlineError
from desktop.fsutil import atomic_write_bytes
from desktop.store.accounts import AccountRepo
from desktop.store.audit import AuditLog
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store
from desktop.vault import Vault

log = logging.getLogger(__name__)

INTENT = "vault_intent"
SYSTEM_ACTOR = "system"
LATE = "at the next log-in, after an interruption"


def apply(store: Store, steps: list[list], late: bool = False) -> None:
    """The database side of a vault change, inside the caller's transaction."""
    repo, audit = AccountRepo(store), AuditLog(store)
    for kind, *args in steps:
        if kind == "account.add":
            code, name, role = args
            if repo.get(code) is None:
                repo.add(code, name, role)
        elif kind == "account.update":
            code, fields = args
            repo.update(code, **fields)
        elif kind == "audit":
            actor, action, obj, detail = args
            if late:
                detail = {**(detail or {}), "completed": LATE}
            audit.append(actor, action, obj, detail or None)
        else:
            raise DatabaseError(f"An unfinished change of the vault names an unknown step {kind!r}.")


def _forget_intent(store: Store) -> None:
    store.execute("DELETE FROM setting WHERE key = ?", (INTENT,))


def change(
    seat, store: Store, key: bytes, mutate: Callable[[Vault], object], steps: list[list] | Callable[[], list[list]]
) -> None:
    """Change the vault with `mutate` and the database with `steps` (or what `steps()` gives once `mutate` ran),
    both or neither (see the module's text)."""
    seat.reload_vault()  # what other programs wrote (failure counts) is kept
    finish_pending(seat, store)
    vault = seat.vault
    before = vault.to_bytes()
    try:
        mutate(vault)  # Argon2id and the keyring run here: nothing is written yet
        steps = steps() if callable(steps) else steps
        generation = max(vault.generation, anchors.database_generation(store) or 0) + 1
        SettingsRepo(store).set(INTENT, json.dumps({"generation": generation, "steps": steps}, ensure_ascii=False))
    except BaseException:
        seat.reload_vault()  # the change made in memory goes with it
        raise
    crashpoints.reached("vault_change.intent_written")
    try:
        vault.save_sealed(key, generation=generation, audit_anchor=anchors.database_head(store))
    except BaseException:
        seat.reload_vault()
        with contextlib.suppress(HotlineError), store.transaction():
            _forget_intent(store)
        raise
    crashpoints.reached("vault_change.vault_written")
    try:
        with store.transaction():
            apply(store, steps)
            SettingsRepo(store).set(anchors.GENERATION, str(generation))
            _forget_intent(store)
    except BaseException:
        try:  # the database refused the change: the vault goes back as it was, so neither holds it
            atomic_write_bytes(vault.path, before)
            seat.reload_vault()
            with store.transaction():
                _forget_intent(store)
        except HotlineError as exc:  # the intent stays; the next log-in completes or drops it
            log.error("a vault change could not be undone after the database refused it: %s", exc)
        raise
    crashpoints.reached("vault_change.done")
    try:
        anchors.refresh(seat, store, key)
    except HotlineError as exc:
        log.warning("the anchors were not refreshed after a vault change: %s", exc)


def finish_pending(seat, store: Store) -> str | None:
    """Complete or drop a change a crash interrupted; what was done, in words (None when nothing waited)."""
    raw = SettingsRepo(store).get(INTENT)
    if raw is None:
        return None
    intent = json.loads(raw)
    steps = intent["steps"]
    actions = [step[2] for step in steps if step[0] == "audit"]
    if seat.vault.generation >= intent["generation"]:  # the vault holds it: the database catches up
        with store.transaction():
            apply(store, steps, late=True)
            SettingsRepo(store).set(anchors.GENERATION, str(seat.vault.generation))
            _forget_intent(store)
        outcome = f"completed an interrupted change ({', '.join(actions)})"
    else:  # the vault never got it: nothing of it happened
        with store.transaction():
            AuditLog(store).append(SYSTEM_ACTOR, "vault.change_dropped", "", {"actions": actions})
            _forget_intent(store)
        outcome = f"dropped an interrupted change that never reached the vault ({', '.join(actions)})"
    log.warning("vault and database: %s", outcome)
    return outcome


def orphan_slots(vault: Vault, store: Store) -> list[str]:
    """Staff codes whose slot opens the key although they are not an active account here."""
    active = {account.code for account in AccountRepo(store).all(include_inactive=False)}
    return [code for code, _label in vault.accounts() if code not in active]


def reconcile(seat, store: Store, key: bytes) -> list[str]:
    """At log-in: an interrupted change completed or dropped, slots without an active account removed."""
    done = [outcome] if (outcome := finish_pending(seat, store)) else []
    orphans = orphan_slots(seat.vault, store)
    if orphans:

        def remove(vault: Vault) -> None:
            for code in orphans:
                vault.remove_account(code)

        reason = {"reason": "no active account"}
        steps = [["audit", SYSTEM_ACTOR, "account.slot_removed", code, reason] for code in orphans]
        change(seat, store, key, remove, steps)
        done.append(f"removed the key slot(s) of {', '.join(orphans)}, which had no active account")
        log.warning("vault and database: removed %d slot(s) without an active account", len(orphans))
    return done
