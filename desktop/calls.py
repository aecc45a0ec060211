"""Calls: save (through the notes guard), drafts, the list with filters and search, amendments.

Visibility (DESIGN.md §4): a counselor sees their own calls and those of the current shift; leads and admins
see every call. A call's counselor may edit it for 24 hours after it was first saved; after that, or for anyone
else allowed to see it, only an amendment can be added.
"""

import json
import logging
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from desktop import privacy
from desktop.call_model import (
    EDIT_WINDOW,
    MAX_CITY,
    MAX_KEYWORD,
    MAX_KEYWORDS,
    MAX_NOTES,
    MAX_SUMMARY,
    Amendment,
    CallFilter,
    CallInput,
    CallRecord,
    CallRow,
    CaseVisit,
    Draft,
    SaveResult,
    clean_text,
    guarded_draft,
    guarded_form,
    normalize_case_code,
)
from desktop.call_risk import load_risk, risk_problems, store_risk, stored_level
from desktop.clock import parse_iso, seat_day_bounds, to_utc_iso, utc_now, utc_now_iso
from desktop.errors import BadInput, NotPermitted
from desktop.followups import DUE_SOON
from desktop.risk import NOT_ASSESSED
from desktop.seat import Session
from desktop.shift_window import ShiftPlacer, current_shift_id, shift_for
from desktop.store.accounts import AccountRepo
from desktop.store.search import match_query
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERNS,
    EMOTIONS,
    GENDERS,
    INTERVENTIONS,
    REGIONS,
    load_taxonomy,
)
from desktop.uuids import new_uuid

# The call list counts up to this many matches and says "more than 1,000" beyond.
COUNT_CAP = 1_000
# Where a filter on concerns, follow-ups or words switches plan (see `_many`): fetching and sorting this
# many matches costs about what walking the start-time index to fill a page costs at this density in
# 1,000,000 calls (benchmarks/million.py).
PLAN_THRESHOLD = 5_000
SEARCH_SPAN = timedelta(days=7)  # a word search with many matches looks at the newest week first

_CODE_TABLES = (
    ("call_concern", "code"),
    ("call_emotion", "code"),
    ("call_intervention", "code"),
    ("call_keyword", "word"),
)
_ROW_COLUMNS = (
    "c.id, c.started_at, c.ended_at, c.counselor, c.kind, c.case_code, c.risk_level, c.summary,"
    " (SELECT group_concat(code, ' ') FROM call_concern WHERE call_id = c.id), c.legal_hold,"
    " c.supervision_flag, EXISTS (SELECT 1 FROM risk_assessment WHERE call_id = c.id)"
)

log = logging.getLogger(__name__)


def _due_limit() -> str:
    """Follow-ups due before this are "due": overdue, or due within DUE_SOON."""
    return to_utc_iso(utc_now() + DUE_SOON)


def _concern_codes(concern: str, prefix: str) -> tuple[str, tuple[str, ...]]:
    """SQL testing `code` for a concern item, or for every item of a group, after `prefix`."""
    if "." in concern:
        return prefix + "code = ?", (concern,)
    return prefix + "code >= ? AND code < ?", (concern + ".", concern + "/")


def _call_row(row) -> CallRow:
    call_id, started, ended, counselor, kind, case_code, risk, summary, concerns, held, flagged, assessed = row
    return CallRow(
        call_id,
        parse_iso(started),
        parse_iso(ended) if ended else None,
        counselor,
        kind,
        case_code,
        tuple(sorted((concerns or "").split())),
        risk,
        summary,
        bool(held),
        bool(flagged),
        bool(assessed),
    )


