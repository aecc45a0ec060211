"""Small dialogs of the work page: what will be hidden on save, an amendment (ui/call_view.py reads a call)."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.widgets.guarded_text import describe_counts


class RedactionDialog(QDialog):
    """Lists what the guard will hide and shows the notes as they will be stored."""

    def __init__(self, counts: Counter, preview: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hide identifiers before saving"))
        intro = QLabel(
            self.tr("These identifiers will be replaced by a placeholder naming their kind: %1").replace(
                "%1", describe_counts(counts)
            ),
            wordWrap=True,
        )
        shown = QPlainTextEdit(preview, readOnly=True)
        shown.setAccessibleName(self.tr("Notes as they will be stored"))
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(self.tr("Hide and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Back to the call"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown, 1)
        layout.addWidget(buttons)
        self.accept_button.setDefault(True)
        self.resize(560, 380)


class AmendmentDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an amendment"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Amendment"))
        note = QLabel(self.tr("Identifiers are hidden when the amendment is saved."), wordWrap=True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(480, 300)
