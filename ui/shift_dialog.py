"""The shift for leads and admins: open one with the counselors on duty, write the handover note, close it,
see how each counselor's shift is going and set when a break is suggested.

The core (`desktop.shifts`, `desktop.wellbeing`) checks roles and audits every change; this window only
asks and shows. It belongs to the work page and goes with it when the seat locks.
"""

from datetime import datetime, timedelta

from shiboken6 import isValid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.accounts import AccountService
from desktop.clock import seat_time, utc_now
from desktop.errors import HotlineError
from desktop.seat import Session
from desktop.shift_window import auto_window, current_shift_id
from desktop.shifts import Shift, ShiftService
from desktop.wellbeing import shift_workloads, thresholds
from ui import center_line
from ui.messages import error_text
from ui.shift_status import REFRESH_MS
from ui.style import set_state
from ui.widgets.guarded_text import GuardedNotes, describe_counts
from ui.widgets.seat_time import from_edit, seat_time_edit
from ui.workload import WorkloadModel

PLANNED_HOURS = 8  # the planned end offered when a shift is opened


def planned_end(now: datetime) -> datetime:
    """The planned end offered for a shift opened `now`: the automatic shift boundary (00, 08, 16 h seat time)
    nearest to eight hours on, so a shift opened at 08:01 or at 07:50 is planned to end at 16:00, not 16:01."""
    target = now + timedelta(hours=PLANNED_HOURS)
    start, end = auto_window(target)
    return start if target - start < end - target else end


NOTE_SHOWN = 160  # characters of the handover note shown above the workload


