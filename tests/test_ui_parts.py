"""Parts of the window tested on their own: the call table model, the recovery sheet, settings, set-up."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter

from desktop.call_model import CallRow
from desktop.seat import Seat
from desktop.taxonomy import CONCERNS, load_taxonomy
from ui import settings
from ui.call_list import ROW_ROLE, CallTableModel
from ui.start import RecoveryCodeDialog, SetupDialog
from ui.widgets.concern_picker import ConcernPicker

NOW = datetime.now(UTC)


def rows(n: int) -> list[CallRow]:
    return [
        CallRow(
            i,
            NOW - timedelta(hours=i),
            NOW - timedelta(hours=i) + timedelta(minutes=31, seconds=5),
            "C001",
            "counselling",
            "K7Q-39M" if i % 2 else None,
            ("study.exam",),
            "none",
            f"摘要{i}",
        )
        for i in range(1, n + 1)
    ]


def test_call_table_model_passes_the_model_tester(qtmodeltester):
    model = CallTableModel(load_taxonomy(), "zh")
    model.set_rows(rows(25))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_call_table_model_shows_what_a_counselor_reads():
    model = CallTableModel(load_taxonomy(), "zh")
    model.set_rows(rows(3))
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[1] == "31:05" and first[2] == "心理咨询" and first[4] == "K7Q-39M" and first[6] == "考试"
    assert model.data(model.index(2, 0), ROW_ROLE).id == 3


def test_concern_search_finds_exam_by_chinese_or_english(qtbot):
    picker = ConcernPicker(load_taxonomy(), "zh")
    qtbot.addWidget(picker)
    for query in ("考", "exam"):
        picker.search.setText(query)
        assert picker.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == "study.exam"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.codes() == ["study.exam"]


def test_recovery_sheet_prints_to_a_file(qtbot, tmp_path):
    dialog = RecoveryCodeDialog("测试席位", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "code.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "code.pdf").read_bytes().startswith(b"%PDF")


def test_setup_dialog_creates_the_seat_and_keeps_mistakes_from_it(qtbot, paths):
    dialog = SetupDialog(paths)
    qtbot.addWidget(dialog)
    dialog.seat_name.setText("12356-01")
    dialog.admin_code.setText("A001")
    dialog.password.setText("admin-pass-1")
    dialog.repeat.setText("admin-pass-2")
    dialog._create()
    assert not paths.exists() and dialog.message.text()
    dialog.repeat.setText("admin-pass-1")
    dialog._create()
    assert dialog.session is not None and len(dialog.recovery_code) == 29
    dialog.session.close()
    Seat(paths).login("A001", "admin-pass-1").close()


@pytest.fixture
def own_settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    return settings.qsettings()


def test_nonsense_settings_fall_back_to_defaults(own_settings):
    own_settings.setValue(settings.IDLE_MINUTES.key, "banana")
    own_settings.setValue(settings.LANGUAGE.key, "klingon")
    assert settings.read(settings.IDLE_MINUTES, own_settings) == 5
    assert settings.read(settings.LANGUAGE, own_settings) == "zh_CN"
    own_settings.setValue(settings.IDLE_MINUTES.key, 999)
    assert settings.read(settings.IDLE_MINUTES, own_settings) == 5
    own_settings.setValue(settings.IDLE_MINUTES.key, 12)
    assert settings.read(settings.IDLE_MINUTES, own_settings) == 12


def test_the_underline_sits_on_the_identifier_even_after_emoji(qtbot):
    from ui.widgets.guarded_text import GuardedNotes

    notes = GuardedNotes()
    qtbot.addWidget(notes)
    text = "😢😢 电话13812345678"
    notes.set_text(text)
    block = notes.editor.document().firstBlock()
    ranges = [(r.start, r.length) for r in block.layout().formats()]
    start = len(text[: text.index("138")].encode("utf-16-le")) // 2
    assert ranges == [(start, 11)]


def test_first_start_can_open_a_demo_seat_beside_the_data_folder(qapp, paths, monkeypatch):
    from ui import app
    from ui.start import StartDialog

    monkeypatch.setattr(StartDialog, "exec", lambda self: StartDialog.DEMO)
    chosen_paths, demo_accounts, fresh = app.choose_seat(paths)
    assert chosen_paths.home == paths.home.with_name(paths.home.name + "-demo") and fresh is None
    assert not paths.exists()
    code, password = next(iter(demo_accounts.items()))
    Seat(chosen_paths).login(code, password).close()


def test_first_start_quits_when_the_person_chooses_to(qapp, paths, monkeypatch):
    from ui import app
    from ui.start import StartDialog

    monkeypatch.setattr(StartDialog, "exec", lambda self: 0)
    assert app.choose_seat(paths) is None and not paths.exists()


def test_the_call_list_counts_up_to_a_cap_and_says_more(qtbot, session, monkeypatch):
    from datetime import UTC, datetime, timedelta

    import ui.call_list
    from desktop.calls import CallService
    from desktop.taxonomy import load_taxonomy
    from tests.test_calls import a_call
    from ui.call_list import CallList

    service = CallService(session)
    now = datetime.now(UTC)
    for n in range(5):
        service.save(a_call(started_at=now - timedelta(hours=n + 1), ended_at=now - timedelta(hours=n)))
    monkeypatch.setattr(ui.call_list, "COUNT_CAP", 3)
    monkeypatch.setattr(ui.call_list, "PAGE_SIZE", 2)
    calls = CallList(service, load_taxonomy(), "en", can_see_all=True)
    qtbot.addWidget(calls)
    calls.reload()
    assert calls.page_label.text() == "1–2 of more than 3 calls" and calls.next.isEnabled()
    calls.next.click()
    calls.next.click()
    assert calls.page_label.text() == "5–5 of 5 call(s)" and not calls.next.isEnabled()


def test_the_menu_key_opens_the_menu_of_the_row_with_the_focus(qtbot, session):
    from datetime import UTC, datetime, timedelta

    from PySide6.QtCore import Qt

    from desktop.calls import CallService
    from desktop.taxonomy import load_taxonomy
    from tests.test_calls import a_call
    from ui.call_list import CallList

    service = CallService(session)
    now = datetime.now(UTC)
    for n in range(3):
        service.save(a_call(started_at=now - timedelta(hours=n + 1), ended_at=now - timedelta(hours=n)))
    calls = CallList(service, load_taxonomy(), "en", can_see_all=True, can_hold=True)
    qtbot.addWidget(calls)
    calls.show()
    calls.reload()
    rows = []
    calls._context_menu = lambda position: rows.append(calls.table.indexAt(position).row())  # instead of showing it
    calls.activateWindow()
    calls.table.setFocus()
    qtbot.waitUntil(calls.table.hasFocus, timeout=2000)
    calls.table.setCurrentIndex(calls.model.index(1, 0))
    qtbot.keyClick(calls.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(calls.table, Qt.Key.Key_Menu)
    assert rows == [1, 1]


def test_the_call_list_window_ends_on_the_seats_day_not_the_computers(qtbot, session, monkeypatch):
    from datetime import UTC, date, datetime

    import desktop.clock
    import ui.call_list
    from desktop.calls import CallService
    from desktop.taxonomy import load_taxonomy

    monkeypatch.setattr(desktop.clock, "utc_now", lambda: datetime(2026, 3, 10, 17, 0, tzinfo=UTC))  # 01:00 in Beijing
    calls = ui.call_list.CallList(CallService(session), load_taxonomy(), "en", can_see_all=True)
    qtbot.addWidget(calls)
    assert calls.current_filter().date_to == date(2026, 3, 11)


def test_placeholders_cannot_be_read_out_as_values(qtbot, session):
    """The grey hint in the case-code and staff-code fields is words, never something that looks like a code."""
    from desktop.call_model import normalize_case_code
    from desktop.errors import BadInput
    from desktop.seat import check_staff_code
    from ui.account_forms import AddAccountForm
    from ui.call_form import CallForm

    form = CallForm(load_taxonomy(), "zh")
    qtbot.addWidget(form)
    hint = form.case_code.placeholderText()
    assert hint and normalize_case_code(hint) is None
    dialog = AddAccountForm(session)
    qtbot.addWidget(dialog)
    staff_hint = dialog.staff_code.placeholderText()
    assert staff_hint
    with pytest.raises(BadInput):
        check_staff_code(staff_hint)


@pytest.mark.parametrize(
    ("opened", "planned"),
    [("08:01", "16:00"), ("07:50", "16:00"), ("16:20", "00:00"), ("23:55", "08:00"), ("11:00", "16:00")],
)
def test_a_new_shift_is_planned_to_end_on_the_automatic_shift_boundary(opened, planned):
    from desktop.clock import seat_time, seat_zone
    from ui.shift_dialog import planned_end

    hour, minute = map(int, opened.split(":"))
    now = datetime(2026, 12, 1, hour, minute, tzinfo=seat_zone()).astimezone(UTC)
    end = seat_time(planned_end(now))
    assert f"{end:%H:%M}" == planned and timedelta(hours=4) <= end - seat_time(now) <= timedelta(hours=12)


def test_file_dialogs_open_in_documents_then_where_that_kind_of_file_was_last_saved(
    qapp, own_settings, tmp_path, monkeypatch
):
    """Not in the program's folder (on a source install, the checkout): Documents, then the last folder per kind."""
    from PySide6.QtWidgets import QFileDialog

    from ui.file_dialogs import documents, open_file, save_file

    chosen = tmp_path / "handovers"
    chosen.mkdir()
    asked = []

    def answer(parent, title, start, filters):
        asked.append(Path(start))
        return str(chosen / Path(start).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda p, t, start, f: (asked.append(Path(start)) or "", f))
    )
    save_file(None, "handover", "t", "first.pdf", "PDF (*.pdf)")
    assert asked[-1] == documents() / "first.pdf" and documents() != Path.cwd()
    save_file(None, "handover", "t", "second.pdf", "PDF (*.pdf)")
    assert asked[-1] == chosen / "second.pdf"  # remembered for handover PDFs
    save_file(None, "stats", "t", "may.csv", "CSV (*.csv)")
    assert asked[-1] == documents() / "may.csv"  # but not for another kind
    open_file(None, "import", "t", "JSON Lines (*.jsonl)")  # cancelled: nothing remembered
    open_file(None, "import", "t", "JSON Lines (*.jsonl)")
    assert asked[-1] == documents()


