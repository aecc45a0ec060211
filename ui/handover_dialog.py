"""The handover window for leads and admins: choose a shift, see its summary, print it or save it as PDF.

The summary is gathered and laid out on a worker thread on a connection of its own (`Session.another`);
the preview shows the PDF bytes that come back, and printing and saving use those same bytes, so what
leaves the seat is what was on screen. A result that arrives after another shift was chosen is dropped.
Saving and printing also run off the GUI thread and are recorded in the audit log (`handover.exported`,
`handover.printed`); a cancelled dialog or a failed printer records nothing. The window belongs to the
work page and goes with it when the seat locks.
"""

import logging
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from shiboken6 import isValid

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from desktop.clock import seat_time, utc_now
from desktop.errors import HotlineError
from desktop.reports.handover_service import HandoverPdf, HandoverService, ShiftChoice
from desktop.seat import Session
from ui import center_handover as centre
from ui import center_line
from ui.center_handover import CentreChoice, HandoverScope
from ui.file_dialogs import save_file
from ui.messages import error_text
from ui.pdf_print import PrintFailed, chosen_pages, page_list, print_pdf
from ui.style import set_state
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class NotRecorded(Exception):
    """The summary was printed, but the audit log could not record it."""

    def __init__(self, cause: HotlineError):
        super().__init__(str(cause))
        self.cause = cause


