"""The window: log-in page or work page, the actions and their shortcuts, the idle lock."""

import logging
from typing import TYPE_CHECKING

from shiboken6 import isValid

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
)

from ui import settings, theme
from ui.login import LoginPage
from ui.style import set_state
from ui.worker import run_in_background

if TYPE_CHECKING:
    from desktop.seat import Seat, Session
    from ui.work_page import WorkPage

# The pages and dialogs used only after log-in are imported where they are first opened, and the window's
# icons, its call tool bar and the labels of its quick-log actions are made at the first log-in (or F1), so the
# log-in window is on screen sooner (DESIGN.md §10: within 2x a bare window's start).

log = logging.getLogger(__name__)

KEYRING_CHECK_MS = 300
QUICK_SHORTCUTS = ("F6", "F7", "F8", "F9")  # desktop.call_model.QUICK_KINDS, in their order
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


CALL_CHECK_MS = 30_000  # how often a waiting idle lock looks again during a call


class _ActivityFilter(QObject):
    """Restarts the idle timer on any key or mouse input anywhere in the program, and keeps the time of that
    input (the quiet time the lock during a call is measured by). Calls `before_modal()` as a modal dialog is
    about to show: the draft is written then, as a dialog may wait long for its answer."""

    def __init__(self, timer: QTimer, interval_ms, before_modal, parent: QObject):
        super().__init__(parent)  # it goes with the window, and Qt then drops it from the application's filters
        self._timer = timer
        self._interval_ms = interval_ms  # the idle interval now (it changes with the settings)
        self._before_modal = before_modal
        self.quiet = QElapsedTimer()
        self.quiet.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _ACTIVITY:
            self.quiet.restart()
            if self._timer.isActive():
                self._timer.start(self._interval_ms())
        elif kind == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow() and obj.isModal():
            self._before_modal()
        return False


class _FirstPaint(QObject):
    """Emits `painted` once, after the first paint of the widget it watches has been handled."""

    painted = Signal()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False


