"""The background helper really runs off the GUI thread and answers on it."""

import threading

import pytest

import ui.worker


@pytest.fixture
def asynchronous(monkeypatch):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)


def test_work_runs_off_the_gui_thread_and_the_result_arrives_on_it(qtbot, asynchronous):
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["work_thread"] = threading.get_ident()
        return 42

    def done(value):
        seen["value"], seen["done_thread"] = value, threading.get_ident()

    ui.worker.run_in_background(work, done, lambda exc: seen.setdefault("error", exc))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["work_thread"] != gui and seen["done_thread"] == gui


def test_an_exception_in_the_work_reaches_the_error_callback(qtbot, asynchronous):
    seen = {}
    ui.worker.run_in_background(lambda: 1 / 0, lambda v: seen.setdefault("value", v), lambda e: seen.setdefault("e", e))
    qtbot.waitUntil(lambda: "e" in seen)
    assert isinstance(seen["e"], ZeroDivisionError) and "value" not in seen


def test_logging_in_does_not_block_and_lands_on_the_work_page(qtbot, asynchronous, seat_init, paths):
    from desktop.seat import Seat
    from ui.main_window import MainWindow

    seat_init[0].close()
    window = MainWindow(Seat(paths), "zh", idle_minutes=5, autosave_seconds=3)
    qtbot.addWidget(window)
    window.login_page.password.setText("admin-pass-1")
    window.login_page.submit()
    assert not window.login_page.button.isEnabled()  # busy while Argon2id runs
    qtbot.waitUntil(lambda: window.work is not None, timeout=5000)
    window.close()


def test_a_worker_gets_the_same_person_on_a_connection_of_its_own(session):
    from desktop.errors import DatabaseError

    found = {}

    def work():
        with session.another() as other:
            found["actor"] = other.actor
            found["accounts"] = other.store.one("SELECT count(*) FROM account")[0]

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert found == {"actor": session.actor, "accounts": 1}
    assert session.store.one("SELECT count(*) FROM account")[0] == 1  # the first connection is still open
    session.close()
    with pytest.raises(DatabaseError, match="locked"):
        session.another()


def test_emitting_a_signal_from_python_keeps_references_to_true(qtbot):
    """PySide6 6.12.0 dropped a reference to True on every emit from Python, and a long session then
    aborted ("deallocating True"); pyproject.toml excludes it. This catches such a build."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Sender(QObject):
        ping = Signal(int)

    sender, received = Sender(), []
    sender.ping.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(200):
        sender.ping.emit(n)
    assert received == list(range(200)) and sys.getrefcount(True) - before > -50
