"""Statistics in one pass (issue 17): random calls, saved in time order and shuffled, counted against a
count made here in Python from the calls themselves (`tests.test_stats.expected`, which never reads the
database), and the window's call rows read once, through the index alone."""

import random
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desktop.call_model import CallInput, CrisisActionInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.reports.stats import count_days, statistics
from desktop.taxonomy import AGE_BANDS, CALL_KINDS, CONCERNS, CRISIS_ACTIONS, EMOTIONS, REFERRAL_KINDS, load_taxonomy
from tests.test_stats import KEYS, SEAT, expected

FIRST = date(2025, 6, 1)
DAYS = 6
ANSWERS = (  # none, low, high and imminent by the rule table; an override on some
    {"ideation_intensity": 3},
    {"ideation_passive": True},
    {"ideation_current": True, "plan": True},
    {"attempt_in_progress": True},
)


def random_calls(seed: int, count: int) -> list[CallInput]:
    """Calls over DAYS seat days with every field the statistics count, blanks and repeats included."""
    rnd, taxonomy = random.Random(seed), load_taxonomy()
    concerns, emotions = taxonomy.codes(CONCERNS), taxonomy.codes(EMOTIONS)
    calls = []
    for _ in range(count):
        started = datetime(FIRST.year, FIRST.month, FIRST.day, tzinfo=SEAT) + timedelta(
            seconds=rnd.randrange(DAYS * 86400), milliseconds=rnd.randrange(1000)
        )
        call = CallInput(
            kind=rnd.choice(taxonomy.codes(CALL_KINDS)),
            started_at=started,
            ended_at=rnd.choice((None, started + timedelta(seconds=rnd.randrange(3600), milliseconds=250))),
            age_band=rnd.choice(taxonomy.codes(AGE_BANDS)),
            gender=rnd.choice(("female", "male", "unknown")),
            region=rnd.choice(("110000", "310000", "440000", "unknown")),
            concerns=rnd.sample(concerns, rnd.randrange(4)),
            emotions=rnd.sample(emotions, rnd.randrange(3)),
        )
        if rnd.random() < 0.6:
            answers = dict(rnd.choice(ANSWERS))
            override = "moderate" if rnd.random() < 0.2 else None
            call.risk = RiskInput(answers, override, "复核" if override else "")
            call.crisis_actions = [
                CrisisActionInput(rnd.choice(taxonomy.codes(CRISIS_ACTIONS)), started + timedelta(minutes=2), "safe")
                for _ in range(rnd.randrange(3) if "attempt_in_progress" not in answers else 1)
            ]
        call.referrals = [
            ReferralInput(rnd.choice(taxonomy.codes(REFERRAL_KINDS)), "soon") for _ in range(rnd.randrange(3))
        ]
        calls.append(call)
    return calls


def check(store, inputs: list[CallInput], date_from: date, date_to: date) -> None:
    got, want = statistics(store, date_from, date_to), expected(inputs, date_from, date_to)
    assert set(got) == KEYS
    for key in KEYS - {"talk_time_s"}:
        assert got[key] == want[key], key
    for key, value in want["talk_time_s"].items():
        assert got["talk_time_s"][key] == pytest.approx(value, abs=1e-3), key


WINDOWS = ((FIRST, FIRST), (FIRST + timedelta(days=1), FIRST + timedelta(days=3)), (FIRST, FIRST + timedelta(DAYS)))


@pytest.mark.parametrize("order", ["in time order", "shuffled"])
def test_one_pass_counts_what_python_counts_from_the_calls(session, order):
    """In time order the window's ids are consecutive and the coded tables are read by id range; shuffled,
    other calls' ids lie between them and the window's own ids are used."""
    inputs = random_calls(17, 240)
    saved = sorted(inputs, key=lambda c: c.started_at) if order == "in time order" else inputs
    service = CallService(session)
    for call in saved:
        service.save(call)
    assert {"not_assessed", "none", "low", "moderate", "high", "imminent"} <= set(
        statistics(session.store, FIRST, FIRST + timedelta(DAYS))["by_risk_level"]
    )
    for date_from, date_to in WINDOWS:
        check(session.store, inputs, date_from, date_to)


