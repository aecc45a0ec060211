"""The center admin's guide: a new seat set up, its recovery code, accounts, the referral directory, the
settings, a backup, and on the log-in page restoring a backup and the forgotten admin password.

The seat set up here is a second, real seat beside the demo seat (no demo banner, so the log-in page shows
its Restore and Forgot buttons). File dialogs are answered by the script: it chooses the backup's file.
"""

from pathlib import Path
from unittest import mock

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QTabWidget, QWidget

from desktop.config import SeatPaths
from desktop.errors import VaultError
from shots.harness import Shooter
from ui.start import DamagedSeatDialog, RecoveryCodeDialog, SetupDialog, StartDialog

SETTINGS_PAGES = ("settings", "settings-seat")  # the pictures of the dialog's pages, in their order
SEAT, ADMIN, ADMIN_NAME = "12356-01", "A001", "王敏"
PASSWORD = "correct horse 12356"  # noqa: S105 - the new seat's admin in the pictures
DATA_FOLDER = "/home/seat/.local/share/HotlineLog"  # as the first-start window of a Linux seat names it


def shoot(shot: Shooter) -> None:
    seat = set_up(shot)
    backup = back_up(seat)
    care(seat, backup)
    demo_admin(shot)


def set_up(shot: Shooter) -> Shooter:
    """First start: the choice, the form, then the recovery code over the new seat's window."""
    start = StartDialog(SeatPaths(Path(DATA_FOLDER)), demo_exists=False)  # only shown, never opened
    start.show()
    shot.shoot(start, "first-start")
    start.close()
    missing = VaultError(f"The key file {DATA_FOLDER}/seat.vault is missing (the database is there); restore the seat.")
    damaged = DamagedSeatDialog(SeatPaths(Path(DATA_FOLDER)), missing)  # only shown: what a lost key file looks like
    damaged.show()
    shot.shoot(damaged, "seat-damaged")
    damaged.close()

    paths = SeatPaths(shot.paths.home.parent / f"{shot.lang}-{SEAT}")
    form = SetupDialog(paths)
    for field, text in (
        (form.seat_name, SEAT),
        (form.admin_code, ADMIN),
        (form.admin_name, ADMIN_NAME),
        (form.password, PASSWORD),
        (form.repeat, PASSWORD),
    ):
        field.setText(text)
    form.show()
    shot.shoot(form, "setup")
    form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()  # makes the seat
    if form.session is None:
        raise RuntimeError(f"setup: the seat was not made: {form.message.text()}")
    form.session.close()

    seat = Shooter(shot.app, paths, {ADMIN: PASSWORD}, "en" if shot.lang == "en" else "zh_CN", demo=False)
    window = seat.open()
    code = RecoveryCodeDialog(SEAT, form.recovery_code, window)
    seat.modal(window, code.exec, "recovery-code", accept=True)  # as after "I have kept it" and Yes
    seat.shoot(window, "login-seat")  # the log-in page of a real seat: Restore and Forgot below
    seat.close(window)
    return seat


def back_up(seat: Shooter) -> str:
    """Seat → Back up…, the file chosen in the save dialog; returns the file."""
    window = seat.open(ADMIN)
    target = seat.paths.home.parent / f"{seat.lang}-backups"
    target.mkdir(exist_ok=True)

    def choose(_parent, _title, suggested, _filter):
        return str(target / Path(suggested).name), ""

    with mock.patch.object(QFileDialog, "getSaveFileName", choose):
        seat.modal(window, lambda: in_event_loop(window.backup_action.trigger), "backup-written")
    seat.close(window)
    return str(next(target.iterdir()))


def in_event_loop(trigger) -> None:
    """Run `trigger` from an event loop, as a click would: the backup's job calls deleteLater() before its
    message, and Qt deletes it only once the loop it was called from runs again (with no loop running, the
    message's own loop would delete it too early)."""
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: (trigger(), loop.quit()))
    loop.exec()


def care(seat: Shooter, backup: str) -> None:
    """On the log-in page: Restore a backup… (asked first, then the form), Forgot the admin password…"""
    window = seat.open()
    steps = []

    def restore_steps(dialog: QWidget) -> None:
        if isinstance(dialog, QMessageBox):  # replace the seat on this computer?
            seat.shoot_over(window, dialog, "restore-confirm")
            steps.append("confirm")
            dialog.button(QMessageBox.StandardButton.Yes).click()
        else:
            seat.shoot_over(window, dialog, "restore")
            steps.append("form")
            dialog.reject()

    with mock.patch.object(QFileDialog, "getOpenFileName", lambda *_: (backup, "")):
        seat._during(window.login_page.restore_button.click, restore_steps)
    if steps != ["confirm", "form"]:
        raise RuntimeError(f"restore: expected a question, then the form; saw {steps}")

    def fill(dialog: QWidget) -> None:
        dialog.code.setText(ADMIN)
        dialog.recovery.setFocus()

    seat.modal(window, window.login_page.recover_button.click, "recover", before=fill)
    seat.close(window)


def demo_admin(shot: Shooter) -> None:
    """The demo seat's admin: the Seat menu, accounts, the own password, the directory, the settings."""
    window = shot.open("D-ADMIN")
    bar = window.menuBar()
    menu = bar.actions()[0].menu()
    at = bar.mapTo(window, bar.actionGeometry(bar.actions()[0]).bottomLeft())
    menu.popup(bar.mapToGlobal(bar.actionGeometry(bar.actions()[0]).bottomLeft()))
    shot.shoot_over(window, menu, "admin-menu", at=at)
    menu.close()

    def add_account(accounts: QWidget) -> None:
        def fill(form: QWidget) -> None:
            for field, text in ((form.staff_code, "C012"), (form.name, "刘洋"), (form.password, PASSWORD)):
                field.setText(text)
            form.repeat.setText(PASSWORD)

        shot.modal(window, accounts.add_button.click, "account-add", before=fill, accept=True)
        refuse_last_admin(accounts)

    def refuse_last_admin(accounts: QWidget) -> None:
        """Disabling the seat's only admin: the question answered Yes, then the refusal in the window's words."""
        accounts.reload(select="D-ADMIN")

        def answer(dialog: QWidget) -> None:
            if isinstance(dialog, QMessageBox) and dialog.icon() == QMessageBox.Icon.Question:
                dialog.button(QMessageBox.StandardButton.Yes).click()
            else:
                shot.shoot_over(window, dialog, "error-last-admin")
                dialog.reject()

        if len(shot._during(accounts.disable, answer)) != 2:
            raise RuntimeError("error-last-admin: the refusal did not show")

    shot.modal(window, window.accounts_action.trigger, "accounts", before=add_account)

    def type_current(form: QWidget) -> None:
        form.current.setText(shot.accounts["D-ADMIN"])

    shot.modal(window, window.password_action.trigger, "change-password", before=type_current)
    shot.modal(window, window.directory_action.trigger, "directory")

    def later_pages(dialog: QWidget) -> None:
        """The first page is taken by `modal`; the others here."""
        pages = dialog.findChild(QTabWidget)
        for index in range(1, pages.count() if pages else 0):
            pages.setCurrentIndex(index)
            name = SETTINGS_PAGES[index] if index < len(SETTINGS_PAGES) else f"settings-{index + 1}"
            shot.shoot_over(window, dialog, name)
        if pages:
            pages.setCurrentIndex(0)

    shot.modal(window, window.settings_action.trigger, "settings", before=later_pages)
    shot.close(window)