class CallService:
    def __init__(self, session: Session):
        self._session = session
        self._store = session.store
        self._taxonomy = load_taxonomy()

    # ----- checking -----------------------------------------------------------------------------

    def problems(self, form: CallInput) -> list[BadInput]:
        """What keeps `form` from being saved, each with its code and in English words; empty when it can be
        saved."""
        problems = []
        if not form.kind:
            problems.append(BadInput("Choose the call kind.", code="call.kind_missing"))
        elif not self._taxonomy.is_valid(CALL_KINDS, form.kind):
            problems.append(BadInput(f"Unknown call kind {form.kind!r}.", code="call.unknown_code", value=form.kind))
        if form.started_at is None:
            problems.append(
                BadInput(
                    "The call has no start time: press Start call (F2) or enter the time.", code="call.start_missing"
                )
            )
        elif form.ended_at is not None and form.ended_at < form.started_at:
            problems.append(
                BadInput("The call ends before it starts: correct the end time.", code="call.ends_before_start")
            )
        codes = [
            code
            for list_name, code in ((AGE_BANDS, form.age_band), (GENDERS, form.gender), (REGIONS, form.region))
            if not self._taxonomy.is_valid(list_name, code)
        ]
        for list_name, listed in (
            (CONCERNS, form.concerns),
            (EMOTIONS, form.emotions),
            (INTERVENTIONS, form.interventions),
        ):
            codes.extend(c for c in listed if not self._taxonomy.is_valid(list_name, c))
        problems.extend(BadInput(f"Unknown code {c!r}.", code="call.unknown_code", value=c) for c in codes)
        if form.case_code and normalize_case_code(form.case_code) is None:
            problems.append(BadInput("A case code has six characters like K7Q-39M.", code="call.bad_case_code"))
        if len(form.notes) > MAX_NOTES:
            problems.append(
                BadInput(
                    f"Notes are limited to {MAX_NOTES:,} characters; shorten them.",
                    code="call.notes_too_long",
                    limit=MAX_NOTES,
                )
            )
        if len(form.summary) > MAX_SUMMARY:
            problems.append(
                BadInput(
                    f"The summary is limited to {MAX_SUMMARY} characters.",
                    code="call.summary_too_long",
                    limit=MAX_SUMMARY,
                )
            )
        if len(form.city) > MAX_CITY:
            problems.append(
                BadInput(f"The city is limited to {MAX_CITY} characters.", code="call.city_too_long", limit=MAX_CITY)
            )
        if len(form.keywords) > MAX_KEYWORDS or any(len(k) > MAX_KEYWORD for k in form.keywords):
            problems.append(
                BadInput(
                    f"At most {MAX_KEYWORDS} keywords of up to {MAX_KEYWORD} characters.",
                    code="call.too_many_keywords",
                    count=MAX_KEYWORDS,
                    limit=MAX_KEYWORD,
                )
            )
        owners = {a.code for a in AccountRepo(self._store).all(include_inactive=False)}
        problems.extend(risk_problems(form, self._taxonomy, owners))
        return problems

    # ----- saving -------------------------------------------------------------------------------

    def save(self, form: CallInput, call_id: int | None = None, choices: privacy.Choices | None = None) -> SaveResult:
        """Store the call with every free-text field redacted; returns its id and what was hidden.

        `choices`: the counselor's choices in the save dialog (possible names un-ticked, text marked by hand);
        the audit entry counts them ("unticked", "marked"), never their text."""
        problems = self.problems(form)
        if problems:
            raise BadInput(" ".join(map(str, problems)), code="call.not_valid", problems=problems)
        if call_id is not None:
            self._require_editable(call_id)
        call_id_given = call_id
        with self._store.transaction():
            call_id, hidden = self.write(form, call_id, self._session.actor, choices=choices)
            self._store.execute("DELETE FROM draft WHERE account = ?", (self._session.actor,))
            action = "call.saved" if call_id_given is None else "call.edited"
            self._session.audit.append(self._session.actor, action, f"call:{call_id}", dict(hidden) or None)
        return SaveResult(call_id, hidden)

    def write(
        self,
        form: CallInput,
        call_id: int | None,
        counselor: str,
        content_hash: str | None = None,
        audit: bool = True,
        choices: privacy.Choices | None = None,
        shifts: ShiftPlacer | None = None,
    ) -> tuple[int, Counter]:
        """Write a checked call inside the caller's transaction: the row, its codes, its risk side and its
        search entry, every free-text field through the guard. Import uses it with `audit=False` and
        writes one audit entry for the whole file, and places its calls with one `ShiftPlacer`."""
        form, hidden = guarded_form(form, choices)
        now = utc_now_iso()
        values = {
            "case_code": normalize_case_code(form.case_code) if form.case_code else None,
            "started_at": to_utc_iso(form.started_at),
            "ended_at": to_utc_iso(form.ended_at) if form.ended_at else None,
            "kind": form.kind,
            "age_band": form.age_band,
            "gender": form.gender,
            "region": form.region,
            "city": form.city,
            "first_call": None if form.first_call is None else int(form.first_call),
            "summary": form.summary,
            "notes": form.notes,
            "updated_at": now,
        }
        values["shift_id"] = shifts(form.started_at) if shifts else shift_for(self._store, form.started_at)
        new = call_id is None
        if new:  # the final risk level goes in with the row: no second write of it and its index entries
            values.update(
                counselor=counselor,
                created_at=now,
                status="final",
                content_hash=content_hash,
                risk_level=stored_level(form),
                uuid=new_uuid(),  # with the row: the centre's trigger would write the row again for one
            )
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            call_id = self._store.execute(
                f"INSERT INTO call ({names}) VALUES ({marks})", tuple(values.values())
            ).lastrowid
        else:  # the schema's triggers replace the call's entry in the notes index (desktop/store/search.py)
            assignments = ", ".join(f"{name} = ?" for name in values)
            self._store.execute(f"UPDATE call SET {assignments} WHERE id = ?", (*values.values(), call_id))
        self._replace_codes(call_id, form, form.keywords, new)
        store_risk(self._session, call_id, form, audit=audit, new=new)
        return call_id, hidden

    def _replace_codes(self, call_id: int, form: CallInput, keywords: list[str], new: bool) -> None:
        """One statement per code table (and nothing to delete for a new call)."""
        values_of = (form.concerns, form.emotions, form.interventions, keywords)
        for (table, column), values in zip(_CODE_TABLES, values_of, strict=True):
            if not new:
                self._store.execute(f"DELETE FROM {table} WHERE call_id = ?", (call_id,))
            if values and table == "call_concern":
                self._store.execute(
                    "INSERT INTO call_concern (call_id, code, first_of_group)"
                    " SELECT ?, value ->> 0, value ->> 1 FROM json_each(?)",
                    (call_id, json.dumps(_first_of_group(values), ensure_ascii=False)),
                )
            elif values:
                self._store.execute(
                    f"INSERT INTO {table} (call_id, {column}) SELECT ?, value FROM json_each(?)",
                    (call_id, json.dumps(list(dict.fromkeys(values)), ensure_ascii=False)),
                )

    def add_amendment(self, call_id: int, text: str, choices: privacy.Choices | None = None) -> Counter:
        self._visible(call_id)
        choices = choices or privacy.Choices()
        guarded = privacy.guard(clean_text(text).strip(), choices.keep, choices.marks)
        if not guarded.text:
            raise BadInput("The amendment is empty.", code="amendment.empty")
        if len(guarded.text) > MAX_NOTES:
            raise BadInput(
                f"An amendment is limited to {MAX_NOTES:,} characters.", code="amendment.too_long", limit=MAX_NOTES
            )
        with self._store.transaction():
            self._store.execute(
                "INSERT INTO amendment (call_id, author, at, text) VALUES (?, ?, ?, ?)",
                (call_id, self._session.actor, utc_now_iso(), guarded.text),
            )
            self._session.audit.append(self._session.actor, "call.amended", f"call:{call_id}")
        return guarded.counts

    # ----- reading ------------------------------------------------------------------------------

    def _visible(self, call_id: int) -> tuple[str, datetime]:
        # The 24-hour edit window counts from the call's end (its start while it has none), not from when the
        # record was written: an imported or late-saved call 38 hours old is not editable.
        row = self._store.one(
            "SELECT counselor, COALESCE(ended_at, started_at), shift_id FROM call WHERE id = ?", (call_id,)
        )
        if row is None:
            raise BadInput(f"There is no call {call_id}.", code="call.unknown", call=call_id)
        if (
            self._session.role == "counselor"
            and row[0] != self._session.actor
            and row[2] != current_shift_id(self._store, utc_now())
        ):
            raise NotPermitted(
                "Counselors can open their own calls and those of the current shift only.", code="call.not_visible"
            )
        return row[0], parse_iso(row[1])

    def _editable(self, counselor: str, ended_at: datetime) -> bool:
        return counselor == self._session.actor and utc_now() - ended_at < EDIT_WINDOW

    def _require_editable(self, call_id: int) -> None:
        counselor, created = self._visible(call_id)
        if not self._editable(counselor, created):
            raise NotPermitted(
                "This call can no longer be edited (24 hours have passed, or it is not yours); add an amendment.",
                code="call.not_editable",
            )

    def get(self, call_id: int) -> CallRecord:
        counselor, created = self._visible(call_id)
        row = self._store.one(
            "SELECT case_code, started_at, ended_at, kind, age_band, gender, region, city, first_call,"
            " summary, notes, risk_level, updated_at FROM call WHERE id = ?",
            (call_id,),
        )
        case, started, ended, kind, age, gender, region, city, first, summary, notes, risk, updated = row
        codes = {
            table: [r[0] for r in self._store.rows(f"SELECT {column} FROM {table} WHERE call_id = ?", (call_id,))]
            for table, column in _CODE_TABLES
        }
        form = CallInput(
            kind=kind,
            started_at=parse_iso(started),
            ended_at=parse_iso(ended) if ended else None,
            age_band=age,
            gender=gender,
            region=region,
            city=city,
            first_call=None if first is None else bool(first),
            case_code=case,
            concerns=codes["call_concern"],
            emotions=codes["call_emotion"],
            interventions=codes["call_intervention"],
            keywords=codes["call_keyword"],
            summary=summary,
            notes=notes,
            **load_risk(self._store, call_id),
        )
        amendments = tuple(
            Amendment(author, parse_iso(at), text)
            for author, at, text in self._store.rows(
                "SELECT author, at, text FROM amendment WHERE call_id = ? ORDER BY at, id", (call_id,)
            )
        )
        if counselor != self._session.actor:
            self._session.audit.append(self._session.actor, "call.viewed", f"call:{call_id}")
        return CallRecord(
            call_id, counselor, form, risk, created, parse_iso(updated), amendments, self._editable(counselor, created)
        )

    def list_calls(self, flt: CallFilter, offset: int = 0, limit: int = 100) -> list[CallRow]:
        """One page of calls, newest first."""
        along_time = self._many(flt)

        def page(since: str | None) -> list:
            where, params = self._where(flt, along_time, since)
            return self._store.rows(
                f"SELECT {_ROW_COLUMNS} FROM call c WHERE {where} ORDER BY c.started_at DESC, c.id DESC"
                " LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )

        rows = self._widening(flt, along_time, page, lambda found: len(found) == limit)
        calls = [_call_row(r) for r in rows]
        if self._session.role == "counselor":  # a lead's supervision flag is for leads and admins only
            calls = [replace(call, supervision_flag=False) for call in calls]
        return calls

    def count_calls(self, flt: CallFilter, at_most: int | None = None) -> int:
        """How many calls the filter finds; with `at_most`, counting stops after `at_most + 1` (a result
        above `at_most` means "more than at_most"), so a filter matching most of a million calls stays fast."""
        if at_most is None:
            where, params = self._where(flt)
            return self._store.one(f"SELECT count(*) FROM call c WHERE {where}", params)[0]
        along_time = self._many(flt)

        def count(since: str | None) -> int:
            where, params = self._where(flt, along_time, since)
            return self._store.one(
                f"SELECT count(*) FROM (SELECT 1 FROM call c WHERE {where} ORDER BY c.started_at DESC LIMIT ?)",
                (*params, at_most + 1),
            )[0]

        return self._widening(flt, along_time, count, lambda found: found > at_most)

    def _widening(self, flt: CallFilter, along_time: bool, read, enough):
        """`read(since)` over a growing stretch of the newest calls, for a word search with many matches.

        Reading the word's index entries costs as many matches as there are, a third of a million for a
        common word; but a page, or a capped count, of the newest matches lies among the newest calls. So
        the read runs on the calls from `since` on, SEARCH_SPAN before the newest, then four times that,
        and so on, until `enough(result)` (the page is full, the count passed its cap) or the stretch holds
        the whole window. A full page from a stretch is the true page: every call newer than `since` was
        in the stretch, and those older would come after it."""
        if not (along_time and match_query(flt.text)):
            return read(None)
        first, last = self._time_bounds(flt)
        if first is None:
            return read(None)
        newest, span = parse_iso(last), SEARCH_SPAN
        while True:
            since = to_utc_iso(newest - span)
            if since <= first:
                return read(None)
            found = read(since)
            if enough(found):
                return found
            span *= 4

    def _time_bounds(self, flt: CallFilter) -> tuple[str | None, str | None]:
        """The earliest and latest start of the calls in the filter's date window."""
        bounds, params = self._date_bounds(flt)
        where = " AND ".join(bounds) or "1"
        first = self._store.one(f"SELECT min(started_at) FROM call WHERE {where}", params)[0]
        last = self._store.one(f"SELECT max(started_at) FROM call WHERE {where}", params)[0]
        return first, last

    @staticmethod
    def _date_bounds(flt: CallFilter, since: str | None = None) -> tuple[list[str], list[str]]:
        bounds, params = [], []
        if flt.date_from:
            bounds.append("started_at >= ?")
            params.append(seat_day_bounds(flt.date_from)[0])
        if since:
            bounds.append("started_at >= ?")
            params.append(since)
        if flt.date_to:
            bounds.append("started_at < ?")
            params.append(seat_day_bounds(flt.date_to)[1])
        return bounds, params

    def _many(self, flt: CallFilter) -> bool:
        """Whether every concern, follow-up and word filter matches more than PLAN_THRESHOLD calls on its own.

        Those filters run one of two ways (measured by benchmarks/million.py): with few matches, from the
        matches, which are then sorted by time; with many, along the start-time index, newest first,
        testing each call, until the page (or the capped count) is full. Counting each filter's matches
        alone, up to PLAN_THRESHOLD + 1, reads one index and takes well under a millisecond."""
        probes = []
        if flt.follow_up_due:
            probes.append(("SELECT 1 FROM follow_up WHERE done_at IS NULL AND due_at < ?", (_due_limit(),)))
        if flt.concern:
            probes.append(_concern_codes(flt.concern, "SELECT 1 FROM call_concern WHERE "))
        query = match_query(flt.text)
        if query:
            probes.append(("SELECT 1 FROM notes_fts WHERE notes_fts MATCH ?", (query,)))
        return bool(probes) and all(
            self._store.one(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*params, PLAN_THRESHOLD + 1))[0] > PLAN_THRESHOLD
            for sql, params in probes
        )

    def _where(self, flt: CallFilter, along_time: bool = False, since: str | None = None) -> tuple[str, tuple]:
        """The WHERE clause of a filter. `along_time`: test each call for the concern, follow-up and word
        filters (for a walk along the start-time index) instead of starting from their matches. `since`:
        only calls that started then or later (see `_widening`).

        Every row of `call` is a final call (drafts live in the `draft` table), so the status column is not
        tested: testing it would read each row where an index alone answers."""
        clauses, params = ["1"], []
        if flt.mine_only:
            clauses.append("c.counselor = ?")
            params.append(self._session.actor)
        elif self._session.role == "counselor":  # their own calls and the current shift's (DESIGN.md §4)
            clauses.append("(c.counselor = ? OR c.shift_id IS ?)")
            params.extend((self._session.actor, current_shift_id(self._store, utc_now())))
        bounds, values = self._date_bounds(flt, since)
        clauses.extend("c." + bound for bound in bounds)
        params.extend(values)
        if flt.kind:
            clauses.append("c.kind = ?")
            params.append(flt.kind)
        if flt.risk_level == NOT_ASSESSED:  # stored as "none" without an assessment row (statistics: §9)
            clauses.append("c.risk_level = 'none' AND NOT EXISTS (SELECT 1 FROM risk_assessment WHERE call_id = c.id)")
        elif flt.risk_level == "none":  # no risk: found by an assessment, never merely not assessed
            clauses.append("c.risk_level = 'none' AND EXISTS (SELECT 1 FROM risk_assessment WHERE call_id = c.id)")
        elif flt.risk_level:
            clauses.append("c.risk_level = ?")
            params.append(flt.risk_level)
        if flt.follow_up_due:
            due = "done_at IS NULL AND due_at < ?"
            clauses.append(
                f"EXISTS (SELECT 1 FROM follow_up WHERE call_id = c.id AND {due})"
                if along_time
                else f"c.id IN (SELECT call_id FROM follow_up WHERE {due})"
            )
            params.append(_due_limit())
        if flt.concern:
            if along_time:
                sql, codes = _concern_codes(flt.concern, "EXISTS (SELECT 1 FROM call_concern WHERE call_id = c.id AND ")
                clauses.append(sql + ")")
            else:
                sql, codes = _concern_codes(flt.concern, "c.id IN (SELECT call_id FROM call_concern WHERE ")
                clauses.append(sql + ")")
            params.extend(codes)
        query = match_query(flt.text)
        if query:
            # `+c.id` keeps the planner on the start-time index; the matches become a lookup table.
            member = "+c.id" if along_time else "c.id"
            # Only the index entries of calls in the date window are read: their ids lie between the
            # window's smallest and largest id, a range FTS5 seeks to.
            low, high = self._id_range(flt, since)
            clauses.append(
                f"{member} IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? AND rowid BETWEEN ? AND ?)"
            )
            params.extend((query, low, high))
        return " AND ".join(clauses), tuple(params)

    def _id_range(self, flt: CallFilter, since: str | None) -> tuple[int, int]:
        """The smallest and largest id of the calls in the filter's date window (all calls without one)."""
        bounds, params = self._date_bounds(flt, since)
        if not bounds:
            return 0, 2**63 - 1
        low, high = self._store.one(f"SELECT min(id), max(id) FROM call WHERE {' AND '.join(bounds)}", params)
        return (low, high) if low is not None else (0, -1)

    def case_history(self, case_code: str) -> list[CaseVisit]:
        """Earlier calls of a case code the caller quotes: dates, concerns, risk level (no notes)."""
        code = normalize_case_code(case_code)
        if code is None:
            return []
        rows = self._store.rows(
            f"SELECT {_ROW_COLUMNS} FROM call c WHERE c.case_code = ? AND c.status = 'final' ORDER BY c.started_at",
            (code,),
        )
        if rows:
            self._session.audit.append(self._session.actor, "case.looked_up", code)
        return [CaseVisit(r.id, r.started_at, r.concerns, r.risk_level, r.risk_assessed) for r in map(_call_row, rows)]

    # ----- drafts -------------------------------------------------------------------------------

    def save_draft(self, form: CallInput, call_id: int | None = None, choices: privacy.Choices | None = None) -> None:
        """Keep the form in progress (encrypted with the database; free text through the guard too, with the
        counselor's choices so far: text marked by hand is hidden in the draft as in the call)."""
        draft = guarded_draft(form, choices)
        with self._store.transaction():
            self._store.execute(
                "INSERT INTO draft (account, call_id, saved_at, payload) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (account) DO UPDATE SET call_id = excluded.call_id,"
                " saved_at = excluded.saved_at, payload = excluded.payload",
                (self._session.actor, call_id, utc_now_iso(), draft.to_json()),
            )

    def load_draft(self) -> Draft | None:
        """This counselor's draft; one this program cannot read (an older format) is set aside as unreadable."""
        row = self._store.one("SELECT payload, call_id, saved_at FROM draft WHERE account = ?", (self._session.actor,))
        if row is None:
            return None
        try:
            form = CallInput.from_json(row[0])
        except (TypeError, KeyError, ValueError) as exc:
            log.warning("a draft could not be read (%s); it was discarded", type(exc).__name__)
            self.discard_draft()
            return None
        return Draft(form, row[1], parse_iso(row[2]))

    def discard_draft(self) -> None:
        self._store.execute("DELETE FROM draft WHERE account = ?", (self._session.actor,))

    def note_draft_restored(self) -> None:
        self._session.audit.append(self._session.actor, "draft.restored", self._session.actor)


def _first_of_group(concerns: list[str]) -> list[tuple[str, int]]:
    """Each distinct concern with 1 when no smaller code of its group is among the call's concerns: the
    statistics count a group once per call from these flags (schema migration 11)."""
    seen, marked = set(), []
    for code in sorted(set(concerns)):
        group = code.split(".")[0]
        marked.append((code, int(group not in seen)))
        seen.add(group)
    return marked
