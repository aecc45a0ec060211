"""Failures a person can act on. Each carries the exit status of DESIGN.md §9, one clear English sentence
for the command line, and a stable `code` with its `params` for the window.

The window never reads the English sentence to decide anything, nor shows it as the message: it says each
code in its own words (ui/error_texts.py, in Chinese and English). A kind the window tells by its type (a
wrong password, a full disk …) has its code on the class; every other failure is raised with
`code="…"` and the values its sentence names as keyword parameters, e.g.
`BadInput(f"An account {code!r} already exists.", code="account.exists", account=code)`. A test
(tests/test_error_codes.py) reads every raise of the core and fails on one without a code the window knows.
No message or parameter ever holds a password, key, recovery code or note text.
"""

BAD_INPUT = 2
FAILURE = 1


class HotlineError(Exception):
    """An expected failure with a message meant for the person in front of the seat."""

    exit_code = FAILURE
    code = ""  # on the class: a kind the window tells by its type; else given at the raise

    def __init__(self, message: str = "", *, code: str = "", **params):
        super().__init__(message)
        if code:
            self.code = code
        self.params = params


class BadInput(HotlineError):
    """What was typed or passed is wrong; fixing it and trying again will work."""

    exit_code = BAD_INPUT


class NotAnAdmin(BadInput):
    """The staff code given for an admin's work (recovery) is not an admin account of the seat."""


class WrongPassword(BadInput):
    code = "login.wrong_password"


class AccountDisabled(WrongPassword):
    """The password was right but the account is disabled on this seat (an admin can enable it)."""

    code = "login.account_disabled"


class WrongRecoveryCode(BadInput):
    code = "login.wrong_recovery_code"


class LoginDelayed(BadInput):
    """Too many failed log-ins: the next try must wait."""

    code = "login.delayed"

    def __init__(self, seconds_left: float):
        self.seconds_left = max(1, round(seconds_left))
        super().__init__(
            f"Too many failed log-ins for this account: wait {self.seconds_left} s before trying again.",
            seconds=self.seconds_left,
        )


class NotPermitted(BadInput):
    """The logged-in role may not do this."""


class SeatMissing(BadInput):
    pass


class SeatExists(BadInput):
    pass


class SeatBusy(HotlineError):
    """Another Hotline Log already works on this data folder."""

    code = "seat.busy"


class VaultError(HotlineError):
    """The vault file is missing, damaged, or from a newer version of the program."""

    code = "vault"


class SlotDamaged(VaultError):
    """One key slot of the vault is not as it was written (desktop/vault/slot_check.py): its password was not
    tried and no failure was counted. Its owner gets a new password from an admin or through the recovery code."""

    code = "vault.slot_damaged"


class KeyringError(HotlineError):
    """The device secret the vault needs cannot be read from the system keyring."""

    code = "keyring"


class KeyringRequired(KeyringError):
    """The seat is set to refuse logging in without a usable system keyring, and none is usable now."""

    code = "keyring.required"


class DatabaseError(HotlineError):
    """The database cannot be opened or is damaged. Nothing is ever deleted or recreated because of it."""

    code = "database"


class StorageError(HotlineError):
    """The disk or the folder refused a read or a write: nothing says the seat's files are damaged, and what was
    saved before is intact. Never a reason to restore a backup (the windows offer no restore for it).

    `folder` is the folder the message is about, `mount` the mount point of its disk (for "free space on …");
    the subclasses say what kind of refusal it was (desktop/storage.py decides which)."""

    code = "storage"

    def __init__(self, message: str, folder=None, mount=None, **coded):
        super().__init__(message, **coded)
        self.folder = folder
        self.mount = mount


class DiskFull(StorageError):
    """No space left (ENOSPC, a quota, SQLITE_FULL, or an I/O error on a disk with no room left)."""

    code = "storage.full"


class ReadOnlyStorage(StorageError):
    """The disk holding the folder is mounted read-only (EROFS, SQLITE_READONLY on such a disk)."""

    code = "storage.read_only"


class NoPermission(StorageError):
    """This user may not read or write the file or folder (EACCES, EPERM, SQLITE_PERM, SQLITE_CANTOPEN)."""

    code = "storage.no_permission"


class FileLocked(StorageError):
    """Another program holds a lock on the file (EBUSY, a Windows sharing violation, SQLITE_BUSY at open)."""

    code = "storage.locked"


class DiskIOError(StorageError):
    """The disk reported an input/output error that no full disk, read-only mount or permission explains."""

    code = "storage.io"


class DatabaseBusy(FileLocked):
    """Another connection (the nightly clean-up, an import, a backup) holds the write lock; try again soon."""

    code = "database.busy"


class SeatRolledBack(HotlineError):
    """The vault, the database or the audit log is older than what the seat recorded elsewhere, or was cut
    short or rewritten: log-in is refused, nothing is changed, and the message names each finding."""

    code = "seat.rolled_back"

    def __init__(self, message: str, findings: list, **coded):
        super().__init__(message, **coded)
        self.findings = findings


class WritingStopped(DatabaseError):
    """Nothing more is written to the seat's database by this program: it was found damaged, or its files were
    removed or replaced under the program. `path` is the file concerned; what was saved before is not touched."""

    code = "database.stopped"

    def __init__(self, message: str, path, **coded):
        super().__init__(message, **coded)
        self.path = path

    def again(self) -> "WritingStopped":
        """A fresh exception saying the same, for the next write that is refused."""
        fresh = BaseException.__new__(type(self), *self.args)
        fresh.__dict__.update(self.__dict__)
        return fresh


class SeatDamaged(WritingStopped):
    """The integrity check found damaged pages (`pages`), or damage not tied to a page (`detail`)."""

    code = "database.damaged"

    def __init__(self, message: str, path, pages: tuple[int, ...] = (), detail: str = "", **coded):
        super().__init__(message, path, **coded)
        self.pages = tuple(pages)
        self.detail = detail


class SeatFilesChanged(WritingStopped):
    """The database file or its write-ahead log was removed or replaced while the program had it open."""

    code = "database.files_changed"
