"""The lead's line board and the seat's heartbeat (issue 16 point 4) in the window, against a stand-in for the
centre's line (tests/fake_line.py): the menu entry only for leads of an enrolled seat, every seat with its
state, a silent seat marked in words and colour, the centre down keeping what was known and saying since when,
and the heartbeat at log-in, at a call's start and end, and at log-out."""

from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QMessageBox

from tests.fake_line import T0
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from ui import center_line, theme
from ui.center_board import COL_BREAK, COL_CALL, COL_OVERDUE, COL_STATE, BoardWindow, SeatsModel


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=1)


@pytest.fixture
def enrolled(monkeypatch, line):
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    return line


def texts(model: SeatsModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_seats_model_passes_the_model_tester(qtmodeltester, line):
    model = SeatsModel()
    model.set_rows(line.seats, T0)
    qtmodeltester.check(model)


def test_a_lead_of_an_enrolled_seat_opens_the_board_with_ctrl_shift_d(qtbot, window, enrolled, seat_clock):
    seat_clock(T0)
    enrolled.shift = enrolled.CenterShift("s-1", "L001", T0 - timedelta(hours=2), None, None, ("C001",), "席位A", False)
    log_in(qtbot, window, "L001")
    assert window.board_action.isVisible() and window.board_action.shortcut() == QKeySequence("Ctrl+Shift+D")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    board = window.work.findChild(BoardWindow)
    assert board is not None and board.isVisible()
    model = board.model
    assert model.rowCount() == 3
    rows = {texts(model, r)[0]: texts(model, r) for r in range(3)}
    assert rows["席位B"][COL_CALL] == "38 min"  # on a call for 38 minutes; never a word of it
    assert rows["席位B"][COL_BREAK] == "咨询员 王 (C001)" and rows["席位B"][COL_OVERDUE] == "1"
    assert rows["席位C"][COL_STATE].startswith("SILENT since")  # said in words …
    silent = model.index(2, COL_STATE)
    assert silent.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(theme.colours()["danger"])  # … and colour
    assert "L001" in board.shift.text() and "席位A" in board.shift.text()
    assert "1 seat(s) silent" in board.freshness.text()


def test_a_counselor_and_a_seat_that_is_not_enrolled_see_nothing_of_the_board(qtbot, window, line, monkeypatch):
    log_in(qtbot, window, "L001")  # not enrolled: no entry even for a lead
    assert not window.board_action.isVisible() and not window.board_action.isEnabled()
    assert window.center_tools.open_board() is None and not line.calls  # and no heartbeat either
    window.lock()
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    log_in(qtbot, window, "C001")
    assert not window.board_action.isVisible()


def test_the_centre_down_keeps_the_last_board_and_says_since_when(qtbot, window, enrolled, seat_clock):
    clock = seat_clock()
    log_in(qtbot, window, "L001")
    board = window.center_tools.open_board()
    assert board.model.rowCount() == 3 and "updated 12:00" in board.freshness.text()
    clock.advance(minutes=5)
    enrolled.down = True
    with qtbot.waitSignal(board.updated) as shown:
        board.refresh()
    assert not shown.args[0].live and board.model.rowCount() == 3  # what was last known stays
    assert board.freshness.text() == "Showing the state as of 12:00 (not connected to the centre)"
    assert board.freshness.property("problem")


def test_the_board_refreshes_every_half_minute_off_the_gui_thread(qtbot, window, enrolled, monkeypatch):
    from ui import center_board, worker

    log_in(qtbot, window, "L001")
    ran = []
    monkeypatch.setattr(worker, "run_in_background", lambda work, done, failed: ran.append(work))
    monkeypatch.setattr(center_line, "run_in_background", lambda work, done, failed: ran.append(work))
    board = window.center_tools.open_board()
    assert board.timer.interval() == center_board.REFRESH_MS == 30_000 and board.timer.isActive()
    assert len(ran) == 1  # handed to the worker, not run here
    board.refresh()
    assert len(ran) == 1  # one question at a time
    board.close()
    assert not board.timer.isActive()


def test_the_heartbeat_reports_log_in_a_call_and_log_out(qtbot, window, enrolled, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # the draft kept
    log_in(qtbot, window, "C001")
    reports = lambda: [args for name, args in enrolled.calls if name == "report_state"]  # noqa: E731
    assert reports() == [("C001", None)]
    window.start_action.trigger()
    started = window.work.form.started
    assert reports()[-1] == ("C001", started)
    window.end_action.trigger()
    assert reports()[-1] == ("C001", None)
    window.log_out()
    assert reports()[-1] == (None, None)


def test_a_heartbeat_that_does_not_reach_the_centre_says_nothing(qtbot, window, enrolled):
    enrolled.down = True
    log_in(qtbot, window, "C001")
    window.start_action.trigger()  # no dialog, no exception: the status bar's centre label says it
    assert window.work is not None
    window.work.form.clear()  # nothing left for closing the window to ask about


def test_an_offline_seat_says_since_when_and_who_was_there_is_not_guessed(qtbot, line, seat_clock):
    from dataclasses import replace

    seat_clock(T0)
    gone = replace(line.seats[0], online=False, last_seen=T0 - timedelta(minutes=4), logged_in=None, silent=False)
    model = SeatsModel()
    model.set_rows([gone], T0)
    assert texts(model, 0)[COL_STATE] == "Offline since 11:56" and texts(model, 0)[3] == "—"
