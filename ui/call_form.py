"""The call form, in the order a call unfolds: timer, who called (in bands), what about, notes, summary."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import risk
from desktop.call_model import CallInput, normalize_case_code
from desktop.case_history import TimelineEntry
from desktop.clock import utc_now
from desktop.taxonomy import AGE_BANDS, CALL_KINDS, EMOTIONS, GENDERS, INTERVENTIONS, REGIONS, Taxonomy
from ui.case_timeline import CaseTimeline
from ui.crisis_panel import CrisisPanel
from ui.referral_panel import ReferralPanel
from ui.risk_panel import RiskPanel
from ui.safety_plan import SafetyPlanEditor
from ui.style import set_state
from ui.widgets.code_list import CodeList
from ui.widgets.concern_picker import ConcernPicker
from ui.widgets.guarded_line import GuardedLine
from ui.widgets.guarded_text import GuardChoices, GuardedNotes, install_marking
from ui.widgets.keywords import KeywordTags
from ui.widgets.seat_time import from_edit, seat_time_edit, to_edit


def _combo(taxonomy: Taxonomy, list_name: str, lang: str, name: str, empty: str | None = None) -> QComboBox:
    combo = QComboBox(accessibleName=name)
    if empty is not None:
        combo.addItem(empty, None)
    for code in taxonomy.codes(list_name):
        combo.addItem(taxonomy.label(list_name, code, lang), code)
    return combo


def _select(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class CallForm(QWidget):
    """Emits `changed` on every edit (the window autosaves the draft) and `case_code_entered(code)`."""

    changed = Signal()
    case_code_entered = Signal(str)
    generate_case_code = Signal()

    def __init__(self, taxonomy: Taxonomy, lang: str, resources=(), owners=(), me: str = "", parent=None):
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._lang = lang
        self._prompted = False
        self._loading = False
        self._as_saved = None  # an opened saved call as it is stored (load), to tell whether it changed
        self.call_id: int | None = None
        self.started: datetime | None = None
        self.ended: datetime | None = None

        # --- the timer ---
        self.elapsed = QLabel("00:00:00", objectName="callTimer")
        self.elapsed.setAccessibleName(self.tr("Call time"))
        self.start_edit = seat_time_edit(accessibleName=self.tr("Started at"))
        self.end_edit = seat_time_edit(accessibleName=self.tr("Ended at"))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.start_edit.dateTimeChanged.connect(self._times_edited)
        self.end_edit.dateTimeChanged.connect(self._times_edited)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self._tick)

        # --- who called, in bands only ---
        self.kind = _combo(taxonomy, CALL_KINDS, lang, self.tr("Call kind"), self.tr("— choose —"))
        self.age_band = _combo(taxonomy, AGE_BANDS, lang, self.tr("Age band"))
        self.gender = _combo(taxonomy, GENDERS, lang, self.tr("Gender"))
        self.region = _combo(taxonomy, REGIONS, lang, self.tr("Province"))
        self.city = GuardedLine(placeholderText=self.tr("City (optional)"), accessibleName=self.tr("City"))
        self.first_call = QComboBox(accessibleName=self.tr("First call or repeat"))
        for label, value in ((self.tr("not known"), None), (self.tr("first call"), True), (self.tr("repeat"), False)):
            self.first_call.addItem(label, value)
        self.case_code = QLineEdit(
            placeholderText=self.tr("as the caller quotes it"), accessibleName=self.tr("Case code")
        )
        self.case_code.setMaxLength(8)
        self.case_code.setProperty("codeField", True)  # a code, checked as one: not free text
        self.case_code.editingFinished.connect(self._case_code_finished)
        self.new_code = QPushButton(self.tr("New code"))
        self.new_code.clicked.connect(self.generate_case_code)
        self.case_history = CaseTimeline(taxonomy, lang)  # the code's earlier calls; opens one on Enter

        # --- what about ---
        self.concerns = ConcernPicker(taxonomy, lang)
        self.emotions = CodeList(taxonomy, EMOTIONS, lang, self.tr("Emotions"))
        self.interventions = CodeList(taxonomy, INTERVENTIONS, lang, self.tr("Interventions"))
        self.keywords = KeywordTags(lang)

        # --- risk, crisis, referrals, safety plan ---
        self.risk = RiskPanel(lang)
        self.crisis = CrisisPanel(taxonomy, lang)
        self.referrals = ReferralPanel(taxonomy, lang, resources, owners, me)
        self.safety_plan = SafetyPlanEditor()
        self.risk_badge = QLabel(objectName="riskBadge")
        self.risk_badge.setAccessibleName(self.tr("Risk level"))
        self.risk.level_changed.connect(self._level_changed)
        self._prompt_check = QTimer(self, singleShot=True, interval=800)
        self._prompt_check.timeout.connect(self._check_prompt_words)

        # --- notes and summary ---
        self.choices = GuardChoices(self)  # marked by hand, possible names kept: for the call on screen
        self.notes = GuardedNotes(choices=self.choices)
        self.summary = GuardedLine(placeholderText=self.tr("One line for the handover"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setMaxLength(500)
        # Any free-text field underlines identifiers while typing and lets the counselor hide a word the guard
        # missed (context menu, Ctrl+Shift+H); the notes editor does both itself.
        for widgets in self.free_text_widgets().values():
            for field in widgets:
                if isinstance(field, GuardedLine):
                    field.set_choices(self.choices)
                    install_marking(field, self.choices)
        self._suggest = QTimer(self, singleShot=True, interval=800)
        self._suggest.timeout.connect(
            lambda: self.keywords.suggest_from(self.notes.text() + "\n" + self.summary.text())
        )

        self._build_layout()
        for signal in (
            self.kind.currentIndexChanged,
            self.age_band.currentIndexChanged,
            self.gender.currentIndexChanged,
            self.region.currentIndexChanged,
            self.first_call.currentIndexChanged,
            self.city.textEdited,
            self.case_code.textEdited,
            self.summary.textEdited,
            self.concerns.changed,
            self.emotions.changed,
            self.interventions.changed,
            self.keywords.changed,
            self.notes.changed,
            self.risk.changed,
            self.crisis.changed,
            self.referrals.changed,
            self.safety_plan.changed,
        ):
            signal.connect(self._edited)
        self.notes.changed.connect(self._suggest.start)
        self.notes.changed.connect(self._prompt_check.start)
        self.summary.textEdited.connect(self._prompt_check.start)
        self.clear()

    def _build_layout(self) -> None:
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.elapsed)
        timer_row.addWidget(self.start_edit)
        self._dash = QLabel("–")
        timer_row.addWidget(self._dash)
        timer_row.addWidget(self.end_edit)
        timer_row.addStretch(1)
        timer_row.addWidget(self.risk_badge)

        caller = QGroupBox(self.tr("Call and caller"))
        form = QFormLayout(caller)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Age band"), self.age_band)
        form.addRow(self.tr("Gender"), self.gender)
        place = QHBoxLayout()
        place.addWidget(self.region, 2)
        place.addWidget(self.city, 1)
        form.addRow(self.tr("Province / city"), place)
        form.addRow(self.tr("First call?"), self.first_call)
        code_row = QHBoxLayout()
        code_row.addWidget(self.case_code, 1)
        code_row.addWidget(self.new_code)
        form.addRow(self.tr("Case code"), code_row)
        form.addRow("", self.case_history)

        topics = QGroupBox(self.tr("Concerns, emotions, interventions, keywords"))
        topics_layout = QVBoxLayout(topics)
        topics_layout.addWidget(self.concerns, 3)
        topics_layout.addWidget(QLabel(self.tr("Emotions")))
        topics_layout.addWidget(self.emotions, 1)
        topics_layout.addWidget(QLabel(self.tr("Interventions")))
        topics_layout.addWidget(self.interventions, 1)
        topics_layout.addWidget(QLabel(self.tr("Keywords")))
        topics_layout.addWidget(self.keywords)

        self.sections = QTabWidget()
        self.sections.addTab(topics, self.tr("Concerns"))  # the tree scrolls itself: one scroll bar, not two
        self.sections.addTab(self.risk, self.tr("Risk assessment"))  # it scrolls its items under a fixed level
        self.sections.addTab(self._scrolled(self.crisis), self.tr("Crisis protocol"))
        self.sections.addTab(self._scrolled(self.referrals), self.tr("Referrals and follow-ups"))
        self.sections.addTab(self._scrolled(self.safety_plan), self.tr("Safety plan"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(caller)
        left_layout.addWidget(self.sections, 1)
        right = QGroupBox(self.tr("Notes"))
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.notes, 1)
        right_layout.addWidget(QLabel(self.tr("Summary for the handover")))
        right_layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(timer_row)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.kind, self.age_band)
        for first, second in (
            (self.age_band, self.gender),
            (self.gender, self.region),
            (self.region, self.city),
            (self.city, self.first_call),
            (self.first_call, self.case_code),
            (self.case_code, self.new_code),
            (self.new_code, self.concerns.search),
            (self.concerns.search, self.concerns.tree),
            (self.concerns.tree, self.emotions),
            (self.emotions, self.interventions),
            (self.interventions, self.keywords.entry),
            (self.keywords.entry, self.notes.editor),
            (self.notes.editor, self.summary),
        ):
            self.setTabOrder(first, second)

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea(widgetResizable=True)
        area.setWidget(widget)
        return area

    def show_section(self, widget: QWidget) -> None:
        for index in range(self.sections.count()):
            area = self.sections.widget(index)
            if area is widget or (isinstance(area, QScrollArea) and area.widget() is widget):
                self.sections.setCurrentIndex(index)
                return

    def _level_changed(self, level: str) -> None:
        touched = self.risk.touched
        text = risk.level_label(level, self._lang) if touched else self.tr("not assessed")
        self.risk_badge.setText(self.tr("Risk: %1").replace("%1", text))
        set_state(self.risk_badge, "riskLevel", level if touched else "unassessed")
        if level == "imminent":
            self.show_section(self.crisis)  # an imminent call shows the protocol at once

    def _check_prompt_words(self) -> None:
        """Notes that mention suicide open the assessment with a banner, once per call."""
        if self._prompted or self._loading or self.risk.touched:
            return
        words = risk.mentions_suicide(self.notes.text() + "\n" + self.summary.text())
        if words:
            self._prompted = True
            self.risk.show_prompt(words)
            self.show_section(self.risk)

    def mentions_suicide(self) -> list[str]:
        return risk.mentions_suicide(self.notes.text() + "\n" + self.summary.text())

    # ----- the timer ------------------------------------------------------------------------------

    def start_call(self) -> None:
        if self.started is None:
            self.started = utc_now()
        self.ended = None
        self._show_times()
        self._tick()
        self._ticker.start()
        self.kind.setFocus()
        self._edited()

    def end_call(self) -> None:
        if self.started is None:
            return
        self.ended = utc_now()
        self._ticker.stop()
        self._show_times()
        self._tick()
        self._edited()

    @property
    def running(self) -> bool:
        return self._ticker.isActive()

    def _show_times(self) -> None:
        self._loading, was = True, self._loading
        for edit, moment in ((self.start_edit, self.started), (self.end_edit, self.ended)):
            edit.setEnabled(moment is not None)
            edit.setVisible(moment is not None)
            if moment is not None:
                edit.setDateTime(to_edit(moment))
        self._dash.setVisible(self.ended is not None)
        self._loading = was

    def _times_edited(self) -> None:
        if self._loading:
            return
        if self.started is not None and self.start_edit.isEnabled():
            self.started = from_edit(self.start_edit.dateTime()).astimezone(UTC)
        if self.ended is not None and self.end_edit.isEnabled():
            self.ended = from_edit(self.end_edit.dateTime()).astimezone(UTC)
        self._tick()
        self._edited()

    def _tick(self) -> None:
        if self.started is None:
            self.elapsed.setText("00:00:00")
            return
        seconds = max(0, int(((self.ended or utc_now()) - self.started).total_seconds()))
        self.elapsed.setText(f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}")

    # ----- reading and filling ----------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def _case_code_finished(self) -> None:
        code = normalize_case_code(self.case_code.text())
        if code:
            self.case_code.setText(code)
            self.case_code_entered.emit(code)
        else:
            self.case_history.hide()

    def to_input(self) -> CallInput:
        return CallInput(
            kind=self.kind.currentData(),
            started_at=self.started,
            ended_at=self.ended,
            age_band=self.age_band.currentData(),
            gender=self.gender.currentData(),
            region=self.region.currentData(),
            city=self.city.text(),
            first_call=self.first_call.currentData(),
            case_code=self.case_code.text().strip() or None,
            concerns=self.concerns.codes(),
            emotions=self.emotions.codes(),
            interventions=self.interventions.codes(),
            keywords=self.keywords.words(),
            summary=self.summary.text(),
            notes=self.notes.text(),
            risk=self.risk.to_input(),
            crisis_actions=self.crisis.to_inputs(),
            referrals=self.referrals.referrals(),
            follow_ups=self.referrals.follow_ups(),
            safety_plan=self.safety_plan.to_dict(),
        )

    def load(self, form: CallInput, call_id: int | None = None) -> None:
        self._loading = True
        try:
            self.call_id = call_id
            self.started, self.ended = form.started_at, form.ended_at
            self._ticker.stop()
            self._show_times()
            self._tick()
            _select(self.kind, form.kind)
            _select(self.age_band, form.age_band)
            _select(self.gender, form.gender)
            _select(self.region, form.region)
            _select(self.first_call, form.first_call)
            self.city.setText(form.city)
            self.case_code.setText(form.case_code or "")
            self.concerns.set_codes(form.concerns)
            self.emotions.set_codes(form.emotions)
            self.interventions.set_codes(form.interventions)
            self.keywords.set_words(form.keywords)
            self.notes.set_text(form.notes)
            self.summary.setText(form.summary)
            self.case_history.hide()
            self.risk.load(form.risk)
            self.crisis.load(form.crisis_actions)
            self.referrals.load(form.referrals, form.follow_ups)
            self.safety_plan.load(form.safety_plan)
            self._prompted = False
            self._level_changed(self.risk.final_level)
            self.sections.setCurrentIndex(0)
            self.choices.clear()
        finally:
            self._loading = False
        self._as_saved = self.to_input() if call_id is not None else None  # an opened saved call, as it is stored

    def clear(self) -> None:
        self.load(CallInput())

    def free_text_widgets(self) -> dict[str, list]:
        """The widgets where each free-text field of desktop/free_text.py is typed, by the field's name."""
        return {
            "notes": [self.notes.editor],
            "summary": [self.summary],
            "city": [self.city],
            "keywords": [self.keywords.entry],
            "override_reason": [self.risk.reason],
            "follow_up_note": [self.referrals.note],
            "safety_plan": list(self.safety_plan.fields.values()),
        }

    def is_empty(self) -> bool:
        return self.to_input() == CallInput()

    def is_saved_unchanged(self) -> bool:
        """An opened saved call that nobody changed: closing it loses nothing."""
        return self._as_saved is not None and self.to_input() == self._as_saved

    def is_saved_changed(self) -> bool:
        """An opened saved call with changes on screen: closing it loses the changes, not the call."""
        return self._as_saved is not None and self.to_input() != self._as_saved

    def show_case_history(self, entries: list[TimelineEntry], names: dict[str, str]) -> None:
        self.case_history.show_entries(entries, names)
