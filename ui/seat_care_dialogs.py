"""The forms of restoring a backup and recovering the admin password, shown from the log-in page.

Each runs its work off the GUI thread under the seat lock (`desktop.instance.holding`: the window's own lock
when it holds one). Meanwhile the form waits, and it cannot be closed; a failure is said in the form, which
comes back for another try. On success the dialog is accepted with `outcome` set.
"""

import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import recover_admin
from desktop.clock import parse_iso, seat_time
from desktop.config import SeatPaths
from desktop.errors import HotlineError, NotAnAdmin, StorageError, WrongRecoveryCode
from desktop.fsutil import storage_error
from desktop.instance import holding
from desktop.restore import restore_backup
from desktop.seat import Seat, check_password, check_staff_code
from desktop.vault.seal import UNSEALED
from ui.messages import error_text, storage_text
from ui.worker import run_in_background

log = logging.getLogger(__name__)

INPUTS = (QLineEdit, QRadioButton, QDialogButtonBox)


def backup_time(manifest: dict) -> str:
    """When the backup was made, in seat time ("" when the manifest does not say)."""
    try:
        return seat_time(parse_iso(manifest["created_at"])).strftime("%Y-%m-%d %H:%M")
    except (KeyError, TypeError, ValueError):
        return ""


def _fingerprint(path: Path) -> str:
    """What a restore would change in the vault: everything but the failure counts, which every try changes."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return ""
    kept = {k: v for k, v in data.items() if k not in UNSEALED} if isinstance(data, dict) else data
    return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()


def _indented(*rows: tuple[str, QWidget]) -> QWidget:
    """Fields that belong to the choice above them, set in under it."""
    box = QWidget()
    form = QFormLayout(box)
    form.setContentsMargins(24, 0, 0, 6)
    for label, field in rows:
        form.addRow(label, field)
        form.labelForField(field).setMinimumWidth(140)  # both groups' fields start in one column
    return box


class SeatWorkDialog(QDialog):
    """A form whose OK button runs seat work off the GUI thread. Subclasses give `check()` and `work()`."""

    def __init__(self, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.outcome = None
        self.busy = False
        self._enabled: list[QWidget] = []
        self.form = QFormLayout()
        self.message = QLabel(objectName="loginMessage", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(minimum=0, maximum=0, textVisible=False)
        self.progress.setAccessibleName(QCoreApplication.translate("SeatWorkDialog", "Working"))
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self, *above: QWidget) -> None:
        for widget in above:
            self.layout_.addWidget(widget)
        self.layout_.addSpacing(8)
        self.layout_.addLayout(self.form)
        for widget in (self.message, self.progress, self.buttons):
            self.layout_.addWidget(widget)
        self.setMinimumWidth(520)

    def first_field(self) -> QWidget:
        """Where typing starts."""
        return self.ok

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.first_field().setFocus()

    def check(self) -> str:
        """What is wrong with the form before any work ("" when nothing)."""
        return ""

    def work(self):
        """The work to run off the GUI thread (a callable that touches no widget)."""
        raise NotImplementedError

    def waiting_text(self) -> str:
        return QCoreApplication.translate("SeatWorkDialog", "Working… this can take a minute.")

    def failure_text(self, exc: Exception) -> str:
        return error_text(exc)

    def submit(self) -> None:
        if self.busy:
            return
        try:
            problem = self.check()
        except HotlineError as exc:
            problem = error_text(exc)
        if problem:
            self.message.setText(problem)
            return
        work = self.work()
        self._set_busy(True)
        run_in_background(work, self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            self._enabled = [w for w in self.findChildren(QWidget) if isinstance(w, INPUTS) and w.isEnabled()]
        for widget in self._enabled:
            widget.setEnabled(not busy)
        if not busy:
            self._enabled = []
        self.progress.setVisible(busy)
        self.message.setText(self.waiting_text() if busy else "")

    def _done(self, outcome) -> None:
        self._set_busy(False)
        self.outcome = outcome
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, OSError):
            exc = storage_error(exc, Path(getattr(exc, "filename", None) or "."))
        if not isinstance(exc, HotlineError):
            log.error("%s failed (%s)", type(self).__name__, type(exc).__name__)
            text = QCoreApplication.translate("SeatWorkDialog", "It failed (%1); the log has the details.")
            self.message.setText(text.replace("%1", type(exc).__name__))
            return
        self.message.setText(self.failure_text(exc))

    def reject(self) -> None:
        if not self.busy:  # the work goes on either way; the form waits for it
            super().reject()


class RestoreDialog(SeatWorkDialog):
    """How to open the backup: a staff code and password of its seat, or its recovery code. Outcome: RestoreResult."""

    def __init__(self, paths: SeatPaths, source: Path, manifest: dict, same_seat: bool, parent=None):
        super().__init__(self.tr("Restore a backup"), self.tr("Restore"), parent)
        self._paths, self._source = paths, Path(source)
        self._before = _fingerprint(paths.vault)
        about = QLabel(
            self.tr("Backup of the seat “%1”, made on %2 (seat time), from the file %3.")
            .replace("%1", manifest.get("seat_name", "?"))
            .replace("%2", backup_time(manifest) or "?")
            .replace("%3", self._source.name),
            wordWrap=True,
        )
        self.with_password = QRadioButton(self.tr("With a staff code and password of that seat (on its own computer)"))
        self.with_recovery = QRadioButton(self.tr("With the seat's recovery code (on any computer)"))
        self.with_password.setAccessibleName(self.tr("Open the backup with a staff code and password"))
        self.with_recovery.setAccessibleName(self.tr("Open the backup with the recovery code"))
        group = QButtonGroup(self)
        for button in (self.with_password, self.with_recovery):
            group.addButton(button)
        self.code = QLineEdit(accessibleName=self.tr("Admin staff code"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("Password"))
        self.recovery = QLineEdit(accessibleName=self.tr("Recovery code"), placeholderText="XXXX-XXXX-…")
        self.recovery.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.form.addRow(self.with_password)
        self.form.addRow(_indented((self.tr("Admin &staff code"), self.code), (self.tr("&Password"), self.password)))
        self.form.addRow(self.with_recovery)
        self.form.addRow(_indented((self.tr("&Recovery code"), self.recovery)))
        self.with_password.toggled.connect(self._method_changed)
        (self.with_password if same_seat else self.with_recovery).setChecked(True)
        self._method_changed()
        self.finish_layout(about)

    def _method_changed(self) -> None:
        by_password = self.with_password.isChecked()
        for field in (self.code, self.password):
            field.setEnabled(by_password)
        self.recovery.setEnabled(not by_password)

    def first_field(self) -> QWidget:
        return self.code if self.with_password.isChecked() else self.recovery

    def check(self) -> str:
        if self.with_password.isChecked():
            if not self.code.text().strip() or not self.password.text():
                return self.tr("Type the staff code and password of an admin of the backed-up seat.")
        elif not self.recovery.text().strip():
            return self.tr("Type the recovery code from the printed sheet.")
        return ""

    def work(self):
        paths, source, replace = self._paths, self._source, self._paths.exists()
        if self.with_password.isChecked():
            options = {"login": (self.code.text().strip(), self.password.text())}
        else:
            options = {"recovery_code": self.recovery.text()}
        self.password.clear()

        def restore():
            with holding(paths.lock):
                return restore_backup(paths, source, replace=replace, **options)

        return restore

    def waiting_text(self) -> str:
        return self.tr("Checking and restoring the backup… this can take a minute.")

    def failure_text(self, exc: Exception) -> str:
        if isinstance(exc, WrongRecoveryCode):
            text = self.tr("Wrong recovery code: check it against the printed sheet (24 characters in groups of 4).")
        elif isinstance(exc, StorageError):  # what to do about the disk, without "do not restore" mid-restore
            text = storage_text(exc, warn_off_restore=False) + "\n" + str(exc)
        else:
            text = error_text(exc)
        if _fingerprint(self._paths.vault) == self._before:
            return text + "\n\n" + self.tr("Nothing was restored: the seat on this computer is as it was.")
        return (
            text
            + "\n\n"
            + self.tr("The backup may be only partly in place. The seat it replaced is kept in %1.").replace(
                "%1", str(self._paths.replaced)
            )
        )


class RecoverAdminDialog(SeatWorkDialog):
    """The recovery code, an admin's staff code and a new password. Outcome: the accounts still without one."""

    def __init__(self, paths: SeatPaths, admin_code: str = "", recovery_code: str = "", parent=None):
        super().__init__(self.tr("Forgot the admin password"), self.tr("Set the new password"), parent)
        self._paths = paths
        about = QLabel(
            self.tr(
                "With the seat's recovery code (on the sheet printed at the set-up), an admin account gets a new "
                "password on this computer. The other accounts keep their passwords, unless those were made on "
                "another computer."
            ),
            wordWrap=True,
        )
        self.recovery = QLineEdit(recovery_code, accessibleName=self.tr("Recovery code"), placeholderText="XXXX-…")
        self.recovery.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.code = QLineEdit(admin_code, accessibleName=self.tr("Admin staff code"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("New password"))
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("Repeat new password"))
        self.form.addRow(self.tr("&Recovery code"), self.recovery)
        self.form.addRow(self.tr("Admin &staff code"), self.code)
        self.form.addRow(self.tr("&New password (8 or more characters)"), self.password)
        self.form.addRow(self.tr("Re&peat new password"), self.repeat)
        self.finish_layout(about)

    def first_field(self) -> QWidget:
        return next(f for f in (self.recovery, self.code, self.password) if not f.text())

    def check(self) -> str:
        if not self.recovery.text().strip():
            return self.tr("Type the recovery code from the printed sheet.")
        check_staff_code(self.code.text())
        check_password(self.password.text())
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def work(self):
        paths, code = self._paths, self.recovery.text()
        admin, password = self.code.text().strip(), self.password.text()
        for field in (self.password, self.repeat):
            field.clear()

        def recover():
            with holding(paths.lock):
                return recover_admin(Seat(paths), code, admin, password)

        return recover

    def waiting_text(self) -> str:
        return self.tr("Setting the new password…")

    def failure_text(self, exc: Exception) -> str:
        if isinstance(exc, WrongRecoveryCode):
            return self.tr("Wrong recovery code: check it against the printed sheet (24 characters in groups of 4).")
        if isinstance(exc, NotAnAdmin):
            return self.tr("%1 is not an admin account of this seat.").replace("%1", self.code.text().strip())
        if isinstance(exc, StorageError):
            return error_text(exc)
        return error_text(exc) + "\n" + self.tr("No password was changed.")
