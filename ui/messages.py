"""What an expected failure means, in the UI's language.

A failure with a code given at its raise is said by ui/error_texts.py; the kinds told by their type (their
code is on the class: a wrong password, a full disk, a damaged database …) are said here, some with the
core's sentence beneath as technical detail (the file or disk concerned). Nothing here reads the English
sentence to decide what it means.
"""

import logging

from PySide6.QtCore import QCoreApplication

from desktop import errors
from ui.error_texts import coded_text

log = logging.getLogger(__name__)

PROGRAM_FILES = ("program.bundle", "program.directory_seed", "program.risk_table", "program.taxonomy")


class _Kept(dict):
    def __missing__(self, key: str) -> str:  # a parameter the raise did not give stays visible
        return "{" + key + "}"


def core_text(text: str) -> str:
    """A constant sentence of the core in the UI's language, by its text: only for the centre's status detail,
    whose words are marked where it shows them (the centre's errors are not coded yet)."""
    return QCoreApplication.translate("messages", text)


def _line_texts() -> dict[str, str]:
    """The centre's line (desktop/center/line_base.py), told by the code on each class, with its parameters."""
    return {
        "line": QCoreApplication.translate(
            "messages", "The centre could not do this now; this seat's own work goes on."
        ),
        "center_needed": QCoreApplication.translate(
            "messages",
            "The centre cannot be reached now, so this cannot be done; this seat's own work goes on. Try again "
            "when the status bar says the seat is in sync with the centre.",
        ),
        "center_too_old": QCoreApplication.translate(
            "messages",
            "The centre has not been updated for the line yet: its admin runs `main.py center init` once with the "
            "superuser's DSN. Until then this seat syncs as before.",
        ),
        "shift_already_open": QCoreApplication.translate(
            "messages", "The centre's shift led by {lead} (opened at {seat}) is already open; close it first."
        ),
        "no_center_shift": QCoreApplication.translate(
            "messages", "No centre shift is open, or the one asked for does not exist."
        ),
        "follow_up_unknown": QCoreApplication.translate(
            "messages", "The centre does not know this follow-up (it may have been withdrawn); refresh the list."
        ),
        "follow_up_done": QCoreApplication.translate(
            "messages", "This follow-up was already closed, perhaps at another seat; refresh the list."
        ),
    }


