"""The statistics view as a lead uses it: open it, pick a window, read the tables, export CSV and PDF."""

import shutil
import subprocess
from datetime import date

import pytest

from PySide6.QtCore import QDate, Qt

from desktop.accounts import AccountService
from desktop.calls import CallService
from desktop.reports import statistics, to_csv, weekday_hour
from desktop.risk import level_label
from desktop.seat import Seat
from desktop.store.audit import AuditLog
from desktop.taxonomy import AGE_BANDS, CONCERNS, load_taxonomy
from tests.seat_clock import AT_BOUNDARIES, BOUNDARY_IDS
from tests.test_stats import FROM, TO, calls
from tests.test_ui_call import log_in
from ui import stats_view
from ui.main_window import MainWindow
from ui.stats_models import CODE_ROLE, VALUE_ROLE, CountTableModel, HeatModel
from ui.stats_view import StatsView

SEAT_NAME = "测试席位"
LEAD, LEAD_PASSWORD = "L001", "lead-pass-1"


@pytest.fixture
def seat(seat_init, paths):
    session, _ = seat_init
    AccountService(session).add(LEAD, "班长 李", "lead", LEAD_PASSWORD)
    AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
    service = CallService(session)
    for form in calls():
        service.save(form)
    session.close()
    return Seat(paths)


@pytest.fixture
def lead(seat):
    session = seat.login(LEAD, LEAD_PASSWORD)
    yield session
    if session.key:
        session.close()


@pytest.fixture
def view(qtbot, lead):
    widget = StatsView(lead, "zh")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def set_window(view: StatsView, first: date, last: date) -> None:
    """As a person would: the end first when moving forward, so the start is never after it meanwhile."""
    edits = ((view.date_to, last), (view.date_from, first))
    if last < view.window_dates()[0]:
        edits = edits[::-1]
    for edit, day in edits:
        edit.setDate(QDate(day.year, day.month, day.day))


def table(model) -> dict[str, tuple[str, ...]]:
    """code → the texts a person reads in the row."""
    return {
        model.index(row, 0).data(CODE_ROLE): tuple(
            model.index(row, column).data() for column in range(model.columnCount())
        )
        for row in range(model.rowCount())
    }


# ----- opening it ---------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, seat):
    win = MainWindow(seat, "zh", idle_minutes=5, autosave_seconds=30)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def open_views(window) -> list[StatsView]:
    return [w for w in window.findChildren(StatsView) if w.isVisible()]


def test_a_lead_opens_statistics_from_the_seat_menu(qtbot, window):
    log_in(qtbot, window, LEAD, LEAD_PASSWORD)
    seat_menu = window.menuBar().actions()[0].menu()
    assert window.stats_action in seat_menu.actions()
    assert window.stats_action.isVisible() and window.stats_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    views = open_views(window)
    assert len(views) == 1 and views[0].windowTitle() == "Statistics"
    window.stats_action.trigger()
    assert open_views(window) == views  # the same view again, not a second one
    window.lock()
    qtbot.waitUntil(lambda: not open_views(window))  # it goes with the session


def test_a_counselor_has_no_statistics(qtbot, window):
    log_in(qtbot, window, "C001", "counselor-1")
    assert not window.stats_action.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.stats_action.trigger()
    assert not open_views(window)


# ----- what it shows ------------------------------------------------------------------------------


