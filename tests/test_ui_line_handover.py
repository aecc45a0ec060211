"""全中心 beside 本席位 in the handover window (issue 16 point 3), against a stand-in for the centre's line: the
choice only for leads of an enrolled seat, the centre's summary laid out off the GUI thread and saved as it was
shown, and the centre down at printing: the window says the centre's handover cannot be made now and offers the
seat's own, labelled as such."""

import pytest

from PySide6.QtCore import Qt

from desktop.reports.handover_service import HandoverPdf, HandoverService
from tests.fake_line import T0
from tests.line_window import lead_seat_fixture, line_fixture, log_in  # noqa: F401 - fixtures
from ui import center_handover, center_line
from ui.handover_dialog import HandoverDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(lead_seat, open_window):
    return open_window(autosave_seconds=30)


@pytest.fixture
def enrolled(monkeypatch, line):
    monkeypatch.setattr(center_line, "seat_name", lambda _session: "席位A")
    line.shift = line.CenterShift("s-7", "L001", T0, None, None, ("C001",), "席位B", False)
    return line


@pytest.fixture
def centre_pdf(monkeypatch):
    """The centre's summary: the core's handover is the line's (tests/test_ui_line_real.py lays out a real one);
    here a seat summary's bytes stand in for its PDF, and what was asked is kept."""
    asked = []

    def make(session, choice, lang):
        asked.append(choice)
        line = center_line.core()
        with session.another() as own:
            line.center_handover(own, shift_uuid=choice.shift_uuid, last=choice.key == center_handover.LAST)
            shift_id = HandoverService(own).choices()[1]
            seat_pdf = HandoverService(own).render(shift_id, lang) if shift_id else None
        return HandoverPdf("center_shift:s-7", seat_pdf.pdf if seat_pdf else b"", 12)

    monkeypatch.setattr(center_handover, "make_centre_pdf", make)
    monkeypatch.setattr("ui.handover_dialog.make_centre_pdf", make)
    return asked


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


def test_whole_centre_lists_the_centres_shifts_and_shows_its_summary(qtbot, window, enrolled, centre_pdf):
    log_in(qtbot, window, "L001")
    close_a_shift(window)
    dialog = opened(qtbot, window)
    assert dialog.scope.isVisibleTo(dialog)
    dialog.scope.whole_centre.click()
    listed = [dialog.shift.itemText(i) for i in range(dialog.shift.count())]
    assert listed[0].startswith("Centre shift open now · L001") and len(listed) == 3
    assert centre_pdf[-1].key == center_handover.CURRENT and centre_pdf[-1].shift_uuid == "s-7"
    assert ("center_handover", ("s-7", False)) in enrolled.calls
    qtbot.waitUntil(lambda: dialog.shown is not None)
    assert dialog.shown.shift_id == "center_shift:s-7" and dialog.suggested_name().startswith("handover-centre-")
    dialog.shift.setCurrentIndex(1)
    assert centre_pdf[-1].key == center_handover.LAST


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
