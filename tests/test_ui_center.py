"""The centre in the window (DESIGN.md §11, issue 15 points 6 and 7), against the tests' real PostgreSQL: enrolling
from Settings → 中心 and each refusal named, the status bar's centre label through saves, sync ticks and a stopped
centre, 本席位 / 全中心 in the statistics view, and a seat that is not enrolled showing nothing of the centre."""

import threading
from datetime import timedelta

import pytest

from PySide6.QtCore import QDate

from desktop.center import enrol, link, sync
from desktop.center.connect import check_dsn
from desktop.errors import BadInput
from desktop.reports.service import StatsService
from desktop.seat import Seat
from tests.center_helpers import START, make_seat, save_calls
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.test_ui_call import log_in
from ui import center_status, worker
from ui.center_settings import CenterPage
from ui.center_stats import CenterScope
from ui.center_status import CenterStatus
from ui.settings_dialog import SettingsDialog
from ui.stats_view import StatsView

DAY = START.date()


@pytest.fixture(autouse=True)
def no_stray_timers(monkeypatch):
    """The tests drive every attempt themselves: the 30 s and after-save timers never fire on their own here."""
    monkeypatch.setattr(center_status, "INTERVAL_MS", 3_600_000)
    monkeypatch.setattr(center_status, "AFTER_SAVE_MS", 3_600_000)
    monkeypatch.setattr(center_status, "BACKOFF_MAX_MS", 4 * 3_600_000)


@pytest.fixture
def centre(pg, tmp_path):
    """Seat A set up the centre at `pg.db`; yields (A's admin session, the superuser DSN)."""
    first = make_seat(tmp_path / "a", "席位A")
    superuser = pg.superuser_dsn(pg.db)
    enrol.init_center(first, superuser)
    yield first, superuser
    first.close()


@pytest.fixture
def seat_b(tmp_path):
    session = make_seat(tmp_path / "b", "席位B")
    yield session
    if session.key:
        session.close()


def fill(page: CenterPage, pg, code: str, ca=None, port=None) -> None:
    page.host.setText("127.0.0.1")
    page.port.setValue(port or pg.port)
    page.dbname.setText(pg.db)
    page.sslmode.setCurrentIndex(page.sslmode.findData("verify-full"))
    page.ca_file.setText(str(ca or pg.ca_file))
    page.code.setText(code)


def closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_an_admin_enrols_from_the_settings_page_and_each_refusal_is_named(qtbot, pg, centre, seat_b, tmp_path):
    first, superuser = centre
    save_calls(seat_b, 2)
    code = enrol.add_seat(first, superuser, "席位B")
    dialog = SettingsDialog(None, seat_b)
    qtbot.addWidget(dialog)
    page = dialog.center_page
    assert not page.is_enrolled and page.code.echoMode() == page.code.EchoMode.Password

    fill(page, pg, code, ca=pg.other_ca_file)
    page.enrol()
    assert "choose the centre's own CA certificate" in page.message.text() and "Nothing changed" in page.message.text()
    fill(page, pg, code, port=closed_port())
    page.enrol()
    assert "check the network" in page.message.text()
    fill(page, pg, "ABCDE-FGHIJ-KLMNO")
    page.enrol()
    assert page.message.text().endswith("type it again. Nothing changed.")
    with pytest.raises(BadInput) as plain:  # the page offers only TLS modes; the core's refusal is still named
        check_dsn(f"host=127.0.0.1 port={pg.port} dbname={pg.db}")
    assert "over TLS" in page.failure_text(plain.value)
    assert link.load(seat_b.store) is None  # every refusal left the seat as it was

    fill(page, pg, code)
    page.enrol()
    assert page.is_enrolled and dialog.enrolled, page.message.text()
    waiting = link.backlog(seat_b.store).pending
    assert waiting >= 2 and f"; {waiting} record(s) wait" in page.message.text()  # both calls and their shift
    assert not page.code.isVisibleTo(page) and page.host.isReadOnly() and not page.enrol_button.isVisibleTo(page)
    assert "center remove-seat 席位B" in page.removal.text()
    assert link.active(seat_b.store).dsn.count("sslmode=verify-full") == 1
    assert "password" not in link.active(seat_b.store).dsn

    third = make_seat(tmp_path / "c", "席位C")
    try:
        other = CenterPage(third)
        qtbot.addWidget(other)
        fill(other, pg, code)  # B's code again: used
        other.enrol()
        assert "Ask the centre's admin for a new code. Nothing changed." in other.message.text()
        expired = enrol.add_seat(first, superuser, "席位C", valid_for=timedelta(seconds=-1))
        fill(other, pg, expired)
        other.enrol()
        assert other.message.text().endswith("has expired; ask the centre's admin for a new one. Nothing changed.")
        assert not other.is_enrolled
    finally:
        third.close()


