"""Bad input and faults (each a test): a clear message, the right exit status, and nothing lost."""

import base64
import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
from datetime import timedelta

import pytest

from desktop.accounts import AccountService
from desktop.clock import utc_now
from desktop.config import SeatPaths
from desktop.errors import (
    BadInput,
    DatabaseError,
    KeyringError,
    LoginDelayed,
    SeatBusy,
    StorageError,
    VaultError,
    WrongPassword,
    WrongRecoveryCode,
)
from desktop.instance import SeatLock
from desktop.seat import Seat
from desktop.store import open_store
from desktop.store.accounts import AccountRepo
from desktop.store.connection import sqlite
from desktop.store.settings import SettingsRepo
from desktop.vault import throttle
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT, files_under, run_cli

PAGE = 4096
LOGIN_ENV = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
KEY_HEX = "5a" * 32


def seat_files(paths: SeatPaths) -> list[str]:
    """The files of the seat itself (the command line's logs and lock left out)."""
    return sorted(
        str(p.relative_to(paths.home))
        for p in files_under(paths.home)
        if p.parent.name != "logs" and p.name != "seat.lock"
    )


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hotline-log: ") and "Traceback" not in result.stderr
    return lines[0]


# ----- wrong password, throttling, recovery code ---------------------------------------------------------


def test_wrong_password_is_refused(seat_init, paths):
    with pytest.raises(WrongPassword, match="Wrong staff code or password"):
        Seat(paths).login(ADMIN, "not-the-password")


