"""What a call is made of, as the form and the services pass it around. No storage, no Qt."""

import json
import secrets
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime, timedelta

from desktop.clock import parse_iso

EDIT_WINDOW = timedelta(hours=24)
MAX_NOTES = 200_000
MAX_SUMMARY = 500
MAX_CITY = 40
MAX_KEYWORD = 20
MAX_KEYWORDS = 30
CASE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUICK_KINDS = ("silent", "hang_up", "wrong_number", "harassment")
RISK_LEVELS = ("none", "low", "moderate", "high", "imminent")


def new_case_code() -> str:
    chars = "".join(secrets.choice(CASE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


def normalize_case_code(text: str) -> str | None:
    """`k7q39m`, `K7Q 39M` or `K7Q-39M` → `K7Q-39M`; None when it cannot be a case code."""
    chars = "".join(c for c in unicodedata.normalize("NFKC", text or "").upper() if c.isalnum())
    if len(chars) != 6 or any(c not in CASE_ALPHABET for c in chars):
        return None
    return f"{chars[:3]}-{chars[3:]}"


def clean_text(text: str) -> str:
    """Drop control characters a paste may bring (keeping line breaks and tabs); keep emoji and CJK."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if text.replace("\n", "").replace("\t", "").isprintable():  # no control character at all (one C loop)
        return text
    return "".join(c for c in text if c in "\n\t" or not unicodedata.category(c).startswith("C") or c == "\u200d")


SAFETY_PLAN_FIELDS = ("warning_signs", "coping", "distractions", "helpers", "professionals", "environment")
LEAD_ON_SHIFT = "@lead"  # a follow-up owner: whoever leads the shift when it falls due


@dataclass
class RiskInput:
    """The assessment as the counselor left it: item answers and scales, and an override with its reason."""

    answers: dict = field(default_factory=dict)
    override_level: str | None = None
    override_reason: str = ""
    assessed_at: datetime | None = None


@dataclass
class CrisisActionInput:
    action: str
    at: datetime
    outcome: str | None = None


@dataclass
class ReferralInput:
    kind: str
    urgency: str = "routine"
    status: str = "suggested"
    resource_id: int | None = None


@dataclass
class FollowUpInput:
    due_at: datetime
    owner: str = LEAD_ON_SHIFT
    note: str = ""


def _times_to_json(value):
    """asdict() output with datetimes as ISO strings, recursively."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _times_to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_times_to_json(v) for v in value]
    return value


def _time(text):
    return parse_iso(text) if text else None


@dataclass
class CallInput:
    """What the call form holds; also the payload of a draft."""

    kind: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    age_band: str = "unknown"
    gender: str = "unknown"
    region: str = "unknown"
    city: str = ""
    first_call: bool | None = None
    case_code: str | None = None
    concerns: list[str] = field(default_factory=list)
    emotions: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    notes: str = ""

    risk: RiskInput | None = None
    crisis_actions: list[CrisisActionInput] = field(default_factory=list)
    referrals: list[ReferralInput] = field(default_factory=list)
    follow_ups: list[FollowUpInput] = field(default_factory=list)
    safety_plan: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(_times_to_json(asdict(self)), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "CallInput":
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["started_at"], data["ended_at"] = _time(data.get("started_at")), _time(data.get("ended_at"))
        if data.get("risk"):
            data["risk"] = RiskInput(**{**data["risk"], "assessed_at": _time(data["risk"].get("assessed_at"))})
        data["crisis_actions"] = [
            CrisisActionInput(**{**a, "at": _time(a["at"])}) for a in data.get("crisis_actions", [])
        ]
        data["referrals"] = [ReferralInput(**r) for r in data.get("referrals", [])]
        data["follow_ups"] = [FollowUpInput(**{**f, "due_at": _time(f["due_at"])}) for f in data.get("follow_ups", [])]
        return cls(**data)


def guarded_form(form: CallInput, choices=None) -> tuple[CallInput, Counter]:
    """The form with every free-text field (desktop.free_text.CALL_FIELDS) through the notes guard, and
    what was hidden, by kind, with "unticked" counting the possible names the counselor chose to keep.

    `choices` (a desktop.privacy.Choices) carries the counselor's choices of the save dialog: un-ticked
    possible names and text marked by hand, applied to every field. The call's save and its draft both use
    it, so marked text reaches neither. A keyword that held an identifier is dropped (a tag of placeholders
    says nothing)."""
    from desktop import free_text, privacy  # imported here to keep this module's imports light

    choices = choices or privacy.Choices()
    hidden = Counter()

    def guard(name: str, text: str) -> str:
        guarded = privacy.guard(clean_text(text), choices.keep, choices.marks)
        hidden.update(guarded.counts)
        if guarded.kept:
            hidden["unticked"] += guarded.kept
        return guarded.text if name == "notes" else guarded.text.strip()

    keywords = []
    for word in form.keywords:
        before = sum(hidden.values())
        text = guard("keywords", word)
        if text and sum(hidden.values()) == before and text not in keywords:
            keywords.append(text)
    guarded = free_text.map_form_texts(replace(form, keywords=[]), guard)
    return replace(guarded, keywords=keywords), hidden


_GUARDED = {"summary", "notes", "city", "keywords", "override_reason", "note", "safety_plan"}  # by guarded_form


def _codes_redacted(value):
    """`value` with every text that `guarded_form` leaves alone (the codes) through the redactor."""
    from desktop import privacy

    if isinstance(value, str):
        return privacy.redact(value)
    if isinstance(value, list):
        return [_codes_redacted(item) for item in value]
    if isinstance(value, dict):
        return {_codes_redacted(k) if isinstance(k, str) else k: _codes_redacted(v) for k, v in value.items()}
    if is_dataclass(value):
        changed = {f.name: _codes_redacted(getattr(value, f.name)) for f in fields(value) if f.name not in _GUARDED}
        return replace(value, **changed)
    return value


def guarded_draft(form: CallInput, choices=None) -> CallInput:
    """The form as a draft keeps it: `guarded_form`, and the code fields redacted too. A save refuses a code
    that is not one, but a draft keeps the form unchecked, so an identifier typed where a code belongs (the
    case code box) must not reach it either. Only drafts pay for this: on the save path codes are checked."""
    return _codes_redacted(guarded_form(form, choices)[0])


@dataclass(frozen=True)
class CallRow:
    """One line of the call list."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    counselor: str
    kind: str
    case_code: str | None
    concerns: tuple[str, ...]
    risk_level: str
    summary: str
    legal_hold: bool = False  # kept whole past the retention period (DESIGN.md §2.6)
    supervision_flag: bool = False  # a lead marked it for review (leads and admins see it)
    risk_assessed: bool = True  # False: saved without a risk assessment (its level reads "none" all the same)

    @property
    def duration_s(self) -> int | None:
        return int((self.ended_at - self.started_at).total_seconds()) if self.ended_at else None


@dataclass(frozen=True)
class Amendment:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class CallRecord:
    id: int
    counselor: str
    form: CallInput
    risk_level: str
    created_at: datetime
    updated_at: datetime
    amendments: tuple[Amendment, ...]
    editable: bool


@dataclass(frozen=True)
class SaveResult:
    call_id: int
    hidden: Counter


@dataclass(frozen=True)
class CaseVisit:
    call_id: int
    started_at: datetime
    concerns: tuple[str, ...]
    risk_level: str
    risk_assessed: bool = True


@dataclass(frozen=True)
class Draft:
    form: CallInput
    call_id: int | None
    saved_at: datetime


@dataclass
class CallFilter:
    mine_only: bool = False
    date_from: date | None = None
    date_to: date | None = None  # inclusive, seat days
    kind: str | None = None
    concern: str | None = None  # an item code, or a group code for every item of it
    risk_level: str | None = None
    follow_up_due: bool = False  # only calls with an open follow-up overdue or due within 12 hours
    text: str = ""
