"""First start: set up this seat, restore a backup, or try a demo seat. Then the recovery code, shown once,
printable. At every start, a seat whose files cannot be read says so before the window opens."""

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.config import SeatPaths
from desktop.errors import HotlineError, StorageError
from desktop.seat import Seat, check_display_name, check_password, check_staff_code
from ui.messages import error_text
from ui.seat_care import SeatCare

log = logging.getLogger(__name__)


class StartDialog(QDialog):
    """Result: SETUP, DEMO, RESTORED (a backup is now the seat in `paths`), or rejected (quit).

    Restoring runs while this dialog stays open (ui/seat_care.py, as from the log-in page): cancelled anywhere,
    it comes back here; once a seat is in place, even if its new admin password was not set yet, it is done."""

    SETUP = 2
    DEMO = 3
    RESTORED = 4

    def __init__(self, paths: SeatPaths, demo_exists: bool, parent=None):
        super().__init__(parent)
        self._paths = paths
        self.setWindowTitle(self.tr("Hotline Log"))
        intro = QLabel(
            self.tr(
                "No seat is set up in %1 yet. Set up this seat for real work, restore a seat from its backup "
                "(on a new computer), or try a demo seat with sample calls (kept in a separate folder)."
            ).replace("%1", str(paths.home)),
            wordWrap=True,
        )
        setup = QPushButton(self.tr("Set up this seat…"))
        self.restore_button = QPushButton(self.tr("Restore a backup…"), objectName="restoreBackup")
        self.restore_button.setToolTip(self.tr("Put a seat back from its backup file, for example on a new computer"))
        demo = QPushButton(self.tr("Open the demo seat") if demo_exists else self.tr("Try a demo seat"))
        quit_button = QPushButton(self.tr("Quit"))
        self.care = SeatCare(Seat(paths), self)
        self.care.settled.connect(self._restore_over)
        setup.clicked.connect(lambda: self.done(self.SETUP))
        self.restore_button.clicked.connect(self.care.restore)
        demo.clicked.connect(lambda: self.done(self.DEMO))
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (setup, self.restore_button, demo, quit_button):
            layout.addWidget(button)
        setup.setDefault(True)
        self.resize(480, 220)

    def _restore_over(self) -> None:
        if self._paths.exists():  # a seat is in place now: on to its log-in
            self.done(self.RESTORED)


class DamagedSeatDialog(QDialog):
    """The seat's files cannot be read at start-up: what is wrong, what to do, "Restore a backup…" and Quit.

    Nothing is changed unless a backup is restored; restoring moves the unreadable files aside
    (desktop.backup.restore_backup). Accepted once a restored seat reads; rejected (Quit, Esc) otherwise.
    `restorable` is False for the demo seat, which is made again rather than restored. A StorageError (a full disk,
    a read-only folder, a permission, a lock) is never offered a restore: the files are whole, the disk refused."""

    def __init__(self, paths: SeatPaths, error: HotlineError, restorable: bool = True, parent=None):
        super().__init__(parent)
        self._paths = paths
        self.setWindowTitle(self.tr("Hotline Log"))
        heading = QLabel(self.tr("This seat cannot be opened."), objectName="seatProblemHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.message = QLabel(error_text(error), objectName="seatProblem", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        refused = isinstance(error, StorageError)  # the disk or folder refused: the files are whole
        restorable = restorable and not refused
        if refused:
            advice = self.tr(
                "What to do: fix what the message says (free space, make the folder writable, close the program "
                "that holds the files), then start Hotline Log again. Restoring a backup would not help: the "
                "seat's files are not damaged."
            )
        elif restorable:
            advice = self.tr(
                "What to do: an admin restores the seat from its latest backup now, with an admin password of "
                "the seat or its recovery code; the files that cannot be read are moved to the folder %1, not "
                "deleted. Otherwise quit, leave the files as they are, and tell the admin."
            ).replace("%1", str(paths.replaced))
        else:
            advice = self.tr(
                "This is the demo seat, with sample calls only. Delete its folder %1 and start Hotline Log again "
                "to make a new demo seat."
            ).replace("%1", str(paths.home))
        self.advice = QLabel(advice, wordWrap=True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(self.tr("Restore a backup…"), objectName="restoreBackup")
        self.restore_button.setToolTip(self.tr("Replace the unreadable seat with its backup (it is kept aside)"))
        self.restore_button.setVisible(restorable)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.care = SeatCare(Seat(paths), self)
        self.care.settled.connect(self._restore_over)
        self.restore_button.clicked.connect(self.care.restore)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, self.message, self.advice):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.quit_button)
        layout.addStretch(1)
        layout.addLayout(row)
        (self.restore_button if restorable else self.quit_button).setDefault(True)
        self.setMinimumWidth(max(520, self.fontMetrics().averageCharWidth() * 75))
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))  # wrapped text, no gaps

    def _restore_over(self) -> None:
        """A restore begun here is over: open the seat if it reads now, else say what is still wrong."""
        try:
            Seat(self._paths).check_files()
        except HotlineError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


