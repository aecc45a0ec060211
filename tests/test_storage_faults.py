"""A disk that refuses is told apart from damage and from another seat's key, everywhere, and never leads to a
restore (issue 12, point 2). Real faults where the machine allows: a small tmpfs filled to the last byte or
remounted read-only, a file of root's opened as `nobody`, a real lock held by another connection. Injection only
for what cannot be made for real: a permission refused to root, an I/O error of a healthy disk."""

import errno
import os
import re
import shutil
import subprocess
import sys

import pytest

import desktop.backup
from desktop.backup import create_backup, restore_backup
from desktop.calls import CallService
from desktop.config import ENV_HOME, SeatPaths
from desktop.errors import (
    BadInput,
    DatabaseBusy,
    DatabaseError,
    DiskFull,
    DiskIOError,
    NoPermission,
    ReadOnlyStorage,
    StorageError,
)
from desktop.instance import SeatLock, held_here
from desktop.seat import Seat
from desktop.store import connection
from desktop.store.connection import sqlcipher3, sqlite
from desktop.verify import verify_seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT, files_under, run_cli
from tests.disks import NOBODY, mounted_small_disk
from tests.test_calls import a_call

LOGIN_ENV = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
MISLEADING = ("another seat", "damaged", "restore", "decrypted")  # words a refusal of the disk must never use


