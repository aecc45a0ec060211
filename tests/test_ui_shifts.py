"""The shift in the window: a lead opens, notes and closes it; everyone sees it in the status bar; the
counselor's talk time and a calm break suggestion; the lead's workload table and thresholds."""

from datetime import UTC, datetime, timedelta

import pytest
from shiboken6 import isValid

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QStatusBar, QWidget

from desktop.accounts import AccountService
from desktop.call_model import CallInput, FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.clock import seat_time
from desktop.seat import Seat
from desktop.shift_window import auto_window
from desktop.shifts import ShiftService
from desktop.wellbeing import Thresholds, Workload, thresholds
from tests.seat_clock import AT_BOUNDARIES, BOUNDARY_IDS
from tests.test_calls import a_call
from ui import theme
from ui.handover_dialog import HandoverDialog
from ui.messages import core_text
from ui.settings_dialog import SettingsDialog
from ui.shift_dialog import HandoverNoteDialog, OpenShiftDialog, ShiftDialog
from ui.widgets.seat_time import from_edit, to_edit
from ui.workload import WorkloadModel

PASSWORDS = {"A001": "admin-pass-1", "L001": "lead-pass-1", "C001": "counselor-1", "C002": "counselor-2"}


@pytest.fixture
def seat(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("L001", "班长 李", "lead", PASSWORDS["L001"])
    accounts.add("C001", "咨询员 王", "counselor", PASSWORDS["C001"])
    accounts.add("C002", "咨询员 张", "counselor", PASSWORDS["C002"])
    session.close()
    return Seat(paths)


@pytest.fixture
def window(qtbot, seat, paths, tmp_path, open_window):
    yield open_window(autosave_seconds=1)


def log_in(qtbot, window, code):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, PASSWORDS[code])
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)
    qtbot.waitUntil(lambda: window.work.shift_status.shift_label.text() != "")


def as_(paths, code):
    return Seat(paths).login(code, PASSWORDS[code])


def opened_hours_ago(paths, hours: float, on_duty=("C001", "C002")):
    """A shift the lead opened `hours` ago (through the core, as if earlier today)."""
    now = datetime.now(UTC)
    with as_(paths, "L001") as lead:
        return ShiftService(lead).open(list(on_duty), now + timedelta(hours=4), now=now - timedelta(hours=hours))


def calls_for(paths, code, spans):
    """Calls of `code` as (minutes ago it started, minutes ago it ended)."""
    now = datetime.now(UTC)
    with as_(paths, code) as session:
        service = CallService(session)
        for start, end in spans:
            service.save(a_call(started_at=now - timedelta(minutes=start), ended_at=now - timedelta(minutes=end)))


TIRED = [(130, 80), (75, 30), (25, 1)]  # 2 h 10 min of calls with 5-minute gaps: no break


def no_modal() -> bool:
    return QApplication.activeModalWidget() is None and not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


# ----- opening, the status bar, who may ------------------------------------------------------------


