"""The read view of a saved call: everything it holds, in the order of the form, and the case code's timeline.

Leads and admins also get "Save as PDF…": the one-call PDF for supervision, made and written off the GUI
thread (the core refuses anyone else and records each file written). The dialog ends with EDIT, AMEND or
OPEN_OTHER (an entry of the timeline was chosen: `chosen_call`); the work page acts on it.
"""

import logging
from pathlib import Path

from shiboken6 import isValid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout

from desktop.call_read import CallView
from desktop.case_history import TimelineEntry
from desktop.errors import HotlineError
from desktop.reports.call_pdf import CallPdfService
from desktop.seat import Session
from desktop.supervision import LEADS
from desktop.taxonomy import Taxonomy
from ui.call_view_html import read_html
from ui.case_timeline import CaseTimeline
from ui.file_dialogs import save_file
from ui.messages import error_text
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class CallReadDialog(QDialog):
    EDIT = 2
    AMEND = 3
    OPEN_OTHER = 4

    def __init__(
        self,
        session: Session,
        view: CallView,
        timeline: list[TimelineEntry],
        taxonomy: Taxonomy,
        lang: str,
        names: dict[str, str],
        parent=None,
    ):
        super().__init__(parent)
        self.session, self.view, self.lang = session, view, lang
        self.chosen_call: int | None = None
        record = view.record
        self.setWindowTitle(self.tr("Call %1").replace("%1", str(record.id)))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Call"))
        self.browser.setHtml(read_html(view, taxonomy, lang, names))
        self.timeline = CaseTimeline(taxonomy, lang)
        if record.form.case_code and timeline:
            self.timeline.show_entries(timeline, names, current=record.id)
        self.timeline.open_call.connect(self._open_other)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = None
        if session.role in LEADS:  # the core refuses anyone else as well
            self.pdf_button = buttons.addButton(self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.pdf_button.setObjectName("callPdfButton")
            self.pdf_button.clicked.connect(self.save_pdf)
        if record.editable:
            edit = buttons.addButton(self.tr("Edit"), QDialogButtonBox.ButtonRole.ActionRole)
            edit.clicked.connect(lambda: self.done(self.EDIT))
        amend = buttons.addButton(self.tr("Add amendment"), QDialogButtonBox.ButtonRole.ActionRole)
        amend.clicked.connect(lambda: self.done(self.AMEND))
        buttons.rejected.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.browser)
        split.addWidget(self.timeline)
        split.setStretchFactor(0, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 720)

    def _open_other(self, call_id: int) -> None:
        if call_id != self.view.record.id:
            self.chosen_call = call_id
            self.done(self.OPEN_OTHER)

    # ----- the PDF for supervision ----------------------------------------------------------------

    def ask_path(self, suggested: str) -> str:
        """Where to save the PDF ('' when cancelled). Tests replace this method."""
        return save_file(self, "call", self.tr("Save call as PDF"), suggested, self.tr("PDF files (*.pdf)"))

    def save_pdf(self) -> None:
        call_id = self.view.record.id
        path = self.ask_path(f"call-{call_id}.pdf")
        if not path:
            return
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        session, lang = self.session, self.lang

        def work() -> str:
            with session.another() as own:
                service = CallPdfService(own)
                service.save(service.render(call_id, lang), path)
            return path

        self.pdf_button.setEnabled(False)
        self._say(self.tr("Saving to %1…").replace("%1", path))
        run_in_background(work, self._saved, self._not_saved)

    def _saved(self, path: str) -> None:
        if isValid(self):  # the dialog may have been closed while the file was written
            self.pdf_button.setEnabled(True)
            self._say(self.tr("Saved to %1.").replace("%1", path))

    def _not_saved(self, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            log.error("the call PDF could not be made: %s", type(exc).__name__, exc_info=exc)
        if isValid(self):
            self.pdf_button.setEnabled(True)
            reason = error_text(exc) if isinstance(exc, HotlineError) else ""
            self._say((self.tr("The PDF was not saved.") + " " + reason).strip())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
