"""The statistics of DESIGN.md §9: every key against counts made here from the calls that were saved."""

import csv
import io
import math
import statistics as pystats
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop import risk
from desktop.call_model import CallInput, CrisisActionInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.errors import BadInput
from desktop.reports import statistics, to_csv, weekday_hour

SEAT = ZoneInfo("Asia/Shanghai")
FROM, TO = date(2025, 5, 1), date(2025, 5, 3)
KEYS = {
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
}


def at(day: int, hour: int, minute: int = 0, second: float = 0, month: int = 5) -> datetime:
    whole = int(second)
    return datetime(2025, month, day, hour, minute, whole, int(round((second - whole) * 1e6)), tzinfo=SEAT)


def calls() -> list[CallInput]:
    """A handful of calls around the window 2025-05-01 … 2025-05-03 (seat time)."""
    return [
        CallInput(kind="hang_up", started_at=at(1, 0, 0)),  # the first instant of the window
        CallInput(
            kind="counselling",
            started_at=at(1, 9, 15),
            ended_at=at(1, 9, 40),
            age_band="18_24",
            gender="female",
            region="310000",
            concerns=["study.exam", "study.academic_pressure", "mental.sleep"],
            emotions=["anxiety", "low_mood"],
            risk=RiskInput(answers={"ideation_intensity": 2}),
            referrals=[ReferralInput("psychological_outpatient", "soon")],
        ),
        CallInput(
            kind="counselling",
            started_at=at(1, 22, 14),
            ended_at=at(1, 22, 58, 10),
            age_band="25_34",
            region="110000",
            concerns=["suicide.ideation", "mental.depression"],
            emotions=["hopelessness", "low_mood"],
            risk=RiskInput(answers={"attempt_in_progress": True}),
            crisis_actions=[
                CrisisActionInput("stayed_on_line", at(1, 22, 20)),
                CrisisActionInput("police_110", at(1, 22, 25), "rescued"),
            ],
            referrals=[ReferralInput("psychiatric_emergency", "urgent"), ReferralInput("ambulance_120", "urgent")],
        ),
        CallInput(kind="silent", started_at=at(2, 3, 5)),  # no end time, everything unknown
        CallInput(
            kind="information",
            started_at=at(2, 14, 0),
            ended_at=at(2, 14, 5, 30.5),
            gender="other",
            concerns=["info.services"],
            risk=RiskInput(
                answers={"ideation_current": True, "plan": True}, override_level="moderate", override_reason="复核"
            ),
            referrals=[ReferralInput("psychological_outpatient")],
        ),
        CallInput(
            kind="third_party",
            started_at=at(3, 23, 30),  # 15:30 UTC on the last day: counts
            ended_at=at(3, 23, 50),
            age_band="60_plus",
            gender="male",
            region="440000",
            concerns=["family.conflict", "work.conflict"],
            emotions=["anger"],
            risk=RiskInput(answers={"ideation_current": True, "plan": True}),
            crisis_actions=[CrisisActionInput("safety_plan_agreed", at(3, 23, 45), "safe")],
        ),
        CallInput(kind="test", started_at=at(3, 12, 0), ended_at=at(3, 12, 0, 45)),
        # outside: 00:10 the day after (still 2025-05-03 in UTC) and the last minute before the window
        CallInput(kind="counselling", started_at=at(4, 0, 10), ended_at=at(4, 0, 40), concerns=["mental.anxiety"]),
        CallInput(kind="harassment", started_at=at(30, 23, 59, month=4), ended_at=at(1, 0, 1)),
    ]


def expected(inputs: list[CallInput], date_from: date, date_to: date) -> dict:
    """The statistics worked out from the inputs, in Python, without the database."""
    window = [c for c in inputs if date_from <= c.started_at.astimezone(SEAT).date() <= date_to]
    level = Counter()
    for c in window:
        if c.risk is None:
            level["not_assessed"] += 1  # DESIGN.md §9: never "none" for a call nobody assessed
        else:
            level[c.risk.override_level or risk.assess(c.risk.answers).level] += 1
    durations = sorted((c.ended_at - c.started_at).total_seconds() for c in window if c.ended_at)
    hours = Counter(c.started_at.astimezone(SEAT).hour for c in window)
    talk = dict.fromkeys(("total", "mean", "median", "p90"), 0)
    if durations:
        talk = {
            "total": sum(durations),
            "mean": sum(durations) / len(durations),
            "median": pystats.median(durations),
            "p90": durations[math.ceil(0.9 * len(durations)) - 1],
        }
    return {
        "calls_total": len(window),
        "by_kind": Counter(c.kind for c in window),
        "by_concern": Counter(code for c in window for code in c.concerns),
        "by_concern_group": Counter(g for c in window for g in {code.split(".")[0] for code in c.concerns}),
        "by_emotion": Counter(e for c in window for e in c.emotions),
        "by_age_band": Counter(c.age_band or "unknown" for c in window),
        "by_gender": Counter(c.gender or "unknown" for c in window),
        "by_region": Counter(c.region or "unknown" for c in window),
        "by_risk_level": level,
        "by_hour": [hours[h] for h in range(24)],
        "by_day": Counter(c.started_at.astimezone(SEAT).date().isoformat() for c in window),
        "crisis_actions": Counter(a.action for c in window for a in c.crisis_actions),
        "referrals_by_kind": Counter(r.kind for c in window for r in c.referrals),
        "talk_time_s": talk,
    }


