"""The follow-up tab and the status bar on an enrolled seat (issue 16 point 2), against a stand-in for the centre's
line: every seat's open follow-ups with a 席位 column, the corner counting them, a follow-up's history (who, when,
what, at which seat), closing through close_follow_up, and offline the line saying since when."""

from datetime import timedelta

import pytest

from PySide6.QtWidgets import QDialog, QInputDialog

from tests.fake_line import T0, a_follow_up
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from ui import center_line
from ui.center_followups import FollowUpHistory


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=1)


@pytest.fixture
def enrolled(monkeypatch, line, seat_clock):
    seat_clock(T0)
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    line.follow_ups = [
        a_follow_up("f-1", "席位B", overdue=True, due=T0 - timedelta(hours=1)),
        a_follow_up("f-2", "席位C", due=T0 + timedelta(hours=3), owner="C002", case_code="P3X-88A"),
    ]
    return line


def shown(queue) -> list[list[str]]:
    tree = queue.follow_ups
    return [[tree.topLevelItem(r).text(c) for c in range(5)] for r in range(tree.topLevelItemCount())]


def test_the_tab_shows_every_seats_follow_ups_with_the_seat(qtbot, window, enrolled):
    log_in(qtbot, window, "L001")
    queue = window.work.queue
    window.work.show_follow_ups()
    assert queue.follow_ups.headerItem().text(1) == "Seat"
    rows = shown(queue)
    assert [r[1] for r in rows] == ["席位B", "席位C"]
    assert rows[0][0].startswith("OVERDUE") and rows[1][3] == "咨询员 张 (C002)"
    assert not queue.offline.isVisible()
    assert window.follow_up_corner.text() == "Follow-ups: 2 due (1 of them overdue)"


def test_the_history_names_who_when_what_and_at_which_seat(qtbot, window, enrolled, monkeypatch):
    log_in(qtbot, window, "L001")
    queue = window.work.queue
    window.work.show_follow_ups()
    queue.follow_ups.setCurrentItem(queue.follow_ups.topLevelItem(0))
    seen = {}

    def look(dialog):
        seen["rows"] = dialog.rows()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FollowUpHistory, "exec", look)
    queue.history_button.click()
    created, changed = seen["rows"]
    assert created[1:4] == ["咨询员 王 (C001)", "席位B", "created"]
    assert changed[1:4] == ["班长 李 (L001)", "席位A", "changed"] and changed[5] == "班长 李 (L001)"


def test_closing_goes_through_the_centres_close(qtbot, window, enrolled, monkeypatch):
    log_in(qtbot, window, "L001")
    queue = window.work.queue
    window.work.show_follow_ups()
    queue.follow_ups.setCurrentItem(queue.follow_ups.topLevelItem(1))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已回访，情绪平稳", True))
    enrolled.down = True  # closing needs no network: the event waits in the outbox
    queue._complete()
    assert ("close_follow_up", ("f-2", "已回访，情绪平稳")) in enrolled.calls
    assert [r[1] for r in shown(queue)] == ["席位B"]


def test_offline_the_tab_says_since_when_it_knows(qtbot, window, enrolled):
    enrolled.down = True
    log_in(qtbot, window, "L001")
    queue = window.work.queue
    window.work.show_follow_ups()
    assert len(shown(queue)) == 2  # what the seat last knew stays
    assert queue.offline.isVisible()
    assert queue.offline.text() == "Showing the state as of 11:35 (not connected to the centre)"


def test_a_seat_that_is_not_enrolled_keeps_its_own_queue(qtbot, window, line):
    log_in(qtbot, window, "L001")
    queue = window.work.queue
    assert queue.centre is None and queue.follow_ups.headerItem().text(1) == "Case code"
    assert not queue.history_button.isVisibleTo(queue) and not line.calls
