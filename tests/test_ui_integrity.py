"""The window on a seat whose database is damaged (one real page changed) or whose write-ahead log is deleted while
it runs: it says so plainly, writes nothing more, keeps the call on screen in the encrypted rescue file beside
the database, never says "saved" for a call that was not stored, and the next log-in offers the call back."""

import hashlib
import os
import shutil
import stat
import threading

import keyring
import pytest

from PySide6.QtCore import Qt

import desktop.store.integrity
import ui.integrity_watch
import ui.worker
from desktop.backup import create_backup, restore_backup
from desktop.call_model import CallFilter
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.errors import SeatFilesChanged
from desktop.rescue_draft import RescueDraft
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, files_under, type_text
from tests.memory_keyring import MemoryKeyring
from tests.test_calls import a_call
from tests.test_integrity import damage_one_page
from tests.test_ui_call import log_in
from ui.integrity_watch import DAY_MS

COUNSELOR = ("C001", "counselor-1")


@pytest.fixture
def backed_up(seat, paths, tmp_path):
    """The seat (admin, C001) with 60 calls and a backup made while it was whole; returns the backup."""
    (tmp_path / "usb").mkdir()
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        for n in range(60):
            CallService(admin).save(a_call(summary=f"第{n}通", notes="来电者考研压力大，最近失眠。" * 20))
        return create_backup(admin, tmp_path / "usb" / "seat-2026-03-01.hlbak").path


def database_state(paths) -> dict:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files_under(paths.home)
        if p.name in ("seat.db", "seat.db-wal", "seat.vault")
    }


def type_a_call(qtbot, window, notes: str) -> None:
    form = window.work.form
    qtbot.keyClick(window, Qt.Key.Key_F2)  # start call
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    type_text(form.notes.editor, notes)


def save_by_keyboard(qtbot, window) -> None:
    qtbot.keyClick(window.work.form.notes.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def rescued(paths, session) -> RescueDraft:
    return RescueDraft(paths.home, session.seat.vault.seat_id, session.actor, session.key)


def test_a_damaged_database_is_said_plainly_saving_is_refused_and_the_call_comes_back_after_a_restore(
    qtbot, backed_up, paths, open_window, messages
):
    damage_one_page(paths.database)
    window = open_window()
    log_in(qtbot, window, *COUNSELOR)  # the integrity check runs after the log-in
    alarm = window.work.alarm
    assert alarm.isVisible() and alarm.title.text() == "This seat's database is damaged"
    text = alarm.text.text()
    assert f"The database {paths.database} failed its integrity check." in text
    assert "saving is refused" in text and "python main.py verify" in text
    assert "The last backup recorded here is “seat-2026-03-01.hlbak”" in text
    before = database_state(paths)

    type_a_call(qtbot, window, "损坏之后记下的话")
    save_by_keyboard(qtbot, window)
    kind, title, said = messages[-1]
    assert (kind, title) == ("critical", "Not saved") and "damaged" in said and "encrypted draft beside" in said
    assert window.work.form.notes.text() == "损坏之后记下的话"  # still on screen
    assert "saved" not in window.statusBar().currentMessage().lower()
    rescue = rescued(paths, window.session)
    assert rescue.read().form.notes == "损坏之后记下的话"  # opens with the seat's key only
    assert stat.S_IMODE(rescue.path.stat().st_mode) == 0o600
    assert rescue.path.read_bytes().startswith(b"HLDRAFT1")

    type_text(window.work.form.notes.editor, "，还有这句")
    window.work.drafts.write_now()
    assert window.work.drafts.writer.flush(timeout=30)
    assert database_state(paths) == before  # nothing more was written into the damaged database
    window.lock()  # the draft at lock goes to the rescue file as well
    window.close()

    restore_backup(paths, backed_up, login=(ADMIN, ADMIN_PASSWORD), replace=True)  # what the admin does
    again = open_window()
    log_in(qtbot, again, *COUNSELOR)
    qtbot.waitUntil(lambda: again.work.form.notes.text() != "")  # offered at the log-in, answered Yes
    assert again.work.form.notes.text() == "损坏之后记下的话，还有这句"
    assert "kept in the encrypted file beside the database" in messages[-1][2]
    assert not again.work.alarm.isVisible()
    save_by_keyboard(qtbot, again)
    assert again.work.service.count_calls(CallFilter(text="还有这句")) == 1
    assert again.work.drafts.writer.flush(timeout=30)
    assert not rescue.path.exists()  # the call is saved: the rescue file has gone


def test_the_daily_check_runs_off_the_gui_thread_and_stops_writing_when_it_finds_damage(
    qtbot, backed_up, paths, open_window, messages, monkeypatch
):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)  # the real background path
    threads = []
    real_find_damage = desktop.store.integrity.find_damage

    def spy(path, key):
        threads.append(threading.get_ident())
        return real_find_damage(path, key)

    monkeypatch.setattr(ui.integrity_watch, "find_damage", spy)
    window = open_window()
    log_in(qtbot, window, *COUNSELOR)
    work = window.work
    qtbot.waitUntil(lambda: work.retention.next_run is not None, timeout=20_000)  # checked, then the clean-up
    assert not work.alarm.isVisible() and work.integrity.timer.isActive() and work.integrity.timer.interval() == DAY_MS

    type_a_call(qtbot, window, "每天检查之前的话")
    damage_one_page(paths.database)  # the disk fails while the counselor works
    work.integrity.timer.timeout.emit()  # a day later
    qtbot.waitUntil(work.alarm.isVisible, timeout=20_000)
    assert len(threads) == 2 and threading.get_ident() not in threads
    assert rescued(paths, window.session).read().form.notes == "每天检查之前的话"
    save_by_keyboard(qtbot, window)
    assert messages[-1][:2] == ("critical", "Not saved")


