"""Backing up, restoring and recovering a seat from the window, as a center admin does it (no command line)."""

import errno
import threading
from datetime import date
from pathlib import Path

import keyring
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

import desktop.backup
import ui.worker
from desktop.accounts import AccountService
from desktop.backup import create_backup, read_manifest, restore_backup
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.instance import SeatLock, held_here
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.memory_keyring import MemoryKeyring
from tests.test_calls import a_call
from tests.test_ui_keyboard import unnamed_controls
from ui.login import LoginPage
from ui.seat_care import suggested_file_name
from ui.seat_care_dialogs import RecoverAdminDialog, RestoreDialog, backup_time

NEW_PASSWORD = "brand-new-pass-1"


def call_count(session) -> int:
    return session.store.one("SELECT count(*) FROM call")[0]


@pytest.fixture
def seat(seat_init):
    """A seat with an admin, a counselor and three calls. Returns its recovery code."""
    session, code = seat_init
    AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
    for n in range(3):
        CallService(session).save(a_call(summary=f"第{n}通"))
    session.close()
    return code


@pytest.fixture
def backup(seat, paths, tmp_path) -> Path:
    """A backup of the seat, then a change the backup does not hold: a fourth call and an account X001."""
    (tmp_path / "backups").mkdir()
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        info = create_backup(admin, tmp_path / "backups" / "seat.hlbak")
        CallService(admin).save(a_call(summary="备份之后"))
        AccountService(admin).add("X001", "新来的", "counselor", "newcomer-1")
    return info.path


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window()


def log_in(qtbot, window, code=ADMIN, password=ADMIN_PASSWORD):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    page.password.clear()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_to_save(monkeypatch, path) -> list:
    asked = []

    def answer(parent, caption, suggested, filters, *rest):
        asked.append((caption, suggested, filters))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def choose_to_open(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def vault_and_database(paths) -> tuple[bytes, bytes]:
    return paths.vault.read_bytes(), paths.database.read_bytes()


# ----- back up -----------------------------------------------------------------------------------------


def test_an_admin_backs_up_from_the_seat_menu_and_the_file_restores_elsewhere(
    qtbot, window, messages, monkeypatch, tmp_path
):
    log_in(qtbot, window)
    assert window.backup_action.isVisible() and window.backup_action.isEnabled()
    assert window.backup_action in window.menuBar().actions()[0].menu().actions()
    (tmp_path / "usb").mkdir()
    asked = choose_to_save(monkeypatch, tmp_path / "usb" / "tonight")  # no extension typed: .hlbak is added

    window.backup_action.trigger()

    caption, suggested, filters = asked[0]
    assert Path(suggested).name.startswith("测试席位-") and suggested.endswith(".hlbak") and "*.hlbak" in filters
    written = tmp_path / "usb" / "tonight.hlbak"
    entry = window.session.audit.entries(limit=5)
    entry = next(e for e in entry if e.action == "backup.created")
    kind, _title, text = messages[-1]
    assert kind == "information" and str(written) in text and f"entry {entry.seq}" in text
    assert entry.object == "tonight.hlbak"

    elsewhere = SeatPaths(tmp_path / "elsewhere")
    restore_backup(elsewhere, written, login=(ADMIN, ADMIN_PASSWORD))
    with Seat(elsewhere).login(ADMIN, ADMIN_PASSWORD) as restored:
        assert call_count(restored) == 3


def test_the_suggested_name_is_safe_for_a_file():
    assert suggested_file_name("12356-01", date(2026, 11, 23)) == "12356-01-2026-11-23.hlbak"
    assert suggested_file_name('A/B:C*"', date(2026, 1, 2)) == "A-B-C-2026-01-02.hlbak"
    assert suggested_file_name("///", date(2026, 1, 2)) == "seat-2026-01-02.hlbak"


@pytest.mark.parametrize("fault", ["refused", "full"])
def test_a_backup_the_disk_refuses_says_what_to_do_and_loses_nothing(
    qtbot, window, messages, monkeypatch, tmp_path, fault
):
    log_in(qtbot, window)
    folder = tmp_path / "locked"
    folder.mkdir()
    if fault == "refused":  # the tests run as root, where a read-only folder still takes files: the OS's answer
        real = Path.mkdir

        def refuse(self, *args, **kwargs):  # the backup's scratch folder beside the file (desktop/interrupted.py)
            if self.parent == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", refuse)
    else:

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(desktop.backup.zipfile.ZipFile, "write", full)
    choose_to_save(monkeypatch, folder / "seat.hlbak")

    window.backup_action.trigger()

    kind, title, text = messages[-1]
    assert kind == "warning" and "not written" in title
    assert "Nothing was lost" in text and "Choose another folder" in text
    assert ("cannot be written" if fault == "refused" else "is full") in text
    assert list(folder.iterdir()) == []  # no half file, no temporary folder
    assert window.work is not None and call_count(window.session) == 3  # still at work, nothing lost
    actions = [e.action for e in window.session.audit.entries(limit=3)]
    assert "backup.failed" in actions or fault == "refused"


def test_the_backup_runs_off_the_gui_thread_behind_a_wait_dialog(qtbot, window, messages, monkeypatch, tmp_path):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.work is not None)
    seen = {}
    real = desktop.backup.export_database

    def watched(session, target, **kwargs):
        seen["thread"] = threading.get_ident()
        return real(session, target, **kwargs)

    monkeypatch.setattr(desktop.backup, "export_database", watched)
    choose_to_save(monkeypatch, tmp_path / "seat.hlbak")
    window.backup_action.trigger()
    progress = window.findChild(QProgressDialog, "backupProgress")
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert seen["thread"] != threading.get_ident() and messages[-1][0] == "information"
    assert (tmp_path / "seat.hlbak").exists()


