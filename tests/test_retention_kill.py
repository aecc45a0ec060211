"""A shred killed outright (kill -9) leaves every call whole or fully shredded, and the next run finishes it."""

import os
import signal
import subprocess
import sys

import pytest

from desktop.retention import ShredReport, shred_expired
from desktop.seat import Session
from desktop.store import open_store
from desktop.store.accounts import AccountRepo
from tests.conftest import ADMIN, ROOT
from tests.test_retention import files_holding, free_text, is_shredded, save_call, tables_holding, team  # noqa: F401

pytestmark = pytest.mark.slow

MARKER = "KILLMARK"
CALLS = 30
KILL_AFTER = 5

SHREDDER = """
import sys
from pathlib import Path

import desktop.retention as retention
from desktop.seat import Session
from desktop.store import open_store
from desktop.store.accounts import AccountRepo

key = bytes.fromhex(sys.stdin.readline().strip())
store = open_store(Path(sys.argv[1]), key)
real_mark = retention._mark_shredded


def mark_and_tell(store_, call_id, at):
    real_mark(store_, call_id, at)
    print(call_id, flush=True)  # still inside the call's transaction: the kill may land before its commit


retention._mark_shredded = mark_and_tell
retention.shred_expired(Session(None, store, AccountRepo(store).get(sys.argv[2]), key), batch=1)
"""


def test_a_shred_killed_mid_run_leaves_no_half_shredded_call_and_resumes(team, paths):  # noqa: F811
    calls = {save_call(team, f"{MARKER}{n:03d}"): None for n in range(CALLS)}
    for call_id in calls:
        calls[call_id] = free_text(team.store, call_id)
    key = team.key
    team.close()

    shredder = subprocess.Popen(
        [sys.executable, "-c", SHREDDER, str(paths.database), ADMIN],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        shredder.stdin.write(key.hex() + "\n")
        shredder.stdin.flush()
        told = [shredder.stdout.readline() for _ in range(KILL_AFTER)]
        os.kill(shredder.pid, signal.SIGKILL)
    finally:
        shredder.kill()
        shredder.wait(timeout=30)
        shredder.stdin.close()
        shredder.stdout.close()
    assert shredder.returncode == -signal.SIGKILL and all(line.strip() for line in told)

    with open_store(paths.database, key) as store:
        assert store.rows("PRAGMA integrity_check") == [("ok",)]
        shredded = [call_id for call_id in calls if is_shredded(store, call_id)]
        whole = [call_id for call_id in calls if free_text(store, call_id) == calls[call_id]]
        assert sorted(shredded + whole) == sorted(calls)  # each call is one or the other, never half
        assert KILL_AFTER - 1 <= len(shredded) < CALLS  # the last one told of may not have committed

        session = Session(None, store, AccountRepo(store).get(ADMIN), key)
        assert shred_expired(session) == ShredReport(CALLS - len(shredded), 0)
        assert all(is_shredded(store, call_id) for call_id in calls)
        assert tables_holding(store, MARKER) == set()
    assert files_holding(paths.home, MARKER) == []