@pytest.mark.parametrize("moment", AT_BOUNDARIES, ids=BOUNDARY_IDS)
def test_a_lead_opens_a_shift_from_the_menu_and_the_status_bar_shows_it(qtbot, window, monkeypatch, seat_clock, moment):
    now = seat_clock(moment)()  # the dialog names the automatic shift of now: pinned, at and near a change
    log_in(qtbot, window, "L001")
    assert window.shift_action.isVisible() and window.shift_action.isEnabled()
    assert window.shift_action in window.menuBar().actions()[0].menu().actions()
    seen = {}

    def exec_(dialog):
        seen["dialog"] = dialog
        dialog.set_checked(["C001", "C002"])
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(OpenShiftDialog, "exec", exec_)
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    start, end = auto_window(now)
    assert dialog.isVisible() and dialog.summary.text() == dialog.tr(
        "No shift is open: calls go to the automatic shift %1–%2."
    ).replace("%1", f"{start:%H:%M}").replace("%2", f"{end:%H:%M}")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    shift = ShiftService(window.session).open_shift()
    assert shift.lead == "L001" and shift.counselors == ("C001", "C002")
    planned = seat_time(shift.planned_end)
    assert (planned.hour, planned.minute) in ((0, 0), (8, 0), (16, 0))  # an automatic shift's boundary
    assert timedelta(hours=4) <= shift.planned_end - now <= timedelta(hours=12)
    assert "咨询员 王 (C001)" in dialog.summary.text() and "咨询员 张 (C002)" in dialog.summary.text()
    assert not dialog.open_button.isEnabled() and dialog.close_button.isEnabled()
    label = window.statusBar().findChild(QLabel, "shiftLabel")
    assert "班长 李" in label.text() and f"{seat_time(shift.started_at):%H:%M}" in label.text()
    assert window.session.audit.entries(limit=1)[0].action == "shift.opened"

    window.work.form.load(CallInput(kind="counselling", started_at=now, notes="学业压力"))
    window.save_action.trigger()
    assert window.session.store.one("SELECT shift_id FROM call ORDER BY id DESC LIMIT 1") == (shift.id,)


@pytest.mark.parametrize("moment", AT_BOUNDARIES, ids=BOUNDARY_IDS)
def test_a_counselor_has_no_shift_action_and_sees_the_automatic_shift(qtbot, window, seat_clock, moment):
    now = seat_clock(moment)()
    log_in(qtbot, window, "C001")
    assert not window.shift_action.isVisible()
    window.shift_action.trigger()  # the shortcut does nothing either
    assert window.work.findChild(ShiftDialog) is None
    start, end = auto_window(now)
    label = window.statusBar().findChild(QLabel, "shiftLabel")
    assert label.text() == label.tr("Automatic shift %1–%2").replace("%1", f"{start:%H:%M}").replace(
        "%2", f"{end:%H:%M}"
    )


def test_the_status_bar_shows_a_shift_opened_elsewhere_to_a_counselor(qtbot, window, paths):
    opened_hours_ago(paths, 1)
    log_in(qtbot, window, "C001")
    label = window.statusBar().findChild(QLabel, "shiftLabel")
    assert "班长 李" in label.text() and "咨询员 王" in label.toolTip()


def test_a_planned_end_in_the_past_shows_the_cores_message(qtbot, window, monkeypatch):
    log_in(qtbot, window, "L001")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))

    def exec_(dialog):
        dialog.planned_end.setDateTime(to_edit(datetime.now(UTC) - timedelta(hours=1)))
        dialog.accept()
        dialog.planned_end.setDateTime(to_edit(datetime.now(UTC) + timedelta(hours=30)))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(OpenShiftDialog, "exec", exec_)
    window.shift_action.trigger()
    qtbot.mouseClick(window.work.shift_dialog().open_button, Qt.MouseButton.LeftButton)
    assert warnings == [
        core_text("The planned end of the shift must be later than now."),
        core_text("A shift is planned for at most 24 hours; choose an earlier end."),
    ]
    assert ShiftService(window.session).open_shift() is None


def test_the_planned_end_is_read_as_seat_time():
    moment = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)  # 09:30 in Beijing
    edit = to_edit(moment)
    assert (edit.time().hour(), edit.time().minute()) == (9, 30)
    assert from_edit(edit) == moment


# ----- the handover note and closing --------------------------------------------------------------


