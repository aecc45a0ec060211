"""The demo seat: its accounts open it, and its sample calls look like a fortnight on the line."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import keyring
import pytest

from desktop import risk
from desktop.call_model import LEAD_ON_SHIFT, QUICK_KINDS, RISK_LEVELS
from desktop.clock import parse_iso, seat_time
from desktop.config import ENV_HOME, SeatPaths, data_home
from desktop.demo import DEMO_ACCOUNTS, RISING, RISK_CASES, create_demo_seat, demo_calls, demo_home
from desktop.followups import DUE_SOON, OPEN_REFERRAL_STATUSES, FollowUpService
from desktop.seat import Seat, check_staff_code
from desktop.taxonomy import load_keywords
from tests.memory_keyring import MemoryKeyring

NOW = datetime(2025, 6, 1, 4, 30, tzinfo=UTC)
CALLS = 60
DAYS = 14
COLUMNS = "started_at, ended_at, kind, counselor, case_code, summary, notes, risk_level"


def read_risk(paths: SeatPaths, code: str = "D-LEAD") -> dict:
    """The risk side as a lead sees it: levels, assessments, crisis actions, follow-ups and referrals."""
    with Seat(paths).login(code, DEMO_ACCOUNTS[code][2]) as session:
        store, follow_ups = session.store, FollowUpService(session)
        return {
            "levels": dict(store.rows("SELECT risk_level, count(*) FROM call GROUP BY risk_level")),
            "assessed": store.rows(
                "SELECT c.id, c.risk_level, r.computed_level, r.final_level, r.override_reason, c.notes, c.started_at"
                " FROM call c JOIN risk_assessment r ON r.call_id = c.id ORDER BY c.started_at"
            ),
            "actions": store.rows(
                "SELECT c.id, c.risk_level, a.action, a.outcome, a.at, c.started_at, c.ended_at FROM call c"
                " JOIN crisis_action a ON a.call_id = c.id"
            ),
            "done": [outcome for (outcome,) in store.rows("SELECT outcome FROM follow_up WHERE done_at IS NOT NULL")],
            "followed": {call_id for (call_id,) in store.rows("SELECT DISTINCT call_id FROM follow_up")},
            "queue": follow_ups.queue(NOW),
            "referrals": follow_ups.open_referrals(),
            "plans": store.one("SELECT count(*) FROM safety_plan")[0],
            "repeats": store.rows(
                "SELECT case_code, risk_level FROM call WHERE case_code IS NOT NULL ORDER BY started_at, id"
            ),
        }


def read_calls(paths: SeatPaths, code: str = "D-ADMIN") -> tuple[list[dict], list[str]]:
    with Seat(paths).login(code, DEMO_ACCOUNTS[code][2]) as session:
        rows = session.store.rows(f"SELECT {COLUMNS} FROM call ORDER BY started_at, id")
        keywords = [word for (word,) in session.store.rows("SELECT word FROM call_keyword")]
    names = COLUMNS.split(", ")
    return [dict(zip(names, row, strict=True)) for row in rows], keywords


@dataclass
class Demo:
    paths: SeatPaths
    backend: MemoryKeyring  # the keyring the seat was made with; a test that logs in sets it
    passwords: dict[str, str]
    calls: list[dict]
    keywords: list[str]
    risk: dict


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    """One demo seat of 60 calls (default seed), made once for the tests of this module."""
    previous, backend = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        paths = SeatPaths(tmp_path_factory.mktemp("demo") / "seat")
        passwords = create_demo_seat(paths, calls=CALLS, days=DAYS, now=NOW)
        return Demo(paths, backend, passwords, *read_calls(paths), read_risk(paths))
    finally:
        keyring.set_keyring(previous)


def test_accounts_are_valid_and_named():
    roles = Counter(role for _, role, _ in DEMO_ACCOUNTS.values())
    assert roles["admin"] == 1 and roles["lead"] == 1 and 2 <= roles["counselor"] <= 3
    for code, (_, _, password) in DEMO_ACCOUNTS.items():
        assert check_staff_code(code) == code
        assert len(password) >= 8


def test_every_demo_password_opens_the_seat(demo):
    assert demo.passwords == {code: password for code, (_, _, password) in DEMO_ACCOUNTS.items()}
    keyring.set_keyring(demo.backend)
    seat = Seat(demo.paths)
    assert seat.vault.seat_name == "演示席位 DEMO"
    for code, password in demo.passwords.items():
        with seat.login(code, password) as session:
            assert session.account.code == code
            assert session.role == DEMO_ACCOUNTS[code][1]


def test_the_number_of_calls_is_as_asked(demo):
    assert len(demo.calls) == CALLS


def test_calls_span_the_requested_days(demo):
    starts = [parse_iso(call["started_at"]) for call in demo.calls]
    assert NOW - timedelta(days=DAYS) <= min(starts)
    assert max(parse_iso(call["ended_at"]) for call in demo.calls) <= NOW
    assert max(starts) - min(starts) > timedelta(days=DAYS - 2)


def test_calls_follow_a_daily_rhythm(demo):
    hours = Counter(seat_time(parse_iso(call["started_at"])).hour for call in demo.calls)
    evening = sum(hours[h] for h in range(19, 23))
    small_hours = sum(hours[h] for h in range(3, 7))
    assert evening > 2 * small_hours


def test_kinds_include_quick_ones_and_mostly_counselling(demo):
    kinds = Counter(call["kind"] for call in demo.calls)
    assert set(QUICK_KINDS) <= set(kinds)
    assert {"information", "third_party"} <= set(kinds)
    assert kinds["counselling"] > len(demo.calls) / 2
    for call in demo.calls:
        if call["kind"] in QUICK_KINDS:
            assert call["notes"] == ""
            assert parse_iso(call["ended_at"]) - parse_iso(call["started_at"]) <= timedelta(minutes=5)
        if call["kind"] == "counselling":
            length = parse_iso(call["ended_at"]) - parse_iso(call["started_at"])
            assert timedelta(minutes=15) <= length <= timedelta(minutes=60)
            assert call["summary"] and 2 <= call["notes"].count("。") <= 6


def test_a_case_code_links_repeat_calls(demo):
    codes = Counter(call["case_code"] for call in demo.calls if call["case_code"])
    assert max(codes.values()) >= 2
    assert all(n <= 4 for n in codes.values())


def test_calls_are_taken_by_staff_on_duty(demo):
    staff = {call["counselor"] for call in demo.calls}
    assert staff <= {code for code, (_, role, _) in DEMO_ACCOUNTS.items() if role != "admin"}
    assert len(staff) >= 3
    for code in staff:
        theirs = [call for call in demo.calls if call["counselor"] == code]
        for earlier, later in zip(theirs, theirs[1:], strict=False):
            assert earlier["ended_at"] <= later["started_at"], "one person, two calls at once"


def test_no_note_holds_a_phone_number_and_the_guard_shows(demo):
    for call in demo.calls:
        assert not re.search(r"\d{11}", call["notes"] + call["summary"])
    assert any("〔手机号〕" in call["notes"] for call in demo.calls)


def test_keywords_come_from_the_keyword_list(demo):
    assert demo.keywords
    assert set(demo.keywords) <= set(load_keywords("zh"))


def test_the_same_seed_gives_the_same_calls(demo, paths):
    create_demo_seat(paths, calls=CALLS, days=DAYS, now=NOW)
    again, _ = read_calls(paths)
    assert [(c["started_at"], c["kind"], c["summary"], c["risk_level"]) for c in again] == [
        (c["started_at"], c["kind"], c["summary"], c["risk_level"]) for c in demo.calls
    ]
    queue = [(row.case_code, row.due_at, row.owner, row.risk_level) for row in read_risk(paths)["queue"]]
    assert queue == [(row.case_code, row.due_at, row.owner, row.risk_level) for row in demo.risk["queue"]]
    sides = [
        (f.risk, f.crisis_actions, f.referrals, f.follow_ups, f.safety_plan)
        for _, f in demo_calls(CALLS, DAYS, now=NOW)
    ]
    assert sides == [
        (f.risk, f.crisis_actions, f.referrals, f.follow_ups, f.safety_plan)
        for _, f in demo_calls(CALLS, DAYS, now=NOW)
    ]
    planned = [(form.started_at, form.kind, form.summary) for _, form in demo_calls(CALLS, DAYS, now=NOW)]
    assert planned == [(parse_iso(c["started_at"]), c["kind"], c["summary"]) for c in demo.calls]
    assert planned != [(f.started_at, f.kind, f.summary) for _, f in demo_calls(CALLS, DAYS, seed=1, now=NOW)]


def test_risk_cases_give_the_levels_they_claim():
    for case in (*RISK_CASES, *RISING):
        assert risk.assess(case.answers).level == case.level, case.summary
        assert risk.mentions_suicide("".join(case.notes)), case.summary
        assert all(note.count("。") == 1 for note in case.notes)
        assert set(case.keywords) <= set(load_keywords("zh"))
    overridden = [case for case in RISK_CASES if case.override]
    assert len(overridden) == 1 and overridden[0].override[1].strip()
    assert [case.level for case in RISING] == sorted((case.level for case in RISING), key=risk.level_rank)


def test_calls_are_at_every_risk_level(demo):
    levels = demo.risk["levels"]
    assert set(levels) == set(RISK_LEVELS)
    assert sum(levels.values()) == CALLS
    assert levels["none"] > CALLS / 2 and 1 <= levels["imminent"] <= 2
    assessed = demo.risk["assessed"]
    for call_id, level, computed, final, reason, notes, _ in assessed:
        assert level == final
        assert risk.mentions_suicide(notes), call_id
        assert computed == final or reason.strip()
    assert any(computed != final for _, _, computed, final, _, _, _ in assessed), "no override example"


def test_imminent_calls_have_a_crisis_action_with_its_outcome(demo):
    actions = demo.risk["actions"]
    levels = {row[0]: row[1] for row in demo.risk["assessed"]}
    imminent = [call_id for call_id, level in levels.items() if level == "imminent"]
    assert imminent and all(any(a[0] == n and a[3] for a in actions) for n in imminent)
    for call_id in (n for n, level in levels.items() if level == "high"):
        assert any(a[0] == call_id for a in actions), f"the high-risk call {call_id} has no crisis action"
    for _, _, _, _, at, started, ended in actions:
        assert parse_iso(started) <= parse_iso(at) <= parse_iso(ended)


def test_a_repeat_caller_calls_with_rising_risk(demo):
    visits: dict[str, list[int]] = {}
    for case_code, level in demo.risk["repeats"]:
        visits.setdefault(case_code, []).append(risk.level_rank(level))
    rising = [ranks for ranks in visits.values() if len(ranks) >= 3 and ranks == sorted(set(ranks))]
    assert rising and rising[0][-1] >= risk.level_rank("high")


def test_follow_ups_are_open_some_overdue(demo):
    queue = demo.risk["queue"]
    assert queue
    assert 1 <= sum(row.overdue for row in queue) <= 3
    assert all(NOW - timedelta(days=1) <= row.due_at for row in queue), "an old follow-up was left open"
    staff = {code for code, (_, role, _) in DEMO_ACCOUNTS.items() if role != "admin"}
    assert {row.owner for row in queue} <= staff | {LEAD_ON_SHIFT}
    assert all(row.case_code for row in queue)
    opened = {row[0] for row in demo.risk["assessed"] if row[1] in ("high", "imminent")}
    assert opened <= demo.risk["followed"], "a high or imminent call has no follow-up"


def test_open_referrals_and_safety_plans_exist(demo):
    referrals = demo.risk["referrals"]
    assert referrals and {r.status for r in referrals} <= set(OPEN_REFERRAL_STATUSES)
    assert any(r.status == "suggested" for r in referrals)
    assert any(r.urgency == "urgent" for r in referrals)
    assert demo.risk["plans"] >= 1


def test_demo_home_is_a_sibling_of_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_HOME, str(tmp_path / "HotlineLog"))
    assert demo_home() == tmp_path / "HotlineLog-demo"
    assert demo_home().parent == data_home().parent
    assert data_home() not in demo_home().parents
    monkeypatch.delenv(ENV_HOME)
    assert demo_home().name == data_home().name + "-demo"
    assert demo_home().parent == data_home().parent


@pytest.mark.slow
def test_the_default_demo_seat(paths):
    create_demo_seat(paths, now=NOW)
    calls, _ = read_calls(paths, "D-LEAD")
    assert len(calls) == 300
    kinds = Counter(call["kind"] for call in calls)
    assert kinds["counselling"] > 200 and kinds["silent"] >= 20
    repeats = [n for n in Counter(c["case_code"] for c in calls if c["case_code"]).values() if n > 1]
    assert len(repeats) >= 3 and all(n <= 4 for n in repeats)
    assert sum("〔手机号〕" in call["notes"] for call in calls) == 2
    assert not any(re.search(r"\d{11}", call["notes"]) for call in calls)
    side = read_risk(paths)
    assessed = len(side["assessed"])
    assert 0.05 * kinds["counselling"] <= assessed <= 0.1 * kinds["counselling"]
    levels = side["levels"]
    assert set(levels) == set(RISK_LEVELS) and levels["imminent"] == 2 and levels["high"] <= 4
    assert levels["low"] + levels["moderate"] > assessed / 2
    queue = side["queue"]
    assert 1 <= sum(row.overdue for row in queue) <= 3
    assert any(not row.overdue and row.due_at <= NOW + DUE_SOON for row in queue)
    assert side["done"] and all(outcome for outcome in side["done"])
