"""What an expected failure means, in the UI's language. The core's English sentence stays as detail.

The core (`desktop`) writes its messages in English without Qt; the constant ones that reach a person
are marked here with QT_TRANSLATE_NOOP so lupdate collects them, and `core_text` translates them at
display time (STYLE.md point 11).
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import errors

CORE_MESSAGES = (
    QT_TRANSLATE_NOOP("messages", "Choose the call kind."),
    QT_TRANSLATE_NOOP("messages", "The call has no start time: press Start call (F2) or enter the time."),
    QT_TRANSLATE_NOOP("messages", "The call ends before it starts: correct the end time."),
    QT_TRANSLATE_NOOP("messages", "A case code has six characters like K7Q-39M."),
    QT_TRANSLATE_NOOP("messages", "Notes are limited to 200,000 characters; shorten them."),
    QT_TRANSLATE_NOOP("messages", "The summary is limited to 500 characters."),
    QT_TRANSLATE_NOOP("messages", "The city is limited to 40 characters."),
    QT_TRANSLATE_NOOP("messages", "At most 30 keywords of up to 20 characters."),
    QT_TRANSLATE_NOOP("messages", "The amendment is empty."),
    QT_TRANSLATE_NOOP("messages", "A name must be 1–60 characters without control characters."),
    QT_TRANSLATE_NOOP("messages", "A password must have at least 8 characters."),
    QT_TRANSLATE_NOOP(
        "messages",
        "A staff code has 1–16 letters, digits, '.', '_' or '-', and starts with a letter or digit.",
    ),
    QT_TRANSLATE_NOOP("messages", "Counselors can open their own calls and those of the current shift only."),
    QT_TRANSLATE_NOOP(
        "messages",
        "This call can no longer be edited (24 hours have passed, or it is not yours); add an amendment.",
    ),
    QT_TRANSLATE_NOOP("messages", "The planned end of the shift must be later than now."),
    QT_TRANSLATE_NOOP("messages", "A shift is planned for at most 24 hours; choose an earlier end."),
    QT_TRANSLATE_NOOP("messages", "No shift is open on this seat."),
    QT_TRANSLATE_NOOP("messages", "The supervision note is empty."),
    QT_TRANSLATE_NOOP("messages", "A break is 5–60 minutes and a run 30–480 minutes."),
    # why the system keyring cannot be used (desktop/vault/device.py)
    QT_TRANSLATE_NOOP("messages", "no keyring backend is available"),
    QT_TRANSLATE_NOOP("messages", "the keyring is switched off (null backend)"),
    QT_TRANSLATE_NOOP("messages", "the only keyring keeps secrets in a plain file"),
)


def core_text(text: str) -> str:
    """A core message in the UI's language (itself when it has no translation)."""
    return QCoreApplication.translate("messages", text)


def error_text(exc: Exception) -> str:
    """One sentence a counselor can act on, followed by the technical detail where it adds something."""
    if isinstance(exc, errors.WrongPassword):
        if isinstance(exc, errors.AccountDisabled):  # by type, never by the English text
            return QCoreApplication.translate("messages", "This account is disabled on this seat; ask an admin.")
        return QCoreApplication.translate("messages", "Wrong account or password.")
    if isinstance(exc, errors.LoginDelayed):
        return QCoreApplication.translate("messages", "Too many failed attempts; wait before trying again.")
    if isinstance(exc, errors.NotPermitted):
        return QCoreApplication.translate("messages", "Your role does not allow this.") + "\n" + core_text(str(exc))
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
    if isinstance(exc, errors.DatabaseBusy):
        return QCoreApplication.translate(
            "messages",
            "The database is busy with another task (such as the nightly clean-up or an import). Nothing was lost: "
            "what you typed stays on screen. Try again in a moment.",
        )
    if isinstance(exc, errors.DatabaseError):
        text = QCoreApplication.translate("messages", "The database cannot be used right now. Nothing was deleted.")
        return text + "\n" + str(exc)
    if isinstance(exc, errors.StorageError):
        text = QCoreApplication.translate("messages", "The disk refused the write; what was saved before is intact.")
        return text + "\n" + str(exc)
    if isinstance(exc, errors.VaultError):
        text = QCoreApplication.translate(
            "messages", "The seat's key file is damaged or missing; ask the admin to restore it."
        )
        return text + "\n" + str(exc)
    if isinstance(exc, errors.SeatBusy):
        return QCoreApplication.translate("messages", "Hotline Log is already running on this seat; use that window.")
    return core_text(str(exc))