def test_the_status_label_goes_from_waiting_to_in_sync_and_says_when_the_centre_is_down(qtbot, pg, centre, seat_b):
    first, superuser = centre
    enrol.enroll(seat_b, enrol.add_seat(first, superuser, "席位B"), pg.dsn(pg.db))
    status = CenterStatus(seat_b)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.updated):
        status.start()
    assert status.text() == "In sync with the centre" and status.isVisibleTo(status.parentWidget() or status)

    save_calls(seat_b, 1, START + timedelta(days=1))
    with qtbot.waitSignal(status.updated):
        status.saved()
    waiting = link.backlog(seat_b.store).pending  # the call, and the automatic shift of its day
    assert waiting >= 1 and status.text().startswith(f"{waiting} waiting to sync, since ")
    assert status.after_save.isActive()  # a sync soon after the save
    with qtbot.waitSignal(status.updated):
        status.tick()
    assert status.text() == "In sync with the centre"
    assert pg.admin("SELECT count(*) FROM center.call", pg.db)[0][0] == 1

    pg.stop()
    save_calls(seat_b, 1, START + timedelta(days=2))
    with qtbot.waitSignal(status.updated):
        status.tick()
    waiting = link.backlog(seat_b.store).pending
    assert status.text().startswith(f"Not connected to the centre · {waiting} waiting to sync")
    assert status.property("problem") is True
    first_pause = status.timer.interval()
    with qtbot.waitSignal(status.updated):
        status.tick()
    assert status.timer.interval() == 2 * first_pause  # back-off while the centre is down
    status.after_save.stop()
    with qtbot.waitSignal(status.updated):
        status.saved()  # counted, but no attempt against a centre that is down
    assert not status.after_save.isActive() and "Not connected" in status.text()

    pg.start()
    with qtbot.waitSignal(status.updated):
        status.tick()
    assert status.text() == "In sync with the centre" and status.timer.interval() == center_status.INTERVAL_MS
    status.stop()
    assert not status.timer.isActive()


def test_the_label_says_when_the_centre_removed_the_seat(qtbot, pg, centre, seat_b):
    first, superuser = centre
    enrol.enroll(seat_b, enrol.add_seat(first, superuser, "席位B"), pg.dsn(pg.db))
    enrol.remove_seat(first, superuser, "席位B")
    status = CenterStatus(seat_b)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.updated):
        status.start()
    assert status.text() == "No longer enrolled at the centre: this seat works alone"
    assert not status.timer.isActive()


def test_a_sync_attempt_runs_off_the_gui_thread_on_its_own_connection(qtbot, pg, centre, seat_b, monkeypatch):
    first, superuser = centre
    enrol.enroll(seat_b, enrol.add_seat(first, superuser, "席位B"), pg.dsn(pg.db))
    monkeypatch.setattr(worker, "SYNCHRONOUS", False)
    threads, stores = [], []
    real_sync = sync.sync

    def watched(store, *args):
        threads.append(threading.current_thread())
        stores.append(store)
        return real_sync(store, *args)

    monkeypatch.setattr(sync, "sync", watched)
    status = CenterStatus(seat_b)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.updated, timeout=30_000):
        status.start()
    assert threads and threads[0] is not threading.main_thread()
    assert stores[0] is not seat_b.store
    assert status.text() == "In sync with the centre"


