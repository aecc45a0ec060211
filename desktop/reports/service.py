"""The statistics of a window for leads and admins, and their export as CSV or the monthly PDF (no Qt).

The statistics view asks `StatsService(session).window(date_from, date_to)` on a worker thread (with a
session of its own, see `Session.another`), shows the `StatsWindow` it gets, and exports that same
window: what is written is what was on screen. An export is written atomically and recorded in the
audit log as `stats.exported`, as `python main.py stats --out` does.

The preset windows are seat days: "today", "this week" (Monday to today) and "this month" (the 1st to
today); "this shift" is the current shift's own time, from its start (see `this_shift`).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.clock import seat_time, utc_now
from desktop.errors import BadInput
from desktop.fsutil import atomic_write_bytes
from desktop.reports.stats import count_between, count_days, to_csv
from desktop.seat import Session
from desktop.shift_window import auto_window, current_shift_id
from desktop.shifts import ShiftService

PRESETS = ("today", "week", "last30", "month")


def preset_window(preset: str, today: date) -> tuple[date, date]:
    """The first and last seat day (both included) of a preset window ending `today`."""
    if preset == "today":
        return today, today
    if preset == "week":
        return today - timedelta(days=today.weekday()), today
    if preset == "last30":  # the view opens on it: on the first of a month "this month" is a single day
        return today - timedelta(days=29), today
    if preset == "month":
        return today.replace(day=1), today
    raise BadInput(f"Unknown window {preset!r}: use one of {', '.join(PRESETS)}.", code="window.unknown_preset")


@dataclass(frozen=True)
class StatsWindow:
    date_from: date
    date_to: date
    stats: dict  # the §9 statistics of `statistics()`
    weekday_hour: list[list[int]]  # 7 × 24, Monday first, seat time

    @property
    def days(self) -> list[tuple[str, int]]:
        """(YYYY-MM-DD, calls) for every day of the window, days without calls as 0."""
        by_day = self.stats.get("by_day") or {}
        count = (self.date_to - self.date_from).days + 1
        days = (self.date_from + timedelta(days=n) for n in range(count))
        return [(day.isoformat(), by_day.get(day.isoformat(), 0)) for day in days]


class StatsService:
    def __init__(self, session: Session):
        self._session = session

    def _require(self) -> None:
        self._session.require("lead", "admin", doing="see statistics")

    def window(self, date_from: date, date_to: date) -> StatsWindow:
        """The statistics of the calls started in the seat days `date_from` … `date_to` (both included)."""
        self._require()
        if date_from > date_to:
            raise BadInput("The start date is after the end date.", code="window.from_after_to")
        counted = count_days(self._session.store, date_from, date_to)
        return StatsWindow(date_from, date_to, counted.stats, counted.weekday_hour)

    def this_shift(self, now: datetime | None = None) -> StatsWindow:
        """The statistics of the shift a call starting now belongs to: the open one, from its start, or
        else the automatic shift of now (DESIGN.md §5)."""
        self._require()
        store, now = self._session.store, now or utc_now()
        shift_id = current_shift_id(store, now)
        if shift_id is not None:
            shift = ShiftService(self._session).get(shift_id)
            start, end = shift.started_at, shift.ended_at or now
        else:
            start, end = auto_window(now)
        last = seat_time(end - timedelta(microseconds=1)).date()
        counted = count_between(store, start, end)
        return StatsWindow(
            seat_time(start).date(), max(last, seat_time(start).date()), counted.stats, counted.weekday_hour
        )

    @property
    def center(self) -> str:
        """The name the monthly report carries: the seat's name, as in `stats --format pdf`."""
        return self._session.seat.vault.seat_name

    def export_csv(self, shown: StatsWindow, path: str | Path) -> None:
        """Write `to_csv` of the window to `path`; nothing is left behind when the write fails."""
        self._write(Path(path), to_csv(shown.stats).encode("utf-8"), "csv")

    def export_pdf(self, shown: StatsWindow, path: str | Path, lang: str = "zh") -> None:
        """Write the one-page monthly report of the window to `path`."""
        from desktop.reports.monthly import render_monthly_report  # ReportLab, loaded when first needed

        lang = "zh" if lang.lower().startswith("zh") else "en"
        pdf = render_monthly_report(shown.stats, self.center, shown.date_from, shown.date_to, lang)
        self._write(Path(path), pdf, "pdf")

    def _write(self, target: Path, data: bytes, fmt: str) -> None:
        self._require()
        atomic_write_bytes(target, data)
        self._session.audit.append(self._session.actor, "stats.exported", target.name, {"format": fmt})
