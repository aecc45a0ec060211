"""The look: light and dark themes, risk colours readable in both, icons, font size, settings that heal."""

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QToolBar

from desktop.resources import resource_path
from ui import icons, settings, theme
from ui.style import RISK_COLOURS

LEVELS = ("none", "low", "moderate", "high", "imminent")


@pytest.fixture
def own_settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return settings.qsettings()


@pytest.fixture
def look(qapp, own_settings):
    """Whatever a test does to the look of the program is undone afterwards."""
    before = (qapp.styleSheet(), QPalette(qapp.palette()), qapp.font(), qapp.style().name(), dict(theme._state))
    yield qapp
    sheet, palette, font, style, state = before
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    theme._state.update(state)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_dark_look_has_a_darker_window_than_the_light_one(look):
    assert theme.apply(look, "light", 0) == "light"
    light = look.palette().color(QPalette.ColorRole.Window)
    assert theme.apply(look, "dark", 0) == "dark"
    dark = look.palette().color(QPalette.ColorRole.Window)
    assert dark.lightness() < light.lightness()
    assert look.palette().color(QPalette.ColorRole.WindowText).lightness() > dark.lightness()
    assert theme.current() == "dark"


def test_the_system_look_follows_the_system_when_it_changes(look, monkeypatch):
    scheme = {"now": "light"}
    monkeypatch.setattr(theme, "system_scheme", lambda: scheme["now"])
    theme.apply(look, "system", 0)
    assert theme.current() == "light"
    scheme["now"] = "dark"
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() == "dark"
    theme.apply(look, "light", 0)  # a look the user chose stays whatever the system does
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() == "light"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_risk_level_is_written_and_readable_in_both_looks(look, qtbot, name):
    from ui.risk_panel import RiskPanel

    theme.apply(look, name, 0)
    panel = RiskPanel("zh")
    qtbot.addWidget(panel)
    panel.show()
    shown = set()
    for level in LEVELS:
        panel.override.setCurrentIndex(panel.override.findData(level))
        label = panel.level
        assert label.property("riskLevel") == level
        assert label.text().strip(), level  # the words, never the colour alone
        shown.add(label.text())
        background, text = (QColor(c) for c in RISK_COLOURS[name][level])
        # The colours the style sheet gave the label are the ones checked here.
        assert label.palette().color(label.foregroundRole()) == text
        assert label.palette().color(label.backgroundRole()) == background
        assert contrast(text, background) >= 4.5, (name, level)
    assert len(shown) == len(LEVELS)
    background, text = (QColor(c) for c in RISK_COLOURS[name]["unassessed"])
    assert contrast(text, background) >= 4.5


@pytest.mark.parametrize("name", ["light", "dark"])
def test_warning_colours_are_readable_on_the_window(name):
    from ui.style import COLOURS

    colours = COLOURS[name]
    for key in ("text", "muted", "warning", "danger", "ok", "accent"):
        assert contrast(QColor(colours[key]), QColor(colours["window"])) >= 4.5, key
    for key in ("text", "danger"):
        assert contrast(QColor(colours[key]), QColor(colours["base"])) >= 4.5, key
    assert contrast(QColor(colours["banner_fg"]), QColor(colours["banner_bg"])) >= 4.5
    assert contrast(QColor(colours["guard_fg"]), QColor(colours["guard_bg"])) >= 4.5
    assert contrast(QColor(colours["highlight_text"]), QColor(colours["highlight"])) >= 4.5


def test_every_icon_loads_and_every_action_has_one(look, seat_init, open_window):
    for path in resource_path("icons").glob("*.svg"):
        assert not icons.icon(path.stem).isNull(), path.name
    assert not icons.app_icon().isNull()
    window = open_window()
    toolbar = window.findChild(QToolBar, "callToolbar")
    seat_menu = window.menuBar().actions()[0].menu()
    actions = [a for a in toolbar.actions() + seat_menu.actions() if not a.isSeparator()]
    assert len(actions) >= 15
    for action in actions:
        assert not action.icon().isNull(), action.text()
        assert action.text()  # the words and the key stay beside the icon
    before = window.lock_action.icon().cacheKey()
    theme.apply(look, "dark" if theme.current() == "light" else "light", 0)
    assert window.lock_action.icon().cacheKey() != before  # tinted again for the other look


def test_the_font_size_applies_at_once(look):
    theme.apply(look, "light", 14)
    assert look.font().pointSizeF() == 14
    theme.apply(look, "light", 0)
    assert look.font().pointSizeF() == theme.font_point_size(0) > 0


def test_nonsense_settings_are_reset_and_said_once(own_settings):
    own_settings.setValue(settings.IDLE_MINUTES.key, "banana")
    own_settings.setValue(settings.THEME.key, "purple")
    own_settings.setValue(settings.FONT_SIZE.key, 72)
    own_settings.setValue(settings.LANGUAGE.key, "en")  # a good value stays
    reset = settings.repair(own_settings)
    assert reset == [settings.IDLE_MINUTES, settings.THEME, settings.FONT_SIZE]
    message = settings.reset_message(reset)
    assert all(option.label in message for option in reset)  # English source text: no translator installed
    reopened = settings.qsettings()  # the next start
    assert settings.repair(reopened) == []
    assert settings.reset_message([]) == ""
    assert reopened.value(settings.IDLE_MINUTES.key) in (5, "5")
    assert reopened.value(settings.THEME.key) == "system"
    assert reopened.value(settings.LANGUAGE.key) == "en"


def test_the_settings_dialog_offers_look_and_font_size_each_explained(look, qtbot):
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    form = dialog.findChild(QFormLayout)
    for field in (dialog.language, dialog.idle, dialog.theme, dialog.font_size):
        label = form.labelForField(field)
        assert label is not None and label.text()
        row, _ = form.getWidgetPosition(field)
        explanation = form.itemAt(row + 1, QFormLayout.ItemRole.FieldRole).widget()
        assert isinstance(explanation, QLabel) and explanation.text()
    assert [dialog.theme.itemData(i) for i in range(dialog.theme.count())] == ["system", "light", "dark"]
    assert dialog.font_size.text() == dialog.font_size.specialValueText()  # the system's size by default
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(13)
    dialog.accept()
    assert settings.read(settings.THEME) == "dark" and settings.read(settings.FONT_SIZE) == 13
    assert theme.current() == "dark" and look.font().pointSizeF() == 13  # at once, no restart
