"""A compact checkable list of codes (emotions, interventions), labels in the UI language."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desktop.taxonomy import Taxonomy

CODE_ROLE = Qt.ItemDataRole.UserRole


class CodeList(QListWidget):
    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, list_name: str, lang: str, accessible_name: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        for code in taxonomy.codes(list_name):
            item = QListWidgetItem(taxonomy.label(list_name, code, lang), self)
            item.setData(CODE_ROLE, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.itemChanged.connect(lambda *_: self.changed.emit())
        self.setMaximumHeight(88)

    def codes(self) -> list[str]:
        return [
            self.item(i).data(CODE_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_codes(self, codes: list[str]) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in codes else Qt.CheckState.Unchecked)
        self.blockSignals(False)
