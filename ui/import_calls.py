"""Importing calls from a JSON Lines file (admins): a progress dialog fed from the worker, cancel, the result.

The import runs on a connection of its own off the GUI thread. It checks every line first (no total is
known yet: the dialog counts the lines checked), then writes every call in one transaction (the dialog
shows how far). Cancelling makes the import's next progress report raise inside that transaction, so it
rolls back and nothing is written. The result names counts only, never which identifiers were hidden.
"""

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.errors import BadInput, HotlineError
from desktop.exchange import import_file
from desktop.seat import Session
from ui.file_dialogs import open_file
from ui.messages import error_text
from ui.widgets.guarded_text import describe_counts
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class ImportCancelled(Exception):
    """Raised from the import's progress report once the person cancelled: the transaction rolls back."""


def choose_file(parent: QWidget) -> str:
    """The file to import, or "" when none was chosen (a function of its own, so tests can answer it)."""
    return open_file(
        parent,
        "import",
        QCoreApplication.translate("CallImport", "Import calls"),
        QCoreApplication.translate("CallImport", "Exchange files (*.jsonl);;All files (*)"),
    )


class CallImport(QObject):
    """One import. `checked(n)` and `imported(n)` are emitted from the worker; `done` once calls were written."""

    checked = Signal(int)
    imported = Signal(int)
    done = Signal()

    def __init__(self, session: Session, parent: QWidget):
        super().__init__(parent)
        self._session = session
        self._window = parent
        self._cancel = threading.Event()
        self._total = 0
        self.progress: QProgressDialog | None = None
        self.checked.connect(self._show_checked)
        self.imported.connect(self._show_imported)

    def run(self) -> bool:
        """Ask for the file and start; False when no file was chosen."""
        path = choose_file(self._window)
        if not path:
            self.deleteLater()
            return False
        self.progress = QProgressDialog(self.tr("Checking the file…"), self.tr("Cancel"), 0, 0, self._window)
        self.progress.setObjectName("importProgress")
        self.progress.setWindowTitle(self.tr("Import calls"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(420)
        self.progress.canceled.connect(self._cancel.set)
        self.progress.rejected.connect(self._cancel.set)  # Escape, or the window locking
        self.progress.show()

        session, cancel = self._session, self._cancel

        def reporter(signal):
            def report(count: int) -> None:
                if cancel.is_set():
                    raise ImportCancelled
                signal.emit(count)

            return report

        def work():
            with session.another() as own:
                return import_file(own, Path(path), progress=reporter(self.imported), checking=reporter(self.checked))

        run_in_background(work, self._finished, self._failed)
        return True

    # ----- on the GUI thread ------------------------------------------------------------------------

    def _show_checked(self, count: int) -> None:
        self._total = count
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Checking the file: %n line(s) checked…", "", count))

    def _show_imported(self, done: int) -> None:
        if self.progress is None:
            return
        if self.progress.maximum() != self._total:
            self.progress.setRange(0, max(self._total, 1))
        self.progress.setLabelText(self.tr("Importing %n call(s)…", "", self._total))
        self.progress.setValue(done)

    def _close_progress(self) -> bool:
        """Close the dialog; False when the window locked meanwhile (the page and its dialog are gone)."""
        if not self._session.key:
            return False
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.deleteLater()
        return True

    def _finished(self, report) -> None:
        if not self._close_progress():
            return
        self.done.emit()
        lines = (
            self.tr("Calls imported: %1").replace("%1", f"{report.imported:,}"),
            self.tr("Already here, skipped: %1").replace("%1", f"{report.skipped_duplicates:,}"),
            self.tr("Identifiers hidden: %1").replace("%1", f"{report.hidden_total:,}")
            + (f" ({describe_counts(report.hidden)})" if report.hidden else ""),
        )
        QMessageBox.information(
            self._window, self.tr("Import finished"), self.tr("The import is complete.") + "\n\n" + "\n".join(lines)
        )

    def _failed(self, exc: Exception) -> None:
        if not self._close_progress():
            return
        if isinstance(exc, ImportCancelled):
            QMessageBox.information(
                self._window, self.tr("Import cancelled"), self.tr("The import was cancelled; nothing was imported.")
            )
        elif isinstance(exc, BadInput):  # the bad lines, with their numbers, from the first pass
            detail = error_text(exc)
            QMessageBox.warning(
                self._window,
                self.tr("Not imported"),
                self.tr("The file was not imported; nothing was written.") + "\n\n" + detail,
            )
        elif isinstance(exc, HotlineError):
            QMessageBox.warning(self._window, self.tr("Not imported"), error_text(exc))
        else:
            log.error("import failed (%s)", type(exc).__name__)
            QMessageBox.warning(
                self._window,
                self.tr("Not imported"),
                self.tr("The import failed (%1); nothing was written.").replace("%1", type(exc).__name__),
            )
