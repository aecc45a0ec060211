"""One line of the exchange format (DESIGN.md §9) read and checked to the last field.

A line is refused, never repaired: whatever is wrong is named by its field (`crisis_actions[0].outcome`)
and said in words. Everything the format does not know is refused at every level, because a field that
is silently dropped may hold what the seat must never store (an address, a phone number). The checks:

- the line is UTF-8 JSON text holding one object, without a byte-order mark, not empty, not nested
  deeper than Python can read, without NaN or Infinity, without a key written twice, without a number
  of more than `MAX_DIGITS` digits;
- every value has the type its field needs (a number is not text, true is not a number);
- every text is valid Unicode (no lone surrogate) and within its length;
- a staff code follows the account rule (`desktop.seat.check_staff_code`) and does not look like an
  identifier (`desktop.privacy.find_identifiers`: a mobile number is not a staff code);
- every time carries its zone and lies between `EARLIEST` and the end of tomorrow (seat time); a call
  ends after it starts and lasts at most `MAX_CALL`; a crisis action is timed inside that window; a
  follow-up falls due no later than a year after tomorrow.

`read_line` never raises anything but `LineError`, whatever the bytes (tests/test_import_fuzz.py).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop import privacy, risk
from desktop.call_model import (
    LEAD_ON_SHIFT,
    MAX_KEYWORD,
    MAX_KEYWORDS,
    MAX_NOTES,
    MAX_SUMMARY,
    CallInput,
    CrisisActionInput,
    FollowUpInput,
    ReferralInput,
    RiskInput,
    normalize_case_code,
)
from desktop.clock import parse_iso, seat_today, seat_zone
from desktop.errors import BadInput
from desktop.seat import check_staff_code
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    EMOTIONS,
    GENDERS,
    INTERVENTIONS,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    REGIONS,
    URGENCY,
    Taxonomy,
)

EARLIEST = date(2000, 1, 1)  # seat time; no hotline of this kind kept notes on a computer before
MAX_CALL = timedelta(hours=24)
FOLLOW_UP_HORIZON = timedelta(days=366)  # after the end of tomorrow
MAX_DIGITS = 20  # no number of the format has more; Python would spend long converting 10,000 digits
MAX_FOLLOW_UP_NOTE = 2000
MAX_REASON = 2000
MAX_TIME_TEXT = 40
MAX_REMEMBERED_STAFF = 1_000  # staff codes one import remembers as accepted

FIELDS = (
    "started_at", "ended_at", "kind", "counselor", "case_code", "caller", "concerns", "emotions", "keywords",
    "interventions", "summary", "notes", "risk", "crisis_actions", "referrals", "follow_up",
)  # fmt: skip
CALLER_FIELDS = ("age_band", "gender", "region", "first_call")
RISK_FIELDS = ("answers", "override")
OVERRIDE_FIELDS = ("level", "reason")
CRISIS_FIELDS = ("action", "at", "outcome")
REFERRAL_FIELDS = ("kind", "urgency", "status")
FOLLOW_UP_FIELDS = ("due", "note")


class LineError(ValueError):
    """What is wrong with one line: the field (None for the line as a whole) and the problem in words."""

    def __init__(self, field: str | None, problem: str):
        self.field, self.problem = field, problem
        super().__init__(f"field {field}: {problem}" if field else problem)


@dataclass(frozen=True)
class TimeWindow:
    """The times a line may hold: from `earliest` up to (not including) `latest`."""

    earliest: datetime
    latest: datetime

    @classmethod
    def now(cls) -> "TimeWindow":
        """2000-01-01 up to the end of tomorrow, seat time (read from the seat's clock, `desktop.clock`)."""
        zone = seat_zone()
        latest = datetime.combine(seat_today() + timedelta(days=2), time.min, zone)
        return cls(datetime.combine(EARLIEST, time.min, zone), latest)


class _Refused:
    """A value the JSON reader met and the format refuses (NaN, a 10,000-digit number): its field is named
    when the checks reach it."""

    def __init__(self, what: str):
        self.what = what


class _Duplicated(dict):
    """An object in which a key was written twice (JSON readers disagree on which one wins)."""

    def __init__(self, pairs, key: str):
        super().__init__(pairs)
        self.duplicate = key


def _pairs(pairs: list) -> dict:
    seen = dict(pairs)
    if len(seen) == len(pairs):
        return seen
    keys = set()
    for key, _value in pairs:
        if key in keys:
            return _Duplicated(seen, key)
        keys.add(key)
    raise AssertionError("unreachable: fewer keys than pairs means a key came twice")


def _constant(name: str) -> _Refused:
    return _Refused(name)  # NaN, Infinity, -Infinity


def _integer(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    return _Refused(f"a number of {digits:,} digits") if digits > MAX_DIGITS else int(text)


def _kind(value: Any) -> str:
    """What a value is, in words, for a message (never the value itself)."""
    if isinstance(value, _Refused):
        return value.what
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _shown(value: str) -> str:
    """A short, quoted piece of a refused code for a message, with any identifier in it hidden."""
    return f"'{_member('', value)}'"


def parse_json(raw: bytes) -> Any:
    """The JSON value of one line's bytes; LineError (no field) when it is not UTF-8 JSON of the format."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LineError(None, "starts with a byte-order mark (BOM); save the file as UTF-8 without BOM")
    if not raw.strip():
        raise LineError(None, "is empty; every line holds one call, remove empty lines")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(None, f"is not UTF-8 text (byte {exc.start + 1})") from None
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise LineError(None, f"is not complete JSON ({exc.msg} at character {exc.pos + 1})") from None
    except RecursionError:
        raise LineError(None, "is nested more deeply than the format allows") from None
    except ValueError as exc:  # a float Python cannot hold, and the like
        raise LineError(None, f"is not JSON this format allows ({type(exc).__name__})") from None


def _object(value: Any, field: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise LineError(field or None, f"must be an object, not {_kind(value)}")
    if isinstance(value, _Duplicated):
        raise LineError(_member(field, value.duplicate), "is written twice in one object")
    unknown = [key for key in value if key not in allowed]
    if unknown:
        raise LineError(
            _member(field, unknown[0]), f"is not a field of the exchange format (known here: {', '.join(allowed)})"
        )
    return value


def _member(field: str, key: str) -> str:
    """`field.key` for a message: the key's unprintable characters escaped, any identifier in it hidden."""
    shown = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"\\u{ord(c):04x}" for c in key[:40])
    shown = privacy.redact(shown) + ("…" if len(key) > 40 else "")
    return f"{field}.{shown}" if field else shown


def _text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise LineError(field, f"must be text, not {_kind(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise LineError(field, "holds a character that is not valid Unicode (a lone surrogate)") from None
    if len(value) > limit:
        raise LineError(field, f"is longer than {limit:,} characters")
    return value


def _code(value: Any, field: str, list_name: str, taxonomy: Taxonomy) -> str:
    if not isinstance(value, str):
        raise LineError(field, f"must be a code (text), not {_kind(value)}")
    if not taxonomy.is_valid(list_name, value):
        raise LineError(field, f"unknown code {_shown(value)}")
    return value


def _codes(value: Any, field: str, list_name: str, taxonomy: Taxonomy) -> list[str]:
    if not isinstance(value, list):
        raise LineError(field, f"must be a list of codes, not {_kind(value)}")
    return [_code(item, f"{field}[{n}]", list_name, taxonomy) for n, item in enumerate(value)]


def _time(value: Any, field: str, window: TimeWindow) -> datetime:
    example = "like 2025-05-01T22:14:00+08:00"
    if not isinstance(value, str):
        raise LineError(field, f"must be a time {example}, not {_kind(value)}")
    try:
        if len(value) > MAX_TIME_TEXT:
            raise ValueError
        moment = parse_iso(value)
    except ValueError:
        raise LineError(field, f"is not a time {example}") from None
    if moment.tzinfo is None:
        raise LineError(field, "has no time zone (add +08:00)")
    if not window.earliest <= moment < window.latest:
        last_day = (window.latest - timedelta(days=1)).date()
        raise LineError(field, f"must lie between {window.earliest:%Y-%m-%d} and {last_day:%Y-%m-%d} (seat time)")
    return moment


def _staff_code(value: Any, field: str, accepted: dict[str, str] | None = None) -> str:
    """The staff code `value` holds. `accepted` (value → code) remembers the codes already accepted in one
    file: a file names a few counselors a hundred thousand times, and the guard need see each only once."""
    if not isinstance(value, str):
        raise LineError(field, f"must be a staff code (text), not {_kind(value)}")
    if accepted is not None and value in accepted:
        return accepted[value]
    try:
        code = check_staff_code(value)
    except BadInput:
        raise LineError(field, "is not a staff code (1–16 letters, digits, '.', '_' or '-')") from None
    if privacy.find_identifiers(code):
        raise LineError(field, "looks like a phone number, ID or account, not a staff code")
    if accepted is not None and value == code and len(accepted) < MAX_REMEMBERED_STAFF:  # small, whatever the file
        accepted[value] = code
    return code


def read_line(
    raw: bytes, taxonomy: Taxonomy, window: TimeWindow, staff_codes: dict[str, str] | None = None
) -> tuple[dict, CallInput, str | None]:
    """(the line's JSON object, the call, its staff code or None) from one line's bytes, or LineError.
    `staff_codes`: the codes this file's earlier lines had accepted (filled as it goes)."""
    data = parse_json(raw)
    if not isinstance(data, dict):
        raise LineError(None, f"must be one JSON object, not {_kind(data)}")
    form, counselor = parse_call(data, taxonomy, window, staff_codes)
    return data, form, counselor


def parse_call(
    data: Any, taxonomy: Taxonomy, window: TimeWindow | None = None, staff_codes: dict[str, str] | None = None
) -> tuple[CallInput, str | None]:
    """The call and its staff code described by one line's JSON object; LineError says which field is wrong."""
    window = window or TimeWindow.now()
    data = _object(data, "", FIELDS)
    for required in ("started_at", "kind"):
        if required not in data:
            raise LineError(required, "is missing")
    started = _time(data["started_at"], "started_at", window)
    ended = None
    if data.get("ended_at") is not None:
        ended = _time(data["ended_at"], "ended_at", window)
        if ended < started:
            raise LineError("ended_at", "is before started_at")
        if ended - started > MAX_CALL:
            raise LineError("ended_at", "makes the call longer than 24 hours")
    kind = _code(data["kind"], "kind", CALL_KINDS, taxonomy)
    counselor = _staff_code(data["counselor"], "counselor", staff_codes) if data.get("counselor") is not None else None
    case_code = data.get("case_code")
    if case_code is not None and (not isinstance(case_code, str) or normalize_case_code(case_code) is None):
        raise LineError("case_code", "must be six characters like K7Q-39M")
    caller = _object(data.get("caller", {}), "caller", CALLER_FIELDS)
    bands = {
        key: _code(caller.get(key, "unknown"), f"caller.{key}", list_name, taxonomy)
        for key, list_name in (("age_band", AGE_BANDS), ("gender", GENDERS), ("region", REGIONS))
    }
    first_call = caller.get("first_call")
    if first_call is not None and not isinstance(first_call, bool):
        raise LineError("caller.first_call", f"must be true or false, not {_kind(first_call)}")
    keywords = data.get("keywords", [])
    if not isinstance(keywords, list) or len(keywords) > MAX_KEYWORDS:
        raise LineError("keywords", f"must be a list of at most {MAX_KEYWORDS} words")
    keywords = [_text(word, f"keywords[{n}]", MAX_KEYWORD) for n, word in enumerate(keywords)]
    form = CallInput(
        kind=kind,
        started_at=started,
        ended_at=ended,
        case_code=case_code,
        first_call=first_call,
        concerns=_codes(data.get("concerns", []), "concerns", CONCERNS, taxonomy),
        emotions=_codes(data.get("emotions", []), "emotions", EMOTIONS, taxonomy),
        interventions=_codes(data.get("interventions", []), "interventions", INTERVENTIONS, taxonomy),
        keywords=keywords,
        summary=_text(data.get("summary", ""), "summary", MAX_SUMMARY),
        notes=_text(data.get("notes", ""), "notes", MAX_NOTES),
        risk=_risk(data.get("risk")),
        crisis_actions=_crisis(data.get("crisis_actions", []), started, window, taxonomy),
        referrals=_referrals(data.get("referrals", []), taxonomy),
        follow_ups=_follow_up(data.get("follow_up"), window),
        **bands,
    )
    return form, counselor


def _risk(value: Any) -> RiskInput | None:
    if value is None:
        return None
    value = _object(value, "risk", RISK_FIELDS)
    table = risk.items()
    answers = _object(value.get("answers", {}), "risk.answers", table.item_codes + table.scale_codes)
    for code, answer in answers.items():
        if code in table.item_codes and not isinstance(answer, bool):
            raise LineError(f"risk.answers.{code}", f"must be true or false, not {_kind(answer)}")
        if code in table.scale_codes and (
            isinstance(answer, bool) or not isinstance(answer, int) or not risk.SCALE_MIN <= answer <= risk.SCALE_MAX
        ):
            raise LineError(f"risk.answers.{code}", f"must be a whole number from 0 to 10, not {_kind(answer)}")
    computed = risk.assess(answers).level
    override = value.get("override")
    if override is None:
        return RiskInput(answers)
    override = _object(override, "risk.override", OVERRIDE_FIELDS)
    level = override.get("level")
    if not isinstance(level, str) or level not in risk.LEVELS:
        raise LineError("risk.override.level", f"must be one of {', '.join(risk.LEVELS)}")
    reason = _text(override.get("reason", ""), "risk.override.reason", MAX_REASON)
    if level != computed and not reason.strip():
        raise LineError("risk.override.reason", "is needed when the level differs from the computed one")
    return RiskInput(answers, level, reason)


def _crisis(values: Any, started: datetime, window: TimeWindow, taxonomy: Taxonomy) -> list[CrisisActionInput]:
    if not isinstance(values, list):
        raise LineError("crisis_actions", f"must be a list, not {_kind(values)}")
    actions = []
    for n, item in enumerate(values):
        field = f"crisis_actions[{n}]"
        item = _object(item, field, CRISIS_FIELDS)
        if "action" not in item:
            raise LineError(f"{field}.action", "is missing")
        action = _code(item["action"], f"{field}.action", CRISIS_ACTIONS, taxonomy)
        outcome = item.get("outcome")
        if outcome is not None:
            outcome = _code(outcome, f"{field}.outcome", CRISIS_OUTCOMES, taxonomy)
        at = started
        if item.get("at") is not None:
            at = _time(item["at"], f"{field}.at", window)
            if at < started:
                raise LineError(f"{field}.at", "is before the call started")
        actions.append(CrisisActionInput(action, at, outcome))
    return actions


def _referrals(values: Any, taxonomy: Taxonomy) -> list[ReferralInput]:
    if not isinstance(values, list):
        raise LineError("referrals", f"must be a list, not {_kind(values)}")
    referrals = []
    for n, item in enumerate(values):
        field = f"referrals[{n}]"
        item = _object(item, field, REFERRAL_FIELDS)
        if "kind" not in item:
            raise LineError(f"{field}.kind", "is missing")
        referrals.append(
            ReferralInput(
                _code(item["kind"], f"{field}.kind", REFERRAL_KINDS, taxonomy),
                _code(item.get("urgency", "routine"), f"{field}.urgency", URGENCY, taxonomy),
                _code(item.get("status", "suggested"), f"{field}.status", REFERRAL_STATUS, taxonomy),
            )
        )
    return referrals


def _follow_up(value: Any, window: TimeWindow) -> list[FollowUpInput]:
    if value is None:
        return []
    value = _object(value, "follow_up", FOLLOW_UP_FIELDS)
    if "due" not in value:
        raise LineError("follow_up.due", "is missing")
    due = _time(value["due"], "follow_up.due", TimeWindow(window.earliest, window.latest + FOLLOW_UP_HORIZON))
    note = _text(value.get("note", ""), "follow_up.note", MAX_FOLLOW_UP_NOTE)
    return [FollowUpInput(due, LEAD_ON_SHIFT, note)]
