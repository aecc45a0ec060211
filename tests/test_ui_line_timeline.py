"""A repeat caller across seats in the read view's timeline (issue 16 point 6), against a stand-in for the centre's
line: at an enrolled seat the calls of the case code from every seat are added, each with its seat label, another
seat's call shows its summary and is not offered to open here; a seat that is not enrolled asks nothing."""

from datetime import timedelta

import pytest

from PySide6.QtCore import Qt

from desktop.calls import CallService
from desktop.center.line import CenterTimelineEntry
from desktop.risk import NOT_ASSESSED
from tests.fake_line import T0
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from tests.test_calls import a_call
from ui import center_line
from ui.call_view import CallReadDialog

CODE = "K7Q-39M"


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=30)


def elsewhere(seat: str, hours_ago: float, call_id=None) -> CenterTimelineEntry:
    return CenterTimelineEntry(
        call_id, T0 - timedelta(hours=hours_ago), T0 - timedelta(hours=hours_ago - 0.5), "C002", "counselling",
        ("family.conflict",), NOT_ASSESSED, NOT_ASSESSED, (), (), (),
        seat=seat, uuid=f"u-{seat}", summary="家庭冲突，情绪低落",
    )  # fmt: skip


@pytest.fixture
def saved(window, qtbot, seat_clock):
    seat_clock(T0)
    log_in(qtbot, window, "L001")
    result = CallService(window.session).save(
        a_call(case_code=CODE, started_at=T0 - timedelta(hours=1), ended_at=T0 - timedelta(minutes=30))
    )
    return result.call_id


def read_view(window, monkeypatch, call_id) -> list[str]:
    seen = {}

    def look(dialog):
        seen["text"] = dialog.timeline.text()
        entries = dialog.timeline.entries
        selectable = Qt.ItemFlag.ItemIsSelectable
        seen["openable"] = [bool(entries.item(i).flags() & selectable) for i in range(entries.count())]
        return CallReadDialog.DialogCode.Rejected

    monkeypatch.setattr(CallReadDialog, "exec", look)
    window.work.open_call(call_id)
    return seen


def test_the_read_view_adds_the_calls_of_the_code_from_every_seat(window, line, saved, monkeypatch):
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    line.history[CODE] = [elsewhere("席位B", 30), elsewhere("席位A", 1, call_id=saved), elsewhere("席位C", 5)]
    seen = read_view(window, monkeypatch, saved)
    assert ("case_history_from_center", (CODE,)) in line.calls
    lines = seen["text"].splitlines()
    assert lines[0] == "3 call(s) with this case code:"
    firsts = [line for line in lines if line.startswith("[") or line.startswith("This call: [")]
    assert [f.split("]")[0].split("[")[1] for f in firsts] == ["席位A", "席位C", "席位B"]  # newest first
    assert seen["text"].count("Summary: 家庭冲突，情绪低落") == 2  # the other seats' calls, unsealed here
    assert seen["openable"] == [False, False, False]  # this call, and two calls that are not on this seat


def test_the_centre_out_of_reach_leaves_the_seats_own_timeline(window, line, saved, monkeypatch):
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    line.down = True
    seen = read_view(window, monkeypatch, saved)
    assert "[" not in seen["text"] and "1 call(s) with this case code:" in seen["text"]


def test_a_seat_that_is_not_enrolled_asks_the_centre_nothing(window, line, saved, monkeypatch):
    seen = read_view(window, monkeypatch, saved)
    assert not line.calls and "[" not in seen["text"]
