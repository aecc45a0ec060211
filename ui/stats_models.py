"""Table models of the statistics view: a count per label, and calls by weekday and hour (the heat map).

Colour is never the only signal: every shaded cell shows its number, and its tooltip names its day and hour.
"""

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont

from ui.chart_colours import ChartColours, chart_colours

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's code (a taxonomy code, a day, a figure's key)
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the number behind a displayed count
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def share_text(count: float, total: int) -> str:
    """The percentage of all calls, one decimal; a small non-zero share is not shown as 0.0%."""
    if not total:
        return "–"
    percent = 100 * count / total
    return "<0.1%" if 0 < percent < 0.05 else f"{percent:.1f}%"


def number_text(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


class CountTableModel(QAbstractTableModel):
    """Rows of (code, label, value); columns: label, value and, optionally, its share of all calls."""

    def __init__(self, headers: tuple[str, ...], decimals: int = 0, parent=None):
        super().__init__(parent)
        self._headers = headers  # (label, value) or (label, value, share)
        self._decimals = decimals
        self._rows: list[tuple[str, str, float]] = []
        self._total = 0

    def set_rows(self, rows: list[tuple[str, str, float]], total: int = 0) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section:
            return int(_RIGHT)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        code, label, value = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label
            if column == 1:
                return number_text(value, self._decimals)
            return share_text(value, self._total)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(_RIGHT)
        if role == CODE_ROLE:
            return code
        if role == VALUE_ROLE:
            return value
        return None


class HeatModel(QAbstractTableModel):
    """Calls by weekday (rows, Monday first, and a total row) and hour (columns 0–23 and a total column).

    A cell is shaded by its count against the busiest hour, and always shows the count. The shades and the
    text come from `ChartColours` (the application's palette until `set_colours`), so both read in either look.
    """

    def __init__(self, total_label: str, parent=None):
        super().__init__(parent)
        self._total_label = total_label
        self._grid = [[0] * 24 for _ in range(7)]
        self._peak = 0
        self._colours: ChartColours | None = None

    def colours(self) -> ChartColours:
        if self._colours is None:
            self._colours = chart_colours()
        return self._colours

    def set_colours(self, colours: ChartColours) -> None:
        """Shade with `colours` from now on (the look changed); the views repaint every cell."""
        self._colours = colours
        if self.rowCount() and self.columnCount():
            roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), roles)

    def set_grid(self, grid: list[list[int]]) -> None:
        self.beginResetModel()
        self._grid = [list(row) for row in grid]
        self._peak = max((count for row in self._grid for count in row), default=0)
        self.endResetModel()

    def count(self, row: int, column: int) -> int:
        """The number a cell shows: a weekday's hour, a weekday's total (column 24), an hour's total (row 7)."""
        if row < 7 and column < 24:
            return self._grid[row][column]
        if row < 7:
            return sum(self._grid[row])
        if column < 24:
            return sum(day[column] for day in self._grid)
        return sum(map(sum, self._grid))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 8

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 25

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(section) if section < 24 else self._total_label
        return QLocale().dayName(section + 1, QLocale.FormatType.ShortFormat) if section < 7 else self._total_label

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        count = self.count(row, column)
        in_grid = row < 7 and column < 24
        if role in (Qt.ItemDataRole.DisplayRole, VALUE_ROLE):
            return str(count) if role == Qt.ItemDataRole.DisplayRole else count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_CENTER)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self.colours()
            if not count:
                return None if role == Qt.ItemDataRole.BackgroundRole else colours.zero
            if not in_grid:  # a total: the plain ground and text, in bold
                return None if role == Qt.ItemDataRole.BackgroundRole else colours.text
            shade, text = colours.heat(count / self._peak)
            return shade if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.FontRole and not in_grid:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            day = self.headerData(row, Qt.Orientation.Vertical)
            hours = f"{column:02d}:00–{column + 1:02d}:00" if column < 24 else self._total_label
            return f"{day}: {count}" if day == hours else f"{day} {hours}: {count}"  # the corner: the total once
        return None
