"""The call list: a table model over rows from the call service, filters, search, paging, a context menu."""

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import risk
from desktop.call_model import CallFilter, CallRow
from desktop.calls import COUNT_CAP, CallService
from desktop.clock import seat_time, seat_today
from desktop.taxonomy import CALL_KINDS, CONCERN_GROUPS, CONCERNS, Taxonomy
from ui import icons, theme
from ui.risk_text import risk_text
from ui.row_model import RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 100


class CallTableModel(RowTableModel):
    """Rows are `CallRow`s; `ROW_ROLE` returns the row itself so it survives a sort proxy."""

    COL_TIME, COL_DURATION, COL_KIND, COL_COUNSELOR, COL_CASE, COL_RISK, COL_CONCERNS, COL_SUMMARY = range(8)
    COL_HOLD, COL_SUPERVISION = 8, 9  # shown to leads and admins only

    def __init__(self, taxonomy: Taxonomy, lang: str, parent=None):
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._lang = lang
        self._rows: list[CallRow] = []
        self._headers = (
            self.tr("Started"),
            self.tr("Length"),
            self.tr("Kind"),
            self.tr("Counselor"),
            self.tr("Case code"),
            self.tr("Risk"),
            self.tr("Concerns"),
            self.tr("Summary"),
            self.tr("Legal hold"),
            self.tr("Supervision"),
        )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_HOLD and row.legal_hold:
            return self.tr("Under legal hold: kept whole past the retention period.")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_SUPERVISION and row.supervision_flag:
            return self.tr("Flagged for supervision by a lead.")
        if index.column() == self.COL_RISK and role != Qt.ItemDataRole.DisplayRole:
            return self._risk_data(row, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.COL_TIME:
            return seat_time(row.started_at).strftime("%Y-%m-%d %H:%M")
        if column == self.COL_DURATION:
            seconds = row.duration_s
            return "" if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"
        if column == self.COL_KIND:
            return self._taxonomy.label(CALL_KINDS, row.kind, self._lang)
        if column == self.COL_COUNSELOR:
            return row.counselor
        if column == self.COL_CASE:
            return row.case_code or ""
        if column == self.COL_RISK:
            return risk_text(row.risk_level, row.risk_assessed, self._lang)
        if column == self.COL_CONCERNS:
            separator = "、" if self._lang == "zh" else ", "
            return separator.join(self._taxonomy.label(CONCERNS, c, self._lang) for c in row.concerns)
        if column == self.COL_SUMMARY:
            return row.summary
        if column == self.COL_HOLD:
            return self.tr("Held") if row.legal_hold else ""
        if column == self.COL_SUPERVISION:
            return self.tr("Flagged") if row.supervision_flag else ""
        return None

    def _risk_data(self, row: CallRow, role):
        """The risk cell beside its words: a shape per level (tinted for a selected row too, ui/icons.py); a
        call saved without an assessment has no shape, quieter words and says why."""
        if role == Qt.ItemDataRole.DecorationRole and row.risk_assessed:
            return icons.icon(icons.RISK_ICONS.get(row.risk_level, "risk-none"))
        if role == Qt.ItemDataRole.ForegroundRole and not row.risk_assessed:
            return QBrush(QColor(theme.colours()["muted"]))  # a selected row takes the selection's text colour
        if role == Qt.ItemDataRole.ToolTipRole and not row.risk_assessed:
            return self.tr("Saved without a risk assessment.")
        return None


class CallList(QWidget):
    """Filters above, the table, paging below. Emits `open_call(id)` on Enter or double-click, and, for leads
    and admins (`can_hold`), `hold_requested(id, held)`, `supervision_flag_requested(id, flagged)` and
    `supervision_notes_requested(id)` from the row's context menu."""

    open_call = Signal(int)
    hold_requested = Signal(int, bool)
    supervision_flag_requested = Signal(int, bool)
    supervision_notes_requested = Signal(int)

    def __init__(
        self, service: CallService, taxonomy: Taxonomy, lang: str, can_see_all: bool, can_hold=False, parent=None
    ):
        super().__init__(parent)
        self._service = service
        self._can_hold = can_hold
        self._offset = 0
        self._total = 0
        self.model = CallTableModel(taxonomy, lang, self)

        self.search = QLineEdit(placeholderText=self.tr("Search notes and summaries (e.g. 失眠)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        seat_day = seat_today()  # the seat's day (Asia/Shanghai), whatever the computer's zone
        today = QDate(seat_day.year, seat_day.month, seat_day.day)
        self.date_from = QDateEdit(today.addDays(-13), calendarPopup=True, accessibleName=self.tr("From"))
        self.date_to = QDateEdit(today, calendarPopup=True, accessibleName=self.tr("To"))
        self.kind = QComboBox(accessibleName=self.tr("Kind"))
        self.kind.addItem(self.tr("all kinds"), None)
        for code in taxonomy.codes(CALL_KINDS):
            self.kind.addItem(taxonomy.label(CALL_KINDS, code, lang), code)
        self.concern = QComboBox(accessibleName=self.tr("Concern"))
        self.concern.addItem(self.tr("all concerns"), None)
        for group in taxonomy.codes(CONCERN_GROUPS):
            self.concern.addItem(taxonomy.label(CONCERN_GROUPS, group, lang), group)
        self.risk = QComboBox(accessibleName=self.tr("Risk level"))
        self.risk.addItem(self.tr("all risk levels"), None)
        for level in (*reversed(risk.LEVELS), risk.NOT_ASSESSED):  # 未评估 is its own entry, never "no risk"
            self.risk.addItem(risk.level_label(level, lang), level)
        self.follow_up_due = QCheckBox(self.tr("Follow-up due"))
        # Unticked, a counselor sees their own calls and the current shift's (DESIGN.md §4; the core keeps to
        # that whatever the box says), leads and admins every call.
        self.mine_only = QCheckBox(self.tr("Only my calls"), accessibleName=self.tr("Only my calls"))
        if not can_see_all:
            self.mine_only.setToolTip(self.tr("Untick to see your colleagues' calls of the current shift too."))
        for widget in (self.date_from, self.date_to):
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.dateChanged.connect(self.reload)
        for widget in (self.kind, self.concern, self.risk):
            widget.currentIndexChanged.connect(self.reload)
        self.mine_only.toggled.connect(self.reload)
        self.follow_up_due.toggled.connect(self.reload)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Calls"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(CallTableModel.COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(CallTableModel.COL_HOLD, not can_hold)  # counselors cannot place a hold
        self.table.setColumnHidden(CallTableModel.COL_SUPERVISION, not can_hold)  # nor see supervision
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # From the keyboard (the Menu key, Shift+F10) the menu is for the row that has the focus.
        keyboard_menu = QAction(
            self.tr("Open the menu of the selected call"),
            self.table,
            shortcutContext=Qt.ShortcutContext.WidgetShortcut,
            objectName="callMenuAction",
        )
        keyboard_menu.setProperty("helpGroup", "lists")  # listed by the F1 help (ui/help_overlay.py)
        keyboard_menu.setShortcuts([QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")])
        keyboard_menu.triggered.connect(self._keyboard_menu)
        self.table.addAction(keyboard_menu)
        # `activated` comes with a double-click as well as with Enter: connecting doubleClicked too opened the
        # call twice.
        self.table.activated.connect(lambda index: self._open(index.row()))

        self.page_label = QLabel()
        self.previous = QPushButton(self.tr("Newer"))
        self.next = QPushButton(self.tr("Older"))
        self.previous.clicked.connect(lambda: self._page(-1))
        self.next.clicked.connect(lambda: self._page(1))

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, widget in ((self.tr("From"), self.date_from), (self.tr("to"), self.date_to)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.kind)
        filters.addWidget(self.concern)
        filters.addWidget(self.risk)
        filters.addWidget(self.follow_up_due)
        filters.addWidget(self.mine_only)
        paging = QHBoxLayout()
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.previous)
        paging.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)

    def current_filter(self) -> CallFilter:
        def day(edit: QDateEdit) -> date:
            return edit.date().toPython()

        return CallFilter(
            mine_only=self.mine_only.isChecked(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            kind=self.kind.currentData(),
            concern=self.concern.currentData(),
            risk_level=self.risk.currentData(),
            follow_up_due=self.follow_up_due.isChecked(),
            text=self.search.text(),
        )

    def reload(self, *_args) -> None:
        self._offset = 0
        self._load()

    def refresh(self) -> None:
        """Load the page shown again (after a change to one of its calls)."""
        self._load()

    def _page(self, step: int) -> None:
        self._offset = max(0, self._offset + step * PAGE_SIZE)
        self._load()

    def _load(self) -> None:
        flt = self.current_filter()
        at_most = self._offset + COUNT_CAP  # counting every match of a million calls would keep people waiting
        self._total = self._service.count_calls(flt, at_most)
        self.model.set_rows(self._service.list_calls(flt, self._offset, PAGE_SIZE))
        shown_to = self._offset + self.model.rowCount()
        if self._total > at_most:
            text = self.tr("%1–%2 of more than %3 calls").replace("%3", f"{at_most:,}")
        else:
            text = self.tr("%1–%2 of %n call(s)", "", self._total)
        self.page_label.setText(
            text.replace("%1", str(self._offset + 1 if self._total else 0)).replace("%2", str(shown_to))
        )
        self.previous.setEnabled(self._offset > 0)
        self.next.setEnabled(shown_to < self._total)

    def _open(self, row: int) -> None:
        self.open_call.emit(self.model.row_at(row).id)

    def menu_for(self, row: int) -> QMenu:
        """The context menu of a row: open it; for leads and admins a legal hold and supervision."""
        call = self.model.row_at(row)
        menu = QMenu(self)
        opening = QAction(self.tr("Open"), menu)
        opening.triggered.connect(lambda: self.open_call.emit(call.id))
        menu.addAction(opening)
        if self._can_hold:
            text = self.tr("Lift the legal hold") if call.legal_hold else self.tr("Place under legal hold")
            hold = QAction(text, menu, objectName="legalHoldAction")
            hold.triggered.connect(lambda: self.hold_requested.emit(call.id, not call.legal_hold))
            menu.addAction(hold)
            menu.addSeparator()
            text = self.tr("Remove supervision flag") if call.supervision_flag else self.tr("Flag for supervision")
            flag = QAction(text, menu, objectName="supervisionFlagAction")
            flag.triggered.connect(lambda: self.supervision_flag_requested.emit(call.id, not call.supervision_flag))
            menu.addAction(flag)
            notes = QAction(self.tr("Supervision notes…"), menu, objectName="supervisionNotesAction")
            notes.triggered.connect(lambda: self.supervision_notes_requested.emit(call.id))
            menu.addAction(notes)
        return menu

    def _keyboard_menu(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._context_menu(self.table.visualRect(index).center())

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            menu = self.menu_for(index.row())
            menu.exec(self.table.viewport().mapToGlobal(position))
            menu.deleteLater()
