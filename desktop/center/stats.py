"""The statistics of DESIGN.md §9 over every seat's calls, counted in PostgreSQL, plus `by_seat`.

The same window and counting rules as the seat's own (desktop.reports.stats): seat days in the seat's zone, a
call with two concerns counts under each and once under their group, missing codes as `unknown`, the final risk
level (`not_assessed` for a call with no assessment), talk time over the calls with an end (median: the mean of
the two middle values, `percentile_cont`; p90: nearest rank, `percentile_disc`), keys with a zero count left out.
So the centre's counts equal the sum of the seats' own.

The counts come from `center.call_count` (centre migration 4), kept per UTC hour by triggers in the transaction of
every change, so a month reads a few thousand rows whatever the number of calls; `by_seat` and talk time are read
from the (start, seat, end) index of the calls. A zone whose offset is not a whole number of hours cannot be cut
from UTC hours: there every call of the window is counted live, in one pass (GROUPING SETS).
"""

from datetime import date, datetime, tzinfo

from desktop.center import schema
from desktop.errors import BadInput
from desktop.reports.stats import _bounds, _level_rank, _number
from desktop.risk import NOT_ASSESSED

COUNTS_SCHEMA = 4  # the centre schema that keeps the counts; an older centre is counted live

_WINDOW = "c.started_at >= %(start)s AND c.started_at < %(end)s"
_COLUMNS = ("kind", "age_band", "gender", "region", "risk_level")
# §9: a call nobody assessed (a seat sends no computed level for it) is `not_assessed`, never `none`.
_LEVEL = f"CASE WHEN c.computed_level IS NULL AND c.risk_level = 'none' THEN '{NOT_ASSESSED}' ELSE c.risk_level END"
_COUNTED = {"risk_level": "t.level"}


def _zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or "Asia/Shanghai"


# center.call_count's sections, as §9's keys
_KEPT = {
    "kind": "by_kind",
    "age_band": "by_age_band",
    "gender": "by_gender",
    "region": "by_region",
    "risk_level": "by_risk_level",
    "concern": "by_concern",
    "concern_group": "by_concern_group",
    "emotion": "by_emotion",
    "crisis_action": "crisis_actions",
    "referral": "referrals_by_kind",
}


def _whole_hours(*moments: datetime) -> bool:
    return all(m.utcoffset().total_seconds() % 3600 == 0 for m in moments)


def _sorted_counts(counts: dict) -> dict:
    return {k: v for k, v in sorted(counts.items()) if v}


