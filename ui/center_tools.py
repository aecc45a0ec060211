"""What the main window gains at an enrolled seat (issue 16): the heartbeat to the centre, and for leads and admins
the line board (Seat → 值班看板…, Ctrl+Shift+D). A seat that is not enrolled gets neither: no entry, no report.

The main window makes one `CenterTools` per log-in and calls `leave()` before the key is dropped; the board goes
with the work page when the seat locks.
"""

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.seat import Session
from ui import center_line


class CenterTools(QObject):
    def __init__(self, session: Session, work, board_action: QAction, parent=None):
        super().__init__(parent)
        self._session, self._work, self._board_action = session, work, board_action
        self.heartbeat = None
        enrolled = center_line.enrolled(session)
        board_action.setVisible(enrolled and session.role in center_line.LEADS)
        board_action.setEnabled(board_action.isVisible())
        if enrolled:
            from ui.center_heartbeat import Heartbeat

            form = work.form
            self.heartbeat = Heartbeat(session, lambda: form.started if form.running else None, self)
            self.heartbeat.start()

    def call_changed(self) -> None:
        """A call started, ended or was saved: the board hears of it now, not at the next idle beat."""
        if self.heartbeat is not None and self._session.key:
            self.heartbeat.beat()

    def open_board(self):
        from ui.center_board import BoardWindow

        if not self._board_action.isVisible() or not self._session.key:
            return None
        board = self._work.findChild(BoardWindow) or BoardWindow(self._session, self._work)
        board.present()
        return board

    def leave(self) -> None:
        """Before the key is dropped (log-out, lock, close): nobody is logged in here any more."""
        self._board_action.setVisible(False)
        self._board_action.setEnabled(False)
        if self.heartbeat is not None:
            self.heartbeat.farewell()
            self.heartbeat.timer.stop()
            self.heartbeat = None
