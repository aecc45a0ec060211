"""The centre's handover for the window (no Qt): the PDF bytes of one, made on a worker with a session of its own,
then saved or printed as the very bytes that were shown, each recorded in the seat's audit log as the command
line records `handover --center` (`handover.exported`, `handover.printed`, with the centre shift as the object).
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.center.line_handover import LEADS, center_handover
from desktop.fsutil import atomic_write_bytes


@dataclass(frozen=True)
class CenterHandoverPdf:
    pdf: bytes
    calls: int
    what: str  # the audit object: "center_shift:<uuid>" or "center:<from>/<to>"
    stale_seats: tuple[tuple[str, datetime | None], ...]


def render_center_handover(
    session,
    *,
    shift_uuid: str | None = None,
    last: bool = False,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    lang: str = "zh_CN",
) -> CenterHandoverPdf:
    """The centre's handover as PDF bytes; CenterNeeded when the centre cannot be reached (the window then offers
    the seat's own summary, labelled as the seat's)."""
    from desktop.reports.center_handover_pdf import render_bytes  # ReportLab, loaded when first needed

    data = center_handover(session, shift_uuid=shift_uuid, last=last, date_from=date_from, date_to=date_to)
    if data.shift is not None:
        what = f"center_shift:{data.shift.uuid}"
    else:
        what = f"center:{data.window[0].isoformat()}/{data.window[1].isoformat()}"
    return CenterHandoverPdf(render_bytes(data, lang), data.calls, what, data.stale_seats)


def save_center_handover(session, made: CenterHandoverPdf, path: str | Path) -> None:
    """Write the PDF to `path`; nothing is left behind, and nothing recorded, when the write fails."""
    session.require(*LEADS, doing="print or save handover summaries")
    target = Path(path)
    with session.store.transaction():
        session.audit.append(session.actor, "handover.exported", made.what, {"file": target.name, "calls": made.calls})
        atomic_write_bytes(target, made.pdf)


def record_center_handover_printed(session, made: CenterHandoverPdf, pages: int, page_list: str) -> None:
    session.require(*LEADS, doing="print or save handover summaries")
    detail = {"pages": pages, "page_list": page_list, "calls": made.calls}
    session.audit.append(session.actor, "handover.printed", made.what, detail)
