"""A call save killed outright (SIGKILL) at any point leaves each call whole or absent, and none acknowledged lost.

A child process saves calls through `CallService.save` in a loop and prints each call's number once the
save has returned. The parent kills it after a delay (20 runs, delays spread over the first half second,
from a fixed seed), then opens the seat: the database passes `integrity_check`; every call that is there
has its concerns, emotions, keywords, risk assessment, crisis action, referral, follow-up, search entry
and audit entry, exactly as saved; every call the child reported saved is there; the audit chain holds.
"""

import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest

from desktop.store import open_store
from desktop.store.audit import AuditLog
from desktop.store.search import match_query
from tests.conftest import ADMIN, ROOT

pytestmark = pytest.mark.slow

RUNS = 20
SEED = 20261201

SAVER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.call_model import CallInput, CrisisActionInput, FollowUpInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.seat import Session
from desktop.store import open_store
from desktop.store.accounts import AccountRepo

key = bytes.fromhex(sys.stdin.readline().strip())
store = open_store(Path(sys.argv[1]), key)
service = CallService(Session(None, store, AccountRepo(store).get(sys.argv[2]), key))
first = int(sys.argv[3])
print("ready", flush=True)
for number in range(first, first + 10_000):
    started = datetime(2026, 1, 5, 9, tzinfo=UTC) + timedelta(minutes=number)
    service.save(CallInput(
        kind="counselling", started_at=started, ended_at=started + timedelta(minutes=30),
        concerns=["mental.anxiety", "study.exam"], emotions=["anxiety"], keywords=["考试"],
        summary="考试焦虑", notes=f"KILLSAVE{number:06d} 来电者考试前焦虑，失眠。",
        risk=RiskInput({"ideation_current": True, "plan": True}),
        crisis_actions=[CrisisActionInput("stayed_on_line", started + timedelta(minutes=5), "safe")],
        referrals=[ReferralInput("psychological_outpatient", "soon")],
        follow_ups=[FollowUpInput(started + timedelta(days=1), note="回访")],
    ))
    print(number, flush=True)
"""


def kill_during_saves(database, key: bytes, first: int, delay: float) -> list[int]:
    """Run the saver from call `first`, kill it `delay` seconds after its first save returned; the numbers it
    reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(database), ADMIN, str(first)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        child.stdin.write(key.hex() + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ready"
        first_saved = child.stdout.readline()  # saving is under way, however slow the machine is today
        time.sleep(delay)  # then a random point in the saving, not a wait for a timer
        os.kill(child.pid, signal.SIGKILL)
        told = first_saved + child.stdout.read()
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdin.close()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return [int(n) for n in told.split()]


def whole(store, call_id: int, number: int) -> list[str]:
    """What is missing or wrong in the call `call_id`, saved as call `number` of the saver; [] when whole."""

    def rows(sql):
        return store.rows(sql, (call_id,))

    problems = []
    checks = {
        "concerns": (rows("SELECT code FROM call_concern WHERE call_id = ? ORDER BY code"),
                     [("mental.anxiety",), ("study.exam",)]),
        "emotions": (rows("SELECT code FROM call_emotion WHERE call_id = ?"), [("anxiety",)]),
        "keywords": (rows("SELECT word FROM call_keyword WHERE call_id = ?"), [("考试",)]),
        "risk": (rows("SELECT computed_level, final_level FROM risk_assessment WHERE call_id = ?"),
                 [("high", "high")]),
        "level": (rows("SELECT risk_level FROM call WHERE id = ?"), [("high",)]),
        "crisis": (rows("SELECT action, outcome FROM crisis_action WHERE call_id = ?"), [("stayed_on_line", "safe")]),
        "referral": (rows("SELECT kind, urgency FROM referral WHERE call_id = ?"),
                     [("psychological_outpatient", "soon")]),
        "follow-up": (rows("SELECT note FROM follow_up WHERE call_id = ?"), [("回访",)]),
        "search": (store.rows("SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?",
                              (match_query(f"killsave{number:06d}"),)), [(call_id,)]),
        "audit": (sorted(r[0] for r in store.rows("SELECT action FROM audit WHERE object = ?", (f"call:{call_id}",))),
                  ["call.saved", "crisis.recorded", "follow_up.recorded", "referral.recorded", "risk.assessed"]),
    }  # fmt: skip
    for name, (got, expected) in checks.items():
        if got != expected:
            problems.append(f"{name}: {got!r}")
    return problems


def test_a_save_killed_at_random_points_leaves_each_call_whole_or_absent(seat_init, paths):
    session, _ = seat_init
    key = session.key
    session.close()
    rng = random.Random(SEED)
    acknowledged = []
    for run in range(RUNS):
        acknowledged += kill_during_saves(paths.database, key, run * 10_000, rng.uniform(0.02, 0.5))

    with open_store(paths.database, key) as store:
        assert store.rows("PRAGMA integrity_check") == [("ok",)]
        saved = {}
        for call_id, notes in store.rows("SELECT id, notes FROM call"):
            saved[int(re.match(r"KILLSAVE(\d{6})", notes).group(1))] = call_id
        assert set(acknowledged) <= set(saved)  # no save that returned is lost
        broken = {number: whole(store, call_id, number) for number, call_id in saved.items()}
        assert {n: p for n, p in broken.items() if p} == {}
        assert AuditLog(store).verify() == []
        assert len(acknowledged) >= RUNS  # the kills fell among saves: each run had saved some already
