"""A session's drafts, written on a thread of its own so typing never waits for the disk or a busy database.

`put(form, call_id)` hands over the form as it is now (`None`: nothing on screen, the draft goes); only the
newest form waiting is written, in the order handed over. The draft goes into the database (its `draft`
table, on a connection of this thread's own). Where the database cannot take it (writing has stopped: the
seat was found damaged or its files changed; or the write failed: busy, disk full) it goes to the encrypted
rescue file beside the database instead (desktop/rescue_draft.py), which the next log-in offers back. Once a
draft is in the database again, the rescue file goes.

`flush()` waits until everything handed over is written; `cancel()` drops what waits and waits for a write
under way (before the call is saved, so an older draft cannot land after the save removed it); `close()`
flushes and ends the thread and its connection. On the writer's thread, `on_written(outcome)` follows each
write ("database", "rescue", or the exception when neither took it), and `on_stopped(reason)` says when this
writer's connection found that writing has to stop (the files changed under it).
"""

import logging
import threading
from collections.abc import Callable

from desktop.call_model import CallInput
from desktop.calls import CallService
from desktop.errors import HotlineError, WritingStopped
from desktop.rescue_draft import RescueDraft

log = logging.getLogger(__name__)

DATABASE = "database"
RESCUE = "rescue"


class DraftWriter:
    def __init__(
        self,
        session,
        on_written: Callable[[object], None] = lambda _outcome: None,
        on_stopped: Callable[[WritingStopped], None] = lambda _reason: None,
    ):
        self._session = session
        self.rescue = RescueDraft.of(session)
        self._on_written, self._on_stopped = on_written, on_stopped
        self._stopped: WritingStopped | None = session.store.stopped
        self._cond = threading.Condition()
        self._pending: tuple | None = None  # (sequence, form or None, call id, choices)
        self._handed = 0  # sequence of the newest form handed over
        self._done = 0  # sequence of the newest form written (or given up)
        self._busy = False
        self._closing = False
        self.last_outcome: object = None  # what became of the newest write
        self._thread = threading.Thread(target=self._run, name="draft-writer", daemon=True)
        self._thread.start()

    # ----- the GUI thread's side -----------------------------------------------------------------------

    def put(self, form: CallInput | None, call_id: int | None = None, choices=None) -> None:
        """Hand over the form as it is now, with the counselor's guard choices (a desktop.privacy.Choices)."""
        with self._cond:
            if self._closing:
                raise RuntimeError("the draft writer is closed")
            self._handed += 1
            self._pending = (self._handed, form, call_id, choices)
            self._cond.notify_all()

    def stop_writing(self, reason: WritingStopped) -> None:
        """The database takes nothing more: from now on drafts go to the rescue file."""
        with self._cond:
            self._stopped = reason

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every form handed over is written; False when `timeout` ran out first."""
        with self._cond:
            target = self._handed
            return self._cond.wait_for(lambda: self._done >= target or not self._thread.is_alive(), timeout)

    def cancel(self, timeout: float | None = None) -> bool:
        """Drop the form waiting, and wait for a write under way; False when `timeout` ran out first."""
        with self._cond:
            if self._pending is not None:
                self._done = max(self._done, self._pending[0])
                self._pending = None
            return self._cond.wait_for(lambda: not self._busy, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Write what waits, then end the thread and close its connection; False when `timeout` ran out first
        (the thread then finishes on its own)."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # ----- the writer's thread -----------------------------------------------------------------------

    def _run(self) -> None:
        own = None
        try:
            own = self._session.another()  # opened, used and closed on this thread
        except HotlineError as exc:
            log.error("drafts cannot reach the database (%s); they go to the rescue file", type(exc).__name__)
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._pending is not None or self._closing)
                    if self._pending is None:
                        return
                    (sequence, form, call_id, choices), self._pending = self._pending, None
                    self._busy = True
                    stopped = self._stopped
                outcome: object = None
                try:
                    outcome = self._write(own, stopped, form, call_id, choices)
                except Exception as exc:  # not ours to end the thread over: said, and the next form is tried
                    log.error("a draft could not be written (%s)", type(exc).__name__)
                    outcome = exc
                finally:
                    with self._cond:
                        self._busy = False
                        self._done = max(self._done, sequence)
                        self.last_outcome = outcome
                        self._cond.notify_all()
                try:
                    if stopped is None and self._stopped is not None:
                        self._on_stopped(self._stopped)
                    self._on_written(outcome)
                except Exception:  # a listener's failure is not the writer's
                    log.exception("a draft listener failed")
        finally:
            if own is not None:
                own.store.close()

    def _write(self, own, stopped: WritingStopped | None, form: CallInput | None, call_id: int | None, choices):
        if stopped is None and own is not None:
            try:
                service = CallService(own)
                if form is None:
                    service.discard_draft()
                else:
                    service.save_draft(form, call_id, choices)
                self.rescue.remove()  # the database holds the newest now
                return DATABASE
            except WritingStopped as exc:
                with self._cond:
                    self._stopped = exc
                log.error("drafts go to the rescue file from now on (%s)", type(exc).__name__)
            except HotlineError as exc:
                log.error("a draft could not be written to the database (%s); it goes to the rescue file", exc)
        try:
            if form is None:
                self.rescue.remove()
            else:
                self.rescue.write(form, call_id, choices)
            return RESCUE
        except (HotlineError, OSError) as exc:
            log.error("the draft could not be kept in the rescue file either (%s)", type(exc).__name__)
            return exc
