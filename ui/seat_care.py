"""Looking after the seat from the window (admins): back it up; restore a backup or recover the admin password.

Backing up runs from the Seat menu while an admin is logged in, on a connection of its own off the GUI thread,
behind a wait dialog. Restoring and recovering start from the log-in page, where nobody is logged in, or
(restoring) from the first-start dialog when this computer has no seat yet: the forms are in
ui/seat_care_dialogs.py. Afterwards the seat's vault is read again (`reloaded`), so the window, which keeps its
one Seat object, shows the accounts of the restored seat. The command line does the same with
`main.py backup|restore|recover`.
"""

import logging
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.backup import create_backup, read_manifest
from desktop.clock import seat_today
from desktop.errors import HotlineError, StorageError
from desktop.fsutil import storage_error
from desktop.seat import Seat, Session
from ui.file_dialogs import open_file, save_file
from ui.messages import error_text
from ui.seat_care_dialogs import RecoverAdminDialog, RestoreDialog, backup_time
from ui.worker import run_in_background

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".hlbak"  # as the command line's examples (README) name them
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')  # not allowed in a Windows file name


def suggested_file_name(seat_name: str, day: date) -> str:
    """`12356-01-2026-11-23.hlbak`: the seat's name, made safe for a file name, and the seat's day."""
    safe = _UNSAFE.sub("-", seat_name).strip(" .-") or "seat"
    return f"{safe}-{day:%Y-%m-%d}{BACKUP_SUFFIX}"


