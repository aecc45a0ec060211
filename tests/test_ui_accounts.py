"""Accounts in the window: an admin adds, renames, re-roles, disables and enables accounts and sets passwords;
the last admin stays; everyone changes their own password after typing the current one."""

import threading

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.account_forms
import ui.worker
from desktop.accounts import AccountService, recover_admin
from desktop.errors import WrongPassword
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, type_text
from tests.test_ui_call import log_in
from tests.test_ui_keyboard import unnamed_controls
from ui.account_forms import AddAccountForm, PasswordForm, RenameForm, RoleForm
from ui.accounts_dialog import AccountsDialog, ChangePasswordDialog
from ui.accounts_model import AccountRow, AccountsModel

COUNSELOR, COUNSELOR_PASSWORD = "C001", "counselor-1"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def seat(seat_init, paths):
    session, _ = seat_init
    AccountService(session).add(COUNSELOR, "咨询员 王", "counselor", COUNSELOR_PASSWORD)
    session.close()
    return Seat(paths)


@pytest.fixture
def admin(seat, paths):
    session = Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    yield session
    if session.key:
        session.close()


@pytest.fixture
def dialog(qtbot, admin):
    shown = AccountsDialog(None, admin)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def said(monkeypatch):
    """What QMessageBox.warning said, as (title, text); and every question answered Yes."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def drive(monkeypatch, qtbot, form_class, fill):
    """Replace `form_class.exec` (modal) by showing the form and letting `fill(form)` type into it."""
    forms = []

    def exec_(form):
        forms.append(form)
        form.show()
        qtbot.waitExposed(form)
        fill(form)
        return form.result()

    monkeypatch.setattr(form_class, "exec", exec_)
    return forms


def choose(qtbot, dialog, code):
    """Choose an account in the table with the arrow keys, as a keyboard user does."""
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Home)
    for _ in range(dialog.model.rowCount()):
        if dialog.selected().code == code:
            return
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected().code == code


def rows(dialog):
    model = dialog.model
    return {
        model.index(r, 0).data(): tuple(model.index(r, c).data() for c in range(1, model.columnCount()))
        for r in range(model.rowCount())
    }


# ----- the model ------------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester_and_says_everything_in_words(qtmodeltester):
    model = AccountsModel()
    model.set_rows(
        [
            AccountRow("A001", "管理员", "admin", True, True),
            AccountRow("C001", "王", "counselor", True, False),
            AccountRow("L001", "李", "lead", False, False),
        ]
    )
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown == [
        ["A001", "管理员", "Admin", "Active", "Yes"],
        ["C001", "王", "Counselor", "Active", "Missing: set one"],
        ["L001", "李", "Shift lead", "Disabled", "No (disabled)"],
    ]
    model.set_rows([])
    qtmodeltester.check(model)


# ----- the menu -------------------------------------------------------------------------------------


def test_an_admin_finds_accounts_in_the_seat_menu_and_a_counselor_does_not(qtbot, seat, open_window, monkeypatch):
    window = open_window()
    seat_menu = window.menuBar().actions()[0].menu()
    assert window.accounts_action in seat_menu.actions() and window.password_action in seat_menu.actions()
    assert not window.accounts_action.isEnabled() and not window.password_action.isEnabled()  # before log-in

    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)
    assert window.accounts_action.isVisible() and window.accounts_action.isEnabled()
    opened = []
    monkeypatch.setattr(AccountsDialog, "exec", lambda d: opened.append(rows(d)) or 0)
    window.accounts_action.trigger()
    assert opened == [
        {
            ADMIN: ("管理员", "Admin", "Active", "Yes"),
            COUNSELOR: ("咨询员 王", "Counselor", "Active", "Yes"),
        }
    ]
    window.lock()

    window.login_page.unlock_for_anyone()
    log_in(qtbot, window, COUNSELOR, COUNSELOR_PASSWORD)
    assert not window.accounts_action.isVisible()
    assert window.password_action.isVisible() and window.password_action.isEnabled()
    window.accounts_action.trigger()  # even by a stray trigger, a counselor gets no accounts window
    assert len(opened) == 1


# ----- an admin's changes -----------------------------------------------------------------------------


def test_an_admin_adds_a_counselor_who_can_then_log_in(qtbot, dialog, admin, paths, monkeypatch, said):
    def fill(form):
        qtbot.keyClicks(form.staff_code, "C009")
        form.name.setFocus()
        type_text(form.name, "咨询员 赵")
        assert form.role.currentData() == "counselor"  # the role most accounts have comes first
        qtbot.keyClicks(form.password, "zhao-pass-1")
        qtbot.keyClicks(form.repeat, "zhao-pass-1")
        qtbot.mouseClick(form.ok_button, LEFT)

    forms = drive(monkeypatch, qtbot, AddAccountForm, fill)
    qtbot.mouseClick(dialog.add_button, LEFT)
    assert said == [] and not forms[0].isVisible()
    assert rows(dialog)["C009"] == ("咨询员 赵", "Counselor", "Active", "Yes")
    assert dialog.selected().code == "C009"
    assert dialog.message.text() == "咨询员 赵 (C009) was added as Counselor."
    assert [(e.actor, e.action, e.object) for e in admin.audit.entries(limit=1)] == [(ADMIN, "account.added", "C009")]
    with Seat(paths).login("C009", "zhao-pass-1") as counselor:
        assert counselor.role == "counselor" and counselor.account.display_name == "咨询员 赵"


def test_a_refused_addition_keeps_what_was_typed_and_the_form_open(qtbot, dialog, monkeypatch, said):
    def fill(form):
        qtbot.keyClicks(form.staff_code, COUNSELOR)  # taken already
        qtbot.keyClicks(form.name, "Someone")
        qtbot.keyClicks(form.password, "abcdefgh-1")
        qtbot.keyClicks(form.repeat, "abcdefgh-2")
        qtbot.mouseClick(form.ok_button, LEFT)
        assert form.message.text() == "The two passwords differ." and form.isVisible()
        form.repeat.clear()
        qtbot.keyClicks(form.repeat, "abcdefgh-1")
        qtbot.mouseClick(form.ok_button, LEFT)
        assert form.isVisible()  # refused by the service: still open, nothing lost
        assert (form.staff_code.text(), form.name.text(), form.password.text()) == (COUNSELOR, "Someone", "abcdefgh-1")
        qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Cancel), LEFT)

    drive(monkeypatch, qtbot, AddAccountForm, fill)
    before = rows(dialog)
    qtbot.mouseClick(dialog.add_button, LEFT)
    assert said == [("Add an account", f"An account {COUNSELOR} already exists.")]  # by its code, not its text
    assert rows(dialog) == before and dialog.isVisible()


def test_an_admin_renames_an_account(qtbot, dialog, paths, monkeypatch, said):
    def fill(form):
        assert form.name.text() == "咨询员 王" and form.name.hasSelectedText()  # typing replaces it
        type_text(form.name, "王老师")
        qtbot.keyClick(form.name, Qt.Key.Key_Return)

    choose(qtbot, dialog, COUNSELOR)
    drive(monkeypatch, qtbot, RenameForm, fill)
    qtbot.mouseClick(dialog.rename_button, LEFT)
    assert said == []
    assert rows(dialog)[COUNSELOR][0] == "王老师"
    assert dialog.message.text() == "C001 is now called 王老师."
    assert (COUNSELOR, "王老师") in Seat(paths).vault.accounts()  # the log-in page's list


def test_an_admin_changes_a_role(qtbot, dialog, paths, monkeypatch, said):
    def fill(form):
        assert form.role.currentData() == "counselor"
        form.role.setFocus()
        qtbot.keyClick(form.role, Qt.Key.Key_Down)
        assert form.role.currentData() == "lead"
        qtbot.mouseClick(form.ok_button, LEFT)

    choose(qtbot, dialog, COUNSELOR)
    drive(monkeypatch, qtbot, RoleForm, fill)
    qtbot.mouseClick(dialog.role_button, LEFT)
    assert said == []
    assert rows(dialog)[COUNSELOR][1] == "Shift lead"
    assert dialog.message.text() == "咨询员 王 (C001) is now: Shift lead."
    with Seat(paths).login(COUNSELOR, COUNSELOR_PASSWORD) as lead:
        assert lead.role == "lead"


def test_the_last_admin_can_be_neither_disabled_nor_demoted(qtbot, dialog, paths, monkeypatch, said):
    before = rows(dialog)
    choose(qtbot, dialog, ADMIN)
    qtbot.mouseClick(dialog.disable_button, LEFT)
    assert len(said) == 1 and said[0][0] == "Disable an account"
    assert "A001 is the last active admin and cannot be disabled; make another admin first." in said[0][1]
    assert rows(dialog) == before and dialog.isVisible() and dialog.selected().code == ADMIN

    def fill(form):
        qtbot.keyClick(form.role, Qt.Key.Key_Home)  # counselor
        qtbot.mouseClick(form.ok_button, LEFT)
        assert form.isVisible() and form.role.currentData() == "counselor"  # nothing lost
        qtbot.keyClick(form, Qt.Key.Key_Escape)

    drive(monkeypatch, qtbot, RoleForm, fill)
    qtbot.mouseClick(dialog.role_button, LEFT)
    assert "A001 is the last active admin; make another admin before changing this role." in said[1][1]
    assert rows(dialog) == before
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as still:
        assert still.role == "admin"
        assert [e.action for e in still.audit.entries(limit=2)] == ["login.ok", "login.ok"]  # no change audited


def test_a_disabled_account_comes_back_only_with_a_new_password(qtbot, dialog, paths, monkeypatch, said):
    choose(qtbot, dialog, COUNSELOR)
    assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()
    qtbot.mouseClick(dialog.disable_button, LEFT)
    assert said == []
    assert rows(dialog)[COUNSELOR][2:] == ("Disabled", "No (disabled)")
    assert not dialog.disable_button.isEnabled() and not dialog.password_button.isEnabled()
    assert dialog.enable_button.isEnabled()
    with pytest.raises(WrongPassword):
        Seat(paths).login(COUNSELOR, COUNSELOR_PASSWORD)

    def fill(form):
        qtbot.keyClicks(form.password, "short")
        qtbot.keyClicks(form.repeat, "short")
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)
        assert form.isVisible()  # too short: said, and the form stays
        for edit in (form.password, form.repeat):
            edit.clear()
            qtbot.keyClicks(edit, "back-again-1")
        qtbot.keyClick(form.repeat, Qt.Key.Key_Return)

    drive(monkeypatch, qtbot, PasswordForm, fill)
    qtbot.mouseClick(dialog.enable_button, LEFT)
    assert said == [("Enable an account", "A password must have at least 8 characters.")]
    assert rows(dialog)[COUNSELOR][2:] == ("Active", "Yes")
    assert dialog.message.text() == "咨询员 王 (C001) was enabled with a new password."
    Seat(paths).login(COUNSELOR, "back-again-1").close()


def test_after_a_restore_elsewhere_the_admin_sees_who_needs_a_password(
    qtbot, seat_init, seat, paths, memory_keyring, monkeypatch, said
):
    memory_keyring.secrets.clear()  # a new computer: the old device secret is gone
    assert recover_admin(Seat(paths), seat_init[1], ADMIN, "fresh-admin-1") == [COUNSELOR]
    with Seat(paths).login(ADMIN, "fresh-admin-1") as admin:
        dialog = AccountsDialog(None, admin)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.missing.isVisible() and "C001" in dialog.missing.text()
        assert rows(dialog)[COUNSELOR][3] == "Missing: set one"

        def fill(form):
            qtbot.keyClicks(form.password, "counselor-new")
            qtbot.keyClicks(form.repeat, "counselor-new")
            qtbot.mouseClick(form.ok_button, LEFT)

        choose(qtbot, dialog, COUNSELOR)
        drive(monkeypatch, qtbot, PasswordForm, fill)
        qtbot.mouseClick(dialog.password_button, LEFT)
        assert said == [] and not dialog.missing.isVisible()
        assert rows(dialog)[COUNSELOR][3] == "Yes"
    Seat(paths).login(COUNSELOR, "counselor-new").close()


def test_a_password_form_keeps_its_buttons_disabled_while_argon2id_runs(qtbot, admin, monkeypatch):
    pending = []
    monkeypatch.setattr(ui.account_forms, "run_in_background", lambda *job: pending.append(job))
    row = AccountRow(COUNSELOR, "咨询员 王", "counselor", True, True)
    form = PasswordForm(admin, row)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.password, "another-one-1")
    qtbot.keyClicks(form.repeat, "another-one-1")
    qtbot.mouseClick(form.ok_button, LEFT)
    assert len(pending) == 1 and form.busy
    assert not form.buttons.isEnabled() and not form.password.isEnabled()
    assert form.message.text() == "Working…"
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()  # the change is under way; Esc cannot call it back
    work, on_done, on_error = pending[0]
    on_done(work())
    assert not form.isVisible() and form.result() == form.DialogCode.Accepted and form.buttons.isEnabled()


# ----- one's own password -----------------------------------------------------------------------------


def test_changing_ones_own_password_needs_the_current_one(qtbot, seat, paths, open_window, monkeypatch, said):
    window = open_window()
    log_in(qtbot, window, COUNSELOR, COUNSELOR_PASSWORD)

    def fill(form):
        assert "咨询员 王 (C001)" in form.intro.text()
        qtbot.keyClicks(form.current, "not-my-password")
        qtbot.keyClicks(form.password, "my-new-pass-1")
        qtbot.keyClicks(form.repeat, "my-new-pass-1")
        qtbot.mouseClick(form.ok_button, LEFT)
        assert said == [("Change my password", "The current password is not right; nothing was changed.")]
        assert form.isVisible() and form.current.text() == "" and form.password.text() == "my-new-pass-1"
        assert form.focusWidget() is form.current  # to type it again
        qtbot.keyClicks(form.current, COUNSELOR_PASSWORD)
        qtbot.keyClick(form.current, Qt.Key.Key_Return)

    forms = drive(monkeypatch, qtbot, ChangePasswordDialog, fill)
    window.password_action.trigger()
    assert len(forms) == 1 and len(said) == 1
    assert window.statusBar().currentMessage() == "Your password was changed. Use the new one from the next log-in."
    with pytest.raises(WrongPassword):
        Seat(paths).login(COUNSELOR, COUNSELOR_PASSWORD)
    with Seat(paths).login(COUNSELOR, "my-new-pass-1") as again:
        actions = [e.action for e in again.audit.entries(limit=20)]
    assert "account.password_changed" in actions and "login.failed" in actions  # the wrong try is on record


def test_the_new_password_must_be_typed_twice_the_same(qtbot, admin, said):
    form = ChangePasswordDialog(None, admin)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.current, ADMIN_PASSWORD)
    qtbot.keyClicks(form.password, "new-admin-1")
    qtbot.keyClicks(form.repeat, "new-admin-2")
    qtbot.mouseClick(form.ok_button, LEFT)
    assert form.message.text() == "The two new passwords differ." and form.isVisible() and said == []


# ----- keyboard and screen readers --------------------------------------------------------------------


def test_every_control_has_a_name_and_tab_follows_the_window(qtbot, dialog, admin):
    assert unnamed_controls(dialog) == []
    row = dialog.selected()
    for form in (
        AddAccountForm(admin),
        RenameForm(admin, row),
        RoleForm(admin, row),
        PasswordForm(admin, row, enable=True),
        ChangePasswordDialog(None, admin),
    ):
        qtbot.addWidget(form)
        assert unnamed_controls(form) == [], type(form).__name__
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.table and dialog.selected().code == ADMIN
    expected = [
        dialog.add_button,
        dialog.rename_button,
        dialog.role_button,
        dialog.password_button,
        dialog.disable_button,
        dialog.close_button,  # Enable… is off for an active account
    ]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_alt_and_a_letter_press_a_button(qtbot, dialog, monkeypatch):
    opened = []
    monkeypatch.setattr(AddAccountForm, "exec", lambda form: opened.append(form) or 0)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)


# ----- the password forms on the real background thread ------------------------------------------------------


def _add(form):
    form.staff_code.setText("C077")
    form.name.setText("新同事")
    form.password.setText("a-new-pass-77")
    form.repeat.setText("a-new-pass-77")
    return "C077", "a-new-pass-77", "add"


def _set_password(form):
    form.password.setText("counselor-new-1")
    form.repeat.setText("counselor-new-1")
    return COUNSELOR, "counselor-new-1", "set_password"


def _change_own(form):
    form.current.setText(ADMIN_PASSWORD)
    form.password.setText("admin-new-pass-1")
    form.repeat.setText("admin-new-pass-1")
    return ADMIN, "admin-new-pass-1", "change_own_password"


@pytest.mark.parametrize(
    ("make", "fill"),
    [
        pytest.param(lambda admin: AddAccountForm(admin), _add, id="add-account"),
        pytest.param(
            lambda admin: PasswordForm(admin, AccountRow(COUNSELOR, "咨询员 王", "counselor", True, True)),
            _set_password,
            id="set-password",
        ),
        pytest.param(lambda admin: ChangePasswordDialog(None, admin), _change_own, id="change-own-password"),
    ],
)
def test_a_password_form_runs_argon2id_off_the_gui_thread_and_answers_on_it(
    qtbot, admin, paths, monkeypatch, said, make, fill
):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)  # the real QThreadPool, not the tests' shortcut
    threads = {}
    for name in ("add", "set_password", "change_own_password"):
        real = getattr(AccountService, name)

        def spy(service, *args, real=real, name=name):
            threads[name] = threading.get_ident()
            return real(service, *args)

        monkeypatch.setattr(AccountService, name, spy)
    form = make(admin)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    code, password, method = fill(form)
    qtbot.mouseClick(form.ok_button, LEFT)
    assert form.busy and not form.buttons.isEnabled()  # the GUI thread went on while Argon2id ran elsewhere
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=30_000)
    assert form.result() == form.DialogCode.Accepted and said == []
    assert threads[method] != threading.get_ident()
    Seat(paths).login(code, password).close()  # the change is made
