"""The statistics view's choice 本席位 / 全中心 (DESIGN.md §11), for leads and admins of an enrolled seat only.

全中心 counts every seat's calls in PostgreSQL through the same core as `main.py stats --center`
(desktop.center.stats.center_window), on a worker thread on a connection of its own, and adds a by-seat table. A
seat that is not enrolled never shows the choice; when the centre cannot be reached the view says so and 本席位
stays one click away.
"""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from desktop.reports.service import StatsWindow
from desktop.seat import Session
from ui import center_line


class CenterScope(QWidget):
    """The two buttons 本席位 / 全中心 of the statistics view and the handover window; hidden unless this seat is
    enrolled and a lead or an admin is logged in."""

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


def count_centre(session: Session, date_from: date, date_to: date) -> StatsWindow:
    """On a worker thread: the window counted at the centre, on a connection of this thread's own."""
    from desktop.center.stats import center_window

    with session.another() as own:
        return center_window(own, date_from, date_to)
