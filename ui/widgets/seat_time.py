"""Date-and-time edits that show the seat's wall-clock time (Asia/Shanghai by default), whatever zone the
computer is set to: the edit keeps its value as UTC, so the computer's zone plays no part."""

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from desktop.clock import seat_time, seat_zone, utc_now

FORMAT = "yyyy-MM-dd HH:mm"


def to_edit(moment: datetime) -> QDateTime:
    """A moment as the seat's wall-clock time, in the form an edit made by `seat_time_edit` holds."""
    local = seat_time(moment)
    day, clock = QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    return QDateTime(day, clock, QTimeZone.utc())


def from_edit(value: QDateTime) -> datetime:
    """The moment an edit's wall-clock time stands for at the seat."""
    return datetime.combine(value.date().toPython(), value.time().toPython(), seat_zone())


def seat_time_edit(moment: datetime | None = None, **properties) -> QDateTimeEdit:
    """An edit of seat wall-clock time, starting at `moment` (now by default)."""
    edit = QDateTimeEdit(displayFormat=FORMAT, **properties)
    edit.setTimeZone(QTimeZone.utc())  # else the edit shows its values in the computer's zone
    edit.setDateTime(to_edit(moment or utc_now()))
    return edit
