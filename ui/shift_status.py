"""The shift and the counselor's own load, in the status bar: which shift calls go to, talk time this
shift, time since the last break, and a calm suggestion to take one.

It reads every minute and after each save, and never takes the focus or opens a dialog: a suggestion is
a sentence in the label ("Break suggested: …", with its reason) and, when it first comes up on the minute's
reading, one short status-bar message, so nobody is interrupted while typing or during a call. The message
leaves the reason to the label: beside the status bar's permanent labels a 1366-pixel window has room for a
short sentence only (a save's message says only that it saved, for the same reason).
"""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.clock import seat_time, utc_now
from desktop.errors import HotlineError
from desktop.seat import Session
from desktop.shift_window import auto_window
from desktop.shifts import Shift, ShiftService
from desktop.wellbeing import Workload, counselor_today
from ui.style import set_state
from ui.workload import break_reason, hours_minutes

REFRESH_MS = 60_000


class ShiftStatus(QWidget):
    """Two labels for the status bar. `break_suggested(text)` fires once when a break becomes due."""

    break_suggested = Signal(str)

    def __init__(self, session: Session, alive: Callable[[], bool], parent=None):
        super().__init__(parent)
        self._session = session
        self._alive = alive
        self._names = dict(session.seat.vault.accounts())
        self._due_reason = ""  # the reason last suggested, so it is said once, not every minute
        self.shift_label = QLabel(objectName="shiftLabel")
        self.shift_label.setAccessibleName(self.tr("Shift"))
        self.wellbeing = QLabel(objectName="wellbeingLabel")
        self.wellbeing.setAccessibleName(self.tr("Your talk time and breaks"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(16)
        layout.addWidget(self.shift_label)
        layout.addWidget(self.wellbeing)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(lambda: self.refresh())
        self.timer.start()
        self.load: Workload | None = None

    def since(self, now: datetime) -> tuple[datetime, Shift | None]:
        """Where the counselor's shift began: the open shift's start, else the automatic window's."""
        shift = ShiftService(self._session).open_shift()
        if shift is not None and shift.started_at <= now:
            return shift.started_at, shift
        return auto_window(now)[0], None

    def refresh(self, announce: bool = True) -> str:
        """Read again. Returns the break suggestion when it is new (else ""), and emits it if `announce`."""
        if not self._alive():  # the seat locked: the key is gone
            self.timer.stop()
            return ""
        now = utc_now()
        try:
            start, shift = self.since(now)
            self.load = counselor_today(self._session.store, self._session.actor, start, now)
        except HotlineError:  # busy for a moment: the next minute tries again
            return ""
        self.shift_label.setText(self._shift_text(shift, now))
        self.shift_label.setToolTip(self._shift_tip(shift))
        suggestion = self._show_load(self.load)
        if suggestion and announce:
            self.break_suggested.emit(suggestion)
        return suggestion

    def _shift_text(self, shift: Shift | None, now: datetime) -> str:
        if shift is None:
            start, end = auto_window(now)
            text = self.tr("Automatic shift %1–%2")
            return text.replace("%1", f"{start:%H:%M}").replace("%2", f"{end:%H:%M}")
        lead = self._names.get(shift.lead, shift.lead)
        when = seat_time(shift.started_at)
        since = f"{when:%H:%M}" if seat_time(now).date() == when.date() else f"{when:%m-%d %H:%M}"
        return self.tr("Shift: %1 since %2").replace("%1", lead).replace("%2", since)

    def _shift_tip(self, shift: Shift | None) -> str:
        if shift is None:
            return self.tr("No shift is open: calls go to the automatic shift of their time.")
        on_duty = "、".join(self._names.get(code, code) for code in shift.counselors) or "—"
        return self.tr("On duty: %1").replace("%1", on_duty)

    def _show_load(self, load: Workload) -> str:
        talk = self.tr("Talk time this shift: %1").replace("%1", hours_minutes(load.talk_s))
        reason = break_reason(load)
        if reason:
            text = self.tr("Break suggested: %1").replace("%1", reason)
        elif load.current_run_s:
            text = talk + " · " + self.tr("%1 since a break").replace("%1", hours_minutes(load.current_run_s))
        else:
            text = talk + (" · " + self.tr("on a break") if load.calls else "")
        self.wellbeing.setText(text)
        self.wellbeing.setToolTip(talk)
        set_state(self.wellbeing, "breakDue", load.break_due)  # bold and coloured by the look; the words say it
        new = load.reason and load.reason != self._due_reason
        self._due_reason = load.reason
        return self.tr("Time for a short break when you can.") if new else ""
