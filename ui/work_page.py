"""The page a logged-in counselor works on: the call form and the call list, with their actions."""

from dataclasses import replace

from shiboken6 import isValid

from PySide6.QtCore import QMetaMethod, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop import free_text
from desktop.call_model import QUICK_KINDS, CallInput, new_case_code
from desktop.call_read import read_call
from desktop.calls import CallService
from desktop.case_history import case_timeline
from desktop.clock import utc_now
from desktop.directory import Directory
from desktop.errors import HotlineError, WritingStopped
from desktop.followups import FollowUpService
from desktop.privacy import segmenter
from desktop.retention import set_legal_hold
from desktop.seat import Session
from desktop.supervision import SupervisionService
from desktop.taxonomy import CALL_KINDS, load_taxonomy
from ui import center_line
from ui.call_form import CallForm
from ui.call_list import CallList
from ui.call_view import CallReadDialog
from ui.center_timeline import add_centre_calls
from ui.dialogs import AmendmentDialog
from ui.drafts import DraftKeeper
from ui.followup_queue import FollowUpQueue
from ui.import_calls import CallImport
from ui.integrity_watch import IntegrityWatch
from ui.messages import error_text
from ui.redaction_dialog import RedactionDialog, has_findings
from ui.retention_runner import RetentionRunner
from ui.seat_alarm import SeatAlarm
from ui.shift_dialog import ShiftDialog
from ui.shift_status import ShiftStatus
from ui.supervision_dialog import SupervisionDialog
from ui.worker import run_in_background


