"""A tool bar that shows its words beside the icons when the window is wide enough, and under them when not,
so every action with its key stays in sight from 1280 pixels wide up."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QToolBar

BESIDE = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
UNDER = Qt.ToolButtonStyle.ToolButtonTextUnderIcon


class FitToolBar(QToolBar):
    def __init__(self, title: str, parent=None, objectName: str = ""):  # noqa: N803 - Qt's keyword
        super().__init__(title, parent, objectName=objectName)
        self.setToolButtonStyle(BESIDE)
        self._beside_width: int | None = None  # the width the words beside the icons need; None: measure again

    def _fit(self) -> None:
        if self._beside_width is None:
            chosen = self.toolButtonStyle()
            self.setToolButtonStyle(BESIDE)
            self._beside_width = self.sizeHint().width()
            self.setToolButtonStyle(chosen)
        wanted = BESIDE if self._beside_width <= self.width() else UNDER
        if wanted != self.toolButtonStyle():
            self.setToolButtonStyle(wanted)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._beside_width = None
            self._fit()

    def actionEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().actionEvent(event)
        self._beside_width = None
