"""The draft of the call on screen is never more than 5 s behind, however the typing goes on; it is written at
once before a modal dialog, on lock and on close; the write runs off the GUI thread.

The typing test runs on a fake clock: the draft timer of ui/drafts.py is replaced by one that fires when the
test moves the clock, so a 5-minute stretch of typing takes no real time and no timer races the test.
"""

import threading

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

import desktop.calls
import ui.drafts
import ui.settings
from desktop.call_model import CallFilter
from desktop.calls import CallService
from desktop.seat import Seat
from tests.conftest import type_text
from tests.test_ui_call import log_in
from ui import work_page

PROMISE_S = 5.0  # README: a draft is never more than 5 s behind what was typed
TEXT = "来访者说最近睡不好，工作压力很大，和家人的关系也紧张。她想找人说说话，慢慢地情绪平稳了一些。"


class FakeClock:
    """Seconds since the test began; timers made while it is installed fire when `advance` passes them."""

    def __init__(self):
        self.now = 0.0
        self.timers = []

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while True:
            due = [t for t in self.timers if t.active and t.deadline <= end]
            if not due:
                break
            timer = min(due, key=lambda t: t.deadline)
            self.now = timer.deadline
            timer.fire()
        self.now = end


class _Signal:
    def __init__(self):
        self._slots = []

    def connect(self, slot) -> None:
        self._slots.append(slot)

    def emit(self) -> None:
        for slot in list(self._slots):
            slot()


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()

    class FakeTimer:
        def __init__(self, _parent=None, singleShot=False, interval=0):  # noqa: N803 - QTimer's keywords
            self.single_shot, self._interval = singleShot, interval
            self.active, self.deadline = False, 0.0
            self.timeout = _Signal()
            fake.timers.append(self)

        def interval(self) -> int:
            return self._interval

        def isActive(self) -> bool:  # noqa: N802 - QTimer's name
            return self.active

        def start(self, interval=None) -> None:
            if interval is not None:
                self._interval = interval
            self.active, self.deadline = True, fake.now + self._interval / 1000

        def stop(self) -> None:
            self.active = False

        def fire(self) -> None:
            self.active = not self.single_shot
            self.deadline = fake.now + self._interval / 1000
            self.timeout.emit()

    monkeypatch.setattr(ui.drafts, "QTimer", FakeTimer)
    return fake


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Questions answered Yes (closing with a call on screen among them), as (kind, title, text)."""
    shown = []

    def question(_parent, title, text, *args):
        shown.append(("question", title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown


@pytest.fixture
def window(qtbot, seat, open_window):
    return open_window


def stored_notes(window) -> str:
    """The notes of the counselor's draft as the database holds it once the writer has written what it got."""
    assert window.work.drafts.writer.flush(timeout=30)
    draft = CallService(window.session).load_draft()
    return draft.form.notes if draft else ""


@pytest.mark.parametrize("setting", [1, 3, 30])
def test_typing_without_a_pause_is_never_more_than_5_s_behind_in_the_draft(qtbot, window, clock, setting):
    window = window(autosave_seconds=setting)  # 30: an old setting beyond the promise is held to it
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    typed = []  # (fake time, the notes so far)
    step = 0.25  # four characters a second, for five minutes, never stopping
    for n in range(int(300 / step)):
        type_text(form.notes.editor, TEXT[n % len(TEXT)])
        typed.append((clock.now, form.notes.text()))
        clock.advance(step)
        if n % 8 == 0 or n > 1190:  # looking every two seconds is enough, and at the very end
            stored = stored_notes(window)
            due = [text for at, text in typed if at <= clock.now - PROMISE_S]
            assert stored.startswith(due[-1] if due else ""), f"the draft is over 5 s behind at {clock.now:.2f} s"
    clock.advance(PROMISE_S)  # and 5 s after the last key, all of it
    assert stored_notes(window) == form.notes.text()


def test_a_draft_is_written_before_a_modal_dialog_shows_and_at_lock(qtbot, window, clock, paths):
    window = window(autosave_seconds=3)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    type_text(form.notes.editor, "对话框之前")
    assert stored_notes(window) == ""  # the timer has not run out: nothing written yet
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()  # any modal dialog, before it waits for an answer
    assert stored_notes(window) == "对话框之前"
    dialog.close()

    type_text(form.notes.editor, "，锁定之前")
    window.lock()
    with Seat(paths).login("C001", "counselor-1") as check:
        assert CallService(check).load_draft().form.notes == "对话框之前，锁定之前"


def test_closing_the_window_keeps_what_was_typed_a_moment_ago(qtbot, window, clock, paths, messages):
    window = window(autosave_seconds=3)
    log_in(qtbot, window)
    window.work.form.start_call()
    type_text(window.work.form.notes.editor, "关窗之前")
    window.close()
    assert messages[-1][0] == "question"  # asked whether to close with a call on screen
    with Seat(paths).login("C001", "counselor-1") as check:
        assert CallService(check).load_draft().form.notes == "关窗之前"


def test_the_draft_is_written_off_the_gui_thread_so_a_busy_database_never_holds_up_typing(
    qtbot, window, clock, paths, monkeypatch
):
    writers = []
    real_save_draft = desktop.calls.CallService.save_draft

    def spy(service, *args, **kwargs):
        writers.append(threading.get_ident())
        return real_save_draft(service, *args, **kwargs)

    monkeypatch.setattr(desktop.calls.CallService, "save_draft", spy)
    window = window(autosave_seconds=3)
    log_in(qtbot, window)
    form, drafts = window.work.form, window.work.drafts
    form.start_call()
    with Seat(paths).login("A001", "admin-pass-1") as other:  # another connection holds the write lock
        other.store.execute("BEGIN IMMEDIATE")
        type_text(form.notes.editor, "数据库忙")
        clock.advance(3)  # the draft is due: handed to the writer, which now waits for the lock
        assert not drafts.writer.flush(timeout=0.2)  # still waiting for the database...
        type_text(form.notes.editor, "，照样打字")  # ...while the counselor goes on typing
        assert form.notes.text() == "数据库忙，照样打字"
        other.store.execute("COMMIT")
    assert stored_notes(window).startswith("数据库忙")
    assert writers and threading.get_ident() not in writers


def test_back_to_the_call_in_the_redaction_dialog_saves_nothing_and_keeps_the_form(qtbot, window, clock, monkeypatch):
    def press_back(dialog):  # the real dialog, its real button, clicked
        dialog.show()
        qtbot.waitExposed(dialog)
        [back] = [b for b in dialog.findChildren(QPushButton) if b.text() == dialog.tr("Back to the call")]
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(work_page.RedactionDialog, "exec", press_back)
    window = window(autosave_seconds=3)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    note = "她说可以打13812345678找她。"
    type_text(form.notes.editor, note)
    form.end_call()
    qtbot.keyClick(form.notes.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.notes.text() == note and form.kind.currentData() == "counselling"  # still on screen, unchanged
    service = CallService(window.session)
    assert service.count_calls(CallFilter()) == 0
    assert "call.saved" not in [e.action for e in window.session.audit.entries(limit=50)]
    assert window.statusBar().currentMessage() == ""


def test_the_setting_cannot_ask_for_a_draft_less_often_than_the_promise():
    assert ui.settings.AUTOSAVE_SECONDS.maximum <= PROMISE_S == ui.drafts.MAX_WAIT_S
