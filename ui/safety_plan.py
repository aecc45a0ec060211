"""The six sections of a Stanley–Brown safety plan, each a short line through the notes guard."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.call_model import SAFETY_PLAN_FIELDS
from ui.widgets.guarded_line import GuardedLine


class SafetyPlanEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        titles = (
            self.tr("1. Warning signs"),
            self.tr("2. What I can do on my own to cope"),
            self.tr("3. People and places that distract me"),
            self.tr("4. People I can ask for help"),
            self.tr("5. Professionals and services to contact"),
            self.tr("6. Making my surroundings safe"),
        )
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Agreed with the caller, in their words. No names or numbers: they are hidden.")))
        for name, title in zip(SAFETY_PLAN_FIELDS, titles, strict=True):
            edit = GuardedLine(accessibleName=title)
            edit.setMaxLength(500)
            edit.textEdited.connect(lambda _t: self.changed.emit())
            form.addRow(title, edit)
            self.fields[name] = edit

    def to_dict(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items() if edit.text().strip()}

    def load(self, plan: dict[str, str]) -> None:
        for name, edit in self.fields.items():
            edit.setText(plan.get(name, ""))
