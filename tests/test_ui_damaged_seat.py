"""A seat whose files cannot be read: start-up says so in plain words and offers the restore of a backup, never
the error report; quitting there changes nothing. A damaged database shows at log-in, as a message."""

import os

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.backup import create_backup
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.errors import HotlineError
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, files_under
from tests.test_calls import a_call
from tests.test_ui_keyboard import unnamed_controls
from tests.test_ui_seat_care import call_count, choose_to_open, click, log_in
from ui import app
from ui.main_window import MainWindow
from ui.seat_care_dialogs import RestoreDialog
from ui.start import DamagedSeatDialog


@pytest.fixture
def backed_up(session, paths, tmp_path):
    """The seat with two calls and a backup of it, made before its files were damaged. Returns the backup."""
    for n in range(2):
        CallService(session).save(a_call(summary=f"第{n}通"))
    (tmp_path / "usb").mkdir()
    info = create_backup(session, tmp_path / "usb" / "seat.hlbak")
    session.close()
    return info.path


@pytest.fixture
def started(qapp, qtbot, look, own_settings, monkeypatch):
    """`started()`: ui/app.py's run() as a person starts the program, on the tests' QApplication. It stops where
    the event loop would begin; logging, translators and the error report stay as the tests keep them (an error
    that reached the report would fail the test instead). Returns (exit status, the window or None)."""

    class Existing:
        translate = staticmethod(QApplication.translate)
        instance = staticmethod(QApplication.instance)

        def __new__(cls, _argv):
            return qapp

    windows = []

    def event_loop():
        windows.extend(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(app, "QApplication", Existing)
    monkeypatch.setattr(app, "configure_logging", lambda _home: None)
    monkeypatch.setattr(app, "install_translators", lambda _app, _lang: None)
    monkeypatch.setattr(app.crash, "install", lambda: None)
    monkeypatch.setattr(qapp, "exec", event_loop)

    def start():
        status = app.run()
        for window in windows:
            qtbot.addWidget(window)
        return status, (windows[-1] if windows else None)

    yield start
    for window in windows:
        window.close()


def driven(qtbot, monkeypatch, steps) -> list:
    """The damaged-seat dialog, when start-up shows it, is handed to `steps(dialog)`; returns the dialogs shown."""
    shown = []

    def run(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog)
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(DamagedSeatDialog, "exec", run)
    return shown


def snapshot(paths: SeatPaths) -> dict:
    return {p.relative_to(paths.home).as_posix(): p.read_bytes() for p in files_under(paths.home)}


def _error(paths: SeatPaths):
    """What start-up finds wrong with the seat."""
    try:
        Seat(paths).check_files()
    except HotlineError as exc:
        return exc
    raise AssertionError("the seat read")


def _garbage_vault(paths: SeatPaths) -> str:
    paths.vault.write_bytes(b"\x00\xffnot a vault\x13" * 10)
    return "is damaged"


def _no_vault(paths: SeatPaths) -> str:
    paths.vault.unlink()
    return "is missing"


def _no_database(paths: SeatPaths) -> str:
    paths.database.unlink()
    return "seat.db is missing"


@pytest.mark.parametrize("damage", [_garbage_vault, _no_vault, _no_database], ids=["garbage", "no-vault", "no-db"])
def test_an_unreadable_seat_says_what_to_do_and_quit_changes_nothing(
    qtbot, session, paths, messages, monkeypatch, started, damage
):
    session.close()
    says = damage(paths)
    before = snapshot(paths)

    def steps(dialog):
        assert says in dialog.message.text() and str(paths.home) in dialog.message.text()
        assert str(paths.replaced) in dialog.advice.text()  # where a restore would move the files
        assert dialog.restore_button.isVisible() and unnamed_controls(dialog) == []
        click(qtbot, dialog.quit_button)

    shown = driven(qtbot, monkeypatch, steps)
    status, window = started()

    assert status != 0 and window is None and len(shown) == 1 and messages == []
    after = snapshot(paths)
    after.pop("seat.lock", None)  # the program's own lock, held while it ran
    before.pop("seat.lock", None)
    assert after == before


def test_esc_at_the_damaged_seat_dialog_quits_too(qtbot, session, paths, monkeypatch, started):
    session.close()
    _garbage_vault(paths)
    driven(qtbot, monkeypatch, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert started() == (1, None)


def test_restoring_a_backup_from_the_damaged_seat_dialog_opens_the_log_in(
    qtbot, paths, backed_up, messages, monkeypatch, started
):
    _garbage_vault(paths)
    damaged = paths.vault.read_bytes()
    choose_to_open(monkeypatch, backed_up)

    def steps(dialog):
        click(qtbot, dialog.restore_button)
        restore = dialog.findChild(RestoreDialog)
        click(qtbot, restore.with_password)
        qtbot.keyClicks(restore.code, ADMIN)
        qtbot.keyClicks(restore.password, ADMIN_PASSWORD)
        click(qtbot, restore.ok)

    shown = driven(qtbot, monkeypatch, steps)
    status, window = started()

    assert status == 0 and len(shown) == 1 and not shown[0].isVisible()
    kinds = [kind for kind, _title, _text in messages]
    assert kinds == ["question", "information"]  # replace the seat? then: restored
    assert str(paths.replaced) in messages[0][2]
    kept = [p for p in files_under(paths.replaced) if p.name == "seat.vault"]
    assert [p.read_bytes() for p in kept] == [damaged]  # moved aside, not deleted
    assert window is not None and window.work is None
    log_in(qtbot, window)
    assert window.work is not None and call_count(window.session) == 2


def test_a_restore_cancelled_at_the_file_dialog_leaves_the_damaged_seat_dialog_open(qtbot, session, paths, monkeypatch):
    session.close()
    _garbage_vault(paths)
    before = snapshot(paths)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    dialog = DamagedSeatDialog(paths, _error(paths))
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.restore_button)
    assert dialog.isVisible() and dialog.result() == 0 and snapshot(paths) == before


def test_the_demo_seat_is_not_restored_but_made_again(qtbot, session, paths):
    session.close()
    _garbage_vault(paths)
    dialog = DamagedSeatDialog(paths, _error(paths), restorable=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible() and str(paths.home) in dialog.advice.text()


# ----- a damaged database: the vault reads, the database opens only at log-in --------------------------------


def _garbage_pages(path):
    path.write_bytes(os.urandom(8 * 4096))


def _cut_short(path):
    path.write_bytes(path.read_bytes()[:5000])


@pytest.mark.parametrize("damage", [_garbage_pages, _cut_short], ids=["garbage", "truncated"])
def test_a_damaged_database_is_a_message_on_the_log_in_page(qtbot, session, paths, open_window, damage):
    session.close()
    damage(paths.database)
    before = snapshot(paths)
    window = open_window()
    log_in(qtbot, window)  # an error escaping to the error report would fail the test here
    text = window.login_page.message.text()
    assert window.work is None and "database cannot be used" in text and "from a backup" in text
    assert str(paths.database) in text and window.login_page.restore_button.isVisible()
    assert snapshot(paths) == before