class HandoverDialog(QDialog):
    """Non-modal; opened from the Seat menu by leads and admins."""

    def __init__(self, session: Session, lang: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handover"))
        self._session = session
        self._lang = lang
        self._request = 0  # the latest summary asked for; older answers are dropped
        self._job = ""  # what runs in the background now: "prepare", "save", "print" or ""
        self._choices: dict[int, ShiftChoice] = {}
        self._printer: QPrinter | None = None  # kept alive while a worker prints on it
        self.shown: HandoverPdf | None = None

        self.shift = QComboBox(accessibleName=self.tr("Shift"))
        self.shift.setMinimumContentsLength(40)
        self.shift.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.shift.currentIndexChanged.connect(self.generate)
        shift_label = QLabel(self.tr("&Shift"))
        shift_label.setBuddy(self.shift)
        # ----- 全中心 beside 本席位 at an enrolled seat (ui/center_handover.py) -----
        self.scope = HandoverScope(session, self)
        self.scope.changed.connect(self._scope_changed)
        self.own_button = QPushButton(self.tr("Make this seat's own summary instead"))
        self.own_button.setAutoDefault(False)
        self.own_button.clicked.connect(self._fall_back)
        self.own_button.hide()
        self.scope_note = QLabel(objectName="centreOffline", wordWrap=True)
        self.scope_note.hide()
        self._fell_back = False  # the centre was down: this seat's own summary, labelled as such
        self.progress = QProgressBar(accessibleName=self.tr("Working"), textVisible=False)
        self.progress.setRange(0, 0)  # busy: how long the layout takes is not known
        self.progress.setFixedWidth(160)
        self.progress.hide()
        self.pages = QLabel(objectName="handoverPages")
        self.pages.setAccessibleName(self.tr("Summary size"))
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(shift_label)
        top.addWidget(self.shift, 1)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addWidget(self.pages)
        self.message = QLabel(wordWrap=True, objectName="handoverMessage")
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()

        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None  # the preview reads the PDF from it: kept as long as the document
        self.preview = QPdfView(self, accessibleName=self.tr("Preview of the handover summary"))
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)

        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.clicked.connect(self.print_summary)
        self.save_button = QPushButton(self.tr("Save P&DF…"))
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)  # Escape does the same
        for button, key in ((self.print_button, "Ctrl+P"), (self.save_button, "Ctrl+S"), (self.close_button, "Esc")):
            shortcut = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{button.text().replace('&', '')} ({shortcut})")
            button.setAccessibleName(button.text().replace("&", ""))
            button.setAutoDefault(False)  # Enter in the shift list must not print
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scope_note)
        layout.addWidget(self.message)
        layout.addWidget(self.own_button)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(1000, 760)
        self._show_actions()  # the shifts are listed by present()

    # ----- the shifts -----------------------------------------------------------------------------

    def reload(self, prefer: int | None = None) -> None:
        """List the latest shifts again (keeping the one chosen, or choosing `prefer`) and show the chosen
        one's summary."""
        if self.scope.centre:
            self._reload_centre()
            return
        chosen = prefer if prefer is not None else self.shift.currentData()
        if isinstance(chosen, CentreChoice):
            chosen = None
        try:
            choices, last_ended = HandoverService(self._session).choices()
        except HotlineError as exc:
            self._say(error_text(exc), True)
            return
        now = utc_now()
        self.shift.blockSignals(True)
        self.shift.clear()
        self._choices = {choice.shift.id: choice for choice in choices}
        for choice in choices:
            self.shift.addItem(self.shift_label(choice, now), choice.shift.id)
        index = self.shift.findData(chosen if chosen is not None else last_ended)
        self.shift.setCurrentIndex(max(index, 0))
        self.shift.blockSignals(False)
        if not choices:
            self._say(self.tr("There is no shift on this seat yet: nothing to hand over."))
        self.generate()

    def _reload_centre(self) -> None:
        """全中心: ask the centre for its open shift (on a worker), then list what can be handed over."""
        session = self._session
        self._show_pdf(None)
        self._start("prepare", self.tr("Asking the centre…"))
        run_in_background(lambda: centre.centre_shifts(session), self._centre_listed, self._centre_not_listed)

    def _centre_listed(self, shifts: list) -> None:
        if not isValid(self) or not self.scope.centre:
            return
        self._finish("")
        self.shift.blockSignals(True)
        self.shift.clear()
        for text, choice in self.scope.labels(shifts, dict(self._session.seat.vault.accounts())):
            self.shift.addItem(text, choice)
        self.shift.setCurrentIndex(0)
        self.shift.blockSignals(False)
        self.generate()

    def _centre_not_listed(self, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            self._unexpected(exc)
        if isValid(self):
            self._centre_down(exc)

    def _centre_down(self, exc: Exception) -> None:
        """The centre's handover cannot be made now: say so, and offer the seat's own, labelled as such."""
        if center_line.unreachable(exc):
            text = self.tr(
                "The centre cannot be reached, so the centre's handover cannot be made now. This seat's own "
                "summary can be printed instead: it holds this seat's calls only."
            )
        else:
            text = self.tr("The centre's handover could not be made.") + " " + error_text(exc)
        self._finish(text, True)
        self.own_button.show()

    def _fall_back(self) -> None:
        self._fell_back = True
        self.scope.choose_seat()

    def _scope_changed(self) -> None:
        centre = self.scope.centre
        if centre:
            self._fell_back = False
        self.own_button.hide()
        self.scope_note.setText(
            self.tr("This seat's own summary, not the centre's: it holds this seat's calls only.")
            if self._fell_back and not centre
            else ""
        )
        self.scope_note.setProperty("problem", True)
        self.scope_note.setVisible(bool(self.scope_note.text()))
        self.reload()

    def shift_label(self, choice: ShiftChoice, now: datetime) -> str:
        """Like "2025-05-01 08:00 – 16:00 · 张班长 (L001) · closed"."""
        shift = choice.shift
        start = seat_time(shift.started_at)
        running = shift.is_open or shift.ended_at > now
        if shift.ended_at is None:
            end = self.tr("now")
        else:
            end_at = seat_time(shift.ended_at)
            end = end_at.strftime("%H:%M" if end_at.date() == start.date() else "%m-%d %H:%M")
        if shift.automatic:
            who = self.tr("automatic shift")
        else:
            who = f"{choice.lead_name} ({shift.lead})" if choice.lead_name else shift.lead
        state = self.tr("open") if running else self.tr("closed")
        return f"{start:%Y-%m-%d %H:%M} – {end} · {who} · {state}"

    # ----- the summary ----------------------------------------------------------------------------

    def generate(self) -> None:
        """Lay out the chosen shift's summary off the GUI thread; the preview is empty meanwhile."""
        self._request += 1
        request = self._request
        self._show_pdf(None)
        shift_id = self.shift.currentData()
        if shift_id is None:
            return
        session, lang = self._session, self._lang

        def work() -> HandoverPdf:
            if isinstance(shift_id, CentreChoice):  # 全中心
                return centre.make_centre_pdf(session, shift_id, lang)
            with session.another() as own:
                return HandoverService(own).render(shift_id, lang)

        self._start("prepare", self.tr("Preparing the summary…"))
        run_in_background(work, lambda made: self._made(request, made), lambda exc: self._not_made(request, exc))

    def _made(self, request: int, made: HandoverPdf) -> None:
        if isValid(self) and request == self._request:
            stale = centre.stale_text(made)  # paper never claims a completeness it lacks: nor does the window
            self._finish(stale, bool(stale))
            self._show_pdf(made)

    def _not_made(self, request: int, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            self._unexpected(exc)
        if isValid(self) and request == self._request:
            if self.scope.centre:
                self._centre_down(exc)
                return
            self._finish(self.tr("The summary could not be prepared.") + " " + error_text(exc), True)

    def _show_pdf(self, made: HandoverPdf | None) -> None:
        """Show `made` in the preview; None empties it, so nothing stale stays on screen."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.shown = None
        if made is not None:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(made.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            if self.document.status() == QPdfDocument.Status.Ready:
                self.shown = made
            else:
                log.error("the handover PDF did not load for the preview (%s)", self.document.error().name)
                self._say(self.tr("The summary could not be shown."), True)
        if self.shown is None:
            self.pages.clear()
        else:
            calls = self.tr("%n call(s)", "", made.calls)
            self.pages.setText(calls + " · " + self.tr("%n page(s)", "", self.document.pageCount()))
        self._show_actions()

    # ----- saving ---------------------------------------------------------------------------------

    def ask_path(self, suggested: str) -> str:
        """Where to save the summary ('' when cancelled). Tests replace this method."""
        return save_file(self, "handover", self.tr("Save handover summary"), suggested, self.tr("PDF files (*.pdf)"))

    def save(self) -> None:
        """Write the summary on screen to a file the person chooses, off the GUI thread."""
        made = self.shown
        if made is None or self._job:
            return
        path = self.ask_path(self.suggested_name())
        if not path:
            return
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        session = self._session

        def work() -> str:
            if centre.is_centre(made):
                centre.save(session, made, path)
                return path
            with session.another() as own:
                HandoverService(own).save(made, path)
            return path

        self._start("save", self.tr("Saving to %1…").replace("%1", path))
        run_in_background(work, self._saved, self._save_failed)

    def suggested_name(self) -> str:
        """handover-20250501-0800.pdf: the shift's start in seat time."""
        if centre.is_centre(self.shown):  # 全中心
            return f"handover-centre-{seat_time(utc_now()):%Y%m%d-%H%M}.pdf"
        choice = self._choices.get(self.shown.shift_id) if self.shown else None
        if choice is None:
            return "handover.pdf"
        return f"handover-{seat_time(choice.shift.started_at):%Y%m%d-%H%M}.pdf"

    def _saved(self, path: str) -> None:
        if isValid(self):
            self._finish(self.tr("Saved to %1.").replace("%1", path))

    def _save_failed(self, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            self._unexpected(exc)
        if isValid(self):
            self._finish(self.tr("The summary was not saved.") + " " + error_text(exc), True)

    # ----- printing -------------------------------------------------------------------------------

    def ask_printer(self, printer: QPrinter, pages: int) -> bool:
        """Let the person choose the printer, pages and copies; False when cancelled. Tests replace this."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print handover summary"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, pages)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_summary(self) -> None:
        """Print the summary on screen through the system print dialog, off the GUI thread."""
        made = self.shown
        if made is None or self._job:
            return
        count = self.document.pageCount()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the summary has its own margins
        printer.setDocName(self.tr("Handover summary"))
        if not self.ask_printer(printer, count):
            return  # cancelled: nothing printed, nothing recorded
        pages = chosen_pages(printer, count)
        if not pages:
            self._say(self.tr("The chosen pages are not in the summary (pages 1–%1).").replace("%1", str(count)), True)
            return
        copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()  # else the printer makes them
        session = self._session
        self._printer = printer

        def work() -> int:
            with session.another() as own:
                service = HandoverService(own)
                service.require()
                sheets = print_pdf(made.pdf, printer, pages, copies)
                try:
                    if centre.is_centre(made):
                        centre.record_printed(own, made, sheets, page_list(pages))
                    else:
                        service.record_printed(made, sheets, page_list(pages), printer.copyCount())
                except HotlineError as exc:
                    raise NotRecorded(exc) from exc
            return sheets

        self._start("print", self.tr("Printing…"))
        run_in_background(work, self._printed, self._print_failed)

    def _printed(self, sheets: int) -> None:
        self._printer = None
        if isValid(self):
            self._finish(self.tr("Sent %n page(s) to the printer.", "", sheets))

    def _print_failed(self, exc: Exception) -> None:
        printer, self._printer = self._printer, None
        if isinstance(exc, PrintFailed):
            log.warning("printing the handover failed: %s", exc)
            target = printer.outputFileName() if printer is not None else ""
            if target:
                text = self.tr("The file %1 could not be written: check that its folder exists and can be written to.")
                text = text.replace("%1", target)
            else:
                text = self.tr(
                    "The printer did not take the summary: check that it is switched on and connected, "
                    "or choose another printer."
                )
            text += " " + self.tr("Nothing was recorded as printed.")
        elif isinstance(exc, NotRecorded):
            text = self.tr("The summary was printed, but the audit log could not record it.")
            text += " " + error_text(exc.cause)
        elif isinstance(exc, HotlineError):
            text = self.tr("The summary was not printed.") + " " + error_text(exc)
        else:
            self._unexpected(exc)
        if isValid(self):
            self._finish(text, True)

    # ----- state ----------------------------------------------------------------------------------

    def _start(self, job: str, text: str) -> None:
        self._job = job
        self.progress.show()
        self._say(text)
        self._show_actions()

    def _finish(self, text: str, problem: bool = False) -> None:
        self._job = ""
        self.progress.hide()
        self._say(text, problem)
        self._show_actions()

    def _show_actions(self) -> None:
        ready = self.shown is not None and not self._job
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.shift.setEnabled(self._job in ("", "prepare"))  # another shift may be chosen while one is laid out

    def _unexpected(self, exc: Exception) -> NoReturn:
        """A fault nobody planned for: the window becomes usable again, the excepthook reports it."""
        if isValid(self):
            self._finish(self.tr("Something went wrong (%1).").replace("%1", type(exc).__name__), True)
        raise exc

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        set_state(self.message, "problem", problem)  # its colours per look in ui/style.py
        self.message.setVisible(bool(text))

    def present(self, shift_id: int | None = None) -> None:
        """Show the window in front, listing the shifts again unless it is open already; with `shift_id`
        (a shift just closed), that shift's summary."""
        if shift_id is not None or (not self.isVisible() and not self._job):
            self.reload(shift_id)
        self.show()
        self.raise_()
        self.activateWindow()
