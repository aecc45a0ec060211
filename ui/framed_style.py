"""Fusion with every check box and radio button framed, the style ui/theme.py installs.

A module of its own, imported when the style is first installed: the window is painted with plain Fusion first,
and this style comes right after (ui/app.py), before anyone can reach a check box (DESIGN.md §10).
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

from ui.theme import mix


class FramedFusion(QProxyStyle):
    """Fusion, with every check box and radio button framed in a colour between the text and the ground:
    Fusion's own frame is nearly the colour of the panel behind it in the dark look, so an empty box of the
    risk assessment could not be seen at night."""

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt's name
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._INDICATORS:
            return
        roles = QPalette.ColorRole
        frame = mix(option.palette.color(roles.Text), option.palette.color(roles.Base), 0.35)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(frame, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()
