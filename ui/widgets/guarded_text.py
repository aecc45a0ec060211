"""The notes editor: identifiers are underlined (wavy, red) while typing; the kinds are listed below."""

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop import privacy


def kind_label(kind: str) -> str:
    names = {
        "mobile": QCoreApplication.translate("kinds", "mobile number"),
        "landline": QCoreApplication.translate("kinds", "landline number"),
        "id_card": QCoreApplication.translate("kinds", "ID card number"),
        "bank_card": QCoreApplication.translate("kinds", "bank card number"),
        "email": QCoreApplication.translate("kinds", "e-mail address"),
        "qq": QCoreApplication.translate("kinds", "QQ number"),
        "wechat": QCoreApplication.translate("kinds", "WeChat ID"),
    }
    return names.get(kind, kind)


def describe_counts(counts: Counter) -> str:
    separator = QCoreApplication.translate("kinds", ", ")  # 、 in Chinese
    return separator.join(f"{kind_label(kind)} ×{n}" for kind, n in counts.items())


def _utf16(text: str, index: int) -> int:
    """Where Python's code-point `index` falls in Qt's UTF-16 string (emoji count twice there)."""
    return len(text[:index].encode("utf-16-le")) // 2


class IdentifierHighlighter(QSyntaxHighlighter):
    """Underlines the identifiers the guard finds. Runs per block (paragraph), so long notes stay quick."""

    def __init__(self, document):
        super().__init__(document)
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.format.setUnderlineColor(QColor("#c62828"))
        self.format.setBackground(QColor(198, 40, 40, 40))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        for span in privacy.find_identifiers(text):
            fmt = QTextCharFormat(self.format)
            fmt.setToolTip(kind_label(span.kind))
            start, end = _utf16(text, span.start), _utf16(text, span.end)  # Qt counts UTF-16 units
            self.setFormat(start, end - start, fmt)


class GuardedNotes(QWidget):
    """A large plain-text editor with the guard's findings under it."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Notes"))
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(
            self.tr("Notes of the call. Phone numbers, ID numbers and accounts are hidden when you save.")
        )
        self.highlighter = IdentifierHighlighter(self.editor.document())
        self.findings = QLabel(objectName="guardFindings", wordWrap=True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        self._recount = QTimer(self, singleShot=True, interval=300)
        self._recount.timeout.connect(self._update_findings)
        self.editor.textChanged.connect(self._recount.start)
        self.editor.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.findings)
        self.findings.hide()

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)
        self._update_findings()

    def _update_findings(self) -> None:
        counts = Counter(span.kind for span in privacy.find_identifiers(self.text()))
        if counts:
            self.findings.setText(self.tr("Will be hidden on save: %1").replace("%1", describe_counts(counts)))
        self.findings.setVisible(bool(counts))
