"""The shred after the retention period (issue 17): once a run is over, nothing of the shredded text can be read
from any decrypted page of the database or its write-ahead log, and the write lock is held one call at a time,
with a pause between calls, so a save meanwhile waits at most one call's shred."""

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


def notes(rnd: random.Random, marker: str) -> str:
    """Long notes of varied Chinese text, so the notes index spans hundreds of pages."""
    return "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(800)) + f"，{marker}。"


@pytest.fixture
def filled(session):
    """30 calls past the retention period and 20 recent ones, each with a marker of its own."""
    rnd, service = random.Random(17), CallService(session)
    old = [f"OLDMARK{n:03d}" for n in range(30)]
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
    """The notes index keeps a shredded call's words in its pages unless its secure-delete option is on."""
    session, old, recent = filled
    report = shred_expired(session)
    assert report.calls == 30 and not report.wipe_pending
    assert report.clean_up.wal_emptied
    assert readable(session.store.path, session.key, *old, *recent) == set(recent)
    assert session.store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None


def test_each_call_is_shredded_in_a_transaction_of_its_own_and_saves_go_in_between(filled, monkeypatch):
    session, old, _recent = filled
    other = session.another()  # a counselor saving at the same seat, on a connection of their own
    other.store.execute("PRAGMA busy_timeout = 0")  # a save that met the write lock would fail at once
    real_shred, saved = retention._shred_call, []

    def shred_then_save(store, call_id, at):
        held = real_shred(store, call_id, at)
        marker = f"NEWMARK{len(saved):03d}"
        form = CallInput(kind="counselling", started_at=NOW - timedelta(minutes=len(saved)), summary=marker)
        saved.append((CallService(other).save(form).call_id, marker))
        return held

    monkeypatch.setattr(retention, "_shred_call", shred_then_save)
    report = shred_expired(session)
    other.close()

    assert report.calls == len(saved) == 30
    assert report.longest_call_s > 0
    service = CallService(session)
    assert all(service.count_calls(CallFilter(text=marker)) == 1 for _, marker in saved)
    assert readable(session.store.path, session.key, *old) == set()


def test_a_reader_holding_the_log_leaves_the_clean_up_pending_for_the_next_run(filled):
    session, old, _recent = filled
    reader = session.another()
    reader.store.execute("BEGIN")
    reader.store.one("SELECT count(*) FROM call")  # a read transaction keeps its snapshot of the log
    report = shred_expired(session)
    assert report.calls == 30 and report.wipe_pending and not report.clean_up.wal_emptied
    assert session.store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) == ("1",)
    reader.store.execute("COMMIT")
    reader.close()

    again = shred_expired(session)
    assert again.calls == 0 and not again.wipe_pending and again.clean_up.wal_emptied
    assert readable(session.store.path, session.key, *old) == set()


def test_between_calls_the_lock_is_left_free_longer_than_a_waiting_save_sleeps(filled, monkeypatch):
    """SQLite's busy handler lets a waiting writer retry at most every 100 ms; a shred that took its next call
    at once kept a save waiting through many calls (benchmarks/cleanup.py). So the shred leaves the lock free
    longer than that between any two calls, and not after the last."""
    session, _old, _recent = filled
    events, real_shred = [], retention._shred_call

    def shred(store, call_id, at):
        events.append("call")
        return real_shred(store, call_id, at)

    monkeypatch.setattr(retention, "_shred_call", shred)
    monkeypatch.setattr(retention.clock, "sleep", lambda seconds: events.append(seconds))
    assert shred_expired(session, batch=7).calls == 30  # the pause is kept between batches too
    assert events[::2] == ["call"] * 30 and len(events) == 2 * 30 - 1
    assert all(isinstance(pause, float) and pause > 0.1 for pause in events[1::2]), events
