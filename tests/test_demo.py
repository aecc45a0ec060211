"""The demo seat: its accounts open it, and its sample calls look like a fortnight on the line."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import keyring
import pytest

from desktop.call_model import QUICK_KINDS
from desktop.clock import parse_iso, seat_time
from desktop.config import ENV_HOME, SeatPaths, data_home
from desktop.demo import DEMO_ACCOUNTS, create_demo_seat, demo_calls, demo_home
from desktop.seat import Seat, check_staff_code
from desktop.taxonomy import load_keywords
from tests.memory_keyring import MemoryKeyring

NOW = datetime(2025, 6, 1, 4, 30, tzinfo=UTC)
CALLS = 60
DAYS = 14
COLUMNS = "started_at, ended_at, kind, counselor, case_code, summary, notes"


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    """One demo seat of 60 calls (default seed), made once for the tests of this module."""
    previous, backend = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        paths = SeatPaths(tmp_path_factory.mktemp("demo") / "seat")
        passwords = create_demo_seat(paths, calls=CALLS, days=DAYS, now=NOW)
        return Demo(paths, backend, passwords, *read_calls(paths))
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
    assert [(c["started_at"], c["kind"], c["summary"]) for c in again] == [
        (c["started_at"], c["kind"], c["summary"]) for c in demo.calls
    ]
    planned = [(form.started_at, form.kind, form.summary) for _, form in demo_calls(CALLS, DAYS, now=NOW)]
    assert planned == [(parse_iso(c["started_at"]), c["kind"], c["summary"]) for c in demo.calls]
    assert planned != [(f.started_at, f.kind, f.summary) for _, f in demo_calls(CALLS, DAYS, seed=1, now=NOW)]


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
