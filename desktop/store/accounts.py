"""Account rows. Permission checks live in the service (`desktop.accounts`), not here."""

from dataclasses import dataclass

from desktop.clock import utc_now_iso
from desktop.store.store import Store

ROLES = ("counselor", "lead", "admin")


@dataclass(frozen=True)
class Account:
    code: str
    display_name: str
    role: str
    active: bool
    created_at: str
    updated_at: str


_COLUMNS = "code, display_name, role, active, created_at, updated_at"


def _account(row) -> Account:
    code, name, role, active, created, updated = row
    return Account(code, name, role, bool(active), created, updated)


class AccountRepo:
    def __init__(self, store: Store):
        self._store = store

    def get(self, code: str) -> Account | None:
        row = self._store.one(f"SELECT {_COLUMNS} FROM account WHERE code = ?", (code,))
        return _account(row) if row else None

    def all(self, include_inactive: bool = True) -> list[Account]:
        where = "" if include_inactive else " WHERE active = 1"
        return [_account(r) for r in self._store.rows(f"SELECT {_COLUMNS} FROM account{where} ORDER BY code")]

    def add(self, code: str, display_name: str, role: str) -> Account:
        now = utc_now_iso()
        self._store.execute(
            "INSERT INTO account (code, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
            (code, display_name, role, now, now),
        )
        return self.get(code)

    def update(self, code: str, **fields) -> None:
        allowed = {"display_name", "role", "active"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self._store.execute(
            f"UPDATE account SET {assignments}, updated_at = ? WHERE code = ?",
            (*fields.values(), utc_now_iso(), code),
        )

    def active_admins(self) -> int:
        return self._store.one("SELECT count(*) FROM account WHERE role = 'admin' AND active = 1")[0]
