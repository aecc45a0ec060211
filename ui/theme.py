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


_state = {"name": "light", "choice": "system", "watching": False, "framed": False}
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


def luminance(colour: QColor) -> float:
    """The relative luminance of `colour` (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: QColor, b: QColor, share: float) -> QColor:
    """`a` with `share` (0–1) of `b` mixed in."""
    share = max(0.0, min(1.0, share))
    return QColor(*(round(x + (y - x) * share) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)))


def font_point_size(value: int) -> float:
    """The base font size in points: `value`, or the system's when it is 0."""
    if value:
        return float(value)
    size = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return size if size > 0 else 10.0


def apply(
    app: QApplication | None = None, choice: str | None = None, font_size: int | None = None, framed: bool = True
) -> str:
    """Apply the look `choice` ("system", "light" or "dark") and the font size (0: the system's) to the whole
    program; both default to the saved settings. Returns the look in use.

    `framed=False` (at start, ui/app.py) keeps the application's style, the plain Fusion it was started with,
    until `frame_indicators()`: making Python's view of QStyle, and of the style options it draws with, was a
    tenth of the work before the log-in window was painted, and that page has no check box to frame."""
    app = app or QApplication.instance()
    choice = choice if choice in CHOICES else settings.read(settings.THEME)
    font_size = settings.read(settings.FONT_SIZE) if font_size is None else font_size
    name = system_scheme() if choice == "system" else choice
    _state["choice"] = choice
    if not _state["watching"]:
        app.styleHints().colorSchemeChanged.connect(_system_changed)
        _state["watching"] = True
    if framed:
        _set_framed_style(app)
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


def frame_indicators(app: QApplication | None = None) -> None:
    """The framed Fusion style (ui/framed_style.py) now, unless it is already in use; the palette, the font and
    the style sheet stay as `apply` set them."""
    if not _state["framed"]:
        _set_framed_style(app or QApplication.instance())


def _set_framed_style(app: QApplication) -> None:
    from ui.framed_style import FramedFusion

    app.setStyle(FramedFusion())  # Fusion draws every palette colour the same on every system
    _state["framed"] = True


def _system_changed(_scheme=None) -> None:
    if _state["choice"] == "system":
        apply(choice="system")
