"""The charts of the statistics view (QtCharts): bars for counts, a line for calls per day.

A chart never holds a number alone: each sits next to a table of the same rows, and bars and points
carry their value as a label. Chart text uses the application's font, so Chinese shows where the
application's does.
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
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication

BAR = QColor("#4a7bab")
LINE = QColor("#2f5d8a")
MAX_DATE_LABELS = 12  # the day axis labels at most this many days


def nice_top(largest: float) -> tuple[float, float]:
    """An axis end at or above `largest` and a tick step of 1, 2 or 5 times a power of ten (at least 1)."""
    if largest <= 0:
        return 1, 1
    raw = largest / 5
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step * math.ceil(largest / step), step


class ChartView(QChartView):
    """One chart whose content is replaced by `show_bars` or `show_days`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._reset("")

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
        bars.setColor(BAR)
        bars.setBorderColor(BAR)
        bars.setLabelColor(QColor("#1f2933"))
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

    def show_days(self, title: str, days: list[tuple[str, int]]) -> None:
        """Calls per day as a line with a point per day (labelled with its count while they fit)."""
        chart = self._reset(title)
        series = QLineSeries()
        series.setPen(QPen(LINE, 2))
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