@pytest.fixture
def seat(session):
    service = CallService(session)
    ids = [service.save(form).call_id for form in calls()]
    return session, ids


def test_every_key_matches_counts_made_from_the_inputs(seat):
    session, _ = seat
    stats = statistics(session.store, FROM, TO)
    want = expected(calls(), FROM, TO)
    assert set(stats) == KEYS
    for key in KEYS - {"talk_time_s"}:
        assert stats[key] == want[key], key
    for key, value in want["talk_time_s"].items():
        assert stats["talk_time_s"][key] == pytest.approx(value, abs=1e-3), key


def test_spot_checks_of_the_counting_rules(seat):
    session, _ = seat
    stats = statistics(session.store, FROM, TO)
    assert stats["calls_total"] == 7
    assert stats["by_concern_group"]["study"] == 1  # two study items in one call count once for the group
    assert stats["by_concern"]["study.exam"] == stats["by_concern"]["study.academic_pressure"] == 1
    assert stats["by_concern_group"]["mental"] == 2
    assert stats["by_age_band"]["unknown"] == 4 and stats["by_region"]["unknown"] == 4
    # the hang-up, the silent and the test call were never assessed; the first counselling call was, as none
    assert stats["by_risk_level"] == {"not_assessed": 3, "none": 1, "moderate": 1, "high": 1, "imminent": 1}
    assert list(stats["by_risk_level"]) == ["not_assessed", "none", "moderate", "high", "imminent"]
    assert stats["crisis_actions"] == {"police_110": 1, "safety_plan_agreed": 1, "stayed_on_line": 1}
    assert stats["referrals_by_kind"]["psychological_outpatient"] == 2
    assert all(count > 0 for key in KEYS - {"calls_total", "by_hour", "talk_time_s"} for count in stats[key].values())
    # talk time: 1500, 2650, 330.5, 1200, 45 seconds
    assert stats["talk_time_s"] == {"total": 5725.5, "mean": 1145.1, "median": 1200, "p90": 2650}


def test_window_edges_are_seat_days_with_the_last_day_included(seat):
    session, _ = seat
    last_day = statistics(session.store, TO, TO)
    assert last_day["by_day"] == {"2025-05-03": 2}
    assert last_day["by_kind"] == {"test": 1, "third_party": 1}  # 23:30 counts, 00:10 the next day does not
    assert last_day["by_hour"][23] == 1 and last_day["by_hour"][0] == 0
    next_day = statistics(session.store, date(2025, 5, 4), date(2025, 5, 4))
    assert next_day["by_kind"] == {"counselling": 1} and next_day["by_hour"][0] == 1
    first_day = statistics(session.store, FROM, FROM)
    assert first_day["by_kind"] == {"hang_up": 1, "counselling": 2}  # 00:00 counts; 23:59 the day before does not
    # the same calls in UTC days: the 23:30 and 00:10 calls both fall on 2025-05-03
    utc = statistics(session.store, TO, TO, zone="UTC")
    assert utc["by_day"] == {"2025-05-03": 3} and utc["by_hour"][15] == 1 and utc["by_hour"][16] == 1


def test_by_hour_is_in_seat_time(seat):
    session, _ = seat
    by_hour = statistics(session.store, FROM, TO)["by_hour"]
    assert len(by_hour) == 24 and sum(by_hour) == 7
    assert by_hour[9] == 1 and by_hour[22] == 1 and by_hour[3] == 1 and by_hour[14] == 1
    assert by_hour[1] == 0  # 09:15 seat time is 01:15 UTC


def test_drafts_do_not_count(seat):
    session, ids = seat
    session.store.execute("UPDATE call SET status = 'draft' WHERE id = ?", (ids[1],))
    stats = statistics(session.store, FROM, TO)
    assert stats["calls_total"] == 6 and "study" not in stats["by_concern_group"]


