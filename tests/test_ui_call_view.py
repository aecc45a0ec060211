"""The read view of a saved call and the case code's timeline, driven through the real window: a lead
reads an imminent call in full and saves it as a PDF; a counselor reads, but cannot print; typing a case
code lists every call of it the viewer may see, and Enter on an entry opens that call."""

import json
import os
import shutil
import stat
import subprocess
from datetime import timedelta

import pytest

from PySide6.QtCore import Qt

from desktop import risk
from desktop.call_model import RiskInput
from desktop.calls import CallService
from desktop.clock import seat_time
from desktop.risk import level_label
from desktop.seat import Seat
from tests.test_call_read import NOW, OVERRIDE_REASON, PASSWORDS, imminent_call
from tests.test_ui_call import log_in
from tests.test_ui_lists import seat, show_calls, window  # noqa: F401 - fixtures
from ui.call_view import CallReadDialog
from ui.risk_text import not_assessed


def save_as(paths, code: str, form) -> int:
    with Seat(paths).login(code, PASSWORDS[code]) as session:
        return CallService(session).save(form).call_id


def amend_as(paths, code: str, call_id: int, text: str) -> None:
    with Seat(paths).login(code, PASSWORDS[code]) as session:
        CallService(session).add_amendment(call_id, text)


@pytest.fixture
def shown(monkeypatch):
    """Read views shown, in order; each is answered by `answer(dialog)` (default: closed)."""
    seen = {"dialogs": [], "answer": lambda dialog: 0}

    def exec_(dialog):
        seen["dialogs"].append(dialog)
        seen.setdefault("texts", []).append(dialog.browser.toPlainText())
        return seen["answer"](dialog)

    monkeypatch.setattr(CallReadDialog, "exec", exec_)
    return seen


def open_from_list(qtbot, win, call_id: int) -> None:
    """Click the call's row in the list and press Enter, as a lead does."""
    calls = show_calls(qtbot, win)
    row = next(r for r in range(calls.model.rowCount()) if calls.model.row_at(r).id == call_id)
    rect = calls.table.visualRect(calls.model.index(row, 1))
    qtbot.mouseClick(calls.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(calls.table, Qt.Key.Key_Return)


def test_the_read_view_of_an_imminent_call_shows_all_it_holds(qtbot, window, paths, shown):  # noqa: F811
    start = NOW - timedelta(hours=2)
    call_id = save_as(paths, "C001", imminent_call(start))
    amend_as(paths, "C001", call_id, "补充：姐姐已赶到")
    log_in(qtbot, window, "L001", PASSWORDS["L001"])
    open_from_list(qtbot, window, call_id)
    (dialog,) = shown["dialogs"]
    text = shown["texts"][0]
    lang = window.lang
    for expected in (
        level_label("imminent", lang),
        level_label("high", lang),  # the computed level, kept beside the final one
        OVERRIDE_REASON,
        risk.items().label("ideation_current", lang),  # the answered items
        risk.items().label("plan", lang),
        "呼叫急救（120）",
        "已派出",
        "保持通话陪伴",
        "已确认安全",
        "明早回访确认安全",
        "夜里睡不着就想吃药",
        "补充：姐姐已赶到",
        "咨询员 王",
    ):
        assert expected in text, expected
    for minutes in (10, 12):  # every crisis action with its time
        assert seat_time(start + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M") in text
    order = [
        text.index(OVERRIDE_REASON),
        text.index("呼叫急救（120）"),
        text.index("明早回访确认安全"),
        text.index("夜里睡不着就想吃药"),
        text.index("补充：姐姐已赶到"),
    ]
    assert order == sorted(order)  # in the order of the form: risk, crisis, follow-ups, safety plan, amendments
    assert dialog.pdf_button is not None and not dialog.pdf_button.isHidden()


def test_a_call_without_an_assessment_reads_not_assessed_never_no_risk(qtbot, window, paths, shown):  # noqa: F811
    call_id = save_as(paths, "C001", imminent_call(risk=None, crisis_actions=[], follow_ups=[]))
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    open_from_list(qtbot, window, call_id)
    text = shown["texts"][0]
    assert not_assessed() in text and level_label("none", window.lang) not in text


def test_a_counselor_reads_a_call_but_has_no_pdf_button(qtbot, window, paths, shown):  # noqa: F811
    call_id = save_as(paths, "C001", imminent_call())
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    open_from_list(qtbot, window, call_id)
    (dialog,) = shown["dialogs"]
    assert dialog.pdf_button is None
    assert OVERRIDE_REASON in shown["texts"][0]
    assert "督导" not in shown["texts"][0] and "Supervision" not in shown["texts"][0]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_lead_saves_the_call_as_a_pdf_for_supervision(qtbot, window, paths, shown, tmp_path):  # noqa: F811
    call_id = save_as(paths, "C001", imminent_call())
    log_in(qtbot, window, "L001", PASSWORDS["L001"])
    target = tmp_path / "out" / "supervision"
    target.parent.mkdir()

    def answer(dialog):
        dialog.ask_path = lambda suggested: str(target)  # the file dialog, answered
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        shown["message"] = dialog.message.text()
        return 0

    shown["answer"] = answer
    open_from_list(qtbot, window, call_id)
    written = target.with_suffix(".pdf")
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    text = " ".join(subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True).stdout.split())
    for expected in ("紧急风险", OVERRIDE_REASON, "呼叫急救（120）", "已派出", "来电者说不想活了"):
        assert expected in text, expected
    entry = window.session.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.object) == ("L001", "call.exported", f"call:{call_id}")
    assert set(json.loads(entry.detail)) == {"pages"}
    assert str(written) in shown["message"]