def error_text(exc: Exception) -> str:
    """One sentence a counselor can act on, followed by the technical detail where it adds something."""
    coded = coded_text(exc) if isinstance(exc, errors.HotlineError) else None
    if coded is not None:
        return coded
    line = _line_texts().get(getattr(exc, "code", "") or "")
    if line is not None:
        params = {k: str(v) for k, v in (getattr(exc, "params", None) or {}).items()}
        return line.format_map(_Kept(params))
    if isinstance(exc, errors.WrongRecoveryCode):
        return QCoreApplication.translate(
            "messages", "Wrong recovery code: check it against the printed sheet (24 characters in groups of 4)."
        )
    if getattr(exc, "code", "") in PROGRAM_FILES:
        text = QCoreApplication.translate(
            "messages",
            "A file Hotline Log is installed with is missing or damaged. Install Hotline Log again, or ask the admin.",
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.WrongPassword):
        if isinstance(exc, errors.AccountDisabled):  # by type, never by the English text
            return QCoreApplication.translate("messages", "This account is disabled on this seat; ask an admin.")
        return QCoreApplication.translate("messages", "Wrong account or password.")
    if isinstance(exc, errors.LoginDelayed):
        return QCoreApplication.translate("messages", "Too many failed attempts; wait before trying again.")
    if isinstance(exc, errors.KeyringRequired):
        return QCoreApplication.translate(
            "messages",
            "This seat is set to work only with the system keyring, and the keyring cannot be used on this "
            "computer now. Log in to the desktop session (or start its keyring service), then try again; the "
            "recovery code does not get round this. If the keyring is gone for good, ask the admin.",
        )
    if isinstance(exc, errors.KeyringError):
        return (
            QCoreApplication.translate(
                "messages",
                "The system keyring cannot give this seat's device secret. Open the seat with the recovery code, "
                "or ask the admin.",
            )
            + "\n"
            + str(exc)
        )
    if isinstance(exc, errors.SeatRolledBack):
        return (
            QCoreApplication.translate(
                "messages",
                "This seat's files are older than what it recorded, or its audit log was cut short or rewritten, so "
                "nobody can log in. Nothing was changed. An admin restores the newest backup (Restore a backup… "
                "below), or, if the files were put back on purpose, accepts them with `main.py accept-state`.",
            )
            + "\n"
            + "\n".join(str(finding) for finding in exc.findings)
        )
    if isinstance(exc, errors.StorageError) and not isinstance(exc, errors.DatabaseBusy):
        return storage_text(exc) + "\n" + str(exc)
    if isinstance(exc, errors.SeatDamaged):
        text = QCoreApplication.translate(
            "messages",
            "This seat's database is damaged, so nothing more is written to it. Ask the admin to run "
            "“python main.py verify” and to restore the last backup.",
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.SeatFilesChanged):
        text = QCoreApplication.translate(
            "messages",
            "The database's files were removed or replaced while Hotline Log was running, so nothing more is "
            "written to them. Close Hotline Log and start it again.",
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.DatabaseBusy):
        return QCoreApplication.translate(
            "messages",
            "The database is busy with another task (such as the nightly clean-up or an import). Nothing was lost: "
            "what you typed stays on screen. Try again in a moment.",
        )
    if isinstance(exc, errors.DatabaseError):
        text = QCoreApplication.translate("messages", "The database cannot be used right now. Nothing was deleted.")
        return text + "\n" + str(exc)
    if isinstance(exc, errors.SlotDamaged):
        text = QCoreApplication.translate(
            "messages",
            "This account's key slot in the vault is damaged, so the password could not be tried (no failed attempt "
            "was counted). An admin can set a new password for it; an admin's own account gets one with the "
            "recovery code (Forgot the admin password…), or the admin restores the last backup.",
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.VaultError):
        text = QCoreApplication.translate(
            "messages", "The seat's key file is damaged or missing; ask the admin to restore it."
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.SeatBusy):
        return QCoreApplication.translate("messages", "Hotline Log is already running on this seat; use that window.")
    # A failure without a code the window knows (tests/test_error_codes.py keeps the core's from getting here).
    log.warning("a failure without a known code reached the window (%s)", type(exc).__name__)
    return QCoreApplication.translate("messages", "This could not be done.") + "\n" + str(exc)


def storage_text(exc: errors.StorageError, warn_off_restore: bool = True) -> str:
    """What to do when the disk or the folder refused (desktop/storage.py): never a restore, which would not help
    and would replace a seat that is whole (`warn_off_restore` False where a restore is what met the refusal)."""
    where = str(exc.mount or exc.folder or "")
    not_damaged = QCoreApplication.translate(
        "messages", "The seat's files are not damaged and nothing saved was lost: do not restore a backup for this."
    )
    if isinstance(exc, errors.DiskFull):
        text = QCoreApplication.translate("messages", "The disk is full. Free space on %1, then try again.")
    elif isinstance(exc, errors.ReadOnlyStorage):
        text = QCoreApplication.translate(
            "messages",
            "The disk %1 is read-only, so the folder %2 cannot be written. Make it writable again, then try again.",
        ).replace("%2", str(exc.folder or ""))
    elif isinstance(exc, errors.NoPermission):
        where = str(exc.folder or where)
        text = QCoreApplication.translate(
            "messages",
            "This computer account may not use the folder %1. Ask the admin to give it access, then try again.",
        )
    elif isinstance(exc, errors.FileLocked):
        text = QCoreApplication.translate(
            "messages", "Another program holds the file locked. Close it or wait a moment, then try again."
        )
    elif isinstance(exc, errors.DiskIOError):
        return QCoreApplication.translate(
            "messages",
            "The disk %1 reported a read or write error; it may be failing. Tell the admin, and copy the seat's folder "
            "to another disk if you can. Do not restore a backup onto this disk.",
        ).replace("%1", where)
    else:
        text = QCoreApplication.translate(
            "messages", "The disk refused to read or write a file. Check the disk and the folder, then try again."
        )
    text = text.replace("%1", where)
    if not warn_off_restore:
        return text
    return text + ("" if text.endswith("。") else " ") + not_damaged  # no space after a Chinese full stop
