"""A whole call through the real widgets, by keyboard; then the digits are nowhere; then search, lock, drafts."""

import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.call_model import CallFilter
from desktop.calls import CallService
from desktop.seat import Seat
from tests.conftest import files_under, type_text
from ui import work_page

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"
NOTE = f"来访者最近失眠，考研压力大。她说可以打{PHONE}找她，身份证{ID_NUMBER}。"


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window(autosave_seconds=1)


def log_in(qtbot, window, code="C001", password="counselor-1"):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    page.password.setFocus()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_a_whole_call_by_keyboard_leaves_no_identifier_anywhere(qtbot, window, paths, monkeypatch):
    shown = {}

    def confirm(dialog):
        shown["title"] = dialog.windowTitle()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(work_page.RedactionDialog, "exec", confirm)
    log_in(qtbot, window)
    form = window.work.form

    press(qtbot, window, Qt.Key.Key_F2)
    assert form.running and form.started is not None
    assert QApplication.focusWidget() is form.kind
    qtbot.keyClick(form.kind, Qt.Key.Key_Down)  # the first kind after "choose": counselling
    assert form.kind.currentData() == "counselling"
    qtbot.keyClicks(form.concerns.search, "exam")
    qtbot.keyClick(form.concerns.search, Qt.Key.Key_Return)
    assert form.concerns.codes() == ["study.exam"]
    type_text(form.notes.editor, NOTE)
    qtbot.waitUntil(form.notes.findings.isVisible)
    assert "×1" in form.notes.findings.text()
    type_text(form.summary, "考研焦虑，失眠")
    form.summary.setFocus()
    press(qtbot, window, Qt.Key.Key_F4)
    assert form.ended is not None and not form.running
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert shown, "the redaction dialog was shown"
    assert form.is_empty()
    session = window.session
    rows = []
    for (table,) in session.store.rows(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
    ):
        if not table.startswith("notes_fts"):
            rows.extend(session.store.rows(f"SELECT * FROM {table}"))
    text = "\n".join(str(r) for r in rows)
    assert "〔手机号〕" in text and "〔身份证号〕" in text
    for digits in (PHONE, ID_NUMBER[:17], "1234 5678"):
        assert digits not in text
    window.lock()
    for path in files_under(paths.home):
        data = path.read_bytes()
        for digits in (PHONE, ID_NUMBER[:17]):
            assert digits.encode() not in data and digits.encode("utf-16-le") not in data, path


def test_a_saved_call_is_found_by_a_two_character_word(qtbot, window, monkeypatch):
    monkeypatch.setattr(work_page.RedactionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.notes.set_text("来电者说最近失眠很严重。")
    form.end_call()
    assert window.work.save()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    calls = window.work.calls
    assert QApplication.focusWidget() is calls.search
    type_text(calls.search, "失眠")
    qtbot.keyClick(calls.search, Qt.Key.Key_Return)
    assert calls.model.rowCount() == 1
    calls.search.clear()
    type_text(calls.search, "焦虑")
    qtbot.keyClick(calls.search, Qt.Key.Key_Return)
    assert calls.model.rowCount() == 0


def test_save_with_nothing_filled_says_what_is_required(qtbot, window, monkeypatch):
    said = {}
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.setdefault("text", text))
    log_in(qtbot, window)
    assert window.work.save() is False
    assert "Choose the call kind." in said["text"] and "start time" in said["text"]


def test_idle_lock_hides_the_call_keeps_the_draft_and_needs_the_same_person(qtbot, window, paths, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    type_text(form.notes.editor, "尚未保存的记录")
    form.end_call()  # the call is over: the idle lock no longer waits for it
    window.idle.timeout.emit()  # the idle minutes are up (no real timer to race against under load)
    assert window.session is None
    assert window.stack.currentWidget() is window.login_page
    assert not window.login_page.account.isEnabled()  # only the same person may unlock
    with Seat(paths).login("C001", "counselor-1") as check:
        draft = CallService(check).load_draft()
        assert draft is not None and "尚未保存的记录" in draft.form.notes
        actions = [e.action for e in check.audit.entries(limit=5)]
        assert "session.locked" in actions

    qtbot.keyClicks(window.login_page.password, "counselor-1")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None and "尚未保存的记录" in window.work.form.notes.text())
    assert window.idle.isActive() and window.idle.interval() == 5 * 60_000


def test_switch_counselor_keeps_the_first_ones_draft_theirs(qtbot, window, paths, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    log_in(qtbot, window)
    window.work.form.start_call()
    type_text(window.work.form.notes.editor, "王的草稿")
    window.lock()
    window.login_page.switch.click()
    assert window.login_page.account.isEnabled()
    log_in(qtbot, window, "A001", "admin-pass-1")
    assert window.work.form.notes.text() == ""
    with Seat(paths).login("C001", "counselor-1") as check:
        assert CallService(check).load_draft().form.notes == "王的草稿"


def test_wrong_password_shows_a_countdown_after_repeated_failures(qtbot, window):
    page = window.login_page
    for _ in range(3):  # three free tries; then a countdown
        qtbot.keyClicks(page.password, "wrong-password")
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert not page.button.isEnabled()
    assert re.search(r"\d", page.message.text())


def test_the_idle_lock_while_a_dialog_is_open_closes_it_and_keeps_the_call(qtbot, window, paths, monkeypatch):
    from PySide6.QtCore import QTimer

    real_exec = work_page.RedactionDialog.exec
    left_open = []

    def idle_meanwhile(dialog):  # the lock comes while the redaction dialog waits for an answer
        QTimer.singleShot(0, window.lock)  # first thing the dialog's own event loop does
        guard = QTimer(dialog, singleShot=True, interval=30_000)  # only so a broken lock fails instead of hanging
        guard.timeout.connect(lambda: left_open.append(dialog) or dialog.reject())
        guard.start()
        return real_exec(dialog)

    monkeypatch.setattr(work_page.RedactionDialog, "exec", idle_meanwhile)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.notes.set_text(f"请打{PHONE}")
    assert window.work.save() is False
    assert window.session is None and window.stack.currentWidget() is window.login_page
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()] and not left_open
    with Seat(paths).login("C001", "counselor-1") as check:
        draft = CallService(check).load_draft()
        assert draft.form.kind == "counselling" and draft.form.notes == "请打〔手机号〕"
        assert CallService(check).count_calls(CallFilter()) == 0


