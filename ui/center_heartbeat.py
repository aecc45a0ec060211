"""The seat's heartbeat to the centre (issue 16 point 4): who is logged in and since when a call runs — state
only, never a word of the call — reported with `desktop.center.line.report_state` at log-in, at a call's start
and end, and every `IDLE_MS` in between, so the lead's board sees a seat that went silent.

Each report runs on a worker thread (one at a time; a newer state asked for meanwhile goes next), and a centre
that does not answer is not said here: the status bar's centre label (ui/center_status.py) says it. At log-out
the last report ("nobody") is started before the key is dropped: the window waits at most `FAREWELL_WAIT_S`
for the worker to open its own connection, and never for the network.
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from shiboken6 import isValid

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.seat import Session
from ui import center_line
from ui.worker import run_in_background

IDLE_MS = 60_000  # under the centre's 90 s "online" window even when a sync is late
FAREWELL_WAIT_S = 0.3

log = logging.getLogger(__name__)


class Heartbeat(QObject):
    """`reported(staff code or None, on_call_since)` after the centre took a report (tests wait for it)."""

    reported = Signal(object, object)

    def __init__(self, session: Session, on_call_since: Callable[[], datetime | None], parent=None):
        super().__init__(parent)
        self._session = session
        self._on_call_since = on_call_since
        self._busy = False
        self._next: tuple[str | None, datetime | None] | None = None  # asked for while a report was on its way
        self.timer = QTimer(self, interval=IDLE_MS)
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        """At log-in: report now, then on the idle interval."""
        self.timer.start()
        self.beat()

    def beat(self) -> None:
        """Report the seat's state now (a call started or ended, or the idle interval passed)."""
        self.timer.start()  # the next idle report counts from this one
        self._report(self._session.actor, self._on_call_since())

    def _report(self, logged_in: str | None, since: datetime | None) -> None:
        if self._busy:
            self._next = (logged_in, since)
            return
        self._busy = True
        line = center_line.core()
        center_line.in_background(
            self._session,
            lambda own: line.report_state(own, logged_in, since),
            lambda _result: self._done(logged_in, since),
            self._failed,
        )

    def _done(self, logged_in: str | None, since: datetime | None) -> None:
        if not isValid(self):
            return
        self._busy = False
        self.reported.emit(logged_in, since)
        self._again()

    def _failed(self, exc: Exception) -> None:
        if not isValid(self):
            return
        self._busy = False
        log.info("the heartbeat did not reach the centre (%s)", type(exc).__name__)
        self._again()

    def _again(self) -> None:
        if self._next is not None and self._session.key:
            following, self._next = self._next, None
            self._report(*following)

    def farewell(self) -> None:
        """At log-out or lock, before the key is dropped: report that nobody is logged in. The worker opens its
        own connection first; the window waits for that (briefly), never for the centre."""
        self.timer.stop()
        self._next = None
        session, line, opened = self._session, center_line.core(), threading.Event()

        def work():
            try:
                own = session.another()
            finally:
                opened.set()
            with own:
                line.report_state(own, None, None)

        run_in_background(work, lambda _r: None, lambda exc: log.info("no farewell (%s)", type(exc).__name__))
        opened.wait(FAREWELL_WAIT_S)
