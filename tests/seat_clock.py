"""Pinning the seat's clock (`desktop.clock.utc_now`) for a test, wherever the program reads it.

Modules take the clock with `from desktop.clock import utc_now`, so setting the attribute of
`desktop.clock` alone would leave the copies they hold reading the real time. `pin_seat_clock` replaces the
clock in `desktop.clock` and in every loaded module of the program that holds it; a module imported later
takes the pinned one. A test that depends on which shift "now" falls in (00–08, 08–16, 16–24 seat time) or
on which day it is must pin the clock: read from the real one, it flips when run near a shift change.
"""

import sys
from datetime import UTC, datetime, timedelta

from desktop import clock

# 12:00 seat time (Asia/Shanghai), four hours from either end of the automatic shift 08–16.
MID_SHIFT = datetime(2026, 11, 18, 4, 0, tzinfo=UTC)
# The moments where a test reading the real clock would flip: just before and at a shift change, and
# the last second of a seat day (Beijing is UTC+8: 08:00 seat time is 00:00 UTC).
AT_BOUNDARIES = (
    MID_SHIFT,
    datetime(2026, 11, 17, 23, 59, 59, 999000, tzinfo=UTC),  # 07:59:59.999, the night shift's last moment
    datetime(2026, 11, 18, 0, 0, tzinfo=UTC),  # 08:00:00, the day shift's first
    datetime(2026, 11, 18, 15, 59, 59, tzinfo=UTC),  # 23:59:59, the seat day's last second
)
BOUNDARY_IDS = ("mid-shift", "07:59:59.999", "08:00", "23:59:59")


class SeatClock:
    """A clock that stands still until moved: `clock()` is the time, `clock.advance(minutes=5)` moves it."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


def _program_modules():
    return [m for name, m in list(sys.modules.items()) if name.split(".")[0] in ("desktop", "ui") and m]


def pin_seat_clock(monkeypatch, moment: datetime = MID_SHIFT) -> SeatClock:
    """Make the program's clock read `moment` (and stand still) until `release_seat_clock` (the `seat_clock`
    fixture of conftest.py calls it after the test)."""
    original, pinned = clock.utc_now, SeatClock(moment)
    monkeypatch.setattr(clock, "utc_now", pinned)
    for module in _program_modules():
        if getattr(module, "utc_now", None) is original:
            monkeypatch.setattr(module, "utc_now", pinned)
    return pinned


def release_seat_clock(real) -> None:
    """Give every module holding a pinned clock the real one `real`, those imported while it was pinned too."""
    for module in _program_modules():
        if isinstance(getattr(module, "utc_now", None), SeatClock):
            module.utc_now = real