@pytest.mark.slow
def test_wrong_password_on_the_command_line_exits_2_with_one_line(no_keyring, seat_init, paths):
    result = run_cli("account", "list", home=paths.home, env={**LOGIN_ENV, "HOTLINE_LOG_PASSWORD": "wrong-pass-9"})
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Wrong staff code or password" in one_error_line(result)
    assert "wrong-pass-9" not in result.stderr


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock the test moves forward: both the time failures are stamped with and the time they are
    checked against."""
    now = [utc_now()]
    monkeypatch.setattr("desktop.clock.utc_now", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += timedelta(seconds=seconds)

    return advance


def test_failed_logins_make_the_next_try_wait_longer_even_after_a_restart(seat_init, paths, clock):
    for _ in range(3):  # three free tries, as the README says; the fourth waits
        with pytest.raises(WrongPassword):
            Seat(paths).login(ADMIN, "bad-password")
    throttle.forget_all()  # as a new process starts: only the vault file remembers
    with pytest.raises(LoginDelayed, match="wait 2 s") as first:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)  # a new Seat reads the delay back from the vault file
    assert first.value.seconds_left == 2

    clock(2)
    with pytest.raises(WrongPassword):
        Seat(paths).login(ADMIN, "bad-password")
    with pytest.raises(LoginDelayed) as second:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert second.value.seconds_left == 4

    clock(4)
    session = Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    try:
        actions = [(e.action, e.object) for e in reversed(session.audit.entries())]
        assert actions[-5:] == [("login.failed", ADMIN)] * 4 + [("login.ok", ADMIN)]
        assert session.seat.vault.failures(ADMIN) == 0 and session.seat.vault.pending_audit() == []
    finally:
        session.close()


def test_wrong_recovery_code_is_refused(seat_init, paths):
    with pytest.raises(WrongRecoveryCode, match="recovery code"):
        Seat(paths).login_recovery("0000-0000-0000-0000-0000-0000")


@pytest.mark.slow
def test_wrong_recovery_code_on_the_command_line_exits_2(no_keyring, seat_init, paths):
    env = {"HOTLINE_LOG_RECOVERY_CODE": "0000-0000-0000-0000-0000-0000"}
    result = run_cli("verify", "--recovery", home=paths.home, env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Wrong recovery code" in one_error_line(result)


# ----- the vault and the keyring -------------------------------------------------------------------------


def test_vault_of_another_seat_is_refused_and_nothing_is_deleted(seat_init, paths, tmp_path):
    seat_init[0].close()
    other, _ = Seat.init(SeatPaths(tmp_path / "other"), "另一席位", ADMIN, "管理员", ADMIN_PASSWORD)
    other.close()
    database = paths.database.read_bytes()
    paths.vault.write_bytes((tmp_path / "other" / "seat.vault").read_bytes())

    with pytest.raises(DatabaseError, match="another seat|different seats"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert paths.database.read_bytes() == database
    assert seat_files(paths) == ["seat.db", "seat.vault"]


def test_missing_device_secret_points_to_the_recovery_code(seat_init, paths, memory_keyring):
    session, code = seat_init
    memory_keyring.secrets.clear()
    with pytest.raises(KeyringError, match="recovery code"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert memory_keyring.secrets == {}  # no new secret was made behind the user's back
    with Seat(paths).login_recovery(code) as recovered:
        assert recovered.key == session.key


def test_replaced_device_secret_points_to_the_recovery_code(seat_init, paths, memory_keyring):
    session, code = seat_init
    session.close()
    database = paths.database.read_bytes()
    stranger = base64.b64encode(os.urandom(32)).decode()
    devices = [entry for entry in memory_keyring.secrets if entry[1].startswith("device-secret:")]
    for entry in devices:
        memory_keyring.secrets[entry] = stranger

    with pytest.raises(KeyringError, match="recovery code"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert [memory_keyring.secrets[entry] for entry in devices] == [stranger]
    assert paths.database.read_bytes() == database
    with Seat(paths).login_recovery(code) as recovered:
        assert SettingsRepo(recovered.store).get("seat_name") == "测试席位"


def _garbage(raw: bytes) -> bytes:
    return b"\x00\xffnot a vault\x13" * 10


def _cut_json(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["version"] = 99
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [(_garbage, "is damaged"), (_cut_json, "is damaged"), (_newer, "newer Hotline Log")],
    ids=["garbage", "truncated-json", "newer-version"],
)
def test_unreadable_vault_is_named_and_left_alone(seat_init, paths, spoil, message):
    seat_init[0].close()
    spoiled = spoil(paths.vault.read_bytes())
    paths.vault.write_bytes(spoiled)
    database = paths.database.read_bytes()

    with pytest.raises(VaultError, match=message) as failure:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert str(paths.vault) in str(failure.value)
    assert paths.vault.read_bytes() == spoiled
    assert paths.database.read_bytes() == database


# ----- a damaged database --------------------------------------------------------------------------------


def _cut_mid_page(path):
    path.write_bytes(path.read_bytes()[:-1000])


def _cut_whole_pages(path):
    path.write_bytes(path.read_bytes()[: -2 * PAGE])


def _empty(path):
    path.write_bytes(b"")


def _plain_sqlite(path):
    path.unlink()
    with sqlite3.connect(path) as plain:
        plain.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
        plain.execute("INSERT INTO setting VALUES ('seat_name', 'plain')")
    plain.close()


def _flip_byte_in_a_middle_page(path) -> int:
    data = bytearray(path.read_bytes())
    page = len(data) // PAGE // 2 + 1  # numbered from 1, as SQLite and `verify` count them
    assert page >= 3
    data[(page - 1) * PAGE + 2000] ^= 0x01
    path.write_bytes(bytes(data))
    return page


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        pytest.param(_cut_mid_page, "damaged|truncated", id="cut-mid-page"),
        pytest.param(_cut_whole_pages, "damaged|truncated|cut short", id="cut-whole-pages"),
        pytest.param(_empty, r"empty \(0 bytes\)", id="zero-bytes"),
        pytest.param(_plain_sqlite, "unencrypted SQLite", id="plaintext-sqlite"),
    ],
)
def test_damaged_database_refuses_login_with_a_clear_message_and_is_kept(seat_init, paths, damage, says):
    seat_init[0].close()
    damage(paths.database)
    damaged = paths.database.read_bytes()
    before = seat_files(paths)

    with pytest.raises(DatabaseError, match=says) as failure:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert "another seat" not in str(failure.value)
    assert paths.database.read_bytes() == damaged
    assert seat_files(paths) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    ("damage", "says"),
    [
        pytest.param(_cut_mid_page, "truncated", id="cut-mid-page"),
        pytest.param(_cut_whole_pages, "damaged|truncated|cut short", id="cut-whole-pages"),
        pytest.param(_empty, r"empty \(0 bytes\)", id="zero-bytes"),
        pytest.param(_plain_sqlite, "unencrypted SQLite", id="plaintext-sqlite"),
        pytest.param(_flip_byte_in_a_middle_page, r"\bpage {page}\b", id="flipped-byte"),
    ],
)
def test_verify_names_the_damage_exits_1_and_changes_nothing(no_keyring, seat_init, paths, damage, says):
    seat_init[0].close()
    page = damage(paths.database)
    damaged = paths.database.read_bytes()
    before = seat_files(paths)

    result = run_cli("verify", home=paths.home, env=LOGIN_ENV)
    assert result.returncode == 1, result.stderr
    assert "FAIL" in result.stdout
    report = result.stdout + one_error_line(result)
    assert re.search(says.format(page=page), report), report
    assert "another seat" not in report
    assert paths.database.read_bytes() == damaged
    assert seat_files(paths) == before


def test_schema_from_a_newer_program_is_refused_and_left_alone(session, paths):
    session.store.execute("PRAGMA user_version = 99")
    session.close()
    database = paths.database.read_bytes()

    with pytest.raises(DatabaseError, match="newer Hotline Log"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert paths.database.read_bytes() == database
    assert seat_files(paths) == ["seat.db", "seat.vault"]  # no pre-migration copy, nothing new


# ----- a full disk, a read-only folder -------------------------------------------------------------------


def _raise(code):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("tempfile.mkstemp", errno.EROFS, "cannot be written: its disk"),
        ("os.fsync", errno.ENOSPC, "is full"),
        ("os.replace", errno.ENOSPC, "is full"),
    ],
    ids=["read-only-folder", "disk-full-writing", "disk-full-renaming"],
)
def test_failed_vault_write_keeps_the_old_vault_and_drops_the_half_added_account(
    session, paths, monkeypatch, target, code, message
):
    vault_before = paths.vault.read_bytes()
    files_before = sorted(os.listdir(paths.home))
    service = AccountService(session)
    module, name = target.split(".")
    monkeypatch.setattr({"os": os, "tempfile": tempfile}[module], name, _raise(code))

    with pytest.raises(StorageError, match=message):
        service.add("C001", "咨询员一", "counselor", "counselor-pass-1")
    monkeypatch.undo()

    assert paths.vault.read_bytes() == vault_before
    assert sorted(os.listdir(paths.home)) == files_before  # no temporary file left behind
    assert AccountRepo(session.store).get("C001") is None
    assert not Seat(paths).vault.has_account("C001")
    service.add("C001", "咨询员一", "counselor", "counselor-pass-1")  # once there is room, it just works
    assert Seat(paths).vault.has_account("C001")


class CommitHitsFullDisk:
    """The seat's connection, except that COMMIT finds the disk full (the WAL cannot grow)."""

    def __init__(self, conn):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            raise sqlite.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)