def test_counselors_have_no_backup(qtbot, window):
    log_in(qtbot, window, "C001", "counselor-1")
    assert window.work is not None and not window.backup_action.isVisible()


# ----- restore -----------------------------------------------------------------------------------------


def open_restore(qtbot, window, monkeypatch, backup) -> RestoreDialog:
    choose_to_open(monkeypatch, backup)
    click(qtbot, window.login_page.restore_button)
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_restoring_asks_first_and_names_the_backup_and_where_the_seat_is_kept(
    qtbot, window, messages, monkeypatch, backup, paths
):
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: messages.append(("question", a[1], a[2])) or QMessageBox.StandardButton.No
    )
    before = vault_and_database(paths)
    choose_to_open(monkeypatch, backup)
    click(qtbot, window.login_page.restore_button)
    kind, _title, text = messages[-1]
    made = backup_time(read_manifest(backup))
    assert kind == "question" and "测试席位" in text and made and made in text and str(paths.replaced) in text
    assert window.findChild(RestoreDialog) is None  # answered No: nothing more happens
    assert vault_and_database(paths) == before


def test_a_file_that_is_not_a_backup_is_refused_before_any_question(qtbot, window, messages, monkeypatch, tmp_path):
    fake = tmp_path / "holiday.hlbak"
    fake.write_bytes(b"PK\x03\x04 not really")
    choose_to_open(monkeypatch, fake)
    click(qtbot, window.login_page.restore_button)
    assert [(k, "not a Hotline Log backup" in t) for k, _title, t in messages] == [("warning", True)]


def test_restore_with_a_wrong_password_leaves_the_seat_untouched_and_says_so(
    qtbot, window, messages, monkeypatch, backup, paths
):
    before = vault_and_database(paths)
    dialog = open_restore(qtbot, window, monkeypatch, backup)
    assert dialog.with_password.isChecked()  # the backup is of this seat: its passwords are offered first
    qtbot.keyClicks(dialog.code, ADMIN)
    qtbot.keyClicks(dialog.password, "not-the-password")
    click(qtbot, dialog.ok)

    assert dialog.isVisible() and "Wrong account or password" in dialog.message.text()
    assert "Nothing was restored" in dialog.message.text()
    assert paths.database.read_bytes() == before[1] and not paths.replaced.exists()
    assert Seat(paths).vault.failures(ADMIN) == 1  # the try counts against this seat's own log-in delay
    click(qtbot, dialog.cancel)
    log_in(qtbot, window)  # the current seat, as it was: four calls, X001 still there
    assert window.work is not None and call_count(window.session) == 4
    tried = [(e.actor, e.action, e.object) for e in window.session.audit.entries(limit=3)]
    assert ("system", "restore.failed", ADMIN) in tried  # and it is in the seat's audit log


