"""The statistics of DESIGN.md §9 ("Statistics JSON"), counted in one pass over the window's calls.

The window holds the calls that started from `date_from` 00:00 up to, not including, the day after
`date_to` 00:00, both in seat time: `date_to` is inclusive, so `stats --from 2025-05-01 --to 2025-05-31`
is the whole of May. Only final calls count (drafts are not records yet, as in the call list).

Counting rules:

- a call with two concerns counts once under each, and once under each distinct group: two items of
  one group count once for that group (a concern's group is the part of its code before the dot, which
  the taxonomy checker enforces, so it is `Taxonomy.concern_group(code)`);
- a missing age band, gender or region counts as `unknown`;
- the risk level is the call's final level (`call.risk_level`: the override where there is one), and
  `not_assessed` for a call saved without an assessment (silent and hang-up calls included), never `none`;
- `crisis_actions` and `referrals_by_kind` count the actions and referrals of the window's calls;
- `by_hour` (24 counts) and `by_day` (`YYYY-MM-DD`) are in seat time;
- `talk_time_s` covers the calls with an end time: `total`, `mean`, `median` (the mean of the two middle
  values for an even count) and `p90` (nearest rank: the smallest duration that at least 90 % of the
  calls do not exceed), in seconds; all zero when no call has an end time.

Keys with a zero count are left out, except `calls_total`, `by_hour` and `talk_time_s`, which are
always there.

How it is counted (issue 17: a window of 100,000 calls took 11 s as 22 queries each reading every call
row, notes and all, through encrypted pages): the window's calls are read once, from the index
`call_for_statistics` that holds what is counted here, so no page of notes is decrypted; SQLite gathers
each month of the window into one row of lists, which Python splits and tallies. Each coded table
(concerns, emotions, crisis actions, referrals) and the assessments are then read once over the window's
calls: by their id range when the window's ids are consecutive (calls saved as they happen), else through
the window's ids. Concerns and emotions are read code by code from their indexes by code, which hold the
concern's group flag too, so nothing is sorted.

`weekday_hour` counts the same window by seat weekday and hour (the statistics view's heat map); it is
not one of the §9 keys and comes out of the same pass (`count_days`, `count_between`).
"""

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from desktop.call_model import RISK_LEVELS
from desktop.clock import seat_zone, to_utc_iso
from desktop.errors import BadInput
from desktop.risk import NOT_ASSESSED
from desktop.store.schema import STATS_CODES, STATS_TALK_MS
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
CHUNK = timedelta(days=31)  # the window is read in pieces this long: memory stays flat however long it is
OFFSET_SAMPLE = timedelta(hours=6)  # how often the zone's UTC offset is looked at over a window

_WINDOW = "started_at >= ? AND started_at < ? AND status = 'final'"
_COLUMNS = ("by_kind", "by_age_band", "by_gender", "by_region", "by_risk_level")
_SEP = "\x1f"  # char(31) joins a call's five codes (NOT NULL columns) into one value to count
_END = "\x1e"  # char(30) ends each call's value in the lists of a piece
# One row for a piece of the window: its calls, their smallest and largest id, and each call's codes, seat
# hour and talk time as lists in text. SQLite aggregates without sorting, and splitting three strings costs
# Python far less than a row object per call did (a million calls: 3.8 s fetched and tallied row by row).
_CALLS = (
    "SELECT count(*), min(id), max(id),"
    f" group_concat({STATS_CODES}, char(30)),"
    # the seat hour as hours since 1970-01-01 00:00 seat time; the talk time in milliseconds (NULL, left out of
    # the list: no end)
    " group_concat((unixepoch(started_at) + ?) / 3600, char(30)),"
    f" group_concat({STATS_TALK_MS}, char(30))"
    f" FROM call INDEXED BY call_for_statistics WHERE {_WINDOW}"
)
_EPOCH_DAY = date(1970, 1, 1).toordinal()


# Every code of a coded table, found by one seek each in its index by code, with the window's calls that
# have it: the index read is only the window's entries, and no sort is needed. `{count}` is what is counted
# of each code's entries.
_BY_CODE = (
    "WITH RECURSIVE codes (code) AS (SELECT min(code) FROM {table}"
    " UNION ALL SELECT (SELECT min(code) FROM {table} WHERE code > codes.code) FROM codes WHERE code IS NOT NULL)"
    " SELECT code, (SELECT {count} FROM {table} t WHERE t.code = codes.code AND {calls}) FROM codes"
    " WHERE code IS NOT NULL"
)
# For concerns the same entries give the group's count too: `first_of_group` marks one item of each group in a
# call (schema migration 11). Both counts come from one read, packed in one integer (calls, then firsts).
_PACK = 1 << 32
_CONCERN_COUNTS = f"count(*) * {_PACK} + coalesce(sum(first_of_group), 0)"
_CODED = {  # key: (table, column), grouped by a sort (few rows: crisis actions and referrals)
    "crisis_actions": ("crisis_action", "action"),
    "referrals_by_kind": ("referral", "kind"),
}