def test_the_referral_row_labels_its_boxes_and_shows_the_entrys_public_phone_and_hours(qtbot):
    from PySide6.QtWidgets import QLabel

    from ui.referral_panel import ReferralPanel

    crisis_line = (7, "北京心理危机研究与干预中心", "psychiatric_emergency", "010-82951332", "24小时")
    panel = ReferralPanel(load_taxonomy(), "zh", [crisis_line], [("C001", "王")], "C001")
    qtbot.addWidget(panel)
    panel.show()
    buddies = {label.buddy() for label in panel.findChildren(QLabel) if label.buddy() is not None}
    assert {panel.urgency, panel.status} <= buddies  # each box has a label, and Alt+its letter reaches it
    assert not panel.resource_info.isVisible()
    panel.resource.setCurrentIndex(panel.resource.findData(7))
    assert panel.resource_info.isVisible()
    assert "010-82951332" in panel.resource_info.text() and "24小时" in panel.resource_info.text()
    assert panel.kind.currentData() == "psychiatric_emergency"
    panel.resource.setCurrentIndex(0)  # by kind only: nothing to read out
    assert not panel.resource_info.isVisible()


def test_ticked_concerns_stand_as_chips_and_the_tree_stays_where_the_tick_was(qtbot):
    from PySide6.QtWidgets import QToolButton

    picker = ConcernPicker(load_taxonomy(), "zh")
    qtbot.addWidget(picker)
    picker.resize(420, 260)
    picker.show()
    assert not picker.chips.isVisible()
    picker.search.setText("失眠")  # typed (keyClicks cannot send Chinese characters)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    ticked = picker.tree.currentItem()
    assert picker.codes() == ["mental.sleep"] and picker.search.text() == ""
    bar = picker.tree.verticalScrollBar()
    assert bar.maximum() > 0 and picker.tree.visualItemRect(ticked).intersects(picker.tree.viewport().rect())
    chips = picker.chips.findChildren(QToolButton)
    label = load_taxonomy().label(CONCERNS, "mental.sleep", "zh")
    assert picker.chips.isVisible() and [c.text() for c in chips] == [f"{label} ✕"]
    with qtbot.waitSignal(picker.changed):
        qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)  # the chip's ✕ unticks its concern
    assert picker.codes() == []
    qtbot.waitUntil(lambda: not picker.chips.isVisible())
