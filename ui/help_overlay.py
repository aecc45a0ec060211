"""The keyboard help (F1): every shortcut of the window, read from its actions so the list never goes stale.

An action's group is its `helpGroup` property when it has one ("call", "lists" or "seat"); otherwise an
action in a menu belongs to the seat and one only on the toolbar to the call. Hidden actions (another
role's) are left out, and so is an action without words (a row of keys alone would not say what they do);
disabled ones (before log-in) are listed as such.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

GROUP_PROPERTY = "helpGroup"
GROUPS = {
    "call": QT_TRANSLATE_NOOP("HelpOverlay", "Call"),
    "lists": QT_TRANSLATE_NOOP("HelpOverlay", "Lists"),
    "seat": QT_TRANSLATE_NOOP("HelpOverlay", "Seat"),
}
FORM_KEYS = (
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("HelpOverlay", "Next / previous field, in the order of the form")),
    ("Enter", QT_TRANSLATE_NOOP("HelpOverlay", "In the concern search: tick the best match")),
    ("Space", QT_TRANSLATE_NOOP("HelpOverlay", "Tick a box or press the button that has the focus")),
    ("↑ ↓", QT_TRANSLATE_NOOP("HelpOverlay", "Choose in a list; in the call list, Enter opens the call")),
    ("Ctrl+Tab / Ctrl+Shift+Tab", QT_TRANSLATE_NOOP("HelpOverlay", "Next / previous tab")),
    ("Alt+", QT_TRANSLATE_NOOP("HelpOverlay", "With the underlined letter: that button or menu")),
    (
        "Ctrl+Shift+H",
        QT_TRANSLATE_NOOP("HelpOverlay", "In a text field: hide the selected text as an identifier on save"),
    ),
    ("Esc", QT_TRANSLATE_NOOP("HelpOverlay", "Close a dialog (and this help)")),
)


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def group_of(action: QAction) -> str:
    explicit = action.property(GROUP_PROPERTY)
    if explicit in GROUPS:
        return explicit
    if any(isinstance(owner, QMenu) for owner in action.associatedObjects()):
        return "seat"
    return "call"


def shortcut_entries(window: QWidget) -> list[tuple[str, str, str, bool]]:
    """(group, text, keys, enabled) for every visible action of `window` that has a shortcut, in group order."""
    entries = []
    seen = set()
    for action in window.findChildren(QAction):
        keys = ", ".join(_native(s) for s in action.shortcuts() if not s.isEmpty())
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
        if not keys or not text or not action.isVisible() or id(action) in seen:
            continue
        seen.add(id(action))
        entries.append((group_of(action), text, keys, action.isEnabled()))
    order = list(GROUPS)
    return sorted(entries, key=lambda entry: order.index(entry[0]))


class HelpOverlay(QDialog):
    """A modal list of the keys; Esc or Enter closes it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made afresh on each F1, so it is never stale
        self.setWindowTitle(self.tr("Keyboard help"))
        intro = QLabel(
            self.tr("Everything can be done from the keyboard. These keys work anywhere in the window:"),
            wordWrap=True,
        )
        self.tree = QTreeWidget(columnCount=2, rootIsDecorated=False, objectName="helpKeys")
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        groups: dict[str, QTreeWidgetItem] = {}
        for group, text, keys, enabled in shortcut_entries(window):
            if group not in groups:
                groups[group] = self._heading(QCoreApplication.translate("HelpOverlay", GROUPS[group]))
            if not enabled:
                text += " " + self.tr("(after log-in)")
            item = QTreeWidgetItem(groups[group], [text, keys])
            item.setToolTip(0, text)
        form = self._heading(self.tr("In forms and lists"))
        for keys, text in FORM_KEYS:
            QTreeWidgetItem(form, [QCoreApplication.translate("HelpOverlay", text), keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def _heading(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text])
        item.setFirstColumnSpanned(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def keys_listed(self) -> dict[str, str]:
        """What the list shows: keys → text, for the tests and for reading aloud."""
        listed = {}
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child in range(group.childCount()):
                listed[group.child(child).text(1)] = group.child(child).text(0)
        return listed
