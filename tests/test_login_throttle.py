"""The log-in delay holds whatever the disk does (desktop/vault/throttle.py): a try that cannot be recorded is
refused before its password is checked, alike for every password; the count lives in memory as well as in the
vault; `restore` tries count against the seat's own delay and are audited.

A full disk is real where the machine allows it: a 16 MB tmpfs mounted for the test (root only; skipped with
the reason otherwise) and filled to its last byte."""

import errno
import json
import os
import subprocess
from datetime import timedelta

import pytest

from desktop.accounts import AccountService
from desktop.backup import create_backup, restore_backup
from desktop.clock import utc_now
from desktop.config import SeatPaths
from desktop.errors import DiskFull, LoginDelayed, WrongPassword, WrongRecoveryCode
from desktop.seat import Seat
from desktop.vault import Vault, throttle
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli

WRONG = "wrong-password-1"
BAD_CODE = "0000-0000-0000-0000-0000-0000"


@pytest.fixture
def clock(monkeypatch):
    now = [utc_now()]
    monkeypatch.setattr("desktop.clock.utc_now", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += timedelta(seconds=seconds)

    return advance


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB file system of the test's own (a tmpfs), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"a small disk to fill cannot be mounted here ({done.stderr.strip() or 'mount failed'})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder) -> None:
    """Write into `folder` until its disk refuses a single byte more."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)


@pytest.fixture
def full_disk_seat(small_disk, monkeypatch):
    """A seat with A001 on the small disk, nobody logged in, and the disk then filled."""
    paths = SeatPaths(small_disk / "seat")
    monkeypatch.setenv("HOTLINE_LOG_HOME", str(paths.home))
    session, _ = Seat.init(paths, "测试席位", ADMIN, "管理员", ADMIN_PASSWORD)
    session.close()
    fill(small_disk)
    return paths


def test_on_a_full_disk_right_and_wrong_passwords_get_the_same_refusal_and_no_password_is_checked(
    full_disk_seat, monkeypatch, clock
):
    vault = full_disk_seat.vault.read_bytes()
    checked = []
    real_open = Vault._open_slot
    monkeypatch.setattr(Vault, "_open_slot", lambda self, *a: checked.append(1) or real_open(self, *a))
    refusals = []
    for password in (WRONG, ADMIN_PASSWORD, WRONG, "another-wrong-2", ADMIN_PASSWORD):
        clock(600)  # past any delay: each try reaches the vault
        with pytest.raises(DiskFull) as failure:
            Seat(full_disk_seat).login(ADMIN, password)
        refusals.append(str(failure.value))
    assert len(set(refusals)) == 1 and "is full" in refusals[0]  # nothing tells the right password apart
    assert "refused before the password was checked" in refusals[0] and "Wrong" not in refusals[0]
    assert checked == []  # no password was ever tried: no guessing at all while the disk is full
    assert full_disk_seat.vault.read_bytes() == vault


@pytest.mark.slow
def test_on_a_full_disk_the_command_line_refuses_right_and_wrong_passwords_alike(no_keyring, full_disk_seat):
    env = {"HOTLINE_LOG_USER": ADMIN}
    results = [
        run_cli("account", "list", home=full_disk_seat.home, env={**env, "HOTLINE_LOG_PASSWORD": password})
        for password in (WRONG, ADMIN_PASSWORD)
    ]
    lines = [r.stderr.strip().splitlines()[-1] for r in results]
    assert [r.returncode for r in results] == [1, 1] and [r.stdout for r in results] == ["", ""]
    assert lines[0] == lines[1] and "cannot be recorded" in lines[0] and "is full" in lines[0]


def test_the_delay_holds_in_memory_when_the_vault_is_put_back_after_every_failure(seat_init, paths, clock):
    """However the vault file loses the count (put back, or a write that never landed), this process keeps it."""
    seat_init[0].close()
    clean = paths.vault.read_bytes()
    for _ in range(3):
        with pytest.raises(WrongPassword):
            Seat(paths).login(ADMIN, WRONG)
        paths.vault.write_bytes(clean)  # the vault knows of no failure
    assert Seat(paths).vault._data["throttle"] == {}
    with pytest.raises(LoginDelayed):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    clock(2)
    Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()
    throttle.forget_all()  # as a new process: only the vault counts, and it was put back
    assert Seat(paths).vault.failures(ADMIN) == 0


def test_a_failure_counted_while_the_disk_was_full_still_delays_once_it_has_room(full_disk_seat, small_disk, clock):
    for _ in range(3):
        with pytest.raises(DiskFull):
            Seat(full_disk_seat).login(ADMIN, WRONG)
    (small_disk / "filler").unlink()
    with pytest.raises(LoginDelayed):  # the tries the disk refused count in memory
        Seat(full_disk_seat).login(ADMIN, ADMIN_PASSWORD)
    clock(2)
    Seat(full_disk_seat).login(ADMIN, ADMIN_PASSWORD).close()


# ----- restore tries count against the seat's own delay and are audited -------------------------------------


@pytest.fixture
def backed_up(seat_init, paths, tmp_path):
    session, code = seat_init
    AccountService(session).add("C001", "咨询员", "counselor", "counselor-1")
    info = create_backup(session, tmp_path / "seat.hlbak")
    session.close()
    return info.path, code


def audited(paths, password=ADMIN_PASSWORD) -> list[tuple[str, str, dict]]:
    with Seat(paths).login(ADMIN, password) as admin:
        return [(e.action, e.object, json.loads(e.detail or "{}")) for e in admin.audit.entries(limit=30)]


def test_wrong_restore_passwords_delay_the_seats_own_log_in_and_are_audited(backed_up, paths, clock):
    backup, _ = backed_up
    for _ in range(3):
        with pytest.raises(WrongPassword):
            restore_backup(paths, backup, login=(ADMIN, WRONG), replace=True)
    throttle.forget_all()  # the seat's vault holds the count, not only this process
    with pytest.raises(LoginDelayed):
        restore_backup(paths, backup, login=(ADMIN, ADMIN_PASSWORD), replace=True)
    with pytest.raises(LoginDelayed):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)  # one delay for log-in and restore: no second oracle
    clock(2)
    tries = [o for a, o, _d in audited(paths) if a == "restore.failed"]
    assert tries == [ADMIN] * 3
    assert not paths.replaced.exists()


def test_wrong_recovery_codes_at_restore_delay_the_seats_recovery_code_and_are_audited(backed_up, paths, clock):
    backup, code = backed_up
    for _ in range(3):
        with pytest.raises(WrongRecoveryCode):
            restore_backup(paths, backup, recovery_code=BAD_CODE, replace=True)
    throttle.forget_all()
    with pytest.raises(LoginDelayed):
        restore_backup(paths, backup, recovery_code=code, replace=True)
    with pytest.raises(LoginDelayed):
        Seat(paths).login_recovery(code)
    clock(2)
    assert [o for a, o, _d in audited(paths) if a == "restore.recovery_failed"] == ["recovery"] * 3


def test_failed_restore_tries_before_a_successful_one_reach_the_restored_seats_audit(backed_up, paths):
    backup, _ = backed_up
    with pytest.raises(WrongPassword):
        restore_backup(paths, backup, login=(ADMIN, WRONG), replace=True)
    restore_backup(paths, backup, login=(ADMIN, ADMIN_PASSWORD), replace=True)
    carried = [d for a, o, d in audited(paths) if a == "restore.failed" and o == ADMIN]
    assert len(carried) == 1 and carried[0]["before_restore"] is True


def test_restore_tries_on_a_new_computer_are_delayed_for_as_long_as_the_program_runs(backed_up, tmp_path, clock):
    backup, code = backed_up
    target = SeatPaths(tmp_path / "new-pc")
    for _ in range(3):
        with pytest.raises(WrongRecoveryCode):
            restore_backup(target, backup, recovery_code=BAD_CODE)
    with pytest.raises(LoginDelayed):  # no seat here to keep the count: this process does
        restore_backup(target, backup, recovery_code=code)
    clock(2)
    restore_backup(target, backup, recovery_code=code)