def test_a_counselors_password_cannot_restore_from_the_window(qtbot, window, messages, monkeypatch, backup, paths):
    before = vault_and_database(paths)
    dialog = open_restore(qtbot, window, monkeypatch, backup)
    qtbot.keyClicks(dialog.code, "C001")
    qtbot.keyClicks(dialog.password, "counselor-1")
    click(qtbot, dialog.ok)
    assert dialog.isVisible() and "Only an admin" in dialog.message.text()
    assert vault_and_database(paths) == before


def test_restore_with_the_recovery_code_replaces_the_seat_and_the_window_logs_in_to_it(
    qtbot, window, seat, messages, monkeypatch, backup, paths
):
    dialog = open_restore(qtbot, window, monkeypatch, backup)
    click(qtbot, dialog.with_recovery)
    assert dialog.recovery.isEnabled() and not dialog.password.isEnabled()
    qtbot.keyClicks(dialog.recovery, seat)
    click(qtbot, dialog.ok)

    kind, _title, text = messages[-1]
    assert kind == "information" and "restored" in text and "kept in" in text
    kept = next(paths.replaced.iterdir())
    assert (kept / "seat.db").exists() and (kept / "seat.vault").exists()
    page = window.login_page
    assert page.account.findData("X001") < 0 and page.account.findData(ADMIN) >= 0  # the backup's accounts
    assert window.findChild(RecoverAdminDialog) is None  # same computer: every password still works
    log_in(qtbot, window)
    assert window.work is not None and call_count(window.session) == 3
    assert "测试席位" in window.user_label.text()


def test_restore_works_while_the_window_holds_its_seat_lock(qtbot, window, seat, messages, monkeypatch, backup, paths):
    with SeatLock(paths.lock):  # as ui/app.py holds it for the whole run: no refusal by our own lock
        assert held_here(paths.lock)
        dialog = open_restore(qtbot, window, monkeypatch, backup)
        qtbot.keyClicks(dialog.code, ADMIN)
        qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
        click(qtbot, dialog.ok)
        assert messages[-1][0] == "information"
        assert held_here(paths.lock)
    assert not held_here(paths.lock)
    log_in(qtbot, window)
    assert window.work is not None and call_count(window.session) == 3


def test_on_a_new_computer_the_restore_leads_to_a_new_admin_password(
    qtbot, window, seat, messages, monkeypatch, backup, paths
):
    keyring.set_keyring(MemoryKeyring())  # another computer: the backup's passwords are bound elsewhere
    dialog = open_restore(qtbot, window, monkeypatch, backup)
    click(qtbot, dialog.with_recovery)
    qtbot.keyClicks(dialog.recovery, seat)
    click(qtbot, dialog.ok)

    assert "A001, C001" in messages[-1][2]  # who cannot log in here yet
    recover = window.findChild(RecoverAdminDialog)
    assert recover is not None and recover.isVisible() and recover.recovery.text() == seat
    qtbot.keyClicks(recover.code, ADMIN)
    qtbot.keyClicks(recover.password, NEW_PASSWORD)
    qtbot.keyClicks(recover.repeat, NEW_PASSWORD)
    click(qtbot, recover.ok)
    assert "C001" in messages[-1][2] and ADMIN in messages[-1][2]
    log_in(qtbot, window, ADMIN, NEW_PASSWORD)
    assert window.work is not None and call_count(window.session) == 3


# ----- recover the admin password ----------------------------------------------------------------------


