"""The JSON Lines exchange format of DESIGN.md §9: import (all or nothing) and export.

Import reads the file twice, a line at a time so memory does not grow with the file: first every line is
checked and any bad line stops the import before anything is written, with each bad line's number and
what is wrong; then all lines are written in one transaction. A line already imported (same content
hash) is skipped, so importing a file twice adds nothing. Every text passes the notes guard; the report
says how many identifiers were hidden, never which. Staff codes are kept as written.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop import risk
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
from desktop.call_risk import load_risk
from desktop.calls import CallService
from desktop.clock import parse_iso, seat_day_bounds, seat_time
from desktop.errors import BadInput
from desktop.fsutil import storage_error
from desktop.seat import Session, check_staff_code
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
    load_taxonomy,
)

MAX_LINE_BYTES = 1_000_000
MAX_LISTED_ERRORS = 20
_FIELDS = {
    "started_at", "ended_at", "kind", "counselor", "case_code", "caller", "concerns", "emotions", "keywords",
    "interventions", "summary", "notes", "risk", "crisis_actions", "referrals", "follow_up",
}  # fmt: skip
_CALLER = {"age_band", "gender", "region", "first_call"}


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped_duplicates: int
    hidden: Counter

    @property
    def hidden_total(self) -> int:
        return sum(self.hidden.values())


def _lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw bytes) of each line; None for a line longer than MAX_LINE_BYTES (it is skipped
    in pieces, never held whole)."""
    with path.open("rb") as handle:
        number = 0
        while True:
            chunk = handle.readline(MAX_LINE_BYTES + 1)
            if not chunk:
                return
            number += 1
            if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                while chunk and not chunk.endswith(b"\n"):
                    chunk = handle.readline(MAX_LINE_BYTES + 1)
                yield number, None
                continue
            yield number, chunk


def _time(value, what: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a time like 2025-05-01T22:14:00+08:00")
    try:
        moment = parse_iso(value)
    except ValueError:
        raise ValueError(f"{what} is not a time like 2025-05-01T22:14:00+08:00") from None
    if moment.tzinfo is None:
        raise ValueError(f"{what} has no time zone (add +08:00)")
    return moment


def _codes(values, list_name: str, what: str, taxonomy) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what} must be a list of codes")
    unknown = [v for v in values if not taxonomy.is_valid(list_name, v)]
    if unknown:
        raise ValueError(f"unknown {what} code {unknown[0]!r}")
    return values


def _text(data: dict, key: str, limit: int) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    if len(value) > limit:
        raise ValueError(f"{key} is longer than {limit:,} characters")
    return value