def test_the_handover_note_hides_a_phone_number_and_says_so(qtbot, window, paths, monkeypatch):
    opened_hours_ago(paths, 1)
    log_in(qtbot, window, "L001")
    seen = {}

    def exec_(dialog):
        seen["dialog"] = dialog
        qtbot.keyClicks(dialog.notes.editor, "Caller may ring back from 13812345678, please follow up")
        dialog.notes._update_findings()
        seen["findings"] = dialog.notes.findings.isVisibleTo(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(HandoverNoteDialog, "exec", exec_)
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    qtbot.mouseClick(dialog.note_button, Qt.MouseButton.LeftButton)
    assert seen["findings"]  # underlined and listed before saving
    note = ShiftService(window.session).open_shift().handover_note
    assert "13812345678" not in note and "3812" not in note and "follow up" in note
    assert "1" in dialog.message.text() and dialog.tr("mobile number") in dialog.message.text()
    assert window.session.audit.entries(limit=1)[0].action == "shift.note_written"

    monkeypatch.setattr(HandoverNoteDialog, "exec", lambda d: seen.update(again=d.notes.text()) or 0)
    qtbot.mouseClick(dialog.note_button, Qt.MouseButton.LeftButton)
    assert seen["again"] == note  # the note comes back to be edited, already hidden


def test_closing_asks_first_and_then_offers_the_handover(qtbot, window, paths, monkeypatch):
    shift = opened_hours_ago(paths, 2)
    log_in(qtbot, window, "L001")
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    questions = []
    answer = {"value": QMessageBox.StandardButton.No}
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text, *a: questions.append(text) or answer["value"]
    )
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and ShiftService(window.session).open_shift() is not None  # "No" keeps it open

    requested = []
    window.work.handover_requested.connect(requested.append)
    answer["value"] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert ShiftService(window.session).open_shift() is None
    assert ShiftService(window.session).get(shift.id).ended_at is not None
    assert len(questions) == 3 and requested == [shift.id]  # confirm, then "print the handover?"
    handover = window.work.findChild(HandoverDialog)  # the main window opened the summary of that shift
    assert handover.isVisible() and handover.shift.currentData() == shift.id
    assert window.session.audit.entries(limit=1)[0].action == "shift.closed"
    assert dialog.open_button.isEnabled() and not dialog.close_button.isEnabled()
    label = window.statusBar().findChild(QLabel, "shiftLabel")
    assert "班长 李" not in label.text()  # back to the automatic shift


def test_locking_takes_the_shift_window_and_the_status_labels_away(qtbot, window):
    log_in(qtbot, window, "L001")
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    status = window.work.shift_status
    window.lock()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(dialog) and not isValid(status)
    assert window.statusBar().findChild(QLabel, "shiftLabel") is None


# ----- the counselor's wellbeing --------------------------------------------------------------------


def test_the_counselor_sees_talk_time_this_shift(qtbot, window, paths):
    opened_hours_ago(paths, 3)
    calls_for(paths, "C001", [(100, 60)])  # 40 minutes, an hour ago: on a break now
    log_in(qtbot, window, "C001")
    label = window.statusBar().findChild(QLabel, "wellbeingLabel")
    assert "40" in label.text() and label.tr("on a break") in label.text()
    assert not window.work.shift_status.load.break_due


def test_two_hours_without_a_break_brings_a_calm_suggestion(qtbot, look, window, paths):
    theme.apply(look, "light", 0)  # as the program starts: its look, bold where a break is due
    window.resize(1366, 820)  # the seat's screen, the narrowest the program is made for
    opened_hours_ago(paths, 3)
    calls_for(paths, "C001", TIRED[:2])  # 1 h 40 min so far, the last one ended half an hour ago
    log_in(qtbot, window, "C001")
    status = window.work.shift_status
    assert not status.load.break_due
    window.work.form.notes.editor.setFocus()
    qtbot.keyClicks(window.work.form.notes.editor, "caller is calmer")

    calls_for(paths, "C001", TIRED[2:])  # (elsewhere) one more call: now 2 h 10 min without a break
    status.timer.timeout.emit()  # the minute's tick
    assert status.load.break_due and status.load.reason == "run"
    label = window.statusBar().findChild(QLabel, "wellbeingLabel")
    assert label.property("breakDue") and "2 h 10 min" in label.text()  # said in words, not colour alone
    assert "break" in window.statusBar().currentMessage()
    assert_whole_message_shows(qtbot, window.statusBar())
    assert no_modal()
    assert QApplication.focusWidget() is window.work.form.notes.editor  # typing goes on undisturbed
    assert window.work.form.notes.text() == "caller is calmer"
    window.statusBar().clearMessage()
    status.timer.timeout.emit()
    assert window.statusBar().currentMessage() == ""  # said once, not every minute
    window.work.form.clear()  # else closing the window asks about the unsaved call


