"""Follow-ups due soon or overdue (overdue ones say so and stand out) and referrals still open."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import seat_time, utc_now
from desktop.errors import HotlineError
from desktop.followups import FollowUpService
from desktop.taxonomy import REFERRAL_KINDS, REFERRAL_STATUS, URGENCY, Taxonomy
from ui import theme
from ui.messages import error_text
from ui.risk_text import risk_text
from ui.style import set_state

ID_ROLE = Qt.ItemDataRole.UserRole


class FollowUpQueue(QWidget):
    """`counts_changed(due, overdue)` feeds the corner indicator."""

    counts_changed = Signal(int, int)

    def __init__(self, service: FollowUpService, taxonomy: Taxonomy, lang: str, alive, parent=None, centre=None):
        super().__init__(parent)
        self._service, self._taxonomy, self._lang = service, taxonomy, lang
        self._alive = alive  # false once the window locked while one of this tab's dialogs was open
        self.follow_ups = QTreeWidget(accessibleName=self.tr("Follow-ups due"))
        self.follow_ups.setHeaderLabels(
            [self.tr("Due"), self.tr("Case code"), self.tr("Risk"), self.tr("Owner"), self.tr("What to do")]
        )
        # ----- an enrolled seat shows the centre's queue, every seat's (ui/center_followups.py) -----
        self.centre, self._names = None, {}
        self.offline = QLabel(objectName="centreOffline", wordWrap=True)
        self.offline.hide()
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(self._history)
        self.history_button.hide()
        if centre is not None:
            from ui.center_followups import CentreQueue

            self._names = dict(centre.seat.vault.accounts())
            self.centre = CentreQueue(centre, self)
            self.centre.read.connect(self._show_centre)
            self.centre.failed.connect(self._centre_failed)
            self.follow_ups.setHeaderLabels(
                [self.tr("Due"), self.tr("Seat"), self.tr("Case code"), self.tr("Owner"), self.tr("What to do")]
            )
            self.history_button.show()
        self.follow_ups.setRootIsDecorated(False)
        theme.notifier().changed.connect(self._look_changed)
        done = QPushButton(self.tr("Mark done…"))
        done.clicked.connect(self._complete)
        self.referrals = QTreeWidget(accessibleName=self.tr("Open referrals"))
        self.referrals.setHeaderLabels(
            [self.tr("Case code"), self.tr("Referred to"), self.tr("Urgency"), self.tr("Status")]
        )
        self.referrals.setRootIsDecorated(False)
        self.status = QComboBox(accessibleName=self.tr("New status"))
        for code in taxonomy.codes(REFERRAL_STATUS):
            self.status.addItem(taxonomy.label(REFERRAL_STATUS, code, lang), code)
        set_status = QPushButton(self.tr("Set status"))
        set_status.clicked.connect(self._set_status)

        top = QGroupBox(self.tr("Open follow-ups (overdue first, then those due within 12 hours)"))
        box = QVBoxLayout(top)
        box.addWidget(self.offline)
        box.addWidget(self.follow_ups)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.history_button)
        row.addWidget(done)
        box.addLayout(row)
        bottom = QGroupBox(self.tr("Referrals still open"))
        box = QVBoxLayout(bottom)
        box.addWidget(self.referrals)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.status)
        row.addWidget(set_status)
        box.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(top, 3)
        layout.addWidget(bottom, 2)

    def reload(self) -> None:
        if self.centre is not None:
            self._reload_referrals()
            self.centre.reload()  # the follow-ups come on the GUI thread when the worker has them
            return
        self.follow_ups.clear()
        rows = self._service.queue()
        for row in rows:
            due = seat_time(row.due_at).strftime("%m-%d %H:%M")
            owner = self.tr("lead on shift") if row.for_lead else row.owner
            item = QTreeWidgetItem(
                [
                    (self.tr("OVERDUE") + " " if row.overdue else "") + due,
                    row.case_code or "—",
                    risk_text(row.risk_level, row.risk_assessed, self._lang),
                    owner,
                    row.note,
                ]
            )
            item.setData(0, ID_ROLE, row.id)
            if row.due_soon:
                bold = QFont()
                bold.setBold(True)
                for column in range(5):
                    item.setFont(column, bold)
                    if row.overdue:
                        item.setForeground(column, QBrush(QColor(theme.colours()["danger"])))
            self.follow_ups.addTopLevelItem(item)
        self._reload_referrals()
        self.counts_changed.emit(sum(r.due_soon for r in rows), sum(r.overdue for r in rows))

    def _reload_referrals(self) -> None:
        self.referrals.clear()
        for ref in self._service.open_referrals():
            to = ref.resource_name or self._taxonomy.label(REFERRAL_KINDS, ref.kind, self._lang)
            item = QTreeWidgetItem(
                [
                    ref.case_code or "—",
                    to,
                    self._taxonomy.label(URGENCY, ref.urgency, self._lang),
                    self._taxonomy.label(REFERRAL_STATUS, ref.status, self._lang),
                ]
            )
            item.setData(0, ID_ROLE, ref.id)
            self.referrals.addTopLevelItem(item)
        for tree in (self.follow_ups, self.referrals):
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)

    # ----- the centre's queue, at an enrolled seat ---------------------------------------------------

    def _show_centre(self, items, as_of) -> None:
        from ui.center_followups import CentreQueue, owner_text

        if not self._alive():
            return
        now = utc_now()
        self.follow_ups.clear()
        danger = QBrush(QColor(theme.colours()["danger"]))
        for row in items:
            due = seat_time(row.due_at).strftime("%m-%d %H:%M")
            texts = [
                (self.tr("OVERDUE") + " " if row.overdue else "") + due,
                row.seat,
                row.case_code or "—",
                owner_text(row.owner, self._names),
                row.note,
            ]
            item = QTreeWidgetItem(texts)
            item.setData(0, ID_ROLE, row.uuid)
            if row.overdue:
                bold = QFont()
                bold.setBold(True)
                for column in range(len(texts)):
                    item.setFont(column, bold)
                    item.setForeground(column, danger)
            self.follow_ups.addTopLevelItem(item)
        for column in range(self.follow_ups.columnCount()):
            self.follow_ups.resizeColumnToContents(column)
        from ui import center_line

        self.offline.setText(center_line.offline_text(as_of) if as_of is not None else "")
        set_state(self.offline, "problem", as_of is not None)  # the look's warning colour, and the words say it
        self.offline.setVisible(as_of is not None)
        self.counts_changed.emit(*CentreQueue.counts(items, now))

    def _centre_failed(self, text: str) -> None:
        if self._alive():
            self.offline.setText(text)
            self.offline.show()

    def _centre_item(self):
        item = self.follow_ups.currentItem()
        if item is None or self.centre is None:
            return None
        uuid = item.data(0, ID_ROLE)
        return next((row for row in self.centre.items if row.uuid == uuid), None)

    def _history(self) -> None:
        from ui.center_followups import FollowUpHistory

        row = self._centre_item()
        if row is not None:
            FollowUpHistory(row, self._names, self).exec()

    def _look_changed(self, _name: str) -> None:
        if self._alive():
            self.reload()  # overdue rows take the look's red

    def _complete(self) -> None:
        item = self.follow_ups.currentItem()
        if item is None:
            return
        outcome, ok = QInputDialog.getText(self, self.tr("Follow-up done"), self.tr("What came of it?"))
        if not ok or not self._alive():
            return
        try:
            if self.centre is not None:
                self.centre.close(item.data(0, ID_ROLE), outcome)
            else:
                self._service.complete(item.data(0, ID_ROLE), outcome)
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Follow-up"), error_text(exc))
        if self._alive():
            self.reload()

    def _set_status(self) -> None:
        item = self.referrals.currentItem()
        if item is None:
            return
        try:
            self._service.set_referral_status(item.data(0, ID_ROLE), self.status.currentData())
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Referral"), error_text(exc))
        if self._alive():
            self.reload()
