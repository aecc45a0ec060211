"""Keywords as tags: type with completion from the keyword list, Enter adds, suggestions from the notes."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop.taxonomy import keywords_in, load_keywords
from ui.widgets.guarded_line import GuardedLine


class KeywordTags(QWidget):
    changed = Signal()

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        words = load_keywords("zh") + load_keywords("en")
        self.entry = GuardedLine(placeholderText=self.tr("Add a keyword and press Enter"))
        self.entry.setAccessibleName(self.tr("Keyword"))
        completer = QCompleter(words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.entry.returnPressed.connect(self._add_typed)
        self.tags = QListWidget()
        self.tags.setAccessibleName(self.tr("Keywords (Delete removes the selected one)"))
        self.tags.setFlow(QListWidget.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setMaximumHeight(56)
        self.suggestions = QHBoxLayout()
        self._suggestion_label = QLabel(self.tr("From the notes:"))
        self.suggestions.addWidget(self._suggestion_label)
        self.suggestions.addStretch(1)
        self._suggestion_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry)
        layout.addWidget(self.tags)
        layout.addLayout(self.suggestions)

    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.tags.hasFocus():
            for item in self.tags.selectedItems():
                self.tags.takeItem(self.tags.row(item))
            self.changed.emit()
            return
        super().keyPressEvent(event)

    def _add_typed(self) -> None:
        self.add(self.entry.text())
        self.entry.clear()

    def add(self, word: str) -> None:
        word = word.strip()
        if word and word not in self.words():
            self.tags.addItem(word)
            self.changed.emit()

    def words(self) -> list[str]:
        return [self.tags.item(i).text() for i in range(self.tags.count())]

    def set_words(self, words: list[str]) -> None:
        self.tags.clear()
        self.tags.addItems(list(dict.fromkeys(words)))

    def suggest_from(self, text: str) -> None:
        """Offer the keywords of the list found in the notes that are not tags yet."""
        while self.suggestions.count() > 2:
            widget = self.suggestions.takeAt(1).widget()
            if widget:
                widget.deleteLater()
        found = [w for w in keywords_in(text) if w not in self.words()][:6]
        for word in found:
            button = QPushButton(f"+ {word}")
            button.setFlat(True)
            button.setAccessibleName(self.tr("Add keyword %1").replace("%1", word))
            button.clicked.connect(lambda _=False, w=word: (self.add(w), self.suggest_from(text)))
            self.suggestions.insertWidget(self.suggestions.count() - 1, button)
        self._suggestion_label.setVisible(bool(found))
