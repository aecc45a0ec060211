"""Shifts (DESIGN.md §1, §5): a lead opens one, writes the handover note and closes it.

A lead (or admin) opens a shift with the counselors on duty and a planned end. Only one shift a lead
opened is open on a seat at a time. Which shift a call belongs to is decided in `desktop.shift_window`.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.call_model import clean_text
from desktop.clock import parse_iso, to_utc_iso, utc_now, utc_now_iso
from desktop.errors import BadInput
from desktop.privacy import Choices, guard
from desktop.seat import Session, check_staff_code
from desktop.shift_window import shift_for
from desktop.store.store import Store

MAX_NOTE = 50_000
MAX_PLANNED_HOURS = 24
LEADS = ("lead", "admin")

_COLUMNS = "id, lead, started_at, planned_end, ended_at, counselors, handover_note, automatic"


@dataclass(frozen=True)
class Shift:
    id: int
    lead: str | None  # None for an automatic shift
    started_at: datetime
    planned_end: datetime | None
    ended_at: datetime | None  # None while a lead's shift is open; an automatic shift ends with its window
    counselors: tuple[str, ...]
    handover_note: str
    automatic: bool

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def end_or(self, now: datetime) -> datetime:
        """Where the shift's window ends: its end, or `now` while it is open."""
        return self.ended_at or now


def _shift(row) -> Shift:
    ident, lead, started, planned, ended, counselors, note, automatic = row
    return Shift(
        ident,
        lead,
        parse_iso(started),
        parse_iso(planned) if planned else None,
        parse_iso(ended) if ended else None,
        tuple(json.loads(counselors)),
        note,
        bool(automatic),
    )


