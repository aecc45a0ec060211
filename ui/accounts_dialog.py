"""Accounts in the window: an admin adds, renames, re-roles, disables and enables accounts and sets their
passwords; everyone changes their own password.

`desktop.accounts.AccountService` checks roles, keeps the last active admin and audits every change; this
window only asks and shows. Setting a password runs Argon2id, so it happens off the GUI thread
(`ui.account_forms`).
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import AccountService
from desktop.errors import HotlineError, WrongPassword
from desktop.seat import Session
from ui.account_forms import AddAccountForm, ChangeForm, PasswordForm, RenameForm, RoleForm, password_edit
from ui.accounts_model import ROW_ROLE, AccountRow, AccountsModel
from ui.messages import error_text


class AccountsDialog(QDialog):
    """For admins. Every change goes through `AccountService`; a refusal is shown and nothing is lost."""

    def __init__(self, parent: QWidget | None, session: Session):
        super().__init__(parent)
        self._session = session
        self.service = AccountService(session)
        self.setWindowTitle(self.tr("Accounts"))
        intro = QLabel(
            self.tr(
                "Everyone who works at this seat logs in with an account of their own. A password opens the "
                "seat on this computer only."
            ),
            wordWrap=True,
        )
        self.missing = QLabel(objectName="accountsMissing", wordWrap=True)  # accounts that cannot log in here
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        font = self.missing.font()
        font.setBold(True)
        self.missing.setFont(font)
        self.model = AccountsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Accounts of this seat"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AccountsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)  # names vary most
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_actions())

        self.add_button = QPushButton(self.tr("&Add…"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.role_button = QPushButton(self.tr("Change &role…"))
        self.password_button = QPushButton(self.tr("Set &password…"))
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.enable_button = QPushButton(self.tr("&Enable…"))
        actions = QVBoxLayout()
        for button, slot in (
            (self.add_button, self.add_account),
            (self.rename_button, self.rename),
            (self.role_button, self.change_role),
            (self.password_button, self.set_password),
            (self.disable_button, self.disable),
            (self.enable_button, self.enable),
        ):
            button.setAutoDefault(False)  # Enter in the table opens nothing by surprise
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        self.message = QLabel(objectName="accountsMessage", wordWrap=True)  # what the last change did
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)

        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.missing)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        order = [
            self.table,
            self.add_button,
            self.rename_button,
            self.role_button,
            self.password_button,
            self.disable_button,
            self.enable_button,
            self.close_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.resize(820, 460)
        self.reload()
        self.table.setFocus()

    @property
    def _alive(self) -> bool:
        return bool(self._session.key)  # false once the seat locked while a form was open

    def selected(self) -> AccountRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def reload(self, select: str | None = None) -> None:
        """Read the accounts again, keeping the chosen one chosen."""
        if not self._alive:
            return
        current = select or (self.selected().code if self.selected() else None)
        try:
            accounts = self.service.accounts()
        except HotlineError as exc:
            self._say(error_text(exc))
            return
        has_password = self.service.has_password
        rows = [AccountRow(a.code, a.display_name, a.role, a.active, has_password(a.code)) for a in accounts]
        self.model.set_rows(rows)
        missing = [row.code for row in rows if row.needs_password]
        self.select(current if current and self.model.row_of(current) >= 0 else (accounts[0].code if accounts else ""))
        if missing:
            text = self.tr(
                "%n account(s) cannot log in on this computer yet (the seat was restored here): %1. Give each "
                "a new password with Set password.",
                "",
                len(missing),
            )
            self.missing.setText(text.replace("%1", ", ".join(missing)))
        self.missing.setVisible(bool(missing))
        self._show_actions()

    def _show_actions(self) -> None:
        row = self.selected()
        self.rename_button.setEnabled(row is not None)
        self.role_button.setEnabled(row is not None)
        self.password_button.setEnabled(row is not None and row.active)
        self.disable_button.setEnabled(row is not None and row.active)
        self.enable_button.setEnabled(row is not None and not row.active)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # ----- the changes ----------------------------------------------------------------------------

    def _run_form(self, form: ChangeForm) -> None:
        if form.exec() == QDialog.DialogCode.Accepted and self._alive:
            self.reload(select=form.account_code)
            self._say(form.outcome)
        form.deleteLater()
        if self._alive:
            self.table.setFocus()

    def add_account(self) -> None:
        self._run_form(AddAccountForm(self._session, self))

    def rename(self) -> None:
        row = self.selected()
        if row is not None:
            self._run_form(RenameForm(self._session, row, self))

    def change_role(self) -> None:
        row = self.selected()
        if row is not None:
            self._run_form(RoleForm(self._session, row, self))

    def set_password(self) -> None:
        row = self.selected()
        if row is not None and row.active:
            self._run_form(PasswordForm(self._session, row, parent=self))

    def enable(self) -> None:
        row = self.selected()
        if row is not None and not row.active:
            self._run_form(PasswordForm(self._session, row, enable=True, parent=self))

    def disable(self) -> None:
        row = self.selected()
        if row is None or not row.active:
            return
        text = self.tr(
            "Disable %1? The account can no longer log in at this seat; its calls and the audit log stay. "
            "Enabling it again needs a new password."
        ).replace("%1", row.who)
        if self._session.account is not None and self._session.account.code == row.code:
            text = self.tr("This is your own account: once you log out, you cannot log in again.") + "\n\n" + text
        answer = QMessageBox.question(
            self,
            self.tr("Disable an account"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._alive:
            return
        try:
            self.service.disable(row.code)
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Disable an account"), error_text(exc))
            self.table.setFocus()
            return
        self.reload(select=row.code)
        self._say(self.tr("%1 was disabled.").replace("%1", row.who))
        self.table.setFocus()


class ChangePasswordDialog(ChangeForm):
    """Anyone logged in changes their own password, after typing the current one (so nobody who finds the
    seat unlocked can take the account over). A wrong current password counts as a failed log-in."""

    slow = True

    def __init__(self, parent: QWidget | None, session: Session):
        super().__init__(self.tr("Change my password"), parent)
        self._session = session
        account = session.account
        who = f"{account.display_name} ({account.code})" if account else session.actor
        self.say_first(self.tr("Account: %1").replace("%1", who))
        self.current = self.add_field(self.tr("&Current password"), password_edit())
        self.password = self.add_field(self.tr("&New password (8 or more characters)"), password_edit())
        self.repeat = self.add_field(self.tr("Re&peat the new password"), password_edit())

    def problem(self) -> str:
        if self._session.account is None:
            return self.tr("The seat was opened with the recovery code; log in with your account first.")
        if not self.current.text():
            return self.tr("Type your current password.")
        if self.password.text() != self.repeat.text():
            return self.tr("The two new passwords differ.")
        if self.password.text() == self.current.text():
            return self.tr("The new password is the same as the current one.")
        return ""

    def change(self) -> Callable[[], str]:
        session = self._session
        current, password = self.current.text(), self.password.text()
        done = self.tr("Your password was changed. Use the new one from the next log-in.")

        def work() -> str:
            with session.another() as own:  # Argon2id twice: off the GUI thread, on a connection of its own
                AccountService(own).change_own_password(current, password)
            return done

        return work

    def explain(self, exc: HotlineError) -> str:
        if isinstance(exc, WrongPassword):
            return self.tr("The current password is not right; nothing was changed.")
        return super().explain(exc)

    def focus_after_failure(self, exc: HotlineError) -> None:
        if isinstance(exc, WrongPassword):
            self.current.clear()
        self.current.setFocus()
