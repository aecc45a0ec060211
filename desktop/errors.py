"""Failures a person can act on. Each carries the exit status of DESIGN.md §9 and one clear sentence.

Messages are written in English and translated at display time by the UI; the command line prints
them as they are. No message ever holds a password, key, recovery code or note text.
"""

BAD_INPUT = 2
FAILURE = 1


class HotlineError(Exception):
    """An expected failure with a message meant for the person in front of the seat."""

    exit_code = FAILURE


class BadInput(HotlineError):
    """What was typed or passed is wrong; fixing it and trying again will work."""

    exit_code = BAD_INPUT


class NotAnAdmin(BadInput):
    """The staff code given for an admin's work (recovery) is not an admin account of the seat."""


class WrongPassword(BadInput):
    pass


class AccountDisabled(WrongPassword):
    """The password was right but the account is disabled on this seat (an admin can enable it)."""


class WrongRecoveryCode(BadInput):
    pass


class LoginDelayed(BadInput):
    """Too many failed log-ins: the next try must wait."""

    def __init__(self, seconds_left: float):
        self.seconds_left = max(1, round(seconds_left))
        super().__init__(f"Too many failed log-ins for this account: wait {self.seconds_left} s before trying again.")


class NotPermitted(BadInput):
    """The logged-in role may not do this."""


class SeatMissing(BadInput):
    pass


class SeatExists(BadInput):
    pass


class SeatBusy(HotlineError):
    """Another Hotline Log already works on this data folder."""


class VaultError(HotlineError):
    """The vault file is missing, damaged, or from a newer version of the program."""


class SlotDamaged(VaultError):
    """One key slot of the vault is not as it was written (desktop/vault/slot_check.py): its password was not
    tried and no failure was counted. Its owner gets a new password from an admin or through the recovery code."""


class KeyringError(HotlineError):
    """The device secret the vault needs cannot be read from the system keyring."""


class KeyringRequired(KeyringError):
    """The seat is set to refuse logging in without a usable system keyring, and none is usable now."""


class DatabaseError(HotlineError):
    """The database cannot be opened or is damaged. Nothing is ever deleted or recreated because of it."""


class StorageError(HotlineError):
    """The disk or the folder refused a read or a write: nothing says the seat's files are damaged, and what was
    saved before is intact. Never a reason to restore a backup (the windows offer no restore for it).

    `folder` is the folder the message is about, `mount` the mount point of its disk (for "free space on …");
    the subclasses say what kind of refusal it was (desktop/storage.py decides which)."""

    def __init__(self, message: str, folder=None, mount=None):
        super().__init__(message)
        self.folder = folder
        self.mount = mount


class DiskFull(StorageError):
    """No space left (ENOSPC, a quota, SQLITE_FULL, or an I/O error on a disk with no room left)."""


class ReadOnlyStorage(StorageError):
    """The disk holding the folder is mounted read-only (EROFS, SQLITE_READONLY on such a disk)."""


class NoPermission(StorageError):
    """This user may not read or write the file or folder (EACCES, EPERM, SQLITE_PERM, SQLITE_CANTOPEN)."""


class FileLocked(StorageError):
    """Another program holds a lock on the file (EBUSY, a Windows sharing violation, SQLITE_BUSY at open)."""


class DiskIOError(StorageError):
    """The disk reported an input/output error that no full disk, read-only mount or permission explains."""


class DatabaseBusy(FileLocked):
    """Another connection (the nightly clean-up, an import, a backup) holds the write lock; try again soon."""


class SeatRolledBack(HotlineError):
    """The vault, the database or the audit log is older than what the seat recorded elsewhere, or was cut
    short or rewritten: log-in is refused, nothing is changed, and the message names each finding."""

    def __init__(self, message: str, findings: list):
        super().__init__(message)
        self.findings = findings


class WritingStopped(DatabaseError):
    """Nothing more is written to the seat's database by this program: it was found damaged, or its files were
    removed or replaced under the program. `path` is the file concerned; what was saved before is not touched."""

    def __init__(self, message: str, path):
        super().__init__(message)
        self.path = path

    def again(self) -> "WritingStopped":
        """A fresh exception saying the same, for the next write that is refused."""
        fresh = BaseException.__new__(type(self), *self.args)
        fresh.__dict__.update(self.__dict__)
        return fresh


class SeatDamaged(WritingStopped):
    """The integrity check found damaged pages (`pages`), or damage not tied to a page (`detail`)."""

    def __init__(self, message: str, path, pages: tuple[int, ...] = (), detail: str = ""):
        super().__init__(message, path)
        self.pages = tuple(pages)
        self.detail = detail


class SeatFilesChanged(WritingStopped):
    """The database file or its write-ahead log was removed or replaced while the program had it open."""
