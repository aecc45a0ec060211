"""Importing calls through the Seat menu (admins): progress, counts, bad lines, cancel, off the GUI thread."""

import json
import threading
from datetime import date, timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

import ui.import_calls
import ui.worker
from benchmarks.generate import generate
from desktop.accounts import AccountService
from ui.import_calls import CallImport

PASSWORDS = {"A001": "admin-pass-1", "L001": "lead-pass-1", "C001": "counselor-1"}


@pytest.fixture
def window(qtbot, seat_init, paths, open_window):
    session, _ = seat_init
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    AccountService(session).add("L001", "班长", "lead", "lead-pass-1")
    session.close()
    yield open_window(autosave_seconds=3)


@pytest.fixture
def messages(monkeypatch):
    """What the import shows at its end: (kind, title, text)."""
    shown = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, title, text, *a, k=kind: shown.append((k, title, text)))
    return shown


def log_in(qtbot, window, code):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, PASSWORDS[code])
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)


def generated(path, n: int, extra: bytes = b"") -> str:
    """`n` generated calls of the last days (so the call list shows them), then `extra`."""
    lines = generate(n, seed=7, start=date.today() - timedelta(days=4), days=3)
    path.write_bytes(b"".join(json.dumps(c, ensure_ascii=False).encode() + b"\n" for c in lines) + extra)
    return str(path)


def call_count(window) -> int:
    return window.session.store.one("SELECT count(*) FROM call")[0]


def choose(monkeypatch, path, then=None):
    def answer(parent):
        if then:
            then(parent.findChild(CallImport))
        return path

    monkeypatch.setattr(ui.import_calls, "choose_file", answer)


def test_an_admin_imports_a_file_from_the_menu_and_sees_the_counts(qtbot, window, messages, monkeypatch, tmp_path):
    log_in(qtbot, window, "A001")
    assert window.import_action.isVisible() and window.import_action.isEnabled()
    assert window.import_action in window.menuBar().actions()[0].menu().actions()
    reloaded = []
    monkeypatch.setattr(window.work.queue, "reload", lambda: reloaded.append("follow-ups"))
    choose(monkeypatch, generated(tmp_path / "calls.jsonl", 40))

    window.import_action.trigger()

    kind, _title, text = messages[-1]
    audit = json.loads(next(e for e in window.session.audit.entries(limit=5) if e.action == "calls.imported").detail)
    assert kind == "information" and audit["imported"] == 40 and call_count(window) == 40
    assert "40" in text and f": {audit['hidden']}" in text and ": 0" in text  # imported, hidden, skipped
    assert window.work.calls.model.rowCount() == 40 and reloaded  # the list and the follow-ups loaded again

    window.import_action.trigger()  # the same file again: every line already here
    assert "40" in messages[-1][2] and call_count(window) == 40
    assert messages[-1][2].count(": 0") == 2  # nothing imported, nothing hidden


def test_a_bad_line_is_reported_by_number_and_nothing_is_imported(qtbot, window, messages, monkeypatch, tmp_path):
    log_in(qtbot, window, "A001")
    bad = b'{"started_at": "2025-05-01T22:14:00+08:00", "kind": "seance"}\n'
    choose(monkeypatch, generated(tmp_path / "bad.jsonl", 12, extra=bad + b'{"kind": \n'))
    window.import_action.trigger()
    kind, _title, text = messages[-1]
    assert kind == "warning" and "line 13" in text and "line 14" in text and "seance" in text
    assert call_count(window) == 0


def test_cancelling_imports_nothing_even_once_calls_were_written(qtbot, window, messages, monkeypatch, tmp_path):
    log_in(qtbot, window, "A001")

    def cancel_at_first_thousand(importer):
        def press_cancel(_done):
            qtbot.mouseClick(importer.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)

        importer.imported.connect(press_cancel)  # 1,000 calls are in the transaction by then

    choose(monkeypatch, generated(tmp_path / "many.jsonl", 1200), then=cancel_at_first_thousand)
    window.import_action.trigger()
    assert messages[-1][0] == "information" and "cancel" in messages[-1][2]
    assert call_count(window) == 0
    assert "calls.imported" not in [e.action for e in window.session.audit.entries(limit=5)]


def test_no_file_chosen_does_nothing(qtbot, window, messages, monkeypatch):
    log_in(qtbot, window, "A001")
    choose(monkeypatch, "")
    window.import_action.trigger()
    assert messages == [] and window.work.findChild(QProgressDialog) is None and call_count(window) == 0


def test_the_import_runs_off_the_gui_thread_and_its_progress_reaches_the_dialog(
    qtbot, window, messages, monkeypatch, tmp_path
):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)
    log_in(qtbot, window, "A001")
    seen = {"labels": []}
    real = ui.import_calls.import_file

    def watched(session, path, progress=None, checking=None):
        seen["thread"] = threading.get_ident()
        return real(session, path, progress, checking)

    def watch_labels(importer):
        importer.checked.connect(lambda _n: seen["labels"].append(importer.progress.labelText()))
        importer.imported.connect(lambda n: seen.setdefault("value", (n, importer.progress.maximum())))

    monkeypatch.setattr(ui.import_calls, "import_file", watched)
    choose(monkeypatch, generated(tmp_path / "calls.jsonl", 30), then=watch_labels)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert seen["thread"] != threading.get_ident()
    assert any("30" in label for label in seen["labels"]) and seen["value"] == (30, 30)
    assert messages[-1][0] == "information" and call_count(window) == 30


@pytest.mark.parametrize("code", ["L001", "C001"])
def test_leads_and_counselors_have_no_import(qtbot, window, messages, monkeypatch, tmp_path, code):
    log_in(qtbot, window, code)
    assert not window.import_action.isVisible()
    choose(monkeypatch, generated(tmp_path / "calls.jsonl", 3))
    window.work.import_calls()  # even reached some other way, the core refuses
    assert messages[-1][0] == "warning" and call_count(window) == 0


def test_the_window_shows_the_line_and_field_the_command_shows(qtbot, window, messages, monkeypatch, tmp_path, capsys):
    """The window and `main.py import` read a file through the same checks and say the same thing."""
    import desktop.cli as cli

    log_in(qtbot, window, "A001")
    phone_as_staff = b'{"started_at": "2025-05-01T22:14:00+08:00", "kind": "silent", "counselor": "13912345678"}\n'
    address = b'{"started_at": "2025-05-01T22:14:00+08:00", "kind": "silent", "follow_up": {"due": "2025-05-02T10:00:00+08:00", "address": "x"}}\n'  # noqa: E501
    path = generated(tmp_path / "bad.jsonl", 12, extra=phone_as_staff + address)
    choose(monkeypatch, path)
    window.import_action.trigger()
    kind, _title, text = messages[-1]
    assert kind == "warning" and call_count(window) == 0
    assert "line 13, field counselor: looks like a phone number" in text
    assert "line 14, field follow_up.address: is not a field" in text
    assert "13912345678" not in text

    monkeypatch.setattr(cli, "configure_logging", lambda _folder: None)
    monkeypatch.setattr(cli, "_login", lambda _paths, **_checks: window.session.another())
    capsys.readouterr()
    assert cli.main(["import", path]) == 2
    said = capsys.readouterr().err.removeprefix("hotline-log: ").strip()
    assert said.startswith("2 bad line(s)") and text.splitlines()[-2:] == [
        "line 13, field counselor: looks like a phone number, ID or account, not a staff code",
        "line 14, field follow_up.address: is not a field of the exchange format (known here: due, note)",
    ]  # the window lists the same lines as the command line, one a line
    assert all(line in said for line in text.splitlines()[-2:])