def three_calls(paths) -> list[int]:
    """Three calls of one case code: C001 20 days ago (not assessed), C002 9 days ago (low), C001 now (imminent)."""
    return [
        save_as(paths, "C001", imminent_call(NOW - timedelta(days=20), risk=None, crisis_actions=[], follow_ups=[])),
        save_as(
            paths,
            "C002",
            imminent_call(NOW - timedelta(days=9), risk=RiskInput({"ideation_passive": True}), crisis_actions=[]),
        ),
        save_as(paths, "C001", imminent_call(NOW - timedelta(hours=2))),
    ]


def type_case_code(qtbot, win, code: str):
    form = win.work.form
    win.work.tabs.setCurrentWidget(form)
    form.case_code.setFocus()
    qtbot.keyClicks(form.case_code, code)
    qtbot.keyClick(form.case_code, Qt.Key.Key_Return)
    return form.case_history


def test_the_case_timeline_lists_every_call_with_its_level_and_opens_one(qtbot, window, paths, shown):  # noqa: F811
    first, second, third = three_calls(paths)
    log_in(qtbot, window, "L001", PASSWORDS["L001"])
    timeline = type_case_code(qtbot, window, "k7q39m")
    assert timeline.isVisible() and timeline.entries.count() == 3
    items = [timeline.entries.item(i) for i in range(3)]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in items] == [third, second, first]  # newest on top
    texts = [i.text() for i in items]
    lang = window.lang
    assert level_label("imminent", lang) in texts[0] and level_label("high", lang) in texts[0]
    assert "已派出" in texts[0] and "明早回访确认安全" in texts[0]
    assert level_label("low", lang) in texts[1] and "咨询员 张" in texts[1]
    assert not_assessed() in texts[2] and level_label("none", lang) not in texts[2]

    timeline.entries.setFocus()
    timeline.entries.setCurrentRow(1)
    qtbot.keyClick(timeline.entries, Qt.Key.Key_Return)  # Enter opens that call's read view
    (dialog,) = shown["dialogs"]
    assert dialog.view.record.id == second
    assert dialog.timeline.entries.count() == 3  # the read view carries the timeline too


def test_the_read_view_opens_another_call_of_the_case_from_its_timeline(qtbot, window, paths, shown):  # noqa: F811
    first, _second, third = three_calls(paths)
    log_in(qtbot, window, "L001", PASSWORDS["L001"])

    def answer(dialog):
        if dialog.view.record.id == third:
            entries = dialog.timeline.entries
            row = next(r for r in range(entries.count()) if entries.item(r).data(Qt.ItemDataRole.UserRole) == first)
            entries.setFocus()
            entries.setCurrentRow(row)
            qtbot.keyClick(entries, Qt.Key.Key_Return)
            return dialog.result()
        return 0

    shown["answer"] = answer
    open_from_list(qtbot, window, third)
    assert [d.view.record.id for d in shown["dialogs"]] == [third, first]


def test_a_counselor_sees_only_the_calls_they_may_in_the_timeline(qtbot, window, paths, shown):  # noqa: F811
    first, second, third = three_calls(paths)
    log_in(qtbot, window, "C001", PASSWORDS["C001"])
    timeline = type_case_code(qtbot, window, "K7Q-39M")
    ids = [timeline.entries.item(i).data(Qt.ItemDataRole.UserRole) for i in range(timeline.entries.count())]
    assert ids == [third, first]  # C002's call of another shift is not theirs to see
    assert "咨询员 张" not in timeline.text()
