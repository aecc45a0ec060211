"""Start-up: Qt, translations, the error dialog, one program per seat, then set-up, demo or log-in (or, for a seat
whose files cannot be read, what to do about it).

The log-in window is painted from what it needs: the vault's clear facts (the seat's name and accounts) and
the bundled files checked for presence (`main.py`). SQLCipher, the cryptography, the set-up and restore
dialogs are imported when first needed, and the bundled files are read in full on a worker right after
the window is shown (DESIGN.md §10: within 2x a bare window's start; issue 17).
"""

import logging
import sys

from PySide6.QtWidgets import QApplication

from desktop import interrupted
from desktop.config import SeatPaths, log_home
from desktop.errors import HotlineError
from desktop.instance import SeatLock
from desktop.logs import configure_logging
from ui import crash, settings, theme
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.messages import error_text
from ui.worker import run_in_background

log = logging.getLogger(__name__)

# The classes of the dialogs below are imported where one is shown: on the usual start none is, and PySide makes a
# class's Python view, enums and all, when it is first named (QMessageBox's alone, 7 M instructions).


def _wait_for(work, text: str):
    """Run slow start-up work off the GUI thread behind a busy dialog; re-raise what it raised."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict = {}
    loop = QEventLoop()
    busy = QProgressDialog(text, None, 0, 0)
    busy.setWindowTitle(QApplication.translate("app", "Hotline Log"))
    busy.setMinimumDuration(0)
    busy.show()

    def finish(key, value):
        outcome[key] = value
        loop.quit()

    run_in_background(work, lambda result: finish("result", result), lambda exc: finish("error", exc))
    if not outcome:
        loop.exec()
    busy.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _interrupted_text(note: interrupted.Settled) -> str:
    finished = QApplication.translate(
        "app", "A restore of a backup was interrupted (the program was stopped part-way). It was finished now."
    )
    rolled_back = QApplication.translate(
        "app",
        "A restore of a backup was interrupted (the program was stopped part-way) and could not be finished, so it "
        "was undone: the seat is as it was before. Restore the backup again if it is still wanted.",
    )
    return (finished if note.outcome == "finished" else rolled_back) + "\n\n" + note.text


def finish_look() -> None:
    """The program's icon and the framed check boxes (ui/theme.py): the log-in page is painted without them, and
    they come once it is (MainWindow.first_painted), or before any other window start-up shows."""
    from ui import icons  # with QtSvg and the drawing of the icon

    app = QApplication.instance()
    app.setWindowIcon(icons.app_icon())
    theme.frame_indicators(app)


def choose_seat(paths: SeatPaths) -> tuple[SeatPaths, dict | None, tuple | None] | None:
    """The seat to open: the real one, a new one just set up or restored from a backup, or the demo. None means
    quit. The caller holds the lock of `paths`: a restore works under it (desktop.instance.holding)."""
    notes = interrupted.settle(paths)  # a restore a kill interrupted is finished or rolled back first
    if notes or not paths.exists():
        finish_look()  # a window comes before the log-in page
    for note in notes:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(None, QApplication.translate("app", "Hotline Log"), _interrupted_text(note))
    if paths.exists():
        return paths, None, None
    from PySide6.QtWidgets import QDialog

    from desktop.demo import DEMO_ACCOUNTS, create_demo_seat, demo_home
    from ui.start import SetupDialog, StartDialog

    demo = SeatPaths(demo_home())
    choice = StartDialog(paths, demo.exists()).exec()
    if choice == StartDialog.RESTORED:
        return paths, None, None
    if choice == StartDialog.SETUP:
        dialog = SetupDialog(paths)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return paths, None, (dialog.session, dialog.recovery_code)
    if choice == StartDialog.DEMO:
        if not demo.exists():
            _wait_for(
                lambda: create_demo_seat(demo),
                QApplication.translate("app", "Making the demo seat with its sample calls…"),
            )
        return demo, {code: entry[2] for code, entry in DEMO_ACCOUNTS.items()}, None
    return None


def readable_seat(paths: SeatPaths, restorable: bool):
    """The seat in `paths` once its files read (ui/start.py says what to do when they do not)."""
    from desktop.seat import Seat

    seat = Seat(paths)
    try:
        seat.check_files()
    except HotlineError:
        from ui.start import readable_seat as after_asking

        finish_look()  # the damaged seat's window comes first
        return after_asking(paths, restorable)
    return seat


def check_bundle_in_full(app: QApplication) -> None:
    """Read every bundled file now the window is up (main.py checked only that they are there): a damaged
    one stops the program with one message naming it, as a missing one does before the window."""
    from desktop.bundle import check_bundle

    def damaged(exc: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not isinstance(exc, HotlineError):
            raise exc
        log.error("a bundled file is damaged (%s)", type(exc).__name__)
        QMessageBox.critical(None, QApplication.translate("app", "Hotline Log"), error_text(exc))
        app.exit(1)

    run_in_background(check_bundle, lambda _none: None, damaged)


def run(argv: list[str] | None = None) -> int:
    configure_logging(log_home())
    # Plain Fusion from the start, as Qt's own `-style` option: QApplication.setStyle() would make Python's view of
    # QStyle before the first paint. Its check boxes are framed once the window is painted (finish_look).
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
    app.setApplicationName("Hotline Log")
    app.setOrganizationName("HotlineLog")
    reset = settings.repair()  # nonsense values get their defaults back, and the window says so this once
    lang = settings.read(settings.LANGUAGE)
    install_translators(app, lang)
    theme.apply(app, framed=False)  # light, dark or the system's, and the font size, from the settings
    crash.install()  # unhandled errors: draft kept, logged without call content, shown with details
    locks = []
    try:
        real = SeatPaths.default()
        locks.append(SeatLock(real.lock).acquire())
        chosen = choose_seat(real)
        if chosen is None:
            return 0
        paths, demo_accounts, fresh = chosen
        if paths != real:
            locks.append(SeatLock(paths.lock).acquire())
    except HotlineError as exc:
        from PySide6.QtWidgets import QMessageBox

        finish_look()
        QMessageBox.critical(None, QApplication.translate("app", "Hotline Log"), error_text(exc))
        for lock in locks:
            lock.release()
        return 1
    try:
        seat = readable_seat(paths, restorable=paths == real)  # a damaged vault says so here, not in a crash
        if seat is None:
            return 1
        window = MainWindow(
            seat,
            "en" if lang == "en" else "zh",
            settings.read(settings.IDLE_MINUTES),
            settings.read(settings.AUTOSAVE_SECONDS),
            demo_accounts,
        )
        # Both connected before the recovery code's dialog paints the window: the window says it was painted once.
        window.first_painted.connect(finish_look)
        window.first_painted.connect(lambda: check_bundle_in_full(app))
        window.show()
        if reset:
            window.statusBar().showMessage(settings.reset_message(reset))  # until the next message
        if fresh is not None:
            from ui.start import RecoveryCodeDialog

            session, code = fresh
            RecoveryCodeDialog(window.seat.vault.seat_name, code, window).exec()
            window.login_page.logged_in.emit(session)
        return app.exec()
    finally:
        for lock in locks:
            lock.release()
