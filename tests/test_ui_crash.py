"""An unhandled error: the draft is kept, the details and the log hold no call content, the dialog can copy them."""

import logging
import sys
import threading

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.calls import CallService
from desktop.errors import DatabaseError
from desktop.logs import configure_logging
from desktop.seat import Seat
from tests.test_ui_call import log_in
from ui import crash

PHONE = "13812345678"
NOTE = f"来电者说 SECRETNOTE，可以打{PHONE}找她。"

pytestmark = pytest.mark.qt_no_exception_capture  # the program's own excepthook must see the errors


@pytest.fixture
def shown(monkeypatch):
    """The crash dialogs shown, each answered with Keep working instead of blocking."""
    dialogs = []

    def fake_exec(dialog):
        dialogs.append(dialog)
        return crash.CrashDialog.KEEP_WORKING

    monkeypatch.setattr(crash.CrashDialog, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    return dialogs


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def _raise_with_call_content(notes: str) -> None:
    raise RuntimeError(f"could not handle {notes}")


def test_an_error_in_a_slot_keeps_the_draft_and_reports_nothing_of_the_call(
    qtbot, seat, open_window, shown, log_file, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # closing, later
    window = open_window(autosave_seconds=600)  # the draft is saved by the crash handler, not by autosave
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.notes.set_text(NOTE)
    assert window.work.service.load_draft() is None

    QTimer.singleShot(0, lambda: _raise_with_call_content(form.notes.text()))
    qtbot.waitUntil(lambda: len(shown) == 1)

    dialog = shown[0]
    details = dialog.text.toPlainText()
    assert details == dialog.details
    assert "RuntimeError" in details
    assert "tests/test_ui_crash.py:" in details and "_raise_with_call_content" in details
    assert "Python: " in details and "Qt: " in details and "Platform: " in details
    for secret in (PHONE, "SECRETNOTE", "12345678", "could not handle"):
        assert secret not in details
    assert dialog.draft_label.text() == dialog.tr(
        "Your call was kept as a draft (encrypted) and will be offered at the next log-in."
    )
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "_raise_with_call_content" in logged
    for secret in (PHONE, "SECRETNOTE", "12345678"):
        assert secret not in logged

    draft = CallService(window.session).load_draft()
    assert draft is not None and "SECRETNOTE" in draft.form.notes  # kept in the encrypted database

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert window.session is not None and window.work is not None  # kept working: the session is still open


def test_the_copy_button_puts_the_details_on_the_clipboard(qtbot):
    dialog = crash.CrashDialog("Error: RuntimeError\n  ui/x.py:1 in f", None)
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Error: RuntimeError\n  ui/x.py:1 in f"
    assert dialog.copied.text()


def test_an_error_with_no_one_logged_in_still_shows_the_dialog(qtbot, seat, open_window, shown, log_file):
    window = open_window()
    assert window.session is None
    QTimer.singleShot(0, lambda: _raise_with_call_content(NOTE))
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0].draft_label.text() == shown[0].tr("No call was open, so nothing of a call was lost.")
    assert "SECRETNOTE" not in shown[0].details


def test_an_error_before_the_first_paint_shows_the_dialog_with_the_programs_icon(qtbot, shown):
    """The icon is set once the log-in page is painted (ui/app.py finish_look); an error before that still
    shows a dialog that looks like the program's."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    before = QApplication.windowIcon()
    QApplication.setWindowIcon(QIcon())
    try:
        QTimer.singleShot(0, lambda: _raise_with_call_content(NOTE))
        qtbot.waitUntil(lambda: len(shown) == 1)
        assert not shown[0].windowIcon().isNull()
    finally:
        QApplication.setWindowIcon(before)


def test_an_error_in_a_thread_reaches_the_dialog_on_the_gui_thread(qtbot, shown):
    def work():
        raise KeyError(PHONE)

    thread = threading.Thread(target=work, name="worker-x")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    details = shown[0].details
    assert "KeyError" in details and "Thread: worker-x" in details and PHONE not in details


def test_our_own_messages_are_kept_and_others_left_out():
    assert crash.safe_message(DatabaseError("The database file is damaged.")) == "The database file is damaged."
    assert crash.safe_message(ValueError(f"invalid literal for int(): '{PHONE}'")) == ""
    assert PHONE not in crash.safe_message(AttributeError(f"no attribute {PHONE}"))
    assert len(crash.safe_message(DatabaseError("x" * 1000))) == crash.MESSAGE_LIMIT


def test_a_failure_inside_the_handler_falls_back_to_one_line_on_stderr(qtbot, shown, monkeypatch, capsys, caplog):
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise TypeError("broken report")

    monkeypatch.setattr(crash, "build_details", broken)
    try:
        raise RuntimeError(NOTE)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert err.strip() == "Hotline Log: unhandled RuntimeError; the error report failed too (TypeError)"
    assert len(calls) == 1 and not shown

    # an error while the report is open is logged, never shown in a second dialog
    monkeypatch.undo()
    monkeypatch.setattr(sys, "excepthook", crash.excepthook)
    nested = []

    def exec_raising(dialog):
        nested.append(dialog)
        try:
            raise ValueError(PHONE)
        except ValueError:
            sys.excepthook(*sys.exc_info())
        return crash.CrashDialog.KEEP_WORKING

    monkeypatch.setattr(crash.CrashDialog, "exec", exec_raising)
    try:
        raise RuntimeError(NOTE)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert len(nested) == 1
    assert "while the error report was open" in caplog.text and "ValueError" in caplog.text
    assert PHONE not in caplog.text and PHONE not in capsys.readouterr().err


def test_close_the_program_ends_the_event_loop_with_failure(qtbot, shown, monkeypatch):
    exits = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda dialog: crash.CrashDialog.CLOSE_PROGRAM)
    monkeypatch.setattr(crash.QApplication, "exit", lambda code=0: exits.append(code))
    try:
        raise RuntimeError(NOTE)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert exits == [1]


def test_esc_in_the_dialog_keeps_working(qtbot):
    dialog = crash.CrashDialog("details", True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == crash.CrashDialog.KEEP_WORKING and not dialog.isVisible()
    assert dialog.text.isReadOnly() and dialog.text.accessibleName()


def test_close_the_program_logs_out_as_a_close_does(qtbot, seat, open_window, shown, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # if it fails
    window = open_window(autosave_seconds=600)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    form.notes.set_text(NOTE)
    session = window.session
    exits = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda dialog: crash.CrashDialog.CLOSE_PROGRAM)
    monkeypatch.setattr(crash.QApplication, "exit", lambda code=0: exits.append(code))
    QTimer.singleShot(0, lambda: _raise_with_call_content(form.notes.text()))
    qtbot.waitUntil(lambda: exits == [1])
    assert window.session is None and not session.key  # logged out, the key dropped
    with Seat(window.seat.paths).login("C001", "counselor-1") as again:
        assert "session.closed" in [e.action for e in again.audit.entries(limit=5)]
        assert "SECRETNOTE" in CallService(again).load_draft().form.notes  # the call kept as the draft
