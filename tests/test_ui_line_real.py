"""The window's tools of the line (issue 16) against the tests' real PostgreSQL with three enrolled seats: the
board shows every seat, the follow-up tab shows a follow-up made at another seat with its seat and its history,
the handover window lays out the centre's real summary (every seat named in the PDF), and a stopped centre keeps
the board's last state and offers the seat's own summary."""

from datetime import timedelta

import pytest

from desktop.center import line
from desktop.clock import utc_now
from desktop.followups import FollowUpService
from desktop.taxonomy import load_taxonomy
from tests.center_line_helpers import centre, high_call, offline, sync_all, three_seats  # noqa: F401 - fixture
from ui.center_board import COL_STATE, BoardWindow
from ui.followup_queue import FollowUpQueue
from ui.handover_dialog import HandoverDialog


@pytest.fixture
def line_day(seats, pg):
    """A centre shift opened at A an hour ago; a high-risk call with a follow-up for the lead saved at B and at C
    since; all synced."""
    a, b, c = seats
    line.open_shift(a, a.actor, [b.actor, c.actor])
    centre(pg, "UPDATE center.line_shift SET started_at = now() - interval '1 hour'")
    now = utc_now()
    high_call(b, now - timedelta(minutes=20), "K7Q-39M", "回访确认就诊")
    high_call(c, now - timedelta(minutes=10), "P3X-88A", "回访确认安全")
    sync_all(b, c, a)
    for seat in seats:
        line.report_state(seat, seat.actor, None)
    return seats


def test_the_board_shows_the_three_seats_of_the_line(qtbot, line_day):
    a, _b, _c = line_day
    board = BoardWindow(a)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.updated):
        board.show()
    model = board.model
    rows = {model.index(r, 0).data(): model.index(r, COL_STATE).data() for r in range(model.rowCount())}
    assert rows == {"席位A": "Online", "席位B": "Online", "席位C": "Online"}
    assert "1 seat(s)" not in board.freshness.text() and "3 seat(s), updated" in board.freshness.text()


def test_a_follow_up_from_another_seat_is_in_the_queue_with_its_seat_and_history(qtbot, line_day):
    a, _b, _c = line_day
    queue = FollowUpQueue(FollowUpService(a), load_taxonomy(), "zh", lambda: True, centre=a)
    qtbot.addWidget(queue)
    queue.reload()
    tree = queue.follow_ups
    seats = sorted(tree.topLevelItem(r).text(1) for r in range(tree.topLevelItemCount()))
    assert seats == ["席位B", "席位C"] and not queue.offline.isVisible()
    assert all(item.history and item.history[0].what == "created" for item in queue.centre.items)


def test_the_handover_window_lays_out_the_centres_summary(qtbot, line_day):
    from PySide6.QtPdf import QPdfDocument

    a, _b, _c = line_day
    dialog = HandoverDialog(a, "zh")
    qtbot.addWidget(dialog)
    dialog.present()
    dialog.scope.whole_centre.click()
    qtbot.waitUntil(lambda: dialog.shown is not None)
    assert dialog.shown.what.startswith("center_shift:") and dialog.shown.calls == 2
    assert dialog.document.status() == QPdfDocument.Status.Ready
    text = "".join(dialog.document.getAllText(page).text() for page in range(dialog.document.pageCount()))
    assert all(name in text for name in ("席位A", "席位B", "席位C"))


def test_a_stopped_centre_keeps_the_board_and_offers_the_seats_own_summary(qtbot, line_day):
    a, _b, _c = line_day
    board = BoardWindow(a)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.updated):
        board.show()
    dialog = HandoverDialog(a, "zh")
    qtbot.addWidget(dialog)
    with offline(a):
        with qtbot.waitSignal(board.updated) as shown:
            board.refresh()
        assert not shown.args[0].live and board.model.rowCount() == 3
        assert "not connected to the centre" in board.freshness.text()
        dialog.present()
        dialog.scope.whole_centre.click()
        assert "the centre's handover cannot be made now" in dialog.message.text()
        assert dialog.own_button.isVisibleTo(dialog)
