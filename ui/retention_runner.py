"""The automatic shred of calls past the retention period (DESIGN.md §2.6), off the GUI thread.

It runs once after each log-in, then daily at `QUIET_HOUR` seat time while the session lasts; each run
on a connection of its own, and never two at once in this program (when a run is still going as the
window locks and someone logs in, the new session's first run is skipped; the daily one follows).

The shred holds the database's write lock one call at a time, with a pause between calls
(`desktop.retention.PAUSE_S`), so a save meanwhile waits at most one call's shred. The clean-up after it
(emptying the WAL) holds writers off while it copies what is left of the log; the daily run leaves it for
later when a call is on screen unsaved (`busy()`), and the run after the next log-in does it. A save that
met the lock for longer than the busy timeout would be refused with "busy, try again" and keep what is on
screen.
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.clock import utc_now
from desktop.errors import HotlineError
from desktop.retention import next_quiet_run, shred_expired
from desktop.seat import Session
from ui.worker import run_in_background

log = logging.getLogger(__name__)

_one_at_a_time = threading.Lock()  # for the whole program, not per session


class RetentionRunner(QObject):
    """`status(text)` for the status bar; `finished(result)` after each run: the ShredReport, None when another
    run was going, or the exception of a failed run (already logged and reported by `status`)."""

    status = Signal(str)
    finished = Signal(object)

    def __init__(self, session: Session, busy: Callable[[], bool], parent=None):
        super().__init__(parent)
        self._session = session
        self._busy = busy
        self.running = False
        self.next_run: datetime | None = None
        self.timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._daily)

    def start(self) -> None:
        """After log-in: a run now, with the clean-up, and the daily run armed."""
        self.run(wipe=True)
        self._arm(utc_now())

    def _arm(self, after: datetime) -> None:
        self.next_run = next_quiet_run(after)
        self.timer.start(max(0, int((self.next_run - utc_now()).total_seconds() * 1000)))

    def _daily(self) -> None:
        # A timer firing a little early must not arm the same hour again; one firing late (after the
        # computer slept) arms the next quiet hour from now.
        self._arm(max(utc_now(), self.next_run or utc_now()))
        self.run(wipe=not self._busy())

    def run(self, wipe: bool) -> bool:
        """Start a run in the background; False when one is going or the seat is locked."""
        if self.running or not self._session.key:
            return False
        self.running = True
        session = self._session

        def work():
            if not _one_at_a_time.acquire(blocking=False):
                return None
            try:
                with session.another() as own:
                    return shred_expired(own, wipe=wipe)
            finally:
                _one_at_a_time.release()

        run_in_background(work, self._done, self._failed)
        return True

    def _done(self, report) -> None:
        self.running = False
        if not self._session.key:  # locked meanwhile: this window's page is gone
            return
        if report is not None and report.calls:
            self.status.emit(
                self.tr("The free text of %n call(s) past the retention period was shredded.", "", report.calls)
            )
        self.finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        detail = str(exc) if isinstance(exc, HotlineError) else ""  # our messages never hold call text
        log.error("retention: the automatic shred failed (%s) %s", type(exc).__name__, detail)
        if not self._session.key:
            return
        self.status.emit(
            self.tr("Old call text could not be shredded this time; it is tried again at the next log-in and daily.")
        )
        self.finished.emit(exc)
