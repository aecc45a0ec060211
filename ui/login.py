"""The log-in / unlock page: choose an account, type the password, see the countdown after failures.

Below, for an admin who cannot log in: restore a backup, or a new admin password with the recovery code.
"""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HotlineError, LoginDelayed, StorageError
from desktop.seat import Seat, Session
from ui.messages import error_text
from ui.worker import run_in_background


class LoginPage(QWidget):
    """Emits `logged_in(session)`. In lock mode the account is fixed until "Switch counselor"."""

    logged_in = Signal(object)
    seat_replaced = Signal(str)  # a backup restored or the seat reloaded: `code` to log in as, or ''

    def __init__(self, seat: Seat, demo_accounts: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self._seat = seat
        self._locked_to: str | None = None
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._wait_left = 0

        self.title = QLabel(self.tr("Hotline Log"), objectName="loginTitle")
        self.seat_label = QLabel()
        self.account = QComboBox(accessibleName=self.tr("Account"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, accessibleName=self.tr("Password"))
        self.password.returnPressed.connect(self.submit)
        self.button = QPushButton(self.tr("Log in"), default=True)
        self.button.clicked.connect(self.submit)
        self.switch = QPushButton(self.tr("Switch counselor"))
        self.switch.clicked.connect(self.unlock_for_anyone)
        self.message = QLabel(objectName="loginMessage", wordWrap=True)
        self.demo = QLabel(wordWrap=True, objectName="demoBanner")
        self._care = None
        self.restore_button = QPushButton(self.tr("Restore a backup…"), objectName="restoreBackup", flat=True)
        self.restore_button.setToolTip(self.tr("Replace this seat with a backup (the current seat is kept aside)"))
        self.restore_button.clicked.connect(lambda: self.care.restore())
        self.recover_button = QPushButton(self.tr("Forgot the admin password…"), objectName="recoverAdmin", flat=True)
        self.recover_button.setToolTip(self.tr("Give an admin a new password with the seat's recovery code"))
        self.recover_button.clicked.connect(lambda: self.care.recover())

        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        box = QFrame(objectName="loginBox")
        inner = QVBoxLayout(box)
        for widget in (self.title, self.seat_label):
            inner.addWidget(widget)
        inner.addLayout(form)
        for widget in (self.button, self.switch, self.message, self.demo):
            inner.addWidget(widget)
        self.care_row = QWidget()
        row = QHBoxLayout(self.care_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.recover_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        inner.addWidget(self.care_row)
        # Centred by stretches, not by an alignment flag: a layout sizes an aligned widget's height for the whole
        # page's width, which cut a long, wrapped message (a full disk's) off at the top and bottom.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        box.setMinimumWidth(420)
        box.setMaximumWidth(520)
        self.set_demo_accounts(demo_accounts)
        self.refresh()

    @property
    def care(self):
        """Restore and recovery (ui/seat_care.py), made when first used: the page is painted without the backup
        and database modules they need (DESIGN.md §10, start-up)."""
        if self._care is None:
            from ui.seat_care import SeatCare

            self._care = SeatCare(self._seat, self)
            self._care.reloaded.connect(self.seat_reloaded)
        return self._care

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        (self.password if self.account.count() else self.account).setFocus()

    def set_demo_accounts(self, accounts: dict[str, str] | None) -> None:
        if accounts:
            lines = "<br>".join(f"{code}: <b>{password}</b>" for code, password in accounts.items())
            self.demo.setText(self.tr("DEMO SEAT — sample calls only. Demo passwords:") + f"<br>{lines}")
        self.demo.setVisible(bool(accounts))
        self.care_row.setVisible(not accounts)  # the demo seat is no seat to restore over or recover

    def refresh(self) -> None:
        """Reload the accounts from the vault (they may change while the seat is locked)."""
        self.seat_label.setText(self.tr("Seat: %1").replace("%1", self._seat.vault.seat_name))
        current = self._locked_to or self.account.currentData()
        self.account.clear()
        for code, label in self._seat.vault.accounts():
            self.account.addItem(f"{label} ({code})", code)
        if current:
            index = self.account.findData(current)
            if index >= 0:
                self.account.setCurrentIndex(index)
        self.account.setEnabled(self._locked_to is None)
        self.switch.setVisible(self._locked_to is not None)
        self.button.setText(self.tr("Unlock") if self._locked_to else self.tr("Log in"))

    def lock_to(self, code: str | None) -> None:
        """Lock mode: only `code` may unlock, until someone presses Switch counselor."""
        self._locked_to = code
        self.message.setText(self.tr("Locked. The call on screen is hidden and its draft is kept.") if code else "")
        self.password.clear()
        self.refresh()
        self.password.setFocus()

    def seat_reloaded(self, code: str) -> None:
        """The seat's files were replaced or its passwords changed (ui/seat_care.py): show its accounts now."""
        self._locked_to = None
        self.message.setText(self.tr("Log in to the seat as it is now."))
        self.refresh()
        index = self.account.findData(code) if code else -1
        if index >= 0:
            self.account.setCurrentIndex(index)
        self.password.clear()
        (self.password if index >= 0 else self.account).setFocus()
        self.seat_replaced.emit(code or "")

    def unlock_for_anyone(self) -> None:
        """Switch counselor: nobody is chosen, so a colleague's password never counts against the previous
        counselor's failed tries (or unlocks as them)."""
        self._locked_to = None
        self.message.setText(self.tr("Choose your account. The previous counselor's draft stays theirs."))
        self.refresh()
        self.account.setCurrentIndex(-1)
        self.account.setFocus()

    def submit(self) -> None:
        code = self.account.currentData()
        if not code:
            self.message.setText(self.tr("Choose your account first."))
            self.account.setFocus()
            return
        if self._wait_left or not self.button.isEnabled():
            return
        password = self.password.text()
        self.password.clear()
        self.button.setEnabled(False)
        self.restore_button.setVisible(True)
        self.message.setText(self.tr("Unlocking…"))
        # Argon2id takes a tenth of a second or more: off the GUI thread. So does the schema check; the session's
        # connection then opens on the GUI thread, which uses it.
        seat = self._seat

        def unlock() -> tuple[bytes, bool]:
            key = seat.vault.unlock(code, password)
            return key, seat.database_behind(key)

        run_in_background(unlock, lambda result: self._opened(code, *result), lambda exc: self._failed(code, exc))

    def _opened(self, code: str, key: bytes, behind: bool) -> None:
        """The password was right. A database of an older schema is updated in the background first: on a big
        seat that takes minutes, and the window must not freeze (or be closed as hung) meanwhile."""
        if not behind:
            self._unlocked(code, key)
            return
        self.message.setText(
            self.tr(
                "Updating the database for this version of Hotline Log. On a seat with many calls this can take a "
                "few minutes; please keep the program open."
            )
        )
        self._updating(True)  # a restore or a new admin password must not replace files the update is writing
        run_in_background(
            lambda: self._seat.update_database(key),
            lambda _none: self._unlocked(code, key),
            lambda exc: self._failed(code, exc),
        )

    def _updating(self, updating: bool) -> None:
        for widget in (self.restore_button, self.recover_button, self.account):
            widget.setEnabled(not updating and (widget is not self.account or self._locked_to is None))

    def _unlocked(self, code: str, key: bytes) -> None:
        self.button.setEnabled(True)
        self._updating(False)
        try:
            session: Session = self._seat.open_session(key, code)
        except HotlineError as exc:
            self._failed(code, exc)
            return
        self.message.clear()
        self._locked_to = None
        self.logged_in.emit(session)

    def _failed(self, code: str, exc: Exception) -> None:
        self.button.setEnabled(True)
        self._updating(False)
        if not isinstance(exc, HotlineError):
            raise exc
        if isinstance(exc, LoginDelayed):
            self._start_countdown(exc.seconds_left)
            return
        self.message.setText(error_text(exc))
        # A full disk, a read-only folder, a permission or a lock is no reason to replace a whole seat with a
        # backup: the message says what to do instead, and Restore is not offered beside it.
        self.restore_button.setVisible(not isinstance(exc, StorageError))
        wait = self._seat.vault.seconds_until_next_try(code)
        if wait > 0:
            self._start_countdown(round(wait))

    def _start_countdown(self, seconds: int) -> None:
        self._wait_left = max(1, int(seconds))
        self.button.setEnabled(False)
        self._tick(first=True)
        self._countdown.start()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self._wait_left = 0
            self.button.setEnabled(True)
            self.message.setText(self.tr("You can try again now."))
            return
        self.message.setText(self.tr("Too many failed attempts. Try again in %n second(s).", "", self._wait_left))
