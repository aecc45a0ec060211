"""Supervision from the call list: a lead flags a call and writes notes; counselors never see either."""

from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from desktop.calls import CallService
from desktop.supervision import SupervisionService
from tests.test_calls import a_call
from tests.test_ui_shifts import as_, log_in, seat, window  # noqa: F401 - fixtures
from ui.call_list import CallTableModel
from ui.supervision_dialog import SupervisionDialog


@pytest.fixture
def call_id(seat, paths):  # noqa: F811
    now = datetime.now(UTC)
    with as_(paths, "C001") as counselor:
        return CallService(counselor).save(a_call(started_at=now - timedelta(hours=1), ended_at=now)).call_id


def show_calls(window):  # noqa: F811
    work = window.work
    work.tabs.setCurrentWidget(work.calls)
    return work.calls


def test_a_lead_flags_a_call_from_the_list_and_removes_the_flag(qtbot, window, call_id):  # noqa: F811
    log_in(qtbot, window, "L001")
    calls = show_calls(window)
    model = calls.model
    assert not calls.table.isColumnHidden(CallTableModel.COL_SUPERVISION)
    assert model.row_at(0).id == call_id and model.data(model.index(0, CallTableModel.COL_SUPERVISION)) == ""

    flag = calls.menu_for(0).findChild(QAction, "supervisionFlagAction")
    assert flag.text() == calls.tr("Flag for supervision")
    flag.trigger()
    assert SupervisionService(window.session).is_flagged(call_id)
    assert model.data(model.index(0, CallTableModel.COL_SUPERVISION)) == calls.tr("Flagged")  # a word, not a colour
    entry = window.session.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.object) == ("L001", "supervision.flagged", f"call:{call_id}")

    unflag = calls.menu_for(0).findChild(QAction, "supervisionFlagAction")
    assert unflag.text() == calls.tr("Remove supervision flag")
    unflag.trigger()
    assert not SupervisionService(window.session).is_flagged(call_id)
    assert model.data(model.index(0, CallTableModel.COL_SUPERVISION)) == ""


def test_a_lead_writes_a_supervision_note_and_the_phone_number_is_hidden(qtbot, window, call_id, monkeypatch):  # noqa: F811
    log_in(qtbot, window, "L001")
    calls = show_calls(window)
    seen = {}

    def exec_(dialog):
        seen["dialog"] = dialog
        assert dialog.tr("No supervision notes yet.") in dialog.view.toPlainText()
        qtbot.keyClicks(dialog.notes.editor, "Good listening; the caller gave 13912345678, do not call back.")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        seen["message"] = dialog.message.text()
        seen["shown"] = dialog.view.toPlainText()
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # nothing typed: refused, with words
        seen["empty"] = dialog.message.text()
        return 0

    monkeypatch.setattr(SupervisionDialog, "exec", exec_)
    calls.menu_for(0).findChild(QAction, "supervisionNotesAction").trigger()
    notes = SupervisionService(window.session).notes(call_id)
    assert len(notes) == 1 and notes[0].author == "L001"
    assert "13912345678" not in notes[0].text and "3912" not in notes[0].text and "Good listening" in notes[0].text
    assert "1" in seen["message"] and seen["dialog"].tr("mobile number") in seen["message"]
    assert "班长 李" in seen["shown"] and "13912345678" not in seen["shown"]
    assert seen["empty"] and SupervisionService(window.session).is_flagged(call_id)  # a note flags the call
    assert calls.model.data(calls.model.index(0, CallTableModel.COL_SUPERVISION)) == calls.tr("Flagged")


def test_a_counselor_sees_no_supervision(qtbot, window, call_id, paths):  # noqa: F811
    with as_(paths, "L001") as lead:
        SupervisionService(lead).add_note(call_id, "Review the closing of the call.")
    log_in(qtbot, window, "C001")
    calls = show_calls(window)
    assert calls.model.rowCount() == 1 and not calls.model.row_at(0).supervision_flag  # the core does not send it
    assert calls.table.isColumnHidden(CallTableModel.COL_SUPERVISION)
    menu = calls.menu_for(0)
    assert menu.findChild(QAction, "supervisionFlagAction") is None
    assert menu.findChild(QAction, "supervisionNotesAction") is None
    assert [a.text() for a in menu.actions()] == [calls.tr("Open")]
