"""A case code's timeline as a compact list: one entry per call of the code the viewer may see, oldest first,
with date, counselor, kind, concerns, level (final and computed; 未评估 where nobody assessed), crisis
actions, referrals with their status and follow-ups with their outcome. Enter or a double-click on an entry
asks for that call's read view (`open_call`). Shown under the case-code field of the form and in the read
view. The entries come from `desktop.case_history.case_timeline`; this widget only shows them."""

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.call_model import LEAD_ON_SHIFT
from desktop.case_history import TimelineEntry
from desktop.clock import seat_time
from desktop.risk import level_label
from desktop.taxonomy import (
    CALL_KINDS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    Taxonomy,
)
from ui.risk_text import not_assessed

MAX_SHOWN_LINES = 8  # the list grows with its entries up to about this many lines, then scrolls


def person(code: str | None, names: dict[str, str]) -> str:
    if not code:
        return "—"
    if code == LEAD_ON_SHIFT:
        return QCoreApplication.translate("CaseTimeline", "lead on shift")
    return names.get(code, code)


def level_text(entry, lang: str) -> str:
    """紧急风险 (计算：高风险) when the counselor changed the computed level; 未评估 when nobody assessed."""
    if not entry.assessed:
        return not_assessed()
    final = level_label(entry.final_level, lang)
    if entry.final_level == entry.computed_level:
        return final
    return (
        QCoreApplication.translate("CaseTimeline", "%1 (computed: %2)")
        .replace("%1", final)
        .replace("%2", level_label(entry.computed_level, lang))
    )


def entry_lines(
    entry: TimelineEntry, taxonomy: Taxonomy, lang: str, names: dict[str, str], own_seat: str = ""
) -> list[str]:
    """The entry in a few short lines: when, who, kind and level; concerns; then what was done and what is open.
    When the calls come from every seat of the line (`own_seat` given), each first line starts with its seat and
    another seat's call shows its summary, unsealed at this seat (ui/center_timeline.py)."""
    comma = "、" if lang == "zh" else ", "

    def label(list_name: str, code: str | None) -> str:
        return taxonomy.label(list_name, code, lang) if code else "—"

    when = seat_time(entry.started_at).strftime("%Y-%m-%d %H:%M")
    seat = getattr(entry, "seat", "") or own_seat
    first = (when, person(entry.counselor, names), label(CALL_KINDS, entry.kind), level_text(entry, lang))
    lines = [
        (f"[{seat}] " if own_seat else "") + " · ".join(first),
        QCoreApplication.translate("CaseTimeline", "Concerns: %1").replace(
            "%1", comma.join(label(CONCERNS, c) for c in entry.concerns) or "—"
        ),
    ]
    if entry.crisis_actions:
        actions = comma.join(
            f"{seat_time(a.at):%H:%M} {label(CRISIS_ACTIONS, a.action)} → {label(CRISIS_OUTCOMES, a.outcome)}"
            for a in entry.crisis_actions
        )
        lines.append(QCoreApplication.translate("CaseTimeline", "Crisis actions: %1").replace("%1", actions))
    if entry.referrals:
        referrals = comma.join(
            f"{label(REFERRAL_KINDS, r.kind)} ({label(REFERRAL_STATUS, r.status)})" for r in entry.referrals
        )
        lines.append(QCoreApplication.translate("CaseTimeline", "Referrals: %1").replace("%1", referrals))
    for follow_up in entry.follow_ups:
        due = seat_time(follow_up.due_at).strftime("%m-%d %H:%M")
        if follow_up.done_at:
            text = QCoreApplication.translate("CaseTimeline", "Follow-up due %1 (%2): %3 — done: %4").replace(
                "%4", follow_up.outcome or "—"
            )
        else:
            text = QCoreApplication.translate("CaseTimeline", "Follow-up due %1 (%2): %3 — open")
        owner = person(follow_up.owner, names)
        lines.append(text.replace("%1", due).replace("%2", owner).replace("%3", follow_up.note or "—"))
    if getattr(entry, "summary", ""):
        lines.append(QCoreApplication.translate("CaseTimeline", "Summary: %1").replace("%1", entry.summary))
    return lines


class CaseTimeline(QWidget):
    """A heading ("3 calls with this code") and the list of entries. `open_call(id)` on Enter or double-click."""

    open_call = Signal(int)

    def __init__(self, taxonomy: Taxonomy, lang: str, parent=None):
        super().__init__(parent)
        self.taxonomy, self.lang = taxonomy, lang
        self.heading = QLabel(wordWrap=True, objectName="caseHistory")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.entries = QListWidget(objectName="caseTimeline")
        self.entries.setAccessibleName(QCoreApplication.translate("CaseTimeline", "Earlier calls with this case code"))
        self.entries.setToolTip(QCoreApplication.translate("CaseTimeline", "Enter or double-click opens the call."))
        self.entries.setWordWrap(True)
        self.entries.setAlternatingRowColors(True)
        self.entries.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.entries.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.entries)
        self.hide()

    def _activated(self, item: QListWidgetItem) -> None:
        call_id = item.data(Qt.ItemDataRole.UserRole)
        if call_id is not None:  # another seat's call is read here, not opened: it is not on this seat
            self.open_call.emit(call_id)

    def show_entries(
        self, entries: list[TimelineEntry], names: dict[str, str], current: int | None = None, own_seat: str = ""
    ) -> None:
        """Show `entries` (oldest first); `current`, the call being read, is marked and not offered to open. With
        `own_seat`, the entries come from every seat of the line and each names its seat."""
        self.entries.clear()
        if not entries:
            self.heading.setText(
                QCoreApplication.translate("CaseTimeline", "No earlier calls with this code that you may see.")
            )
            self.entries.hide()
            self.show()
            return
        self.heading.setText(self.tr("%n call(s) with this case code:", "", len(entries)))
        lines_shown = 0
        for entry in reversed(entries):  # newest on top: what happened last matters most
            lines = entry_lines(entry, self.taxonomy, self.lang, names, own_seat)
            if entry.call_id is not None and entry.call_id == current:
                lines[0] = QCoreApplication.translate("CaseTimeline", "This call: %1").replace("%1", lines[0])
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, entry.call_id)
            if entry.call_id is None or entry.call_id == current:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.entries.addItem(item)
            lines_shown += len(lines)
        height = self.fontMetrics().lineSpacing() * (min(lines_shown, MAX_SHOWN_LINES) + 1) + 8
        self.entries.setFixedHeight(height)
        self.entries.show()
        self.show()

    def text(self) -> str:
        """Everything shown, as plain text (for reading aloud and for tests)."""
        items = (self.entries.item(i).text() for i in range(self.entries.count()))
        return "\n".join((self.heading.text(), *items))

    def clear(self) -> None:
        self.entries.clear()
        self.hide()