def test_the_tables_hold_the_statistics_of_the_window(view, lead):
    set_window(view, FROM, TO)
    assert view.window_dates() == (FROM, TO) and view.preset_buttons["custom"].isChecked()
    stats = statistics(lead.store, FROM, TO)
    taxonomy = load_taxonomy()
    assert view.figures["calls_total"].text() == "7" == str(stats["calls_total"])
    assert view.figures["median"].text() == "20.0"  # 1200 s
    assert view.figures["total"].text() == f"{5725.5 / 60:,.1f}"

    concerns = table(view.panels["by_concern"].model)
    assert {code: int(row[1]) for code, row in concerns.items()} == stats["by_concern"]
    assert concerns["study.exam"] == (taxonomy.label(CONCERNS, "study.exam", "zh"), "1", "14.3%")
    groups = table(view.panels["by_concern_group"].model)
    assert {code: int(row[1]) for code, row in groups.items()} == stats["by_concern_group"]
    for key in ("by_kind", "by_emotion", "by_region", "crisis_actions", "referrals_by_kind"):
        shown = table(view.panels[key].model)
        assert {code: int(row[1]) for code, row in shown.items()} == stats[key], key
    # age bands, gender and risk levels list every code in order, zeros too
    ages = table(view.panels["by_age_band"].model)
    assert list(ages) == taxonomy.codes(AGE_BANDS)
    assert {code: int(row[1]) for code, row in ages.items() if row[1] != "0"} == stats["by_age_band"]
    risks = table(view.panels["by_risk_level"].model)
    assert list(risks) == ["not_assessed", "none", "low", "moderate", "high", "imminent"]
    assert risks["imminent"][0] == level_label("imminent", "zh")
    assert risks["not_assessed"][:2] == ("未评估", "3")  # the hang-up, silent and test calls
    assert {code: int(row[1]) for code, row in risks.items() if row[1] != "0"} == stats["by_risk_level"]
    days = table(view.days_model)
    assert {day: int(row[1]) for day, row in days.items()} == stats["by_day"]
    talk = view.talk_panel.model
    assert [talk.index(row, 0).data(VALUE_ROLE) for row in range(4)] == [
        pytest.approx(stats["talk_time_s"][key] / 60) for key in ("total", "mean", "median", "p90")
    ]


def test_the_heat_map_shows_every_count_by_weekday_and_hour(view, lead):
    set_window(view, FROM, TO)
    grid = weekday_hour(lead.store, FROM, TO)
    model = view.heat_model
    assert [[model.index(day, hour).data() for hour in range(24)] for day in range(7)] == [
        [str(n) for n in row] for row in grid
    ]
    assert [model.index(7, hour).data() for hour in range(24)] == [
        str(n) for n in statistics(lead.store, FROM, TO)["by_hour"]
    ]
    assert model.index(3, 24).data() == "3" and model.index(7, 24).data() == "7"  # Thursday, all
    assert model.index(3, 22).data(Qt.ItemDataRole.BackgroundRole) is not None  # shaded and numbered
    assert model.headerData(0, Qt.Orientation.Vertical) != model.headerData(6, Qt.Orientation.Vertical)


def test_the_view_opens_on_the_last_30_days_so_the_first_of_a_month_is_not_one_dot(qtbot, monkeypatch, lead):
    monkeypatch.setattr(stats_view, "seat_today", lambda: date(2025, 6, 1))
    opened = StatsView(lead, "zh")
    qtbot.addWidget(opened)
    assert opened.preset_buttons["last30"].isChecked()
    assert opened.window_dates() == (date(2025, 5, 3), date(2025, 6, 1))


def test_presets_set_seat_days(view, qtbot, monkeypatch, lead):
    monkeypatch.setattr(stats_view, "seat_today", lambda: date(2025, 5, 3))  # a Saturday
    for preset, window in (
        ("today", (date(2025, 5, 3), date(2025, 5, 3))),
        ("week", (date(2025, 4, 28), date(2025, 5, 3))),
        ("last30", (date(2025, 4, 4), date(2025, 5, 3))),
        ("month", (date(2025, 5, 1), date(2025, 5, 3))),
    ):
        qtbot.mouseClick(view.preset_buttons[preset], Qt.MouseButton.LeftButton)
        assert view.window_dates() == window, preset
        assert view.preset_buttons[preset].isChecked()
        assert view.figures["calls_total"].text() == str(statistics(lead.store, *window)["calls_total"])
    assert view.figures["calls_total"].text() == "7"
    view.date_from.setDate(QDate(2025, 5, 2))
    assert view.preset_buttons["custom"].isChecked() and view.figures["calls_total"].text() == "4"