def snapshot(home) -> dict:
    """The seat's own files and their bytes (SQLite's -shm and an empty -wal, made by any open, and the empty
    seat.lock every command takes, left out)."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in files_under(home)
        if p.parent.name != "logs"
        and not (p.name == "seat.lock" and not p.stat().st_size)
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and not p.stat().st_size)
    }


def refusal_only(text: str) -> None:
    lowered = text.lower()
    for word in MISLEADING:
        assert word not in lowered, f"{word!r} in: {text}"


@pytest.fixture
def small_disk():
    with mounted_small_disk() as disk:
        yield disk


@pytest.fixture
def disk_seat(small_disk, no_keyring, monkeypatch):
    """A seat with two calls on the small disk (no keyring, as the command line runs it). Returns its paths."""
    paths = SeatPaths(small_disk.root / "seat")
    monkeypatch.setenv(ENV_HOME, str(paths.home))
    session, _code = Seat.init(paths, "小盘席位", ADMIN, "管理员", ADMIN_PASSWORD)
    with session:
        for n in range(2):
            CallService(session).save(a_call(summary=f"第{n}通"))
        session.store.checkpoint()
    for extra in ("-wal", "-shm"):  # as after a clean close of the window: the next open makes them again
        paths.database.with_name(paths.database.name + extra).unlink(missing_ok=True)
    return paths


def as_nobody(*args, home):
    """`python main.py ARGS` run by the user `nobody` (through setpriv), as run_cli runs it for the test's user."""
    if shutil.which("setpriv") is None:
        pytest.skip("no `setpriv` here to run a command as another user")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")}
    env.update(LOGIN_ENV, HOTLINE_LOG_HOME=str(home), PYTHONPATH=str(ROOT), HOME=str(home))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    user = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return subprocess.run(
        ["setpriv", *user, sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=home,
    )


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# ----- a full disk ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", [["verify"], ["stats", "--from", "2025-01-01", "--to", "2025-01-31"]])
def test_a_full_disk_is_told_as_full_with_where_to_free_space(small_disk, disk_seat, command):
    small_disk.fill()
    before = snapshot(disk_seat.home)
    result = run_cli(*command, home=disk_seat.home, env=LOGIN_ENV)

    assert result.returncode == 1
    line = one_line(result)
    assert "is full" in line and f"Free space on {small_disk.root}" in line, line
    refusal_only(line + result.stdout)
    assert snapshot(disk_seat.home) == before


def test_logging_in_on_a_full_disk_raises_disk_full_naming_the_mount(small_disk, disk_seat):
    small_disk.fill()
    with pytest.raises(DiskFull) as refused:
        Seat(disk_seat).login(ADMIN, ADMIN_PASSWORD)
    assert refused.value.mount == small_disk.root and refused.value.folder == disk_seat.home
    small_disk.free()
    with Seat(disk_seat).login(ADMIN, ADMIN_PASSWORD) as session:  # space again: the seat is whole
        assert session.store.one("SELECT count(*) FROM call")[0] == 2


def test_a_save_that_meets_a_full_disk_says_so_and_keeps_what_was_saved(small_disk, disk_seat):
    with Seat(disk_seat).login(ADMIN, ADMIN_PASSWORD) as session:
        small_disk.fill()
        service = CallService(session)
        with pytest.raises(DiskFull, match=f"Free space on {re.escape(str(small_disk.root))}") as refused:
            for n in range(200):  # until the WAL needs a page the disk has no room for
                service.save(a_call(notes="写满" * 2000, summary=f"第{n}次"))
        refusal_only(str(refused.value))
        small_disk.free()
        assert session.store.rows("PRAGMA integrity_check") == [("ok",)]
        summaries = {s for (s,) in session.store.rows("SELECT summary FROM call")}
        assert {"第0通", "第1通"} <= summaries


def test_a_backup_onto_a_full_disk_names_the_chosen_file_and_leaves_nothing(small_disk, session, paths):
    small_disk.fill()
    target = small_disk.root / "seat.hlbak"
    with pytest.raises(DiskFull) as refused:
        create_backup(session, target)
    text = str(refused.value)
    assert f"The disk holding {small_disk.root} is full" in text and f"Free space on {small_disk.root}" in text
    assert ".hotline-backup-" not in text and ".partial" not in text
    assert sorted(p.name for p in small_disk.root.iterdir()) == ["filler"]  # no half file, no work folder
    assert session.audit.entries(limit=1)[0].action == "backup.failed"


def test_a_backup_whose_copy_meets_a_full_disk_names_the_chosen_file(small_disk, session, monkeypatch):
    """The work folder is made, then the database copy fills the disk: the error names the file the admin chose,
    never the temporary folder the copy was written in."""
    small_disk.fill()
    small_disk.free()
    keep = small_disk.root / "almost-full"
    keep.write_bytes(b"\0" * (shutil.disk_usage(small_disk.root).free - 64 * 1024))
    with pytest.raises(DiskFull) as refused:
        create_backup(session, small_disk.root / "seat.hlbak")
    assert ".hotline-backup-" not in str(refused.value) and str(small_disk.root) in str(refused.value)
    assert sorted(p.name for p in small_disk.root.iterdir()) == ["almost-full"]


@pytest.fixture
def backup_file(session, tmp_path):
    CallService(session).save(a_call(summary="备份里的"))
    (tmp_path / "usb").mkdir()
    info = create_backup(session, tmp_path / "usb" / "seat.hlbak")
    session.close()
    return info.path


@pytest.mark.parametrize("checked_first", [True, False], ids=["room-checked-first", "copy-meets-full-disk"])
def test_a_restore_onto_a_full_disk_blames_the_disk_not_the_backup(
    small_disk, disk_seat, backup_file, monkeypatch, checked_first
):
    if not checked_first:  # a disk that cannot say its free space: the copy itself meets ENOSPC
        monkeypatch.setattr(desktop.backup.storage, "free_bytes", lambda _path: None)
    small_disk.fill()
    small_disk.free()
    (small_disk.root / "filler").write_bytes(b"\0" * (shutil.disk_usage(small_disk.root).free - 100 * 1024))
    before = snapshot(disk_seat.home)

    with pytest.raises(DiskFull) as refused:
        restore_backup(disk_seat, backup_file, login=(ADMIN, ADMIN_PASSWORD), replace=True)
    text = str(refused.value)
    assert f"The disk holding {disk_seat.home} is full" in text and "nothing was restored" in text
    assert not isinstance(refused.value, BadInput) and "damaged" not in text and ".restore-" not in text
    assert snapshot(disk_seat.home) == before  # the seat in place is untouched, no staging left
    assert not any(p.name.startswith(".restore-") for p in disk_seat.home.iterdir())


# ----- a read-only disk ----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", [["verify"], ["stats", "--from", "2025-01-01", "--to", "2025-01-31"]])
def test_a_read_only_disk_says_the_folder_cannot_be_written(small_disk, disk_seat, command):
    before = snapshot(disk_seat.home)
    small_disk.read_only()
    result = run_cli(*command, home=disk_seat.home, env=LOGIN_ENV)

    assert result.returncode == 1
    line = one_line(result)
    assert f"The folder {disk_seat.home} cannot be written" in line and "read-only" in line, line
    refusal_only(line + result.stdout)
    small_disk.writable()
    assert snapshot(disk_seat.home) == before


def test_verify_reports_storage_apart_from_the_database(small_disk, disk_seat):
    small_disk.read_only()
    report = verify_seat(disk_seat, login=(ADMIN, ADMIN_PASSWORD))
    problems = report.problems()
    assert problems[0].startswith("storage: ") and "read-only" in problems[0]
    assert all("another seat" not in p and "decrypted" not in p for p in problems)
    small_disk.writable()
    assert verify_seat(disk_seat, login=(ADMIN, ADMIN_PASSWORD)).ok


def test_logging_in_on_a_read_only_disk_raises_read_only_storage(small_disk, disk_seat):
    small_disk.read_only()
    with pytest.raises(ReadOnlyStorage) as refused:
        Seat(disk_seat).login(ADMIN, ADMIN_PASSWORD)
    assert refused.value.mount == small_disk.root
    refusal_only(str(refused.value))


# ----- a permission, a lock, an I/O error ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_database_this_account_may_not_read_is_a_permission_not_damage(small_disk, disk_seat):
    """The seat's folder belongs to `nobody`, who runs the command; the database file is root's alone."""
    for path in [disk_seat.home, *disk_seat.home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    os.chown(disk_seat.database, 0, 0)
    result = as_nobody("verify", home=disk_seat.home)

    assert result.returncode == 1
    line = one_line(result)
    assert f"The file {disk_seat.database} cannot be" in line and "no permission" in line, line
    assert f"FAIL database: The file {disk_seat.database} cannot be read" in result.stdout, result.stdout
    refusal_only(line + result.stdout)


@pytest.mark.slow
def test_a_folder_this_account_may_not_write_is_a_permission_not_another_seat(small_disk, disk_seat):
    """The files belong to `nobody`, who runs the command, but the folder is root's: SQLite cannot make its
    write-ahead log there (SQLITE_CANTOPEN), which used to read as a database of another seat."""
    for path in disk_seat.home.rglob("*"):
        os.chown(path, NOBODY, NOBODY)
    os.chmod(disk_seat.home, 0o755)  # noqa: S103 - another user must reach the files, not write the folder
    result = as_nobody("stats", "--from", "2025-01-01", "--to", "2025-01-31", home=disk_seat.home)

    assert result.returncode == 1
    line = one_line(result)
    assert f"The folder {disk_seat.home} cannot be written" in line and "no permission" in line, line
    refusal_only(line)


@pytest.mark.slow
def test_a_shared_memory_file_this_account_may_not_open_is_a_permission(small_disk, disk_seat):
    """Root's program has the seat open (its -shm file is root's alone) when `nobody` runs a command: SQLite
    cannot open the shared-memory file (SQLITE_CANTOPEN)."""
    for path in [disk_seat.home, *disk_seat.home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    with Seat(disk_seat).login(ADMIN, ADMIN_PASSWORD):  # root's connection makes the -shm (0600)...
        shm = disk_seat.database.with_name("seat.db-shm")
        os.chown(shm, 0, 0)  # ...which SQLite gives the database's owner; make it root's, as another user's would be
        result = as_nobody("stats", "--from", "2025-01-01", "--to", "2025-01-31", home=disk_seat.home)

    assert result.returncode == 1
    line = one_line(result)
    assert "no permission" in line and str(disk_seat.home) in line, line
    refusal_only(line)


def test_a_vault_the_disk_will_not_read_is_a_permission_not_a_damaged_vault(session, paths, monkeypatch):
    session.close()
    real = type(paths.vault).read_bytes

    def refuse(path):
        if path == paths.vault:  # root reads every file: the refusal `nobody` would get, injected
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(type(paths.vault), "read_bytes", refuse)
    with pytest.raises(NoPermission, match=f"The file {re.escape(str(paths.vault))} cannot be read"):
        Seat(paths).check_files()


def test_a_database_another_program_holds_locked_is_busy_not_damaged(session, paths):
    key = session.key
    session.close()
    holder = sqlcipher3.connect(str(paths.database), isolation_level=None)
    try:
        connection._apply_key(holder, key)
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE held (x)")
        with pytest.raises(DatabaseBusy) as refused:
            Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    finally:
        holder.close()
    assert isinstance(refused.value, StorageError) and str(paths.database) in str(refused.value)
    refusal_only(str(refused.value))


class _FailingOpen:
    """A connection whose first read of the file meets a disk I/O error (SQLITE_IOERR), as a failing disk does."""

    def __init__(self, conn):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if "sqlite_schema" in sql:
            error = sqlite.OperationalError("disk I/O error")
            error.sqlite_errorcode = 10 | (1 << 8)  # SQLITE_IOERR_READ
            raise error
        return self._conn.execute(sql, *args)


def test_an_io_error_of_a_disk_with_room_is_told_as_a_failing_disk(session, paths, monkeypatch):
    session.close()
    real = sqlcipher3.connect
    monkeypatch.setattr(sqlcipher3, "connect", lambda *a, **k: _FailingOpen(real(*a, **k)))
    with pytest.raises(DiskIOError, match="input/output error") as refused:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert "Do not restore a backup onto this disk" in str(refused.value)
    assert "another seat" not in str(refused.value)


def test_a_foreign_key_is_still_told_as_another_seat(session, paths, tmp_path):
    """The other side: a file that opens but does not decrypt, on a healthy disk, is what "another seat" means."""
    session.close()
    other, _ = Seat.init(SeatPaths(tmp_path / "other"), "另一席位", ADMIN, "管理员", ADMIN_PASSWORD)
    other.close()
    for extra in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + extra).unlink(missing_ok=True)
    shutil.copy(tmp_path / "other" / "seat.db", paths.database)
    with pytest.raises(DatabaseError, match="another seat") as failure:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert not isinstance(failure.value, StorageError)


def test_the_seat_lock_is_taken_on_a_full_disk(small_disk, disk_seat):
    """Who holds the lock is written into it as a courtesy; a full disk must not turn that into a raw OSError."""
    disk_seat.lock.unlink(missing_ok=True)
    small_disk.fill()
    with SeatLock(disk_seat.lock):
        assert held_here(disk_seat.lock)
