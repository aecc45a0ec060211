"""The windows under a disk that refuses (issue 12, point 2): the log-in page and the start-up dialog say what to do
about the disk and never offer to restore a backup over a seat that is whole."""

import errno
from pathlib import Path

import pytest

from desktop.backup import create_backup
from desktop.calls import CallService
from desktop.config import ENV_HOME, SeatPaths
from desktop.errors import DiskFull, DiskIOError, FileLocked, NoPermission, ReadOnlyStorage, StorageError
from desktop.fsutil import storage_error
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.disks import mounted_small_disk
from tests.test_calls import a_call
from tests.test_ui_seat_care import click, log_in, open_restore
from ui import start
from ui.main_window import MainWindow
from ui.messages import error_text
from ui.start import DamagedSeatDialog


@pytest.fixture
def small_disk():
    with mounted_small_disk() as disk:
        yield disk


@pytest.fixture
def disk_window(small_disk, qtbot, tmp_path, monkeypatch):
    """The main window on a seat (two calls) that lives on the small disk. Returns (window, disk)."""
    from PySide6.QtCore import QSettings

    paths = SeatPaths(small_disk.root / "seat")
    monkeypatch.setenv(ENV_HOME, str(paths.home))
    session, _code = Seat.init(paths, "小盘席位", ADMIN, "管理员", ADMIN_PASSWORD)
    with session:
        for n in range(2):
            CallService(session).save(a_call(summary=f"第{n}通"))
        (tmp_path / "usb").mkdir()
        create_backup(session, tmp_path / "usb" / "seat.hlbak")  # on another disk, as on a USB drive
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    window = MainWindow(Seat(paths), "zh", idle_minutes=5, autosave_seconds=1)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, small_disk
    window.close()


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_the_log_in_page_tells_the_disk_fault_and_offers_no_restore(qtbot, disk_window, fault):
    window, disk = disk_window
    page = window.login_page
    assert page.restore_button.isVisibleTo(page)  # offered while nothing is wrong
    disk.fill() if fault == "full" else disk.read_only()

    log_in(qtbot, window)
    text = page.message.text()
    assert window.work is None
    if fault == "full":
        assert f"The disk is full. Free space on {disk.root}" in text, text
    else:
        assert f"The disk {disk.root} is read-only" in text, text
    assert "do not restore a backup" in text and "another seat" not in text and "damaged" not in text.split("\n")[1]
    assert not page.restore_button.isVisibleTo(page), "a restore was offered for a disk fault"
    assert page.recover_button.isVisibleTo(page)
    label = page.message  # the whole message is shown, not cut off at the top and bottom
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))

    disk.free() if fault == "full" else disk.writable()
    log_in(qtbot, window)  # the disk is right again: the same seat opens, whole
    assert window.work is not None
    assert window.session.store.one("SELECT count(*) FROM call")[0] == 2


def test_a_damaged_database_still_offers_the_restore_after_a_disk_fault(qtbot, disk_window):
    """Hiding Restore is for the disk's refusals only: the next failure that is real damage offers it again."""
    window, disk = disk_window
    page = window.login_page
    disk.fill()
    log_in(qtbot, window)
    assert not page.restore_button.isVisibleTo(page)
    disk.free()
    database = Path(window.seat.paths.database)
    database.write_bytes(database.read_bytes()[:5000])  # cut short: damage
    log_in(qtbot, window)
    assert "database cannot be used" in page.message.text() and page.restore_button.isVisibleTo(page)


def _vault_refused(paths: SeatPaths, monkeypatch) -> None:
    """Root reads every file: the permission `nobody` would meet reading the vault, injected."""
    real = type(paths.vault).read_bytes

    def refuse(path):
        if path == paths.vault:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(type(paths.vault), "read_bytes", refuse)


def test_start_up_with_a_vault_the_disk_will_not_read_offers_no_restore(qtbot, session, paths, monkeypatch):
    session.close()
    _vault_refused(paths, monkeypatch)
    shown = []

    def run(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        return 0  # the person quits

    monkeypatch.setattr(DamagedSeatDialog, "exec", run)
    assert start.readable_seat(paths) is None
    dialog = shown[0]
    assert not dialog.restore_button.isVisible() and dialog.quit_button.isVisible()
    assert "This computer account may not use the folder" in dialog.message.text()
    assert str(paths.vault) in dialog.message.text()
    assert "would not help" in dialog.advice.text() and str(paths.replaced) not in dialog.advice.text()


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (DiskFull("full", Path("/seat"), Path("/mnt/disk")), "The disk is full. Free space on /mnt/disk"),
        (NoPermission("denied", Path("/seat"), Path("/")), "may not use the folder /seat"),
        (
            ReadOnlyStorage("ro", Path("/media/usb/x"), Path("/media/usb")),
            "The disk /media/usb is read-only, so the folder /media/usb/x",
        ),
        (FileLocked("locked", Path("/seat"), Path("/")), "Another program holds the file locked"),
        (DiskIOError("eio", Path("/seat"), Path("/mnt/d")), "The disk /mnt/d reported a read or write error"),
        (StorageError("refused", Path("/seat"), Path("/")), "The disk refused to read or write a file"),
    ],
    ids=["full", "permission", "read-only", "locked", "io-error", "other"],
)
def test_every_storage_message_says_what_to_do_and_not_to_restore(error, says):
    text = error_text(error)
    assert says in text and "do not restore a backup" in text.lower() and text.endswith(str(error))


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), DiskFull),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyStorage),
        (PermissionError(errno.EACCES, "Permission denied"), NoPermission),
        (OSError(errno.EBUSY, "Device or resource busy"), FileLocked),
        (OSError(errno.EIO, "Input/output error"), DiskIOError),
    ],
    ids=["ENOSPC", "EROFS", "EACCES", "EBUSY", "EIO"],
)
def test_each_refusal_of_the_os_is_its_own_kind(fault, kind, tmp_path):
    """The OS's answer decides the kind (injected: one fault each, on a disk that is otherwise fine)."""
    refused = storage_error(fault, tmp_path / "seat.hlbak")
    assert type(refused) is kind and str(tmp_path) in str(refused)


def test_a_restore_onto_a_full_disk_says_free_space_and_that_nothing_was_restored(
    qtbot, disk_window, messages, monkeypatch, tmp_path
):
    window, disk = disk_window
    paths = window.seat.paths
    before = (paths.vault.read_bytes(), paths.database.read_bytes())
    disk.fill()
    dialog = open_restore(qtbot, window, monkeypatch, tmp_path / "usb" / "seat.hlbak")
    qtbot.keyClicks(dialog.code, ADMIN)
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    click(qtbot, dialog.ok)

    text = dialog.message.text()
    assert f"The disk is full. Free space on {disk.root}" in text and "Nothing was restored" in text, text
    assert "damaged" not in text.lower() and "do not restore" not in text.lower()
    assert (paths.vault.read_bytes(), paths.database.read_bytes()) == before
