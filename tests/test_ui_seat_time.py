"""Times in the window are the seat's wall-clock time (Asia/Shanghai), whatever zone the computer is set to:
a counselor in Beijing on a computer left on UTC or New York time must still read the call's own hours."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtWidgets import QMessageBox

from desktop.clock import seat_time
from tests.test_ui_call import log_in
from ui.widgets.seat_time import from_edit, seat_time_edit

SHOWN = "%Y-%m-%d %H:%M"


@pytest.fixture(autouse=True)
def closing_answers_yes(monkeypatch):
    """The windows close with a call on screen at the end: the question is answered, not waited for."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture(params=["UTC", "America/New_York"])
def computer_zone(request, monkeypatch):
    """The computer's own zone, far from the seat's."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_the_call_form_shows_and_reads_the_seats_hours(qtbot, seat, open_window, computer_zone):
    window = open_window(autosave_seconds=600)
    log_in(qtbot, window)
    form = window.work.form
    form.start_call()
    started = datetime(2026, 11, 23, 16, 5, 30, tzinfo=UTC)  # 00:05 the next day in Beijing
    form.started = started
    form.end_call()
    form.ended = started + timedelta(minutes=40)
    form._show_times()
    assert form.start_edit.text() == "2026-11-24 00:05"
    assert form.end_edit.text() == "2026-11-24 00:45"

    form.end_edit.setFocus()  # the counselor corrects the end by keyboard: 00:45 becomes 00:50
    form.end_edit.setCurrentSection(form.end_edit.Section.MinuteSection)
    for _ in range(5):
        form.end_edit.stepUp()
    assert form.ended == started + timedelta(minutes=45)
    assert form.started == started  # untouched, to the second


def test_a_follow_up_is_due_at_the_seats_hour_shown(qtbot, seat, open_window, computer_zone):
    window = open_window(autosave_seconds=600)
    log_in(qtbot, window)
    panel = window.work.form.referrals
    expected = seat_time(datetime.now(UTC) + timedelta(hours=24))
    assert panel.due.text() in {expected.strftime(SHOWN), (expected - timedelta(minutes=1)).strftime(SHOWN)}
    panel.due.setFocus()
    panel.due.setCurrentSection(panel.due.Section.HourSection)
    panel.due.stepUp()
    shown = panel.due.text()
    panel.note.setText("回访")
    panel.add_follow_up_button.click()
    [follow_up] = panel.follow_ups()
    assert seat_time(follow_up.due_at).strftime(SHOWN) == shown


def test_every_seat_time_edit_shows_the_seats_hour_and_gives_back_the_same_moment(qtbot, computer_zone):
    moment = datetime(2026, 11, 23, 16, 5, 30, tzinfo=UTC)
    edit = seat_time_edit(moment)  # as the shift's planned end, the call's times and a follow-up's due
    qtbot.addWidget(edit)
    assert edit.text() == "2026-11-24 00:05"
    assert from_edit(edit.dateTime()) == moment