class ShiftService:
    def __init__(self, session: Session):
        self._session = session
        self._store = session.store

    def get(self, shift_id: int) -> Shift:
        row = self._store.one(f"SELECT {_COLUMNS} FROM shift WHERE id = ?", (shift_id,))
        if row is None:
            raise BadInput(f"There is no shift {shift_id} on this seat.", code="shift.unknown", shift=shift_id)
        return _shift(row)

    def open_shift(self) -> Shift | None:
        """The shift a lead opened and has not closed, if any."""
        row = self._store.one(f"SELECT {_COLUMNS} FROM shift WHERE automatic = 0 AND ended_at IS NULL")
        return _shift(row) if row else None

    def current(self, now: datetime | None = None) -> Shift:
        """The shift a call starting now would belong to: the open one, else the automatic one of now."""
        return self.get(shift_for_now(self._store, now or utc_now()))

    def last_ended(self) -> Shift | None:
        """The shift that ended last (a lead's or an automatic one whose window is over)."""
        row = self._store.one(
            f"SELECT {_COLUMNS} FROM shift WHERE ended_at IS NOT NULL AND ended_at <= ?"
            " AND (automatic = 0 OR EXISTS (SELECT 1 FROM call WHERE shift_id = shift.id))"
            " ORDER BY ended_at DESC, id DESC LIMIT 1",
            (utc_now_iso(),),
        )
        return _shift(row) if row else None

    def recent(self, limit: int = 30) -> list[Shift]:
        """The latest shifts (automatic ones only when they hold calls), newest first."""
        rows = self._store.rows(
            f"SELECT {_COLUMNS} FROM shift WHERE automatic = 0 OR EXISTS (SELECT 1 FROM call WHERE shift_id = shift.id)"
            " ORDER BY started_at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [_shift(r) for r in rows]

    def open(self, counselors: list[str], planned_end: datetime, now: datetime | None = None) -> Shift:
        """Open a shift led by the person logged in (leads and admins)."""
        self._session.require(*LEADS, doing="open a shift")
        now = now or utc_now()
        if planned_end <= now:
            raise BadInput("The planned end of the shift must be later than now.", code="shift.end_in_past")
        if planned_end - now > timedelta(hours=MAX_PLANNED_HOURS):
            raise BadInput(
                f"A shift is planned for at most {MAX_PLANNED_HOURS} hours; choose an earlier end.",
                code="shift.too_long",
                hours=MAX_PLANNED_HOURS,
            )
        on_duty = list(dict.fromkeys(check_staff_code(code.strip()) for code in counselors if code.strip()))
        with self._store.transaction():
            already = self.open_shift()
            if already is not None:
                raise BadInput(
                    f"The shift led by {already.lead} is still open; close it first.",
                    code="shift.still_open",
                    lead=already.lead,
                )
            shift_id = self._store.execute(
                "INSERT INTO shift (lead, started_at, planned_end, counselors, automatic, created_at)"
                " VALUES (?, ?, ?, ?, 0, ?)",
                (self._session.actor, to_utc_iso(now), to_utc_iso(planned_end),
                 json.dumps(on_duty), utc_now_iso()),
            ).lastrowid  # fmt: skip
            self._move_calls_from(now, shift_id)
            self._session.audit.append(self._session.actor, "shift.opened", f"shift:{shift_id}", {"on_duty": on_duty})
        return self.get(shift_id)

    def _move_calls_from(self, moment: datetime, shift_id: int) -> None:
        """Calls already saved with a start at or after `moment` (a clock set back, an import) join the shift."""
        self._store.execute(
            "UPDATE call SET shift_id = ? WHERE started_at >= ?"
            " AND shift_id IN (SELECT id FROM shift WHERE automatic = 1)",
            (shift_id, to_utc_iso(moment)),
        )

    def set_note(self, shift_id: int, note: str, choices: Choices | None = None) -> Counter:
        """Write the handover note through the notes guard; returns what it hid, by kind."""
        self._session.require(*LEADS, doing="write the handover note")
        text = clean_text(note)
        if len(text) > MAX_NOTE:
            raise BadInput(
                f"The handover note is {len(text):,} characters; keep it under {MAX_NOTE:,}.",
                code="shift.note_too_long",
                length=len(text),
                limit=MAX_NOTE,
            )
        choices = choices or Choices()
        guarded = guard(text, choices.keep, choices.marks)
        with self._store.transaction():
            self.get(shift_id)
            self._store.execute("UPDATE shift SET handover_note = ? WHERE id = ?", (guarded.text, shift_id))
            detail = dict(guarded.counts) or None
            self._session.audit.append(self._session.actor, "shift.note_written", f"shift:{shift_id}", detail)
        return guarded.counts

    def set_counselors(self, shift_id: int, counselors: list[str]) -> None:
        self._session.require(*LEADS, doing="change who is on duty")
        on_duty = list(dict.fromkeys(check_staff_code(code.strip()) for code in counselors if code.strip()))
        with self._store.transaction():
            if self.get(shift_id).automatic:
                raise BadInput(
                    "An automatic shift has no duty list; open a shift to record who is on duty.",
                    code="shift.automatic_no_duty",
                )
            self._store.execute("UPDATE shift SET counselors = ? WHERE id = ?", (json.dumps(on_duty), shift_id))
            self._session.audit.append(self._session.actor, "shift.on_duty", f"shift:{shift_id}", {"on_duty": on_duty})

    def close(self, note: str | None = None, now: datetime | None = None) -> Shift:
        """Close the open shift, with its handover note if one is given."""
        self._session.require(*LEADS, doing="close a shift")
        shift = self.open_shift()
        if shift is None:
            raise BadInput("No shift is open on this seat.", code="shift.none_open")
        if note is not None:
            self.set_note(shift.id, note)
        now = now or utc_now()
        with self._store.transaction():
            self._store.execute(
                "UPDATE shift SET ended_at = ? WHERE id = ?", (to_utc_iso(max(now, shift.started_at)), shift.id)
            )
            self._session.audit.append(self._session.actor, "shift.closed", f"shift:{shift.id}")
        return self.get(shift.id)


def shift_for_now(store: Store, now: datetime) -> int:
    with store.transaction():
        return shift_for(store, now)
