"""The notes editor and the guard's marks on it.

Identifiers are underlined while typing: a sure one wavy red, a possible name or address (one the guard only
suspects) dashed amber, and text the counselor marked by hand solid red. The kinds are listed under the
editor. Underlining runs per paragraph and remembers each sentence's findings, so typing in a long note
reads only the sentence being typed (benchmarks/guard_keystroke.py measures it).

`GuardChoices` holds what the counselor decided for the call on screen: text marked by hand (context menu or
Ctrl+Shift+H in any free-text field) and possible names un-ticked in the save dialog. It lives in memory
only and goes to the services as a `desktop.privacy.Choices` when the call or its draft is saved.
"""

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop import privacy

MARK_SHORTCUT = "Ctrl+Shift+H"


def kind_label(kind: str) -> str:
    names = {
        "mobile": QCoreApplication.translate("kinds", "mobile number"),
        "landline": QCoreApplication.translate("kinds", "landline number"),
        "id_card": QCoreApplication.translate("kinds", "ID card number"),
        "bank_card": QCoreApplication.translate("kinds", "bank card number"),
        "email": QCoreApplication.translate("kinds", "e-mail address"),
        "qq": QCoreApplication.translate("kinds", "QQ number"),
        "wechat": QCoreApplication.translate("kinds", "WeChat ID"),
        "name": QCoreApplication.translate("kinds", "name"),
        "address": QCoreApplication.translate("kinds", "address"),
        "plate": QCoreApplication.translate("kinds", "licence plate"),
        "passport": QCoreApplication.translate("kinds", "passport number"),
        "student_id": QCoreApplication.translate("kinds", "student number"),
        "employee_id": QCoreApplication.translate("kinds", "employee number"),
        privacy.MARKED: QCoreApplication.translate("kinds", "marked by you"),
        "unticked": QCoreApplication.translate("kinds", "kept by you"),
    }
    return names.get(kind, kind)


def describe_counts(counts: Counter) -> str:
    separator = QCoreApplication.translate("kinds", ", ")  # 、 in Chinese
    return separator.join(f"{kind_label(kind)} ×{n}" for kind, n in counts.items() if n)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16(text: str, index: int) -> int:
    """Where Python's code-point `index` falls in Qt's UTF-16 string (emoji count twice there)."""
    return len(text[:index].encode("utf-16-le")) // 2


class GuardChoices(QObject):
    """Text marked by hand and possible names kept, for the call on screen. `changed` after each choice."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.marks: set[str] = set()
        self.keep: set[str] = set()

    def mark(self, text: str) -> bool:
        """Hide `text` (every occurrence, in every field) when saving; False when there is nothing to mark."""
        text = text.replace("\u2029", "\n").strip()
        if not text or text in self.marks:
            return False
        self.marks.add(text)
        self.keep.discard(text)
        self.changed.emit()
        return True

    def set_kept(self, text: str, kept: bool) -> None:
        """Keep a possible name or address (un-ticked), or hide it again."""
        (self.keep.add if kept else self.keep.discard)(text)
        self.changed.emit()

    def clear(self) -> None:
        if self.marks or self.keep:
            self.marks.clear()
            self.keep.clear()
            self.changed.emit()

    def core(self) -> privacy.Choices:
        return privacy.Choices(frozenset(self.keep), frozenset(self.marks))


_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]*")


@lru_cache(maxsize=4096)
def _sentence_spans(sentence: str) -> tuple[privacy.Span, ...]:
    return tuple(privacy.find_identifiers(sentence))


def visible_spans(text: str, choices: GuardChoices | None) -> list[privacy.Span]:
    """The spans the save would hide in a paragraph, with the counselor's choices (kept ones left out).

    Read sentence by sentence (no identifier runs across 。！？), each sentence's findings remembered, so a
    keystroke in a long paragraph reads only the sentence it changed. The save itself reads the whole text."""
    spans = []
    for match in _SENTENCE.finditer(text):
        if match.end() > match.start():
            base = match.start()
            spans.extend(replace(s, start=s.start + base, end=s.end + base) for s in _sentence_spans(match.group()))
    if choices is not None:
        spans = [s for s in spans if s.sure or text[s.start : s.end] not in choices.keep]
        if choices.marks:
            spans = [
                s for s in privacy.guard(text, choices.keep, choices.marks).spans if s.kind == privacy.MARKED
            ] + spans
            spans = _without_overlaps(spans)
    return spans


def _without_overlaps(spans: list[privacy.Span]) -> list[privacy.Span]:
    """Spans sorted by start; where two overlap, the first (a mark) wins."""
    kept: list[privacy.Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.kind != privacy.MARKED)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
        elif span.end > kept[-1].end:
            kept[-1] = replace(kept[-1], end=span.end)
    return kept


def _format(style: QTextCharFormat.UnderlineStyle, color: str, alpha: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style)
    fmt.setUnderlineColor(QColor(color))
    background = QColor(color)
    background.setAlpha(alpha)
    fmt.setBackground(background)
    return fmt


class IdentifierHighlighter(QSyntaxHighlighter):
    """Underlines what the guard finds, paragraph by paragraph, in three styles (sure, possible, marked)."""

    def __init__(self, document, choices: GuardChoices | None = None):
        super().__init__(document)
        self.choices = choices
        self.format = _format(QTextCharFormat.UnderlineStyle.WaveUnderline, "#c62828", 40)
        self.unsure_format = _format(QTextCharFormat.UnderlineStyle.DashUnderline, "#b26a00", 30)
        self.marked_format = _format(QTextCharFormat.UnderlineStyle.SingleUnderline, "#8e1c12", 60)
        if choices is not None:
            choices.changed.connect(self.rehighlight)

    def style_of(self, span: privacy.Span) -> QTextCharFormat:
        if span.kind == privacy.MARKED:
            fmt = QTextCharFormat(self.marked_format)
            fmt.setToolTip(kind_label(privacy.MARKED))
        elif not span.sure:
            fmt = QTextCharFormat(self.unsure_format)
            fmt.setToolTip(
                self.tr("Possible %1: hidden on save unless you un-tick it").replace("%1", kind_label(span.kind))
            )
        else:
            fmt = QTextCharFormat(self.format)
            fmt.setToolTip(kind_label(span.kind))
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        spans = visible_spans(text, self.choices)
        astral = _ASTRAL.search(text) is not None  # emoji: Qt counts UTF-16 units, two for them
        for span in spans:
            start, end = (_utf16(text, span.start), _utf16(text, span.end)) if astral else (span.start, span.end)
            self.setFormat(start, end - start, self.style_of(span))


def document_counts(document, choices: GuardChoices | None = None) -> tuple[Counter, int]:
    """What the guard finds in every paragraph of `document`, and how many are possible names. Each
    sentence's findings are remembered (`visible_spans`), so this re-reads only what changed."""
    counts, unsure = Counter(), 0
    block = document.firstBlock()
    while block.isValid():
        for span in visible_spans(block.text(), choices):
            counts[span.kind] += 1
            unsure += not span.sure
        block = block.next()
    return counts, unsure