def center_statistics(conn, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> dict:
    """§9's statistics of the calls every seat started in the seat days `date_from` … `date_to`, plus `by_seat`."""
    start, end = _bounds(date_from, date_to, zone)
    if not _whole_hours(start, end) or schema.schema_version(conn) < COUNTS_SCHEMA:
        return _counted_live(conn, start, end)
    params = {"start": start, "end": end}
    sections = {name: {} for name in _KEPT}
    for section, key, count in conn.execute(
        "SELECT section, key, sum(n) FROM center.call_count WHERE hour >= %(start)s AND hour < %(end)s"
        " AND section <> 'calls' GROUP BY 1, 2",
        params,
    ).fetchall():
        if section in sections:
            sections[section][key] = int(count)
    by_hour, by_day, total = [0] * 24, {}, 0
    for local, count in _hours(conn, params, start.tzinfo):
        by_hour[local.hour] += count
        day = local.date().isoformat()
        by_day[day] = by_day.get(day, 0) + count
        total += count
    by_seat = dict(
        conn.execute(
            "SELECT s.name, t.n FROM (SELECT c.seat_id, count(*) AS n FROM center.call c"
            f" WHERE {_WINDOW} GROUP BY 1) t JOIN center.seat s ON s.id = t.seat_id",
            params,
        ).fetchall()
    )
    found = {name: _sorted_counts(sections[section]) for section, name in _KEPT.items()}
    found["by_risk_level"] = dict(sorted(found["by_risk_level"].items(), key=lambda kv: _level_rank(kv[0])))
    return {
        "calls_total": total,
        **{k: found[k] for k in ("by_kind", "by_concern", "by_concern_group", "by_emotion", "by_age_band")},
        **{k: found[k] for k in ("by_gender", "by_region", "by_risk_level")},
        "by_hour": by_hour,
        "by_day": _sorted_counts(by_day),
        "crisis_actions": found["crisis_actions"],
        "referrals_by_kind": found["referrals_by_kind"],
        "talk_time_s": _talk_time(conn, params),
        "by_seat": _sorted_counts(by_seat),
    }


def _hours(conn, params: dict, zone: tzinfo) -> list[tuple[datetime, int]]:
    """The calls of each UTC hour of the window, as (the hour in the seat's zone, calls)."""
    rows = conn.execute(
        "SELECT hour, n FROM center.call_count WHERE hour >= %(start)s AND hour < %(end)s AND section = 'calls'"
        " AND n <> 0",
        params,
    ).fetchall()
    return [(hour.astimezone(zone), int(count)) for hour, count in rows]


def _counted_live(conn, start: datetime, end: datetime) -> dict:
    """The same statistics counted from every call of the window (a zone that UTC hours cannot cut)."""
    params = {"start": start, "end": end, "zone": _zone_name(start.tzinfo)}
    local = "(c.started_at AT TIME ZONE %(zone)s)"
    columns = [_COUNTED.get(name, f"c.{name}") for name in _COLUMNS]
    sets = ", ".join(f"({column})" for column in columns)
    rows = conn.execute(
        f"SELECT {', '.join(f'GROUPING({c})' for c in columns)}, GROUPING(h), GROUPING(d), GROUPING(s.name),"
        f" {', '.join(columns)}, h, d, s.name, count(*)"
        f" FROM center.call c JOIN center.seat s ON s.id = c.seat_id,"
        f" LATERAL (SELECT extract(hour FROM {local})::int AS h, to_char({local}, 'YYYY-MM-DD') AS d,"
        f" {_LEVEL} AS level) t"
        f" WHERE {_WINDOW} GROUP BY GROUPING SETS ({sets}, (h), (d), (s.name))",
        params,
    ).fetchall()
    sections = {name: {} for name in (*_COLUMNS, "hour", "day", "seat")}
    order = (*_COLUMNS, "hour", "day", "seat")
    width = len(order)
    for row in rows:
        flags, values, count = row[:width], row[width : 2 * width], row[-1]
        index = flags.index(0)  # the one column this row is grouped by
        key = values[index]
        if index < len(_COLUMNS):
            key = key or "unknown"
        sections[order[index]][key] = sections[order[index]].get(key, 0) + count

    def sorted_counts(counts: dict) -> dict:
        return {k: v for k, v in sorted(counts.items()) if v}

    def pairs(sql: str) -> dict:
        return sorted_counts(dict(conn.execute(sql, params).fetchall()))

    by_hour = [0] * 24
    for hour, count in sections["hour"].items():
        by_hour[hour] += count
    risk = sorted_counts(sections["risk_level"])
    return {
        "calls_total": sum(sections["seat"].values()),
        "by_kind": sorted_counts(sections["kind"]),
        "by_concern": pairs(
            f"SELECT x, count(*) FROM center.call c, unnest(c.concerns) AS x WHERE {_WINDOW} GROUP BY 1"
        ),
        "by_concern_group": pairs(
            "SELECT g, count(*) FROM center.call c, LATERAL (SELECT DISTINCT split_part(x, '.', 1) AS g"
            f" FROM unnest(c.concerns) AS x) t WHERE {_WINDOW} GROUP BY 1"
        ),
        "by_emotion": pairs(
            f"SELECT x, count(*) FROM center.call c, unnest(c.emotions) AS x WHERE {_WINDOW} GROUP BY 1"
        ),
        "by_age_band": sorted_counts(sections["age_band"]),
        "by_gender": sorted_counts(sections["gender"]),
        "by_region": sorted_counts(sections["region"]),
        "by_risk_level": dict(sorted(risk.items(), key=lambda kv: _level_rank(kv[0]))),
        "by_hour": by_hour,
        "by_day": sorted_counts(sections["day"]),
        "crisis_actions": pairs(
            "SELECT a.action, count(*) FROM center.crisis_action a JOIN center.call c ON c.uuid = a.call_uuid"
            f" WHERE {_WINDOW} GROUP BY 1"
        ),
        "referrals_by_kind": pairs(
            "SELECT r.kind, count(*) FROM center.referral r JOIN center.call c ON c.uuid = r.call_uuid"
            f" WHERE {_WINDOW} GROUP BY 1"
        ),
        "talk_time_s": _talk_time(conn, params),
        "by_seat": sorted_counts(sections["seat"]),
    }


def _talk_time(conn, params: dict) -> dict:
    """Talk time over the calls with an end, each rounded to the millisecond as at the seat; counted in whole
    milliseconds as float8 (exact, and sorted for the percentiles far faster than numeric)."""
    count, total, median, p90 = conn.execute(
        "SELECT count(*), coalesce(sum(d), 0), percentile_cont(0.5) WITHIN GROUP (ORDER BY d),"
        " percentile_disc(0.9) WITHIN GROUP (ORDER BY d)"
        " FROM (SELECT round(date_part('epoch', c.ended_at - c.started_at) * 1000) AS d FROM center.call c"
        f" WHERE {_WINDOW} AND c.ended_at IS NOT NULL) t",
        params,
    ).fetchone()
    if not count:
        return {"total": 0, "mean": 0, "median": 0, "p90": 0}
    total = float(total) / 1000
    return {
        "total": _number(total),
        "mean": _number(total / count),
        "median": _number(float(median) / 1000),
        "p90": _number(float(p90) / 1000),
    }


def center_weekday_hour(conn, date_from: date, date_to: date, zone: tzinfo | str | None = None) -> list[list[int]]:
    """Every seat's calls of the window by seat weekday and hour, as the seat's own `weekday_hour`: seven lists
    of 24 counts, Monday first (the statistics view's heat map)."""
    start, end = _bounds(date_from, date_to, zone)
    params = {"start": start, "end": end, "zone": _zone_name(start.tzinfo)}
    local = "(c.started_at AT TIME ZONE %(zone)s)"
    grid = [[0] * 24 for _ in range(7)]
    if _whole_hours(start, end) and schema.schema_version(conn) >= COUNTS_SCHEMA:
        for moment, count in _hours(conn, params, start.tzinfo):
            grid[moment.weekday()][moment.hour] += count
        return grid
    rows = conn.execute(
        f"SELECT extract(isodow FROM {local})::int, extract(hour FROM {local})::int, count(*)"
        f" FROM center.call c WHERE {_WINDOW} GROUP BY 1, 2",
        params,
    ).fetchall()
    for monday_one, hour, count in rows:
        grid[monday_one - 1][hour] += count
    return grid


def center_window(session, date_from: date, date_to: date):
    """The statistics view's 全中心: §9 over every seat with `by_seat`, and the heat map, counted at the centre
    on a connection as this seat's role. Leads and admins of an enrolled seat; CenterUnreachable when the centre
    does not answer (the seat's own statistics stay usable)."""
    import psycopg

    from desktop.center import link
    from desktop.center.connect import CenterUnreachable
    from desktop.center.sync import open_link
    from desktop.reports.service import StatsWindow

    session.require("lead", "admin", doing="see statistics")
    if date_from > date_to:
        raise BadInput("The start date is after the end date.")
    try:
        with open_link(link.active(session.store)) as conn:
            stats = center_statistics(conn, date_from, date_to)
            grid = center_weekday_hour(conn, date_from, date_to)
    except psycopg.Error as exc:
        raise CenterUnreachable(f"The centre stopped answering while counting ({type(exc).__name__}).") from exc
    return StatsWindow(date_from, date_to, stats, grid)
