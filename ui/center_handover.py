"""全中心 beside 本席位 in the handover window (issue 16 point 3), for leads and admins of an enrolled seat.

全中心 lays out the centre's handover (`desktop.center.line.center_handover`, then
`desktop.reports.center_handover_pdf.render_bytes`) on a worker thread on a connection of its own, like the
seat's own summary. Its choices are the centre's shift open now, the one that ended last, and today's calls of
the whole line (the core offers no list of the centre's shifts). When the centre cannot be reached the window
says the centre's handover cannot be made now and offers the seat's own, labelled as such.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from desktop.clock import seat_zone, utc_now
from desktop.reports.handover_service import HandoverPdf
from desktop.seat import Session
from ui import center_line

CURRENT, LAST, TODAY = "current", "last", "today"


@dataclass(frozen=True)
class CentreChoice:
    key: str  # CURRENT, LAST or TODAY
    shift_uuid: str | None = None


class HandoverScope(QWidget):
    """The two buttons 本席位 / 全中心; hidden where the centre is not offered."""

    changed = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.available = center_line.enrolled(session, leads_only=True)
        group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.this_seat = QPushButton(self.tr("This seat"), checkable=True, checked=True, objectName="statsPreset")
        self.whole_centre = QPushButton(self.tr("Whole centre"), checkable=True, objectName="statsPreset")
        for button in (self.this_seat, self.whole_centre):
            button.setAutoDefault(False)
            group.addButton(button)
            row.addWidget(button)
        group.buttonClicked.connect(lambda _button: self.changed.emit())
        self.setVisible(self.available)

    @property
    def centre(self) -> bool:
        return self.available and self.whole_centre.isChecked()

    def choose_seat(self) -> None:
        self.this_seat.setChecked(True)
        self.changed.emit()

    def labels(self, current) -> list[tuple[str, CentreChoice]]:
        """What the shift list offers in 全中心: the open centre shift (when the centre said so), the last ended
        one, and today's calls of every seat."""
        offered = []
        if current is not None:
            text = self.tr("Centre shift open now · %1 · since %2").replace("%1", current.lead or "—")
            text = text.replace("%2", center_line.clock_text(current.started_at))
            offered.append((text, CentreChoice(CURRENT, current.uuid)))
        offered.append((self.tr("The centre's shift that ended last"), CentreChoice(LAST)))
        offered.append((self.tr("Today, every seat of the line"), CentreChoice(TODAY)))
        return offered


def today_window(now: datetime) -> tuple[datetime, datetime]:
    zone = seat_zone()
    start = datetime.combine(now.astimezone(zone).date(), time.min, zone)
    return start, start + timedelta(days=1)


def current_centre_shift(session: Session):
    """On a worker: the centre's open shift, or None (also when the centre did not answer just now)."""
    with session.another() as own:
        shift, as_of = center_line.core().current_shift(own)
    return shift if as_of is None else None


def make_centre_pdf(session: Session, choice: CentreChoice, lang: str) -> HandoverPdf:
    """On a worker: the centre's handover for `choice`, laid out as PDF. CenterNeeded when the centre is down."""
    from desktop.reports.center_handover_pdf import render_bytes

    line = center_line.core()
    with session.another() as own:
        if choice.key == TODAY:
            start, end = today_window(utc_now())
            data = line.center_handover(own, date_from=start, date_to=end)
        elif choice.key == LAST:
            data = line.center_handover(own, last=True)
        else:
            data = line.center_handover(own, shift_uuid=choice.shift_uuid)
    target = f"center_shift:{data.shift.uuid}" if data.shift is not None else "center_window"
    return HandoverPdf(target, render_bytes(data, lang), data.calls)
