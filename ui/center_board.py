"""The lead's board (issue 16 point 4; Ctrl+Shift+D): every seat of the line with its state — online, last sync,
who is logged in, on a call for how long; state only, never a word of a call — and its calls and talk time this
shift, high-risk calls, who is due a break and overdue follow-ups.

The board is read from the centre (`desktop.center.line.board`) every `REFRESH_MS` on a worker thread, never on
the GUI thread; an answer that arrives after the window closed is dropped. A seat that went silent stands out
by colour and by words (失联). When the centre cannot be reached the window keeps what it last showed and says
since when. Only leads and admins of an enrolled seat open it (ui/main_window.py).
"""

from dataclasses import dataclass
from datetime import datetime

from shiboken6 import isValid

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.clock import utc_now
from desktop.errors import HotlineError
from desktop.seat import Session
from ui import center_line, theme
from ui.messages import error_text
from ui.style import set_state

REFRESH_MS = 30_000
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the SeatState of a row

COL_SEAT, COL_STATE, COL_SYNC, COL_WHO, COL_CALL, COL_CALLS, COL_TALK, COL_HIGH, COL_BREAK, COL_OVERDUE = range(10)


@dataclass(frozen=True)
class Shown:
    """What the window shows: the board, and whether it is live (the centre answered just now)."""

    board: object  # desktop.center.line.Board
    live: bool


