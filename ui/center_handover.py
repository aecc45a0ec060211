"""全中心 beside 本席位 in the handover window (issue 16 point 3), for leads and admins of an enrolled seat.

全中心 lays out the centre's handover (`desktop.center.line.center_handover`, then
`desktop.center.line.render_center_handover`) on a worker thread on a connection of its own, like the seat's own
summary, and saves and prints those very bytes (`save_center_handover`, `record_center_handover_printed`). Its
choices are the centre's recent shifts (`recent_shifts`) and today's calls of the whole line. When the centre
cannot be reached the window says the centre's handover cannot be made now and offers the seat's own, labelled
as such.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desktop.clock import seat_time, seat_zone, utc_now
from desktop.seat import Session
from ui import center_line
from ui.center_stats import CenterScope

SHIFT, TODAY = "shift", "today"


@dataclass(frozen=True)
class CentreChoice:
    key: str  # SHIFT or TODAY
    shift_uuid: str | None = None


class HandoverScope(CenterScope):
    """本席位 / 全中心 of the handover window: the statistics view's choice, which can also be set back to this
    seat and offers the centre's shifts."""

    def choose_seat(self) -> None:
        self.this_seat.setChecked(True)
        self.changed.emit()

    def labels(self, shifts: list, names: dict[str, str]) -> list[tuple[str, CentreChoice]]:
        """What the shift list offers in 全中心: the centre's recent shifts, newest first (like "2026-11-18 08:00 –
        16:00 · 班长 李 (L001) · 席位A · closed"), then today's calls of every seat."""
        offered = []
        for shift in shifts:
            start = seat_time(shift.started_at)
            if shift.ended_at is None:
                end, state = self.tr("now"), self.tr("open")
            else:
                end_at = seat_time(shift.ended_at)
                end = end_at.strftime("%H:%M" if end_at.date() == start.date() else "%m-%d %H:%M")
                state = self.tr("closed")
            lead = f"{names[shift.lead]} ({shift.lead})" if shift.lead in names else (shift.lead or "—")
            text = f"{start:%Y-%m-%d %H:%M} – {end} · {lead} · {shift.opened_at_seat} · {state}"
            offered.append((text, CentreChoice(SHIFT, shift.uuid)))
        offered.append((self.tr("Today, every seat of the line"), CentreChoice(TODAY)))
        return offered


def today_window(now: datetime) -> tuple[datetime, datetime]:
    zone = seat_zone()
    start = datetime.combine(now.astimezone(zone).date(), time.min, zone)
    return start, start + timedelta(days=1)


def centre_shifts(session: Session) -> list:
    """On a worker: the centre's recent shifts, newest first. CenterNeeded when the centre is down."""
    with session.another() as own:
        return center_line.core().recent_shifts(own)


def make_centre_pdf(session: Session, choice: CentreChoice, lang: str):
    """On a worker: the centre's handover for `choice` as PDF bytes (CenterHandoverPdf). CenterNeeded when the
    centre is down."""
    line = center_line.core()
    with session.another() as own:
        if choice.key == TODAY:
            start, end = today_window(utc_now())
            return line.render_center_handover(own, date_from=start, date_to=end, lang=lang)
        return line.render_center_handover(own, shift_uuid=choice.shift_uuid, lang=lang)


def is_centre(made) -> bool:
    """The summary on screen is the centre's (its audit object names a centre shift or window)."""
    return hasattr(made, "what")


def save(session: Session, made, path: str) -> None:
    """On a worker: write the centre's summary as shown, recorded in the audit log."""
    with session.another() as own:
        center_line.core().save_center_handover(own, made, path)


def record_printed(own: Session, made, sheets: int, pages: str) -> None:
    center_line.core().record_center_handover_printed(own, made, sheets, pages)


def stale_text(made) -> str:
    """席位 3 自 14:05 未同步：其通话可能不全 — for each seat that had not synced since before the shift ended."""
    from PySide6.QtCore import QCoreApplication

    lines = []
    for seat, since in getattr(made, "stale_seats", ()):
        text = QCoreApplication.translate("CentreHandover", "%1 not synced since %2: its calls may be missing")
        lines.append(text.replace("%1", seat).replace("%2", center_line.clock_text(since)))
    return "\n".join(lines)