def test_disk_full_at_commit_leaves_no_password_for_the_account_that_was_not_added(session, paths, monkeypatch):
    vault_before = paths.vault.read_bytes()
    monkeypatch.setattr(session.store, "conn", CommitHitsFullDisk(session.store.conn))

    with pytest.raises(StorageError, match="full"):
        AccountService(session).add("C001", "咨询员一", "counselor", "counselor-pass-1")
    monkeypatch.undo()

    assert AccountRepo(session.store).get("C001") is None
    assert not Seat(paths).vault.has_account("C001"), "the log-in list offers an account that does not exist"
    assert paths.vault.read_bytes() == vault_before


def test_full_database_refuses_the_write_and_keeps_earlier_rows(session):
    settings = SettingsRepo(session.store)
    settings.set("kept", "written before the disk filled")
    pages = session.store.one("PRAGMA page_count")[0]
    session.store.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StorageError, match="full"):
        settings.set("too-big", "x" * (4 * PAGE))
    assert settings.get("too-big") is None
    assert settings.get("kept") == "written before the disk filled"
    assert session.audit.verify() == []
    assert session.store.rows("PRAGMA integrity_check") == [("ok",)]


# ----- keys, crashes, a second instance ------------------------------------------------------------------


@pytest.mark.parametrize("key", ["abc", "zz" * 32, "0" * 63 + "g", "0" * 66])
@pytest.mark.parametrize("create", [True, False])
def test_key_that_is_not_64_hex_characters_is_refused_before_any_file_is_made(tmp_path, key, create):
    with pytest.raises(BadInput, match="64 hexadecimal"):
        open_store(tmp_path / "seat.db", key, create=create)
    assert list(tmp_path.iterdir()) == []


WRITER = """
import sys
from desktop.store import open_store
store = open_store(sys.argv[1], sys.argv[2])
for n in range(1_000_000):
    with store.transaction():
        store.execute("INSERT INTO setting (key, value) VALUES (?, ?)", (f"row-{n}", "x" * 3000))
    print(n, flush=True)
"""


@pytest.mark.slow
def test_killed_mid_write_keeps_every_committed_row(tmp_path):
    database = tmp_path / "seat.db"
    open_store(database, KEY_HEX, create=True).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database), KEY_HEX],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        committed = [writer.stdout.readline() for _ in range(200)]
        os.kill(writer.pid, signal.SIGKILL)
        committed += writer.stdout.readlines()
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    with open_store(database, KEY_HEX) as store:
        assert store.rows("PRAGMA integrity_check") == [("ok",)]
        stored = {key for (key,) in store.rows("SELECT key FROM setting")}
    assert {f"row-{int(line)}" for line in committed} <= stored


@pytest.mark.slow
def test_second_instance_on_the_same_folder_is_refused(no_keyring, seat_init, paths):
    with SeatLock(paths.lock):
        result = run_cli("account", "list", home=paths.home, env=LOGIN_ENV)
    assert result.returncode == 1
    line = one_error_line(result)
    assert "already running" in line and f"process {os.getpid()}" in line
    assert result.stdout == ""

    again = run_cli("account", "list", home=paths.home, env=LOGIN_ENV)
    assert again.returncode == 0 and again.stdout.startswith(ADMIN)


HOLDER = """
import sys, time
from desktop.instance import SeatLock
SeatLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(120)
"""


@pytest.mark.slow
def test_seat_lock_is_released_when_the_holding_process_dies(paths):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(paths.lock)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(SeatBusy, match=f"already running.*process {holder.pid}"):
            SeatLock(paths.lock).acquire()
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
    with SeatLock(paths.lock):
        pass
