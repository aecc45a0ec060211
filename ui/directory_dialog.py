"""The referral directory for admins: add, edit, retire and restore entries; import and export JSON Lines."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.directory import NATIONAL, Directory, Resource
from desktop.errors import HotlineError
from desktop.fsutil import atomic_write_bytes
from desktop.taxonomy import REFERRAL_KINDS, REGIONS, Taxonomy
from ui.file_dialogs import open_file, save_file
from ui.messages import error_text

ID_ROLE = Qt.ItemDataRole.UserRole


class EntryDialog(QDialog):
    def __init__(self, taxonomy: Taxonomy, lang: str, entry: Resource | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Directory entry"))
        self.name = QLineEdit(accessibleName=self.tr("Name"))
        self.kind = QComboBox(accessibleName=self.tr("Kind"))
        for code in taxonomy.codes(REFERRAL_KINDS):
            self.kind.addItem(taxonomy.label(REFERRAL_KINDS, code, lang), code)
        self.region = QComboBox(accessibleName=self.tr("Region"))
        self.region.addItem(self.tr("national"), NATIONAL)
        for code in taxonomy.codes(REGIONS):
            self.region.addItem(taxonomy.label(REGIONS, code, lang), code)
        self.phone = QLineEdit(accessibleName=self.tr("Public phone number"))
        self.hours = QLineEdit(accessibleName=self.tr("Hours"))
        self.notes = QLineEdit(accessibleName=self.tr("Notes"))
        self.example = QCheckBox(self.tr("Example entry (not a real service)"))
        form = QFormLayout()
        for label, widget in (
            (self.tr("Name"), self.name),
            (self.tr("Kind"), self.kind),
            (self.tr("Region"), self.region),
            (self.tr("Public phone number"), self.phone),
            (self.tr("Hours"), self.hours),
            (self.tr("Notes"), self.notes),
        ):
            form.addRow(label, widget)
        form.addRow("", self.example)
        if entry is not None:
            self.name.setText(entry.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
            self.region.setCurrentIndex(max(0, self.region.findData(entry.region)))
            self.phone.setText(entry.phone)
            self.hours.setText(entry.hours)
            self.notes.setText(entry.notes)
            self.example.setChecked(entry.example)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "region": self.region.currentData(),
            "phone": self.phone.text(),
            "hours": self.hours.text(),
            "notes": self.notes.text(),
            "example": self.example.isChecked(),
        }


class DirectoryDialog(QDialog):
    def __init__(self, directory: Directory, taxonomy: Taxonomy, lang: str, alive, parent=None):
        super().__init__(parent)
        self._alive = alive  # false once the window locked while a file dialog was open
        self._directory, self._taxonomy, self._lang = directory, taxonomy, lang
        self.setWindowTitle(self.tr("Referral directory"))
        self.tree = QTreeWidget(accessibleName=self.tr("Directory entries"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Kind"), self.tr("Region"), self.tr("Phone"), self.tr("Hours"), self.tr("State")]
        )
        self.show_retired = QCheckBox(self.tr("Show retired entries"))
        self.show_retired.toggled.connect(self.reload)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Add…"), self._add),
            (self.tr("Edit…"), self._edit),
            (self.tr("Retire"), lambda: self._act(self._directory.retire)),
            (self.tr("Restore"), lambda: self._act(self._directory.restore)),
            (self.tr("Import…"), self._import),
            (self.tr("Export…"), self._export),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_retired)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(900, 520)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        for entry in self._directory.entries(include_retired=self.show_retired.isChecked()):
            region = (
                self.tr("national")
                if entry.region == NATIONAL
                else self._taxonomy.label(REGIONS, entry.region, self._lang)
            )
            state = self.tr("retired") if entry.retired else (self.tr("example") if entry.example else "")
            item = QTreeWidgetItem(
                [
                    entry.name,
                    self._taxonomy.label(REFERRAL_KINDS, entry.kind, self._lang),
                    region,
                    entry.phone,
                    entry.hours,
                    state,
                ]
            )
            item.setData(0, ID_ROLE, entry.id)
            self.tree.addTopLevelItem(item)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)

    def _selected(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def _run(self, work) -> bool:
        try:
            work()
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Referral directory"), error_text(exc))
            return False
        self.reload()
        return True

    def _act(self, method) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._run(lambda: method(chosen))

    def _add(self) -> None:
        dialog = EntryDialog(self._taxonomy, self._lang, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self._alive():
            self._run(lambda: self._directory.add(**dialog.values()))

    def _edit(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        dialog = EntryDialog(self._taxonomy, self._lang, self._directory.get(chosen), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self._alive():
            self._run(lambda: self._directory.edit(chosen, **dialog.values()))

    def _import(self) -> None:
        name = open_file(self, "directory", self.tr("Import directory"), "JSON Lines (*.jsonl *.json)")
        if not name or not self._alive():
            return
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(
                self,
                self.tr("Import directory"),
                self.tr("The file cannot be read as UTF-8 text; nothing was imported.") + "\n" + str(exc),
            )
            return
        added = []
        if self._run(lambda: added.append(self._directory.import_json(text))):
            QMessageBox.information(self, self.tr("Import directory"), self.tr("%n entry(ies) added.", "", added[0]))

    def _export(self) -> None:
        name = save_file(self, "directory", self.tr("Export directory"), "directory.jsonl", "JSON Lines (*.jsonl)")
        if name:
            try:
                atomic_write_bytes(Path(name), self._directory.export_json().encode("utf-8"))  # owner-only
            except HotlineError as exc:
                QMessageBox.warning(self, self.tr("Export directory"), error_text(exc))
