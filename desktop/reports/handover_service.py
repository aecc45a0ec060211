"""The handover summary for the window (leads and admins): which shifts to offer, the PDF of one, and
the record of saving or printing it (no Qt).

The handover view asks `HandoverService(session)` on a worker thread with a session of its own (see
`Session.another`) for `render(shift_id, lang)`, shows the PDF it gets, and saves or prints those same
bytes: what leaves the seat is what was on screen. Saving is recorded as `handover.exported` and printing
as `handover.printed`, with the shift as the object, as `python main.py handover` does.
"""

from dataclasses import dataclass
from pathlib import Path

from desktop.fsutil import atomic_write_bytes
from desktop.reports.handover_data import LEADS, gather
from desktop.seat import Session
from desktop.shifts import Shift, ShiftService
from desktop.store.accounts import AccountRepo


@dataclass(frozen=True)
class ShiftChoice:
    shift: Shift
    lead_name: str  # the lead's display name, "" for an automatic shift or an unknown code


@dataclass(frozen=True)
class HandoverPdf:
    shift_id: int
    pdf: bytes
    calls: int


class HandoverService:
    def __init__(self, session: Session):
        self._session = session

    def require(self) -> None:
        self._session.require(*LEADS, doing="print or save handover summaries")

    def choices(self, limit: int = 30) -> tuple[list[ShiftChoice], int | None]:
        """The latest shifts, newest first, and the one to offer first: the shift that ended last."""
        self.require()
        shifts = ShiftService(self._session)
        names = {a.code: a.display_name for a in AccountRepo(self._session.store).all()}
        recent = [ShiftChoice(s, names.get(s.lead, "") if s.lead else "") for s in shifts.recent(limit)]
        ended = shifts.last_ended()
        return recent, ended.id if ended else None

    def render(self, shift_id: int, lang: str = "zh") -> HandoverPdf:
        """The summary of the shift as PDF bytes, in Chinese or English."""
        from desktop.reports.handover import render_handover  # ReportLab, loaded when first needed

        data = gather(self._session, shift_id)
        return HandoverPdf(shift_id, render_handover(data, lang), data.calls)

    def save(self, made: HandoverPdf, path: str | Path) -> None:
        """Write the PDF to `path`; nothing is left behind, and nothing recorded, when the write fails."""
        self.require()
        target = Path(path)
        with self._session.store.transaction():  # the entry rolls back if the file cannot be written
            self._session.audit.append(
                self._session.actor,
                "handover.exported",
                f"shift:{made.shift_id}",
                {"file": target.name, "calls": made.calls},
            )
            atomic_write_bytes(target, made.pdf)

    def record_printed(self, made: HandoverPdf, pages: int, page_list: str, copies: int = 1) -> None:
        """Record that `pages` sheets of the summary (the pages in `page_list`, like "1-3") were printed."""
        self.require()
        detail = {"pages": pages, "page_list": page_list, "calls": made.calls}
        if copies > 1:
            detail["copies"] = copies
        self._session.audit.append(self._session.actor, "handover.printed", f"shift:{made.shift_id}", detail)
