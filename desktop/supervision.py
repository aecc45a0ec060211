"""Supervision: a lead flags a call for review and writes notes kept apart from the call's own notes.

Supervision notes pass through the notes guard like every free text, are shredded with the call's text
when the retention period ends, and are seen by leads and admins only.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from desktop.call_model import clean_text
from desktop.clock import parse_iso, utc_now_iso
from desktop.errors import BadInput
from desktop.privacy import Choices, guard
from desktop.seat import Session

LEADS = ("lead", "admin")
MAX_NOTE = 20_000


@dataclass(frozen=True)
class SupervisionNote:
    id: int
    call_id: int
    author: str
    created_at: datetime
    text: str


class SupervisionService:
    def __init__(self, session: Session):
        self._session = session
        self._store = session.store

    def _require_call(self, call_id: int) -> None:
        if self._store.one("SELECT 1 FROM call WHERE id = ?", (call_id,)) is None:
            raise BadInput(f"There is no call {call_id}.", code="call.unknown", call=call_id)

    def flag(self, call_id: int, flagged: bool = True) -> None:
        self._session.require(*LEADS, doing="flag calls for supervision")
        with self._store.transaction():
            self._require_call(call_id)
            self._store.execute("UPDATE call SET supervision_flag = ? WHERE id = ?", (int(flagged), call_id))
            action = "supervision.flagged" if flagged else "supervision.unflagged"
            self._session.audit.append(self._session.actor, action, f"call:{call_id}")

    def is_flagged(self, call_id: int) -> bool:
        row = self._store.one("SELECT supervision_flag FROM call WHERE id = ?", (call_id,))
        return bool(row and row[0])

    def add_note(self, call_id: int, text: str, choices: Choices | None = None) -> Counter:
        """Add a supervision note through the notes guard; returns what it hid, by kind."""
        self._session.require(*LEADS, doing="write supervision notes")
        text = clean_text(text).strip()
        if not text:
            raise BadInput("The supervision note is empty.", code="supervision.empty")
        if len(text) > MAX_NOTE:
            raise BadInput(
                f"The supervision note is {len(text):,} characters; keep it under {MAX_NOTE:,}.",
                code="supervision.too_long",
                length=len(text),
                limit=MAX_NOTE,
            )
        choices = choices or Choices()
        guarded = guard(text, choices.keep, choices.marks)
        with self._store.transaction():
            self._require_call(call_id)
            self._store.execute(
                "INSERT INTO supervision_note (call_id, author, created_at, text) VALUES (?, ?, ?, ?)",
                (call_id, self._session.actor, utc_now_iso(), guarded.text),
            )
            self._store.execute("UPDATE call SET supervision_flag = 1 WHERE id = ?", (call_id,))
            detail = dict(guarded.counts) or None
            self._session.audit.append(self._session.actor, "supervision.noted", f"call:{call_id}", detail)
        return guarded.counts

    def notes(self, call_id: int) -> list[SupervisionNote]:
        self._session.require(*LEADS, doing="read supervision notes")
        rows = self._store.rows(
            "SELECT id, call_id, author, created_at, text FROM supervision_note WHERE call_id = ? ORDER BY created_at",
            (call_id,),
        )
        return [SupervisionNote(i, c, a, parse_iso(t), x) for i, c, a, t, x in rows]
