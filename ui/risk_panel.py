"""The suicide-risk assessment: items by dimension, three scales, the computed level shown large in words
and colour, and an override that needs a reason."""

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import risk
from desktop.call_model import RiskInput
from desktop.clock import utc_now
from ui.style import set_state
from ui.widgets.guarded_line import GuardedLine

NOT_ASKED = -1  # a scale's value before anyone asked it


class RiskPanel(QWidget):
    """Emits `changed` on every edit and `level_changed(final_level)` when the level that counts moves."""

    changed = Signal()
    level_changed = Signal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self._lang = lang
        self._level = risk.NOT_ASSESSED
        self._assessed_at: datetime | None = None
        catalogue = risk.items()
        self.banner = QLabel(wordWrap=True, objectName="riskBanner")
        self.banner.hide()
        self.level = QLabel(objectName="riskLevel")
        self.level.setAccessibleName(self.tr("Computed risk level"))
        self.level_about = QLabel(wordWrap=True)
        self.level.setWordWrap(True)
        self.reasons = QLabel(wordWrap=True, objectName="riskReasons")

        self.items: dict[str, QCheckBox] = {}
        groups = QVBoxLayout()
        for group in catalogue.groups:
            box = QGroupBox(group.label(lang))
            inner = QVBoxLayout(box)
            for item in group.items:
                tick = QCheckBox(item.label(lang))
                tick.setAccessibleName(item.label(lang))
                tick.toggled.connect(self._edited)
                inner.addWidget(tick)
                self.items[item.code] = tick
            groups.addWidget(box)

        self.scales: dict[str, QSpinBox] = {}
        scales = QFormLayout()
        for scale in catalogue.scales:
            # A scale starts "not asked" (its minimum, shown in words), never at 0, which is an answer.
            spin = QSpinBox(minimum=NOT_ASKED, maximum=10, accessibleName=scale.label(lang))
            spin.setSpecialValueText(self.tr("not asked"))
            spin.setValue(NOT_ASKED)
            spin.valueChanged.connect(self._edited)
            scales.addRow(scale.label(lang) + " (0–10)", spin)
            self.scales[scale.code] = spin

        self.override = QComboBox(accessibleName=self.tr("Counselor's level"))
        self.override.addItem(self.tr("keep the computed level"), None)
        for level in risk.LEVELS:
            self.override.addItem(risk.level_label(level, lang), level)
        self.override.currentIndexChanged.connect(self._edited)
        self.reason = GuardedLine(placeholderText=self.tr("Why the level differs (required)"))
        self.reason.setAccessibleName(self.tr("Reason for the different level"))
        self.reason.textEdited.connect(self._edited)
        override_row = QFormLayout()
        override_row.addRow(self.tr("Counselor's judgement:"), self.override)
        override_row.addRow(self.tr("Reason:"), self.reason)

        # The level stays in view while the items scroll beneath it: ticking the intent items far down must
        # not push the computed level out of sight. Only the items scroll; the tab's own scroll area has
        # nothing left to scroll.
        answers = QWidget()
        answers_layout = QVBoxLayout(answers)
        answers_layout.setContentsMargins(0, 0, 0, 0)
        answers_layout.addLayout(groups)
        answers_layout.addLayout(scales)
        answers_layout.addLayout(override_row)
        self.items_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.items_area.setWidget(answers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.level)
        layout.addWidget(self.level_about)
        layout.addWidget(self.reasons)
        layout.addWidget(self.items_area, 1)
        self._show()

    # ----- state --------------------------------------------------------------------------------

    @property
    def touched(self) -> bool:
        return bool(self.answers()) or self.override.currentData() is not None

    @property
    def final_level(self) -> str:
        return self._level

    def answers(self) -> dict:
        answers = {code: True for code, tick in self.items.items() if tick.isChecked()}
        answers.update({code: spin.value() for code, spin in self.scales.items() if spin.value() != NOT_ASKED})
        return answers

    def _edited(self, *_args) -> None:
        if self._assessed_at is None:
            self._assessed_at = utc_now()
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        result = risk.assess(self.answers())
        override = self.override.currentData()
        final = override or result.level
        self.reason.setEnabled(override is not None)
        text = risk.level_label(final, self._lang)
        if override and override != result.level:
            text += " " + self.tr("(computed: %1)").replace("%1", risk.level_label(result.level, self._lang))
        self.level.setText(text)
        # colours per look in ui/style.py; the words say the level. Not assessed is neutral grey, never green.
        set_state(self.level, "riskLevel", "unassessed" if final == risk.NOT_ASSESSED else final)
        self.level_about.setText(risk.level_description(final, self._lang))
        catalogue = risk.items()
        reasons = "、".join(catalogue.label(code, self._lang) for code in result.reasons)
        self.reasons.setText(self.tr("Because: %1").replace("%1", reasons) if reasons else "")
        if final != self._level:
            self._level = final
            self.level_changed.emit(final)

    def show_prompt(self, words: list[str]) -> None:
        shown = "、".join(words[:5])
        self.banner.setText(self.tr("The notes mention %1. Please assess the suicide risk now.").replace("%1", shown))
        self.banner.show()

    def to_input(self) -> RiskInput | None:
        if not self.touched:
            return None
        return RiskInput(self.answers(), self.override.currentData(), self.reason.text(), self._assessed_at)

    def load(self, value: RiskInput | None) -> None:
        self.blockSignals(True)
        for widget in (*self.items.values(), *self.scales.values(), self.override):
            widget.blockSignals(True)
        answers = value.answers if value else {}
        for code, tick in self.items.items():
            tick.setChecked(bool(answers.get(code)))
        for code, spin in self.scales.items():
            spin.setValue(int(answers.get(code, NOT_ASKED)))
        self.override.setCurrentIndex(max(0, self.override.findData(value.override_level if value else None)))
        self.reason.setText(value.override_reason if value else "")
        self._assessed_at = value.assessed_at if value else None
        for widget in (*self.items.values(), *self.scales.values(), self.override):
            widget.blockSignals(False)
        self.banner.hide()
        self.blockSignals(False)
        self._level = None
        self._show()
