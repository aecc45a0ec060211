"""The seat's accounts as a table: staff code, name, role, active or disabled, and whether the account has a
password on this computer (after a restore on a new computer, accounts need a new one from an admin)."""

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ui.row_model import RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

# The roles of DESIGN.md §4, in the order they are offered.
ROLE_NAMES = {
    "counselor": QT_TRANSLATE_NOOP("accounts", "Counselor"),
    "lead": QT_TRANSLATE_NOOP("accounts", "Shift lead"),
    "admin": QT_TRANSLATE_NOOP("accounts", "Admin"),
}


def role_name(role: str) -> str:
    """A role in the UI's language (the code itself for a role this version does not know)."""
    name = ROLE_NAMES.get(role)
    return QCoreApplication.translate("accounts", name) if name else role


def roles_explained() -> str:
    return QCoreApplication.translate(
        "accounts",
        "Counselors see their own calls and the current shift's. Shift leads see all calls, run shifts and "
        "print handovers. Admins also manage accounts, the referral directory and backups.",
    )


@dataclass(frozen=True)
class AccountRow:
    code: str
    display_name: str
    role: str
    active: bool
    has_password: bool  # a key slot on this computer

    @property
    def needs_password(self) -> bool:
        return self.active and not self.has_password

    @property
    def who(self) -> str:
        return f"{self.display_name} ({self.code})"


class AccountsModel(RowTableModel):
    """Rows are `AccountRow`s; `ROW_ROLE` returns the row itself so it survives a sort proxy."""

    COL_CODE, COL_NAME, COL_ROLE, COL_STATE, COL_PASSWORD = range(5)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[AccountRow] = []
        self._headers = (
            self.tr("Staff code"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("State"),
            self.tr("Password on this computer"),
        )

    def row_of(self, code: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.code == code), -1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            if section == self.COL_PASSWORD:
                return self.tr(
                    "Whether the account can log in here. After a backup is restored on another computer, "
                    "every account needs a new password."
                )
            return None
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.display_name
        if column == self.COL_ROLE:
            return role_name(row.role)
        if column == self.COL_STATE:
            return self.tr("Active") if row.active else self.tr("Disabled")
        if column == self.COL_PASSWORD:
            if not row.active:
                return self.tr("No (disabled)")
            return self.tr("Yes") if row.has_password else self.tr("Missing: set one")
        return None
