"""Retention in the window: the shred after log-in and daily at 04:00, legal holds, the admin's period, busy saves."""

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import desktop.retention as retention
import ui.retention_runner as runner_module
import ui.worker
from desktop.accounts import AccountService
from desktop.call_model import CallFilter, CallInput
from desktop.calls import CallService
from desktop.clock import seat_zone
from desktop.errors import DatabaseBusy
from desktop.retention import retention_days, set_legal_hold
from desktop.store.connection import connect
from tests.test_retention import OLD, a_call, is_shredded, save_call
from ui.call_list import CallTableModel
from ui.settings_dialog import SettingsDialog

ZONE = seat_zone()


@pytest.fixture
def calls(seat_init, paths):
    """A seat with a counselor and a lead, and two calls four years old, one of them under legal hold."""
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "王", "counselor", "counselor-1")
    accounts.add("L001", "班长", "lead", "lead-pass-1")
    old, held = save_call(session, "OLDMARKER"), save_call(session, "HELDMARKER")
    set_legal_hold(session, held, True)
    session.close()
    return {"old": old, "held": held}


@pytest.fixture
def window(qtbot, calls, paths, tmp_path, open_window):
    yield open_window(autosave_seconds=1)


PASSWORDS = {"A001": "admin-pass-1", "L001": "lead-pass-1", "C001": "counselor-1"}


def log_in(qtbot, window, code):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, PASSWORDS[code])
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)


def audit_actions(window) -> list[str]:
    return [e.action for e in window.session.audit.entries(limit=10)]


# ----- the shred ------------------------------------------------------------------------------------


def test_logging_in_shreds_old_calls_but_not_held_ones(qtbot, window, calls):
    log_in(qtbot, window, "C001")  # whoever logs in: it is automatic
    store = window.session.store
    assert is_shredded(store, calls["old"])
    assert store.one("SELECT notes FROM call WHERE id = ?", (calls["held"],))[0].count("HELDMARKER") == 1
    assert "1" in window.statusBar().currentMessage()
    entry = next(e for e in window.session.audit.entries(limit=20) if e.action == "retention.shredded")
    assert entry.actor == "system" and json.loads(entry.detail) == {"calls": 1, "held": 1, "days": 1095}
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None


def test_the_shred_runs_off_the_gui_thread_on_a_connection_of_its_own(qtbot, window, calls, monkeypatch):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)
    seen = {}
    real = runner_module.shred_expired

    def watched(session, **kwargs):
        seen["thread"], seen["store"] = threading.get_ident(), session.store
        return real(session, **kwargs)

    monkeypatch.setattr(runner_module, "shred_expired", watched)
    log_in(qtbot, window, "A001")
    qtbot.waitUntil(lambda: "thread" in seen and not window.work.retention.running, timeout=10_000)
    assert seen["thread"] != threading.get_ident() and seen["store"] is not window.session.store
    assert is_shredded(window.session.store, calls["old"])


def test_never_two_runs_at_once(qtbot, window, calls):
    with runner_module._one_at_a_time:  # a run still going from an earlier session
        log_in(qtbot, window, "A001")
    assert not is_shredded(window.session.store, calls["old"])  # this run stood back
    results = []
    window.work.retention.finished.connect(results.append)
    assert window.work.retention.run(wipe=True)
    assert isinstance(results[0], retention.ShredReport) and is_shredded(window.session.store, calls["old"])


@pytest.mark.parametrize("failure", [DatabaseBusy("The database is busy with another task."), RuntimeError("boom")])
def test_a_failing_shred_shows_a_message_is_logged_and_the_window_goes_on(qtbot, window, monkeypatch, caplog, failure):
    def fail(session, **kwargs):
        raise failure

    monkeypatch.setattr(runner_module, "shred_expired", fail)
    log_in(qtbot, window, "A001")
    assert window.work is not None and window.stack.currentWidget() is window.work
    assert "shredded" in window.statusBar().currentMessage()  # "could not be shredded this time"
    assert type(failure).__name__ in caplog.text and "MARKER" not in caplog.text
    assert window.work.retention.timer.isActive()  # tomorrow it tries again
    assert not window.work.retention.running


def test_the_daily_run_is_armed_for_four_oclock_and_leaves_the_clean_up_while_a_call_is_on_screen(
    qtbot, window, monkeypatch
):
    clock = {"now": datetime(2025, 5, 1, 10, 0, tzinfo=ZONE)}
    monkeypatch.setattr(runner_module, "utc_now", lambda: clock["now"].astimezone(UTC))
    log_in(qtbot, window, "C001")
    runner = window.work.retention
    assert runner.next_run == datetime(2025, 5, 2, 4, 0, tzinfo=ZONE)
    assert runner.timer.isActive() and abs(runner.timer.remainingTime() - 18 * 3_600_000) < 5_000
    results = []
    runner.finished.connect(results.append)

    save_call(window.session, "LATERMARKER", OLD)  # one more call falls due by tomorrow
    window.work.form.load(CallInput(kind="counselling", notes="正在通话"))  # a call on screen, not saved
    clock["now"] = datetime(2025, 5, 2, 3, 59, 59, 900_000, tzinfo=ZONE)  # the timer fires a little early
    runner.timer.start(0)
    qtbot.waitUntil(lambda: bool(results))
    assert results[-1].calls == 1 and results[-1].wipe_pending  # shredded, the clean-up left for later
    assert runner.next_run == datetime(2025, 5, 3, 4, 0, tzinfo=ZONE)  # not 04:00 today again
    store = window.session.store
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) == ("1",)

    window.work.form.clear()
    clock["now"] = datetime(2025, 5, 3, 4, 0, 1, tzinfo=ZONE)
    runner.timer.start(0)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert results[-1] == retention.ShredReport(0, 1)  # nothing due (one held), the clean-up done
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None
    assert runner.next_run == datetime(2025, 5, 4, 4, 0, tzinfo=ZONE)


