"""The small forms behind the accounts window: add an account, rename it, change its role, give it a password.

Each form makes its change when OK is pressed and closes only when the change is made. A refused change
(`HotlineError`) is explained in a message box and the form stays as typed. Changes that set a password
derive a key with Argon2id (up to a second): they run off the GUI thread on a connection of their own,
with the form's buttons disabled meanwhile.
"""

import re
from collections.abc import Callable

from shiboken6 import isValid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import AccountService
from desktop.errors import HotlineError
from desktop.seat import Session
from ui.accounts_model import ROLE_NAMES, AccountRow, role_name, roles_explained
from ui.messages import error_text
from ui.worker import run_in_background

_MNEMONIC = re.compile(r"\s*\(&[^)]\)")  # "密码(&P)": the Chinese way of marking the key


def plain(label: str) -> str:
    """A form label as a screen reader should say it: without the mnemonic marks."""
    return _MNEMONIC.sub("", label).replace("&", "")


def password_edit() -> QLineEdit:
    return QLineEdit(echoMode=QLineEdit.EchoMode.Password)


class ChangeForm(QDialog):
    """A form whose OK makes one change. Subclasses add fields, `problem()` and `change()`.

    `change()` reads the fields and returns the work to do; `slow` forms run it off the GUI thread (so
    it must not touch widgets). After success `outcome` says what was done, for the window behind.
    """

    slow = False

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.outcome = ""
        self.account_code = ""  # the account changed, to choose it in the list afterwards
        self.busy = False
        self._first_field: QWidget | None = None
        self.intro = QLabel(wordWrap=True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.hide()
        self.form = QFormLayout()
        self.message = QLabel(wordWrap=True)  # a problem with what was typed, or "working"
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def say_first(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_field(self, label: str, widget: QWidget) -> QWidget:
        """A row with a label whose underlined letter jumps to `widget`, which a screen reader names by it."""
        widget.setAccessibleName(plain(label))
        self.form.addRow(label, widget)
        self._first_field = self._first_field or widget
        return widget

    def add_note(self, text: str) -> None:
        note = QLabel(text, wordWrap=True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(note)  # across both columns, so it wraps less

    def problem(self) -> str:
        """What is wrong with the fields before anything is tried ('' when nothing)."""
        return ""

    def change(self) -> Callable[[], str]:
        """The work to do with what was typed; it returns the sentence to show afterwards."""
        raise NotImplementedError

    def explain(self, exc: HotlineError) -> str:
        """What a refusal means, in the UI's language."""
        return error_text(exc)

    def focus_after_failure(self, exc: HotlineError) -> None:
        """Where the cursor goes after a refusal: the first field, unless a form knows better."""
        if self._first_field is not None:
            self._first_field.setFocus()

    # ----- running it -----------------------------------------------------------------------------

    def accept(self) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem:
            self._say(problem)
            return
        work = self.change()
        if not self.slow:
            try:
                done = work()
            except HotlineError as exc:
                self._failed(exc)
                return
            self._done(done)
            return
        self._set_busy(True)
        self._say(self.tr("Working…"))
        run_in_background(work, self._done, self._failed)

    def _done(self, outcome: str) -> None:
        if not isValid(self):  # closed by the idle lock meanwhile: the change is made and audited
            return
        self._set_busy(False)
        self.outcome = outcome
        super().accept()

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            if isinstance(exc, HotlineError):
                return
            raise exc
        self._set_busy(False)
        self._say("")
        if not isinstance(exc, HotlineError):
            raise exc  # the excepthook reports it; the form is usable again
        QMessageBox.warning(self, self.windowTitle(), self.explain(exc))
        self.focus_after_failure(exc)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        for index in range(self.form.rowCount()):
            item = self.form.itemAt(index, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.busy and event.key() == Qt.Key.Key_Escape:
            return  # the change is under way; it cannot be called back
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def role_box(current: str = "counselor") -> QComboBox:
    box = QComboBox()
    for role in ROLE_NAMES:
        box.addItem(role_name(role), role)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class AddAccountForm(ChangeForm):
    slow = True

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(self.tr("Add an account"), parent)
        self._session = session
        self.staff_code = self.add_field(
            self.tr("Staff &code"), QLineEdit(maxLength=16, placeholderText=self.tr("letters and digits"))
        )
        self.name = self.add_field(self.tr("&Name"), QLineEdit(maxLength=60))
        self.role = self.add_field(self.tr("&Role"), role_box())
        self.add_note(roles_explained())
        self.password = self.add_field(self.tr("&Password (8 or more characters)"), password_edit())
        self.repeat = self.add_field(self.tr("Re&peat the password"), password_edit())
        self.add_note(self.tr("Tell the password to the person yourself; they can change it after logging in."))

    def problem(self) -> str:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def change(self) -> Callable[[], str]:
        code, name, role = self.staff_code.text().strip(), self.name.text(), self.role.currentData()
        self.account_code = code
        password, session = self.password.text(), self._session
        added = self.tr("%1 was added as %2.")

        def work() -> str:
            with session.another() as own:  # a connection of this thread's own
                account = AccountService(own).add(code, name, role, password)
            return added.replace("%1", f"{account.display_name} ({account.code})").replace("%2", role_name(role))

        return work


class RenameForm(ChangeForm):
    def __init__(self, session: Session, row: AccountRow, parent: QWidget | None = None):
        super().__init__(self.tr("Rename an account"), parent)
        self._session, self._row = session, row
        self.account_code = row.code
        self.say_first(
            self.tr("The name shown for %1 in lists, on the log-in page and in handovers.").replace("%1", row.who)
        )
        self.name = self.add_field(self.tr("&Name"), QLineEdit(row.display_name, maxLength=60))
        self.name.selectAll()

    def change(self) -> Callable[[], str]:
        name, code, service = self.name.text(), self._row.code, AccountService(self._session)
        renamed = self.tr("%1 is now called %2.")

        def work() -> str:
            service.rename(code, name)
            return renamed.replace("%1", code).replace("%2", name.strip())

        return work


class RoleForm(ChangeForm):
    def __init__(self, session: Session, row: AccountRow, parent: QWidget | None = None):
        super().__init__(self.tr("Change a role"), parent)
        self._session, self._row = session, row
        self.account_code = row.code
        self.say_first(self.tr("What %1 may do at this seat.").replace("%1", row.who))
        self.role = self.add_field(self.tr("&Role"), role_box(row.role))
        self.add_note(roles_explained())
        own = session.account is not None and session.account.code == row.code
        if own:
            self.add_note(self.tr("This is your own account: a new role applies from your next log-in."))

    def change(self) -> Callable[[], str]:
        role, code, service = self.role.currentData(), self._row.code, AccountService(self._session)
        changed = self.tr("%1 is now: %2.")

        def work() -> str:
            service.set_role(code, role)
            return changed.replace("%1", self._row.who).replace("%2", role_name(role))

        return work


class PasswordForm(ChangeForm):
    """An admin gives an account a new password; with `enable`, a disabled account comes back with it."""

    slow = True

    def __init__(self, session: Session, row: AccountRow, enable: bool = False, parent: QWidget | None = None):
        title = self.tr("Enable an account") if enable else self.tr("Set a password")
        super().__init__(title, parent)
        self._session, self._row, self._enable = session, row, enable
        self.account_code = row.code
        if enable:
            intro = self.tr("%1 can log in again with a new password. Tell it to them yourself.")
        else:
            intro = self.tr(
                "The new password of %1 replaces the old one at once. Tell it to them yourself; they can change "
                "it after logging in."
            )
        self.say_first(intro.replace("%1", row.who))
        self.password = self.add_field(self.tr("&New password (8 or more characters)"), password_edit())
        self.repeat = self.add_field(self.tr("Re&peat the password"), password_edit())

    def problem(self) -> str:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""

    def change(self) -> Callable[[], str]:
        code, password, session, enable = self._row.code, self.password.text(), self._session, self._enable
        done = self.tr("%1 was enabled with a new password.") if enable else self.tr("%1 has a new password.")
        done = done.replace("%1", self._row.who)

        def work() -> str:
            with session.another() as own:
                service = AccountService(own)
                (service.enable if enable else service.set_password)(code, password)
            return done

        return work
