"""The one place where the window says a core failure in its own words: code + parameters → a tr() string.

Every failure the core raises carries a stable `code` and the values its sentence names as `params`
(desktop/errors.py). `ERRORS` maps each code given at a raise to a sentence marked for translation, with
`{name}` where a parameter goes; `coded_text` fills it in the UI's language. A kind the window tells by its
type (a wrong password, a full disk …) has its code on the class and its words in ui/messages.py. The
English sentence of the core is never matched or shown as the message; for the few codes in `WITH_DETAIL`
it follows as technical detail, and a `lines` parameter (the wrong lines or fields of a file, in the file's
own field names) follows one a line.
tests/test_error_codes.py checks that every code raised in the core is here (or told by its type) and that
each sentence names only parameters the raise gives.
"""

import string
from pathlib import PurePath

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.errors import HotlineError

CONTEXT = "errors"

ERRORS = {
    # accounts
    "account.unknown": QT_TRANSLATE_NOOP("errors", "There is no account {account} on this seat."),
    "account.exists": QT_TRANSLATE_NOOP("errors", "An account {account} already exists."),
    "account.last_admin_disable": QT_TRANSLATE_NOOP(
        "errors", "{account} is the last active admin and cannot be disabled; make another admin first."
    ),
    "account.last_admin_role": QT_TRANSLATE_NOOP(
        "errors", "{account} is the last active admin; make another admin before changing this role."
    ),
    "account.disabled_enable_instead": QT_TRANSLATE_NOOP(
        "errors", "{account} is disabled; enable it with a new password instead."
    ),
    "account.recovery_session": QT_TRANSLATE_NOOP(
        "errors", "The seat was opened with the recovery code; log in with your account first."
    ),
    "account.admin_only_passwords": QT_TRANSLATE_NOOP(
        "errors", "Only an admin may see which accounts need a password."
    ),
    "account.not_admin": QT_TRANSLATE_NOOP("errors", "{account} is not an admin account of this seat."),
    "account.bad_code": QT_TRANSLATE_NOOP(
        "errors", "A staff code has 1–16 letters, digits, '.', '_' or '-', and starts with a letter or digit."
    ),
    "account.bad_name": QT_TRANSLATE_NOOP("errors", "A name must be 1–60 characters without control characters."),
    "account.short_password": QT_TRANSLATE_NOOP("errors", "A password must have at least {minimum} characters."),
    "account.unknown_role": QT_TRANSLATE_NOOP("errors", "Unknown role {role}."),
    "role.not_allowed": QT_TRANSLATE_NOOP("errors", "Your role ({role}) does not allow this."),
    # the seat, its files, backups
    "seat.accept_admin_only": QT_TRANSLATE_NOOP(
        "errors", "Only an admin may accept the seat's files as they are; nothing was changed."
    ),
    "seat.exists": QT_TRANSLATE_NOOP("errors", "A seat already exists in {folder}; nothing was changed."),
    "seat.missing": QT_TRANSLATE_NOOP("errors", "No seat is set up in {folder}."),
    "database.bad_key": QT_TRANSLATE_NOOP("errors", "The database key must be 32 bytes (64 hexadecimal characters)."),
    "backup.not_a_backup": QT_TRANSLATE_NOOP("errors", "{file} is not a Hotline Log backup (or it is damaged)."),
    "backup.target_is_folder": QT_TRANSLATE_NOOP("errors", "{file} is a folder; give the backup a file name."),
    "backup.folder_missing": QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."),
    "backup.too_new": QT_TRANSLATE_NOOP(
        "errors", "{file} was written by a newer Hotline Log; install that version to restore it."
    ),
    "backup.damaged": QT_TRANSLATE_NOOP("errors", "The backup {file} is damaged; nothing was restored from it."),
    "backup.missing": QT_TRANSLATE_NOOP("errors", "The backup file {file} does not exist."),
    "restore.login_needed": QT_TRANSLATE_NOOP(
        "errors", "Restoring needs a staff code and password of the backed-up seat, or its recovery code."
    ),
    "restore.seat_exists": QT_TRANSLATE_NOOP(
        "errors", "A seat already exists in {folder}; confirm replacing it (it will be kept in {kept})."
    ),
    "restore.admin_only": QT_TRANSLATE_NOOP(
        "errors",
        "Only an admin of the backed-up seat may restore it; use an admin's staff code and password, or the "
        "recovery code.",
    ),
    # calls
    "call.not_valid": QT_TRANSLATE_NOOP("errors", "The call cannot be saved yet:"),
    "call.kind_missing": QT_TRANSLATE_NOOP("errors", "Choose the call kind."),
    "call.unknown_code": QT_TRANSLATE_NOOP("errors", "Unknown code {value}."),
    "call.start_missing": QT_TRANSLATE_NOOP(
        "errors", "The call has no start time: press Start call (F2) or enter the time."
    ),
    "call.ends_before_start": QT_TRANSLATE_NOOP("errors", "The call ends before it starts: correct the end time."),
    "call.bad_case_code": QT_TRANSLATE_NOOP(
        "errors", "A case code has six characters from 2–9 and A–Z, written as XXX-XXX."
    ),
    "call.notes_too_long": QT_TRANSLATE_NOOP("errors", "Notes are limited to {limit} characters; shorten them."),
    "call.summary_too_long": QT_TRANSLATE_NOOP("errors", "The summary is limited to {limit} characters."),
    "call.city_too_long": QT_TRANSLATE_NOOP("errors", "The city is limited to {limit} characters."),
    "call.too_many_keywords": QT_TRANSLATE_NOOP("errors", "At most {count} keywords of up to {limit} characters."),
    "call.unknown": QT_TRANSLATE_NOOP("errors", "There is no call {call}."),
    "call.not_visible": QT_TRANSLATE_NOOP(
        "errors", "Counselors can open their own calls and those of the current shift only."
    ),
    "call.not_editable": QT_TRANSLATE_NOOP(
        "errors", "This call can no longer be edited (24 hours have passed, or it is not yours); add an amendment."
    ),
    "amendment.empty": QT_TRANSLATE_NOOP("errors", "The amendment is empty."),
    "amendment.too_long": QT_TRANSLATE_NOOP("errors", "An amendment is limited to {limit} characters."),
    "risk.not_valid": QT_TRANSLATE_NOOP("errors", "The risk assessment is not valid."),
    "risk.unknown_level": QT_TRANSLATE_NOOP("errors", "Unknown risk level."),
    "risk.reason_missing": QT_TRANSLATE_NOOP("errors", "Give a reason for changing the computed risk level."),
    "crisis.unknown_action": QT_TRANSLATE_NOOP("errors", "Unknown crisis action."),
    "crisis.unknown_outcome": QT_TRANSLATE_NOOP("errors", "Unknown crisis outcome."),
    "crisis.before_start": QT_TRANSLATE_NOOP(
        "errors", "A crisis action is timed before the call started: correct its time."
    ),
    "crisis.imminent_needs_action": QT_TRANSLATE_NOOP(
        "errors", "An imminent-risk call needs at least one crisis action with its outcome before saving."
    ),
    "referral.unknown_code": QT_TRANSLATE_NOOP("errors", "A referral has an unknown kind, urgency or status."),
    "referral.unknown_status": QT_TRANSLATE_NOOP("errors", "Unknown referral status."),
    "referral.not_yours": QT_TRANSLATE_NOOP("errors", "Only the call's counselor or a lead can change this referral."),
    "referral.unknown": QT_TRANSLATE_NOOP("errors", "There is no such referral."),
    "follow_up.unknown_owner": QT_TRANSLATE_NOOP("errors", "A follow-up is owned by someone who has no account here."),
    "follow_up.note_too_long": QT_TRANSLATE_NOOP("errors", "A follow-up note is limited to {limit} characters."),
    "follow_up.outcome_missing": QT_TRANSLATE_NOOP("errors", "Say what came of the follow-up."),
    "follow_up.not_yours": QT_TRANSLATE_NOOP(
        "errors", "Only the follow-up's owner, the call's counselor or a lead can close it."
    ),
    "follow_up.gone": QT_TRANSLATE_NOOP("errors", "This follow-up is already done or does not exist."),
    "safety_plan.too_long": QT_TRANSLATE_NOOP("errors", "Each safety-plan section is limited to {limit} characters."),
    "supervision.empty": QT_TRANSLATE_NOOP("errors", "The supervision note is empty."),
    "supervision.too_long": QT_TRANSLATE_NOOP(
        "errors", "The supervision note is {length} characters; keep it under {limit}."
    ),
    # shifts, settings
    "shift.unknown": QT_TRANSLATE_NOOP("errors", "There is no shift {shift} on this seat."),
    "shift.end_in_past": QT_TRANSLATE_NOOP("errors", "The planned end of the shift must be later than now."),
    "shift.too_long": QT_TRANSLATE_NOOP(
        "errors", "A shift is planned for at most {hours} hours; choose an earlier end."
    ),
    "shift.note_too_long": QT_TRANSLATE_NOOP(
        "errors", "The handover note is {length} characters; keep it under {limit}."
    ),
    "shift.none_open": QT_TRANSLATE_NOOP("errors", "No shift is open on this seat."),
    "shift.still_open": QT_TRANSLATE_NOOP("errors", "The shift led by {lead} is still open; close it first."),
    "shift.automatic_no_duty": QT_TRANSLATE_NOOP(
        "errors", "An automatic shift has no duty list; open a shift to record who is on duty."
    ),
    "lock.call_limit_range": QT_TRANSLATE_NOOP(
        "errors", "The lock during a call comes after {low}–{high} quiet minutes."
    ),
    "retention.whole_days": QT_TRANSLATE_NOOP("errors", "The retention period is a whole number of days."),
    "retention.too_short": QT_TRANSLATE_NOOP(
        "errors", "The retention period must be at least {minimum} days (3 years, the hotline guideline's minimum)."
    ),
    "wellbeing.range": QT_TRANSLATE_NOOP("errors", "A break is 5–60 minutes and a run 30–480 minutes."),
    "window.from_after_to": QT_TRANSLATE_NOOP("errors", "The start date is after the end date."),
    "window.unknown_preset": QT_TRANSLATE_NOOP("errors", "Unknown time window."),
    # files brought in: the wrong lines follow, in the file's own field names (the `lines` parameter)
    "import.bad_lines": QT_TRANSLATE_NOOP("errors", "{count} line(s) of the file are wrong; nothing was imported."),
    "import.file_missing": QT_TRANSLATE_NOOP("errors", "The file {file} does not exist."),
    "import.not_a_file": QT_TRANSLATE_NOOP("errors", "{file} is not a file; choose the JSON Lines file to import."),
    "import.empty": QT_TRANSLATE_NOOP("errors", "The file {file} holds no calls."),
    "import.unreadable": QT_TRANSLATE_NOOP("errors", "The file {file} cannot be read."),
    "directory.bad_lines": QT_TRANSLATE_NOOP("errors", "{count} line(s) of the file are wrong; nothing was imported."),
    "directory.unknown_entry": QT_TRANSLATE_NOOP("errors", "There is no directory entry {entry}."),
    "directory.entry_invalid": QT_TRANSLATE_NOOP("errors", "This directory entry cannot be saved."),
    "directory.entry_unknown_fields": QT_TRANSLATE_NOOP(
        "errors", "It has fields this program does not know: {fields}."
    ),
    "directory.entry_not_text": QT_TRANSLATE_NOOP("errors", "The field {field} must be text."),
    "directory.entry_example": QT_TRANSLATE_NOOP("errors", "'example' must be true or false."),
    "directory.entry_no_name": QT_TRANSLATE_NOOP("errors", "The name is missing."),
    "directory.entry_no_kind": QT_TRANSLATE_NOOP("errors", "The kind of service is missing."),
    "directory.entry_unknown_kind": QT_TRANSLATE_NOOP("errors", "The kind {kind} is not one this program knows."),
    "directory.entry_unknown_region": QT_TRANSLATE_NOOP(
        "errors", "The region {region} is not known: choose 全国 or a province."
    ),
    "directory.entry_phone": QT_TRANSLATE_NOOP(
        "errors", "The phone number may hold only digits, spaces, '+', '-' and parentheses."
    ),
    "directory.entry_too_long": QT_TRANSLATE_NOOP("errors", "The {field} is longer than {limit} characters."),
    "directory.duplicate": QT_TRANSLATE_NOOP(
        "errors", "Directory entry {entry} already has this name, kind, region and phone number."
    ),
    "directory.unknown_fields": QT_TRANSLATE_NOOP("errors", "A directory entry has fields this program does not know."),
    "directory.not_utf8": QT_TRANSLATE_NOOP("errors", "The file is not UTF-8 text; nothing was imported."),
}

