"""The draft of the call on screen: never more than a few seconds behind what was typed.

A draft is written at most `MAX_WAIT_S` seconds after the first change not yet kept, however the typing goes
on (the timer starts at that first change and is not pushed back by later ones), and at once on lock, switch
of counselor, close and before any modal dialog (the main window asks). The write itself runs on the draft
writer's thread (desktop/draft_writer.py), so a keystroke never waits for the disk or a busy database.

When the database takes nothing more (damaged, or its files changed under the program: `stop`), drafts go to
the encrypted rescue file beside it; the next log-in offers whichever draft is newest.
"""

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.calls import CallService
from desktop.clock import seat_time
from desktop.draft_writer import RESCUE, DraftWriter
from desktop.errors import HotlineError, WritingStopped
from ui.messages import error_text

log = logging.getLogger(__name__)

MAX_WAIT_S = 5  # the most a draft is ever behind the form
FINISH_WAIT_S = 7.0  # at lock and close: a busy database's own timeout (5 s) and a margin


class DraftKeeper(QObject):
    """`status(text)` for the status bar; `stopped(reason)` when the draft writer's connection found that writing
    has to stop (the files changed under it)."""

    status = Signal(str)
    stopped = Signal(object)
    _written = Signal(object)  # from the writer's thread
    _stop_found = Signal(object)

    def __init__(self, session, form, seconds: int, parent: QWidget):
        super().__init__(parent)
        self._page = parent
        self._session = session
        self._form = form
        self._service = CallService(session)
        self.dirty = False
        self.timer = QTimer(self, singleShot=True, interval=min(max(1, seconds), MAX_WAIT_S) * 1000)
        self.timer.timeout.connect(self.write_now)
        self._written.connect(self._after_write)
        self._stop_found.connect(self.stopped)
        self.writer = DraftWriter(session, self._written.emit, self._stop_found.emit)

    def changed(self) -> None:
        """The form changed: the draft is written when the timer started by the first unkept change runs out."""
        self.dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def marked(self) -> None:
        """Text was marked by hand (or a possible name kept): the draft is written again at once, and waited for,
        so it holds the marked text no longer than the mark takes (a mark is rare and deliberate)."""
        self.dirty = True
        if self._session.key and not self._form.is_empty():
            self.write_now()
            self.writer.flush(FINISH_WAIT_S)

    def write_now(self) -> None:
        """Hand the form as it is to the writer, if it changed since the last time (returns at once)."""
        self.timer.stop()
        if not self.dirty or not self._session.key:
            return
        self.dirty = False
        form = None if self._form.is_empty() else self._form.to_input()
        self.writer.put(form, self._form.call_id, self._form.choices.core())

    def _after_write(self, outcome) -> None:
        if isinstance(outcome, Exception):
            self.status.emit(error_text(outcome) if isinstance(outcome, HotlineError) else "")
            if self._session.key:
                self.dirty = True  # try again shortly: the disk may only be busy for a while
                self.timer.start()
        elif outcome == RESCUE and self.writer.rescue.path.exists() and self._session.store.stopped is None:
            self.status.emit(
                self.tr("The database did not take the draft just now; it is kept in the encrypted file beside it.")
            )

    def keep(self, timeout: float = FINISH_WAIT_S) -> bool:
        """Write the draft now and wait for it: whether the call on screen is kept (after an unexpected error)."""
        self.dirty = True
        self.write_now()
        return self.writer.flush(timeout) and not isinstance(self.writer.last_outcome, Exception)

    def before_save(self) -> None:
        """A draft waiting or under way must not land after the save removed the draft."""
        self.timer.stop()
        self.writer.cancel()

    def save_failed(self) -> None:
        """The save did not happen: what is on screen is kept as a draft at once (before_save dropped it)."""
        self.dirty = True
        self.write_now()

    def discard(self) -> None:
        """No call on screen any more (saved, or set aside on purpose): the draft and any rescue file go."""
        self.timer.stop()
        self.dirty = False
        self.writer.cancel()
        self.writer.put(None)

    def stop(self, reason: WritingStopped) -> bool:
        """The database takes nothing more: keep the call on screen in the rescue file now. Whether it is kept
        (True also when no call is on screen)."""
        self._session.store.stop_writing(reason)
        self.writer.stop_writing(reason)
        if self._form.is_empty():
            return True
        return self.keep()

    def finish(self) -> None:
        """At lock and close, before the key goes: the draft written, the writer closed. If the writer cannot
        finish in time, the form goes to the rescue file from here."""
        self.write_now()
        if self.writer.close(FINISH_WAIT_S) and not isinstance(self.writer.last_outcome, Exception):
            return
        log.error("the draft writer did not finish; the call on screen goes to the rescue file")
        if not self._form.is_empty():
            self.writer.rescue.write(self._form.to_input(), self._form.call_id, self._form.choices.core())

    # ----- after log-in ----------------------------------------------------------------------------

    def offer(self, ask: bool = True) -> None:
        """A draft left by a crash, a lock or a switch of counselor, or kept beside a database that could not take
        it, comes back on request; the newest one, when there are both. Not once a call is on screen: the draft
        written by now is that call's. Without `ask` (the same counselor unlocking their own lock, a call on
        screen when it locked) it comes back at once: the form simply goes on."""
        if not self._form.is_empty():
            return
        rescued = self.writer.rescue.read()
        try:
            stored = self._service.load_draft()
        except HotlineError as exc:
            log.error("the draft in the database cannot be read (%s)", type(exc).__name__)
            stored = None
        draft = max((d for d in (rescued, stored) if d is not None), key=lambda d: d.saved_at, default=None)
        if draft is None:
            return
        if not ask:
            self._restore(draft, self.tr("Your call is back as you left it."))
            return
        when = seat_time(draft.saved_at).strftime("%Y-%m-%d %H:%M:%S")
        if draft is rescued:
            text = self.tr(
                "You have an unsaved call from %1, kept in the encrypted file beside the database because the "
                "database could not take it then. Restore it?"
            )
        else:
            text = self.tr("You have an unsaved call from %1. Restore it?")
        answer = QMessageBox.question(
            self._page,
            self.tr("Unsaved call"),
            text.replace("%1", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if not self._session.key:
            return
        if answer != QMessageBox.StandardButton.Yes:
            self.discard()
            return
        self._restore(draft, self.tr("The unsaved call was restored."))

    def _restore(self, draft, said: str) -> None:
        self._form.load(draft.form, draft.call_id)
        if draft.form.started_at and not draft.form.ended_at:
            self._form.start_call()
        self.dirty = True
        self.write_now()  # into the database, which then lets the rescue file go
        try:
            self._service.note_draft_restored()
        except HotlineError as exc:
            log.error("the restored draft could not be audited (%s)", type(exc).__name__)
        self.status.emit(said)