@dataclass(frozen=True)
class Counted:
    stats: dict  # the §9 statistics
    weekday_hour: list[list[int]]  # 7 × 24, Monday first, seat time


def count_days(store: Store, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> Counted:
    """The statistics and the weekday-hour grid of the calls started in the seat days `date_from` …
    `date_to` (both included), from one pass over those calls."""
    return _count(store, *_bounds(date_from, date_to, zone))


def count_between(store: Store, start: datetime, end: datetime, zone: tzinfo | str | None = None) -> Counted:
    """The same over the calls started in [start, end) (a shift); hours and days in seat time."""
    return _count(store, *_in_zone(start, end, zone))


def statistics(store: Store, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> dict:
    """The statistics of the calls started in the seat days `date_from` … `date_to` (both included)."""
    return count_days(store, date_from, date_to, zone).stats


def statistics_between(store: Store, start: datetime, end: datetime, zone: tzinfo | str | None = None) -> dict:
    """The same statistics over the calls started in [start, end) (a shift); hours and days in seat time."""
    return count_between(store, start, end, zone).stats


def weekday_hour(store: Store, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> list[list[int]]:
    """The window's calls (as in `statistics`) by seat weekday and seat hour: seven lists of 24 counts,
    Monday first, `result[weekday][hour]`. Not one of the §9 keys: the statistics view's heat map."""
    return count_days(store, date_from, date_to, zone).weekday_hour


def _count(store: Store, start: datetime, end: datetime) -> Counted:
    """The statistics and the weekday-hour grid of the calls started in [start, end); `start` carries the
    seat's zone, in which hours and days are counted."""
    tally = _Tally()
    for piece_start, piece_end, offset in _pieces(start, end):
        tally.add(*store.one(_CALLS, (offset, piece_start, piece_end)))
    window = (to_utc_iso(start), to_utc_iso(end))
    calls, params = tally.calls_sql(window)
    stats = {"calls_total": tally.total}
    columns = [Counter() for _ in _COLUMNS]
    for codes, count in tally.codes.items():
        for counter, code in zip(columns, codes.split(_SEP), strict=True):
            counter[code] += count
    for key, counter in zip(_COLUMNS, columns, strict=True):
        stats[key] = _counts(counter.items())
    by_concern, by_group, by_emotion = Counter(), Counter(), Counter()
    if tally.total:
        concerns = _BY_CODE.format(table="call_concern", count=_CONCERN_COUNTS, calls=calls)
        for code, packed in store.rows(concerns, params):
            count, firsts = divmod(packed, _PACK)
            by_concern[code] += count
            by_group[code.split(".")[0]] += firsts
        emotions = _BY_CODE.format(table="call_emotion", count="count(*)", calls=calls)
        by_emotion.update(dict(store.rows(emotions, params)))
    stats["by_concern"], stats["by_concern_group"] = _counts(by_concern.items()), _counts(by_group.items())
    stats["by_emotion"] = _counts(by_emotion.items())
    for key, (table, column) in _CODED.items():
        sql = f"SELECT {column}, count(*) FROM {table} WHERE {calls} GROUP BY 1"
        stats[key] = _counts(store.rows(sql, params)) if tally.total else {}
    levels = Counter(stats["by_risk_level"])
    if levels.get("none"):  # a stored "none" is an assessment's level, or no assessment at all
        assessed = store.one(f"SELECT count(*) FROM risk_assessment WHERE final_level = 'none' AND {calls}", params)
        levels[NOT_ASSESSED] = levels["none"] - assessed[0]
        levels["none"] = assessed[0]
    stats["by_risk_level"] = dict(sorted(((k, v) for k, v in levels.items() if v), key=lambda kv: _level_rank(kv[0])))
    by_hour, days, grid = [0] * 24, Counter(), [[0] * 24 for _ in range(7)]
    for hours, count in tally.hours.items():
        day, hour = divmod(int(hours), 24)  # days since 1970-01-01, a Thursday (weekday 3)
        by_hour[hour] += count
        days[day] += count
        grid[(day + 3) % 7][hour] += count
    stats["by_hour"] = by_hour
    stats["by_day"] = {date.fromordinal(_EPOCH_DAY + day).isoformat(): days[day] for day in sorted(days)}
    stats["talk_time_s"] = _talk_time(tally.durations)
    return Counted({key: stats[key] for key in SECTIONS}, grid)


class _Tally:
    """What one pass over the window's call rows counts."""

    def __init__(self):
        self.total = 0
        self.codes = Counter()  # the five codes of _COLUMNS, joined by _SEP → calls
        self.hours = Counter()  # seat hours since 1970-01-01 00:00 seat time, in text → calls
        self.durations = Counter()  # milliseconds, in text → calls with an end time
        self.low = self.high = None  # the smallest and largest id

    def add(self, calls: int, low: int | None, high: int | None, codes: str, hours: str, durations: str) -> None:
        """A piece of the window, as `_CALLS` reads it."""
        if not calls:
            return
        self.total += calls
        self.codes.update(codes.split(_END))
        self.hours.update(hours.split(_END))
        self.durations.update(durations.split(_END) if durations else ())
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)

    def calls_sql(self, window: tuple[str, str]) -> tuple[str, tuple]:
        """SQL testing a table's `call_id` for the window's calls, and its parameters: an id range when
        the window's ids are consecutive (it then holds no other call), else the window's ids."""
        if self.total and self.high - self.low + 1 == self.total:
            return "call_id BETWEEN ? AND ?", (self.low, self.high)
        return f"call_id IN (SELECT id FROM call INDEXED BY call_for_statistics WHERE {_WINDOW})", window


def _counts(pairs) -> dict[str, int]:
    """Counts by key, sorted; an empty key as `unknown`; zero counts left out."""
    counted = Counter()
    for key, count in pairs:
        counted[key or "unknown"] += count
    return {key: count for key, count in sorted(counted.items()) if count}


def _bounds(date_from: date, date_to: date, zone: tzinfo | str | None) -> tuple[datetime, datetime]:
    """The window's start and end (exclusive) as aware datetimes in the seat's zone."""
    if date_from > date_to:
        raise BadInput("--from is after --to.", code="window.from_after_to")
    zone = seat_zone(zone) if isinstance(zone, str) else zone or seat_zone()
    return datetime.combine(date_from, time.min, zone), datetime.combine(date_to + timedelta(days=1), time.min, zone)


def _in_zone(start: datetime, end: datetime, zone: tzinfo | str | None) -> tuple[datetime, datetime]:
    """The window's ends in the seat's zone, which the hour and day counts are read in."""
    if start > end:
        raise BadInput("The start of the window is after its end.", code="window.from_after_to")
    zone = seat_zone(zone) if isinstance(zone, str) else zone or seat_zone()
    return start.astimezone(zone), end.astimezone(zone)


def _level_rank(level: str) -> tuple[int, str]:
    """`not_assessed` first, then the risk levels lowest first; a level this program does not know after
    them, by name."""
    if level == NOT_ASSESSED:
        return -1, ""
    return (RISK_LEVELS.index(level), "") if level in RISK_LEVELS else (len(RISK_LEVELS), level)


def _offset_s(moment: datetime, zone: tzinfo) -> int:
    return int(moment.astimezone(zone).utcoffset().total_seconds())


def _pieces(start: datetime, end: datetime) -> Iterator[tuple[str, str, int]]:
    """[start, end) cut where the zone's UTC offset changes and into pieces of at most CHUNK: (start, end as
    stored UTC strings, offset in s)."""
    for begin, stop, offset in _constant_offset_stretches(start, end):
        while begin < stop:
            piece_end = min(begin + CHUNK, stop)
            yield to_utc_iso(begin), to_utc_iso(piece_end), offset
            begin = piece_end


def _constant_offset_stretches(start: datetime, end: datetime) -> list[tuple[datetime, datetime, int]]:
    """[start, end) cut where the zone's UTC offset changes: (start, end in UTC, offset in s).

    The offset is sampled every `OFFSET_SAMPLE` of UTC time and a change is pinned to its second by
    bisection (zone changes fall on whole seconds, and so do the window's ends). No zone has changed its
    offset twice within six hours; sampling every hour took 0.4 s for a window of nine years.
    """
    zone = start.tzinfo
    begin, stop = start.astimezone(UTC), end.astimezone(UTC)
    stretches, offset, moment = [], _offset_s(begin, zone), begin
    while moment < stop:
        step = min(moment + OFFSET_SAMPLE, stop)
        if _offset_s(step, zone) != offset:
            low, high = moment, step  # the offset is `offset` at low and differs at high; both whole seconds
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low).total_seconds() // 2)
                low, high = (middle, high) if _offset_s(middle, zone) == offset else (low, middle)
            stretches.append((begin, high, offset))
            begin, offset = high, _offset_s(high, zone)
        moment = step
    stretches.append((begin, stop, offset))
    return [(a, b, off) for a, b, off in stretches if a < b]


def _number(value: float) -> int | float:
    """Whole seconds as an int, others to the millisecond."""
    value = round(float(value), 3)
    return int(value) if value.is_integer() else value


def _talk_time(durations: Counter) -> dict[str, int | float]:
    """Total, mean, median and p90 in seconds of the durations (milliseconds in text → calls)."""
    ordered = sorted((int(ms), calls) for ms, calls in durations.items())
    count = sum(calls for _, calls in ordered)
    if not count:
        return dict.fromkeys(TALK_TIME_KEYS, 0)

    def ranked(rank: int) -> int:
        """The duration at `rank` (0-based) of the sorted durations, in milliseconds."""
        seen = 0
        for ms, calls in ordered:
            seen += calls
            if rank < seen:
                return ms
        raise AssertionError("rank beyond the count")

    total = sum(ms * calls for ms, calls in ordered) / 1000
    median = (ranked((count - 1) // 2) + ranked(count // 2)) / 2000
    p90 = ranked((9 * count + 9) // 10 - 1) / 1000  # nearest rank: ceil(0.9 n), 1-based
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
