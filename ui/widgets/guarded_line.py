"""A one-line free-text field that underlines identifiers while typing, as the notes editor does.

A QLineEdit cannot carry character formats, so `GuardedLine` paints the guard's marks over the text it has
drawn: a sure identifier wavy red with a light red wash, a possible name or address dashed amber, text
marked by hand solid dark red (the notes' three styles, ui/widgets/guarded_text.py). It stays a QLineEdit
in every other way (input methods, completer, Enter, undo), so it replaces one anywhere. Positions come
from the font's advances measured from the cursor's own place, which Qt scrolls and aligns.
"""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLineEdit

from desktop import privacy
from ui.widgets.guarded_text import GuardChoices, describe_counts, visible_spans

SURE, UNSURE, MARKED = QColor("#c62828"), QColor("#b26a00"), QColor("#8e1c12")


class GuardedLine(QLineEdit):
    """A QLineEdit for free text: `underlined()` lists what it shows underlined (the guard's findings)."""

    def __init__(self, *args, choices: GuardChoices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices: GuardChoices | None = None
        self.textChanged.connect(self._changed)
        if choices is not None:
            self.set_choices(choices)

    def set_choices(self, choices: GuardChoices) -> None:
        """Share the call's choices (marked by hand, possible names kept) with the other free-text fields."""
        self.choices = choices
        choices.changed.connect(self.update)

    def underlined(self) -> list[privacy.Span]:
        if self.echoMode() != QLineEdit.EchoMode.Normal:
            return []
        return visible_spans(self.text(), self.choices)

    def _changed(self, _text: str) -> None:
        spans = self.underlined()
        counts = {}
        for span in spans:
            counts[span.kind] = counts.get(span.kind, 0) + 1
        # the kinds found, for a screen reader and a hovering mouse (the notes list them under the editor)
        self.setAccessibleDescription(describe_counts(counts) if counts else "")
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        spans = self.underlined()
        if not spans:
            return
        text, metrics = self.text(), self.fontMetrics()
        cursor = self.cursorRect()  # around the cursor, wherever scrolling and alignment put the text
        origin = cursor.center().x() - metrics.horizontalAdvance(text[: self.cursorPosition()])
        baseline = cursor.top() + (cursor.height() + metrics.ascent() - metrics.descent()) / 2
        y = min(baseline + 2.5, cursor.bottom() - 0.5)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.contentsRect().adjusted(2, 0, -2, 0))
        for span in spans:
            left = origin + metrics.horizontalAdvance(text[: span.start])
            right = origin + metrics.horizontalAdvance(text[: span.end])
            if span.kind == privacy.MARKED:
                painter.setPen(QPen(MARKED, 1.5))
                painter.drawLine(QPointF(left, y), QPointF(right, y))
            elif not span.sure:
                painter.setPen(QPen(UNSURE, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(left, y), QPointF(right, y))
            else:
                wash = QColor(SURE)
                wash.setAlpha(40)
                painter.fillRect(int(left), cursor.top() + 2, int(right - left), cursor.height() - 4, wash)
                painter.setPen(QPen(SURE, 1.2))
                painter.drawPath(_wave(left, right, y))
        painter.end()


def _wave(left: float, right: float, y: float) -> QPainterPath:
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        x = min(x + 2.0, right)
        path.lineTo(QPointF(x, y - 1.5 if up else y + 0.5))
        up = not up
    return path
