"""The look: light or dark (following the system's colour scheme unless the user chose one) and the font size,
applied to the whole program at once, without a restart."""

from dataclasses import dataclass

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


def _towards(colour: QColor, other: QColor, ground: QColor, ratio: float) -> QColor:
    """`colour`, moved towards `other` just far enough to reach `ratio` of contrast with `ground`."""
    for step in range(21):
        moved = mix(colour, other, step / 20)
        if contrast(moved, ground) >= ratio:
            return moved
    return QColor(other)


@dataclass(frozen=True)
class ChartColours:
    """The colours of the statistics view's charts and heat map, taken from a palette (so from the look)."""

    background: QColor  # the ground of charts and heat map: the palette's Base, as the tables beside them
    text: QColor  # titles, axis labels, value labels, legend: 4.5:1 or more on the background
    axis: QColor  # axis lines
    grid: QColor  # grid lines, fainter
    bar: QColor  # bars and the day line: 3:1 or more on the background
    line: QColor
    zero: QColor  # a heat map cell's zero on the background, quieter but still 4.5:1
    heat_low: QColor  # the shade of a heat map cell with few calls ...
    heat_high: QColor  # ... and of the busiest hour, ...
    heat_high_text: QColor  # ... which takes this text (4.5:1) where `text` would not read:
    heat_flip: float = 2.0  # from this share of the busiest hour on (never, by default) ...
    heat_resume: float = 1.0  # ... with the rest of the scale from here, past the shades where neither reads

    def heat(self, share: float) -> tuple[QColor, QColor]:
        """The shade and the text of a heat map cell holding `share` (0–1) of the busiest hour's calls; the
        shade darkens (light look) or brightens (dark look) with every call more."""
        if share < self.heat_flip:
            return mix(self.heat_low, self.heat_high, share), self.text
        rest = (share - self.heat_flip) / (1 - self.heat_flip) if self.heat_flip < 1 else 1.0
        return mix(self.heat_low, self.heat_high, self.heat_resume + rest * (1 - self.heat_resume)), self.heat_high_text


def chart_colours(pal: QPalette | None = None) -> ChartColours:
    """Chart colours from `pal` (the application's by default): the look's own, readable in light and dark.

    The heat map runs from a touch of the highlight on the background to the highlight itself, its counts in
    the highlighted text colour where the ordinary text would not read."""
    pal = pal or QGuiApplication.palette()
    roles = QPalette.ColorRole
    base, text, mid = pal.color(roles.Base), pal.color(roles.Text), pal.color(roles.Mid)
    text = _towards(text, QColor("#000000" if luminance(base) > 0.18 else "#ffffff"), base, 4.5)
    high, high_text = pal.color(roles.Highlight), pal.color(roles.HighlightedText)
    if contrast(high, high_text) < 4.5:  # a palette whose selection does not read: keep to the text
        high, high_text = _towards(high, base, text, 4.5), text
    low, muted = mix(base, high, 0.12), pal.color(roles.PlaceholderText)

    def first_share(reads) -> float:
        """The smallest share of the scale from which on `reads(shade)` holds (2 when not even at the end)."""
        if not reads(high):
            return 2.0
        below, above = 0.0, 1.0
        for _ in range(24):
            middle = (below + above) / 2
            below, above = (below, middle) if reads(mix(low, high, middle)) else (middle, above)
        return above

    flip = first_share(lambda shade: contrast(text, shade) < 4.5)
    return ChartColours(
        background=base,
        text=text,
        axis=mid,
        grid=mix(base, mid, 0.6),
        bar=_towards(pal.color(roles.Highlight), text, base, 3),
        line=_towards(pal.color(roles.Link), text, base, 3),
        zero=muted if contrast(muted, base) >= 4.5 else text,
        heat_low=low,
        heat_high=high,
        heat_high_text=high_text,
        heat_flip=flip,
        heat_resume=max(flip, first_share(lambda shade: contrast(high_text, shade) >= 4.5)),
    )


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