def parse_call(data, taxonomy) -> tuple[CallInput, str | None]:
    """The call and its staff code described by one line's JSON; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a line must be a JSON object")
    extra = set(data) - _FIELDS
    if extra:
        raise ValueError(f"unknown field {sorted(extra)[0]!r}")
    for required in ("started_at", "kind"):
        if required not in data:
            raise ValueError(f"{required} is missing")
    started = _time(data["started_at"], "started_at")
    ended = _time(data["ended_at"], "ended_at") if data.get("ended_at") is not None else None
    if ended is not None and ended < started:
        raise ValueError("ended_at is before started_at")
    if not isinstance(data["kind"], str) or not taxonomy.is_valid(CALL_KINDS, data["kind"]):
        raise ValueError(f"unknown kind {data['kind']!r}")
    counselor = data.get("counselor")
    if counselor is not None:
        if not isinstance(counselor, str):
            raise ValueError("counselor must be a staff code")
        try:
            counselor = check_staff_code(counselor)
        except BadInput:
            raise ValueError(f"counselor {counselor!r} is not a staff code") from None
    case_code = data.get("case_code")
    if case_code is not None and (not isinstance(case_code, str) or normalize_case_code(case_code) is None):
        raise ValueError("case_code must look like K7Q-39M")
    caller = data.get("caller", {})
    if not isinstance(caller, dict) or set(caller) - _CALLER:
        raise ValueError("caller holds only age_band, gender, region and first_call")
    values = {}
    for key, list_name in (("age_band", AGE_BANDS), ("gender", GENDERS), ("region", REGIONS)):
        value = caller.get(key, "unknown")
        if not isinstance(value, str) or not taxonomy.is_valid(list_name, value):
            raise ValueError(f"unknown {key} {value!r}")
        values[key] = value
    first_call = caller.get("first_call")
    if first_call is not None and not isinstance(first_call, bool):
        raise ValueError("first_call must be true or false")
    keywords = data.get("keywords", [])
    if not isinstance(keywords, list) or len(keywords) > MAX_KEYWORDS:
        raise ValueError(f"keywords must be a list of at most {MAX_KEYWORDS}")
    if not all(isinstance(k, str) and len(k) <= MAX_KEYWORD for k in keywords):
        raise ValueError(f"a keyword must be text of at most {MAX_KEYWORD} characters")
    form = CallInput(
        kind=data["kind"],
        started_at=started,
        ended_at=ended,
        case_code=case_code,
        first_call=first_call,
        concerns=_codes(data.get("concerns", []), CONCERNS, "concern", taxonomy),
        emotions=_codes(data.get("emotions", []), EMOTIONS, "emotion", taxonomy),
        interventions=_codes(data.get("interventions", []), INTERVENTIONS, "intervention", taxonomy),
        keywords=keywords,
        summary=_text(data, "summary", MAX_SUMMARY),
        notes=_text(data, "notes", MAX_NOTES),
        risk=_risk(data.get("risk")),
        crisis_actions=_crisis(data.get("crisis_actions", []), started, taxonomy),
        referrals=_referrals(data.get("referrals", []), taxonomy),
        follow_ups=_follow_up(data.get("follow_up")),
        **values,
    )
    return form, counselor


def _risk(value) -> RiskInput | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"answers", "override"}:
        raise ValueError("risk holds answers and override")
    answers = value.get("answers", {})
    risk.assess(answers)  # raises ValueError naming an unknown item or a scale out of range
    override = value.get("override")
    if override is None:
        return RiskInput(answers)
    if not isinstance(override, dict) or override.get("level") not in risk.LEVELS:
        raise ValueError("risk override needs a level (none, low, moderate, high, imminent)")
    reason = override.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("risk override needs a reason")
    return RiskInput(answers, override["level"], reason)


def _crisis(values, started: datetime, taxonomy) -> list[CrisisActionInput]:
    if not isinstance(values, list):
        raise ValueError("crisis_actions must be a list")
    actions = []
    for item in values:
        if not isinstance(item, dict) or not taxonomy.is_valid(CRISIS_ACTIONS, item.get("action", "")):
            raise ValueError("a crisis action has an unknown action")
        outcome = item.get("outcome")
        if outcome is not None and not taxonomy.is_valid(CRISIS_OUTCOMES, outcome):
            raise ValueError(f"unknown crisis outcome {outcome!r}")
        at = _time(item["at"], "a crisis action's time") if item.get("at") else started
        if at < started:
            raise ValueError("a crisis action is timed before the call started")
        actions.append(CrisisActionInput(item["action"], at, outcome))
    return actions


def _referrals(values, taxonomy) -> list[ReferralInput]:
    if not isinstance(values, list):
        raise ValueError("referrals must be a list")
    referrals = []
    for item in values:
        if not isinstance(item, dict):
            raise ValueError("a referral must be an object")
        referral = ReferralInput(item.get("kind"), item.get("urgency", "routine"), item.get("status", "suggested"))
        for value, list_name in ((referral.kind, REFERRAL_KINDS), (referral.urgency, URGENCY),
                                 (referral.status, REFERRAL_STATUS)):  # fmt: skip
            if not isinstance(value, str) or not taxonomy.is_valid(list_name, value):
                raise ValueError(f"a referral has an unknown code {value!r}")
        referrals.append(referral)
    return referrals


def _follow_up(value) -> list[FollowUpInput]:
    if value is None:
        return []
    if not isinstance(value, dict) or "due" not in value:
        raise ValueError("follow_up needs a due time")
    note = value.get("note", "")
    if not isinstance(note, str) or len(note) > 2000:
        raise ValueError("the follow-up note must be text of at most 2,000 characters")
    return [FollowUpInput(_time(value["due"], "follow_up.due"), LEAD_ON_SHIFT, note)]


def _checked_lines(path: Path, taxonomy) -> Iterator[tuple[int, dict, str]]:
    """Every non-blank line as (number, JSON object, content hash); raises BadInput listing the bad ones."""
    errors = []
    for number, raw in _lines(path):
        if raw is None:
            errors.append(f"line {number}: longer than {MAX_LINE_BYTES:,} bytes")
            continue
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
            data = json.loads(text)
            parse_call(data, taxonomy)
        except UnicodeDecodeError:
            errors.append(f"line {number}: not UTF-8 text")
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not complete JSON ({exc.msg})")
        except ValueError as exc:
            errors.append(f"line {number}: {exc}")
        else:
            digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            yield number, data, digest
    if errors:
        shown = "; ".join(errors[:MAX_LISTED_ERRORS])
        more = f"; and {len(errors) - MAX_LISTED_ERRORS} more" if len(errors) > MAX_LISTED_ERRORS else ""
        raise BadInput(f"{len(errors)} bad line(s), nothing was imported: {shown}{more}.")


def import_file(
    session: Session,
    path: Path,
    progress: Callable[[int], None] | None = None,
    checking: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every call of a JSON Lines file, or none (admins).

    `checking(n)` follows the first pass: every 1,000 good lines, and once at its end with the number of calls
    the second pass will go through. `progress(done)` follows the second pass (every 1,000 calls and at the
    end). Either may raise to stop the import; inside the transaction that rolls everything back.
    """
    session.require("admin", doing="import calls")
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"The file {path} does not exist.")
    taxonomy = load_taxonomy()
    total = 0
    for total, _line in enumerate(_checked_lines(path, taxonomy), start=1):  # the first pass: check everything
        if checking and total % 1000 == 0:
            checking(total)
    if checking:
        checking(total)
    service = CallService(session)
    hidden, imported, skipped = Counter(), 0, 0
    store = session.store
    with store.transaction():
        for done, (_number, data, digest) in enumerate(_checked_lines(path, taxonomy), start=1):
            if store.one("SELECT 1 FROM call WHERE content_hash = ?", (digest,)):
                skipped += 1
            else:
                form, counselor = parse_call(data, taxonomy)
                _, found = service.write(form, None, counselor or session.actor, digest, audit=False)
                hidden.update(found)
                imported += 1
            if progress and (done % 1000 == 0 or done == total):
                progress(done)
        session.audit.append(
            session.actor, "calls.imported", path.name,
            {"imported": imported, "skipped": skipped, "hidden": sum(hidden.values()),
             "hidden_by_kind": dict(sorted(hidden.items()))},
        )  # fmt: skip
    return ImportReport(imported, skipped, hidden)