def assert_whole_message_shows(qtbot, bar: QStatusBar) -> None:
    """The status bar's message and every label beside it are shown whole, as a person at the seat reads them.
    QStatusBar paints its message from its left margin to the first permanent widget, clipped, not elided."""

    def whole():
        shown = [w for w in bar.findChildren(QWidget) if w.isVisible() and w.parentWidget() is bar]
        room = min(w.x() for w in shown) - 2 - 6  # Qt's QStatusBarPrivate::messageRect
        message = bar.currentMessage()
        assert message and bar.fontMetrics().horizontalAdvance(message) <= room, (message, room)
        for label in bar.findChildren(QLabel):
            if label.isVisible():
                assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width(), label.text()

    qtbot.waitUntil(whole, timeout=2000)  # once the status bar has laid out its labels' new words


def overdue_follow_ups(paths, code, count=2):
    """Calls of `code` early in the shift with follow-ups now overdue, which the status bar's corner shows."""
    now = datetime.now(UTC)
    with as_(paths, code) as session:
        for n in range(count):
            started = now - timedelta(minutes=170 - 10 * n)
            follow_up = FollowUpInput(due_at=now - timedelta(minutes=30), note="回访")
            CallService(session).save(
                a_call(started_at=started, ended_at=started + timedelta(minutes=5), follow_ups=[follow_up])
            )


def test_right_after_a_high_risk_call_a_break_is_suggested(qtbot, look, window, paths):
    theme.apply(look, "light", 0)
    opened_hours_ago(paths, 3)  # the status bar as on a busy evening: the shift, its lead, follow-ups overdue
    overdue_follow_ups(paths, "C001")
    window.resize(1366, 820)
    log_in(qtbot, window, "C001")
    now = datetime.now(UTC)
    form = CallInput(
        kind="counselling",
        started_at=now - timedelta(minutes=35),
        ended_at=now - timedelta(seconds=5),
        notes="来电者有自杀计划",
        risk=RiskInput({"ideation_current": True, "plan": True}, assessed_at=now - timedelta(minutes=10)),
    )
    window.work.form.load(form)
    window.save_action.trigger()
    assert window.work.form.is_empty()
    call_id, level = window.session.store.one("SELECT id, risk_level FROM call ORDER BY id DESC LIMIT 1")
    assert level == "high"
    assert window.statusBar().currentMessage() == window.work.tr("Call saved (%1).").replace("%1", str(call_id))
    assert window.work.shift_status.load.reason == "high_risk"
    label = window.statusBar().findChild(QLabel, "wellbeingLabel")
    assert label.property("breakDue") and "high-risk" in label.text()  # the suggestion, with its reason, beside
    assert window.follow_up_corner.isVisible()
    assert_whole_message_shows(qtbot, window.statusBar())  # neither cut off by the other
    assert no_modal()


# ----- the lead's workload table and thresholds -----------------------------------------------------


