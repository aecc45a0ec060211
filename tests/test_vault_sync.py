"""The vault and the database change together (desktop/vault_sync.py): an account change killed at each step
leaves both or neither after the next log-in, which completes or drops it and audits it; `verify` checks slots
against accounts."""

import json

import pytest

from desktop.accounts import AccountService
from desktop.errors import WrongPassword
from desktop.seat import Seat
from desktop.store.accounts import AccountRepo
from desktop.vault import Vault
from desktop.vault_sync import INTENT, LATE
from desktop.verify import verify_seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli_killed_at

pytestmark = pytest.mark.slow

ADMIN_ENV = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
NEW = "new-password-9"


@pytest.fixture
def team(no_keyring, seat_init, paths):
    """A seat without a keyring (as the subprocess sees it) with A001 and C001 / counselor-1."""
    session, _ = seat_init
    AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
    session.close()
    return paths


def raw_state(paths, code: str) -> tuple[bool, bool | None, bool]:
    """Without logging in (which reconciles): whether `code` has a slot, whether its row is active (None: no row),
    and whether an intent is recorded. Read with the key from the admin's slot."""
    vault = Vault.load(paths.vault)
    key = vault.unlock(ADMIN, ADMIN_PASSWORD)
    from desktop.store.connection import connect
    from desktop.store.store import Store

    store = Store(connect(paths.database, key), paths.database)
    try:
        account = AccountRepo(store).get(code)
        intent = store.one("SELECT value FROM setting WHERE key = ?", (INTENT,))
    finally:
        store.close()
    return vault.has_account(code), (account.active if account else None), intent is not None


def audit_tail(session, n: int = 8) -> list[tuple[str, str, dict]]:
    return [(e.action, e.object, json.loads(e.detail) if e.detail else {}) for e in session.audit.entries(limit=n)]


def can_log_in(paths, code: str, password: str) -> bool:
    try:
        Seat(paths).login(code, password).close()
    except WrongPassword:
        return False
    return True


# ----- account add -------------------------------------------------------------------------------------------


