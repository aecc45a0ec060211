"""A database with one damaged page (real bytes of a real seat.db changed): the commands that write check it
first and refuse with exit 1 and one line naming the seat's database; nothing is written; a backup never names
its own temporary copy; a damaged backup is not restored. A whole seat passes, whatever its log holds."""

import hashlib
import json
import zipfile

import pytest

from desktop.backup import create_backup, export_database
from desktop.calls import CallService
from desktop.errors import SeatDamaged
from desktop.exchange import export_file
from desktop.seat import Seat
from desktop.store.integrity import find_damage
from tests.conftest import ADMIN, ADMIN_PASSWORD, files_under, run_cli
from tests.test_calls import a_call

PAGE = 4096
LOGIN_ENV = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}


def damage_one_page(path) -> int:
    """Change one byte inside a page three quarters into the file, as a failing disk does; its number (from 1).
    The tests' seats save their calls last, so that page holds calls; the first pages are the root pages that
    every migration's tables and indexes took at set-up, which log-in reads (the middle of the file reached
    them once the seat had enough tables)."""
    data = bytearray(path.read_bytes())
    page = len(data) // PAGE * 3 // 4 + 1
    assert page >= 3
    data[(page - 1) * PAGE + 2000] ^= 0x01
    path.write_bytes(bytes(data))
    return page


@pytest.fixture
def calls_seat(seat_init, paths, tmp_path):
    """A seat with 60 calls (so it has pages enough), an export of them, and closed; returns the export file."""
    session = seat_init[0]
    for n in range(60):
        CallService(session).save(a_call(summary=f"第{n}通", notes="来电者考研压力大，最近失眠。" * 20))
    export = tmp_path / "calls.jsonl"
    export_file(session, export, None, None)
    session.close()
    return export


def seat_state(paths) -> dict:
    """Every file of the seat (logs and the lock left out) with its bytes; an empty log file counts as none."""
    state = {}
    for path in files_under(paths.home):
        if path.parent.name == "logs" or path.name in ("seat.lock", "seat.db-shm"):
            continue
        data = path.read_bytes()
        if path.name.endswith("-wal") and not data:
            continue
        state[path.name] = hashlib.sha256(data).hexdigest()
    return state


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hotline-log: ") and "Traceback" not in result.stderr
    return lines[0]


def test_a_whole_seat_passes_while_its_log_holds_unmerged_calls(session, paths):
    for n in range(5):
        CallService(session).save(a_call(summary=f"第{n}通"))
    assert paths.database.with_name("seat.db-wal").stat().st_size > 0  # the calls are in the log, not yet merged
    assert find_damage(paths.database, session.key) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("import", "{export}"), id="import"),
        pytest.param(("account", "add", "C009", "--name", "新人"), id="account-add"),
        pytest.param(("account", "passwd", ADMIN), id="account-passwd"),
        pytest.param(("account", "role", ADMIN, "lead"), id="account-role"),
        pytest.param(("backup", "{out}"), id="backup"),
    ],
)
def test_a_command_that_writes_refuses_a_damaged_seat_with_one_line_and_writes_nothing(
    no_keyring, calls_seat, paths, tmp_path, command
):
    page = damage_one_page(paths.database)
    before = seat_state(paths)
    out = tmp_path / "usb" / "seat.hlbak"
    out.parent.mkdir()
    args = [a.format(export=calls_seat, out=out) for a in command]
    env = {**LOGIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": "a-new-pass-1"}

    result = run_cli(*args, home=paths.home, env=env)

    assert result.returncode == 1, result.stderr
    line = one_error_line(result)
    assert f"The seat's database {paths.database} is damaged: page {page} failed the integrity check" in line
    assert "nothing was changed" in line and "python main.py verify" in line and "last backup" in line
    assert ".hotline-backup-" not in line and str(tmp_path / "usb") not in line  # never a temporary copy
    assert seat_state(paths) == before  # not even the log-in was written into the damaged file
    assert list(out.parent.iterdir()) == []


@pytest.mark.slow
def test_reading_commands_still_work_on_a_damaged_seat(no_keyring, calls_seat, paths):
    damage_one_page(paths.database)
    listed = run_cli("account", "list", home=paths.home, env=LOGIN_ENV)
    assert listed.returncode == 0 and listed.stdout.startswith(ADMIN), listed.stderr


def test_a_backup_from_the_window_refuses_a_damaged_seat_and_names_its_database(calls_seat, paths, tmp_path):
    page = damage_one_page(paths.database)
    (tmp_path / "usb").mkdir()
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        entries = len(admin.audit.entries(limit=1000))
        with pytest.raises(SeatDamaged) as refused:
            create_backup(admin, tmp_path / "usb" / "seat.hlbak")
        assert len(admin.audit.entries(limit=1000)) == entries  # no "backup.created" for a backup not made
    assert refused.value.path == paths.database and refused.value.pages == (page,)
    assert str(paths.database) in str(refused.value) and ".hotline-backup-" not in str(refused.value)
    assert list((tmp_path / "usb").iterdir()) == []


def test_a_copy_that_fails_on_a_damaged_page_names_the_seats_database_not_the_copy(calls_seat, paths, tmp_path):
    damage_one_page(paths.database)
    copy = tmp_path / "work" / "seat.db"
    copy.parent.mkdir()
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin, pytest.raises(SeatDamaged) as refused:
        export_database(admin, copy)
    assert str(paths.database) in str(refused.value) and str(copy) not in str(refused.value)


def _damaged_backup(session, target):
    """A backup file of a seat that was already damaged when it was written (checksum and all consistent)."""
    info = create_backup(session, target)
    with zipfile.ZipFile(info.path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    database = bytearray(members["seat.db"])
    page = len(database) // PAGE // 2 + 1
    database[(page - 1) * PAGE + 2000] ^= 0x01
    manifest = json.loads(members["manifest.json"])
    manifest["database_sha256"] = hashlib.sha256(database).hexdigest()
    members.update({"seat.db": bytes(database), "manifest.json": json.dumps(manifest).encode()})
    with zipfile.ZipFile(info.path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return info.path, page


@pytest.mark.slow
def test_restore_refuses_a_damaged_backup_naming_it_and_leaves_the_seat_alone(no_keyring, calls_seat, paths, tmp_path):
    (tmp_path / "usb").mkdir()
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        backup, page = _damaged_backup(admin, tmp_path / "usb" / "seat.hlbak")
    before = seat_state(paths)

    result = run_cli("restore", str(backup), "--yes", home=paths.home, env=LOGIN_ENV)

    assert result.returncode == 1, result.stderr
    line = one_error_line(result)
    assert f"The backup {backup} is damaged" in line and f"page {page}" in line and "Nothing was restored" in line
    assert ".restore-" not in line
    assert seat_state(paths) == before
    assert not [p for p in paths.home.iterdir() if p.name.startswith(".restore-")]
