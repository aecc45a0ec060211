"""What an expected failure means, in the UI's language. The core's English sentence stays as detail."""

from PySide6.QtCore import QCoreApplication

from desktop import errors


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def error_text(exc: Exception) -> str:
    """One sentence a counselor can act on, followed by the technical detail where it adds something."""
    if isinstance(exc, errors.WrongPassword):
        return (
            _tr("Wrong account or password.")
            if "disabled" not in str(exc)
            else _tr("This account is disabled on this seat; ask an admin.")
        )
    if isinstance(exc, errors.LoginDelayed):
        return _tr("Too many failed attempts; wait before trying again.")
    if isinstance(exc, errors.NotPermitted):
        return _tr("Your role does not allow this.") + "\n" + str(exc)
    if isinstance(exc, errors.KeyringError):
        return (
            _tr(
                "The system keyring cannot give this seat's device secret. Open the seat with the recovery code, "
                "or ask the admin."
            )
            + "\n"
            + str(exc)
        )
    if isinstance(exc, errors.DatabaseError):
        return _tr("The database cannot be used right now. Nothing was deleted.") + "\n" + str(exc)
    if isinstance(exc, errors.StorageError):
        return _tr("The disk refused the write; what was saved before is intact.") + "\n" + str(exc)
    if isinstance(exc, errors.VaultError):
        return _tr("The seat's key file is damaged or missing; ask the admin to restore it.") + "\n" + str(exc)
    if isinstance(exc, errors.SeatBusy):
        return _tr("Hotline Log is already running on this seat; use that window.")
    return str(exc)
