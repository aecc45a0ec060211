"""Privacy (each a test): nothing readable on disk, no secret in a log, no widgets in the core, no audio."""

import os
import re
import stat
import subprocess
import sys
import zipfile

import pytest

from desktop.accounts import AccountService
from desktop.backup import create_backup
from desktop.store.settings import SettingsRepo
from desktop.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT, files_under, run_cli

SETTING_MARKER = "探针设置-SETTING-7f3a91"
AUDIT_MARKER = "探针审计-AUDIT-c2d84e"
LABEL_MARKER = "探针姓名-LABEL-5be017"
PLAINTEXT_HEADER = b"SQLite format 3"


def readable(data: bytes, text: str) -> bool:
    return any(text.encode(encoding) in data for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def assert_nothing_readable(path, data: bytes, allow_label: bool = False) -> None:
    assert PLAINTEXT_HEADER not in data, f"{path} holds an unencrypted SQLite header"
    for marker in (SETTING_MARKER, AUDIT_MARKER):
        assert not readable(data, marker), f"{path} holds {marker!r} in the clear"
    if not allow_label:
        assert not readable(data, LABEL_MARKER), f"{path} holds the account label in the clear"


def check_seat_folder(home) -> None:
    """Every file of the seat is unreadable without the key, except that the vault keeps account labels in
    clear JSON for the log-in list (DESIGN.md §4: staff names, never call content)."""
    for path in files_under(home):
        data = path.read_bytes()
        assert_nothing_readable(path, data, allow_label=path.name == "seat.vault")
        if path.name == "seat.vault":
            assert readable(data, LABEL_MARKER)  # so the exception above is the only one, and it is known


def test_no_file_of_the_seat_or_its_backup_holds_readable_content(session, paths, tmp_path):
    SettingsRepo(session.store).set("probe", SETTING_MARKER)
    session.audit.append(session.actor, "probe.written", AUDIT_MARKER, {"detail": AUDIT_MARKER})
    AccountService(session).add("C777", LABEL_MARKER, "counselor", "counselor-pass-1")
    assert paths.database.with_name("seat.db-wal").stat().st_size > 0  # the rows are still in the WAL
    check_seat_folder(paths.home)

    backup = tmp_path / "seat-backup.zip"
    create_backup(session, backup)
    assert PLAINTEXT_HEADER not in backup.read_bytes()
    with zipfile.ZipFile(backup) as archive:
        for name in archive.namelist():
            assert_nothing_readable(f"{backup}:{name}", archive.read(name), allow_label=name == "seat.vault")

    session.close()
    assert not paths.database.with_name("seat.db-wal").exists()  # everything is in the main file now
    check_seat_folder(paths.home)


@pytest.mark.slow
def test_no_log_or_output_holds_a_password_key_or_recovery_code(paths, tmp_path):
    home = paths.home
    wrong, counselor = "wrong-pass-4711", "counselor-pass-0815"
    login = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    backup = tmp_path / "seat-backup.zip"

    init = run_cli("init", "--seat", "s1", "--admin", ADMIN, home=home, env={"HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD})
    assert init.returncode == 0, init.stderr
    code = re.search(r"^\s+(\w{4}(?:-\w{4}){5})$", init.stdout, re.MULTILINE).group(1)
    runs = [
        (run_cli("account", "list", home=home, env={**login, "HOTLINE_LOG_PASSWORD": wrong}), 2),
        (run_cli("verify", home=home, env=login), 0),
        (run_cli("verify", "--recovery", home=home, env={"HOTLINE_LOG_RECOVERY_CODE": code}), 0),
        (run_cli("account", "add", "C001", home=home, env={**login, "HOTLINE_LOG_NEW_PASSWORD": counselor}), 0),
        (run_cli("backup", str(backup), home=home, env=login), 0),
        (run_cli("restore", "--yes", str(backup), home=home, env={**login, "HOTLINE_LOG_PASSWORD": wrong}), 2),
        (run_cli("account", "add", "C002", home=home, env={**login, "HOTLINE_LOG_NEW_PASSWORD": "tiny-pw"}), 2),
    ]
    for result, expected in runs:
        assert result.returncode == expected, (result.args, result.stderr)

    key_hex = Vault.load(paths.vault).unlock_recovery(code).hex()
    secrets = [ADMIN_PASSWORD, wrong, counselor, "tiny-pw", code, code.replace("-", ""), key_hex, key_hex.upper()]
    logs = files_under(home / "logs")
    assert logs and any(path.stat().st_size for path in logs)
    outputs = [init.stderr] + [text for result, _ in runs for text in (result.stdout, result.stderr)]
    for secret in secrets:
        for path in [*files_under(home), backup]:
            assert not readable(path.read_bytes(), secret), f"{path} holds a secret"
        for text in outputs:
            assert secret not in text


def source_files(*folders):
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]


def test_the_core_never_imports_widgets():
    files = source_files("desktop")
    assert len(files) > 10
    offenders = [str(path) for path in files if "QtWidgets" in path.read_text(encoding="utf-8")]
    assert offenders == []


@pytest.mark.slow
def test_importing_every_core_module_loads_no_widgets_and_no_multimedia():
    probe = (
        "import importlib, pkgutil, sys, desktop\n"
        "for m in pkgutil.walk_packages(desktop.__path__, 'desktop.'): importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('PySide6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert not [m for m in loaded if m.startswith(("PySide6.QtWidgets", "PySide6.QtMultimedia"))]


AUDIO_APIS = re.compile(
    r"QAudioInput|QAudioSource|QMediaRecorder|QMediaCaptureSession|QtMultimedia|pyaudio|sounddevice", re.IGNORECASE
)


def test_no_audio_capture_api_is_used_anywhere():
    files = source_files("desktop", "ui")
    assert files
    offenders = {str(p): AUDIO_APIS.findall(p.read_text(encoding="utf-8")) for p in files}
    assert {p: found for p, found in offenders.items() if found} == {}


def assert_owner_only(home) -> None:
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    for path in home.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path} has mode {oct(mode)}"


@pytest.fixture
def open_umask():
    """A umask that lets everything through, so only the program's own modes protect the files."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_seat_files_are_owner_only(open_umask, session, paths, tmp_path):
    assert paths.database.with_name("seat.db-wal").exists()
    assert paths.database.with_name("seat.db-shm").exists()
    assert_owner_only(paths.home)
    backup = tmp_path / "seat-backup.zip"
    create_backup(session, backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


@pytest.mark.slow
def test_seat_files_made_by_the_commands_are_owner_only(open_umask, paths):
    home = paths.home
    env = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    assert run_cli("init", "--seat", "s1", "--admin", ADMIN, home=home, env=env).returncode == 0
    assert run_cli("account", "list", home=home, env=env).returncode == 0
    names = {str(p.relative_to(home)) for p in home.rglob("*")}
    assert {"seat.db", "seat.vault", "seat.lock", "logs", "logs/hotline-log.log"} <= names
    assert_owner_only(home)
