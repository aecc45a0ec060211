"""The colours of the statistics view's charts and heat map, taken from a palette, so from the look (ui/theme.py).

A module of its own, imported with the statistics view: the log-in window is painted without it (DESIGN.md §10).
"""

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ui.theme import contrast, luminance, mix


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