def test_a_deleted_write_ahead_log_is_noticed_at_the_next_save_and_nothing_claims_a_save(
    qtbot, seat, paths, open_window, messages, tmp_path
):
    window = open_window()
    log_in(qtbot, window, *COUNSELOR)
    type_a_call(qtbot, window, "删除之前保存的")
    save_by_keyboard(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Call saved")

    type_a_call(qtbot, window, "删除之后的一通")
    os.unlink(paths.database.with_name("seat.db-wal"))  # someone, or some cleaner, deletes the log
    window.statusBar().clearMessage()
    save_by_keyboard(qtbot, window)

    kind, title, said = messages[-1]
    assert (kind, title) == ("critical", "Not saved")
    assert "removed or replaced while Hotline Log was running" in said and "Close Hotline Log" in said
    assert "encrypted draft beside the database" in said
    assert window.statusBar().currentMessage() == ""
    assert window.work.form.notes.text() == "删除之后的一通"
    assert window.work.alarm.isVisible()
    assert rescued(paths, window.session).read().form.notes == "删除之后的一通"

    # killed now, the log gone with the process: the call saved before the log was deleted is in seat.db
    crashed = SeatPaths(tmp_path / "crashed")
    crashed.home.mkdir()
    for name in ("seat.db", "seat.vault"):
        shutil.copy2(paths.home / name, crashed.home / name)
    crashed_keyring = MemoryKeyring()  # and the computer's keyring as it was at that moment
    crashed_keyring.secrets = dict(keyring.get_keyring().secrets)

    window.close()  # and started again
    again = open_window()
    log_in(qtbot, again, *COUNSELOR)
    qtbot.waitUntil(lambda: again.work.form.notes.text() != "")
    assert again.work.form.notes.text() == "删除之后的一通"  # offered back
    service = again.work.service
    assert service.count_calls(CallFilter()) == 1 and service.count_calls(CallFilter(text="删除之后")) == 0
    saved = [e for e in again.session.audit.entries(limit=100) if e.action == "call.saved"]
    assert len(saved) == 1  # nothing on record claims the call that was refused
    save_by_keyboard(qtbot, again)  # after the restart the seat writes again
    assert service.count_calls(CallFilter()) == 2

    # the copy is opened last, with the keyring of its moment: logging in on it moves the anchor of what is the
    # same seat, which the restarted window would rightly take for a rollback
    keyring.set_keyring(crashed_keyring)
    with Seat(crashed).login(*COUNSELOR) as check:
        assert CallService(check).count_calls(CallFilter()) == 1
        assert CallService(check).count_calls(CallFilter(text="删除之前")) == 1


def test_a_second_connection_of_the_session_refuses_too(seat, paths):
    with Seat(paths).login(*COUNSELOR) as session:
        worker = session.another()
        try:
            os.unlink(paths.database.with_name("seat.db-wal"))
            assert CallService(worker).count_calls(CallFilter()) == 0  # reading goes on
            with pytest.raises(SeatFilesChanged):
                CallService(worker).save(a_call())
            with pytest.raises(SeatFilesChanged):
                CallService(session).save(a_call())  # the first one finds it too
        finally:
            worker.store.close()
