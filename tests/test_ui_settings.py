"""The settings dialog's seat part: what an admin sees, each row explained, and the keyring requirement."""

import json

import keyring
import keyring.backends.fail
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QMessageBox

from desktop.accounts import AccountService, set_require_keyring
from desktop.errors import KeyringError
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def admin(seat_init):
    session, _ = seat_init
    return session


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """QSettings of the test's own, so Save does not write into the user's settings."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def explained_fields(dialog) -> list:
    """Every field of every form in the dialog (in no set order), each checked to have a label and a line under it."""
    fields = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(0, form.rowCount(), 2):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            label = form.labelForField(field)
            about = form.itemAt(row + 1, QFormLayout.ItemRole.FieldRole).widget()
            assert label is not None and label.text(), field
            assert isinstance(about, QLabel) and len(about.text()) > 20, field
            fields.append(field)
    return fields


def test_an_admin_sees_every_setting_of_the_computer_and_the_seat_each_explained(qtbot, admin):
    dialog = SettingsDialog(None, admin)
    qtbot.addWidget(dialog)
    fields = explained_fields(dialog)
    expected = [dialog.language, dialog.idle, dialog.theme, dialog.font_size]
    expected += [dialog.run_minutes, dialog.break_minutes, dialog.call_lock, dialog.retention, dialog.require_keyring]
    assert set(fields) == set(expected) and len(fields) == len(expected)
    assert all(field.accessibleName() for field in fields)


def test_an_admin_requires_the_keyring_and_it_is_audited_then_logging_in_without_one_is_refused(qtbot, admin, paths):
    dialog = SettingsDialog(None, admin)
    qtbot.addWidget(dialog)
    box = dialog.require_keyring
    assert box.isEnabled() and not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # by keyboard, as everything else
    dialog.accept()
    assert Seat(paths).vault.require_keyring
    entry = admin.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.object) == (ADMIN, "setting.changed", "require_keyring")
    assert json.loads(entry.detail) == {"value": True}

    keyring.set_keyring(keyring.backends.fail.Keyring())  # the keyring goes away
    with pytest.raises(KeyringError, match="requires the system keyring"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)


def test_without_a_keyring_it_cannot_be_required_and_the_line_says_why(qtbot, admin, paths, monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    dialog = SettingsDialog(None, admin)
    qtbot.addWidget(dialog)
    assert not dialog.require_keyring.isEnabled() and not dialog.require_keyring.isChecked()
    form = next(f for f in dialog.findChildren(QFormLayout) if f.indexOf(dialog.require_keyring) >= 0)
    row, _ = form.getWidgetPosition(dialog.require_keyring)
    about = form.itemAt(row + 1, QFormLayout.ItemRole.FieldRole).widget().text()
    assert "no keyring backend is available" in about
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args))
    dialog.accept()
    assert not warned and not Seat(paths).vault.require_keyring


def test_an_unchanged_seat_writes_nothing_and_a_counselor_sees_only_this_computer(qtbot, admin, paths):
    before = len(admin.audit.entries(limit=1000))
    dialog = SettingsDialog(None, admin)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert len(admin.audit.entries(limit=1000)) == before

    AccountService(admin).add("C001", "咨询员 王", "counselor", "counselor-1")
    with Seat(paths).login("C001", "counselor-1") as counselor:
        dialog = SettingsDialog(None, counselor)
        qtbot.addWidget(dialog)
        assert set(explained_fields(dialog)) == {dialog.language, dialog.idle, dialog.theme, dialog.font_size}
        assert (
            dialog.break_minutes is None
            and dialog.call_lock is None
            and dialog.retention is None
            and dialog.require_keyring is None
        )


def test_without_a_keyring_the_window_says_the_seat_is_not_bound_to_this_computer(qtbot, seat_init, open_window):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    window = open_window()
    qtbot.waitUntil(lambda: window.statusBar().findChild(QLabel, "keyringWarning") is not None)
    warning = window.statusBar().findChild(QLabel, "keyringWarning")
    assert warning.isVisible() and "keyring" in warning.text()


def test_with_a_keyring_the_window_has_no_such_warning(qtbot, seat_init, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.keyring_checked)  # the window has looked the keyring up (off the GUI thread)
    assert window.statusBar().findChild(QLabel, "keyringWarning") is None


def test_a_seat_that_requires_the_keyring_says_how_to_get_in_when_the_keyring_is_gone(qtbot, admin, open_window):
    set_require_keyring(admin, True)
    admin.close()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    window = open_window()
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(ADMIN))
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "keyring" in page.message.text())
    text = page.message.text()
    assert "Log in to the desktop session" in text and "does not get round this" in text
    assert window.session is None
