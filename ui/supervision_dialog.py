"""A lead's supervision notes on one call: the notes so far with their author and time, and a box to add
one. Identifiers are underlined while typing and hidden when the note is saved; counselors never see it.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout

from desktop.clock import seat_time
from desktop.errors import HotlineError
from desktop.supervision import SupervisionService
from ui.messages import error_text
from ui.widgets.guarded_text import GuardedNotes, describe_counts


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class SupervisionDialog(QDialog):
    """`note_added(call_id)` after a note was saved (which also flags the call)."""

    note_added = Signal(int)

    def __init__(self, service: SupervisionService, call_id: int, names: dict[str, str], parent=None):
        super().__init__(parent)
        self._service = service
        self._call_id = call_id
        self._names = names
        self.setWindowTitle(self.tr("Supervision notes: call %1").replace("%1", str(call_id)))
        self.flag_state = QLabel(wordWrap=True)
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Supervision notes"))
        self.notes = GuardedNotes()
        self.notes.editor.setAccessibleName(self.tr("New supervision note"))
        self.notes.editor.setPlaceholderText(
            self.tr("A note for supervision. Phone numbers, ID numbers and accounts are hidden on saving.")
        )
        self.notes.editor.setMaximumHeight(140)
        self.add_button = QPushButton(self.tr("Add note"))
        self.add_button.clicked.connect(self.add_note)
        self.message = QLabel(objectName="supervisionMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flag_state)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(600, 520)
        self.reload()

    def reload(self) -> None:
        flagged = self._service.is_flagged(self._call_id)
        self.flag_state.setText(
            self.tr("This call is flagged for supervision.") if flagged else self.tr("This call is not flagged.")
        )
        parts = []
        for note in self._service.notes(self._call_id):
            author = self._names.get(note.author, note.author)
            stamp = seat_time(note.created_at).strftime("%Y-%m-%d %H:%M")
            parts.append(f"<p><b>{_escape(author)}</b> · {stamp}<br>{_escape(note.text)}</p>")
        empty = self.tr("No supervision notes yet.")  # outside the f-string, where lupdate sees it
        self.view.setHtml("".join(parts) or f"<p>{_escape(empty)}</p>")

    def add_note(self) -> None:
        try:
            hidden = self._service.add_note(self._call_id, self.notes.text(), self.notes.choices.core())
        except HotlineError as exc:
            self.message.setText(error_text(exc))
            return
        self.notes.set_text("")
        self.notes.choices.clear()
        text = self.tr("The note was saved.")
        if hidden:
            text += " " + self.tr("%n identifier(s) hidden: %1.", "", sum(hidden.values())).replace(
                "%1", describe_counts(hidden)
            )
        self.message.setText(text)
        self.reload()
        self.note_added.emit(self._call_id)