@pytest.mark.parametrize("moment", AT_BOUNDARIES, ids=BOUNDARY_IDS)
def test_this_shift_counts_the_calls_since_the_open_shift_began(view, qtbot, lead, seat_clock, moment):
    from datetime import timedelta

    from desktop.clock import seat_time
    from desktop.shift_window import auto_window
    from desktop.shifts import ShiftService
    from tests.test_calls import a_call

    clock = seat_clock(moment)  # "this shift" is the shift of now: pinned, at and near a shift change
    now = clock()
    service = CallService(lead)
    automatic_start = auto_window(now)[0]
    in_automatic = max(automatic_start, now - timedelta(minutes=30))
    service.save(a_call(started_at=in_automatic, ended_at=in_automatic))
    if in_automatic == now:
        clock.advance(seconds=1)  # a call at the shift's first instant, looked at a second later
    qtbot.mouseClick(view.preset_buttons["shift"], Qt.MouseButton.LeftButton)
    assert view.figures["calls_total"].text() == "1"  # no shift open: the automatic one of now
    assert view.window_dates()[0] == seat_time(automatic_start).date()

    opened = now - timedelta(hours=2)
    service.save(a_call(started_at=opened - timedelta(minutes=30), ended_at=opened - timedelta(minutes=5)))
    ShiftService(lead).open(["C001"], now + timedelta(hours=6), now=opened)
    for minutes in (10, 70):
        start = opened + timedelta(minutes=minutes)
        service.save(a_call(started_at=start, ended_at=start + timedelta(minutes=20)))
    qtbot.mouseClick(view.preset_buttons["shift"], Qt.MouseButton.LeftButton)
    expected = 2 + (in_automatic >= opened)  # the first call counts if it began after the shift opened
    assert view.figures["calls_total"].text() == str(expected)
    assert view.window_dates() == (seat_time(opened).date(), seat_time(clock()).date())
    assert view.preset_buttons["shift"].isChecked()


def test_an_empty_window_shows_zeros(view):
    set_window(view, date(2024, 1, 1), date(2024, 1, 31))
    assert not view.message.isVisible()
    assert view.figures["calls_total"].text() == "0" and view.figures["p90"].text() == "0.0"
    assert view.days_model.rowCount() == 31
    assert {row[1] for row in table(view.days_model).values()} == {"0"}
    assert {row[1] for row in table(view.panels["by_gender"].model).values()} == {"0"}
    assert view.panels["by_concern"].model.rowCount() == 0
    assert view.heat_model.index(7, 24).data() == "0"
    assert view.export_csv_button.isEnabled()


def test_a_start_after_the_end_says_so(view):
    set_window(view, FROM, TO)
    view.date_from.setDate(QDate(2025, 5, 9))
    assert view.message.isVisible() and "after the end date" in view.message.text()
    assert view.shown is None and not view.export_pdf_button.isEnabled()
    assert view.figures["calls_total"].text() == "0"  # nothing stale stays on screen
    view.date_to.setDate(QDate(2025, 5, 10))
    assert not view.message.isVisible() and view.shown is not None


def test_a_locked_seat_gives_a_message_not_a_crash(view, lead):
    lead.close()
    view.refresh()
    assert view.message.isVisible() and "log in again" in view.message.text()
    assert view.shown is None


# ----- export -------------------------------------------------------------------------------------


def exports(session) -> list:
    return [e for e in AuditLog(session.store).entries() if e.action == "stats.exported"]