class WorkPage(QWidget):
    """Everything bound to one session. `status(text)` reports what happened, for the status bar;
    `handover_requested(shift_id)` asks for the handover summary of a shift the lead just closed."""

    status = Signal(str)
    follow_ups_changed = Signal(int, int)
    handover_requested = Signal(int)

    def __init__(self, session: Session, lang: str, autosave_seconds: int, parent=None):
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self.service = CallService(session)
        self.taxonomy = load_taxonomy()
        self.directory = Directory(session)
        resources = [(r.id, r.name, r.kind, r.phone, r.hours) for r in self.directory.entries()]
        owners = session.seat.vault.accounts()
        self.form = CallForm(self.taxonomy, lang, resources, owners, session.actor)
        self.calls = CallList(
            self.service,
            self.taxonomy,
            lang,
            can_see_all=session.role != "counselor",
            can_hold=session.role in ("lead", "admin"),
        )
        centre = session if center_line.enrolled(session) else None  # the centre's queue at an enrolled seat
        self.queue = FollowUpQueue(FollowUpService(session), self.taxonomy, lang, lambda: self.alive, centre=centre)
        self.queue.counts_changed.connect(self.follow_ups_changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("Current call"))
        self.tabs.addTab(self.calls, self.tr("Calls"))
        self.tabs.addTab(self.queue, self.tr("Follow-ups and referrals"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.alarm = SeatAlarm()  # shown once the database takes nothing more
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.alarm)
        layout.addWidget(self.tabs)

        self.drafts = DraftKeeper(session, self.form, autosave_seconds, self)
        self.drafts.status.connect(self.status)
        self.drafts.stopped.connect(self.writing_stopped)
        self.form.changed.connect(self.drafts.changed)
        self.form.choices.changed.connect(self.drafts.marked)
        self.form.generate_case_code.connect(
            lambda: self.form.case_code.setText(new_case_code()) or self.form.changed.emit()
        )
        self.form.case_code_entered.connect(self._show_case_history)
        self.form.case_history.open_call.connect(self.open_call)
        self.calls.open_call.connect(self.open_call)
        self.calls.hold_requested.connect(self.set_legal_hold)
        self.calls.supervision_flag_requested.connect(self.set_supervision_flag)
        self.calls.supervision_notes_requested.connect(self.show_supervision_notes)
        # the shift and this counselor's talk time, for the status bar (the main window places it)
        self.shift_status = ShiftStatus(session, lambda: self.alive)
        self.destroyed.connect(self.shift_status.deleteLater)  # it lives in the status bar, and goes with the page
        self.shift_status.break_suggested.connect(self.status)
        QTimer.singleShot(0, self.shift_status.refresh)  # once the window listens to `status`
        # the name finder's model loads in the background, so the first keystroke does not wait for it
        run_in_background(segmenter.warm_up, lambda _result: None, lambda _exc: None)
        # the shred of calls past the retention period, started once the integrity check after log-in passed
        self.retention = RetentionRunner(session, lambda: self.has_unsaved_call, self)
        self.retention.status.connect(self.status)
        self.integrity = IntegrityWatch(session, self)  # the main window starts it after log-in
        self.integrity.intact.connect(lambda: None if self.retention.next_run else self.retention.start())
        self.integrity.damaged.connect(self.writing_stopped)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.calls:
            self.calls.reload()
        elif self.tabs.widget(index) is self.queue:
            self.queue.reload()

    def show_follow_ups(self) -> None:
        self.tabs.setCurrentWidget(self.queue)

    def reload_lists(self) -> None:
        """After calls arrived from elsewhere (an import): the call list and the follow-ups load again."""
        self.calls.reload()
        self.queue.reload()

    def import_calls(self) -> None:
        """Import a JSON Lines file (admins; the core refuses anyone else)."""
        importer = CallImport(self.session, self)
        importer.done.connect(self.reload_lists)
        importer.run()

    @property
    def alive(self) -> bool:
        """False once the window locked while a dialog of this page was open: the key is gone."""
        return bool(self.session.key)

    # ----- drafts, and a database that takes nothing more -------------------------------------------

    @property
    def has_unsaved_call(self) -> bool:
        """Something on screen that closing it would lose (an opened saved call as it was stored is not)."""
        return not self.form.is_empty() and not self.form.is_saved_unchanged()

    def keep_draft(self) -> bool | None:
        """After an unexpected error: save the draft now. None when no call is on screen (or the seat is
        locked), else whether the call on screen is kept."""
        if not self.alive or not self.has_unsaved_call:
            return None
        return self.drafts.keep()

    def offer_draft(self, ask: bool = True) -> None:
        """After log-in: a draft left by a crash, a lock, a switch of counselor or a database that could not take
        it comes back on request; after unlocking one's own lock, at once (`ask` False)."""
        if self.alive:  # not locked before this ran
            self.drafts.offer(ask)

    def writing_stopped(self, reason: WritingStopped, backup=None) -> bool:
        """The database takes nothing more (damaged, or its files changed under the program): every later write
        is refused, the call on screen goes to the rescue file, the banner says what to do. Whether the call on
        screen is kept."""
        if not self.alive:
            return False
        first = self.alarm.reason is None
        kept = self.drafts.stop(reason)
        if first or not isinstance(self.alarm.reason, type(reason)):
            self.alarm.show_reason(reason, kept, backup)
        self.retention.timer.stop()
        return kept

    # ----- the call -----------------------------------------------------------------------------

    def start_call(self) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.start_call()
        self.status.emit(self.tr("Call started."))

    def end_call(self) -> None:
        self.form.end_call()
        self.status.emit(self.tr("Call ended."))

    def new_call(self) -> None:
        if self.has_unsaved_call:
            if self.form.is_saved_changed():
                text = self.tr(
                    "Discard your changes to this saved call and start a new one? The call stays as it was saved."
                )
            else:
                text = self.tr("Discard the call on screen and start a new one?")
            answer = QMessageBox.question(self, self.tr("New call"), text)
            if answer != QMessageBox.StandardButton.Yes or not self.alive:
                return
        elif not self.form.is_empty():
            self.status.emit(self.tr("The saved call was closed; nothing was changed."))
        self.form.clear()
        self.drafts.discard()
        self.tabs.setCurrentWidget(self.form)
        self.form.kind.setFocus()

    def save(self) -> bool:
        self.tabs.setCurrentWidget(self.form)
        form = self.form.to_input()
        if form.started_at and form.ended_at is None:
            form = replace(form, ended_at=utc_now())
        problems = self.service.problems(form)
        if problems:
            QMessageBox.warning(self, self.tr("Not saved yet"), "\n".join(error_text(p) for p in problems))
            return False
        if form.risk is None and self.form.mentions_suicide():
            answer = QMessageBox.question(
                self,
                self.tr("No risk assessment"),
                self.tr("The notes mention suicide, but the risk assessment is empty. Save without an assessment?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not self.alive:
                if self.alive:
                    self.form.show_section(self.form.risk)
                return False
        fields = list(free_text.form_texts(form))
        if has_findings(fields, self.form.choices):
            dialog = RedactionDialog(fields, self.form.choices, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            dialog.deleteLater()  # it listens to the call's choices: it must not outlive its save
            if not accepted or not self.alive:
                return False
        return self._store(form)

    def _store(self, form: CallInput) -> bool:
        self.drafts.before_save()
        try:
            result = self.service.save(form, self.form.call_id, self.form.choices.core())
        except HotlineError as exc:
            self._not_saved(exc)
            return False
        self.form.clear()
        self.drafts.discard()
        self.queue.reload()
        self._saved(self.tr("Call saved (%1).").replace("%1", str(result.call_id)))
        return True

    def _not_saved(self, exc: HotlineError) -> None:
        """Say the call was not saved, and keep what is on screen as a draft at once."""
        text = error_text(exc)
        if isinstance(exc, WritingStopped):
            if self.writing_stopped(exc):
                text += "\n\n" + self.tr(
                    "The call on screen is kept as an encrypted draft beside the database; the next log-in offers "
                    "it back."
                )
        else:
            self.drafts.save_failed()
        QMessageBox.critical(self, self.tr("Not saved"), text)

    def _saved(self, text: str) -> None:
        """Say a call was saved. A break suggestion that has just come up is said by the status bar's own
        label beside this message (ui/shift_status.py), not squeezed into it where it would be cut off."""
        self.shift_status.refresh(announce=False)
        self.status.emit(text)

    def quick_log(self, kind: str) -> None:
        """One key for a silent call, a hang-up, a wrong number or harassment: a new call with the kind and the
        timer's times. It never replaces a call being edited, and asks before setting aside what was typed."""
        assert kind in QUICK_KINDS
        now = utc_now()
        label = self.taxonomy.label(CALL_KINDS, kind, self.lang)
        typed = self.form.to_input()
        only_timer = replace(typed, started_at=None, ended_at=None) == CallInput()
        if self.form.call_id is not None or not only_timer:
            answer = QMessageBox.question(
                self,
                self.tr("Quick log"),
                self.tr("Log a new %1 call and clear what is on screen? (It stays as your draft until then.)").replace(
                    "%1", label
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not self.alive:
                return
        quick = CallInput(kind=kind, started_at=(typed.started_at if only_timer else None) or now, ended_at=now)
        self.drafts.before_save()
        try:
            result = self.service.save(quick)
        except HotlineError as exc:
            self._not_saved(exc)
            return
        self.form.clear()
        self.drafts.discard()
        self._saved(self.tr("Logged: %1.").replace("%1", label) + f" ({result.call_id})")

    def _show_case_history(self, code: str) -> None:
        """The case code's timeline under its field: every call of the code this viewer may see."""
        local, names = case_timeline(self.session, code), self._names()
        self.form.show_case_history(local, names)
        shown = self.form.case_history  # the centre's calls of the code from every seat, when they come
        add_centre_calls(
            self.session, code, local, lambda entries, seat: shown.show_entries(entries, names, own_seat=seat)
        )

    # ----- reading saved calls --------------------------------------------------------------------

    def set_legal_hold(self, call_id: int, held: bool) -> None:
        """Place or lift a legal hold (leads and admins): a held call is never shredded."""
        if not held:
            answer = QMessageBox.question(
                self,
                self.tr("Legal hold"),
                self.tr(
                    "Lift the legal hold on call %1? Its free text is then shredded once it is past the retention "
                    "period."
                ).replace("%1", str(call_id)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not self.alive:
                return
        try:
            set_legal_hold(self.session, call_id, held)
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Legal hold"), error_text(exc))
            return
        self.calls.refresh()
        text = self.tr("Call %1 is under legal hold.") if held else self.tr("The legal hold on call %1 was lifted.")
        self.status.emit(text.replace("%1", str(call_id)))

    def set_supervision_flag(self, call_id: int, flagged: bool) -> None:
        """Flag a call for supervision or remove the flag (leads and admins)."""
        try:
            SupervisionService(self.session).flag(call_id, flagged)
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Supervision"), error_text(exc))
            return
        self.calls.refresh()
        if flagged:
            text = self.tr("Call %1 is flagged for supervision.")
        else:
            text = self.tr("The supervision flag on call %1 was removed.")
        self.status.emit(text.replace("%1", str(call_id)))

    def show_supervision_notes(self, call_id: int) -> None:
        try:
            dialog = SupervisionDialog(SupervisionService(self.session), call_id, self._names(), self)
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Supervision"), error_text(exc))
            return
        dialog.note_added.connect(lambda _: self.calls.refresh())
        dialog.exec()

    def _names(self) -> dict[str, str]:
        return dict(self.session.seat.vault.accounts())

    # ----- the shift (leads and admins) -----------------------------------------------------------

    def shift_dialog(self) -> ShiftDialog:
        """The shift window of this session, made on first use; it goes with the page when the seat locks."""
        dialog = self.findChild(ShiftDialog)
        if dialog is None:
            dialog = ShiftDialog(self.session, self)
            dialog.changed.connect(lambda: self.shift_status.refresh())
            dialog.closed.connect(self._shift_closed)
        return dialog

    def _shift_closed(self, shift_id: int) -> None:
        """Offer the handover summary once something can print it (the main window connects it)."""
        if not self.isSignalConnected(QMetaMethod.fromSignal(self.handover_requested)):
            self.status.emit(self.tr("The shift is closed."))
            return
        answer = QMessageBox.question(
            self.shift_dialog(),
            self.tr("Close shift"),
            self.tr("The shift is closed. Print the handover summary for the next lead now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes and self.alive:
            self.handover_requested.emit(shift_id)

    def find(self) -> None:
        self.tabs.setCurrentWidget(self.calls)
        self.calls.search.setFocus()
        self.calls.search.selectAll()

    def open_call(self, call_id: int) -> None:
        """The read view of a call; from its case timeline, the read view of another call of the code."""
        while call_id is not None and self.alive:
            call_id = self._read_call(call_id)

    def _read_call(self, call_id: int) -> int | None:
        """Show one call's read view and do what was chosen there; the next call to read, if one was chosen."""
        try:
            view = read_call(self.session, call_id)
            code = view.record.form.case_code
            timeline = case_timeline(self.session, code) if code else []
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Call"), error_text(exc))
            return None
        record = view.record
        dialog = CallReadDialog(self.session, view, timeline, self.taxonomy, self.lang, self._names(), self)
        names = self._names()  # the centre's calls of the code from every seat, added when they come
        add_centre_calls(
            self.session,
            code,
            timeline,
            lambda entries, seat: (
                dialog.timeline.show_entries(entries, names, current=record.id, own_seat=seat)
                if isValid(dialog)
                else None
            ),
        )
        result = dialog.exec()
        if not self.alive:
            return None
        if result == CallReadDialog.OPEN_OTHER:
            return dialog.chosen_call
        if result == CallReadDialog.EDIT:
            if self.has_unsaved_call:
                QMessageBox.information(self, self.tr("Edit"), self.tr("Save or clear the call on screen first."))
                return None
            self.form.load(record.form, record.id)
            self.tabs.setCurrentWidget(self.form)
        elif result == CallReadDialog.AMEND:
            dialog = AmendmentDialog(self)
            if dialog.exec() == QDialog.DialogCode.Accepted and self.alive:
                try:
                    self.service.add_amendment(call_id, dialog.text.toPlainText(), dialog.choices.core())
                    self.status.emit(self.tr("Amendment saved."))
                except HotlineError as exc:
                    QMessageBox.warning(self, self.tr("Amendment"), error_text(exc))
        return None
