"""The statistics of DESIGN.md §9 ("Statistics JSON"), counted in SQL over the indexed call columns.

The window holds the calls that started from `date_from` 00:00 up to, not including, the day after
`date_to` 00:00, both in seat time: `date_to` is inclusive, so `stats --from 2025-05-01 --to 2025-05-31`
is the whole of May. Only final calls count (drafts are not records yet, as in the call list).

Counting rules:

- a call with two concerns counts once under each, and once under each distinct group: two items of
  one group count once for that group (a concern's group is the part of its code before the dot, which
  the taxonomy checker enforces, so it is `Taxonomy.concern_group(code)`);
- a missing age band, gender or region counts as `unknown`;
- the risk level is the call's final level (`call.risk_level`: the override where there is one), `none`
  for a call without an assessment;
- `crisis_actions` and `referrals_by_kind` count the actions and referrals of the window's calls;
- `by_hour` (24 counts) and `by_day` (`YYYY-MM-DD`) are in seat time;
- `talk_time_s` covers the calls with an end time: `total`, `mean`, `median` (the mean of the two middle
  values for an even count) and `p90` (nearest rank: the smallest duration that at least 90 % of the
  calls do not exceed), in seconds; all zero when no call has an end time.

Keys with a zero count are left out, except `calls_total`, `by_hour` and `talk_time_s`, which are
always there.

`weekday_hour` counts the same window by seat weekday and hour (the statistics view's heat map); it is
not one of the §9 keys.
"""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from desktop.call_model import RISK_LEVELS
from desktop.clock import seat_zone, to_utc_iso
from desktop.errors import BadInput
from desktop.store.store import Store

SECTIONS = (
    "calls_total",
    "by_kind",
    "by_concern",
    "by_concern_group",
    "by_emotion",
    "by_age_band",
    "by_gender",
    "by_region",
    "by_risk_level",
    "by_hour",
    "by_day",
    "crisis_actions",
    "referrals_by_kind",
    "talk_time_s",
)
TALK_TIME_KEYS = ("total", "mean", "median", "p90")

# The window's calls; every query below joins or filters on it. Two parameters: start and end (UTC).
_IN_WINDOW = "c.started_at >= ? AND c.started_at < ? AND c.status = 'final'"
_UNKNOWN_IF_EMPTY = "coalesce(nullif(c.{0}, ''), 'unknown')"
_DURATION = "round(unixepoch(c.ended_at, 'subsec') - unixepoch(c.started_at, 'subsec'), 3)"


