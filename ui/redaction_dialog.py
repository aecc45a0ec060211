"""The save dialog of the notes guard: every free-text field's findings in context, as they will be stored.

The counselor sees each finding of each field (notes, summary, city, keywords, override reason, follow-up
notes, safety-plan lines) with the words around it. A possible name or address (dashed in the editor) can be
un-ticked when it is not one; numbers, accounts and sure names cannot. Any text of a field can be selected in
the field's view and hidden by hand (its context menu, the button, or Ctrl+Shift+H). The choices go into the
call's `GuardChoices`; the save counts them in its audit entry, never their text.
"""

from collections import Counter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import privacy
from ui.widgets.guarded_text import (
    GuardChoices,
    IdentifierHighlighter,
    describe_counts,
    install_marking,
    kind_label,
)

FIELD_LABELS = {
    "notes": QT_TRANSLATE_NOOP("RedactionDialog", "Notes"),
    "summary": QT_TRANSLATE_NOOP("RedactionDialog", "Summary"),
    "city": QT_TRANSLATE_NOOP("RedactionDialog", "City"),
    "keywords": QT_TRANSLATE_NOOP("RedactionDialog", "Keyword"),
    "override_reason": QT_TRANSLATE_NOOP("RedactionDialog", "Reason for the risk level"),
    "follow_up_note": QT_TRANSLATE_NOOP("RedactionDialog", "Follow-up note"),
    "safety_plan": QT_TRANSLATE_NOOP("RedactionDialog", "Safety plan"),
}
CONTEXT = 12  # characters shown on each side of a finding
SPAN_ROLE = Qt.ItemDataRole.UserRole


def field_label(name: str) -> str:
    return QCoreApplication.translate("RedactionDialog", FIELD_LABELS.get(name, name))


def findings(text: str, choices: GuardChoices) -> list[tuple[privacy.Span, bool]]:
    """Every span of `text` with whether it will be hidden: kept possible names are listed, un-ticked."""
    spans = privacy.guard(text, (), choices.marks).spans
    return [(span, span.sure or text[span.start : span.end] not in choices.keep) for span in spans]


def has_findings(fields: list[tuple[str, str]], choices: GuardChoices) -> bool:
    return any(privacy.guard(text, (), choices.marks).spans for _name, text in fields)


