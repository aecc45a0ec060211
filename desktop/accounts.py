"""Managing accounts and how they log in: only an admin, never the last active admin, every change audited.

An account's password is its key slot in the vault; the row in the database holds its name, role and
whether it is active. Disabling an account removes its slot, so a disabled account cannot unwrap the key.
Every change of both goes through desktop/vault_sync.py: both or neither, whatever a crash interrupts.
"""

import hmac
import logging

from desktop import vault_sync
from desktop.errors import BadInput, NotAnAdmin, NotPermitted, WrongPassword
from desktop.seat import Seat, Session, check_display_name, check_password, check_role, check_staff_code
from desktop.store.accounts import Account, AccountRepo

log = logging.getLogger(__name__)


def vault_change(session: Session, mutate, steps) -> None:
    """The vault changed by `mutate` and the database by `steps` (desktop/vault_sync.py), for this session."""
    vault_sync.change(session.seat, session.store, session.key, mutate, steps)


def _audit(session: Session, action: str, obj: str, detail: dict | None = None) -> list:
    return ["audit", session.actor, action, obj, detail]


class AccountService:
    def __init__(self, session: Session):
        self._session = session
        self._repo = AccountRepo(session.store)

    def _existing(self, code: str) -> Account:
        account = self._repo.get(code)
        if account is None:
            raise BadInput(f"There is no account {code!r} on this seat.", code="account.unknown", account=code)
        return account

    def accounts(self) -> list[Account]:
        self._session.require("lead", "admin", doing="list accounts")
        return self._repo.all()

    def has_password(self, code: str) -> bool:
        return self._session.seat.vault.has_account(code)

    def add(self, code: str, display_name: str, role: str, password: str) -> Account:
        self._session.require("admin", doing="add accounts")
        code = check_staff_code(code)
        display_name = check_display_name(display_name)
        check_role(role)
        check_password(password)
        if self._repo.get(code) is not None:
            raise BadInput(f"An account {code!r} already exists.", code="account.exists", account=code)
        key = self._session.key
        vault_change(
            self._session,
            lambda vault: vault.set_password(code, display_name, password, key),
            [["account.add", code, display_name, role], _audit(self._session, "account.added", code, {"role": role})],
        )
        log.info("account %s added as %s", code, role)
        return self._repo.get(code)

    def disable(self, code: str) -> None:
        self._session.require("admin", doing="disable accounts")
        account = self._existing(code)
        if not account.active:
            return
        if account.role == "admin" and self._repo.active_admins() <= 1:
            raise BadInput(
                f"{code} is the last active admin and cannot be disabled; make another admin first.",
                code="account.last_admin_disable",
                account=code,
            )
        vault_change(
            self._session,
            lambda vault: vault.remove_account(code),
            [["account.update", code, {"active": 0}], _audit(self._session, "account.disabled", code)],
        )

    def enable(self, code: str, password: str) -> None:
        """Re-enable an account; it gets a new password because disabling removed its slot."""
        self._session.require("admin", doing="enable accounts")
        account = self._existing(code)
        check_password(password)
        key = self._session.key
        vault_change(
            self._session,
            lambda vault: vault.set_password(code, account.display_name, password, key),
            [["account.update", code, {"active": 1}], _audit(self._session, "account.enabled", code)],
        )

    def set_role(self, code: str, role: str) -> None:
        self._session.require("admin", doing="change roles")
        account = self._existing(code)
        check_role(role)
        if account.role == role:
            return
        if account.role == "admin" and account.active and self._repo.active_admins() <= 1:
            raise BadInput(
                f"{code} is the last active admin; make another admin before changing this role.",
                code="account.last_admin_role",
                account=code,
            )
        with self._session.store.transaction():
            self._repo.update(code, role=role)
            self._session.audit.append(
                self._session.actor, "account.role_changed", code, {"from": account.role, "to": role}
            )

    def rename(self, code: str, display_name: str) -> None:
        self._session.require("admin", doing="rename accounts")
        self._existing(code)
        display_name = check_display_name(display_name)
        vault_change(
            self._session,
            lambda vault: vault.set_label(code, display_name),
            [["account.update", code, {"display_name": display_name}], _audit(self._session, "account.renamed", code)],
        )

    def set_password(self, code: str, new_password: str) -> None:
        """Anyone may change their own password; an admin may set anyone's (re-wrapping the slot)."""
        own = self._session.account is not None and self._session.account.code == code
        if not own:
            self._session.require("admin", doing="set another person's password")
        account = self._existing(code)
        if not account.active:
            raise BadInput(
                f"{code} is disabled; enable it with a new password instead.",
                code="account.disabled_enable_instead",
                account=code,
            )
        check_password(new_password)
        key = self._session.key
        vault_change(
            self._session,
            lambda vault: vault.set_password(code, account.display_name, new_password, key),
            [_audit(self._session, "account.password_changed", code)],
        )

    def change_own_password(self, current_password: str, new_password: str) -> None:
        """The logged-in person's new password, once the current one is proven (a seat left unlocked must not
        let a passer-by take the account). A wrong current password counts as a failed log-in."""
        account = self._session.account
        if account is None:
            raise NotPermitted(
                "The seat was opened with the recovery code; log in with your account first.",
                code="account.recovery_session",
            )
        key = self._session.seat.vault.unlock(account.code, current_password)  # Argon2id, throttled, audited
        if not hmac.compare_digest(key, self._session.key):
            raise WrongPassword("Wrong staff code or password.")
        self.set_password(account.code, new_password)

    def accounts_without_password(self) -> list[str]:
        """Active accounts that cannot log in here (after a recovery on a new computer)."""
        if self._session.role != "admin":
            raise NotPermitted(
                "Only an admin may see which accounts need a password.", code="account.admin_only_passwords"
            )
        vault = self._session.seat.vault
        return [a.code for a in self._repo.all(include_inactive=False) if not vault.has_account(a.code)]


def set_require_keyring(session: Session, required: bool) -> None:
    """Refuse (True) or allow (False) logging in on this seat without a usable system keyring (admins only).

    Requiring it is refused where no usable keyring exists, so a seat cannot lock itself out."""
    session.require("admin", doing="change the keyring setting")
    vault = session.seat.vault
    if vault.require_keyring == required:
        return
    vault_change(
        session,
        lambda vault: vault.set_require_keyring(required),
        [_audit(session, "setting.changed", "require_keyring", {"value": required})],
    )


def recover_admin(seat: Seat, recovery_code: str, admin_code: str, new_password: str) -> list[str]:
    """Open the seat with the recovery code and give `admin_code` (an admin) a new password bound to this
    computer. Returns the other active accounts that still need a password from an admin."""
    check_password(new_password)
    session = seat.login_recovery(recovery_code)
    with session:
        repo = AccountRepo(session.store)
        account = repo.get(admin_code)
        if account is None or account.role != "admin":
            raise NotAnAdmin(
                f"{admin_code!r} is not an admin account of this seat.", code="account.not_admin", account=admin_code
            )
        dropped: list[str] = []

        def rebind(vault) -> None:
            dropped.extend(vault.rebind_after_recovery())
            vault.set_password(admin_code, account.display_name, new_password, session.key)

        def steps() -> list[list]:  # once `rebind` ran: the number of slots dropped is known then
            enable = [] if account.active else [["account.update", admin_code, {"active": 1}]]
            return [*enable, _audit(session, "seat.recovered", admin_code, {"slots_dropped": len(dropped)})]

        vault_change(session, rebind, steps)
        vault = seat.vault
        return [a.code for a in repo.all(include_inactive=False) if not vault.has_account(a.code)]
