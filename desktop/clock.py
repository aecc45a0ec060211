"""Times are stored as UTC ISO-8601 strings and shown in the seat's zone (DESIGN.md §5)."""

from datetime import UTC, date, datetime, time, timedelta, timezone

DEFAULT_ZONE = "Asia/Shanghai"


def utc_now() -> datetime:
    return datetime.now(UTC)


def utc_now_iso() -> str:
    return to_utc_iso(utc_now())


def to_utc_iso(moment: datetime) -> str:
    """`2025-05-01T14:14:00.000Z`: sortable as text, which the indexes rely on."""
    if moment.tzinfo is None:
        raise ValueError("a stored time must carry its zone")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def seat_zone(name: str = DEFAULT_ZONE):
    """The seat's zone; China Standard Time (UTC+8, no daylight saving) when the zone database is missing."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: the log-in window is painted without it (§10)

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=8), "CST")


def seat_day_bounds(day: date, zone=None) -> tuple[str, str]:
    """[start, end) of a seat day as stored UTC strings."""
    zone = zone or seat_zone()
    start = datetime.combine(day, time.min, zone)
    return to_utc_iso(start), to_utc_iso(datetime.combine(day + timedelta(days=1), time.min, zone))


def seat_time(moment: datetime, zone=None) -> datetime:
    return moment.astimezone(zone or seat_zone())


def seat_today() -> date:
    """The seat's date now (Asia/Shanghai by default), whatever the computer's zone."""
    return seat_time(utc_now()).date()