class SeatsModel(QAbstractTableModel):
    """One row per seat of the line (desktop.center.line.SeatState), in the centre's order."""

    def __init__(self, names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self._names = names or {}  # staff code -> name, as this seat knows them; others show their code
        self._rows: list = []
        self._now: datetime = utc_now()
        self.headers = (
            self.tr("Seat"),
            self.tr("State"),
            self.tr("Last sync"),
            self.tr("Logged in"),
            self.tr("On a call"),
            self.tr("Calls"),
            self.tr("Talk time"),
            self.tr("High risk"),
            self.tr("Due a break"),
            self.tr("Overdue follow-ups"),
        )

    def set_rows(self, rows, now: datetime) -> None:
        self.beginResetModel()
        self._rows, self._now = list(rows), now
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def state_text(self, seat) -> str:
        if seat.silent:
            return self.tr("SILENT since %1").replace("%1", center_line.clock_text(seat.last_seen))
        if seat.online:
            return self.tr("Online")
        if seat.last_seen is None:
            return self.tr("Offline")
        return self.tr("Offline since %1").replace("%1", center_line.clock_text(seat.last_seen))

    def person(self, code: str) -> str:
        return f"{self._names[code]} ({code})" if code in self._names else code

    def text(self, seat, column: int) -> str:
        if column == COL_SEAT:
            return seat.name
        if column == COL_STATE:
            return self.state_text(seat)
        if column == COL_SYNC:
            return center_line.clock_text(seat.last_sync)
        if column == COL_WHO:
            if seat.logged_in:
                return self.person(seat.logged_in)
            return self.tr("nobody") if seat.online else "—"  # not known while the seat is not heard from
        if column == COL_CALL:
            if seat.on_call_since is None:
                return "—"
            return center_line.duration_text((self._now - seat.on_call_since).total_seconds())
        if column == COL_CALLS:
            return str(seat.calls)
        if column == COL_TALK:
            return center_line.duration_text(seat.talk_time_s)
        if column == COL_HIGH:
            return str(seat.high_risk)
        if column == COL_BREAK:
            return "、".join(self.person(code) for code in seat.due_break) or "—"
        if column == COL_OVERDUE:
            return str(seat.overdue_follow_ups)
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        seat, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(seat, column)
        if role == ROW_ROLE:
            return seat
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_CALLS, COL_TALK, COL_HIGH, COL_OVERDUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colours = theme.colours()
        if role == Qt.ItemDataRole.ForegroundRole:
            if seat.silent or (column == COL_OVERDUE and seat.overdue_follow_ups):
                return QBrush(QColor(colours["danger"]))
            if column == COL_STATE and not seat.online:
                return QBrush(QColor(colours["muted"]))
        if role == Qt.ItemDataRole.FontRole and (seat.silent or (column == COL_BREAK and seat.due_break)):
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole and seat.silent:
            return self.tr("No word from this seat since %1: call the site.").replace(
                "%1", center_line.clock_text(seat.last_seen)
            )
        return None


class BoardWindow(QDialog):
    """Non-modal; `updated(Shown)` after each answer is shown (tests wait for it)."""

    updated = Signal(object)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Line board"))
        self._session = session
        self._busy = False
        self.shown: Shown | None = None
        self.shift = QLabel(objectName="boardShift", wordWrap=True)
        self.shift.setTextFormat(Qt.TextFormat.PlainText)
        self.freshness = QLabel(objectName="boardFreshness", wordWrap=True)
        self.freshness.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton(self.tr("Refresh now"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.shift, 1)
        top.addWidget(self.refresh_button)
        self.model = SeatsModel(dict(session.seat.vault.accounts()), self)
        self.table = QTableView(accessibleName=self.tr("Seats of the line"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.Stretch)  # 失联（自 13:07 无消息） fits
        self.legend = QLabel(
            self.tr(
                "State only, never the content of a call. A seat marked SILENT has not been heard from: it stands "
                "out in red. Refreshed every 30 seconds."
            ),
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.freshness)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        self.resize(1100, 380)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    # ----- when -----------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.timer.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Ask the centre for the board, off the GUI thread (one question at a time)."""
        if self._busy or not self._session.key:
            return
        self._busy = True
        if self.shown is None:
            self.freshness.setText(self.tr("Asking the centre…"))
        line = center_line.core()
        center_line.in_background(self._session, lambda own: line.board(own), self._answered, self._failed)

    def _answered(self, board) -> None:
        if not isValid(self):
            return
        self._busy = False
        self.show_board(Shown(board, board.as_of is None))

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._busy = False
        if not isinstance(exc, HotlineError):
            raise exc
        if center_line.unreachable(exc):
            as_of = self.shown.board.as_of or self._live_at if self.shown is not None else None
            if self.shown is not None:
                self.show_board(Shown(self.shown.board, False), as_of)
            else:
                self._say(center_line.offline_text(None), True)
            return
        self._say(error_text(exc), True)

    # ----- what -----------------------------------------------------------------------------------

    _live_at: datetime | None = None

    def show_board(self, shown: Shown, stale_since: datetime | None = None) -> None:
        board = shown.board
        now = utc_now()
        if shown.live:
            self._live_at = now
        self.shown = shown
        self.model.set_rows(board.seats, board.as_of or now)
        self.shift.setText(self._shift_text(board.shift))
        if shown.live:
            silent = sum(1 for seat in board.seats if seat.silent)
            text = self.tr("%n seat(s), updated %1", "", len(board.seats)).replace("%1", center_line.clock_text(now))
            if silent:
                text += " · " + self.tr("%n seat(s) silent", "", silent)
            self._say(text, bool(silent))
        else:
            self._say(center_line.offline_text(stale_since or board.as_of), True)
        self.updated.emit(shown)

    def _shift_text(self, shift) -> str:
        if shift is None:
            return self.tr("No centre shift is open: calls go to the centre's automatic shift.")
        text = self.tr("Centre shift led by %1 (opened at %2, since %3)")
        text = (
            text.replace("%1", self.model.person(shift.lead) if shift.lead else "—")
            .replace("%2", shift.opened_at_seat)
            .replace("%3", center_line.clock_text(shift.started_at))
        )
        if shift.counselors:
            on_duty = "、".join(self.model.person(code) for code in shift.counselors)
            text += " · " + self.tr("On duty: %1").replace("%1", on_duty)
        return text

    def _say(self, text: str, problem: bool) -> None:
        self.freshness.setText(text)
        set_state(self.freshness, "problem", problem)

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
