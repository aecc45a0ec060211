"""The JSON Lines exchange format of DESIGN.md §9: import (all or nothing) and export.

Import reads the file twice, a line at a time so memory does not grow with the file: first every line is
checked (`desktop.exchange_check`: every field, at every level) and any bad line stops the import before
anything is written, with each bad line's number, the field and what is wrong; then all lines are written
in one transaction. A line already imported (same content hash) is skipped, so importing a file twice adds
nothing. Every text passes the notes guard; the report says how many identifiers were hidden, never
which. The calls are written in batches of up to 500, the names in their notes read together first (the name
finder's model reads many sentences far faster than one by one), and placed in their shifts by one
`ShiftPlacer`. Staff codes are kept as written once they pass the account rule and do not look like an
identifier.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop import privacy
from desktop.call_model import CallInput, clean_text
from desktop.call_risk import load_risk
from desktop.calls import CallService
from desktop.clock import parse_iso, seat_day_bounds, seat_time
from desktop.errors import BadInput
from desktop.exchange_check import LineError, TimeWindow, parse_call, read_line
from desktop.free_text import form_texts
from desktop.fsutil import open_private, storage_error
from desktop.seat import Session
from desktop.shift_window import ShiftPlacer
from desktop.taxonomy import load_taxonomy

__all__ = ["ImportReport", "export_file", "import_file", "parse_call"]

MAX_LINE_BYTES = 1_000_000
MAX_LISTED_ERRORS = 20
PREPARED_CALLS = 500  # calls whose notes the guard's name finder reads together
PREPARED_TEXT = 100_000  # or characters of their free text: some thousands of sentences, which the guard keeps


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


def _checked_lines(path: Path, taxonomy, window: TimeWindow) -> Iterator[tuple[dict, CallInput, str | None, str]]:
    """Every line as (JSON object, call, staff code, content hash); raises BadInput listing the bad ones."""
    errors, staff_codes = [], {}
    try:
        for number, raw in _lines(path):
            if raw is None:
                errors.append(f"line {number} is longer than {MAX_LINE_BYTES:,} bytes")
                continue
            try:
                data, form, counselor = read_line(raw, taxonomy, window, staff_codes)
            except LineError as exc:
                errors.append(f"line {number}, {exc}" if exc.field else f"line {number} {exc}")
                continue
            canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
            yield data, form, counselor, hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    except OSError as exc:
        raise BadInput(
            f"The file {path} cannot be read ({exc.strerror or type(exc).__name__}).",
            code="import.unreadable",
            file=path,
        ) from exc
    if errors:
        shown = "; ".join(errors[:MAX_LISTED_ERRORS])
        more = f"; and {len(errors) - MAX_LISTED_ERRORS} more" if len(errors) > MAX_LISTED_ERRORS else ""
        raise BadInput(
            f"{len(errors)} bad line(s), nothing was imported: {shown}{more}.",
            code="import.bad_lines",
            count=len(errors),
            lines=errors[:MAX_LISTED_ERRORS],
        )


def _new_calls(store, lines: Iterator[tuple]) -> Iterator[list[tuple[CallInput, str | None, str] | None]]:
    """The checked lines in batches, each line as (call, staff code, content hash), or None for a line the
    seat already holds (or this batch has twice): it is skipped. A batch is at most `PREPARED_CALLS` calls
    or `PREPARED_TEXT` characters of free text, and the names in its new calls' texts are read together
    before it is handed on (`privacy.prepare`, as the guard will read them, after `clean_text`). The next
    batch is made once the last one is written, so the seat answers for every earlier line.

    (Reading the next batch's names on a thread while this one is written was slower on two cores: the
    model's decoding and the name rules hold Python's lock, and the two threads took turns.)"""
    batch, size, digests = [], 0, set()
    for _data, form, counselor, digest in lines:
        if digest in digests or store.one("SELECT 1 FROM call WHERE content_hash = ?", (digest,)):
            batch.append(None)
        else:
            digests.add(digest)
            batch.append((form, counselor, digest))
            size += sum(len(text) for _field, text in form_texts(form))
        if len(batch) == PREPARED_CALLS or size >= PREPARED_TEXT:
            yield _prepared(batch)
            batch, size, digests = [], 0, set()
    if batch:
        yield _prepared(batch)


def _prepared(batch: list) -> list:
    privacy.prepare(clean_text(text) for line in batch if line for _field, text in form_texts(line[0]))
    return batch


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
    if not path.exists():
        raise BadInput(f"The file {path} does not exist.", code="import.file_missing", file=path)
    if not path.is_file():
        raise BadInput(
            f"{path} is not a file; choose the JSON Lines file to import.", code="import.not_a_file", file=path
        )
    taxonomy, window = load_taxonomy(), TimeWindow.now()
    total = 0
    for total, _line in enumerate(_checked_lines(path, taxonomy, window), start=1):  # the first pass: check all
        if checking and total % 1000 == 0:
            checking(total)
    if not total:
        raise BadInput(f"The file {path} holds no calls.", code="import.empty", file=path)
    if checking:
        checking(total)
    service = CallService(session)
    hidden, imported, skipped = Counter(), 0, 0
    store = session.store
    with store.transaction():
        shifts, done = ShiftPlacer(store), 0
        for batch in _new_calls(store, _checked_lines(path, taxonomy, window)):
            for line in batch:
                if line is None:
                    skipped += 1
                else:
                    form, counselor, digest = line
                    _, found = service.write(form, None, counselor or session.actor, digest, audit=False, shifts=shifts)
                    hidden.update(found)
                    imported += 1
                done += 1
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
        raise BadInput("--from is after --to.", code="window.from_after_to")
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
        with open_private(partial, text=True) as out:  # 0600 from its creation, a killed export included
            for call_id in ids:
                out.write(json.dumps(_line_of(store, call_id), ensure_ascii=False) + "\n")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise storage_error(exc, path) from exc
    session.audit.append(session.actor, "calls.exported", path.name, {"calls": len(ids)})
    return len(ids)
