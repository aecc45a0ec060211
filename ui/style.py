"""The colours of the light and dark looks and the style sheet made from them (ui/theme.py applies them).

Risk and warnings never rely on colour alone: they always carry words. Each pair of text and background colour
below keeps a WCAG contrast ratio of at least 4.5:1 (tests/test_ui_theme.py checks it).
"""

from PySide6.QtWidgets import QWidget

LIGHT = {
    "window": "#f5f7fa",
    "base": "#ffffff",
    "alt_base": "#eef2f6",
    "text": "#1f2933",
    "muted": "#52606d",
    "disabled": "#8a96a3",
    "button": "#e9edf2",
    "border": "#c5cfdb",
    "highlight": "#2f5d8a",
    "highlight_text": "#ffffff",
    "accent": "#1f3a5f",
    "link": "#2f5d8a",
    "icon": "#2f4a66",
    "warning": "#9a3412",
    "danger": "#b71c1c",
    "ok": "#1f5f3a",
    "banner_bg": "#fff4d6",
    "banner_fg": "#5c4400",
    "banner_border": "#e0b341",
    "guard_bg": "#fdecea",
    "guard_fg": "#8e1c12",
    "guard_border": "#e4a29b",
    "info_bg": "#eef4fb",
    "box_bg": "#ffffff",
}

DARK = {
    "window": "#1e2329",
    "base": "#161a1f",
    "alt_base": "#252b33",
    "text": "#e3e8ee",
    "muted": "#a7b3c0",
    "disabled": "#6b7682",
    "button": "#2b323a",
    "border": "#404a55",
    "highlight": "#3f76ad",
    "highlight_text": "#ffffff",
    "accent": "#9cc3e8",
    "link": "#8fbcec",
    "icon": "#c9d6e3",
    "warning": "#f0a36b",
    "danger": "#ff8a80",
    "ok": "#8fd6a5",
    "banner_bg": "#3b3012",
    "banner_fg": "#ffe08a",
    "banner_border": "#7a6321",
    "guard_bg": "#4a1f1c",
    "guard_fg": "#ffcdc7",
    "guard_border": "#8e3b33",
    "info_bg": "#22303f",
    "box_bg": "#252b33",
}

COLOURS = {"light": LIGHT, "dark": DARK}

# Background and text colour per risk level; the level's name is always written on it. "unassessed" is the
# badge of a call whose risk nobody has looked at yet.
RISK_COLOURS = {
    "light": {
        "unassessed": ("#eceff1", "#37474f"),
        "none": ("#e8f5e9", "#1b5e20"),
        "low": ("#f1f8e9", "#33691e"),
        "moderate": ("#fff8e1", "#8a5a00"),
        "high": ("#fde0dc", "#b71c1c"),
        "imminent": ("#b71c1c", "#ffffff"),
    },
    "dark": {
        "unassessed": ("#2e3740", "#cfd8dc"),
        "none": ("#1d3b24", "#b9e6bf"),
        "low": ("#2c3a1a", "#d4eab0"),
        "moderate": ("#4a3a0a", "#ffe08a"),
        "high": ("#5a1d19", "#ffd0cb"),
        "imminent": ("#c62828", "#ffffff"),
    },
}

_TEMPLATE = """
QLabel#loginTitle {{ font-size: {title}pt; font-weight: 600; color: {accent}; }}
QFrame#loginBox {{ background: {box_bg}; border: 1px solid {border}; border-radius: 8px; padding: 18px; }}
QLabel#loginMessage {{ color: {warning}; }}
QLabel#demoBanner {{ background: {banner_bg}; border: 1px solid {banner_border}; border-radius: 4px; padding: 8px;
                     color: {banner_fg}; }}
QLabel#callTimer {{ font-size: {timer}pt; font-weight: 600; font-family: monospace; color: {accent};
                    padding: 0 12px; }}
QLabel#guardFindings {{ background: {guard_bg}; border: 1px solid {guard_border}; border-radius: 4px;
                        padding: 4px 8px; color: {guard_fg}; }}
QLabel#caseHistory {{ background: {info_bg}; border-radius: 4px; padding: 6px; }}
QFrame#seatAlarm {{ background: {guard_bg}; border: 1px solid {guard_border}; border-radius: 4px; }}
QFrame#seatAlarm QLabel {{ color: {guard_fg}; background: transparent; }}
QLabel#seatAlarmTitle {{ font-weight: 600; font-size: {level}pt; }}
QLabel#keyringWarning {{ color: {warning}; }}
QLabel#recoveryCode {{ padding: 12px; background: {alt_base}; border: 1px dashed {muted}; }}
QLabel#riskBadge, QLabel#riskLevel {{ border-radius: 4px; padding: 6px 10px; font-weight: 600; }}
QLabel#riskLevel {{ font-size: {level}pt; }}
{risk}
QPushButton#followUpCorner[overdue="true"] {{ color: {danger}; font-weight: 600; }}
QLabel[breakDue="true"] {{ color: {ok}; font-weight: 600; }}
QLabel#statsMessage, QLabel#handoverMessage {{ color: {muted}; }}
QLabel#statsMessage[problem="true"], QLabel#handoverMessage[problem="true"] {{ color: {warning}; }}
QLabel#centerStatus[problem="true"] {{ color: {warning}; }}
QLabel#boardFreshness, QLabel#centreOffline {{ color: {muted}; }}
QLabel#boardFreshness[problem="true"], QLabel#centreOffline[problem="true"] {{ color: {warning}; font-weight: 600; }}
QLabel#boardShift {{ font-weight: 600; }}
QPushButton#statsPreset:checked {{ background: {highlight}; color: {highlight_text}; border: 1px solid {highlight};
                                   border-radius: 2px; padding: 3px 8px; min-width: 62px; }}
QFrame#statsFigures {{ background: {alt_base}; border-radius: 4px; }}
QLabel#statsFigure {{ font-size: {figure}pt; font-weight: 600; color: {accent}; }}
QGroupBox {{ font-weight: 600; margin-top: 10px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QToolBar#callToolbar QToolButton {{ padding: 4px 8px; }}
QToolTip {{ color: {text}; background: {base}; border: 1px solid {border}; }}
"""


def sheet(name: str = "light", point_size: float = 10.5) -> str:
    """The application style sheet of the look `name` ("light" or "dark") for a base font of `point_size`."""
    colours = COLOURS[name]
    risk = "\n".join(
        f'QLabel[riskLevel="{level}"] {{ background: {background}; color: {text}; }}'
        for level, (background, text) in RISK_COLOURS[name].items()
    )
    return _TEMPLATE.format(
        **colours,
        risk=risk,
        title=round(point_size * 1.85),
        timer=round(point_size * 1.7),
        level=round(point_size * 1.45),
        figure=round(point_size * 1.6),
    )


def set_state(widget: QWidget, name: str, value) -> None:
    """Set a dynamic property the style sheet selects on and restyle the widget, so the look follows."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
