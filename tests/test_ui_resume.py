"""Coming back to the call on screen: after unlocking one's own lock it simply goes on (no question), and a
new call over an opened saved call says what happens to it (or asks nothing when nothing changed)."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.call_model import CallFilter
from tests.conftest import type_text
from tests.test_ui_call import log_in


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window(autosave_seconds=1)


@pytest.fixture
def questions(monkeypatch):
    """Every question asked, answered Yes."""
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_unlocking_ones_own_lock_brings_the_call_back_without_a_question(qtbot, window, questions):
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    type_text(form.notes.editor, "锁屏前正在记录")
    window.lock()
    qtbot.keyClicks(window.login_page.password, "counselor-1")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None and window.work.form.notes.text() == "锁屏前正在记录")
    assert questions == []  # the form just goes on
    assert window.work.form.running  # the call was running when it locked: its timer runs on


def test_a_draft_of_an_earlier_session_is_still_offered_with_a_question(qtbot, window, questions):
    """Only one's own lock with a call on screen skips the question: a log-in after logging out asks."""
    log_in(qtbot, window)
    window.work.form.start_call()
    type_text(window.work.form.notes.editor, "退出前的草稿")
    window.logout_action.trigger()
    questions.clear()
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.work.form.notes.text() == "退出前的草稿")
    assert len(questions) == 1 and "Restore it?" in questions[0]


def saved_and_opened(qtbot, window):
    log_in(qtbot, window)
    work, form = window.work, window.work.form
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.notes.set_text("一通已保存的通话")
    form.end_call()
    assert work.save()
    [saved] = work.service.list_calls(CallFilter())
    form.load(work.service.get(saved.id).form, saved.id)
    return work, form


def test_ctrl_n_on_an_unchanged_saved_call_closes_it_without_a_question(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    work, form = saved_and_opened(qtbot, window)
    assert not work.has_unsaved_call  # nothing on screen would be lost
    qtbot.keyClick(form.kind, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and form.is_empty()
    assert work.service.count_calls(CallFilter()) == 1


def test_ctrl_n_on_a_changed_saved_call_says_the_saved_call_stays(qtbot, window, questions):
    work, form = saved_and_opened(qtbot, window)
    type_text(form.notes.editor, "又补了一句")
    qtbot.keyClick(form.kind, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(questions) == 1
    assert "saved" in questions[0] and "Discard the call on screen" not in questions[0]
    assert form.is_empty()
    assert work.service.list_calls(CallFilter())[0].id is not None
    [row] = work.service.list_calls(CallFilter())
    assert work.service.get(row.id).form.notes == "一通已保存的通话"
