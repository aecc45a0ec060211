"""The first start on a computer without a seat: restoring a backup from the start dialog, as an admin does on a
new computer, then logging in to the restored seat in the window. The set-up form, and the recovery code it
shows once."""

import keyring
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from desktop.accounts import AccountService
from desktop.backup import create_backup
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.instance import SeatLock, held_here
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.memory_keyring import MemoryKeyring
from tests.test_calls import a_call
from tests.test_ui_keyboard import unnamed_controls
from tests.test_ui_seat_care import NEW_PASSWORD, call_count, choose_to_open, click, log_in
from ui import app
from ui.i18n import install_translators
from ui.seat_care_dialogs import RecoverAdminDialog, RestoreDialog
from ui.start import RecoveryCodeDialog, SetupDialog, StartDialog


@pytest.fixture
def backup(tmp_path) -> tuple[object, str]:
    """A backup of a seat with an admin, a counselor and three calls, made in another folder (the lost
    computer's). Returns (file, recovery code). This computer's data folder (`paths`) has no seat."""
    old = SeatPaths(tmp_path / "lost-computer")
    session, code = Seat.init(old, "测试席位", ADMIN, "管理员", ADMIN_PASSWORD)
    try:
        AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
        for n in range(3):
            CallService(session).save(a_call(summary=f"第{n}通"))
        (tmp_path / "usb").mkdir()
        info = create_backup(session, tmp_path / "usb" / "seat.hlbak")
    finally:
        session.close()
    return info.path, code


@pytest.fixture
def messages(monkeypatch):
    """Message boxes answered at once, shown as (kind, title, text)."""
    shown = []
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, title, text, *a, k=kind: shown.append((k, title, text)))
    return shown