def readable_seat(paths: SeatPaths, restorable: bool = True) -> Seat | None:
    """The seat in `paths` once its files read (checked before the window is built). When they do not, the
    damaged-seat dialog says why and offers a restore; None means the person quit there, nothing changed."""
    seat = Seat(paths)
    try:
        seat.check_files()
    except HotlineError as exc:
        log.error("the seat cannot be opened at start-up (%s)", type(exc).__name__)
        if DamagedSeatDialog(paths, exc, restorable).exec() != QDialog.DialogCode.Accepted:
            return None
        seat = Seat(paths)
    return seat


class SetupDialog(QDialog):
    """Seat name and first admin. On success `session` and `recovery_code` are set."""

    def __init__(self, paths: SeatPaths, parent=None):
        super().__init__(parent)
        self._paths = paths
        self.session = None
        self.recovery_code = ""
        self.setWindowTitle(self.tr("Set up this seat"))
        self.seat_name = QLineEdit(placeholderText=self.tr("e.g. 12356-01"), accessibleName=self.tr("Seat name"))
        self.admin_code = QLineEdit(placeholderText="A001", accessibleName=self.tr("Admin staff code"))
        self.admin_name = QLineEdit(accessibleName=self.tr("Admin name"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("Password"))
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("Repeat password"))
        self.message = QLabel(wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Seat name"), self.seat_name)
        form.addRow(self.tr("Admin staff code"), self.admin_code)
        form.addRow(self.tr("Admin name"), self.admin_name)
        form.addRow(self.tr("Password (8 or more characters)"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(max(520, self.fontMetrics().averageCharWidth() * 75))  # room for a long password

    def _create(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        try:
            check_display_name(self.seat_name.text())
            check_staff_code(self.admin_code.text())
            check_password(self.password.text())
            self.session, self.recovery_code = Seat.init(
                self._paths,
                self.seat_name.text(),
                self.admin_code.text(),
                self.admin_name.text() or self.admin_code.text(),
                self.password.text(),
            )
        except HotlineError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code once, with a print button. Closing it any way (the button, Esc, the window's close
    button) needs a confirmation that it is kept: it is the only copy."""

    def __init__(self, seat_name: str, code: str, parent=None):
        super().__init__(parent)
        self._seat_name = seat_name
        self._code = code
        self.setWindowTitle(self.tr("Recovery code"))
        explain = QLabel(
            self.tr(
                "This is the seat's recovery code. It is shown only now. With it, a backup opens on another "
                "computer and lost admin passwords can be replaced. Print it and lock it away."
            ),
            wordWrap=True,
        )
        shown = QLabel(code, objectName="recoveryCode")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setPointSize(18)
        shown.setFont(font)
        shown.setAccessibleName(self.tr("Recovery code"))
        print_button = QPushButton(self.tr("Print…"))
        print_button.clicked.connect(self._print)
        done = QPushButton(self.tr("I have kept it"))
        done.clicked.connect(self._confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(shown, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(print_button)
        layout.addWidget(done)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            painter.setFont(QFont("sans-serif", 14))
            title = self.tr("Hotline Log — recovery code of seat %1").replace("%1", self._seat_name)
            painter.drawText(page.adjusted(0, 0, 0, -page.height() // 2), Qt.AlignmentFlag.AlignCenter, title)
            painter.setFont(QFont("monospace", 22))
            painter.drawText(page, Qt.AlignmentFlag.AlignCenter, self._code)
        finally:
            painter.end()

    def reject(self) -> None:  # Esc and the window's close button: the same question as "I have kept it"
        self._confirm()

    def _confirm(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Recovery code"),
            self.tr("The code will not be shown again. Have you printed or written it down?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            QGuiApplication.clipboard().clear()
            self.accept()
