"""The integrity check of the seat's database after log-in and then daily, off the GUI thread on a connection
of its own (desktop/store/integrity.py). `damaged(problem, last_backup)` when it fails; `intact()` when it
passes (the window starts the clean-up of old calls only then)."""

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.errors import HotlineError
from desktop.seat import Session
from desktop.store.integrity import find_damage, last_backup
from ui.worker import run_in_background

log = logging.getLogger(__name__)

DAY_MS = 24 * 3600 * 1000


class IntegrityWatch(QObject):
    damaged = Signal(object, object)  # SeatDamaged, LastBackup or None
    intact = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.running = False
        self.timer = QTimer(self, interval=DAY_MS, timerType=Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        """After log-in: a check now, and one a day while the session lasts."""
        self.run()
        self.timer.start()

    def run(self) -> bool:
        """Start a check in the background; False when one is going or the seat is locked."""
        if self.running or not self._session.key:
            return False
        self.running = True
        session, path, key = self._session, self._session.seat.paths.database, bytes(self._session.key)

        def work():
            problem = find_damage(path, key)
            backup = None
            if problem is not None:
                try:
                    with session.another() as own:
                        backup = last_backup(own.store)
                except HotlineError:
                    backup = None  # the damage may keep the log from being read: the banner says so
            return problem, backup

        run_in_background(work, self._done, self._failed)
        return True

    def _done(self, result) -> None:
        self.running = False
        if not self._session.key:  # locked meanwhile: this page is gone
            return
        problem, backup = result
        if problem is None:
            self.intact.emit()
        else:
            log.error("the integrity check found the seat's database damaged")
            self.timer.stop()
            self.damaged.emit(problem, backup)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        log.error("the integrity check could not run (%s)", type(exc).__name__)
