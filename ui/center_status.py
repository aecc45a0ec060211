"""The status bar's word on the centre (DESIGN.md §11), and the background sync that keeps it true.

同步正常 / N 条待同步，自 HH:MM / 未连接中心, or that the centre removed this seat or needs a newer program. A seat
that is not enrolled shows nothing: the label stays hidden and no sync runs.

Every attempt runs on a worker thread (ui/worker.py) on a database connection of its own (`Session.another`: a
SQLCipher connection belongs to the thread that opened it), so a save never waits for the centre and nothing
here opens a dialog. Push then pull every `INTERVAL_MS` while logged in, and `AFTER_SAVE_MS` after the work page
reports something (a save, an amendment: its status line), gathered into one attempt. While the centre does not
answer the pause doubles up to `BACKOFF_MAX_MS`; a save then only recounts what waits, without the network. The
main window stops it when the seat locks, logs out or closes; an answer that arrives after that is dropped.
"""

from dataclasses import dataclass, replace

from shiboken6 import isValid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel

from desktop.clock import parse_iso, seat_time, seat_today
from desktop.errors import HotlineError
from desktop.seat import Session
from ui.messages import core_text
from ui.style import set_state
from ui.worker import run_in_background

INTERVAL_MS = 30_000
AFTER_SAVE_MS = 3_000
BACKOFF_MAX_MS = 5 * 60_000
PROBLEMS = ("offline", "full", "too_new", "witness")  # a recount without the network keeps these


@dataclass(frozen=True)
class CenterState:
    kind: str  # none (not enrolled) | ok | pending | offline | full | removed | too_new | witness
    pending: int = 0
    oldest: str | None = None  # UTC ISO time of the oldest record waiting
    detail: str = ""  # the core's sentence, shown as the tooltip


def read_state(session: Session, network: bool) -> CenterState:
    """On a worker thread: (when `network`) one sync attempt, then what the seat knows of its centre."""
    from desktop.center import link, sync
    from desktop.center.connect import CenterFull, CenterTooNew, CenterUnreachable, NotEnrolled, WitnessRefused

    with session.another() as own:
        current = link.load(own.store)
        if current is None:
            return CenterState("none")
        if current.state != "active":
            return CenterState("removed", detail=current.last_error)
        kind, detail = "", ""
        if network:
            try:
                sync.sync(own.store)
            except NotEnrolled as exc:
                return CenterState("removed", detail=str(exc))
            except CenterTooNew as exc:
                kind, detail = "too_new", str(exc)
            except WitnessRefused as exc:
                kind, detail = "witness", str(exc)
            except CenterFull as exc:
                kind, detail = "full", str(exc)
            except (CenterUnreachable, HotlineError) as exc:  # a refused certificate too: not connected
                kind, detail = "offline", str(exc)
        waiting = link.backlog(own.store)
        if not kind:
            kind = "pending" if waiting.pending else "ok"
        return CenterState(kind, waiting.pending, waiting.oldest, detail)


class CenterStatus(QLabel):
    """The label in the status bar, with the timer and the worker behind it."""

    updated = Signal(object)  # the CenterState just shown (tests wait for it)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent, objectName="centerStatus")
        self._session = session
        self.state = CenterState("none")
        self._running = False  # between start() and stop()
        self._busy = False  # an attempt is on the worker
        self._again = False  # another attempt was asked for meanwhile
        self._failures = 0
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.tick)
        self.after_save = QTimer(self, singleShot=True, interval=AFTER_SAVE_MS)
        self.after_save.timeout.connect(self.tick)
        self.hide()

    # ----- when -----------------------------------------------------------------------------------

    def start(self) -> None:
        self._running = True
        self.tick()

    def stop(self) -> None:
        """Lock, log-out, close: no more attempts; an answer still on its way is dropped."""
        self._running = False
        self.timer.stop()
        self.after_save.stop()

    def tick(self) -> None:
        """One attempt now (push, pull, then count), off the GUI thread."""
        self._ask(network=True)

    def saved(self) -> None:
        """Something was saved: count what waits now, and sync soon (several saves make one attempt). While the
        centre is down the back-off decides when to try again."""
        if not self._running or self.state.kind in ("none", "removed"):
            return
        self._ask(network=False)
        if self.state.kind not in PROBLEMS:
            self.after_save.start()

    def _ask(self, network: bool) -> None:
        if not self._running:
            return
        if self._busy:
            self._again = self._again or network
            return
        self._busy = True
        session = self._session
        run_in_background(
            lambda: read_state(session, network),
            lambda state: self._answered(state, network),
            self._failed,
        )

    def _answered(self, state: CenterState, network: bool) -> None:
        if not isValid(self):
            return
        self._busy = False
        if not self._running:
            return
        if not network and self.state.kind in PROBLEMS and state.kind in ("ok", "pending"):
            state = replace(self.state, pending=state.pending, oldest=state.oldest)
        self.show_state(state)
        if network:
            self._schedule(state)
        if self._again:
            self._again = False
            self.tick()

    def _failed(self, exc: Exception) -> None:
        """The worker could not even read the seat (it was locked meanwhile): try again later, quietly. A bug is
        still raised (to the crash report), after the next attempt is planned."""
        if isValid(self):
            self._busy = False
            if self._running:
                self.timer.start(INTERVAL_MS)
        if not isinstance(exc, HotlineError):
            raise exc

    def _schedule(self, state: CenterState) -> None:
        if state.kind in ("none", "removed"):
            self.timer.stop()  # nothing to sync; the settings page starts it again after an enrolment
            return
        self._failures = self._failures + 1 if state.kind in PROBLEMS else 0
        self.timer.start(min(INTERVAL_MS * 2 ** max(0, self._failures - 1), BACKOFF_MAX_MS))

    # ----- what --------------------------------------------------------------------------------------

    def show_state(self, state: CenterState) -> None:
        self.state = state
        self.setText(self.text_for(state))
        self.setToolTip(core_text(state.detail) if state.detail else "")
        set_state(self, "problem", state.kind in ("offline", "full", "removed", "too_new", "witness"))
        self.setVisible(state.kind != "none")
        self.updated.emit(state)

    def text_for(self, state: CenterState) -> str:
        waiting = ""
        if state.pending:
            waiting = self.tr("%n waiting to sync, since %1", "", state.pending).replace("%1", _since(state.oldest))
        if state.kind == "none":
            return ""
        if state.kind == "removed":
            return self.tr("No longer enrolled at the centre: this seat works alone")
        if state.kind == "too_new":
            return self.tr("The centre needs a newer program: update Hotline Log")
        if state.kind == "witness":
            return self.tr("The centre refused this seat's audit head: run verify")
        if state.kind == "offline":
            return self.tr("Not connected to the centre") + (" · " + waiting if waiting else "")
        if state.kind == "full":
            return self.tr("The centre's disk is full: its admin must free space") + (
                " · " + waiting if waiting else ""
            )
        return waiting or self.tr("In sync with the centre")


def _since(oldest: str | None) -> str:
    """HH:MM in seat time; with the date when it was not today."""
    if not oldest:
        return ""
    moment = seat_time(parse_iso(oldest))
    return moment.strftime("%H:%M") if moment.date() == seat_today() else moment.strftime("%m-%d %H:%M")
