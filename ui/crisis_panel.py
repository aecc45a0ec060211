"""The crisis protocol for high and imminent risk: each step ticked is timed at once, with its outcome."""

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.call_model import CrisisActionInput
from desktop.clock import seat_time, utc_now
from desktop.taxonomy import CRISIS_ACTIONS, CRISIS_OUTCOMES, Taxonomy


class CrisisPanel(QWidget):
    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, lang: str, parent=None):
        super().__init__(parent)
        self.guide = QLabel(
            self.tr(
                "Keep the caller talking. Ask for consent and where they are, and pass the location to 110/120 "
                "by voice: never type it here. Tick each step when it happens; its time is recorded."
            ),
            wordWrap=True,
            objectName="crisisGuide",
        )
        self.rows: dict[str, tuple[QCheckBox, QLabel, QComboBox]] = {}
        self._times: dict[str, datetime] = {}
        grid = QGridLayout()
        for row, code in enumerate(taxonomy.codes(CRISIS_ACTIONS)):
            tick = QCheckBox(taxonomy.label(CRISIS_ACTIONS, code, lang))
            tick.setAccessibleName(taxonomy.label(CRISIS_ACTIONS, code, lang))
            when = QLabel("")
            outcome = QComboBox()  # named after its action: seven boxes all called "Outcome" tell a reader nothing
            outcome.setAccessibleName(self.tr("Outcome: %1").replace("%1", taxonomy.label(CRISIS_ACTIONS, code, lang)))
            outcome.addItem(self.tr("— outcome —"), None)
            for value in taxonomy.codes(CRISIS_OUTCOMES):
                outcome.addItem(taxonomy.label(CRISIS_OUTCOMES, value, lang), value)
            outcome.setEnabled(False)
            tick.toggled.connect(lambda on, c=code: self._ticked(c, on))
            outcome.currentIndexChanged.connect(lambda _i: self.changed.emit())
            grid.addWidget(tick, row, 0)
            grid.addWidget(when, row, 1)
            grid.addWidget(outcome, row, 2)
            self.rows[code] = (tick, when, outcome)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guide)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _ticked(self, code: str, on: bool) -> None:
        tick, when, outcome = self.rows[code]
        if on and code not in self._times:
            self._times[code] = utc_now()
        if not on:
            self._times.pop(code, None)
            outcome.setCurrentIndex(0)
        when.setText(seat_time(self._times[code]).strftime("%H:%M:%S") if on else "")
        outcome.setEnabled(on)
        self.changed.emit()

    def to_inputs(self) -> list[CrisisActionInput]:
        return [
            CrisisActionInput(code, self._times[code], self.rows[code][2].currentData())
            for code in self.rows
            if code in self._times
        ]

    def load(self, actions: list[CrisisActionInput]) -> None:
        self.blockSignals(True)
        self._times = {a.action: a.at for a in actions}
        for code, (tick, when, outcome) in self.rows.items():
            action = next((a for a in actions if a.action == code), None)
            tick.blockSignals(True)
            tick.setChecked(action is not None)
            tick.blockSignals(False)
            when.setText(seat_time(action.at).strftime("%H:%M:%S") if action else "")
            outcome.setEnabled(action is not None)
            outcome.setCurrentIndex(max(0, outcome.findData(action.outcome)) if action else 0)
        self.blockSignals(False)
