"""Small dialogs of the work page: an amendment (ui/call_view.py reads a call; ui/save_review or the guard's
own dialog shows what will be hidden on save)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.widgets.guarded_text import GuardChoices, IdentifierHighlighter, install_marking


class AmendmentDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an amendment"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Amendment"))
        self.choices = GuardChoices(self)
        self.highlighter = IdentifierHighlighter(self.text.document(), self.choices)
        install_marking(self.text, self.choices)
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
