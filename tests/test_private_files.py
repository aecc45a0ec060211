"""Nothing the program writes is readable by others, from the moment it exists; no core dump; the key's hex form
lives no longer than opening a connection needs (issue 12, point 8).

File modes are checked under a umask of 022, as a careless shell or service sets it: the program's own writers must
ask for owner-only themselves (main.py's umask of 077 is a second lock, checked on its own below)."""

import contextlib
import gc
import logging
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.backup import create_backup, restore_backup
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.logs import configure_logging
from desktop.store.connection import sqlcipher3, sqlite
from desktop.store.store import copy_before_migrating
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT, files_under
from tests.test_calls import a_call


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The process umask at 022 for the test: a file made without asking for a mode comes out 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def admin_env(monkeypatch):
    monkeypatch.setenv("HOTLINE_LOG_USER", ADMIN)
    monkeypatch.setenv("HOTLINE_LOG_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr(cli, "configure_logging", lambda _home: None)  # the test process keeps its own logging


def test_every_file_a_command_writes_is_owner_only(loose_umask, session, paths, admin_env, tmp_path):
    CallService(session).save(a_call())
    session.close()
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "export.jsonl": ["export", str(out / "export.jsonl")],
        "seat.hlbak": ["backup", str(out / "seat.hlbak")],
        "stats.csv": [
            "stats",
            "--from",
            "2020-01-01",
            "--to",
            "2030-12-31",
            "--format",
            "csv",
            "--out",
            str(out / "stats.csv"),
        ],
        "stats.json": ["stats", "--from", "2020-01-01", "--to", "2030-12-31", "--out", str(out / "stats.json")],
        "stats.pdf": [
            "stats",
            "--from",
            "2020-01-01",
            "--to",
            "2030-12-31",
            "--format",
            "pdf",
            "--out",
            str(out / "stats.pdf"),
        ],
        "handover.pdf": [
            "handover",
            "--from",
            "2020-01-01T00:00",
            "--to",
            "2030-12-31T00:00",
            "--out",
            str(out / "handover.pdf"),
        ],
    }
    for name, argv in commands.items():
        assert cli.main(argv) == 0, name
        assert mode(out / name) == 0o600, f"{name} is {oct(mode(out / name))}"
    assert sorted(p.name for p in out.iterdir()) == sorted(commands)  # no partial or temporary file left
    seat_files = {p.name: mode(p) for p in files_under(paths.home)}
    assert seat_files and all(m == 0o600 for m in seat_files.values()), seat_files


def test_a_restored_seat_and_a_pre_migration_copy_are_owner_only(loose_umask, session, paths, tmp_path):
    CallService(session).save(a_call())
    backup = tmp_path / "seat.hlbak"
    create_backup(session, backup)
    copy = copy_before_migrating(session.store, paths.migration_backups, session.store.schema_version)
    assert mode(copy) == 0o600 and mode(paths.migration_backups) == 0o700
    session.close()
    elsewhere = SeatPaths(tmp_path / "elsewhere")
    restore_backup(elsewhere, backup, login=(ADMIN, ADMIN_PASSWORD))
    restored = {p.name: mode(p) for p in files_under(elsewhere.home)}
    assert restored and all(m == 0o600 for m in restored.values()), restored


