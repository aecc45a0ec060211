"""A log-in that finds the database at an older schema updates it off the GUI thread, saying so meanwhile: on a big
seat the update takes minutes, and a frozen window is closed as hung."""

import threading

import pytest

import ui.worker
from desktop.store import LATEST_VERSION, open_store
from desktop.store import store as store_module
from tests.conftest import ADMIN_PASSWORD
from ui.i18n import install_translators


@pytest.fixture
def asynchronous(monkeypatch):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _one_schema_back(session) -> None:
    """The seat as schema 11 left it: the notes index without its triggers (migration 12 makes both again)."""
    session.store.conn.executescript(
        f"""
        DROP TRIGGER call_indexed;
        DROP TRIGGER call_indexed_again;
        PRAGMA user_version = {LATEST_VERSION - 1};
        """
    )
    session.close()


def test_an_older_database_is_updated_in_the_background_while_the_window_says_so(
    qtbot, asynchronous, chinese, seat_init, paths, monkeypatch
):
    from desktop.seat import Seat
    from ui.main_window import MainWindow

    _one_schema_back(seat_init[0])
    gui, seen, release = threading.get_ident(), {}, threading.Event()
    real_migrate = store_module.migrate

    def migrate(store, migrations, backup_dir):
        if "thread" not in seen:  # the update; later connections (the retention worker's) find nothing to do
            seen["thread"] = threading.get_ident()
            release.wait(timeout=10)  # the window is looked at while the update runs
        return real_migrate(store, migrations, backup_dir)

    monkeypatch.setattr(store_module, "migrate", migrate)
    window = MainWindow(Seat(paths), "zh", idle_minutes=5, autosave_seconds=3)
    qtbot.addWidget(window)
    page = window.login_page
    page.password.setText(ADMIN_PASSWORD)
    page.submit()
    qtbot.waitUntil(lambda: "thread" in seen, timeout=5000)
    try:
        assert seen["thread"] != gui
        qtbot.waitUntil(lambda: page.message.text() != page.tr("Unlocking…"), timeout=2000)
        assert "更新数据库" in page.message.text()
        assert not page.button.isEnabled() and window.work is None
        assert not page.restore_button.isEnabled() and not page.recover_button.isEnabled()  # nothing replaces files
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.work is not None, timeout=10000)
    assert page.message.text() == ""
    assert page.restore_button.isEnabled() and page.recover_button.isEnabled()
    window.close()
    store = open_store(paths.database, Seat(paths).vault.unlock("A001", ADMIN_PASSWORD))
    try:
        assert store.schema_version == LATEST_VERSION
        assert store.one("SELECT count(*) FROM sqlite_schema WHERE name = 'call_indexed'")[0] == 1
    finally:
        store.close()