def selected_text(widget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    return widget.textCursor().selectedText().replace("\u2029", "\n")


def install_marking(widget: QLineEdit | QPlainTextEdit, choices: GuardChoices) -> QAction:
    """Let the counselor hide the selected text of a free-text field as an identifier: an entry in its
    context menu and Ctrl+Shift+H. Returns the action (tests trigger it; the help lists its key)."""
    action = QAction(QCoreApplication.translate("GuardedNotes", "Hide as an identifier"), widget)
    action.setShortcut(QKeySequence(MARK_SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: choices.mark(selected_text(widget)))
    widget.addAction(action)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(position) -> None:
        popup = widget.createStandardContextMenu()
        popup.addSeparator()
        action.setEnabled(bool(selected_text(widget).strip()))
        popup.addAction(action)
        popup.exec(widget.mapToGlobal(position))
        popup.deleteLater()
        action.setEnabled(True)

    widget.customContextMenuRequested.connect(menu)
    return action


class GuardedNotes(QWidget):
    """A large plain-text editor with the guard's findings under it. `choices` may be shared by several
    fields (the call form shares one among all its free-text fields)."""

    changed = Signal()

    def __init__(self, parent=None, choices: GuardChoices | None = None):
        super().__init__(parent)
        self.choices = choices or GuardChoices(self)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Notes"))
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(
            self.tr(
                "Notes of the call. Numbers, accounts, full names and addresses are hidden when you save; "
                "select anything else and press Ctrl+Shift+H to hide it too."
            )
        )
        self.highlighter = IdentifierHighlighter(self.editor.document(), self.choices)
        self.mark_action = install_marking(self.editor, self.choices)
        self.findings = QLabel(objectName="guardFindings", wordWrap=True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        self._recount = QTimer(self, singleShot=True, interval=300)
        self._recount.timeout.connect(self._update_findings)
        self.editor.textChanged.connect(self._recount.start)
        self.editor.textChanged.connect(self.changed)
        self.choices.changed.connect(self._recount.start)
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
        counts, unsure = document_counts(self.editor.document(), self.choices)
        if counts:
            text = self.tr("Will be hidden on save: %1").replace("%1", describe_counts(counts))
            if unsure:
                text += " " + self.tr("(%n possible, shown dashed: you may un-tick them on save)", "", unsure)
            self.findings.setText(text)
        self.findings.setVisible(bool(counts))
