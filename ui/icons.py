"""The program's icons: SVG files in resources/icons/ drawn in `currentColor`, tinted for the look in use."""

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.resources import resource_path
from ui import theme

SIZES = (16, 20, 24, 32, 40, 48, 64, 96)  # enough for 100–200 % scaling and 4K screens
APP_SIZES = (16, 24, 32, 48, 64, 128, 256)

# What each risk level looks like: a different shape per level, so it reads without colour.
RISK_ICONS = {level: f"risk-{level}" for level in ("none", "low", "moderate", "high", "imminent")}


def _render(data: bytes, sizes, icon: QIcon | None = None, mode=QIcon.Mode.Normal) -> QIcon:
    """`data` drawn at each size, added to `icon` (a new one by default) for `mode`."""
    renderer = QSvgRenderer(QByteArray(data))
    icon = QIcon() if icon is None else icon
    if not renderer.isValid():
        return icon
    for size in sizes:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


@cache
def _tinted(name: str, colour: str, selected: str) -> QIcon:
    path = resource_path(f"icons/{name}.svg")
    try:
        data = path.read_bytes()
    except OSError:
        return QIcon()
    icon = _render(data.replace(b"currentColor", colour.encode()), SIZES)
    # In a selected row of a list, in the selection's text colour: left to Qt, the icon colour is only
    # darkened with the selection's own and hardly shows on it (a risk level's shape in the call list).
    return _render(data.replace(b"currentColor", selected.encode()), SIZES, icon, QIcon.Mode.Selected)


def icon(name: str) -> QIcon:
    """The icon `name` (a file stem in resources/icons/) in the icon colour of the look in use, and in the
    colour of selected text where it stands in a selected row."""
    colours = theme.colours()
    return _tinted(name, colours["icon"], colours["highlight_text"])


@cache
def app_icon() -> QIcon:
    """The program's own mark, for windows and the task bar."""
    try:
        data = resource_path("icons/app.svg").read_bytes()
    except OSError:
        return QIcon()
    return _render(data, APP_SIZES)