class OpenShiftDialog(QDialog):
    """Who is on duty (the seat's active counselors and leads) and when the shift is planned to end."""

    def __init__(self, service: ShiftService, accounts: list, parent=None, centre=None):
        super().__init__(parent)
        self._service = service
        self._centre = centre  # ui.center_shift.CentreShift at an enrolled seat: the centre is asked first
        self.shift: Shift | None = None
        self.setWindowTitle(self.tr("Open a shift"))
        self.on_duty = QListWidget()
        self.on_duty.setAccessibleName(self.tr("Counselors on duty"))
        for account in accounts:
            item = QListWidgetItem(f"{account.display_name} ({account.code})")
            item.setData(Qt.ItemDataRole.UserRole, account.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.on_duty.addItem(item)
        self.planned_end = seat_time_edit(planned_end(utc_now()), calendarPopup=True)
        self.planned_end.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.planned_end.setAccessibleName(self.tr("Planned end"))
        form = QFormLayout()
        form.addRow(self.tr("Counselors on duty"), self.on_duty)
        form.addRow(self.tr("Planned end"), self.planned_end)
        form.addRow("", QLabel(self.tr("Seat time. A shift is planned for at most 24 hours."), wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton(self.tr("Open shift"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def set_checked(self, codes: list[str]) -> None:
        for row in range(self.on_duty.count()):
            item = self.on_duty.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        items = (self.on_duty.item(row) for row in range(self.on_duty.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def accept(self) -> None:
        if self._centre is None:
            self._open_here()
            return
        self.open_button.setEnabled(False)  # until the centre answered (on a worker)
        end = from_edit(self.planned_end.dateTime())
        self._centre.open(self.checked(), end, self, self._open_here, self.reject)

    def _open_here(self) -> None:
        self.open_button.setEnabled(True)
        try:
            self.shift = self._service.open(self.checked(), from_edit(self.planned_end.dateTime()))
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Open a shift"), error_text(exc))
            return
        super().accept()


class HandoverNoteDialog(QDialog):
    """The lead's handover note; identifiers are underlined while typing and hidden when it is saved."""

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handover note"))
        intro = QLabel(
            self.tr("What the next shift must know. Phone numbers, ID numbers and accounts are hidden on saving."),
            wordWrap=True,
        )
        self.notes = GuardedNotes()
        self.notes.editor.setAccessibleName(self.tr("Handover note"))
        self.notes.editor.setPlaceholderText(self.tr("For example: calls to follow up, open referrals, the line."))
        self.notes.set_text(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)
        self.resize(560, 380)


class ShiftDialog(QDialog):
    """`changed` after a shift was opened, changed or closed; `closed(shift_id)` after closing."""

    changed = Signal()
    closed = Signal(int)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.service = ShiftService(session)
        self.setWindowTitle(self.tr("Shift"))
        self.summary = QLabel(objectName="shiftSummary", wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel(objectName="shiftMessage", wordWrap=True)  # what the last action did
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("Open shift…"))
        self.note_button = QPushButton(self.tr("Handover note…"))
        self.close_button = QPushButton(self.tr("Close shift"))
        self.open_button.clicked.connect(self.open_shift)
        self.note_button.clicked.connect(self.write_note)
        self.close_button.clicked.connect(self.close_shift)
        actions = QHBoxLayout()
        for button in (self.open_button, self.note_button, self.close_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.model = WorkloadModel(dict(session.seat.vault.accounts()), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Counselor workload"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the break column, whose words must not be cut
        self.empty = QLabel(self.tr("No calls in this shift yet."))
        workload = QGroupBox(self.tr("Workload this shift"))
        box = QVBoxLayout(workload)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty)

        self.limits = QLabel(wordWrap=True)  # the seat's break suggestions, set in Settings
        # ----- the centre's shift, at an enrolled seat only (ui/center_shift.py) -----
        self.centre = None
        self.centre_label = QLabel(objectName="centreOffline", wordWrap=True)
        self.centre_label.setTextFormat(Qt.TextFormat.PlainText)
        self.centre_label.hide()
        if center_line.enrolled(session, leads_only=True):
            from ui.center_shift import CentreShift

            self.centre = CentreShift(session, self.centre_label, self._name, self)
            self.centre.changed.connect(self._buttons)
            self.centre_label.show()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.centre_label)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(workload, 1)
        layout.addWidget(self.limits)
        layout.addWidget(buttons)
        self.resize(900, 600)
        self._ticker = QTimer(self, interval=REFRESH_MS)  # the runs grow while the window is open
        self._ticker.timeout.connect(self.refresh)
        self.refresh()

    @property
    def _alive(self) -> bool:
        return bool(self._session.key)

    def _name(self, code: str | None) -> str:
        names = dict(self._session.seat.vault.accounts())
        return f"{names[code]} ({code})" if code in names else str(code)

    def refresh(self) -> None:
        """Read the shift, its workload and the thresholds again."""
        if not self._alive:
            return
        now = utc_now()
        try:
            shift = self.service.open_shift()
            shift_id = shift.id if shift else current_shift_id(self._session.store, now)  # never makes one
            loads = shift_workloads(self._session.store, shift_id, now) if shift_id else []
            limits = thresholds(self._session.store)
        except HotlineError as exc:  # the database busy for a moment: say so, keep what is shown
            self.message.setText(error_text(exc))
            return
        self.summary.setText(self._summary_text(shift, now))
        self._shift_here = shift
        self._buttons()
        if self.centre is not None:
            self.centre.refresh()
        self.model.set_rows(loads)
        self.table.setVisible(self.model.rowCount() > 0)
        self.empty.setVisible(self.model.rowCount() == 0)
        self.limits.setText(
            self.tr(
                "A break is suggested after %1 min of calls without a pause of %2 min, and right after a high or "
                "imminent risk call. Leads change this in Settings."
            )
            .replace("%1", str(limits.run_minutes))
            .replace("%2", str(limits.break_minutes))
        )

    def _buttons(self) -> None:
        """Open when none is open here; close this seat's shift, or (a lead at any seat) the centre's."""
        here = getattr(self, "_shift_here", None)
        centre_open = self.centre is not None and self.centre.shift is not None
        self.open_button.setEnabled(here is None)
        self.note_button.setEnabled(here is not None)
        self.close_button.setEnabled(here is not None or centre_open)

    def _summary_text(self, shift: Shift | None, now: datetime) -> str:
        if shift is None:
            start, end = auto_window(now)
            text = self.tr("No shift is open: calls go to the automatic shift %1–%2.")
            return text.replace("%1", f"{start:%H:%M}").replace("%2", f"{end:%H:%M}")
        lines = [
            self.tr("Lead: %1").replace("%1", self._name(shift.lead)),
            self.tr("Since: %1").replace("%1", f"{seat_time(shift.started_at):%Y-%m-%d %H:%M}"),
        ]
        if shift.planned_end:
            lines.append(self.tr("Planned end: %1").replace("%1", f"{seat_time(shift.planned_end):%Y-%m-%d %H:%M}"))
        on_duty = "、".join(self._name(code) for code in shift.counselors) or "—"
        lines.append(self.tr("On duty: %1").replace("%1", on_duty))
        if shift.handover_note:
            note = " ".join(shift.handover_note.split())
            note = note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…"
            lines.append(self.tr("Handover note: %1").replace("%1", note))
        return "\n".join(lines)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.refresh()
        self._ticker.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._ticker.stop()
        super().hideEvent(event)

    # ----- actions ------------------------------------------------------------------------------------

    def open_shift(self) -> None:
        try:
            accounts = [a for a in AccountService(self._session).accounts() if a.active and a.role != "admin"]
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Open a shift"), error_text(exc))
            return
        accounts.sort(key=lambda a: (a.role != "counselor", a.code))
        dialog = OpenShiftDialog(self.service, accounts, self, self.centre)
        if dialog.exec() == QDialog.DialogCode.Accepted and self._alive:
            self.refresh()
            self.message.setText(self.tr("The shift is open."))
            self.changed.emit()

    def write_note(self) -> None:
        shift = self.service.open_shift()
        if shift is None:
            return
        dialog = HandoverNoteDialog(shift.handover_note, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not self._alive:
            return
        try:
            hidden = self.service.set_note(shift.id, dialog.notes.text(), dialog.notes.choices.core())
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Handover note"), error_text(exc))
            return
        self.refresh()
        text = self.tr("The handover note was saved.")
        if hidden:
            text += " " + self.tr("%n identifier(s) hidden: %1.", "", sum(hidden.values())).replace(
                "%1", describe_counts(hidden)
            )
        self.message.setText(text)

    def close_shift(self) -> None:
        shift = self.service.open_shift()
        if shift is None:
            self._close_centre_only()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Close shift"),
            self.tr(
                "Close the shift led by %1? Calls after this go to the automatic shift until the next is opened."
            ).replace("%1", self._name(shift.lead)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._alive:
            return
        try:
            closed = self.service.close()
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Close shift"), error_text(exc))
            return
        self.refresh()
        self.message.setText(self.tr("The shift is closed."))
        if self.centre is not None:
            self.centre.close(closed.handover_note, self._centre_said)
        self.changed.emit()
        self.closed.emit(closed.id)

    def _close_centre_only(self) -> None:
        """No shift is open at this seat, but the centre's is (opened at another seat): a lead closes it here."""
        centre = self.centre.shift if self.centre is not None else None
        if centre is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Close shift"),
            self.tr("Close the centre's shift led by %1 (opened at %2)?")
            .replace("%1", self._name(centre.lead))
            .replace("%2", centre.opened_at_seat),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._alive:
            return
        # The centre's handover is this lead's to write: there is no note of a shift at this seat to take.
        dialog = HandoverNoteDialog("", self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not self._alive or self.centre is None:
            return
        self.message.clear()
        self.centre.close(dialog.notes.text(), self._centre_said, dialog.notes.choices.core())

    def _centre_said(self, text: str, problem: bool) -> None:
        if isValid(self):
            self.message.setText(" ".join(filter(None, (self.message.text(), text))))
            set_state(self.message, "problem", problem)