class SeatBackup(QObject):
    """One backup: ask where, write it off the GUI thread, say where it went. `finished(info or exception)`."""

    finished = Signal(object)

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self._session = session
        self._window = window
        self.target: Path | None = None
        self.progress: QProgressDialog | None = None

    def run(self) -> bool:
        """Ask for the file and start; False when none was chosen."""
        seat_name = self._session.seat.vault.seat_name
        path = save_file(
            self._window,
            "backup",
            self.tr("Back up the seat"),
            suggested_file_name(seat_name, seat_today()),
            self.tr("Hotline Log backups (*.hlbak);;All files (*)"),
        )
        if not path:
            self.deleteLater()
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_name(target.name + BACKUP_SUFFIX)
        self.target = target
        self.progress = QProgressDialog(
            self.tr("Writing the backup of seat “%1”…").replace("%1", seat_name), None, 0, 0, self._window
        )
        self.progress.setObjectName("backupProgress")
        self.progress.setWindowTitle(self.tr("Back up the seat"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setMinimumWidth(420)
        self.progress.show()
        session = self._session

        def work():
            with session.another() as own:  # a connection of its own, opened and closed on the worker
                return create_backup(own, target)

        run_in_background(work, self._written, self._failed)
        return True

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.deleteLater()

    def _written(self, info) -> None:
        self._close_progress()
        text = (
            self.tr("The backup of seat “%1” is written to:").replace("%1", info.seat_name)
            + f"\n{info.path}\n\n"
            + self.tr("The audit log records it as entry %1.").replace("%1", str(info.audit_seq))
            + "\n\n"
            + self.tr(
                "Keep the file away from this computer, locked away like the recovery code. It opens only with a "
                "password of this seat on this computer, or with the recovery code."
            )
        )
        QMessageBox.information(self._window, self.tr("Backup written"), text)
        self.finished.emit(info)

    def _failed(self, exc: Exception) -> None:
        self._close_progress()
        if isinstance(exc, OSError):
            exc = storage_error(exc, self.target)
        if isinstance(exc, StorageError):
            detail = self.tr(
                "The folder refused the file, or its disk is full. Choose another folder (a USB drive or another "
                "disk) or free some space, then back up again."
            )
            detail += "\n\n" + str(exc)
        elif isinstance(exc, HotlineError):
            detail = error_text(exc)
        else:
            log.error("backup failed (%s)", type(exc).__name__)
            detail = self.tr("Something unexpected stopped it (%1); the log has the details.").replace(
                "%1", type(exc).__name__
            )
        QMessageBox.warning(
            self._window,
            self.tr("Backup not written"),
            self.tr("The backup was not written. Nothing was lost: the seat and its calls are as they were.")
            + "\n\n"
            + detail,
        )
        self.finished.emit(exc)


class SeatCare(QObject):
    """Restore and recovery from the log-in page or the first-start dialog (`place`: their dialogs open over its
    window). `reloaded(code)` once the seat's files changed and its vault was read again; `code` is the account
    to offer for logging in ("" when none in particular). `settled()` once what `restore()` or `recover()` began
    is over, whichever way: cancelled, refused, or done (a restore that needs a new admin password is over when
    that form closes)."""

    reloaded = Signal(str)
    settled = Signal()

    def __init__(self, seat: Seat, place: QWidget):
        super().__init__(place)
        self._seat = seat
        self._place = place

    def _reread(self) -> None:
        """The work read and wrote the seat's files with a Seat of its own (a failed try too: a wrong recovery
        code is counted in the vault). Read them again, so the window's stale copy never overwrites them."""
        if not self._seat.paths.exists():  # nothing restored where no seat was: nothing to read
            return
        try:
            self._seat.reload_vault()
        except HotlineError as exc:  # the log-in page says what is wrong when it reads the vault next
            log.error("the seat's vault cannot be read again (%s)", type(exc).__name__)

    def _parent(self) -> QWidget:
        return self._place.window()

    def _seat_id(self) -> str | None:
        try:
            return self._seat.vault.seat_id
        except HotlineError:
            return None

    # ----- restore ----------------------------------------------------------------------------------

    def restore(self) -> RestoreDialog | None:
        """Choose a backup, confirm replacing the seat, then the form that opens and restores it."""
        path = open_file(
            self._parent(),
            "backup",
            self.tr("Restore a backup"),
            self.tr("Hotline Log backups (*.hlbak);;All files (*)"),
        )
        if not path:
            self.settled.emit()
            return None
        try:
            manifest = read_manifest(Path(path))
        except HotlineError as exc:
            QMessageBox.warning(self._parent(), self.tr("Cannot restore this file"), error_text(exc))
            self.settled.emit()
            return None
        paths = self._seat.paths
        if paths.exists() and not self._confirm_replace(manifest):
            self.settled.emit()
            return None
        same_seat = paths.exists() and manifest.get("seat_id") == self._seat_id()
        dialog = RestoreDialog(paths, Path(path), manifest, same_seat, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._reread)
        dialog.accepted.connect(lambda: self._restored(dialog))
        dialog.rejected.connect(self.settled)
        dialog.open()
        return dialog

    def _confirm_replace(self, manifest: dict) -> bool:
        try:
            current = self._seat.vault.seat_name
        except HotlineError:
            current = str(self._seat.paths.home)
        text = (
            self.tr("This file is a backup of the seat “%1”, made on %2 (seat time).")
            .replace("%1", manifest.get("seat_name", "?"))
            .replace("%2", backup_time(manifest) or "?")
            + "\n\n"
            + self.tr(
                "Restoring it replaces the seat on this computer (“%1”): its accounts, calls and drafts become "
                "those of the backup. The current seat is not deleted; it is moved to the folder:"
            ).replace("%1", current)
            + f"\n{self._seat.paths.replaced}\n\n"
            + self.tr("Replace the current seat with this backup?")
        )
        answer = QMessageBox.question(
            self._parent(),
            self.tr("Replace this seat?"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _restored(self, dialog: RestoreDialog) -> None:
        result = dialog.outcome
        by_password = dialog.with_password.isChecked()
        code, recovery_code = dialog.code.text().strip(), dialog.recovery.text()
        self._reread()  # before `finished` (Qt emits `accepted` first): the page reads the accounts below
        lines = [self.tr("The seat “%1” is restored from the backup.").replace("%1", result.seat_name)]
        if result.replaced:
            lines.append(self.tr("The seat it replaced is kept in %1.").replace("%1", str(result.replaced)))
        if result.needs_password:
            lines.append(
                self.tr(
                    "The passwords in the backup belong to another computer, so these accounts cannot log in here "
                    "yet: %1."
                ).replace("%1", ", ".join(result.needs_password))
            )
            lines.append(
                self.tr(
                    "Next, give an admin a new password with the recovery code (the form opens now); that admin then "
                    "sets the other accounts' passwords."
                )
            )
        else:
            lines.append(self.tr("Log in with an account of the backup."))
        QMessageBox.information(self._parent(), self.tr("Backup restored"), "\n\n".join(lines))
        self.reloaded.emit(code if by_password else "")
        if result.needs_password:
            self.recover(recovery_code=recovery_code)
        else:
            self.settled.emit()

    # ----- recovery ---------------------------------------------------------------------------------

    def recover(self, admin_code: str = "", recovery_code: str = "") -> RecoverAdminDialog:
        """The form that gives an admin a new password with the recovery code."""
        dialog = RecoverAdminDialog(self._seat.paths, admin_code, recovery_code, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._reread)
        dialog.accepted.connect(lambda: self._recovered(dialog))
        dialog.finished.connect(self.settled)  # after `accepted` and the re-reading
        dialog.open()
        return dialog

    def _recovered(self, dialog: RecoverAdminDialog) -> None:
        waiting, admin = dialog.outcome, dialog.code.text().strip()
        self._reread()
        text = self.tr("%1 has a new password on this computer. Log in with it.").replace("%1", admin)
        if waiting:
            text += "\n\n" + self.tr(
                "These accounts cannot log in here until an admin gives them a new password: %1."
            ).replace("%1", ", ".join(waiting))
        QMessageBox.information(self._parent(), self.tr("New admin password set"), text)
        self.reloaded.emit(admin)