class MainWindow(QMainWindow):
    """`first_painted`: the log-in page is on screen; start-up's slower checks begin then, so that no worker
    competes with the first paint for the interpreter (DESIGN.md §10)."""

    def __init__(self, seat: "Seat", lang: str, idle_minutes: int, autosave_seconds: int, demo_accounts=None):
        super().__init__()
        self.seat = seat
        self.lang = lang
        self._autosave_seconds = autosave_seconds
        self.session: Session | None = None
        self._dressed = False  # icons and quick-log labels made (at the first log-in)
        self.work: WorkPage | None = None
        self.center_status = None  # ui.center_status.CenterStatus while logged in
        self.center_tools = None  # ui.center_tools.CenterTools while logged in (the heartbeat, the line board)
        self.keyring_checked = False  # the keyring looked up after the first paint (tests wait for it)
        title = self.tr("Hotline Log")
        self.setWindowTitle(title + (" — " + self.tr("DEMO") if demo_accounts else ""))
        # The log-in page is made inside the window, not moved in: under the application's style sheet, a widget
        # already styled is styled again, with all it holds, each time it changes parent (QWidget::setParent).
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login_page = LoginPage(seat, demo_accounts, self.stack)
        self.login_page.logged_in.connect(self._logged_in)
        self._stopped = None  # why the database takes nothing more, for the rest of this program's run
        # a backup restored: the new files take writes again (connected without making the restore page,
        # which would load the database modules before the log-in window is painted)
        self.login_page.seat_replaced.connect(self._seat_replaced)
        self.stack.addWidget(self.login_page)
        self.user_label = QLabel()
        self.follow_up_corner = QPushButton(objectName="followUpCorner", flat=True)
        self.follow_up_corner.clicked.connect(lambda: self.work.show_follow_ups() if self.work else None)
        self.follow_up_corner.hide()
        self.statusBar().addPermanentWidget(self.follow_up_corner)
        self.statusBar().addPermanentWidget(self.user_label)
        # Looking the keyring up takes up to 100 ms on a desktop (and more to import it): after the log-in
        # window is on screen, and off the GUI thread.
        self._first_paint = _FirstPaint(self)
        self.first_painted = self._first_paint.painted
        self.login_page.installEventFilter(self._first_paint)
        self.first_painted.connect(lambda: QTimer.singleShot(KEYRING_CHECK_MS, self._check_keyring))

        self._copied = ""  # the last text copied while this program had the focus
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)
        self._idle_ms = idle_minutes * 60_000
        self.idle = QTimer(self, singleShot=True, interval=self._idle_ms)
        self.idle.timeout.connect(self._idle_expired)
        # Watches every event of the program while someone is logged in (the idle lock); not before, when each
        # event would cross into Python for nothing (and make Python types of Qt's internal widgets at start).
        self._activity = _ActivityFilter(
            self.idle, lambda: self._idle_ms, lambda: self.work.drafts.write_now() if self.work else None, self
        )
        self._call_lock_ms = 0  # the seat's hard limit during a call (desktop.lock_policy), read at log-in
        self._resume_for = None  # who locked with a call on screen: their unlock brings it back unasked
        self._build_actions()
        self._set_working(False)
        self.resize(1280, 800)

    def _check_keyring(self) -> None:
        from desktop.vault import keyring_status

        run_in_background(keyring_status, self._say_if_no_keyring, self._keyring_check_failed)

    def _say_if_no_keyring(self, status) -> None:
        self.keyring_checked = True
        if isValid(self) and not status.usable:
            warning = QLabel(self.tr("No system keyring: this seat is not bound to this computer."))
            warning.setObjectName("keyringWarning")
            self.statusBar().addPermanentWidget(warning)

    def _keyring_check_failed(self, exc: Exception) -> None:
        self.keyring_checked = True
        log.warning("the keyring could not be looked up (%s)", type(exc).__name__)

    # ----- actions --------------------------------------------------------------------------------

    # Actions are made as QAction(self, text=…): given the text first, PySide checks whether it could be an icon's
    # file name, which makes its view of QIcon (10 M instructions) before anything shows an icon (DESIGN.md §10).

    def _action(self, text: str, shortcut: str, slot, tip: str = "") -> QAction:
        action = QAction(self, text=text)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setIconText(f"{text} {shortcut}")  # the toolbar shows the key, so it is learnt by looking
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(self.tr("Start call"), "F2", lambda: self.work.start_call())
        self.end_action = self._action(self.tr("End call"), "F4", lambda: self.work.end_call())
        self.save_action = self._action(self.tr("Save"), "Ctrl+S", lambda: self.work.save())
        self.new_action = self._action(self.tr("New call"), "Ctrl+N", lambda: self.work.new_call())
        self.find_action = self._action(self.tr("Find calls"), "Ctrl+F", lambda: self.work.find())
        self.lock_action = self._action(self.tr("Lock"), "Ctrl+L", self.lock)
        self.help_action = self._action(self.tr("Keyboard help"), "F1", self._help)
        for action, group in ((self.find_action, "lists"), (self.help_action, "seat")):
            action.setProperty("helpGroup", group)  # the group the F1 help lists it under (ui/help_overlay.py)
        self.quick_actions = []  # one per quick-log kind, made by _dress()
        self.toolbar = None  # the call's tool bar, made by _dress(): it shows only while someone works
        self.directory_action = QAction(self, text=self.tr("Referral directory…"))
        self.directory_action.triggered.connect(self._directory)
        self.stats_action = QAction(self, text=self.tr("Statistics…"), shortcut=QKeySequence("Ctrl+Shift+S"))
        self.stats_action.triggered.connect(self._statistics)
        self.stats_action.setProperty("helpGroup", "lists")
        self.shift_action = QAction(self, text=self.tr("Shift…"), shortcut=QKeySequence("Ctrl+Shift+B"))
        self.shift_action.triggered.connect(self._shift)
        self.handover_action = QAction(self, text=self.tr("Handover…"), shortcut=QKeySequence("Ctrl+H"))
        self.handover_action.triggered.connect(lambda: self._handover())
        self.import_action = QAction(self, text=self.tr("Import calls…"))
        self.import_action.triggered.connect(lambda: self.work.import_calls() if self.work else None)
        self.backup_action = QAction(self, text=self.tr("Back up…"))
        self.backup_action.triggered.connect(self._back_up)
        self.settings_action = QAction(self, text=self.tr("Settings…"))
        self.settings_action.triggered.connect(self._settings)
        self.accounts_action = QAction(self, text=self.tr("Accounts…"))
        self.accounts_action.triggered.connect(self._accounts)
        self.password_action = QAction(self, text=self.tr("Change my password…"))
        self.password_action.triggered.connect(self._change_password)
        # ----- the centre's line board (issue 16): leads and admins of an enrolled seat only -----
        self.board_action = QAction(self, text=self.tr("Line board…"), shortcut=QKeySequence("Ctrl+Shift+D"))
        self.board_action.triggered.connect(lambda: self.center_tools.open_board() if self.center_tools else None)
        self.board_action.setVisible(False)
        self.board_action.setEnabled(False)
        self.addAction(self.board_action)
        seat_menu = self.menuBar().addMenu(self.tr("&Seat"))
        seat_menu.aboutToShow.connect(self._dress)  # its icons, whenever someone first opens it
        seat_menu.addAction(self.lock_action)
        seat_menu.addAction(self.password_action)
        seat_menu.addAction(self.directory_action)
        seat_menu.addAction(self.accounts_action)
        seat_menu.addAction(self.shift_action)
        seat_menu.addAction(self.stats_action)
        seat_menu.addAction(self.handover_action)
        seat_menu.addAction(self.board_action)
        seat_menu.addAction(self.import_action)
        seat_menu.addAction(self.backup_action)
        seat_menu.addAction(self.settings_action)
        self.logout_action = QAction(self, text=self.tr("Log out"))
        self.logout_action.triggered.connect(self.log_out)
        self.quit_action = QAction(self, text=self.tr("Quit"), shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)  # closeEvent keeps the draft and logs out
        seat_menu.addSeparator()
        seat_menu.addAction(self.logout_action)
        seat_menu.addAction(self.quit_action)

    def _dress(self) -> None:
        """The call tool bar, the icons (tinted for the look, again when it changes) and the quick-log actions,
        once: nobody sees them before the first log-in, the F1 help or the Seat menu, and drawing them was most
        of what making the window cost."""
        if self._dressed:
            return
        from desktop.call_model import QUICK_KINDS
        from desktop.taxonomy import CALL_KINDS, load_taxonomy

        self._dressed = True
        self._make_toolbar()
        taxonomy, tip = load_taxonomy(), self.tr("Log a call of this kind at once")
        for kind, keys in zip(QUICK_KINDS, QUICK_SHORTCUTS, strict=True):
            text = taxonomy.label(CALL_KINDS, kind, self.lang)
            action = self._action(text, keys, lambda _=False, k=kind: self.work.quick_log(k), tip)
            action.setData(kind)
            action.setEnabled(self.session is not None)
            self.toolbar.insertAction(self._quick_place, action)
            self.quick_actions.append(action)
        self._set_icons()
        theme.notifier().changed.connect(self._set_icons)

    def _make_toolbar(self) -> None:
        from ui.widgets.fit_toolbar import FitToolBar

        toolbar = FitToolBar(self.tr("Call"), objectName="callToolbar")  # words under the icons when narrow
        toolbar.setMovable(False)
        for action in (self.start_action, self.end_action, self.save_action, self.new_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self._quick_place = toolbar.addSeparator()  # the quick-log actions go before it
        toolbar.addAction(self.find_action)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        toolbar.setVisible(self.start_action.isEnabled())  # hidden at the log-in page; _set_working shows it
        self.toolbar = toolbar

    def _set_icons(self, _look: str = "") -> None:
        """Icons beside the words and keys, tinted for the look in use (again when it changes)."""
        from ui import icons

        quick = {"silent": "call-silent", "hang_up": "call-hang-up", "wrong_number": "call-wrong-number"}
        for action, name in (
            (self.start_action, "start-call"),
            (self.end_action, "end-call"),
            (self.save_action, "save"),
            (self.new_action, "new-call"),
            (self.find_action, "find"),
            (self.lock_action, "lock"),
            (self.directory_action, "directory"),
            (self.accounts_action, "accounts"),
            (self.password_action, "password"),
            (self.stats_action, "statistics"),
            (self.shift_action, "shift"),
            (self.handover_action, "handover"),
            (self.board_action, "board"),
            (self.import_action, "import"),
            (self.backup_action, "backup"),
            (self.settings_action, "settings"),
            (self.logout_action, "log-out"),
            (self.quit_action, "quit"),
            *((a, quick.get(a.data(), "call-harassment")) for a in self.quick_actions),
        ):
            action.setIcon(icons.icon(name))

    def _set_working(self, working: bool) -> None:
        for action in (
            self.start_action,
            self.end_action,
            self.save_action,
            self.new_action,
            self.find_action,
            self.lock_action,
            *self.quick_actions,
        ):
            action.setEnabled(working)
        if self.toolbar is not None:
            self.toolbar.setVisible(working)
        self.settings_action.setEnabled(working)  # nobody changes the idle lock at a locked seat
        self.directory_action.setEnabled(working)
        self.accounts_action.setEnabled(working)
        self.password_action.setEnabled(working)
        self.import_action.setEnabled(working)
        self.backup_action.setEnabled(working)
        self.logout_action.setEnabled(working)
        self.stats_action.setEnabled(working)
        self.shift_action.setEnabled(working)
        self.handover_action.setEnabled(working)

    def _clipboard_changed(self) -> None:
        if QApplication.focusWidget() is not None and self.session is not None:
            self._copied = QGuiApplication.clipboard().text()

    def _help(self) -> None:
        from ui.help_overlay import HelpOverlay

        self._dress()
        HelpOverlay(self).exec()

    def _back_up(self) -> None:
        from ui.seat_care import SeatBackup

        if self.session is not None:
            SeatBackup(self.session, self).run()

    def _directory(self) -> None:
        from ui.directory_dialog import DirectoryDialog

        if self.work is not None:
            work = self.work
            DirectoryDialog(work.directory, work.taxonomy, self.lang, lambda: work.alive, self).exec()

    def _accounts(self) -> None:
        from ui.accounts_dialog import AccountsDialog

        if self.session is not None and self.session.role == "admin":
            dialog = AccountsDialog(self, self.session)
            dialog.exec()
            dialog.deleteLater()  # the log-in page reads the accounts again when the seat locks

    def _change_password(self) -> None:
        from ui.accounts_dialog import ChangePasswordDialog

        if self.session is not None:
            dialog = ChangePasswordDialog(self, self.session)
            if dialog.exec():
                self.statusBar().showMessage(dialog.outcome, 8000)
            dialog.deleteLater()

    def _statistics(self) -> None:
        from ui.stats_view import StatsView

        if self.work is None or self.session.role not in ("lead", "admin"):
            return
        view = self.work.findChild(StatsView) or StatsView(self.session, self.lang, self.work)  # locks with the page
        view.show()
        view.raise_()
        view.activateWindow()

    def _handover(self, shift_id: int | None = None) -> None:
        from ui.handover_dialog import HandoverDialog

        if self.work is None or self.session.role not in ("lead", "admin"):
            return
        dialog = self.work.findChild(HandoverDialog) or HandoverDialog(self.session, self.lang, self.work)
        dialog.present(shift_id)  # non-modal; it belongs to the work page, so it goes when the seat locks

    def _shift(self) -> None:
        if self.work is None or self.session.role not in ("lead", "admin"):
            return
        dialog = self.work.shift_dialog()  # belongs to the page, so it goes when the seat locks
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _follow_ups(self, due: int, overdue: int) -> None:
        text = self.tr("Follow-ups: %n due", "", due)  # `due` counts the overdue ones too
        if overdue:  # "3 due (2 of them overdue)", never "3 due · 2 overdue", which reads as five
            text += self.tr(" (%n of them overdue)", "", overdue)
        self.follow_up_corner.setText(text)
        set_state(self.follow_up_corner, "overdue", bool(overdue))  # red and bold per look; the words say it
        self.follow_up_corner.setVisible(due > 0)

    def _settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.session)
        if dialog.exec():
            self._idle_ms = settings.read(settings.IDLE_MINUTES) * 60_000
            self.idle.setInterval(self._idle_ms)
            if self.session is not None:
                self.idle.start()
            if self.work is not None:
                self.work.shift_status.refresh(announce=False)  # the break suggestions may have changed
        if self.center_status is not None and dialog.enrolled:
            self.center_status.start()  # the settings page enrolled this seat: show and sync the centre

    # ----- log-in, lock, switch -------------------------------------------------------------------

    def _logged_in(self, session: "Session") -> None:
        from ui.work_page import WorkPage

        self._dress()
        self.session = session
        self.work = WorkPage(session, self.lang, self._autosave_seconds)
        self.work.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.work.follow_ups_changed.connect(self._follow_ups)
        self.work.queue.reload()
        self.stack.addWidget(self.work)
        self.stack.setCurrentWidget(self.work)
        account = session.account
        self.user_label.setText(f"{account.display_name} ({account.code}) · {self.seat.vault.seat_name}")
        self._set_working(True)
        self.directory_action.setVisible(session.role == "admin")
        self.accounts_action.setVisible(session.role == "admin")
        self.import_action.setVisible(session.role == "admin")
        self.backup_action.setVisible(session.role == "admin")
        self.stats_action.setVisible(session.role in ("lead", "admin"))
        self.shift_action.setVisible(session.role in ("lead", "admin"))
        self.statusBar().insertPermanentWidget(0, self.work.shift_status)  # the shift, for everyone
        self.handover_action.setVisible(session.role in ("lead", "admin"))
        self.work.handover_requested.connect(self._handover)  # closing a shift offers its summary
        from desktop.lock_policy import call_lock_minutes  # the store's modules: not before log-in

        self._call_lock_ms = call_lock_minutes(session.store) * 60_000
        self._activity.quiet.restart()
        QApplication.instance().installEventFilter(self._activity)
        self.idle.start(self._idle_ms)
        self.work.form.kind.setFocus()
        if self._stopped is not None:  # found earlier in this run: it stays so until the program starts again
            self.work.writing_stopped(self._stopped)
        resume, self._resume_for = self._resume_for == session.actor, None  # unlocking one's own lock
        QTimer.singleShot(0, self.work, lambda work=self.work: work.offer_draft(ask=not resume))
        self.work.integrity.start()  # off the GUI thread, then daily; the clean-up of old calls follows it
        self._start_center_status(session)

    def _start_center_status(self, session: "Session") -> None:
        """The centre's state in the status bar (hidden for a seat that is not enrolled); its sync runs off the
        GUI thread and is nudged by what the work page reports (saves)."""
        from ui.center_status import CenterStatus

        status = self.center_status = CenterStatus(session, self)
        self.statusBar().insertPermanentWidget(1, status)
        self.work.status.connect(lambda _text: status.saved())
        status.start()
        # ----- the centre's line (issue 16): heartbeat and line board, nothing at a seat that is not enrolled -----
        from ui.center_tools import CenterTools

        tools = self.center_tools = CenterTools(session, self.work, self.board_action, self)
        for action in (self.start_action, self.end_action, self.save_action):
            action.triggered.connect(tools.call_changed)

    def _seat_replaced(self, _code: str) -> None:
        """A backup restored or the seat reloaded: what was found or on screen before belongs to the old files."""
        self._stopped = None
        self._resume_for = None  # a draft of the restored seat is offered with a question

    def _idle_expired(self) -> None:
        """The idle time is up. While a call is running the lock waits (a counselor listening to a crisis call
        may type nothing for many minutes): it looks again every half minute, counts afresh from the call's
        end, and locks anyway once the seat's hard limit of quiet minutes has passed."""
        call_running = self.work is not None and self.work.form.running
        if call_running and self._activity.quiet.elapsed() < self._call_lock_ms:
            self.idle.start(min(CALL_CHECK_MS, self._idle_ms))
            return
        if not call_running and self.idle.interval() != self._idle_ms:  # the call ended while we waited
            self.idle.start(self._idle_ms)  # the idle time counts from (about) the call's end
            return
        self.lock()

    def lock(self) -> None:
        """Hide the call, keep its draft encrypted, drop the key. Unlocking needs the same person's password."""
        if self.session is None:
            return
        code = self.session.actor
        # a call on screen comes back without a question when the same counselor unlocks
        self._resume_for = code if self.work is not None and not self.work.form.is_empty() else None
        self._leave_session("session.locked")
        self.login_page.lock_to(code)

    def _leave_session(self, audit_action: str) -> None:
        self.idle.stop()
        QApplication.instance().removeEventFilter(self._activity)
        if self.center_tools is not None:  # the heartbeat's last report, before the key is dropped
            for action in (self.start_action, self.end_action, self.save_action):
                action.triggered.disconnect(self.center_tools.call_changed)
            self.center_tools.leave()
            self.center_tools.deleteLater()
            self.center_tools = None
        if self.center_status is not None:  # no sync once the key is dropped
            self.center_status.stop()
            self.statusBar().removeWidget(self.center_status)
            self.center_status.deleteLater()
            self.center_status = None
        work, session = self.work, self.session
        self.work, self.session = None, None
        self._set_working(False)
        self.stack.setCurrentWidget(self.login_page)
        for dialog in QApplication.topLevelWidgets():
            if dialog is not self and dialog.isVisible() and dialog.isModal():
                dialog.reject() if hasattr(dialog, "reject") else dialog.close()
        self._stopped = work.alarm.reason or self._stopped
        try:  # the key is dropped below whatever happens
            try:
                work.drafts.finish()
            except Exception as exc:
                log.error("could not keep the draft before locking (%s)", type(exc).__name__)
            try:
                session.audit.append(session.actor, audit_action, session.actor)
            except Exception as exc:
                log.error("could not record %s (%s)", audit_action, type(exc).__name__)
        finally:
            self.stack.removeWidget(work)
            work.deleteLater()
            session.close()
        self.user_label.clear()
        self.follow_up_corner.hide()
        self._clear_clipboard()

    def _clear_clipboard(self) -> None:
        """Text of a call copied or selected in this program is not left for the next person to paste: the
        clipboard and, on X11, the primary selection (what a middle click pastes)."""
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard() or (self._copied and clipboard.text() == self._copied):
            clipboard.clear()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._copied = ""

    def log_out(self) -> None:
        """Seat → Log out: as closing does, but the window stays open at the log-in page for anyone."""
        if self.session is None:
            return
        if self.work is not None and self.work.has_unsaved_call:
            from PySide6.QtWidgets import QMessageBox  # here: not needed before the log-in window is painted

            answer = QMessageBox.question(
                self,
                self.tr("Unsaved call"),
                self.tr("The call on screen is not saved. It is kept as a draft for your next log-in. Log out?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.end_session()
        self.login_page.lock_to(None)
        self.login_page.message.setText(self.tr("Logged out. The call on screen, if any, is kept as your draft."))

    def end_session(self) -> None:
        """Log out as closing does: the draft kept, `session.closed` audited, the key dropped."""
        if self.session is not None:
            self._leave_session("session.closed")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.work is not None and self.work.has_unsaved_call:
            from PySide6.QtWidgets import QMessageBox  # here: not needed before the log-in window is painted

            answer = QMessageBox.question(
                self,
                self.tr("Unsaved call"),
                self.tr("The call on screen is not saved. It is kept as a draft for your next log-in. Close?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.end_session()
        QApplication.instance().removeEventFilter(self._activity)
        event.accept()