def test_an_empty_window_gives_zeros(seat):
    session, _ = seat
    stats = statistics(session.store, date(2024, 1, 1), date(2024, 1, 31))
    assert set(stats) == KEYS
    assert stats["calls_total"] == 0 and stats["by_hour"] == [0] * 24
    assert stats["talk_time_s"] == {"total": 0, "mean": 0, "median": 0, "p90": 0}
    assert all(stats[key] == {} for key in KEYS - {"calls_total", "by_hour", "talk_time_s"})


def test_from_after_to_is_bad_input(session):
    with pytest.raises(BadInput, match="--from is after --to"):
        statistics(session.store, date(2025, 5, 2), date(2025, 5, 1))


def test_a_zone_with_daylight_saving_counts_each_call_in_its_own_local_hour(session):
    """Berlin moves from +01:00 to +02:00 at 01:00 UTC on 2025-03-30."""
    service = CallService(session)
    moments = [datetime(2025, 3, 29, 12, tzinfo=UTC) + timedelta(minutes=47 * i) for i in range(60)]
    for moment in moments:
        service.save(CallInput(kind="test", started_at=moment))
    berlin = ZoneInfo("Europe/Berlin")
    stats = statistics(session.store, date(2025, 3, 29), date(2025, 3, 30), zone=berlin)
    local = [m.astimezone(berlin) for m in moments if m.astimezone(berlin).date() <= date(2025, 3, 30)]
    assert stats["calls_total"] == len(local)
    assert stats["by_hour"] == [Counter(m.hour for m in local)[h] for h in range(24)]
    assert stats["by_day"] == dict(sorted(Counter(m.date().isoformat() for m in local).items()))


def test_csv_has_the_header_and_a_row_per_count(seat):
    session, _ = seat
    stats = statistics(session.store, FROM, TO)
    text = to_csv(stats)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "key", "count"]
    assert ["calls_total", "total", "7"] in rows
    assert ["by_kind", "counselling", "2"] in rows
    assert ["by_concern_group", "study", "1"] in rows
    assert ["talk_time_s", "median", "1200"] in rows and ["talk_time_s", "total", "5725.5"] in rows
    assert sum(1 for r in rows if r[0] == "by_hour") == 24
    sections = list(dict.fromkeys(r[0] for r in rows[1:]))
    assert sections == [s for s in sorted(KEYS, key=list(stats).index)]
    assert to_csv(stats) == text  # stable
    assert to_csv(statistics(session.store, date(2024, 1, 1), date(2024, 1, 1))).splitlines()[1] == (
        "calls_total,total,0"
    )


def test_weekday_hour_counts_each_call_in_its_seat_weekday_and_hour(seat):
    session, _ = seat
    grid = weekday_hour(session.store, FROM, TO)
    window = [c.started_at.astimezone(SEAT) for c in calls() if FROM <= c.started_at.astimezone(SEAT).date() <= TO]
    counted = Counter((moment.weekday(), moment.hour) for moment in window)
    assert grid == [[counted[(day, hour)] for hour in range(24)] for day in range(7)]
    # 2025-05-01 is a Thursday: the 22:14 call there, the 23:30 call on Saturday the 3rd (15:30 UTC)
    assert grid[3][22] == 1 and grid[5][23] == 1 and grid[5][15] == 0
    assert [sum(row) for row in grid] == [0, 0, 0, 3, 2, 2, 0]
    assert [sum(col) for col in zip(*grid, strict=True)] == statistics(session.store, FROM, TO)["by_hour"]


def test_weekday_hour_starts_the_week_on_monday_and_is_empty_outside_the_calls(seat):
    session, _ = seat
    sunday = weekday_hour(session.store, date(2025, 5, 4), date(2025, 5, 4))  # the 00:10 call
    assert sunday[6][0] == 1 and sum(map(sum, sunday)) == 1
    assert weekday_hour(session.store, date(2024, 1, 1), date(2024, 1, 31)) == [[0] * 24 for _ in range(7)]
    with pytest.raises(BadInput, match="--from is after --to"):
        weekday_hour(session.store, TO, FROM)


def test_weekday_hour_in_a_zone_with_daylight_saving(session):
    service = CallService(session)
    moments = [datetime(2025, 3, 28, 12, tzinfo=UTC) + timedelta(minutes=53 * i) for i in range(90)]
    for moment in moments:
        service.save(CallInput(kind="test", started_at=moment))
    berlin = ZoneInfo("Europe/Berlin")
    grid = weekday_hour(session.store, date(2025, 3, 28), date(2025, 3, 31), zone=berlin)
    local = [m.astimezone(berlin) for m in moments if m.astimezone(berlin).date() <= date(2025, 3, 31)]
    counted = Counter((m.weekday(), m.hour) for m in local)
    assert grid == [[counted[(day, hour)] for hour in range(24)] for day in range(7)]