# Codes whose English sentence follows as technical detail (what exactly is wrong inside a file).
WITH_DETAIL = frozenset({"backup.damaged", "risk.not_valid"})


class _Keep(dict):
    def __missing__(self, key: str) -> str:  # a parameter the raise did not give stays visible, never fails
        return "{" + key + "}"


def shown(name: str, value) -> str:
    """A parameter as the window shows it: numbers with separators, roles by their name, paths as written."""
    if name == "role":
        from ui.accounts_model import role_name

        return role_name(str(value))
    if name == "field":
        fields = {
            "name": QCoreApplication.translate("errors", "name"),
            "kind": QCoreApplication.translate("errors", "kind"),
            "region": QCoreApplication.translate("errors", "region"),
            "phone": QCoreApplication.translate("errors", "phone"),
            "hours": QCoreApplication.translate("errors", "hours"),
            "notes": QCoreApplication.translate("errors", "notes"),
        }
        return fields.get(str(value), str(value))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, PurePath):
        return str(value)
    return str(value)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def coded_text(exc: HotlineError) -> str | None:
    """The sentence for `exc`'s code in the UI's language with its parameters, or None when the code is not
    in `ERRORS` (a kind told by its type, ui/messages.py)."""
    template = ERRORS.get(getattr(exc, "code", ""))
    if template is None:
        return None
    params = getattr(exc, "params", {})
    text = QCoreApplication.translate(CONTEXT, template)
    text = text.format_map(_Keep({k: shown(k, v) for k, v in params.items() if k not in ("problems", "lines")}))
    problems = params.get("problems")
    if problems:  # a form with several problems: each in its own words, one a line
        text += "\n" + "\n".join(coded_text(p) or str(p) for p in problems)
    lines = params.get("lines")
    if lines:  # the wrong lines or fields of a file, as the file names them, one a line
        text += "\n" + "\n".join(str(line) for line in lines)
        left = params.get("count", len(lines)) - len(lines)
        if left > 0:
            text += "\n" + QCoreApplication.translate("errors", "… and %1 more").replace("%1", f"{left:,}")
    if exc.code in WITH_DETAIL:
        text += "\n" + str(exc)
    return text