def test_the_window_calls_are_read_once_and_through_the_index_alone(session, monkeypatch):
    """No statement of the statistics reads a row of `call` (where the notes are): the covering index
    answers; and the window's calls are read by one statement."""
    service = CallService(session)
    for call in sorted(random_calls(3, 60), key=lambda c: c.started_at):
        service.save(call)
    store, seen = session.store, []
    real = store.execute

    def recording(sql, params=()):
        seen.append((sql, params))
        return real(sql, params)

    monkeypatch.setattr(store, "execute", recording)
    counted = count_days(store, FIRST, FIRST + timedelta(DAYS))
    monkeypatch.undo()
    assert counted.stats["calls_total"] == 60
    reading_calls = []
    for sql, params in seen:
        plan = " | ".join(row[3] for row in store.rows(f"EXPLAIN QUERY PLAN {sql}", params))
        for step in re.findall(r"(?:SCAN|SEARCH) call\b[^|]*", plan):
            assert "USING COVERING INDEX call_for_statistics" in step, (sql, plan)
            reading_calls.append(sql)
    assert len(reading_calls) == 1


def test_concerns_and_emotions_are_counted_from_their_indexes_without_a_sort(session, monkeypatch):
    """A concern group's count comes from the flags in the index by code, and emotions are read code by
    code: no statement on either table sorts (a sort of every emotion took 0.6 s at a million calls)."""
    service = CallService(session)
    for call in sorted(random_calls(5, 40), key=lambda c: c.started_at):
        service.save(call)
    store, seen = session.store, []
    real = store.execute
    monkeypatch.setattr(store, "execute", lambda sql, params=(): seen.append((sql, params)) or real(sql, params))
    statistics(store, FIRST, FIRST + timedelta(DAYS))
    monkeypatch.undo()
    coded = [(sql, params) for sql, params in seen if re.search(r"\bcall_(concern|emotion)\b", sql)]
    assert len(coded) == 2
    for sql, params in coded:
        plan = " | ".join(row[3] for row in store.rows(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "TEMP B-TREE" not in plan, plan
        assert re.search(r"call_(concern|emotion)_by_code", plan), plan


def test_a_seat_written_before_the_group_flags_counts_its_groups_once_per_call(session):
    """Calls saved before schema migration 11 have no flags and the statistics index of migration 7; the
    migration sets the flags from the calls' concerns and builds the index again, so everything counts as
    it did."""
    from desktop.store import open_store

    inputs = random_calls(23, 150)
    service = CallService(session)
    for call in inputs:
        service.save(call)
    store, key = session.store, bytes(session.key)
    path = store.path
    # the seat as version 10 left it: no flag, no emotion index (and no triggers of schema 12 on the notes index)
    store.conn.executescript(
        """
        DROP TRIGGER call_indexed;
        DROP TRIGGER call_indexed_again;
        DROP INDEX call_concern_by_code;
        DROP INDEX call_emotion_by_code;
        ALTER TABLE call_concern DROP COLUMN first_of_group;
        CREATE INDEX call_concern_by_code ON call_concern (code, call_id);
        DROP INDEX call_for_statistics;
        CREATE INDEX call_for_statistics
            ON call (started_at, status, kind, age_band, gender, region, risk_level, ended_at);
        PRAGMA user_version = 10;
        """
    )
    session.close()
    migrated = open_store(path, key, backup_dir=path.parent / "copies")
    try:
        assert migrated.schema_version >= 11
        for date_from, date_to in WINDOWS:
            check(migrated, inputs, date_from, date_to)
    finally:
        migrated.close()


def test_a_window_of_many_months_is_counted_in_pieces_that_miss_no_call(session):
    """A long window is read a month at a time (memory stays flat); calls on either side of each piece's
    edge, and on the window's last day, all count once."""
    inputs = random_calls(31, 200)
    midnight = datetime(FIRST.year, FIRST.month, FIRST.day, tzinfo=SEAT)
    for index, call in enumerate(inputs):  # spread over 100 days; every 7th right at a piece's edge or 1 ms before
        shift = timedelta(days=index % 100)
        if index % 7 == 0:
            edge = midnight + timedelta(days=31 * (index % 3 + 1), milliseconds=-(index % 2))
            shift = edge - call.started_at
        call.started_at += shift
        if call.ended_at:
            call.ended_at += shift
        call.crisis_actions = [replace(action, at=action.at + shift) for action in call.crisis_actions]
    service = CallService(session)
    for call in inputs:
        service.save(call)
    last = FIRST + timedelta(days=105)
    for date_from, date_to in ((FIRST, last), (FIRST + timedelta(days=30), FIRST + timedelta(days=70))):
        check(session.store, inputs, date_from, date_to)
