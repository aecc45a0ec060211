"""A restore killed at any step is finished (or, when its unpacked copy is gone, rolled back) by the next start,
from the command line or the window, which says which and audits it; the scratch of killed restores and backups
is removed (desktop/interrupted.py)."""

import json
import shutil

import pytest

from desktop import interrupted
from desktop.accounts import AccountService
from desktop.backup import create_backup
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli, run_cli_killed_at

pytestmark = pytest.mark.slow

ADMIN_ENV = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
STEPS = [
    "restore.journal_written",  # the journal is there, nothing moved yet
    "restore.aside:seat.db",  # the old database aside, the old vault still in place
    "restore.aside:seat.vault",  # no seat in place at all: the "No seat is set up; run init"
    "restore.placed:seat.vault",  # the new vault in place, the new database not yet
    "restore.placed:seat.db",
    "restore.placed",  # in place, not yet audited
    "restore.audited",  # only the clean-up left
]


@pytest.fixture
def backed_up(no_keyring, seat_init, paths, tmp_path):
    """A backup with A001 and C001; then the seat goes on and gains C002 (so which seat is in place shows)."""
    session, _ = seat_init
    AccountService(session).add("C001", "咨询员", "counselor", "counselor-1")
    backup = create_backup(session, tmp_path / "seat.hlbak").path
    AccountService(session).add("C002", "咨询员二", "counselor", "counselor-2")
    session.close()
    return backup


def accounts_in_place(result) -> list[str]:
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


def audit_of(paths) -> list[tuple[str, str, dict]]:
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        return [(e.action, e.object, json.loads(e.detail or "{}")) for e in admin.audit.entries(limit=40)]


def leftovers(paths) -> list[str]:
    return sorted(p.name for p in paths.home.iterdir() if p.name.startswith(".") or p.name == "restore.journal")


@pytest.mark.parametrize("step", STEPS)
def test_a_restore_killed_at_each_step_is_finished_by_the_next_command(backed_up, paths, step):
    run_cli_killed_at(step, "restore", "--yes", str(backed_up), home=paths.home, env=ADMIN_ENV)
    assert paths.restore_journal.exists()

    after = run_cli("account", "list", home=paths.home, env=ADMIN_ENV)
    assert after.returncode == 0, after.stderr
    assert accounts_in_place(after) == [ADMIN, "C001"]  # the backup's seat, not the one it replaced
    if step != "restore.audited":
        assert "was interrupted; it was finished now" in after.stderr
        assert str(paths.replaced) in after.stderr
    assert leftovers(paths) == []
    replaced = [p for p in paths.replaced.iterdir() if p.is_dir()]
    assert len(replaced) == 1 and (replaced[0] / "seat.db").exists() and (replaced[0] / "seat.vault").exists()
    restored = [d for a, o, d in audit_of(paths) if a == "backup.restored" and o == "seat.hlbak"]
    assert len(restored) == 1
    if step not in ("restore.audited",):
        assert restored[0]["finished"] == "at the next start, after an interruption"


def test_a_restore_killed_before_its_journal_leaves_the_seat_as_it_was_and_no_scratch(backed_up, paths):
    database = paths.database.read_bytes()
    run_cli_killed_at("restore.staged", "restore", "--yes", str(backed_up), home=paths.home, env=ADMIN_ENV)
    assert [p.name for p in paths.home.glob(".restore-*")]  # the unpacked copy of the issue: 20 MB left behind

    after = run_cli("account", "list", home=paths.home, env=ADMIN_ENV)
    assert after.returncode == 0 and accounts_in_place(after) == [ADMIN, "C001", "C002"]
    assert after.stderr == ""
    assert leftovers(paths) == [] and not paths.replaced.exists()
    assert paths.database.read_bytes()[:4096] == database[:4096]


def test_a_restore_whose_unpacked_copy_is_gone_is_rolled_back_and_says_so(backed_up, paths):
    run_cli_killed_at("restore.placed:seat.vault", "restore", "--yes", str(backed_up), home=paths.home, env=ADMIN_ENV)
    for staging in paths.home.glob(".restore-*"):
        shutil.rmtree(staging)  # the new database with it

    after = run_cli("account", "list", home=paths.home, env=ADMIN_ENV)
    assert after.returncode == 0, after.stderr
    assert "could not be finished" in after.stderr and "rolled back" in after.stderr
    assert accounts_in_place(after) == [ADMIN, "C001", "C002"]  # the seat as it was
    assert leftovers(paths) == []
    unfinished = [p for p in paths.replaced.iterdir() if p.name.endswith("-unfinished-restore")]
    assert [sorted(f.name for f in p.iterdir()) for p in unfinished] == [["seat.vault"]]
    rolled = [d for a, o, d in audit_of(paths) if a == "restore.rolled_back"]
    assert len(rolled) == 1


def test_the_window_finishes_an_interrupted_restore_before_it_offers_to_set_up_a_seat(
    backed_up, paths, qapp, messages, monkeypatch
):
    from ui import app
    from ui.start import StartDialog

    run_cli_killed_at("restore.aside:seat.vault", "restore", "--yes", str(backed_up), home=paths.home, env=ADMIN_ENV)
    assert not paths.exists()  # what the window found before: no seat, so the first-start dialog
    monkeypatch.setattr(StartDialog, "exec", lambda self: pytest.fail("the first-start dialog was offered"))

    assert app.choose_seat(paths) == (paths, None, None)
    kind, _title, text = messages[-1]
    assert kind == "information" and "It was finished now" in text and "seat.hlbak" in text
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        assert [a.code for a in AccountService(admin).accounts()] == [ADMIN, "C001"]


# ----- killed backups ------------------------------------------------------------------------------------------


def test_a_killed_backup_leaves_scratch_that_the_next_start_removes(backed_up, paths, tmp_path):
    target = tmp_path / "usb" / "seat-2.hlbak"
    target.parent.mkdir()
    run_cli_killed_at("backup.partial_written", "backup", str(target), home=paths.home, env=ADMIN_ENV)
    left = sorted(p.name for p in target.parent.iterdir())
    assert left[0] == ".hotline-backup-" + left[0].split("-")[-1] and left[1] == ".seat-2.hlbak.partial"
    assert list(paths.home.glob(".backup-*.pending"))

    run_cli("account", "list", home=paths.home, env=ADMIN_ENV)
    assert list(target.parent.iterdir()) == []
    assert not list(paths.home.glob(".backup-*.pending"))


def test_the_scratch_of_a_backup_still_running_is_left_alone(backed_up, paths, tmp_path):
    target = tmp_path / "running.hlbak"
    with interrupted.backup_scratch(paths, target) as (work, partial):
        partial.write_bytes(b"half")
        assert interrupted.settle(paths) == []
        assert work.is_dir() and partial.exists()
    assert not work.exists() and not partial.exists()