def test_the_statistics_view_counts_the_whole_centre_and_keeps_this_seat_when_it_is_down(qtbot, pg, centre, seat_b):
    first, superuser = centre
    save_calls(first, 3)
    save_calls(seat_b, 2, START + timedelta(hours=5))
    enrol.enroll(seat_b, enrol.add_seat(first, superuser, "席位B"), pg.dsn(pg.db))
    for session in (first, seat_b):
        assert sync.sync(session.store).pending == 0
    view = StatsView(seat_b, "zh")
    qtbot.addWidget(view)
    assert view.scope.isVisibleTo(view)
    window = (DAY, DAY + timedelta(days=1))
    for edit, day in ((view.date_to, window[1]), (view.date_from, window[0])):
        edit.setDate(QDate(day.year, day.month, day.day))
    assert view.shown.stats["calls_total"] == 2

    view.scope.whole_centre.click()
    own = [StatsService(s).window(*window).stats["calls_total"] for s in (first, seat_b)]
    assert view.shown.stats["calls_total"] == sum(own) == 5
    assert view.figures["calls_total"].text() == "5"
    seats = {view.seat_panel.model.index(r, 0).data(): view.seat_panel.model.index(r, 1).data() for r in range(2)}
    assert seats == {"席位A": "3", "席位B": "2"}
    assert view.tabs.isTabVisible(view.tabs.indexOf(view.seat_panel))
    assert sum(map(sum, view.shown.weekday_hour)) == 5
    assert not view.export_csv_button.isEnabled()

    pg.stop()
    view.refresh()
    assert view.shown is None and "centre cannot be reached" in view.message.text()
    view.scope.this_seat.click()
    assert view.shown.stats["calls_total"] == 2 and not view.tabs.isTabVisible(view.tabs.indexOf(view.seat_panel))


def test_a_seat_that_is_not_enrolled_shows_nothing_of_the_centre(qtbot, seat_init, open_window):
    session, _ = seat_init
    scope = CenterScope(session)
    assert not scope.available and not scope.centre
    session.close()
    window = open_window()
    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)
    label = window.center_status
    assert label is not None and label.state.kind == "none"
    assert not label.isVisible() and label.text() == "" and not label.timer.isActive()
    view = StatsView(window.session, "zh")
    qtbot.addWidget(view)
    assert not view.scope.isVisibleTo(view) and not view.tabs.isTabVisible(view.tabs.indexOf(view.seat_panel))
    window.lock()
    assert window.center_status is None


def test_an_enrolled_seat_shows_its_centre_in_the_window_and_stops_syncing_when_it_locks(
    qtbot, pg, tmp_path, open_window, paths, monkeypatch
):
    seat = Seat(paths)
    first = make_seat(tmp_path / "a", "席位A")
    try:
        superuser = pg.superuser_dsn(pg.db)
        enrol.init_center(first, superuser)
        code = enrol.add_seat(first, superuser, "测试席位")
    finally:
        first.close()
    session, _ = Seat.init(paths, "测试席位", ADMIN, "管理员", ADMIN_PASSWORD)
    enrol.enroll(session, code, pg.dsn(pg.db))
    session.close()
    window = open_window()
    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)
    label = window.center_status
    qtbot.waitUntil(lambda: label.text() == "In sync with the centre")
    assert label.isVisible() and label.timer.isActive()
    window.lock()
    assert window.center_status is None and not label.timer.isActive()
    assert seat.vault.seat_name == "测试席位"


def test_counselors_and_leads_get_no_centre_page(qtbot, seat_init):
    from desktop.accounts import AccountService

    session, _ = seat_init
    AccountService(session).add("L001", "班长", "lead", "lead-pass-1")
    lead = Seat(session.seat.paths).login("L001", "lead-pass-1")
    try:
        dialog = SettingsDialog(None, lead)
        qtbot.addWidget(dialog)
        titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
        assert "Centre" not in titles and not hasattr(dialog, "center_page")
    finally:
        lead.close()


def test_the_centre_speaks_chinese_in_the_status_bar_and_the_settings_page(qtbot, qapp, seat_init):
    from desktop.center.connect import CenterRefused
    from desktop.clock import utc_now_iso
    from ui.center_status import CenterState
    from ui.i18n import install_translators

    session, _ = seat_init
    install_translators(qapp, "zh")
    try:
        status = CenterStatus(session)
        page = CenterPage(session)
        qtbot.addWidget(status)
        qtbot.addWidget(page)
        assert status.text_for(CenterState("ok")) == "同步正常"
        assert status.text_for(CenterState("offline", 3, utc_now_iso())).startswith("未连接中心 · 3 条待同步，自 ")
        expired = CenterRefused("code_expired", "This enrolment code has expired; ask for a new one.")
        assert page.failure_text(expired) == "这个登记码已过期；请向中心管理员索取新的登记码。没有做任何更改。"
    finally:
        install_translators(qapp, "en")