def test_add_killed_after_the_intent_leaves_neither_and_the_next_log_in_says_it_was_dropped(team):
    run_cli_killed_at("vault_change.intent_written", "account", "add", "C009", home=team.home,
                      env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": NEW})  # fmt: skip
    assert raw_state(team, "C009") == (False, None, True)  # killed between the intent and the vault

    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        assert AccountRepo(admin.store).get("C009") is None
        dropped = [d for a, _o, d in audit_tail(admin) if a == "vault.change_dropped"]
        assert dropped == [{"actions": ["account.added"]}]
        assert not any(a == "account.added" and o == "C009" for a, o, _d in audit_tail(admin, 20))
    assert raw_state(team, "C009") == (False, None, False)
    assert not can_log_in(team, "C009", NEW)


def test_add_killed_after_the_vault_is_completed_at_the_next_log_in_and_audited(team):
    run_cli_killed_at("vault_change.vault_written", "account", "add", "C009", home=team.home,
                      env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": NEW})  # fmt: skip
    assert raw_state(team, "C009") == (True, None, True)  # the ghost slot of the issue: a slot, no account
    report = verify_seat(team, login=(ADMIN, ADMIN_PASSWORD))
    problems = report.problems()
    assert any("slot of C009 opens the key, but C009 is not an active account" in p for p in problems), problems
    assert any("a change of the vault was interrupted" in p for p in problems), problems

    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        account = AccountRepo(admin.store).get("C009")
        assert account is not None and account.active and account.role == "counselor"
        added = [d for a, o, d in audit_tail(admin) if a == "account.added" and o == "C009"]
        assert added == [{"role": "counselor", "completed": LATE}]
    assert raw_state(team, "C009") == (True, True, False)
    assert can_log_in(team, "C009", NEW)
    assert verify_seat(team, login=(ADMIN, ADMIN_PASSWORD)).ok


def test_add_killed_after_both_are_written_is_whole(team):
    run_cli_killed_at("vault_change.done", "account", "add", "C009", home=team.home,
                      env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": NEW})  # fmt: skip
    assert raw_state(team, "C009") == (True, True, False)
    assert can_log_in(team, "C009", NEW)


# ----- account passwd ----------------------------------------------------------------------------------------


def test_password_change_killed_before_the_vault_keeps_the_old_password_and_audits_the_drop(team):
    run_cli_killed_at("vault_change.intent_written", "account", "passwd", "C001", home=team.home,
                      env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": NEW})  # fmt: skip
    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        tail = audit_tail(admin)
        assert ("vault.change_dropped", "", {"actions": ["account.password_changed"]}) in tail
        assert not any(a == "account.password_changed" for a, _o, _d in tail)
    assert can_log_in(team, "C001", "counselor-1") and not can_log_in(team, "C001", NEW)


def test_password_change_killed_after_the_vault_is_completed_in_the_audit(team):
    run_cli_killed_at("vault_change.vault_written", "account", "passwd", "C001", home=team.home,
                      env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": NEW})  # fmt: skip
    assert raw_state(team, "C001") == (True, True, True)  # a new password and no audit entry yet

    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        changed = [(o, d) for a, o, d in audit_tail(admin) if a == "account.password_changed"]
        assert changed == [("C001", {"completed": LATE})]
    assert can_log_in(team, "C001", NEW) and not can_log_in(team, "C001", "counselor-1")


# ----- account disable ---------------------------------------------------------------------------------------


def test_disable_killed_before_the_vault_leaves_the_account_as_it_was(team):
    run_cli_killed_at("vault_change.intent_written", "account", "disable", "C001", home=team.home, env=ADMIN_ENV)
    Seat(team).login(ADMIN, ADMIN_PASSWORD).close()
    assert raw_state(team, "C001") == (True, True, False)
    assert can_log_in(team, "C001", "counselor-1")


def test_disable_killed_after_the_vault_is_completed_at_the_next_log_in(team):
    run_cli_killed_at("vault_change.vault_written", "account", "disable", "C001", home=team.home, env=ADMIN_ENV)
    assert raw_state(team, "C001") == (False, True, True)

    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        assert not AccountRepo(admin.store).get("C001").active
        assert [o for a, o, _d in audit_tail(admin) if a == "account.disabled"] == ["C001"]
    assert raw_state(team, "C001") == (False, False, False)


# ----- slots against accounts ----------------------------------------------------------------------------------


def test_a_slot_without_an_active_account_is_named_by_verify_and_removed_at_log_in(team):
    """A ghost slot as the old code could leave (vault written, database never committed), made with K."""
    seat = Seat(team)
    key = seat.vault.unlock(ADMIN, ADMIN_PASSWORD)
    seat.vault.set_password("GHOST", "幽灵", "ghost-pass-1", key)
    seat.vault.save_sealed(key)
    assert Vault.load(team.vault).unlock("GHOST", "ghost-pass-1") == key  # the slot opens K

    problems = verify_seat(team, login=(ADMIN, ADMIN_PASSWORD)).problems()
    assert any("slot of GHOST opens the key, but GHOST is not an active account" in p for p in problems)

    assert not can_log_in(team, "GHOST", "ghost-pass-1")  # whoever opens the seat next, the slot goes
    assert not Vault.load(team.vault).has_account("GHOST")
    with Seat(team).login(ADMIN, ADMIN_PASSWORD) as admin:
        removed = [(o, d) for a, o, d in audit_tail(admin, 12) if a == "account.slot_removed"]
        assert removed == [("GHOST", {"reason": "no active account"})]
    assert verify_seat(team, login=(ADMIN, ADMIN_PASSWORD)).ok


def test_a_change_the_database_refuses_at_its_intent_leaves_the_seats_vault_as_it_was(no_keyring, session, paths):
    """The seat's vault in memory (what the log-in page lists) does not keep a change that was never written."""
    from desktop.errors import StorageError
    from tests.test_faults import CommitHitsFullDisk

    store = session.store
    real = store.conn
    store.conn = CommitHitsFullDisk(real)
    try:
        with pytest.raises(StorageError):
            AccountService(session).add("C009", "新人", "counselor", NEW)
    finally:
        store.conn = real
    assert not session.seat.vault.has_account("C009")
    assert [code for code, _ in session.seat.vault.accounts()] == [ADMIN]
