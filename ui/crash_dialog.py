"""The error report's dialog (ui/crash.py): what happened in plain words, whether the call is kept, the details
to copy. Imported when an error comes, so the program starts without it."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)


class CrashDialog(QDialog):
    """What happened in plain words, whether the call is kept, the details to copy, and the two ways on."""

    KEEP_WORKING = 0
    CLOSE_PROGRAM = 1

    def __init__(self, details: str, draft_kept: bool | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hotline Log: something went wrong"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.details = details
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        self.headline = QLabel(
            self.tr(
                "The program ran into an error it did not expect. This is a fault in the program, not something "
                "you did."
            ),
            wordWrap=True,
            objectName="crashHeadline",
        )
        if draft_kept is None:
            draft_text = self.tr("No call was open, so nothing of a call was lost.")
        elif draft_kept:
            draft_text = self.tr("Your call was kept as a draft (encrypted) and will be offered at the next log-in.")
        else:
            draft_text = self.tr(
                "The call on screen could not be kept as a draft. Keep working and save it (Ctrl+S), or write "
                "down what you need before closing."
            )
        self.draft_label = QLabel(draft_text, wordWrap=True, objectName="crashDraft")
        self.advice = QLabel(
            self.tr(
                "You can keep working: what is saved is safe. If the error comes back, close the program and "
                "start it again. To report it, copy the details below: they hold no call content."
            ),
            wordWrap=True,
        )
        self.text = QPlainTextEdit(details, readOnly=True)
        self.text.setAccessibleName(self.tr("Technical details"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTabChangesFocus(True)
        details_label = QLabel(self.tr("&Technical details"))
        details_label.setBuddy(self.text)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(self.tr("C&lose the program"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button = buttons.addButton(self.tr("&Keep working"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setDefault(True)
        self.close_button.clicked.connect(lambda: self.done(self.CLOSE_PROGRAM))
        self.keep_button.clicked.connect(lambda: self.done(self.KEEP_WORKING))
        self.copied = QLabel(objectName="crashCopied")

        top = QVBoxLayout()
        for widget in (self.headline, self.draft_label, self.advice):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()  # the icon beside the words
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(top, 1)
        layout.addLayout(row)
        layout.addWidget(details_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.keep_button.setFocus()
        self.resize(640, 460)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(self.tr("The details are on the clipboard."))

    def reject(self) -> None:  # Esc keeps working: the safe choice
        self.done(self.KEEP_WORKING)
