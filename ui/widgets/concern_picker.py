"""A searchable, grouped multi-select of concerns: type 考 or exam and press Space to tick 考试. The ticked
concerns stand above the tree as chips; pressing a chip unticks its concern."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.taxonomy import Taxonomy
from ui.widgets.flow_layout import FlowLayout

CODE_ROLE = Qt.ItemDataRole.UserRole


class ConcernPicker(QWidget):
    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, lang: str, parent=None):
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._lang = lang
        self.search = QLineEdit(placeholderText=self.tr("Search concerns (e.g. 考 or exam)"))
        self.search.setAccessibleName(self.tr("Search concerns"))
        self.search.setProperty("codeField", True)  # finds codes to tick; its text is never stored
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget(headerHidden=True)
        self.tree.setAccessibleName(self.tr("Concerns"))
        self._items: dict[str, QTreeWidgetItem] = {}
        for group in taxonomy.concern_groups():
            parent_item = QTreeWidgetItem(self.tree, [group.label(lang)])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for entry in group.items:
                item = QTreeWidgetItem(parent_item, [entry.label(lang)])
                item.setData(0, CODE_ROLE, entry.code)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self._items[entry.code] = item
        self.tree.expandAll()
        self.tree.setMinimumHeight(160)
        self.tree.itemChanged.connect(self._ticked)
        self.chips = QWidget(objectName="concernChips")
        self.chips.setAccessibleName(self.tr("Ticked concerns"))
        self._chip_layout = FlowLayout(self.chips)
        self.chips.hide()
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._tick_first)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.chips)
        layout.addWidget(self.tree, 1)

    def _ticked(self, *_args) -> None:
        self._show_chips()
        self.changed.emit()

    def _show_chips(self) -> None:
        """One chip per ticked concern, in the tree's order; its ✕ unticks it."""
        while (item := self._chip_layout.takeAt(0)) is not None:
            item.widget().deleteLater()
        for code in self.codes():
            label = self._items[code].text(0)
            chip = QToolButton(text=f"{label} ✕", objectName="concernChip", autoRaise=False)
            chip.setAccessibleName(self.tr("Remove %1").replace("%1", label))
            chip.setToolTip(self.tr("Untick %1").replace("%1", label))
            chip.clicked.connect(lambda _=False, c=code: self._items[c].setCheckState(0, Qt.CheckState.Unchecked))
            self._chip_layout.addWidget(chip)
        self.chips.setVisible(bool(self.codes()))

    def _filter(self, text: str) -> None:
        matches = set(self._taxonomy.search_concerns(text, self._lang)) if text.strip() else None
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            visible_children = 0
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                shown = matches is None or child.data(0, CODE_ROLE) in matches
                child.setHidden(not shown)
                visible_children += shown
            group.setHidden(visible_children == 0)
        if matches:
            first = self._items[self._taxonomy.search_concerns(text, self._lang)[0]]
            self.tree.setCurrentItem(first)

    def _tick_first(self) -> None:
        """Enter in the search box ticks the best match, so a concern takes two keystrokes and Enter."""
        item = self.tree.currentItem()
        if item is not None and item.data(0, CODE_ROLE) and not item.isHidden():
            item.setCheckState(0, Qt.CheckState.Checked)
            self.search.clear()  # shows the whole tree again: stay where the ticked concern is, not at the top
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def codes(self) -> list[str]:
        return [code for code, item in self._items.items() if item.checkState(0) == Qt.CheckState.Checked]

    def set_codes(self, codes: list[str]) -> None:
        self.tree.blockSignals(True)
        for code, item in self._items.items():
            item.setCheckState(0, Qt.CheckState.Checked if code in codes else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self._show_chips()
