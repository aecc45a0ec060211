"""An imminent call through the window: the word in the notes, the banner, the items, the protocol with
120 and its outcome, a referral and a follow-up; then a colleague sees the follow-up in the queue."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.accounts import AccountService
from desktop.call_model import CallFilter
from desktop.calls import CallService
from desktop.seat import Seat
from tests.conftest import type_text


@pytest.fixture
def window(qtbot, seat_init, paths, open_window):
    session, _ = seat_init
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    AccountService(session).add("C002", "李", "counselor", "counselor-2")
    session.close()
    yield open_window(autosave_seconds=1)


def log_in(qtbot, window, code, password):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    page.password.setFocus()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)


def tick(qtbot, box):
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()


def test_an_imminent_call_from_the_notes_word_to_the_queue_of_a_colleague(qtbot, window, paths, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    log_in(qtbot, window, "C001", "counselor-1")
    form = window.work.form
    window.work.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    assert "未评估" in form.risk_badge.text() or "not assessed" in form.risk_badge.text()

    type_text(form.notes.editor, "来电者说不想活了，药已经准备好，打算这两天就吃。")
    qtbot.waitUntil(form.risk.banner.isVisible, timeout=3000)
    assert "不想活" in form.risk.banner.text()
    assert form.sections.currentWidget() is form.risk

    for item in ("ideation_current", "plan", "timeframe_72h", "means_access"):
        tick(qtbot, form.risk.items[item])
    assert form.risk.final_level == "imminent"
    assert form.sections.currentWidget().widget() is form.crisis  # the protocol shows at once

    call_120, when, outcome = form.crisis.rows["ambulance_120"]
    tick(qtbot, call_120)
    assert when.text()
    outcome.setCurrentIndex(outcome.findData("rescued"))

    panel = form.referrals
    panel.kind.setCurrentIndex(panel.kind.findData("psychiatric_emergency"))
    panel.urgency.setCurrentIndex(panel.urgency.findData("urgent"))
    [add_referral] = [b for b in panel.findChildren(QPushButton) if b.text() in ("添加转介", "Add referral")]
    add_referral.click()
    panel.owner.setCurrentIndex(panel.owner.findData("@lead"))
    type_text(panel.note, "明早确认来电者在医院的情况")
    [add_follow_up] = [b for b in panel.findChildren(QPushButton) if b.text() in ("添加随访", "Add follow-up")]
    add_follow_up.click()
    assert panel.referral_list.count() == 1 and panel.follow_up_list.count() == 1

    window.work.end_call()
    assert window.work.save()

    with Seat(paths).login("A001", "admin-pass-1") as admin:
        [row] = CallService(admin).list_calls(CallFilter())
        assert row.risk_level == "imminent"
        record = CallService(admin).get(row.id).form
        assert [(a.action, a.outcome) for a in record.crisis_actions] == [("ambulance_120", "rescued")]
        assert [r.kind for r in record.referrals] == ["psychiatric_emergency"]

    window.lock()
    window.login_page.switch.click()
    log_in(qtbot, window, "C002", "counselor-2")
    queue = window.work.queue
    qtbot.waitUntil(lambda: queue.follow_ups.topLevelItemCount() == 1)
    assert "明早确认" in queue.follow_ups.topLevelItem(0).text(4)
    assert queue.referrals.topLevelItemCount() == 0  # the referral is the first counselor's to follow
    assert not window.follow_up_corner.isVisible()  # due tomorrow: listed, not yet due


def test_before_any_answer_the_panel_says_not_assessed_never_no_risk(qtbot):
    """Typing 吞药 opens the panel with the prompt: under it stands 未评估 in grey, not a green 无风险."""
    from ui.risk_panel import NOT_ASKED, RiskPanel

    panel = RiskPanel("zh")
    qtbot.addWidget(panel)
    panel.show_prompt(["吞药"])
    assert panel.level.text() == "未评估" and "无风险" not in panel.level.text()
    assert panel.level.property("riskLevel") == "unassessed"
    assert panel.final_level == "not_assessed" and panel.to_input() is None
    for spin in panel.scales.values():  # scales start "not asked", not at 0
        assert spin.value() == NOT_ASKED and spin.text() == spin.specialValueText() != "0"

    with qtbot.waitSignal(panel.level_changed) as moved:
        tick(qtbot, panel.items["plan"])  # a plan without the ideation item is ideation (§7): high
    assert moved.args == ["high"] and panel.level.property("riskLevel") == "high"
    panel.items["plan"].setChecked(False)
    assert panel.final_level == "not_assessed"

    panel.scales["distress"].setValue(0)  # asked, and the answer is 0: now the caller was assessed
    assert panel.answers() == {"distress": 0}
    assert panel.final_level == "none" and panel.level.text() == "无风险"
    panel.load(panel.to_input())
    assert panel.scales["distress"].value() == 0 and panel.scales["hopelessness_scale"].value() == NOT_ASKED


def test_the_computed_level_stays_in_view_while_the_intent_items_are_ticked(qtbot, window, monkeypatch):
    """Only the items scroll; the level above them is where the counselor left it, whatever is ticked below."""
    log_in(qtbot, window, "C001", "counselor-1")
    form = window.work.form
    window.resize(1280, 720)
    form.show_section(form.risk)
    panel = form.risk
    assert form.sections.currentWidget() is panel  # not inside a second scroll area of the tab
    qtbot.waitUntil(lambda: panel.items_area.verticalScrollBar().maximum() > 0)  # the items do not all fit
    plan = panel.items["plan"]
    panel.items_area.ensureWidgetVisible(plan)  # scrolled down to the intent items, as a counselor would
    tick(qtbot, plan)
    assert panel.items_area.verticalScrollBar().value() > 0
    top_left = panel.level.mapTo(panel, panel.level.rect().topLeft())
    assert 0 <= top_left.y() < panel.items_area.y() and panel.level.isVisible()  # above the scrolling items
    assert panel.level.text() == "高风险"