def test_lock_clears_text_copied_from_the_program(qtbot, window):
    log_in(qtbot, window)
    form = window.work.form
    form.notes.set_text("一段记录")
    form.notes.editor.selectAll()
    form.notes.editor.copy()
    clipboard = QApplication.clipboard()
    assert clipboard.text() == "一段记录"
    window.lock()
    assert clipboard.text() == ""


def test_a_quick_log_never_replaces_the_call_being_edited(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    log_in(qtbot, window)
    work, form = window.work, window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.notes.set_text("一通很长的咨询")
    form.end_call()
    assert work.save()
    [saved] = work.service.list_calls(CallFilter())
    form.load(work.service.get(saved.id).form, saved.id)  # open it for editing
    press(qtbot, window, Qt.Key.Key_F7)  # hang-up
    calls = {row.kind: row.id for row in work.service.list_calls(CallFilter())}
    assert set(calls) == {"counselling", "hang_up"}
    assert work.service.get(saved.id).form.notes == "一通很长的咨询"


def test_a_quick_log_asks_before_setting_aside_what_was_typed(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    log_in(qtbot, window)
    window.work.form.start_call()
    window.work.form.notes.set_text("正在记录")
    window.work.quick_log("silent")
    assert window.work.form.notes.text() == "正在记录"
    assert window.work.service.count_calls(CallFilter()) == 0


def test_switch_counselor_chooses_nobody_so_a_colleagues_password_never_counts_against_the_first(qtbot, window, paths):
    log_in(qtbot, window)
    window.lock()
    page = window.login_page
    page.switch.click()
    assert page.account.currentIndex() == -1 and page.account.currentData() is None
    qtbot.keyClicks(page.password, "the-colleagues-password")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.message.text() == page.tr("Choose your account first.")
    assert Seat(paths).vault.failures("C001") == 0 and window.session is None


def test_the_seat_menu_logs_out_and_quits_keeping_the_draft(qtbot, window, paths, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    log_in(qtbot, window)
    seat_menu = window.menuBar().actions()[0].menu()
    assert window.logout_action in seat_menu.actions() and window.quit_action in seat_menu.actions()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.work.form.start_call()
    type_text(window.work.form.notes.editor, "退出前的草稿")
    window.logout_action.trigger()
    assert window.session is None and window.stack.currentWidget() is window.login_page
    assert window.login_page.account.isEnabled()  # anyone may log in next, not only the one who left
    assert not window.logout_action.isEnabled()
    with Seat(paths).login("C001", "counselor-1") as check:
        assert CallService(check).load_draft().form.notes == "退出前的草稿"
        assert check.audit.entries(limit=3)[1].action == "session.closed"
    log_in(qtbot, window)
    window.quit_action.trigger()
    assert not window.isVisible() and window.session is None


def test_the_idle_lock_waits_during_a_live_call_and_locks_after_the_hard_limit(qtbot, window, paths, monkeypatch):
    """Listening to a crisis call, a counselor may type nothing for many minutes: no lock in the middle of it."""
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    window.idle.timeout.emit()  # five quiet minutes with the call timer running
    assert window.session is not None and window.idle.isActive()
    assert window.idle.interval() <= 30_000  # it looks again soon, and not by locking
    quiet = window._activity.quiet
    monkeypatch.setattr(quiet, "elapsed", lambda: 90 * 60_000)  # 90 quiet minutes: the seat's hard limit
    window.idle.timeout.emit()
    assert window.session is None  # locked anyway


def test_after_the_call_ends_the_idle_lock_counts_afresh(qtbot, window, paths):
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    window.idle.timeout.emit()
    assert window.session is not None
    form.end_call()
    window.idle.timeout.emit()  # the half-minute look after the call ended: the idle time starts again
    assert window.session is not None and window.idle.isActive() and window.idle.interval() == window._idle_ms
    window.idle.timeout.emit()  # the idle minutes after the call are up
    assert window.session is None


def test_a_lead_sets_the_hard_limit_for_the_lock_during_a_call(session):
    from desktop.errors import BadInput
    from desktop.lock_policy import CALL_LOCK_MINUTES, call_lock_minutes, set_call_lock_minutes

    assert call_lock_minutes(session.store) == CALL_LOCK_MINUTES == 90
    set_call_lock_minutes(session, 45)
    assert call_lock_minutes(session.store) == 45
    assert session.audit.entries(limit=1)[0].action == "lock.call_limit"
    with pytest.raises(BadInput):
        set_call_lock_minutes(session, 5)
