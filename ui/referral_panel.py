"""Referrals and follow-ups of the call on screen."""

from datetime import UTC, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.call_model import LEAD_ON_SHIFT, FollowUpInput, ReferralInput
from desktop.clock import seat_time, utc_now
from desktop.taxonomy import REFERRAL_KINDS, REFERRAL_STATUS, URGENCY, Taxonomy
from ui.widgets.guarded_line import GuardedLine
from ui.widgets.seat_time import from_edit, seat_time_edit, to_edit


def _combo(taxonomy: Taxonomy, list_name: str, lang: str, name: str) -> QComboBox:
    combo = QComboBox(accessibleName=name)
    for code in taxonomy.codes(list_name):
        combo.addItem(taxonomy.label(list_name, code, lang), code)
    return combo


def _row(*widgets: tuple[QWidget | None, int]) -> QHBoxLayout:
    """Widgets side by side with their stretch factors; None is empty stretch."""
    row = QHBoxLayout()
    for widget, stretch in widgets:
        if widget is None:
            row.addStretch(stretch)
        else:
            row.addWidget(widget, stretch)
    return row


class ReferralPanel(QWidget):
    """`resources` are (id, name, kind, phone, hours) of the directory; `owners` are (code, name) of the staff."""

    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, lang: str, resources, owners, me: str, parent=None):
        super().__init__(parent)
        self._taxonomy, self._lang = taxonomy, lang
        self._resources = {rid: (name, kind, phone, hours) for rid, name, kind, phone, hours in resources}
        self._referrals: list[ReferralInput] = []
        self._follow_ups: list[FollowUpInput] = []

        self.referral_list = QListWidget(accessibleName=self.tr("Referrals of this call"))
        self.resource = QComboBox(accessibleName=self.tr("Directory entry"))
        self.resource.addItem(self.tr("— by kind only —"), None)
        for rid, (name, _kind, _phone, _hours) in self._resources.items():
            self.resource.addItem(name, rid)
        # The chosen entry's public phone and hours, to read out to the caller (a public number: not guarded).
        self.resource_info = QLabel(wordWrap=True, objectName="resourceInfo")
        self.resource_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resource_info.hide()
        self.kind = _combo(taxonomy, REFERRAL_KINDS, lang, self.tr("Referral kind"))
        self.urgency = _combo(taxonomy, URGENCY, lang, self.tr("Urgency"))
        self.status = _combo(taxonomy, REFERRAL_STATUS, lang, self.tr("Status"))
        urgency_label = QLabel(self.tr("&Urgency:"), buddy=self.urgency)
        status_label = QLabel(self.tr("S&tatus:"), buddy=self.status)
        self.resource.currentIndexChanged.connect(self._resource_chosen)
        self.add_referral_button = QPushButton(self.tr("Add referral"))
        self.add_referral_button.clicked.connect(self._add_referral)
        remove_referral = QPushButton(self.tr("Remove"), accessibleName=self.tr("Remove the selected referral"))
        remove_referral.clicked.connect(lambda: self._remove(self.referral_list, self._referrals))

        self.follow_up_list = QListWidget(accessibleName=self.tr("Follow-ups of this call"))
        self.due = seat_time_edit(calendarPopup=True, accessibleName=self.tr("Due"))
        self.owner = QComboBox(accessibleName=self.tr("Owner"))
        self.owner.addItem(self.tr("the lead on shift"), LEAD_ON_SHIFT)
        for code, name in owners:
            self.owner.addItem(f"{name} ({code})", code)
        self.owner.setCurrentIndex(max(0, self.owner.findData(me)))
        self.note = GuardedLine(placeholderText=self.tr("What to do (no names or numbers)"))
        self.note.setAccessibleName(self.tr("Follow-up note"))
        self.add_follow_up_button = QPushButton(self.tr("Add follow-up"))
        self.add_follow_up_button.clicked.connect(self._add_follow_up)
        remove_follow_up = QPushButton(self.tr("Remove"), accessibleName=self.tr("Remove the selected follow-up"))
        remove_follow_up.clicked.connect(lambda: self._remove(self.follow_up_list, self._follow_ups))

        # Two short rows each, in the order a counselor fills them, so the left pane needs no scroll bar
        # in either language.
        referrals = QGroupBox(self.tr("Referrals"))
        box = QVBoxLayout(referrals)
        box.addLayout(_row((self.resource, 2), (self.kind, 1)))
        box.addWidget(self.resource_info)
        box.addLayout(
            _row(
                (urgency_label, 0),
                (self.urgency, 0),
                (status_label, 0),
                (self.status, 0),
                (None, 1),
                (self.add_referral_button, 0),
            )
        )
        box.addWidget(self.referral_list)
        box.addWidget(remove_referral)
        follow_ups = QGroupBox(self.tr("Follow-ups"))
        box = QVBoxLayout(follow_ups)
        box.addLayout(_row((self.due, 0), (self.owner, 1)))
        box.addLayout(_row((self.note, 1), (self.add_follow_up_button, 0)))
        box.addWidget(self.follow_up_list)
        box.addWidget(remove_follow_up)
        layout = QVBoxLayout(self)
        layout.addWidget(referrals)
        layout.addWidget(follow_ups)
        self.reset_due()

    def reset_due(self) -> None:
        self.due.setDateTime(to_edit(utc_now() + timedelta(hours=24)))

    def _resource_chosen(self) -> None:
        rid = self.resource.currentData()
        if rid is None:
            self.resource_info.hide()
            return
        _name, kind, phone, hours = self._resources[rid]
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        parts = [self.tr("Phone: %1").replace("%1", phone)] if phone else []
        parts += [self.tr("Hours: %1").replace("%1", hours)] if hours else []
        self.resource_info.setText(" · ".join(parts))
        self.resource_info.setVisible(bool(parts))

    def _referral_text(self, referral: ReferralInput) -> str:
        what = self._resources.get(referral.resource_id, (None,))[0] or self._taxonomy.label(
            REFERRAL_KINDS, referral.kind, self._lang
        )
        return " · ".join(
            (
                what,
                self._taxonomy.label(URGENCY, referral.urgency, self._lang),
                self._taxonomy.label(REFERRAL_STATUS, referral.status, self._lang),
            )
        )

    def _follow_up_text(self, follow_up: FollowUpInput) -> str:
        owner = self.owner.itemText(max(0, self.owner.findData(follow_up.owner)))
        due = seat_time(follow_up.due_at).strftime("%Y-%m-%d %H:%M")
        return f"{due} · {owner}" + (f" · {follow_up.note}" if follow_up.note else "")

    def _add_referral(self) -> None:
        self._referrals.append(
            ReferralInput(
                self.kind.currentData(),
                self.urgency.currentData(),
                self.status.currentData(),
                self.resource.currentData(),
            )
        )
        self._refresh()
        self.changed.emit()

    def _add_follow_up(self) -> None:
        due = from_edit(self.due.dateTime()).astimezone(UTC)
        self._follow_ups.append(FollowUpInput(due, self.owner.currentData(), self.note.text().strip()))
        self.note.clear()
        self._refresh()
        self.changed.emit()

    def _remove(self, widget: QListWidget, items: list) -> None:
        row = widget.currentRow()
        if 0 <= row < len(items):
            del items[row]
            self._refresh()
            self.changed.emit()

    def _refresh(self) -> None:
        self.referral_list.clear()
        self.referral_list.addItems([self._referral_text(r) for r in self._referrals])
        self.follow_up_list.clear()
        self.follow_up_list.addItems([self._follow_up_text(f) for f in self._follow_ups])

    def referrals(self) -> list[ReferralInput]:
        return list(self._referrals)

    def follow_ups(self) -> list[FollowUpInput]:
        return list(self._follow_ups)

    def load(self, referrals: list[ReferralInput], follow_ups: list[FollowUpInput]) -> None:
        self._referrals, self._follow_ups = list(referrals), list(follow_ups)
        self.reset_due()
        self._refresh()
