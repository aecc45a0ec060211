"""The call list and the follow-up queue as a counselor reads them: whose calls, which risk, and the risk
marker still seen on a selected row."""

from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from desktop.accounts import AccountService
from desktop.call_model import FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.risk import level_label
from desktop.seat import Seat
from desktop.shifts import ShiftService
from tests.test_calls import a_call
from tests.test_ui_call import log_in
from ui import theme
from ui.call_list import CallTableModel
from ui.i18n import install_translators

PASSWORDS = {"L001": "lead-pass-1", "C001": "counselor-1", "C002": "counselor-2"}
NOW = datetime.now(UTC)


@pytest.fixture
def seat(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("L001", "班长 李", "lead", PASSWORDS["L001"])
    accounts.add("C001", "咨询员 王", "counselor", PASSWORDS["C001"])
    accounts.add("C002", "咨询员 张", "counselor", PASSWORDS["C002"])
    session.close()
    with Seat(paths).login("L001", PASSWORDS["L001"]) as lead:  # the lead opened the shift three hours ago
        ShiftService(lead).open(["C001", "C002"], NOW + timedelta(hours=5), now=NOW - timedelta(hours=3))
    return Seat(paths)


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window()


def save_as(paths, code: str, minutes_ago: int, **fields) -> int:
    """A call of `code` that started `minutes_ago` and lasted 20 minutes, saved through the core."""
    started = NOW - timedelta(minutes=minutes_ago)
    with Seat(paths).login(code, PASSWORDS[code]) as session:
        form = a_call(started_at=started, ended_at=started + timedelta(minutes=20), **fields)
        return CallService(session).save(form).call_id


def show_calls(qtbot, window):
    """Click the Calls tab, as the counselor does."""
    tabs = window.work.tabs
    tab_bar = tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(tabs.indexOf(window.work.calls)).center())
    assert tabs.currentWidget() is window.work.calls
    return window.work.calls


def listed(calls) -> dict[int, dict[int, str]]:
    """Call id → what each column of its row says."""
    model = calls.model
    return {
        model.row_at(row).id: {column: model.data(model.index(row, column)) for column in range(model.columnCount())}
        for row in range(model.rowCount())
    }


# ----- whose calls a counselor sees -----------------------------------------------------------------


def test_a_counselor_sees_the_current_shifts_calls_and_can_keep_to_their_own(qtbot, window, paths):
    colleague_now = save_as(paths, "C001", 60)  # this shift
    colleague_before = save_as(paths, "C001", 60 * 24)  # yesterday's shift
    mine_now = save_as(paths, "C002", 30)
    mine_before = save_as(paths, "C002", 60 * 25)
    log_in(qtbot, window, "C002", PASSWORDS["C002"])
    calls = show_calls(qtbot, window)

    box = calls.mine_only
    assert box.isVisible() and box.isEnabled() and not box.isChecked()
    rows = listed(calls)
    assert set(rows) == {colleague_now, mine_now, mine_before}  # never a colleague's call of an earlier shift
    assert rows[colleague_now][CallTableModel.COL_COUNSELOR] == "C001"

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    assert set(listed(calls)) == {mine_now, mine_before}
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert set(listed(calls)) == {colleague_now, mine_now, mine_before}
    assert colleague_before not in listed(calls)


# ----- "not assessed" is not "no risk" --------------------------------------------------------------


def test_a_call_saved_without_an_assessment_reads_not_assessed(qtbot, window, paths):
    due = FollowUpInput(due_at=NOW + timedelta(hours=2), note="回访")
    unassessed = save_as(paths, "C001", 90, case_code="K7Q-39M", follow_ups=[due])
    no_risk = save_as(paths, "C001", 60, risk=RiskInput({"ideation_current": False}), follow_ups=[due])  # answered: no
    high = save_as(paths, "C001", 30, risk=RiskInput({"ideation_current": True, "plan": True}))
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    not_assessed = QApplication.translate("risk_text", "Not assessed")  # in the UI's language
    none = level_label("none", window.lang)

    rows = listed(show_calls(qtbot, window))
    risk = CallTableModel.COL_RISK
    assert rows[unassessed][risk] == not_assessed
    assert rows[no_risk][risk] == none
    assert rows[high][risk] == level_label("high", window.lang)
    model = window.work.calls.model
    shapes = {model.row_at(r).id: model.data(model.index(r, risk), Qt.ItemDataRole.DecorationRole) for r in range(3)}
    assert shapes[no_risk] is not None and shapes[unassessed] is None  # a level's shape, or none at all

    window.work.show_follow_ups()
    tree = window.work.queue.follow_ups
    risks = sorted(tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount()))
    assert risks == sorted([not_assessed, none, level_label("high", window.lang)])

    form = window.work.form
    window.work.tabs.setCurrentWidget(form)
    form.case_code.setFocus()
    qtbot.keyClicks(form.case_code, "k7q39m")
    qtbot.keyClick(form.case_code, Qt.Key.Key_Return)
    assert form.case_history.isVisible() and not_assessed in form.case_history.text()
    assert none not in form.case_history.text()
    form.clear()


# ----- the risk marker on a selected row ------------------------------------------------------------


def marker_contrast(table, row: int, column: int) -> float:
    """The strongest contrast of the risk marker's pixels (left of its words) with the ground they stand on."""
    rect = table.visualRect(table.model().index(row, column))
    image = table.viewport().grab(rect).toImage()
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table)
    ground = table.palette().color(QPalette.ColorRole.Highlight)
    return max(
        theme.contrast(QColor(image.pixel(x, y)), ground)
        for x in range(margin, margin + size)
        for y in range(image.height())
    )


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_risk_marker_of_a_selected_call_reads_on_the_selection(qtbot, look, window, paths, name):
    theme.apply(look, name, 0)
    save_as(paths, "C001", 30, risk=RiskInput({"ideation_current": True, "plan": True}))
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    calls = show_calls(qtbot, window)
    table = calls.table
    rect = table.visualRect(calls.model.index(0, CallTableModel.COL_TIME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.selectionModel().isRowSelected(0)
    assert table.palette().color(QPalette.ColorRole.Highlight) == QColor(theme.colours()["highlight"])
    assert marker_contrast(table, 0, CallTableModel.COL_RISK) >= 3  # WCAG's 3:1 for a graphic that carries meaning


def test_double_clicking_a_call_opens_it_once(qtbot, window, paths):
    call = save_as(paths, "C001", 30)
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    calls = show_calls(qtbot, window)
    opened = []
    calls.open_call.connect(opened.append)
    table = calls.table
    rect = table.visualRect(calls.model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's first press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [call]


def test_the_follow_up_corner_says_how_many_of_the_due_are_overdue(qtbot, window, paths):
    """Three due of which two overdue reads as three, never as five."""
    for hours in (-3, -2, 2):
        save_as(paths, "C001", 60, follow_ups=[FollowUpInput(due_at=NOW + timedelta(hours=hours), note="回访")])
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    qtbot.waitUntil(window.follow_up_corner.isVisible)
    assert window.follow_up_corner.text() == "Follow-ups: 3 due (2 of them overdue)"
    install_translators(QApplication.instance(), "zh")
    try:
        window._follow_ups(3, 2)
        assert window.follow_up_corner.text() == "随访：3 项到期（其中 2 项逾期）"
    finally:
        install_translators(QApplication.instance(), "en")