@pytest.fixture
def start(qtbot, paths):
    """The start dialog as ui/app.py shows it when the data folder has no seat."""
    assert not paths.exists()
    dialog = StartDialog(paths, demo_exists=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def driven_start(qtbot, monkeypatch, steps):
    """`app.choose_seat` runs its start dialog; `steps(dialog)` does what the person does there."""

    def run(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(StartDialog, "exec", run)


def restore_form(qtbot, start) -> RestoreDialog:
    click(qtbot, start.restore_button)
    dialog = start.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_on_a_new_computer_the_recovery_code_restores_then_sets_a_new_admin_password_then_the_window_logs_in(
    qtbot, paths, backup, messages, monkeypatch, open_window
):
    source, recovery_code = backup
    keyring.set_keyring(MemoryKeyring())  # a new computer: the backup's passwords are bound to the lost one
    choose_to_open(monkeypatch, source)
    seen = {}

    def steps(start):
        restore = restore_form(qtbot, start)
        assert restore.with_recovery.isChecked()  # no seat here to match: the recovery code is offered first
        qtbot.keyClicks(restore.recovery, recovery_code)
        click(qtbot, restore.ok)
        assert "A001, C001" in messages[-1][2]  # who cannot log in here yet
        recover = start.findChild(RecoverAdminDialog)
        assert recover is not None and recover.isVisible() and recover.recovery.text() == recovery_code
        assert start.isVisible()  # under the form, until the chain is over
        qtbot.keyClicks(recover.code, ADMIN)
        qtbot.keyClicks(recover.password, NEW_PASSWORD)
        qtbot.keyClicks(recover.repeat, NEW_PASSWORD)
        click(qtbot, recover.ok)
        seen["message"] = messages[-1]
        seen["visible"] = start.isVisible()

    driven_start(qtbot, monkeypatch, steps)
    with SeatLock(paths.lock):  # as ui/app.py holds it from before the start dialog
        chosen = app.choose_seat(paths)
        assert held_here(paths.lock)

    assert chosen == (paths, None, None) and not seen["visible"]
    kind, _title, text = seen["message"]
    assert kind == "information" and f"{ADMIN} has a new password" in text and "C001" in text
    window = open_window()
    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)  # the lost computer's password does not open it here
    assert window.work is None
    log_in(qtbot, window, ADMIN, NEW_PASSWORD)
    assert window.work is not None and call_count(window.session) == 3
    assert "测试席位" in window.user_label.text()


def test_on_the_same_computer_an_admins_password_restores_and_goes_straight_to_the_log_in(
    qtbot, paths, backup, messages, monkeypatch, open_window
):
    source, _code = backup  # the keyring still holds the seat's device secret: its passwords work here
    choose_to_open(monkeypatch, source)

    def steps(start):
        restore = restore_form(qtbot, start)
        click(qtbot, restore.with_password)
        qtbot.keyClicks(restore.code, ADMIN)
        qtbot.keyClicks(restore.password, ADMIN_PASSWORD)
        click(qtbot, restore.ok)
        assert start.findChild(RecoverAdminDialog) is None  # every password still works

    driven_start(qtbot, monkeypatch, steps)
    assert app.choose_seat(paths) == (paths, None, None)

    kind, _title, text = messages[-1]
    assert kind == "information" and "restored" in text and "Log in with an account of the backup" in text
    window = open_window()
    log_in(qtbot, window)
    assert window.work is not None and call_count(window.session) == 3


def test_cancel_at_the_file_dialog_comes_back_to_the_start_dialog(qtbot, start, paths, messages, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    click(qtbot, start.restore_button)
    assert start.isVisible() and start.result() == 0 and start.findChild(RestoreDialog) is None
    assert messages == [] and not paths.exists()


def test_a_wrong_code_then_cancel_comes_back_to_the_start_dialog_with_nothing_restored(
    qtbot, start, paths, backup, messages, monkeypatch
):
    choose_to_open(monkeypatch, backup[0])
    restore = restore_form(qtbot, start)
    qtbot.keyClicks(restore.recovery, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    click(qtbot, restore.ok)
    assert restore.isVisible() and "Wrong recovery code" in restore.message.text()
    assert "Nothing was restored" in restore.message.text()
    click(qtbot, restore.cancel)
    assert not restore.isVisible() and start.isVisible() and start.result() == 0
    assert not paths.exists() and messages == []


def test_cancelling_the_new_admin_password_still_opens_the_restored_seat(
    qtbot, start, paths, backup, messages, monkeypatch
):
    """The backup is in place by then: the log-in page's "Forgot the admin password…" takes it up again."""
    keyring.set_keyring(MemoryKeyring())
    choose_to_open(monkeypatch, backup[0])
    restore = restore_form(qtbot, start)
    qtbot.keyClicks(restore.recovery, backup[1])
    click(qtbot, restore.ok)
    recover = start.findChild(RecoverAdminDialog)
    click(qtbot, recover.cancel)
    assert paths.exists() and not start.isVisible() and start.result() == StartDialog.RESTORED


def test_the_start_dialog_is_named_and_reached_by_keyboard(qtbot, start, monkeypatch):
    assert unnamed_controls(start) == []
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a[1]) or ("", ""))
    start.activateWindow()
    qtbot.waitUntil(start.isActiveWindow)
    qtbot.keyClick(start.focusWidget(), Qt.Key.Key_Tab)  # from "Set up this seat…", the default
    assert start.focusWidget() is start.restore_button
    qtbot.keyClick(start.restore_button, Qt.Key.Key_Space)
    assert asked == ["Restore a backup"] and start.isVisible()


# ----- the recovery code, shown once -----------------------------------------------------------------------


@pytest.fixture
def recovery_dialog(qtbot):
    dialog = RecoveryCodeDialog("测试席位", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer_questions(monkeypatch, *answers) -> list:
    """QMessageBox.question answered with `answers` in turn; returns the questions asked."""
    asked, replies = [], list(answers)

    def question(_parent, _title, text, *args):
        asked.append(text)
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.mark.parametrize("how", ["escape", "close-button"])
def test_the_recovery_code_stays_until_its_keeping_is_confirmed_however_it_is_closed(
    qtbot, recovery_dialog, monkeypatch, how
):
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)

    def try_to_close():
        if how == "escape":
            qtbot.keyClick(recovery_dialog, Qt.Key.Key_Escape)
        else:
            recovery_dialog.close()  # as the window's close button (a close event)

    try_to_close()
    assert len(asked) == 1 and "not be shown again" in asked[0]
    assert recovery_dialog.isVisible()  # "No": the code stays on screen
    try_to_close()
    assert len(asked) == 2 and not recovery_dialog.isVisible()
    assert recovery_dialog.result() == QDialog.DialogCode.Accepted


# ----- the set-up form --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_set_up_form_is_wide_enough_for_a_long_password(qtbot, qapp, paths, lang):
    install_translators(qapp, lang)
    try:
        dialog = SetupDialog(paths)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dots = dialog.password.fontMetrics().horizontalAdvance("●" * 20)
        assert dialog.width() >= 520
        for field in (dialog.password, dialog.repeat, dialog.seat_name):
            assert field.width() >= dots
    finally:
        install_translators(qapp, "en")
