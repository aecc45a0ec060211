"""Accounts and roles: only an admin manages them, the last admin stays, every change is audited."""

import pytest

from desktop.accounts import AccountService, recover_admin
from desktop.errors import BadInput, NotPermitted, WrongPassword
from desktop.seat import Seat
from tests.conftest import ADMIN


@pytest.fixture
def service(session):
    return AccountService(session)


def login(paths, code, password):
    return Seat(paths).login(code, password)


def test_admin_adds_accounts_who_can_then_log_in(service, paths):
    service.add("C001", "咨询员 王", "counselor", "counselor-1")
    service.add("L001", "班长 李", "lead", "lead-pass-1")
    assert [(a.code, a.role) for a in service.accounts()] == [
        ("A001", "admin"),
        ("C001", "counselor"),
        ("L001", "lead"),
    ]
    with login(paths, "C001", "counselor-1") as counselor:
        assert counselor.account.display_name == "咨询员 王" and counselor.role == "counselor"
    assert ("C001", "咨询员 王") in Seat(paths).vault.accounts()


def test_counselors_and_leads_cannot_manage_accounts(service, paths):
    service.add("C001", "王", "counselor", "counselor-1")
    service.add("L001", "李", "lead", "lead-pass-1")
    for code, password in (("C001", "counselor-1"), ("L001", "lead-pass-1")):
        with login(paths, code, password) as other:
            with pytest.raises(NotPermitted, match="Only admin accounts may add accounts"):
                AccountService(other).add("X001", "x", "counselor", "whatever-1")
            with pytest.raises(NotPermitted):
                AccountService(other).disable("A001")
            with pytest.raises(NotPermitted):
                AccountService(other).set_password("A001", "taken-over")


def test_duplicate_codes_bad_roles_and_short_passwords_are_refused(service):
    service.add("C001", "王", "counselor", "counselor-1")
    with pytest.raises(BadInput, match="already exists"):
        service.add("C001", "again", "counselor", "counselor-1")
    with pytest.raises(BadInput, match="Unknown role"):
        service.add("C002", "x", "boss", "counselor-1")
    with pytest.raises(BadInput, match="at least 8"):
        service.add("C002", "x", "counselor", "short")
    with pytest.raises(BadInput, match="A staff code has"):
        service.add("C 002", "x", "counselor", "counselor-1")


def test_disabled_account_cannot_log_in_and_has_no_key_slot(service, paths):
    service.add("C001", "王", "counselor", "counselor-1")
    service.disable("C001")
    assert not Seat(paths).vault.has_account("C001")
    with pytest.raises(WrongPassword):
        login(paths, "C001", "counselor-1")
    service.enable("C001", "new-password-1")
    login(paths, "C001", "new-password-1").close()


def test_last_active_admin_cannot_be_disabled_or_demoted(service):
    with pytest.raises(BadInput, match="last active admin"):
        service.disable(ADMIN)
    with pytest.raises(BadInput, match="last active admin"):
        service.set_role(ADMIN, "lead")
    service.add("A002", "第二管理员", "admin", "admin-pass-2")
    service.set_role(ADMIN, "lead")
    with pytest.raises(BadInput, match="last active admin"):
        service.disable("A002")


def test_password_change_rewraps_the_slot(service, paths):
    service.add("C001", "王", "counselor", "counselor-1")
    with login(paths, "C001", "counselor-1") as counselor:
        AccountService(counselor).set_password("C001", "counselor-2")
    with pytest.raises(WrongPassword):
        login(paths, "C001", "counselor-1")
    login(paths, "C001", "counselor-2").close()
    service.set_password("C001", "set-by-admin")
    login(paths, "C001", "set-by-admin").close()


def test_role_change_and_account_changes_are_audited(service, session):
    service.add("C001", "王", "counselor", "counselor-1")
    service.set_role("C001", "lead")
    service.disable("C001")
    actions = [(e.action, e.object) for e in reversed(session.audit.entries(limit=3))]
    assert actions == [("account.added", "C001"), ("account.role_changed", "C001"), ("account.disabled", "C001")]
    assert session.audit.verify() == []


def test_recovery_sets_a_new_admin_password(seat_init, paths, memory_keyring):
    session, code = seat_init
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    session.close()
    memory_keyring.secrets.clear()  # a new computer: the old device secret is gone
    waiting = recover_admin(Seat(paths), code, ADMIN, "fresh-admin-pass")
    assert waiting == ["C001"]
    with login(paths, ADMIN, "fresh-admin-pass") as admin:
        assert AccountService(admin).accounts_without_password() == ["C001"]
        AccountService(admin).set_password("C001", "counselor-new")
        assert "seat.recovered" in [e.action for e in admin.audit.entries()]
    login(paths, "C001", "counselor-new").close()


def test_rename_changes_the_name_in_the_database_and_the_log_in_list(service, paths):
    service.add("C001", "王", "counselor", "counselor-1")
    service.rename("C001", "王老师")
    assert ("C001", "王老师") in Seat(paths).vault.accounts()
    assert [a.display_name for a in service.accounts() if a.code == "C001"] == ["王老师"]


def test_changing_ones_own_password_needs_the_current_one(service, paths):
    service.add("C001", "咨询员", "counselor", "counselor-1")
    with login(paths, "C001", "counselor-1") as counselor:
        own = AccountService(counselor)
        with pytest.raises(WrongPassword):
            own.change_own_password("not-my-password", "brand-new-pass")
        own.change_own_password("counselor-1", "brand-new-pass")
    with pytest.raises(WrongPassword):
        login(paths, "C001", "counselor-1")
    login(paths, "C001", "brand-new-pass").close()
