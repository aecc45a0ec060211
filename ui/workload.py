"""How a shift is going for each counselor, in words: talk time, runs without a break, breaks due.

The numbers come from `desktop.wellbeing`; this module only says them. A break that is due is always
written out ("Break due: …"), never shown by colour alone.
"""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from desktop.wellbeing import Workload
from ui.row_model import RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def hours_minutes(seconds: int) -> str:
    """`1 h 05 min`, or `35 min` under an hour."""
    minutes = max(0, seconds) // 60
    if minutes < 60:
        return QCoreApplication.translate("workload", "%1 min").replace("%1", str(minutes))
    text = QCoreApplication.translate("workload", "%1 h %2 min")
    return text.replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")


def break_reason(load: Workload) -> str:
    """Why a break is suggested, in a few words; empty when none is due."""
    if load.reason == "run":
        text = QCoreApplication.translate("workload", "%1 without a break")
        return text.replace("%1", hours_minutes(load.current_run_s))
    if load.reason == "high_risk":
        return QCoreApplication.translate("workload", "right after a high-risk call")
    return ""


class WorkloadModel(RowTableModel):
    """Rows are `Workload`s of one shift; `ROW_ROLE` returns the row itself so it survives a sort proxy."""

    COL_COUNSELOR, COL_CALLS, COL_TALK, COL_LONGEST, COL_HIGH, COL_RUN, COL_BREAK = range(7)

    def __init__(self, names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self._names = names or {}
        self._rows: list[Workload] = []
        self._headers = (
            self.tr("Counselor"),
            self.tr("Calls"),
            self.tr("Talk time"),
            self.tr("Longest run"),
            self.tr("High-risk calls"),
            self.tr("Since last break"),
            self.tr("Break"),
        )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_LONGEST:
            return self.tr("The longest stretch of calls this shift with no break between them")
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_RUN:
            return self.tr("How long the counselor has been taking calls since their last break")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        load = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return load
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_CALLS, self.COL_HIGH):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_BREAK and load.break_due:
            font = QFont()
            font.setBold(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_COUNSELOR:
            name = self._names.get(load.counselor)
            return f"{name} ({load.counselor})" if name else load.counselor
        if column == self.COL_CALLS:
            return str(load.calls)
        if column == self.COL_TALK:
            return hours_minutes(load.talk_s)
        if column == self.COL_LONGEST:
            return hours_minutes(load.longest_run_s)
        if column == self.COL_HIGH:
            return str(load.high_risk_calls)
        if column == self.COL_RUN:
            return hours_minutes(load.current_run_s) if load.current_run_s else self.tr("on a break")
        if column == self.COL_BREAK:
            if not load.break_due:
                return ""
            return self.tr("Due: %1").replace("%1", break_reason(load))
        return None
