"""How a counselor's shift is going: talk time, runs of calls without a break, when to suggest one.

A **break** is a gap of at least `BREAK_MINUTES` between the end of one call and the start of the next
(or since the last call ended). A **run** is a stretch of calls with no break inside it; its length is
from the first call's start to the last call's end. A call with no end time counts as going on until
the next call starts (or, for the last one, until now). The thresholds are seat settings.
"""

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desktop.clock import parse_iso, to_utc_iso, utc_now
from desktop.errors import BadInput
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store

BREAK_MINUTES = 15
RUN_LIMIT_MINUTES = 120  # talk for this long without a break and a break is suggested
BREAK_RANGE = (5, 60)  # what a seat may set, in minutes
RUN_RANGE = (30, 480)
HIGH_LEVELS = ("high", "imminent")
SETTING_BREAK = "wellbeing_break_minutes"
SETTING_RUN = "wellbeing_run_minutes"


@dataclass(frozen=True)
class Thresholds:
    break_minutes: int = BREAK_MINUTES
    run_minutes: int = RUN_LIMIT_MINUTES


@dataclass(frozen=True)
class Workload:
    counselor: str
    calls: int
    talk_s: int  # summed length of the calls with an end time
    longest_run_s: int  # the longest run without a break
    high_risk_calls: int
    current_run_s: int  # the run going on now (0 when on a break)
    last_high_risk_end: datetime | None
    break_due: bool
    reason: str  # "run", "high_risk" or ""


def thresholds(store: Store) -> Thresholds:
    """The seat's thresholds; a missing or nonsense setting gives the default."""
    settings = SettingsRepo(store)

    def number(key: str, default: int, low: int, high: int) -> int:
        try:
            value = int(settings.get(key) or default)
        except ValueError:
            return default
        return value if low <= value <= high else default

    return Thresholds(
        number(SETTING_BREAK, BREAK_MINUTES, *BREAK_RANGE), number(SETTING_RUN, RUN_LIMIT_MINUTES, *RUN_RANGE)
    )


def set_thresholds(session, break_minutes: int, run_minutes: int) -> None:
    """Leads and admins set the thresholds (seat settings), audited."""
    session.require("lead", "admin", doing="change the break thresholds")
    if not (BREAK_RANGE[0] <= break_minutes <= BREAK_RANGE[1] and RUN_RANGE[0] <= run_minutes <= RUN_RANGE[1]):
        raise BadInput("A break is 5–60 minutes and a run 30–480 minutes.", code="wellbeing.range")
    with session.store.transaction():
        SettingsRepo(session.store).set(SETTING_BREAK, str(break_minutes))
        SettingsRepo(session.store).set(SETTING_RUN, str(run_minutes))
        detail = {"break_minutes": break_minutes, "run_minutes": run_minutes}
        session.audit.append(session.actor, "wellbeing.thresholds", "", detail)


Span = tuple[datetime, datetime]


def runs(calls: list[tuple[datetime, datetime | None]], gap: timedelta, now: datetime) -> list[Span]:
    """The runs of `calls` ((start, end) in any order): a new run begins after a gap of at least `gap`."""
    ordered = sorted(calls, key=lambda c: c[0])
    found: list[Span] = []
    for index, (start, end) in enumerate(ordered):
        if end is None:  # still going on, or never closed: until the next call, or now
            end = ordered[index + 1][0] if index + 1 < len(ordered) else max(start, now)
        if found and start - found[-1][1] < gap:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def workload(
    counselor: str, calls: list[tuple[datetime, datetime | None, str]], limits: Thresholds, now: datetime
) -> Workload:
    """The workload of one counselor from their calls (start, end, risk level) of a shift."""
    gap = timedelta(minutes=limits.break_minutes)
    stretches = runs([(s, e) for s, e, _ in calls], gap, now)
    talk = sum(int((e - s).total_seconds()) for s, e, _ in calls if e is not None)
    longest = max((int((e - s).total_seconds()) for s, e in stretches), default=0)
    current = 0
    if stretches and now - stretches[-1][1] < gap:
        current = int((max(now, stretches[-1][1]) - stretches[-1][0]).total_seconds())
    high = [e or s for s, e, level in calls if level in HIGH_LEVELS]
    last_high = max(high, default=None)
    reason = ""
    if current >= limits.run_minutes * 60:
        reason = "run"
    elif last_high is not None and now - last_high < gap:
        reason = "high_risk"  # right after a high or imminent call: the break is suggested at once
    return Workload(counselor, len(calls), talk, longest, len(high), current, last_high, bool(reason), reason)


def shift_workloads(store: Store, shift_id: int, now: datetime | None = None) -> list[Workload]:
    """Every counselor on duty in the shift or with calls in it, most calls first; those on duty who took no
    call are listed too (with zeros), because they are who a lead asks about."""
    now = now or utc_now()
    on_duty = store.one("SELECT counselors FROM shift WHERE id = ?", (shift_id,))
    by_counselor: dict[str, list[tuple[datetime, datetime | None, str]]] = {
        code: [] for code in (json.loads(on_duty[0]) if on_duty else [])
    }
    for counselor, started, ended, level in store.rows(
        "SELECT counselor, started_at, ended_at, risk_level FROM call"
        " WHERE shift_id = ? AND status = 'final' ORDER BY started_at",
        (shift_id,),
    ):
        by_counselor.setdefault(counselor, []).append((parse_iso(started), parse_iso(ended) if ended else None, level))
    limits = thresholds(store)
    found = [workload(code, calls, limits, now) for code, calls in by_counselor.items()]
    return sorted(found, key=lambda w: (-w.calls, w.counselor))


def counselor_today(store: Store, counselor: str, since: datetime, now: datetime | None = None) -> Workload:
    """One counselor's workload from `since` (the start of their shift) until now, whatever the shift.

    Calls, talk time and high-risk calls count from `since`; the run without a break and a break due
    look further back when need be, because a shift's start (an automatic shift changes at midnight)
    is no break for the person taking the calls."""
    now = now or utc_now()
    limits = thresholds(store)
    look_back = min(since, now - timedelta(minutes=limits.run_minutes + limits.break_minutes))
    rows = store.rows(
        "SELECT started_at, ended_at, risk_level FROM call"
        " WHERE counselor = ? AND status = 'final' AND started_at >= ? ORDER BY started_at",
        (counselor, to_utc_iso(look_back)),
    )
    calls = [(parse_iso(s), parse_iso(e) if e else None, level) for s, e, level in rows]
    recent = workload(counselor, calls, limits, now)
    this_shift = workload(counselor, [call for call in calls if call[0] >= since], limits, now)
    return replace(recent, calls=this_shift.calls, talk_s=this_shift.talk_s, high_risk_calls=this_shift.high_risk_calls)
