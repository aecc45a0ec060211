"""全中心 beside 本席位 in the handover window (issue 16 point 3), against a stand-in for the centre's line: the
choice only for leads of an enrolled seat, the centre's summary laid out off the GUI thread and saved as it was
shown, and the centre down at printing: the window says the centre's handover cannot be made now and offers the
seat's own, labelled as such."""

import pytest

from PySide6.QtCore import Qt

from desktop.reports.handover_service import HandoverService
from tests.fake_line import T0
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from ui import center_line
from ui.handover_dialog import HandoverDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=30)


@pytest.fixture
def enrolled(monkeypatch, line, seat_clock):
    seat_clock(T0)
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    line.shift = line.CenterShift("s-7", "L001", T0, None, None, ("C001",), "席位B", False)
    return line


def seat_pdf(window) -> bytes:
    """A seat summary's bytes stand in for the centre's PDF (tests/test_ui_line_real.py lays out a real one)."""
    service = HandoverService(window.session)
    return service.render(service.choices()[1], "zh").pdf


def opened(qtbot, window) -> HandoverDialog:
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    return window.work.findChild(HandoverDialog)


def close_a_shift(window) -> None:
    from datetime import timedelta

    from desktop.clock import utc_now
    from desktop.shifts import ShiftService

    service = ShiftService(window.session)
    service.open(["C001"], utc_now() + timedelta(hours=8))
    service.close()


def test_a_seat_that_is_not_enrolled_has_no_whole_centre_choice(qtbot, window, line):
    log_in(qtbot, window, "L001")
    dialog = opened(qtbot, window)
    assert not dialog.scope.isVisibleTo(dialog) and not line.calls


def test_whole_centre_lists_the_centres_shifts_and_shows_its_summary(qtbot, window, enrolled, tmp_path):
    log_in(qtbot, window, "L001")
    close_a_shift(window)
    enrolled.handover_pdf = seat_pdf(window)
    enrolled.stale_seats = (("席位C", T0),)
    dialog = opened(qtbot, window)
    assert dialog.scope.isVisibleTo(dialog)
    dialog.scope.whole_centre.click()
    listed = [dialog.shift.itemText(i) for i in range(dialog.shift.count())]
    assert listed == ["2026-11-18 12:00 – now · 班长 李 (L001) · 席位B · open", "Today, every seat of the line"]
    assert ("render_center_handover", ("s-7", False)) in enrolled.calls
    qtbot.waitUntil(lambda: dialog.shown is not None)
    assert dialog.shown.what == "center_shift:s-7" and dialog.suggested_name().startswith("handover-centre-")
    assert dialog.message.text() == "席位C not synced since 12:00: its calls may be missing"
    assert dialog.message.property("problem")
    dialog.ask_path = lambda _suggested: str(tmp_path / "centre.pdf")
    dialog.save()
    assert ("save_center_handover", ("center_shift:s-7", str(tmp_path / "centre.pdf"))) in enrolled.calls
    dialog.shift.setCurrentIndex(1)
    assert ("render_center_handover", (None, True)) in enrolled.calls


def test_the_centre_down_offers_the_seats_own_summary_labelled_as_such(qtbot, window, enrolled):
    log_in(qtbot, window, "L001")
    close_a_shift(window)
    dialog = opened(qtbot, window)
    enrolled.down = True
    dialog.scope.whole_centre.click()
    dialog.shift.setCurrentIndex(dialog.shift.findText("Today, every seat of the line"))
    dialog.generate()
    assert "the centre's handover cannot be made now" in dialog.message.text()
    assert dialog.shown is None and not dialog.print_button.isEnabled()
    assert dialog.own_button.isVisibleTo(dialog)
    dialog.own_button.click()
    assert dialog.scope.this_seat.isChecked() and not dialog.own_button.isVisibleTo(dialog)
    assert dialog.scope_note.text() == "This seat's own summary, not the centre's: it holds this seat's calls only."
    qtbot.waitUntil(lambda: dialog.shown is not None)
    assert isinstance(dialog.shown.shift_id, int) and dialog.print_button.isEnabled()