def test_the_leads_workload_table_marks_who_is_due_a_break(qtbot, window, paths):
    opened_hours_ago(paths, 3)
    calls_for(paths, "C001", TIRED)
    calls_for(paths, "C002", [(120, 100)])
    log_in(qtbot, window, "L001")
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    model = dialog.model
    assert model.rowCount() == 2 and dialog.table.isVisibleTo(dialog)
    rows = {model.row_at(r).counselor: r for r in range(2)}
    due = model.data(model.index(rows["C001"], WorkloadModel.COL_BREAK))
    assert due.startswith(model.tr("Due: %1").split("%1")[0]) and "2 h 10 min" in due
    assert model.data(model.index(rows["C001"], WorkloadModel.COL_COUNSELOR)) == "咨询员 王 (C001)"
    assert model.data(model.index(rows["C001"], WorkloadModel.COL_CALLS)) == "3"
    assert model.data(model.index(rows["C002"], WorkloadModel.COL_BREAK)) == ""
    assert model.data(model.index(rows["C002"], WorkloadModel.COL_RUN)) == model.tr("on a break")


def settings_answered(monkeypatch, answer):
    """Settings opened from the menu run `answer(dialog)` instead of waiting for a person."""

    def exec_(dialog):
        answer(dialog)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def typed(qtbot, spin, value: str) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, value)
    spin.interpretText()


def test_a_lead_changes_the_thresholds_in_settings_and_nonsense_is_refused(qtbot, window, monkeypatch):
    log_in(qtbot, window, "L001")

    def twenty_and_ninety(dialog):
        typed(qtbot, dialog.break_minutes, "20")
        typed(qtbot, dialog.run_minutes, "90")
        dialog.accept()

    settings_answered(monkeypatch, twenty_and_ninety)
    window.settings_action.trigger()
    assert thresholds(window.session.store) == Thresholds(20, 90)
    assert window.session.audit.entries(limit=1)[0].action == "wellbeing.thresholds"
    window.shift_action.trigger()
    shown = window.work.shift_dialog().limits.text()
    assert "90" in shown and "20" in shown  # the shift window says what the seat suggests
    window.work.shift_dialog().close()

    seen = {}

    def nonsense(dialog):
        typed(qtbot, dialog.break_minutes, "0")  # a break of no minutes: the box does not take it
        typed(qtbot, dialog.run_minutes, "9999")
        seen["values"] = (dialog.break_minutes.value(), dialog.run_minutes.value())
        dialog.accept()

    settings_answered(monkeypatch, nonsense)
    window.settings_action.trigger()
    assert seen["values"][0] == 20 and seen["values"][1] <= 480
    limits = thresholds(window.session.store)
    assert limits.break_minutes == 20 and 30 <= limits.run_minutes <= 480


def test_unchanged_thresholds_are_not_written_again_and_counselors_have_none(qtbot, window, monkeypatch):
    log_in(qtbot, window, "L001")
    seen = {}
    settings_answered(monkeypatch, lambda dialog: seen.update(dialog=dialog) or dialog.accept())
    before = len(window.session.audit.entries(limit=1000))
    window.settings_action.trigger()
    assert seen["dialog"].run_minutes is not None and seen["dialog"].retention is None  # a lead: no retention
    assert len(window.session.audit.entries(limit=1000)) == before
    window.lock()
    window.login_page.switch.click()
    log_in(qtbot, window, "C001")
    window.settings_action.trigger()
    assert seen["dialog"].run_minutes is None and seen["dialog"].break_minutes is None


def test_the_workload_model_passes_the_model_tester(qtmodeltester):
    model = WorkloadModel({"C001": "王"})
    qtmodeltester.check(model)
    model.set_rows(
        [Workload("C001", 3, 7000, 7800, 1, 7800, None, True, "run"), Workload("C9", 1, 60, 60, 0, 0, None, False, "")]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(1, WorkloadModel.COL_COUNSELOR)) == "C9"  # an imported code without an account


def test_the_shift_window_is_not_modal(qtbot, window):
    log_in(qtbot, window, "L001")
    window.shift_action.trigger()
    dialog = window.work.shift_dialog()
    assert dialog.isVisible() and not dialog.isModal()
    assert window.work.shift_dialog() is dialog  # one per session
    assert dialog.result() == QDialog.DialogCode.Rejected
