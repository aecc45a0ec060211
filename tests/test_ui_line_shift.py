"""The centre's shift from the shift window (issue 16 point 1) against a stand-in for the centre's line: opening
asks the centre first; a shift another lead opened is named (lead and seat) and nothing is opened; a centre out
of reach opens the shift here and says what happens; closing closes the centre's too; a seat that is not
enrolled never asks the centre."""

import pytest

from PySide6.QtWidgets import QMessageBox

from tests.fake_line import T0
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from ui import center_line
from ui.shift_dialog import HandoverNoteDialog, OpenShiftDialog


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=1)


@pytest.fixture
def enrolled(monkeypatch, line):
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    return line


@pytest.fixture
def said(monkeypatch):
    """Every message box shown, as (kind, text); questions are answered Yes."""
    shown = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, _t, text, *a, k=kind: shown.append((k, text)) or QMessageBox.StandardButton.Ok
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def open_with(monkeypatch, dialog, codes=("C001",)):
    def run(box: OpenShiftDialog):
        box.set_checked(list(codes))
        box.accept()
        return box.result()

    monkeypatch.setattr(OpenShiftDialog, "exec", run)
    dialog.open_shift()


def test_opening_asks_the_centre_first_then_opens_here(qtbot, window, enrolled, monkeypatch, said):
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    assert "none is open" in dialog.centre_label.text()
    open_with(monkeypatch, dialog)
    asked = [args for name, args in enrolled.calls if name == "open_shift"]
    assert asked and asked[0][0] == "L001" and asked[0][1] == ("C001",)
    assert dialog.service.open_shift() is not None and not said
    assert "led by 班长 李 (L001), opened at 席位A" in dialog.centre_label.text()


def test_a_shift_another_lead_opened_is_named_and_nothing_opens_here(qtbot, window, enrolled, monkeypatch, said):
    enrolled.shift = enrolled.CenterShift("s-9", "L777", T0, None, None, ("C009",), "席位C", False)
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    assert dialog.close_button.isEnabled()  # the centre's shift may be closed from any seat
    open_with(monkeypatch, dialog)
    assert said and said[0][0] == "warning"
    assert "L777" in said[0][1] and "席位C" in said[0][1] and "nothing was opened" in said[0][1]
    assert dialog.service.open_shift() is None  # nothing opened at this seat


def test_the_centre_out_of_reach_opens_here_and_says_what_happens(qtbot, window, enrolled, monkeypatch, said):
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    enrolled.down = True
    dialog.refresh()
    assert "(not connected to the centre)" in dialog.centre_label.text() and dialog.centre_label.property("problem")
    open_with(monkeypatch, dialog)
    assert said[-1][0] == "information" and "opens at this seat only" in said[-1][1]
    assert "when this seat syncs again" in said[-1][1]
    assert dialog.service.open_shift() is not None


def test_closing_closes_the_centres_shift_with_the_note(qtbot, window, enrolled, monkeypatch, said):
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    open_with(monkeypatch, dialog)
    dialog.service.set_note(dialog.service.open_shift().id, "线路正常")
    window.work.handover_requested.disconnect()  # no handover offer in this test
    dialog.close_shift()
    assert ("close_shift", ("线路正常",)) in enrolled.calls
    assert "The centre's shift is closed." in dialog.message.text() and enrolled.shift is None


def test_a_lead_closing_the_centres_shift_from_a_seat_without_one_writes_its_handover_note(
    qtbot, window, enrolled, monkeypatch, said
):
    """No shift is open at this seat; the centre's was opened at another. Closing it asks for the handover
    note (nothing of a seat's shift to take it from), with the guard's underlining and choices; cancelling
    the note closes nothing."""
    enrolled.shift = enrolled.CenterShift("s-9", "L777", T0, None, None, ("C009",), "席位C", False)
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    notes = []

    def write(box: HandoverNoteDialog):
        assert box.notes.text() == ""
        if not notes:  # the first time the lead cancels
            notes.append(None)
            box.reject()
        else:
            box.notes.set_text("夜班两个回访待跟进，线路正常。")
            box.accept()
        return box.result()

    monkeypatch.setattr(HandoverNoteDialog, "exec", write)
    dialog.close_shift()
    assert not [c for c in enrolled.calls if c[0] == "close_shift"] and enrolled.shift is not None
    dialog.close_shift()
    assert ("close_shift", ("夜班两个回访待跟进，线路正常。",)) in enrolled.calls and enrolled.shift is None
    assert enrolled.close_choices is not None  # the lead's choices of the note's dialog go with it
    assert "The centre's shift is closed." in dialog.message.text()


def test_closing_while_the_centre_is_down_says_its_shift_stays_open(qtbot, window, enrolled, monkeypatch, said):
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    open_with(monkeypatch, dialog)
    enrolled.down = True
    window.work.handover_requested.disconnect()
    dialog.close_shift()
    assert dialog.service.open_shift() is None  # closed here all the same
    assert "its shift stays open" in dialog.message.text() and dialog.message.property("problem")


def test_a_seat_that_is_not_enrolled_never_asks_the_centre(qtbot, window, line, monkeypatch, said):
    log_in(qtbot, window, "L001")
    dialog = window.work.shift_dialog()
    assert dialog.centre is None and not dialog.centre_label.isVisibleTo(dialog)
    open_with(monkeypatch, dialog)
    assert dialog.service.open_shift() is not None and not line.calls