def test_the_log_and_its_rolled_over_files_are_owner_only(loose_umask, tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        root.removeHandler(handler)
    try:
        path = configure_logging(tmp_path / "logs")
        handler = next(h for h in root.handlers if getattr(h, "_hotline_log", False))
        logging.getLogger("test").warning("first")
        handler.doRollover()
        logging.getLogger("test").warning("second")
        handler.close()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in before:
            root.addHandler(handler)
    files = sorted(path.parent.iterdir())
    assert [p.name for p in files] == ["hotline-log.log", "hotline-log.log.1"]
    assert all(mode(p) == 0o600 for p in files), {p.name: oct(mode(p)) for p in files}


KILLED_BACKUP = """
import os, sys, time, zipfile
real = zipfile.ZipFile.write
def stall(self, *args, **kwargs):
    real(self, *args, **kwargs)   # the vault and the whole database are in the partial file now
    self.fp.flush()
    print("written", flush=True)
    time.sleep(120)
zipfile.ZipFile.write = stall
os.umask(0o022)
from desktop.cli import main
sys.exit(main(["backup", sys.argv[1]]))
"""


@pytest.mark.slow
def test_a_killed_backup_leaves_no_readable_partial_file(no_keyring, seat_init, paths, tmp_path):
    seat_init[0].close()
    target = tmp_path / "usb" / "seat.hlbak"
    target.parent.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")}
    env.update(
        HOTLINE_LOG_HOME=str(paths.home),
        HOTLINE_LOG_USER=ADMIN,
        HOTLINE_LOG_PASSWORD=ADMIN_PASSWORD,
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    backup = subprocess.Popen(
        [sys.executable, "-c", KILLED_BACKUP, str(target)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert backup.stdout.readline().strip() == "written"
        os.kill(backup.pid, signal.SIGKILL)
    finally:
        backup.kill()
        backup.wait(timeout=30)
        backup.stdout.close()
    partial = target.with_name(f".{target.name}.partial")
    assert partial.stat().st_size > 100_000  # the database was in it when the backup died
    assert mode(partial) == 0o600, oct(mode(partial))
    leftovers = [p for p in target.parent.rglob("*") if p.is_file() and p != partial]
    assert all(mode(p) == 0o600 for p in leftovers), {str(p): oct(mode(p)) for p in leftovers}


STARTED = """
import ctypes, os, resource, sys
sys.path.insert(0, sys.argv[1])
import main
try:
    main.main(["--version"])
except SystemExit:
    pass
libc = ctypes.CDLL(None, use_errno=True)
print(resource.getrlimit(resource.RLIMIT_CORE))
print(libc.prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
print(oct(os.umask(0o077)))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_CORE and prctl are Linux's")
def test_the_program_starts_without_core_dumps_and_with_an_owner_only_umask(tmp_path):
    """`main.py` run as a person runs it: afterwards no core dump can be written and files are private."""
    started = subprocess.run(
        [sys.executable, "-c", STARTED, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOTLINE_LOG_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.umask(0o022),
    )
    assert started.returncode == 0, started.stderr
    rlimit, dumpable, umask = started.stdout.strip().splitlines()[-3:]
    assert rlimit == "(0, 0)" and dumpable == "0" and umask == "0o77", started.stdout


# ----- the key's hex form -----------------------------------------------------------------------------------


def _holders_of(text: str) -> list[str]:
    """Every live object gc can see that refers to a string or bytes holding `text` (other than `text` itself):
    an attribute of a session, a store, a worker or a window, a list, a dict, a closure cell."""
    needle = text.encode("ascii")
    found = []
    gc.collect()
    for holder in gc.get_objects():
        with contextlib.suppress(Exception):
            for item in gc.get_referents(holder):
                if item is text:
                    continue
                if (type(item) is str and text in item.lower()) or (type(item) is bytes and needle in item.lower()):
                    found.append(f"{type(holder).__name__}: {item[:40]!r}")
    return found


class _Held:
    def __init__(self, value):
        self.value = value


def test_the_walk_sees_a_hex_key_kept_in_an_attribute():
    """The probe below is not blind: a hex key kept in an attribute, a list or a closure is found."""
    hex_key = os.urandom(32).hex()
    kept = _Held("x'" + hex_key + "'")
    assert _holders_of(hex_key)
    del kept
    assert _holders_of(hex_key) == []


class _RecordingConnection(sqlite.Connection):
    """The seat's connections, recording every statement that goes through `execute`: those are kept, text and
    all, in the connection's statement cache (C memory gc cannot see) for as long as the connection lives."""

    cached: list[str] = []

    def execute(self, sql, *args):
        _RecordingConnection.cached.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        _RecordingConnection.cached.append(sql)
        return super().executemany(sql, *args)


@pytest.fixture
def recorded(monkeypatch):
    real = sqlcipher3.connect
    _RecordingConnection.cached = []
    monkeypatch.setattr(sqlcipher3, "connect", lambda *a, **k: real(*a, factory=_RecordingConnection, **k))
    return _RecordingConnection.cached


def test_no_object_keeps_the_hex_key_after_log_in_save_backup_and_worker(seat, paths, tmp_path, recorded):
    session = seat.login(ADMIN, ADMIN_PASSWORD)
    try:
        CallService(session).save(a_call())
        create_backup(session, tmp_path / "seat.hlbak")
        worker = session.another()  # a worker's own connection, as the window's background work opens one
        CallService(worker).save(a_call(summary="后台"))
        hex_key = session.key.hex()
        assert _holders_of(hex_key) == []
        assert recorded and not [sql for sql in recorded if hex_key in sql.lower()]
        worker.close()
    finally:
        session.close()


def test_no_object_keeps_the_hex_key_in_the_logged_in_window(qtbot, seat, paths, open_window, recorded):
    from tests.test_ui_seat_care import log_in

    window = open_window()
    log_in(qtbot, window)
    assert window.work is not None
    hex_key = window.session.key.hex()
    assert _holders_of(hex_key) == []
    assert recorded and not [sql for sql in recorded if hex_key in sql.lower()]
