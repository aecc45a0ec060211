"""The statistics view for leads and admins: a window of seat days, charts with their numbers as tables,
export as CSV or as the one-page monthly report PDF.

The statistics are counted on a worker thread on a connection of its own (`Session.another`), and so are
the exports; the view only shows what comes back. A result that arrives after the window was changed
again is dropped, so the screen always shows the window in the date fields. An export writes the window
on screen. The view belongs to the work page and goes with it when the seat locks.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shiboken6 import isValid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import risk
from desktop.center.connect import CenterUnreachable
from desktop.clock import seat_today
from desktop.errors import HotlineError
from desktop.reports.service import StatsService, StatsWindow, preset_window
from desktop.seat import Session
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERN_GROUPS,
    CONCERNS,
    CRISIS_ACTIONS,
    EMOTIONS,
    GENDERS,
    REFERRAL_KINDS,
    REGIONS,
    load_taxonomy,
)
from ui.center_stats import CenterScope, count_centre
from ui.charts import ChartView, HeatMap, SectionPanel, count_table
from ui.file_dialogs import save_file
from ui.messages import error_text
from ui.stats_models import CountTableModel, HeatModel
from ui.style import set_state
from ui.worker import run_in_background

RISK_LEVELS = "risk_levels"  # labelled by desktop.risk, not the taxonomy
TALK_TIME = (  # (key, row of the talk time table, caption of the figure above the tabs)
    ("total", QT_TRANSLATE_NOOP("StatsView", "Total talk time"), QT_TRANSLATE_NOOP("StatsView", "Talk time (min)")),
    ("mean", QT_TRANSLATE_NOOP("StatsView", "Mean"), QT_TRANSLATE_NOOP("StatsView", "Mean (min)")),
    ("median", QT_TRANSLATE_NOOP("StatsView", "Median"), QT_TRANSLATE_NOOP("StatsView", "Median (min)")),
    ("p90", QT_TRANSLATE_NOOP("StatsView", "90th percentile"), QT_TRANSLATE_NOOP("StatsView", "90th percentile (min)")),
)


@dataclass(frozen=True)
class Section:
    key: str  # the statistics key
    title: str  # marked for translation, translated at display
    codes: str  # the code list that labels it
    in_list_order: bool = False  # every code of the list in its order, zeros too; else most first
    share: bool = True  # a share of all calls (not for counts of actions)


SECTIONS = {
    s.key: s
    for s in (
        Section("by_kind", QT_TRANSLATE_NOOP("StatsView", "Calls by kind"), CALL_KINDS),
        Section("by_concern_group", QT_TRANSLATE_NOOP("StatsView", "Concerns by group"), CONCERN_GROUPS),
        Section("by_concern", QT_TRANSLATE_NOOP("StatsView", "Concerns by item"), CONCERNS),
        Section("by_emotion", QT_TRANSLATE_NOOP("StatsView", "Emotions"), EMOTIONS),
        Section("by_age_band", QT_TRANSLATE_NOOP("StatsView", "Age bands"), AGE_BANDS, in_list_order=True),
        Section("by_gender", QT_TRANSLATE_NOOP("StatsView", "Gender"), GENDERS, in_list_order=True),
        Section("by_region", QT_TRANSLATE_NOOP("StatsView", "Regions"), REGIONS),
        Section("by_risk_level", QT_TRANSLATE_NOOP("StatsView", "Risk levels"), RISK_LEVELS, in_list_order=True),
        Section("crisis_actions", QT_TRANSLATE_NOOP("StatsView", "Crisis actions"), CRISIS_ACTIONS, share=False),
        Section("referrals_by_kind", QT_TRANSLATE_NOOP("StatsView", "Referrals"), REFERRAL_KINDS, share=False),
    )
}
TABS = (  # (tab title, sections side by side)
    (QT_TRANSLATE_NOOP("StatsView", "Kinds"), ("by_kind",)),
    (QT_TRANSLATE_NOOP("StatsView", "Concerns"), ("by_concern_group", "by_concern")),
    (QT_TRANSLATE_NOOP("StatsView", "Emotions"), ("by_emotion",)),
    (QT_TRANSLATE_NOOP("StatsView", "Age and gender"), ("by_age_band", "by_gender")),
    (QT_TRANSLATE_NOOP("StatsView", "Regions"), ("by_region",)),
    (QT_TRANSLATE_NOOP("StatsView", "Risk levels"), ("by_risk_level",)),
    (QT_TRANSLATE_NOOP("StatsView", "Crisis actions and referrals"), ("crisis_actions", "referrals_by_kind")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatsView", text)


class StatsView(QDialog):
    """Non-modal; opened from the Seat menu by leads and admins."""

    def __init__(self, session: Session, lang: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statistics"))
        self._session = session
        self._lang = lang
        self._taxonomy = load_taxonomy()
        self._request = 0  # the latest count asked for; older answers are dropped
        self.shown: StatsWindow | None = None

        self.presets = QButtonGroup(self)
        preset_row = QHBoxLayout()
        self.preset_buttons = {}
        for key, text in (
            ("shift", self.tr("This shift")),
            ("today", self.tr("Today")),
            ("week", self.tr("This week")),
            ("last30", self.tr("Last 30 days")),
            ("month", self.tr("This month")),
            ("custom", self.tr("Custom")),
        ):
            button = QPushButton(text, checkable=True, objectName="statsPreset")  # ui/style.py marks the chosen
            self.presets.addButton(button)
            self.preset_buttons[key] = button
            preset_row.addWidget(button)
            button.clicked.connect(lambda _=False, k=key: self.choose(k))
        self.date_from = QDateEdit(calendarPopup=True, accessibleName=self.tr("From"), displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(calendarPopup=True, accessibleName=self.tr("To"), displayFormat="yyyy-MM-dd")
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_edited)
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_pdf_button = QPushButton(self.tr("Monthly report PDF…"))
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.scope = CenterScope(session, self)  # 本席位 / 全中心, only at an enrolled seat
        self.scope.changed.connect(self._scope_changed)
        controls = QHBoxLayout()
        controls.addWidget(self.scope)
        controls.addLayout(preset_row)
        controls.addSpacing(12)
        for label, widget in ((self.tr("From"), self.date_from), (self.tr("to"), self.date_to)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_csv_button)
        controls.addWidget(self.export_pdf_button)
        self.message = QLabel(wordWrap=True, objectName="statsMessage")

        self.figures: dict[str, QLabel] = {}
        band = QFrame(objectName="statsFigures")
        figures = QHBoxLayout(band)
        for key, caption in (("calls_total", self.tr("Calls")), *((k, _tr(c)) for k, _, c in TALK_TIME)):
            value = QLabel("0", objectName="statsFigure")
            value.setAccessibleName(caption)
            self.figures[key] = value
            cell = QVBoxLayout()
            cell.addWidget(value)
            cell.addWidget(QLabel(caption))
            figures.addLayout(cell, 1)

        self.tabs = QTabWidget()
        self.days_chart = ChartView()
        self.days_model = CountTableModel((self.tr("Day"), self.tr("Calls"), self.tr("Share of calls")), parent=self)
        self.days_table = count_table(self.days_model)
        self.days_table.setAccessibleName(self.tr("Calls per day"))
        days = QWidget()
        days_layout = QHBoxLayout(days)
        days_layout.addWidget(self.days_chart, 3)
        days_layout.addWidget(self.days_table, 1)
        self.tabs.addTab(days, self.tr("Calls per day"))
        self.heat_model = HeatModel(self.tr("Total"), self)
        self.heat_table = HeatMap(self.heat_model, accessibleName=self.tr("Calls by weekday and hour"))
        heat = QWidget()
        heat_layout = QVBoxLayout(heat)
        heat_layout.addWidget(QLabel(self.tr("Calls by weekday and hour of the day (seat time)"), wordWrap=True))
        heat_layout.addWidget(self.heat_table, 1)
        self.tabs.addTab(heat, self.tr("Weekday × hour"))
        self.panels: dict[str, SectionPanel] = {}
        for title, keys in TABS:
            page = QWidget()
            row = QHBoxLayout(page)
            for key in keys:
                section = SECTIONS[key]
                headers = (_tr(section.title), self.tr("Calls") if section.share else self.tr("Count"))
                if section.share:
                    headers += (self.tr("Share of calls"),)
                panel = SectionPanel(_tr(section.title), headers, stacked=len(keys) > 1)
                self.panels[key] = panel
                row.addWidget(panel, 1)
            self.tabs.addTab(page, _tr(title))
        self.talk_panel = SectionPanel(self.tr("Talk time (min)"), (self.tr("Figure"), self.tr("Minutes")), 1)
        talk = QWidget()
        talk_layout = QVBoxLayout(talk)
        talk_layout.addWidget(self.talk_panel, 1)
        talk_layout.addWidget(QLabel(self.tr("Talk time covers the calls with an end time."), wordWrap=True))
        self.tabs.addTab(talk, self.tr("Talk time"))

        seat_headers = (self.tr("Seat"), self.tr("Calls"), self.tr("Share of calls"))
        self.seat_panel = SectionPanel(self.tr("Calls by seat"), seat_headers)  # 全中心 only
        self.tabs.addTab(self.seat_panel, self.tr("Seats"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.seat_panel), False)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(band)
        layout.addWidget(self.tabs, 1)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a date field must not press a preset or an export
        self.resize(1240, 760)
        self.choose("last30")  # never a month of one day on the first

    # ----- the window -----------------------------------------------------------------------------

    def window_dates(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def choose(self, preset: str) -> None:
        """A preset sets both dates and counts; "custom" leaves the dates to the person."""
        self.preset_buttons[preset].setChecked(True)
        if preset == "custom":
            self.date_from.setFocus()
            return
        if preset != "shift":  # the shift's dates come with its statistics
            self._set_dates(*preset_window(preset, seat_today()))
        self.refresh()

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        self.preset_buttons["custom"].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        """Count the window in the date fields, off the GUI thread."""
        self._request += 1
        request = self._request
        date_from, date_to = self.window_dates()
        this_shift = self.preset_buttons["shift"].isChecked()
        if date_from > date_to and not this_shift:
            self._show(None)
            self._say(self.tr("The start date is after the end date: choose a start on or before the end."), True)
            return
        self._say(self.tr("Counting…"))
        session = self._session
        if self.scope.centre:
            run_in_background(
                lambda: count_centre(session, date_from, date_to),
                lambda result: self._counted(request, result),
                lambda exc: self._failed(request, exc),
            )
            return

        def work() -> StatsWindow:
            with session.another() as own:
                service = StatsService(own)
                return service.this_shift() if this_shift else service.window(date_from, date_to)

        run_in_background(work, lambda result: self._counted(request, result), lambda exc: self._failed(request, exc))

    def _counted(self, request: int, result: StatsWindow) -> None:
        if isValid(self) and request == self._request:
            self._say("")
            if self.preset_buttons["shift"].isChecked():
                self._set_dates(result.date_from, result.date_to)
            self._show(result)

    def _failed(self, request: int, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            raise exc
        if isValid(self) and request == self._request:
            self._show(None)
            if self.scope.centre and isinstance(exc, CenterUnreachable):
                unreachable = self.tr(
                    "The centre cannot be reached now, so its statistics cannot be counted; this seat's own are "
                    "under This seat."
                )
                self._say(unreachable, True)
                return
            self._say(error_text(exc), True)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        set_state(self.message, "problem", problem)  # its colours per look in ui/style.py
        self.message.setVisible(bool(text))

    # ----- showing --------------------------------------------------------------------------------

    def _label(self, section: Section, code: str) -> str:
        if section.codes == RISK_LEVELS:
            return risk.level_label(code, self._lang)
        return self._taxonomy.label(section.codes, code, self._lang)

    def _rows(self, section: Section, counts: dict[str, int]) -> list[tuple[str, str, int]]:
        if section.in_list_order:
            known = list(risk.REPORTED_LEVELS) if section.codes == RISK_LEVELS else self._taxonomy.codes(section.codes)
            codes = known + [code for code in counts if code not in known]
        else:
            codes = sorted(counts, key=lambda c: (-counts[c], c == "unknown", c))
        return [(code, self._label(section, code), counts.get(code, 0)) for code in codes]

    def _show(self, shown: StatsWindow | None) -> None:
        """Fill every chart and table from `shown`; None empties them (nothing stale stays on screen)."""
        self.shown = shown
        self._show_buttons()
        stats = shown.stats if shown else {}
        total = stats.get("calls_total", 0)
        talk = stats.get("talk_time_s") or {}
        self.figures["calls_total"].setText(f"{total:,}")
        for key, _, _ in TALK_TIME:
            self.figures[key].setText(f"{talk.get(key, 0) / 60:,.1f}")
        by_seat = stats.get("by_seat") or {}
        self.seat_panel.show_rows([(name, name, count) for name, count in by_seat.items()], total)
        days = shown.days if shown else []
        self.days_model.set_rows([(day, day, count) for day, count in days], total)
        self.days_chart.show_days(self.tr("Calls per day"), days)
        self.heat_model.set_grid(shown.weekday_hour if shown else [[0] * 24 for _ in range(7)])
        for key, panel in self.panels.items():
            panel.show_rows(self._rows(SECTIONS[key], stats.get(key) or {}) if shown else [], total)
        self.talk_panel.show_rows(
            [(k, _tr(t), talk.get(k, 0) / 60) for k, t, _ in TALK_TIME] if shown else [],
            charted=lambda key: key != "total",  # the total would dwarf the per-call figures
        )

    # ----- export ---------------------------------------------------------------------------------

    def ask_path(self, fmt: str, suggested: str) -> str:
        """Where to write the export ('' when cancelled). Tests replace this method."""
        kinds = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("PDF files (*.pdf)")
        return save_file(self, "stats", self.tr("Export statistics"), suggested, kinds)

    def export(self, fmt: str) -> None:
        """Write the window on screen as CSV or as the monthly report PDF, off the GUI thread."""
        shown = self.shown
        if shown is None:
            return
        name = "hotline-stats" if fmt == "csv" else "hotline-report"
        path = self.ask_path(fmt, f"{name}-{shown.date_from.isoformat()}-{shown.date_to.isoformat()}.{fmt}")
        if not path:
            return
        if Path(path).suffix.lower() != f".{fmt}":
            path += f".{fmt}"
        session, lang = self._session, self._lang

        def work() -> str:
            with session.another() as own:
                service = StatsService(own)
                service.export_csv(shown, path) if fmt == "csv" else service.export_pdf(shown, path, lang)
            return path

        for button in (self.export_csv_button, self.export_pdf_button):
            button.setEnabled(False)
        self._say(self.tr("Writing %1…").replace("%1", path))
        run_in_background(work, self._exported, self._export_failed)

    def _exported(self, path: str) -> None:
        if isValid(self):
            self._show_buttons()
            self._say(self.tr("Written to %1.").replace("%1", path))

    def _export_failed(self, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            raise exc
        if isValid(self):
            self._show_buttons()
            self._say(self.tr("Nothing was exported.") + " " + error_text(exc), True)

    def _show_buttons(self) -> None:
        for button in (self.export_csv_button, self.export_pdf_button):  # the centre's: `main.py stats --center`
            button.setEnabled(self.shown is not None and not self.scope.centre)

    def _scope_changed(self) -> None:
        """本席位 / 全中心: the same window counted again; the centre has no "this shift" of this seat."""
        centre = self.scope.centre
        self.tabs.setTabVisible(self.tabs.indexOf(self.seat_panel), centre)
        self.preset_buttons["shift"].setEnabled(not centre)
        if centre and self.preset_buttons["shift"].isChecked():
            self.choose("last30")
            return
        self.refresh()
