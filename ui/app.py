"""Start-up: Qt, translations, the error dialog, one program per seat, then set-up, demo or log-in."""

import logging
import sys
import traceback

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from desktop.config import SeatPaths, log_home
from desktop.errors import HotlineError
from desktop.instance import SeatLock
from desktop.logs import configure_logging
from desktop.seat import Seat
from ui import settings
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.messages import error_text
from ui.start import RecoveryCodeDialog, SetupDialog, StartDialog
from ui.style import STYLE_SHEET
from ui.worker import run_in_background

log = logging.getLogger(__name__)


def _excepthook(kind, value, tb) -> None:
    """Log the failure and show it with copyable details: the traceback's code lines, never call content."""
    # The message of an exception might quote data; the log and the dialog get the code lines and the type.
    details = "".join(traceback.format_exception(kind, None, tb)) + f"{kind.__name__}"
    log.error("unhandled error:\n%s", details)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Hotline Log",
        QApplication.translate("app", "Something went wrong. Your draft is kept. Details are in the log."),
    )
    box.setDetailedText(details)
    box.exec()


def _wait_for(work, text: str):
    """Run slow start-up work off the GUI thread behind a busy dialog; re-raise what it raised."""
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


def choose_seat(paths: SeatPaths) -> tuple[SeatPaths, dict | None, tuple | None] | None:
    """The seat to open: the real one, a new one just set up, or the demo. None means quit."""
    if paths.exists():
        return paths, None, None
    from desktop.demo import DEMO_ACCOUNTS, create_demo_seat, demo_home

    demo = SeatPaths(demo_home())
    choice = StartDialog(str(paths.home), demo.exists()).exec()
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


def run(argv: list[str] | None = None) -> int:
    configure_logging(log_home())
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Hotline Log")
    app.setOrganizationName("HotlineLog")
    lang = settings.read(settings.LANGUAGE)
    install_translators(app, lang)
    app.setStyleSheet(STYLE_SHEET)
    sys.excepthook = _excepthook
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
        QMessageBox.critical(None, QApplication.translate("app", "Hotline Log"), error_text(exc))
        for lock in locks:
            lock.release()
        return 1
    try:
        window = MainWindow(
            Seat(paths),
            "en" if lang == "en" else "zh",
            settings.read(settings.IDLE_MINUTES),
            settings.read(settings.AUTOSAVE_SECONDS),
            demo_accounts,
        )
        window.show()
        if fresh is not None:
            session, code = fresh
            RecoveryCodeDialog(window.seat.vault.seat_name, code, window).exec()
            window.login_page.logged_in.emit(session)
        return app.exec()
    finally:
        for lock in locks:
            lock.release()
