"""The centre's shift inside the shift window (issue 16 point 1), for leads and admins of an enrolled seat: the
centre's open shift (whoever opened it, at whichever seat), opened and closed with this seat's own shift.

Every question to the centre runs on a worker thread (`ui.center_line`). Opening asks the centre first: when
another lead opened one meanwhile (`ShiftAlreadyOpen`) the window says who and at which seat and opens nothing;
when the centre cannot be reached the shift opens at this seat and the window says its calls reach the centre's
shift when the seat syncs. Closing closes this seat's shift, then the centre's.
"""

from collections.abc import Callable
from datetime import datetime

from shiboken6 import isValid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.errors import HotlineError
from desktop.seat import Session
from ui import center_line
from ui.messages import error_text
from ui.style import set_state


class CentreShift(QObject):
    """`label` shows the centre's shift; `changed` after it was read or changed (tests wait for it)."""

    changed = Signal()

    def __init__(self, session: Session, label: QLabel, names: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._session, self.label, self._name = session, label, names
        self.shift = None  # desktop.center.line.CenterShift, the centre's open shift as last known
        self.reachable = True
        self._busy = False

    # ----- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._busy or not self._session.key:
            return
        self._busy = True
        line = center_line.core()
        center_line.in_background(self._session, line.current_shift, self._read, self._not_read)

    def _read(self, answer) -> None:
        if not isValid(self):
            return
        self._busy = False
        shift, as_of = answer
        self.shift, self.reachable = shift, as_of is None
        self._show(as_of)

    def _not_read(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._busy = False
        if not isinstance(exc, HotlineError):
            raise exc
        self.reachable = False
        self.label.setText(self.tr("Centre shift: the centre cannot be reached.") + " " + error_text(exc))
        set_state(self.label, "problem", True)
        self.changed.emit()

    def _show(self, as_of: datetime | None) -> None:
        text = self.describe(self.shift)
        if as_of is not None:
            text += "\n" + center_line.offline_text(as_of)
        self.label.setText(text)
        set_state(self.label, "problem", as_of is not None)
        self.changed.emit()

    def describe(self, shift) -> str:
        if shift is None:
            return self.tr("Centre shift: none is open; calls of every seat go to the centre's automatic shift.")
        return (
            self.tr("Centre shift: led by %1, opened at %2 at %3.")
            .replace("%1", self._name(shift.lead))
            .replace("%2", shift.opened_at_seat)
            .replace("%3", center_line.clock_text(shift.started_at))
        )

    def already_open_text(self, shift) -> str:
        return (
            self.tr(
                "The centre's shift is already open: %1 opened it at %2 at %3. Calls at this seat belong to that "
                "shift; nothing was opened."
            )
            .replace("%1", self._name(shift.lead))
            .replace("%2", shift.opened_at_seat)
            .replace("%3", center_line.clock_text(shift.started_at))
        )

    # ----- opening and closing ------------------------------------------------------------------------

    def open(self, counselors: list[str], planned_end, parent: QWidget, proceed: Callable, refused: Callable) -> None:
        """Open the centre's shift, then `proceed()` (this seat's own); `refused()` when another is open."""
        line, lead = center_line.core(), self._session.actor

        def done(shift) -> None:
            if isValid(self):
                self.shift, self.reachable = shift, True
                self._show(None)
            proceed()

        def failed(exc: Exception) -> None:
            if isinstance(exc, line.ShiftAlreadyOpen):
                if isValid(self):
                    self.shift = exc.shift
                    self._show(None)
                QMessageBox.warning(parent, self.tr("Open a shift"), self.already_open_text(exc.shift))
                refused()
            elif center_line.unreachable(exc):
                QMessageBox.information(parent, self.tr("Open a shift"), self.offline_open_text())
                proceed()
            elif isinstance(exc, HotlineError):
                QMessageBox.warning(parent, self.tr("Open a shift"), error_text(exc))
                refused()
            else:
                raise exc

        center_line.in_background(
            self._session, lambda own: line.open_shift(own, lead, list(counselors), planned_end), done, failed
        )

    def offline_open_text(self) -> str:
        return self.tr(
            "The centre cannot be reached: the shift opens at this seat only. Its calls join the centre's shift of "
            "their start when this seat syncs again; a lead at a seat that reaches the centre can open the "
            "centre's shift meanwhile."
        )

    def close(self, note: str, said: Callable[[str, bool], None], choices=None) -> None:
        """Close the centre's shift with the handover note (through the guard with the lead's `choices`, sealed
        at the centre); `said(text, problem)`."""
        line = center_line.core()

        def done(_closed) -> None:
            if isValid(self):
                self.shift = None
                self._show(None)
            said(self.tr("The centre's shift is closed."), False)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, HotlineError):
                raise exc
            if center_line.unreachable(exc):
                said(
                    self.tr(
                        "The centre cannot be reached: its shift stays open until a lead closes it from a seat that "
                        "reaches the centre. This seat's calls reach the centre when it syncs again."
                    ),
                    True,
                )
            else:
                said(error_text(exc), True)

        center_line.in_background(self._session, lambda own: line.close_shift(own, note, choices), done, failed)
