"""Import and export in the JSON Lines exchange format: checked first, all or nothing, idempotent.

Malformed lines, class by class, are in tests/test_import_malformed.py; any input at all in
tests/test_import_fuzz.py."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

import desktop.exchange as exchange
from desktop.call_model import CallFilter
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.demo import create_demo_seat
from desktop.errors import BadInput, NotPermitted
from desktop.reports import statistics
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli

GOOD = {
    "started_at": "2025-05-01T22:14:00+08:00", "ended_at": "2025-05-01T22:58:10+08:00",
    "kind": "counselling", "counselor": "C012", "case_code": "K7Q-39M",
    "caller": {"age_band": "18_24", "gender": "female", "region": "310000", "first_call": True},
    "concerns": ["study.exam", "mental.sleep"], "emotions": ["anxiety"], "keywords": ["考研", "失眠"],
    "interventions": ["active_listening"], "summary": "考研压力", "notes": "她说可以打13812345678找她。",
    "risk": {"answers": {"ideation_current": True, "plan": False, "ideation_intensity": 4},
             "override": {"level": "high", "reason": "语气决绝"}},
    "crisis_actions": [{"action": "police_110", "at": "2025-05-01T22:30:00+08:00", "outcome": "rescued"}],
    "referrals": [{"kind": "psychiatric_outpatient", "urgency": "soon", "status": "suggested"}],
    "follow_up": {"due": "2025-05-02T10:00:00+08:00", "note": "回访"},
}  # fmt: skip


def write_lines(path, *objects, raw: bytes = b""):
    path.write_bytes(b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objects) + raw)
    return path


def test_the_example_of_the_design_imports_with_its_staff_code_and_hidden_number(session, tmp_path):
    report = exchange.import_file(session, write_lines(tmp_path / "a.jsonl", GOOD))
    assert (report.imported, report.skipped_duplicates, report.hidden_total) == (1, 0, 1)
    service = CallService(session)
    [row] = service.list_calls(CallFilter())
    record = service.get(row.id)
    assert record.counselor == "C012" and row.risk_level == "high"
    assert "13812345678" not in record.form.notes and "〔手机号〕" in record.form.notes
    assert "calls.imported" in [e.action for e in session.audit.entries(limit=3)]


def test_a_bad_line_in_the_middle_stops_everything_and_is_named(session, tmp_path):
    bad = dict(GOOD, kind="séance")
    path = write_lines(tmp_path / "b.jsonl", GOOD, GOOD | {"notes": "二"}, bad, GOOD | {"notes": "四"})
    with pytest.raises(BadInput, match=r"line 3, field kind: unknown code 'séance'"):
        exchange.import_file(session, path)
    assert CallService(session).count_calls(CallFilter()) == 0


def test_a_huge_line_is_refused_without_being_held_whole(session, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_LINE_BYTES", 2000)
    huge = GOOD | {"notes": "很长" * 5000}
    with pytest.raises(BadInput, match="line 2 is longer than 2,000 bytes"):
        exchange.import_file(session, write_lines(tmp_path / "d.jsonl", GOOD, huge, GOOD | {"notes": "三"}))


def test_the_same_line_twice_is_imported_once_and_a_second_import_adds_nothing(session, tmp_path):
    path = write_lines(tmp_path / "e.jsonl", GOOD, GOOD, GOOD | {"notes": "另一通"})
    first = exchange.import_file(session, path)
    assert (first.imported, first.skipped_duplicates) == (2, 1)
    again = exchange.import_file(session, path)
    assert (again.imported, again.skipped_duplicates) == (0, 3)


def test_only_admins_import_and_only_leads_or_admins_export(seat_init, paths, tmp_path):
    from desktop.accounts import AccountService

    session, _ = seat_init
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    with Seat(paths).login("C001", "counselor-1") as counselor:
        with pytest.raises(NotPermitted):
            exchange.import_file(counselor, write_lines(tmp_path / "f.jsonl", GOOD))
        with pytest.raises(NotPermitted):
            exchange.export_file(counselor, tmp_path / "out.jsonl")


def test_export_then_import_into_an_empty_seat_gives_the_same_statistics(tmp_path):
    now = datetime(2025, 6, 15, 12, tzinfo=UTC)
    source = SeatPaths(tmp_path / "source")
    accounts = create_demo_seat(source, calls=60, days=14, now=now)
    window = (date(2025, 5, 25), date(2025, 6, 16))
    with Seat(source).login("D-ADMIN", accounts["D-ADMIN"]) as admin:
        assert exchange.export_file(admin, tmp_path / "all.jsonl") == 60
        expected = statistics(admin.store, *window)
    target = SeatPaths(tmp_path / "target")
    Seat.init(target, "目标席位", ADMIN, "管理员", ADMIN_PASSWORD)[0].close()
    with Seat(target).login(ADMIN, ADMIN_PASSWORD) as admin:
        report = exchange.import_file(admin, tmp_path / "all.jsonl")
        assert report.imported == 60 and report.hidden_total == 0  # what was exported was already redacted
        assert statistics(admin.store, *window) == expected


def test_export_window_and_commands(tmp_path):
    home = tmp_path / "seat"
    env = {"HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    assert run_cli("init", "--seat", "席位", "--admin", ADMIN, home=home, env=env).returncode == 0
    login = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    bad = write_lines(tmp_path / "bad.jsonl", GOOD, {"kind": "silent"})
    refused = run_cli("import", str(bad), home=home, env=login)
    assert refused.returncode == 2 and "line 2" in refused.stderr and len(refused.stderr.splitlines()) == 1
    day = (datetime(2025, 5, 1, tzinfo=UTC) + timedelta(days=1)).date().isoformat()
    good = write_lines(
        tmp_path / "good.jsonl",
        GOOD,
        GOOD | {"started_at": f"{day}T09:00:00+08:00", "ended_at": None, "crisis_actions": []},
    )
    done = run_cli("import", str(good), home=home, env=login)
    assert done.returncode == 0 and "Imported 2 call(s)" in done.stdout and "2 identifier(s) were hidden" in done.stdout
    out = tmp_path / "may1.jsonl"
    exported = run_cli("export", str(out), "--from", "2025-05-01", "--to", "2025-05-01", home=home, env=login)
    assert exported.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_the_checking_pass_reports_its_count_and_a_progress_report_that_raises_writes_nothing(session, tmp_path):
    lines = [GOOD | {"notes": f"第{i}条"} for i in range(2500)]
    path = write_lines(tmp_path / "many.jsonl", *lines)
    checked, done = [], []

    class Cancelled(Exception):
        pass

    def stop_at_2000(count):
        done.append(count)
        if count == 2000:
            raise Cancelled  # what a window raises when the person cancels

    with pytest.raises(Cancelled):
        exchange.import_file(session, path, progress=stop_at_2000, checking=checked.append)
    assert checked == [1000, 2000, 2500] and done == [1000, 2000]
    assert CallService(session).count_calls(CallFilter()) == 0  # the 2,000 written were rolled back
    report = exchange.import_file(session, path, progress=done.append)  # the CLI's way: no checking callback
    assert report.imported == 2500 and done[-1] == 2500
