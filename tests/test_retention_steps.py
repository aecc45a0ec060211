"""The clean-up after a shred (issue 17): nothing of the shredded text can be read from any decrypted page
of the database or its write-ahead log, and the write lock is held one bounded step at a time, so a save
meanwhile waits at most one step. Steps are bounded by the pages they write, never by a clock."""

import random
from datetime import UTC, datetime, timedelta

import pytest

import desktop.retention as retention
from desktop.call_model import CallFilter, CallInput
from desktop.calls import CallService
from desktop.retention import shred_expired
from tests.cipher_pages import readable

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=4 * 365)
STEP = 8  # pages of merged index per step in these tests: a small seat's index then takes many steps
# A step writes its merged leaves, zeroes about as many freed ones and updates the index's own records
# (measured: 43 pages for 8, 105 for 32); the bound leaves room above that, and is far below the index.
STEP_BOUND = 4 * STEP + 32


def notes(rnd: random.Random, marker: str) -> str:
    """Long notes of varied Chinese text, so the notes index spans hundreds of pages."""
    return "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(800)) + f"，{marker}。"


@pytest.fixture
def filled(session):
    """60 calls past the retention period and 20 recent ones, each with a marker of its own."""
    rnd, service = random.Random(17), CallService(session)
    old = [f"OLDMARK{n:03d}" for n in range(60)]
    recent = [f"KEPTMARK{n:03d}" for n in range(20)]
    for n, marker in enumerate(old):
        service.save(CallInput(kind="counselling", started_at=OLD + timedelta(hours=n), notes=notes(rnd, marker)))
    for n, marker in enumerate(recent):
        start = NOW - timedelta(days=30, hours=n)
        service.save(CallInput(kind="counselling", started_at=start, summary=marker, notes=notes(rnd, "")))
    session.store.checkpoint()
    assert readable(session.store.path, session.key, *old, *recent) == {*old, *recent}  # the check can see
    return session, old, recent


def test_nothing_shredded_is_left_in_any_decrypted_page_of_the_database_or_its_log(filled):
    session, old, recent = filled
    report = shred_expired(session)
    assert report.calls == 60 and not report.wipe_pending
    assert report.clean_up.wal_emptied
    assert readable(session.store.path, session.key, *old, *recent) == set(recent)
    assert session.store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None


def test_the_lock_is_held_a_bounded_step_at_a_time_and_saves_go_in_between(filled, monkeypatch):
    session, old, recent = filled
    monkeypatch.setattr(retention, "STEP_PAGES", STEP)
    other = session.another()  # a counselor saving at the same seat, on a connection of their own
    other.store.execute("PRAGMA busy_timeout = 0")  # a save that met the write lock would fail at once
    real_step, saved = retention._merge_step, []

    def step_then_save(store, pages):
        result = real_step(store, pages)
        marker = f"NEWMARK{len(saved):03d}"
        form = CallInput(kind="counselling", started_at=NOW - timedelta(minutes=len(saved)), summary=marker)
        saved.append((CallService(other).save(form).call_id, marker))
        other.store.one("PRAGMA wal_checkpoint(PASSIVE)")  # the next step's page count is its own
        return result

    monkeypatch.setattr(retention, "_merge_step", step_then_save)
    report = shred_expired(session)
    other.close()

    steps = report.clean_up.step_pages
    assert len(steps) >= 5, steps  # the index was merged in many steps ...
    assert max(steps) <= STEP_BOUND, steps  # ... none of which wrote more than the bound
    assert len(report.clean_up.step_seconds) == len(steps) == len(saved)
    service = CallService(session)
    assert all(service.count_calls(CallFilter(text=marker)) == 1 for _, marker in saved)
    assert readable(session.store.path, session.key, *old) == set()


def test_a_reader_holding_the_log_leaves_the_clean_up_pending_for_the_next_run(filled):
    session, old, _recent = filled
    reader = session.another()
    reader.store.execute("BEGIN")
    reader.store.one("SELECT count(*) FROM call")  # a read transaction keeps its snapshot of the log
    report = shred_expired(session)
    assert report.calls == 60 and report.wipe_pending and not report.clean_up.wal_emptied
    assert session.store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) == ("1",)
    reader.store.execute("COMMIT")
    reader.close()

    again = shred_expired(session)
    assert again.calls == 0 and not again.wipe_pending and again.clean_up.wal_emptied
    assert readable(session.store.path, session.key, *old) == set()


def test_between_steps_the_lock_is_left_free_longer_than_a_waiting_save_sleeps(filled, monkeypatch):
    """SQLite's busy handler lets a waiting writer retry at most every 100 ms; a clean-up that took its next
    step at once kept a save waiting through many steps (2.1 s at a million calls, benchmarks/cleanup.py).
    So the clean-up leaves the lock free longer than that between any two steps, and not after the last."""
    session, _old, _recent = filled
    monkeypatch.setattr(retention, "STEP_PAGES", STEP)
    events, real_step = [], retention._merge_step

    def step(store, pages):
        events.append("step")
        return real_step(store, pages)

    monkeypatch.setattr(retention, "_merge_step", step)
    monkeypatch.setattr(retention.clock, "sleep", lambda seconds: events.append(seconds))
    shred_expired(session)
    steps = events.count("step")
    assert steps >= 5 and events[0] == events[-1] == "step"
    assert all(isinstance(pause, float) and pause > 0.1 for pause in events[1::2]), events
    assert events[::2] == ["step"] * steps and len(events) == 2 * steps - 1
