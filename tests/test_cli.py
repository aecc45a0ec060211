"""The headless commands, run as a person or a script would run them (DESIGN.md §9)."""

import json
import re

import pytest

from desktop import __version__
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

ADMIN_ENV = {"HOTLINE_LOG_USER": "A001", "HOTLINE_LOG_PASSWORD": "admin-pass-1"}
CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}\b")


def init_seat(home):
    result = run_cli(
        "init", "--seat", "测试席位", "--admin", "A001", home=home, env={"HOTLINE_LOG_PASSWORD": "admin-pass-1"}
    )
    assert result.returncode == 0, result.stderr
    return result


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_version(tmp_path):
    result = run_cli("--version", home=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"Hotline Log {__version__}"


def test_init_prints_the_recovery_code_once_and_verify_passes(tmp_path):
    result = init_seat(tmp_path)
    assert len(CODE.findall(result.stdout)) == 1
    assert "Keyring:" in result.stdout
    verify = run_cli("verify", home=tmp_path, env=ADMIN_ENV)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "keyring mode: no device secret" in verify.stdout
    assert "audit: chain of" in verify.stdout and "FAIL" not in verify.stdout


def test_init_refuses_an_existing_seat(tmp_path):
    init_seat(tmp_path)
    again = run_cli(
        "init", "--seat", "x", "--admin", "A002", home=tmp_path, env={"HOTLINE_LOG_PASSWORD": "admin-pass-2"}
    )
    assert again.returncode == 2 and "already exists" in one_line(again.stderr)


def test_wrong_password_is_one_clear_line_and_exit_2(tmp_path):
    init_seat(tmp_path)
    result = run_cli("verify", home=tmp_path, env={**ADMIN_ENV, "HOTLINE_LOG_PASSWORD": "wrong-one"})
    assert result.returncode == 2
    assert one_line(result.stderr) == "hotline-log: Wrong staff code or password."
    assert result.stdout == ""


def test_missing_credentials_without_a_terminal_say_what_to_set(tmp_path):
    init_seat(tmp_path)
    result = run_cli("account", "list", home=tmp_path)
    assert result.returncode == 2 and "HOTLINE_LOG_USER" in one_line(result.stderr)


def test_bad_arguments_exit_2_with_one_line(tmp_path):
    result = run_cli("account", "role", "C001", "boss", home=tmp_path)
    assert result.returncode == 2 and "invalid choice" in one_line(result.stderr)


def test_no_seat_yet_says_how_to_make_one(tmp_path):
    result = run_cli("verify", home=tmp_path / "empty", env=ADMIN_ENV)
    assert result.returncode == 2 and "main.py init" in one_line(result.stderr)


def test_accounts_through_the_commands(tmp_path):
    init_seat(tmp_path)
    add = run_cli(
        "account",
        "add",
        "C001",
        "--name",
        "咨询员 王",
        "--role",
        "counselor",
        home=tmp_path,
        env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": "counselor-1"},
    )
    assert add.returncode == 0, add.stderr
    assert run_cli("account", "role", "C001", "lead", home=tmp_path, env=ADMIN_ENV).returncode == 0
    listing = run_cli("account", "list", home=tmp_path, env=ADMIN_ENV)
    assert "C001\tlead\tactive\t咨询员 王" in listing.stdout
    as_lead = {"HOTLINE_LOG_USER": "C001", "HOTLINE_LOG_PASSWORD": "counselor-1"}
    refused = run_cli("account", "disable", "A001", home=tmp_path, env=as_lead)
    assert refused.returncode == 2 and "Only admin accounts" in one_line(refused.stderr)
    own = run_cli("account", "passwd", home=tmp_path, env={**as_lead, "HOTLINE_LOG_NEW_PASSWORD": "lead-pass-2"})
    assert own.returncode == 0, own.stderr
    assert run_cli("account", "disable", "C001", home=tmp_path, env=ADMIN_ENV).returncode == 0
    gone = run_cli("account", "list", home=tmp_path, env={**as_lead, "HOTLINE_LOG_PASSWORD": "lead-pass-2"})
    assert gone.returncode == 2
    last = run_cli("account", "disable", "A001", home=tmp_path, env=ADMIN_ENV)
    assert last.returncode == 2 and "last active admin" in one_line(last.stderr)


def test_backup_then_restore_into_an_empty_folder(tmp_path):
    seat, restored = tmp_path / "seat", tmp_path / "restored"
    init_seat(seat)
    run_cli("account", "add", "C001", home=seat, env={**ADMIN_ENV, "HOTLINE_LOG_NEW_PASSWORD": "counselor-1"})
    backup = run_cli("backup", str(tmp_path / "seat.hlbak"), home=seat, env=ADMIN_ENV)
    assert backup.returncode == 0, backup.stderr
    restore = run_cli("restore", str(tmp_path / "seat.hlbak"), home=restored, env=ADMIN_ENV)
    assert restore.returncode == 0, restore.stderr
    assert (
        run_cli("account", "list", home=restored, env=ADMIN_ENV).stdout
        == run_cli("account", "list", home=seat, env=ADMIN_ENV).stdout
    )
    verify = run_cli("verify", home=restored, env=ADMIN_ENV)
    assert verify.returncode == 0, verify.stdout
    refused = run_cli("restore", str(tmp_path / "seat.hlbak"), home=restored, env=ADMIN_ENV)
    assert refused.returncode == 2 and "--yes" in one_line(refused.stderr)
    replaced = run_cli("restore", str(tmp_path / "seat.hlbak"), "--yes", home=restored, env=ADMIN_ENV)
    assert replaced.returncode == 0 and "kept in" in replaced.stdout


def test_recovery_on_a_new_computer(tmp_path):
    seat, newpc = tmp_path / "seat", tmp_path / "newpc"
    code = CODE.search(init_seat(seat).stdout).group(0)
    memory = "tests.memory_keyring.FileKeyring"  # the new computer's keyring, empty at first
    newpc_keyring = {"HOTLINE_TEST_KEYRING_FILE": str(tmp_path / "newpc-keyring.json")}
    run_cli("backup", str(tmp_path / "b.hlbak"), home=seat, env=ADMIN_ENV)
    restore = run_cli(
        "restore",
        "--recovery",
        str(tmp_path / "b.hlbak"),
        home=newpc,
        env={"HOTLINE_LOG_RECOVERY_CODE": code, **newpc_keyring},
        keyring_backend=memory,
    )
    assert restore.returncode == 0, restore.stderr
    recover = run_cli(
        "recover",
        "--admin",
        "A001",
        home=newpc,
        keyring_backend=memory,
        env={"HOTLINE_LOG_RECOVERY_CODE": code, "HOTLINE_LOG_NEW_PASSWORD": "new-admin-1", **newpc_keyring},
    )
    assert recover.returncode == 0, recover.stderr
    verify = run_cli(
        "verify",
        home=newpc,
        keyring_backend=memory,
        env={"HOTLINE_LOG_USER": "A001", "HOTLINE_LOG_PASSWORD": "new-admin-1", **newpc_keyring},
    )
    assert verify.returncode == 0, verify.stdout
    assert "device secret: present and matching" in verify.stdout


def test_stats_for_leads_as_json_and_csv(tmp_path):
    init_seat(tmp_path)
    empty = run_cli("stats", "--from", "2025-05-01", "--to", "2025-05-31", home=tmp_path, env=ADMIN_ENV)
    assert empty.returncode == 0, empty.stderr
    figures = json.loads(empty.stdout)
    assert figures["calls_total"] == 0 and figures["by_hour"] == [0] * 24
    out = tmp_path / "may.csv"
    csv = run_cli(
        "stats",
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--format",
        "csv",
        "--out",
        str(out),
        home=tmp_path,
        env=ADMIN_ENV,
    )
    assert csv.returncode == 0 and out.read_text(encoding="utf-8").startswith("section,key,count")
    backwards = run_cli("stats", "--from", "2025-06-01", "--to", "2025-05-01", home=tmp_path, env=ADMIN_ENV)
    assert backwards.returncode == 2 and "after" in one_line(backwards.stderr)
    bad = run_cli("stats", "--from", "May 1", "--to", "2025-05-01", home=tmp_path, env=ADMIN_ENV)
    assert bad.returncode == 2 and "YYYY-MM-DD" in one_line(bad.stderr)


def test_stats_as_the_one_page_pdf_report(tmp_path):
    import shutil
    import subprocess

    init_seat(tmp_path)
    out = tmp_path / "may.pdf"
    made = run_cli(
        "stats",
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--format",
        "pdf",
        "--out",
        str(out),
        home=tmp_path,
        env=ADMIN_ENV,
    )
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "测试席位" in text
    missing = run_cli(
        "stats", "--from", "2025-05-01", "--to", "2025-05-31", "--format", "pdf", home=tmp_path, env=ADMIN_ENV
    )
    assert missing.returncode == 2 and "--out" in one_line(missing.stderr)