def open_recover(qtbot, window) -> RecoverAdminDialog:
    click(qtbot, window.login_page.recover_button)
    dialog = window.findChild(RecoverAdminDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill_recover(qtbot, dialog, recovery_code, repeat=NEW_PASSWORD):
    for field in (dialog.recovery, dialog.code, dialog.password, dialog.repeat):
        field.clear()
    qtbot.keyClicks(dialog.recovery, recovery_code)
    qtbot.keyClicks(dialog.code, ADMIN)
    qtbot.keyClicks(dialog.password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.repeat, repeat)
    click(qtbot, dialog.ok)


def test_recover_the_admin_password_then_log_in_with_the_new_one(qtbot, window, seat, messages):
    dialog = open_recover(qtbot, window)
    fill_recover(qtbot, dialog, seat)
    kind, _title, text = messages[-1]
    assert kind == "information" and f"{ADMIN} has a new password" in text
    page = window.login_page
    assert page.account.currentData() == ADMIN and page.password.hasFocus()
    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)  # the old one no longer opens the seat
    assert window.work is None and "Wrong" in page.message.text()
    log_in(qtbot, window, ADMIN, NEW_PASSWORD)
    assert window.work is not None and window.session.actor == ADMIN
    assert "seat.recovered" in [e.action for e in window.session.audit.entries(limit=10)]


def test_a_wrong_recovery_code_or_two_different_passwords_change_nothing(qtbot, window, seat, messages, paths):
    before = paths.vault.read_bytes()
    dialog = open_recover(qtbot, window)
    fill_recover(qtbot, dialog, seat, repeat="something-else-1")
    assert "differ" in dialog.message.text() and paths.vault.read_bytes() == before
    fill_recover(qtbot, dialog, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    assert dialog.isVisible() and "Wrong recovery code" in dialog.message.text() and messages == []
    click(qtbot, dialog.cancel)
    log_in(qtbot, window, ADMIN, "a-wrong-guess")  # the window's vault, saved again: the failed code stays counted
    assert Seat(paths).vault.failures("recovery") == 1
    log_in(qtbot, window)  # the old password still works
    assert window.work is not None


# ----- keyboard and screen readers ---------------------------------------------------------------------


def test_every_control_of_the_new_forms_has_a_name_and_the_first_field_has_the_focus(
    qtbot, window, messages, monkeypatch, backup
):
    restore = open_restore(qtbot, window, monkeypatch, backup)
    restore.activateWindow()
    qtbot.waitUntil(restore.isActiveWindow)
    assert unnamed_controls(restore) == [] and restore.focusWidget() is restore.code
    qtbot.keyClick(restore.code, Qt.Key.Key_Tab)
    assert restore.focusWidget() is restore.password
    qtbot.keyClick(restore.password, Qt.Key.Key_Tab)
    assert restore.focusWidget() is restore.with_recovery
    qtbot.keyClick(restore.with_recovery, Qt.Key.Key_Space)  # the other way in, by keyboard
    qtbot.keyClick(restore.with_recovery, Qt.Key.Key_Tab)
    assert restore.focusWidget() is restore.recovery and not restore.code.isEnabled()
    qtbot.keyClick(restore.recovery, Qt.Key.Key_Backtab)
    qtbot.keyClick(restore.with_recovery, Qt.Key.Key_Up)  # arrows move within the choice
    assert restore.with_password.isChecked() and restore.code.isEnabled() and not restore.recovery.isEnabled()
    qtbot.keyClick(restore.focusWidget(), Qt.Key.Key_Escape)
    assert not restore.isVisible()
    recover = open_recover(qtbot, window)
    assert unnamed_controls(recover) == [] and recover.focusWidget() is recover.recovery


def test_the_demo_seat_offers_no_restore(qtbot, seat, paths):
    page = LoginPage(Seat(paths), {"C001": "counselor-1"})
    qtbot.addWidget(page)
    page.show()
    assert not page.restore_button.isVisible() and not page.recover_button.isVisible()