def test_csv_export_writes_the_statistics_on_screen(view, lead, tmp_path, monkeypatch):
    set_window(view, FROM, TO)
    target = tmp_path / "五月"
    target.mkdir()
    asked = []
    monkeypatch.setattr(view, "ask_path", lambda fmt, name: asked.append(name) or str(target / "may"))
    view.export_csv_button.click()
    assert asked == ["hotline-stats-2025-05-01-2025-05-03.csv"]
    written = target / "may.csv"
    assert written.read_text(encoding="utf-8") == to_csv(statistics(lead.store, FROM, TO))
    assert [p.name for p in target.iterdir()] == ["may.csv"]
    assert str(written) in view.message.text()
    [entry] = exports(lead)
    assert entry.actor == LEAD and entry.object == "may.csv" and '"csv"' in entry.detail


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_export_is_the_monthly_report_of_the_window(view, lead, tmp_path, monkeypatch):
    set_window(view, FROM, TO)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(view, "ask_path", lambda fmt, name: str(target))
    view.export_pdf_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert SEAT_NAME in text and "来电总数" in text and "2025-05-01" in text and "2025-05-03" in text
    assert "\n7\n" in f"\n{text}\n".replace(" ", "\n")
    [entry] = exports(lead)
    assert entry.object == "report.pdf" and '"pdf"' in entry.detail


def test_a_failed_export_says_so_and_leaves_nothing(view, lead, tmp_path, monkeypatch):
    set_window(view, FROM, TO)
    out = tmp_path / "out"
    out.mkdir()
    (out / "gone").write_text("a file where the folder should be")
    missing = out / "gone" / "stats.csv"
    monkeypatch.setattr(view, "ask_path", lambda fmt, name: str(missing))
    view.export_csv_button.click()
    assert view.message.isVisible() and "Nothing was exported" in view.message.text()
    assert [p.name for p in out.iterdir()] == ["gone"]
    assert exports(lead) == [] and view.export_csv_button.isEnabled()
    monkeypatch.setattr(view, "ask_path", lambda fmt, name: "")  # cancelled: nothing happens
    view.export_csv_button.click()
    assert exports(lead) == []


# ----- the models ---------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qtmodeltester):
    counts = CountTableModel(("Kind", "Calls", "Share of calls"))
    counts.set_rows([("counselling", "咨询", 3), ("silent", "沉默", 1)], total=4)
    qtmodeltester.check(counts)
    assert counts.index(0, 2).data() == "75.0%"
    heat = HeatModel("Total")
    heat.set_grid([[hour % 3 for hour in range(24)] for _ in range(7)])
    qtmodeltester.check(heat)
    assert heat.index(7, 24).data() == str(7 * 24)  # 0+1+2 eight times a day


def test_a_counselor_cannot_count_or_export_statistics(seat, tmp_path):
    from desktop.errors import NotPermitted
    from desktop.reports.service import StatsService, StatsWindow

    with seat.login("C001", "counselor-1") as counselor:
        service = StatsService(counselor)
        with pytest.raises(NotPermitted):
            service.window(FROM, TO)
        with pytest.raises(NotPermitted):
            service.export_csv(StatsWindow(FROM, TO, {}, []), tmp_path / "s.csv")
    assert not (tmp_path / "s.csv").exists()


def test_counting_runs_on_the_thread_pool_and_the_result_reaches_the_view(view, qtbot, lead, monkeypatch):
    """The real background path (QThreadPool, result delivered on the GUI thread), not the synchronous pool
    the other tests use: the view says it is counting, the work runs on another thread, the tables fill."""
    import threading

    import ui.worker
    from desktop.reports.service import StatsService

    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)
    threads = []
    real_window = StatsService.window

    def window_on_a_thread(service, date_from, date_to):
        threads.append(threading.get_ident())
        return real_window(service, date_from, date_to)

    monkeypatch.setattr(StatsService, "window", window_on_a_thread)
    with qtbot.waitSignal(view.days_model.modelReset, timeout=20_000):
        set_window(view, FROM, TO)
        assert view.message.isVisible() and view.message.text() == view.tr("Counting…")  # not counted yet
    assert threads and all(thread != threading.get_ident() for thread in threads)
    qtbot.waitUntil(lambda: not view.message.isVisible(), timeout=20_000)  # the last request's result is shown
    assert view.figures["calls_total"].text() == str(statistics(lead.store, FROM, TO)["calls_total"]) == "7"
    assert view.window_dates() == (FROM, TO)
