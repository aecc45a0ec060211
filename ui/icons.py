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


def _render(data: bytes, sizes) -> QIcon:
    renderer = QSvgRenderer(QByteArray(data))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in sizes:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def _tinted(name: str, colour: str) -> QIcon:
    path = resource_path(f"icons/{name}.svg")
    try:
        data = path.read_bytes()
    except OSError:
        return QIcon()
    return _render(data.replace(b"currentColor", colour.encode()), SIZES)


def icon(name: str) -> QIcon:
    """The icon `name` (a file stem in resources/icons/) in the icon colour of the look in use."""
    return _tinted(name, theme.colours()["icon"])


@cache
def app_icon() -> QIcon:
    """The program's own mark, for windows and the task bar."""
    try:
        data = resource_path("icons/app.svg").read_bytes()
    except OSError:
        return QIcon()
    return _render(data, APP_SIZES)