def statistics(store: Store, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> dict:
    """The statistics of the calls started in the seat days `date_from` … `date_to` (both included)."""
    start, end = _bounds(date_from, date_to, zone)
    return statistics_between(store, start, end, start.tzinfo)


def statistics_between(store: Store, start: datetime, end: datetime, zone: tzinfo | str | None = None) -> dict:
    """The same statistics over the calls started in [start, end) (a shift); hours and days in seat time."""
    start, end = _in_zone(start, end, zone)
    window = (to_utc_iso(start), to_utc_iso(end))

    def counts(sql: str) -> dict[str, int]:
        return {key: count for key, count in sorted(store.rows(sql, window)) if count}

    def column(name: str) -> dict[str, int]:
        value = _UNKNOWN_IF_EMPTY.format(name)
        return counts(f"SELECT {value}, count(*) FROM call c WHERE {_IN_WINDOW} GROUP BY 1")

    def coded(table: str, key: str = "code", distinct_calls: bool = False) -> dict[str, int]:
        count = "count(DISTINCT t.call_id)" if distinct_calls else "count(*)"
        return counts(
            f"SELECT {key}, {count} FROM {table} t JOIN call c ON c.id = t.call_id WHERE {_IN_WINDOW} GROUP BY 1"
        )

    by_hour, by_day = _by_hour_and_day(store, start, end)
    risk = column("risk_level")
    return {
        "calls_total": store.one(f"SELECT count(*) FROM call c WHERE {_IN_WINDOW}", window)[0],
        "by_kind": column("kind"),
        "by_concern": coded("call_concern"),
        "by_concern_group": coded(
            "call_concern", "substr(t.code, 1, instr(t.code || '.', '.') - 1)", distinct_calls=True
        ),
        "by_emotion": coded("call_emotion"),
        "by_age_band": column("age_band"),
        "by_gender": column("gender"),
        "by_region": column("region"),
        "by_risk_level": dict(sorted(risk.items(), key=lambda kv: _level_rank(kv[0]))),
        "by_hour": by_hour,
        "by_day": by_day,
        "crisis_actions": coded("crisis_action", "t.action"),
        "referrals_by_kind": coded("referral", "t.kind"),
        "talk_time_s": _talk_time(store, window),
    }


def weekday_hour(store: Store, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> list[list[int]]:
    """The window's calls (as in `statistics`) by seat weekday and seat hour: seven lists of 24 counts,
    Monday first, `result[weekday][hour]`. Not one of the §9 keys: the statistics view's heat map."""
    start, end = _bounds(date_from, date_to, zone)
    return weekday_hour_between(store, start, end, start.tzinfo)


def weekday_hour_between(
    store: Store, start: datetime, end: datetime, zone: tzinfo | str | None = None
) -> list[list[int]]:
    """`weekday_hour` over the calls started in [start, end)."""
    start, end = _in_zone(start, end, zone)
    grid = [[0] * 24 for _ in range(7)]
    for seg_start, seg_end, offset in _constant_offset_stretches(start, end):
        shift = f"{offset:+d} seconds"
        rows = store.rows(
            "SELECT CAST(strftime('%w', c.started_at, ?) AS INTEGER), CAST(strftime('%H', c.started_at, ?) AS INTEGER),"
            f" count(*) FROM call c WHERE {_IN_WINDOW} GROUP BY 1, 2",
            (shift, shift, seg_start, seg_end),
        )
        for sunday_first, hour, count in rows:  # SQLite's %w: 0 is Sunday
            grid[(sunday_first + 6) % 7][hour] += count
    return grid


def _bounds(date_from: date, date_to: date, zone: tzinfo | str | None) -> tuple[datetime, datetime]:
    """The window's start and end (exclusive) as aware datetimes in the seat's zone."""
    if date_from > date_to:
        raise BadInput("--from is after --to.")
    zone = seat_zone(zone) if isinstance(zone, str) else zone or seat_zone()
    return datetime.combine(date_from, time.min, zone), datetime.combine(date_to + timedelta(days=1), time.min, zone)


def _in_zone(start: datetime, end: datetime, zone: tzinfo | str | None) -> tuple[datetime, datetime]:
    """The window's ends in the seat's zone, which the hour and day counts are read in."""
    if start > end:
        raise BadInput("The start of the window is after its end.")
    zone = seat_zone(zone) if isinstance(zone, str) else zone or seat_zone()
    return start.astimezone(zone), end.astimezone(zone)


def _level_rank(level: str) -> tuple[int, str]:
    """Risk levels lowest first; a level this program does not know after them, by name."""
    return (RISK_LEVELS.index(level), "") if level in RISK_LEVELS else (len(RISK_LEVELS), level)


def _by_hour_and_day(store: Store, start: datetime, end: datetime) -> tuple[list[int], dict[str, int]]:
    """Calls by seat hour and seat day: SQL shifts the stored UTC times by the zone's offset, one query
    per stretch of constant offset (one stretch for Asia/Shanghai, which has no daylight saving)."""
    by_hour = [0] * 24
    by_day: dict[str, int] = {}
    for seg_start, seg_end, offset in _constant_offset_stretches(start, end):
        shift = f"{offset:+d} seconds"
        rows = store.rows(
            "SELECT strftime('%Y-%m-%d', c.started_at, ?), CAST(strftime('%H', c.started_at, ?) AS INTEGER),"
            f" count(*) FROM call c WHERE {_IN_WINDOW} GROUP BY 1, 2",
            (shift, shift, seg_start, seg_end),
        )
        for day, hour, count in rows:
            by_hour[hour] += count
            by_day[day] = by_day.get(day, 0) + count
    return by_hour, dict(sorted(by_day.items()))


def _offset_s(moment: datetime, zone: tzinfo) -> int:
    return int(moment.astimezone(zone).utcoffset().total_seconds())


def _constant_offset_stretches(start: datetime, end: datetime) -> list[tuple[str, str, int]]:
    """[start, end) cut where the zone's UTC offset changes: (start, end as stored UTC strings, offset in s).

    The offset is sampled every UTC hour and a change is pinned to its second by bisection (zone
    changes fall on whole seconds, and so do the window's ends).
    """
    zone = start.tzinfo
    begin, stop = start.astimezone(UTC), end.astimezone(UTC)
    stretches, offset, moment = [], _offset_s(begin, zone), begin
    while moment < stop:
        step = min(moment + timedelta(hours=1), stop)
        if _offset_s(step, zone) != offset:
            low, high = moment, step  # the offset is `offset` at low and differs at high; both whole seconds
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low).total_seconds() // 2)
                low, high = (middle, high) if _offset_s(middle, zone) == offset else (low, middle)
            stretches.append((begin, high, offset))
            begin, offset = high, _offset_s(high, zone)
        moment = step
    stretches.append((begin, stop, offset))
    return [(to_utc_iso(a), to_utc_iso(b), off) for a, b, off in stretches if a < b]


def _number(value: float) -> int | float:
    """Whole seconds as an int, others to the millisecond."""
    value = round(float(value), 3)
    return int(value) if value.is_integer() else value


def _talk_time(store: Store, window: tuple[str, str]) -> dict[str, int | float]:
    ended = f"{_IN_WINDOW} AND c.ended_at IS NOT NULL"
    count, total = store.one(f"SELECT count(*), coalesce(sum({_DURATION}), 0) FROM call c WHERE {ended}", window)
    if not count:
        return dict.fromkeys(TALK_TIME_KEYS, 0)

    def ranked(offset: int, limit: int) -> float:
        """The mean of the `limit` durations from rank `offset` (0-based) upwards."""
        return store.one(
            f"SELECT avg(d) FROM (SELECT {_DURATION} AS d FROM call c WHERE {ended} ORDER BY d LIMIT ? OFFSET ?)",
            (*window, limit, offset),
        )[0]

    median = ranked((count - 1) // 2, 2 - count % 2)
    p90 = ranked((9 * count + 9) // 10 - 1, 1)  # nearest rank: ceil(0.9 n), 1-based
    return {"total": _number(total), "mean": _number(total / count), "median": _number(median), "p90": _number(p90)}


def to_csv(stats: dict) -> str:
    """The statistics as CSV with the columns `section,key,count`, sections in the order of §9.

    `calls_total` is the row `calls_total,total,N`; `by_hour` has all 24 rows (keys 0–23); the rest keep
    the order of the statistics (by key; risk levels lowest first).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "key", "count"))
    for section in SECTIONS:
        value = stats.get(section)
        if section == "calls_total":
            writer.writerow((section, "total", value or 0))
        elif section == "by_hour":
            writer.writerows((section, hour, count) for hour, count in enumerate(value or [0] * 24))
        else:
            writer.writerows((section, key, count) for key, count in (value or {}).items())
    return out.getvalue()