class RedactionDialog(QDialog):
    """`fields`: (field name, text) of every free text of the call, from desktop.free_text.form_texts."""

    def __init__(self, fields: list[tuple[str, str]], choices: GuardChoices, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hide identifiers before saving"))
        self.fields = [(name, text) for name, text in fields if text.strip()]
        self.choices = choices
        self.intro = QLabel(wordWrap=True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Hide"), self.tr("In context")])
        self.tree.setAccessibleName(self.tr("What will be hidden, field by field"))
        self.tree.itemChanged.connect(self._ticked)
        self.tree.currentItemChanged.connect(self._show_field)
        self.source = QPlainTextEdit(readOnly=True)
        self.source.setAccessibleName(self.tr("The field as typed: select text to hide it"))
        self.source.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.highlighter = IdentifierHighlighter(self.source.document(), choices)
        self.mark_action = install_marking(self.source, choices)
        self.mark_button = QPushButton(self.tr("Hide the selected text (Ctrl+Shift+H)"))
        self.mark_button.clicked.connect(self.mark_action.trigger)
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setAccessibleName(self.tr("Every field as it will be stored"))
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(self.tr("Hide and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Back to the call"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        source_box = QWidget()
        source_layout = QVBoxLayout(source_box)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(QLabel(self.tr("The field as typed:")))
        source_layout.addWidget(self.source, 1)
        source_layout.addWidget(self.mark_button)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(self.tr("As it will be stored:")))
        preview_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for part in (self.tree, source_box, preview_box):
            splitter.addWidget(part)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.accept_button.setDefault(True)
        self._ticking = False  # a tick in the list changes the preview only; the list keeps its rows
        choices.changed.connect(self._refresh)
        self._refresh()
        self.resize(720, 640)

    def _refresh(self) -> None:
        """Fill the list, the intro and the preview from the fields and the choices made so far."""
        if not self._ticking:
            self._fill_list()
        self._fill_preview()

    def _fill_list(self) -> None:
        current = self.tree.currentItem()
        current_field = current.data(0, SPAN_ROLE)[0] if current and current.data(0, SPAN_ROLE) else 0
        self.tree.blockSignals(True)
        self.tree.clear()
        for index, (name, text) in enumerate(self.fields):
            found = findings(text, self.choices)
            top = QTreeWidgetItem([field_label(name), ""])
            top.setData(0, SPAN_ROLE, (index, None))
            for span, hidden in found:
                self._add_finding(top, index, text, span, hidden)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.tree.blockSignals(False)
        self._show_field_index(current_field)

    def _fill_preview(self) -> None:
        counts = Counter()
        stored = []
        for name, text in self.fields:
            guarded = privacy.guard(text, self.choices.keep, self.choices.marks)
            counts.update(guarded.counts)
            stored.append(f"【{field_label(name)}】\n{guarded.text}")
        self.preview.setPlainText("\n\n".join(stored))
        intro = self.tr("These will be replaced by a placeholder naming their kind: %1").replace(
            "%1", describe_counts(counts) or "—"
        )
        self.intro.setText(
            intro
            + "\n"
            + self.tr("Un-tick a possible name or address that is not one; select any other text below to hide it.")
        )

    def _add_finding(self, top: QTreeWidgetItem, index: int, text: str, span: privacy.Span, hidden: bool) -> None:
        before = text[max(0, span.start - CONTEXT) : span.start].replace("\n", " ")
        after = text[span.end : span.end + CONTEXT].replace("\n", " ")
        found = text[span.start : span.end].replace("\n", " ")
        label = kind_label(span.kind) if span.sure else self.tr("possible %1").replace("%1", kind_label(span.kind))
        item = QTreeWidgetItem(["", f"{label}:  …{before}【{found}】{after}…"])
        item.setData(0, SPAN_ROLE, (index, (span.start, span.end, span.sure, span.kind)))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not span.sure or span.kind == privacy.MARKED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable  # numbers, accounts and sure names cannot be un-ticked
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if hidden else Qt.CheckState.Unchecked)
        item.setToolTip(0, self.tr("Hidden on save") if hidden else self.tr("Kept as typed"))
        top.addChild(item)

    def finding_items(self) -> list[QTreeWidgetItem]:
        """Every finding row of the list (for tests and for the keyboard)."""
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        data = item.data(0, SPAN_ROLE)
        if column != 0 or not data or data[1] is None:
            return
        index, (start, end, _sure, kind) = data
        surface = self.fields[index][1][start:end]
        hidden = item.checkState(0) == Qt.CheckState.Checked
        if kind == privacy.MARKED:
            if not hidden:  # a mark taken back: the list changes, after this event is done with its row
                self.choices.marks.discard(surface)
                QTimer.singleShot(0, self.choices.changed.emit)
            return
        self._ticking = True
        try:
            self.choices.set_kept(surface, not hidden)
        finally:
            self._ticking = False
        item.setToolTip(0, self.tr("Hidden on save") if hidden else self.tr("Kept as typed"))

    def _show_field(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        data = item.data(0, SPAN_ROLE) if item else None
        if not data:
            return
        index, span = data
        self._show_field_index(index)
        if span is not None:
            cursor = self.source.textCursor()
            text = self.fields[index][1]
            cursor.setPosition(len(text[: span[0]].encode("utf-16-le")) // 2)
            cursor.setPosition(len(text[: span[1]].encode("utf-16-le")) // 2, cursor.MoveMode.KeepAnchor)
            self.source.setTextCursor(cursor)

    def _show_field_index(self, index: int) -> None:
        if not self.fields:
            self.source.setPlainText("")
            return
        text = self.fields[min(index, len(self.fields) - 1)][1]
        if self.source.toPlainText() != text:
            self.source.setPlainText(text)
