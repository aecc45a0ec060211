"""Wellbeing: runs of calls without a 15-minute break, and when a break is suggested."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop.call_model import RiskInput
from desktop.errors import BadInput, NotPermitted
from desktop.store.settings import SettingsRepo
from desktop.wellbeing import Thresholds, runs, set_thresholds, thresholds, workload

T0 = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
LIMITS = Thresholds()


def call(start_min: int, length_min: int | None, level: str = "none"):
    start = T0 + timedelta(minutes=start_min)
    return (start, None if length_min is None else start + timedelta(minutes=length_min), level)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_gap_of_15_minutes_is_a_break_and_a_shorter_one_is_not():
    calls = [(s, e) for s, e, _ in (call(0, 40), call(50, 30), call(95, 20), call(129, 10))]
    assert runs(calls, timedelta(minutes=15), at(200)) == [(at(0), at(80)), (at(95), at(139))]


def test_two_hours_of_talk_without_a_break_suggests_one():
    calls = [call(0, 50), call(55, 50), call(110, 15)]
    tired = workload("C001", calls, LIMITS, at(126))
    assert tired.break_due and tired.reason == "run" and tired.current_run_s == 126 * 60
    assert (tired.calls, tired.talk_s, tired.longest_run_s) == (3, 115 * 60, 125 * 60)
    rested = workload("C001", calls, LIMITS, at(125 + 15))
    assert not rested.break_due and rested.current_run_s == 0


def test_right_after_a_high_risk_call_a_break_is_suggested():
    calls = [call(0, 30, "high")]
    assert workload("C001", calls, LIMITS, at(35)).reason == "high_risk"
    assert workload("C001", calls, LIMITS, at(31)).high_risk_calls == 1
    assert not workload("C001", calls, LIMITS, at(50)).break_due


def test_a_call_without_an_end_lasts_until_the_next_call_or_now():
    calls = [call(0, None), call(40, 10)]
    assert workload("C001", calls, LIMITS, at(60)).longest_run_s == 50 * 60
    assert workload("C001", [call(0, None)], LIMITS, at(130)).reason == "run"


def test_no_calls_no_load():
    empty = workload("C001", [], LIMITS, at(0))
    assert (empty.calls, empty.talk_s, empty.longest_run_s, empty.break_due) == (0, 0, 0, False)


def test_thresholds_are_settings_for_leads_and_nonsense_falls_back(session):
    assert thresholds(session.store) == Thresholds(15, 120)
    set_thresholds(session, 20, 90)
    assert thresholds(session.store) == Thresholds(20, 90)
    assert session.audit.entries(limit=1)[0].action == "wellbeing.thresholds"
    with pytest.raises(BadInput):
        set_thresholds(session, 2, 90)
    SettingsRepo(session.store).set("wellbeing_break_minutes", "lots")
    SettingsRepo(session.store).set("wellbeing_run_minutes", "100000")
    assert thresholds(session.store) == Thresholds(15, 120)


def test_counselors_cannot_change_the_thresholds(session, paths):
    from desktop.accounts import AccountService
    from desktop.seat import Seat

    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    with Seat(paths).login("C001", "counselor-1") as counselor, pytest.raises(NotPermitted):
        set_thresholds(counselor, 20, 90)


def test_a_shift_boundary_is_no_break(session):
    """An automatic shift changes at midnight; the calls just before it still count for the break."""
    from desktop.calls import CallService
    from desktop.wellbeing import counselor_today
    from tests.test_calls import a_call

    now = datetime.now(UTC)
    started = now - timedelta(minutes=35)
    CallService(session).save(
        a_call(started_at=started, ended_at=now - timedelta(seconds=5), risk=RiskInput({"ideation_current": True},
               "high", "复核"))
    )  # fmt: skip
    load = counselor_today(session.store, session.actor, since=now - timedelta(minutes=10), now=now)
    assert load.reason == "high_risk" and load.break_due  # the high-risk call began before "since"
    assert (load.calls, load.talk_s) == (0, 0)  # but it is not this shift's