def test_a_save_meeting_the_busy_database_keeps_the_call_and_says_to_try_again(qtbot, window, paths, monkeypatch):
    log_in(qtbot, window, "C001")
    now = datetime.now(UTC)
    form = CallInput(kind="counselling", started_at=now - timedelta(minutes=30), ended_at=now, notes="失眠的来电")
    window.work.form.load(form)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    window.session.store.execute("PRAGMA busy_timeout = 200")
    other = connect(paths.database, window.session.key)  # the clean-up holding the write lock
    other.execute("BEGIN IMMEDIATE")
    try:
        window.save_action.trigger()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert shown and "Try again" in shown[0]
    assert window.work.form.to_input().notes == "失眠的来电"  # still on screen
    window.save_action.trigger()
    assert window.work.form.is_empty() and len(shown) == 1
    assert CallService(window.session).count_calls(CallFilter(text="失眠的来电")) == 1


# ----- legal hold -------------------------------------------------------------------------------------


def recent_call(window) -> int:
    now = datetime.now(UTC)
    return CallService(window.session).save(a_call("RECENT", now - timedelta(hours=2))).call_id


def test_a_lead_places_and_lifts_a_legal_hold_from_the_call_list(qtbot, window, monkeypatch):
    log_in(qtbot, window, "L001")
    call_id = recent_call(window)
    work = window.work
    work.tabs.setCurrentWidget(work.calls)
    table, model = work.calls.table, work.calls.model
    assert not table.isColumnHidden(CallTableModel.COL_HOLD)
    assert model.row_at(0).id == call_id and model.data(model.index(0, CallTableModel.COL_HOLD)) == ""

    hold = work.calls.menu_for(0).findChild(type(window.import_action), "legalHoldAction")
    assert hold.text() == work.calls.tr("Place under legal hold")
    hold.trigger()
    store = window.session.store
    assert store.one("SELECT legal_hold FROM call WHERE id = ?", (call_id,)) == (1,)
    assert model.data(model.index(0, CallTableModel.COL_HOLD)) == work.calls.tr("Held")  # a word, not a colour
    entry = window.session.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.object) == ("L001", "call.legal_hold", f"call:{call_id}")

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    lift = work.calls.menu_for(0).findChild(type(window.import_action), "legalHoldAction")
    assert lift.text() == work.calls.tr("Lift the legal hold")
    lift.trigger()
    assert asked and store.one("SELECT legal_hold FROM call WHERE id = ?", (call_id,)) == (0,)
    assert model.data(model.index(0, CallTableModel.COL_HOLD)) == ""


def test_a_counselor_sees_no_hold_control(qtbot, window):
    log_in(qtbot, window, "C001")
    recent_call(window)
    work = window.work
    work.tabs.setCurrentWidget(work.calls)
    assert work.calls.model.rowCount() == 1
    assert work.calls.table.isColumnHidden(CallTableModel.COL_HOLD)
    menu = work.calls.menu_for(0)
    assert menu.findChild(type(window.import_action), "legalHoldAction") is None
    assert [a.text() for a in menu.actions()] == [work.calls.tr("Open")]


# ----- the admin's retention period -------------------------------------------------------------------


def answer_settings(monkeypatch, seen, days=None):
    def exec_(dialog):
        seen["dialog"] = dialog
        if days is not None:
            dialog.retention.setValue(days)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def test_an_admin_sets_the_retention_period_in_the_settings_and_it_is_audited(qtbot, window, monkeypatch):
    log_in(qtbot, window, "A001")
    seen = {}
    answer_settings(monkeypatch, seen, days=2000)
    window.settings_action.trigger()
    spin = seen["dialog"].retention
    assert spin.minimum() == 1095 and spin.value() == 2000
    assert retention_days(window.session.store) == 2000
    entry = window.session.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.object) == ("A001", "setting.changed", "retention_days")
    assert json.loads(entry.detail) == {"from": 1095, "to": 2000}

    answer_settings(monkeypatch, seen, days=500)  # below three years: the box does not go there
    window.settings_action.trigger()
    assert seen["dialog"].retention.value() == 1095 and retention_days(window.session.store) == 1095


def test_an_unchanged_period_is_not_written_again(qtbot, window, monkeypatch):
    log_in(qtbot, window, "A001")
    seen = {}
    answer_settings(monkeypatch, seen)
    before = audit_actions(window)
    window.settings_action.trigger()
    assert seen["dialog"].retention.value() == 1095 and audit_actions(window) == before


@pytest.mark.parametrize("code", ["L001", "C001"])
def test_leads_and_counselors_have_no_retention_setting(qtbot, window, monkeypatch, code):
    log_in(qtbot, window, code)
    seen = {}
    answer_settings(monkeypatch, seen)
    window.settings_action.trigger()
    assert seen["dialog"].retention is None
    dialog = seen["dialog"]
    names = {w.accessibleName() for w in dialog.findChildren(type(dialog.idle))}
    assert dialog.retention is None and dialog.require_keyring is None
    assert not any("days" in name for name in names)  # no retention days anywhere in the dialog
