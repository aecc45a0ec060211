"""The follow-up tab on an enrolled seat (issue 16 point 2): the centre's open follow-ups of every seat, each with
the seat it came from (席位), the history of its changes (who, when, what, at which seat), and closing through
`desktop.center.line.close_follow_up`, which works offline too (the event waits in the seat's outbox).

The queue is read on a worker thread (`ui.center_line`); offline the core answers with what the seat last knew and
the tab says since when (显示的是 HH:MM 时的情况（未连接中心）).
"""

from datetime import datetime, timedelta

from shiboken6 import isValid

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.call_model import LEAD_ON_SHIFT
from desktop.clock import seat_time
from desktop.errors import HotlineError
from desktop.seat import Session
from ui import center_line

DUE_SOON = timedelta(hours=12)  # as the seat's own queue (desktop.followups)


class CentreQueue(QObject):
    """Reads the centre's queue for the follow-up tab; `read(items, as_of)` on the GUI thread."""

    read = Signal(object, object)
    failed = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._busy = False
        self._again = False
        self.items: tuple = ()
        self.as_of: datetime | None = None

    def reload(self) -> None:
        if not self._session.key:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        line = center_line.core()
        center_line.in_background(self._session, line.follow_up_queue, self._answered, self._not_answered)

    def _answered(self, queue) -> None:
        if not isValid(self):
            return
        self._busy = False
        self.items, self.as_of = tuple(queue.items), queue.as_of
        self.read.emit(self.items, self.as_of)
        self._next()

    def _not_answered(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._busy = False
        if not isinstance(exc, HotlineError):
            raise exc
        from ui.messages import error_text

        self.failed.emit(error_text(exc))
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.reload()

    def close(self, uuid: str, outcome: str) -> None:
        """At this seat's database (no network): the centre hears of it at the next sync."""
        center_line.core().close_follow_up(self._session, uuid, outcome)

    @staticmethod
    def counts(items, now: datetime) -> tuple[int, int]:
        """(due within 12 hours or overdue, overdue), as the status bar's corner counts them."""
        due = sum(1 for item in items if item.overdue or item.due_at <= now + DUE_SOON)
        return due, sum(1 for item in items if item.overdue)


def owner_text(owner: str | None, names: dict[str, str]) -> str:
    from PySide6.QtCore import QCoreApplication

    if not owner:
        return "—"
    if owner == LEAD_ON_SHIFT:
        return QCoreApplication.translate("FollowUpHistory", "lead on shift")
    return f"{names[owner]} ({owner})" if owner in names else owner


class FollowUpHistory(QDialog):
    """Every event of one follow-up, oldest first: when, who, at which seat, what, and the due time and owner it set."""

    def __init__(self, item, names: dict[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Follow-up history"))
        heading = QLabel(
            self.tr("Case %1 · from %2 · due %3")
            .replace("%1", item.case_code or "—")
            .replace("%2", item.seat)
            .replace("%3", f"{seat_time(item.due_at):%m-%d %H:%M}"),
            wordWrap=True,
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.events = QTreeWidget(accessibleName=self.tr("Changes of this follow-up"))
        self.events.setRootIsDecorated(False)
        self.events.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.events.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Seat"), self.tr("What"), self.tr("Due"), self.tr("Owner")]
        )
        for event in item.history:
            due = f"{seat_time(event.due_at):%m-%d %H:%M}" if event.due_at else "—"
            self.events.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        f"{seat_time(event.at):%Y-%m-%d %H:%M}",
                        owner_text(event.actor, names),
                        event.seat,
                        self.what_text(event.what),
                        due,
                        owner_text(event.owner, names),
                    ]
                )
            )
        self.events.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            self.tr("When two seats change it at once, the latest change wins; every change is kept here."),
            wordWrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.events, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 320)

    def what_text(self, what: str) -> str:
        return {
            "created": self.tr("created"),
            "changed": self.tr("changed"),
            "closed": self.tr("closed"),
            "withdrawn": self.tr("withdrawn"),
        }.get(what, what)

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and reading aloud)."""
        tree, columns = self.events, range(self.events.columnCount())
        return [[tree.topLevelItem(r).text(c) for c in columns] for r in range(tree.topLevelItemCount())]
