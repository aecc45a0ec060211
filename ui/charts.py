"""The charts of the statistics view (QtCharts): bars for counts, a line for calls per day, and the
weekday × hour heat map (a table shaded by count).

A chart never holds a number alone: each sits next to a table of the same rows, and bars and points
carry their value as a label. Chart text uses the application's font, so Chinese shows where the
application's does. Colours come from the palette (ui/chart_colours.py), and follow it when the look
changes while the view is open.
"""

import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.chart_colours import ChartColours, chart_colours
from ui.stats_models import CountTableModel, HeatModel

CHART_ROWS = 15  # a bar chart shows the top rows (fewer when it shares its tab); its table shows them all
CHART_ROWS_STACKED = 10
MAX_DATE_LABELS = 12  # the day axis labels at most this many days


def style_chart(chart: QChart, colours: ChartColours) -> None:
    """Paint `chart`, its axes and its series in `colours`."""
    chart.setBackgroundBrush(QBrush(colours.background))
    chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
    chart.setPlotAreaBackgroundVisible(False)
    chart.setTitleBrush(QBrush(colours.text))
    chart.legend().setLabelColor(colours.text)
    for axis in chart.axes():
        axis.setLabelsColor(colours.text)
        axis.setTitleBrush(QBrush(colours.text))
        axis.setLinePenColor(colours.axis)
        axis.setGridLineColor(colours.grid)
        axis.setShadesVisible(False)
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bars in series.barSets():
                bars.setColor(colours.bar)
                bars.setBorderColor(colours.bar)
                bars.setLabelColor(colours.text)
        elif isinstance(series, QLineSeries):
            series.setPen(QPen(colours.line, 2))
            series.setPointLabelsColor(colours.text)


def nice_top(largest: float) -> tuple[float, float]:
    """An axis end at or above `largest` and a tick step of 1, 2 or 5 times a power of ten (at least 1)."""
    if largest <= 0:
        return 1, 1
    raw = largest / 5
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step * math.ceil(largest / step), step


class ChartView(QChartView):
    """One chart whose content is replaced by `show_bars` or `show_days`, in the colours of the look."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._reset("")
        self.restyle()

    def restyle(self) -> None:
        colours = chart_colours(self.palette())
        self.setBackgroundBrush(QBrush(colours.background))
        style_chart(self.chart(), colours)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.restyle()

    def _reset(self, title: str) -> QChart:
        """A new chart in place of the old one (QtCharts leaves a removed axis drawn; a new chart does not)."""
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 12, 4))
        font = QFont(QApplication.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setTitle(title)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def _value_axis(self, largest: float, label_format: str) -> QValueAxis:
        top, step = nice_top(largest)
        axis = QValueAxis()
        axis.setRange(0, top)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        axis.setLabelFormat(label_format)
        axis.setLabelsFont(QApplication.font())
        return axis

    def show_bars(self, title: str, rows: list[tuple[str, float]], decimals: int = 0) -> None:
        """Horizontal bars, the first row on top; each bar labelled with its value to `decimals` places."""
        chart = self._reset(title)
        bars = QBarSet(title)
        for _, value in reversed(rows):
            bars.append(round(value, decimals))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(min(0.7, 0.1 + 0.1 * len(rows)))  # a few rows: slimmer bars, not slabs
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(12)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label for label, _ in reversed(rows)])
        categories.setLabelsFont(QApplication.font())
        categories.setGridLineVisible(False)
        values = self._value_axis(max((v for _, v in rows), default=0) * 1.12, "%d")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.restyle()

    def show_days(self, title: str, days: list[tuple[str, int]]) -> None:
        """Calls per day as a line with a point per day (labelled with its count while they fit)."""
        chart = self._reset(title)
        series = QLineSeries()
        series.setPointsVisible(True)
        series.setPointLabelsVisible(len(days) <= 31)
        series.setPointLabelsFormat("@yPoint")
        series.setPointLabelsClipping(False)
        for index, (_, count) in enumerate(days):
            series.append(index, count)
        chart.addSeries(series)
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis_x.setRange(-0.5, len(days) - 0.5)
        every = max(1, math.ceil(len(days) / MAX_DATE_LABELS))
        for index in range(0, len(days), every):
            axis_x.append(days[index][0][5:] if len(days) > 1 else days[index][0], index)  # MM-DD
        axis_x.setLabelsFont(QApplication.font())
        axis_x.setGridLineVisible(False)
        axis_y = self._value_axis(max((count for _, count in days), default=0) * 1.15, "%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.restyle()


def count_table(model) -> QTableView:
    """A read-only table of a `CountTableModel`, the label column stretched."""
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class SectionPanel(QWidget):
    """A bar chart and the table of its numbers, side by side or (`stacked`) one above the other."""

    def __init__(self, title: str, headers: tuple[str, ...], decimals: int = 0, stacked: bool = False, parent=None):
        super().__init__(parent)
        self.title = title
        self.decimals = decimals
        self.chart_rows = CHART_ROWS_STACKED if stacked else CHART_ROWS
        self.chart = ChartView()
        self.model = CountTableModel(headers, decimals, self)
        self.table = count_table(self.model)
        self.table.setAccessibleName(title)
        self.note = QLabel(wordWrap=True)
        self.note.hide()
        charted = QVBoxLayout()
        charted.setContentsMargins(0, 0, 0, 0)
        charted.addWidget(self.chart, 1)
        charted.addWidget(self.note)
        layout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(charted, 3)
        layout.addWidget(self.table, 2)

    def show_rows(self, rows: list[tuple[str, str, float]], total: int = 0, charted=None) -> None:
        """All `rows` in the table; the top ones (or those `charted(code)` keeps) in the chart."""
        self.model.set_rows(rows, total)
        shown = [row for row in rows if charted is None or charted(row[0])][: self.chart_rows]
        self.chart.show_bars(self.title, [(label, value) for _, label, value in shown], self.decimals)
        self.note.setText(
            self.tr("The chart shows the top %1 of %2 rows; the table shows them all.")
            .replace("%1", str(len(shown)))
            .replace("%2", str(len(rows)))
        )
        self.note.setVisible(charted is None and len(rows) > len(shown))


class HeatMap(QTableView):
    """The weekday × hour table of a `HeatModel`: every cell shows its count on a shade of the look."""

    def __init__(self, model: HeatModel, parent=None, **properties):
        super().__init__(parent, **properties)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        model.set_colours(chart_colours(self.palette()))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.model().set_colours(chart_colours(self.palette()))