def _line_of(store, call_id: int) -> dict:
    row = store.one(
        "SELECT started_at, ended_at, kind, counselor, case_code, age_band, gender, region, first_call, summary,"
        " notes FROM call WHERE id = ?",
        (call_id,),
    )
    started, ended, kind, counselor, case_code, age, gender, region, first, summary, notes = row
    line = {"started_at": seat_time(parse_iso(started)).isoformat(), "kind": kind, "counselor": counselor}
    if ended:
        line["ended_at"] = seat_time(parse_iso(ended)).isoformat()
    if case_code:
        line["case_code"] = case_code
    line["caller"] = {"age_band": age, "gender": gender, "region": region}
    if first is not None:
        line["caller"]["first_call"] = bool(first)
    for key, table, column in (
        ("concerns", "call_concern", "code"),
        ("emotions", "call_emotion", "code"),
        ("keywords", "call_keyword", "word"),
        ("interventions", "call_intervention", "code"),
    ):
        values = [r[0] for r in store.rows(f"SELECT {column} FROM {table} WHERE call_id = ?", (call_id,))]
        if values:
            line[key] = values
    if summary:
        line["summary"] = summary
    if notes:
        line["notes"] = notes
    parts = load_risk(store, call_id)
    if parts["risk"]:
        line["risk"] = {"answers": parts["risk"].answers}
        if parts["risk"].override_level:
            line["risk"]["override"] = {"level": parts["risk"].override_level, "reason": parts["risk"].override_reason}
    if parts["crisis_actions"]:
        line["crisis_actions"] = [
            {"action": a.action, "at": seat_time(a.at).isoformat(), **({"outcome": a.outcome} if a.outcome else {})}
            for a in parts["crisis_actions"]
        ]
    if parts["referrals"]:
        line["referrals"] = [{"kind": r.kind, "urgency": r.urgency, "status": r.status} for r in parts["referrals"]]
    if parts["follow_ups"]:
        first_up = parts["follow_ups"][0]
        line["follow_up"] = {"due": seat_time(first_up.due_at).isoformat(), "note": first_up.note}
    return line


def export_file(session: Session, path: Path, date_from: date | None = None, date_to: date | None = None) -> int:
    """Write the stored (already redacted) calls started in the window to `path` (leads and admins)."""
    session.require("lead", "admin", doing="export calls")
    if date_from and date_to and date_from > date_to:
        raise BadInput("--from is after --to.")
    store = session.store
    clauses, params = ["status = 'final'"], []
    if date_from:
        clauses.append("started_at >= ?")
        params.append(seat_day_bounds(date_from)[0])
    if date_to:
        clauses.append("started_at < ?")
        params.append(seat_day_bounds(date_to)[1])
    ids = [
        r[0] for r in store.rows(f"SELECT id FROM call WHERE {' AND '.join(clauses)} ORDER BY started_at, id", params)
    ]
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as out:
            for call_id in ids:
                out.write(json.dumps(_line_of(store, call_id), ensure_ascii=False) + "\n")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise storage_error(exc, path) from exc
    session.audit.append(session.actor, "calls.exported", path.name, {"calls": len(ids)})
    return len(ids)
