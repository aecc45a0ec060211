"""The look: light or dark (following the system's colour scheme unless the user chose one) and the font size,
applied to the whole program at once, without a restart."""

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.style import COLOURS, sheet

CHOICES = ("system", "light", "dark")


class _Notifier(QObject):
    """Says `changed(name)` when the look in use turns light or dark, so drawn things (icons) follow."""

    changed = Signal(str)


_state = {"name": "light", "choice": "system", "watching": False}
_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def system_scheme() -> str:
    """ "dark" when the system asks for a dark colour scheme, else "light" (also when it does not say)."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def current() -> str:
    """The look in use: "light" or "dark"."""
    return _state["name"]


def colours() -> dict:
    """The colours of the look in use (ui/style.py)."""
    return COLOURS[current()]


def palette(name: str) -> QPalette:
    c = COLOURS[name]
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, key in (
        (roles.Window, "window"),
        (roles.WindowText, "text"),
        (roles.Base, "base"),
        (roles.AlternateBase, "alt_base"),
        (roles.Text, "text"),
        (roles.Button, "button"),
        (roles.ButtonText, "text"),
        (roles.ToolTipBase, "base"),
        (roles.ToolTipText, "text"),
        (roles.PlaceholderText, "muted"),
        (roles.Highlight, "highlight"),
        (roles.HighlightedText, "highlight_text"),
        (roles.Link, "link"),
        (roles.LinkVisited, "link"),
        (roles.BrightText, "danger"),
    ):
        pal.setColor(role, QColor(c[key]))
    for role in (roles.Light, roles.Midlight):
        pal.setColor(role, QColor(c["button"]).lighter(130 if name == "light" else 115))
    pal.setColor(roles.Mid, QColor(c["border"]))
    pal.setColor(roles.Dark, QColor(c["border"]).darker(130))
    pal.setColor(roles.Shadow, QColor("#000000"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, QColor(c["disabled"]))
    pal.setColor(disabled, roles.Base, QColor(c["window"]))
    return pal


def font_point_size(value: int) -> float:
    """The base font size in points: `value`, or the system's when it is 0."""
    if value:
        return float(value)
    size = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return size if size > 0 else 10.0


def apply(app: QApplication | None = None, choice: str | None = None, font_size: int | None = None) -> str:
    """Apply the look `choice` ("system", "light" or "dark") and the font size (0: the system's) to the whole
    program; both default to the saved settings. Returns the look in use."""
    app = app or QApplication.instance()
    choice = choice if choice in CHOICES else settings.read(settings.THEME)
    font_size = settings.read(settings.FONT_SIZE) if font_size is None else font_size
    name = system_scheme() if choice == "system" else choice
    _state["choice"] = choice
    if not _state["watching"]:
        app.styleHints().colorSchemeChanged.connect(_system_changed)
        _state["watching"] = True
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the one style that draws every palette colour the same on every system
    app.setPalette(palette(name))
    font = app.font()
    point_size = font_point_size(font_size)
    font.setPointSizeF(point_size)
    app.setFont(font)
    app.setStyleSheet(sheet(name, point_size))
    changed = name != _state["name"]
    _state["name"] = name
    if changed:
        notifier().changed.emit(name)
    return name


def _system_changed(_scheme=None) -> None:
    if _state["choice"] == "system":
        apply(choice="system")
