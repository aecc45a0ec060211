"""The look: light and dark themes, risk colours readable in both, icons, font size, settings that heal."""

import pytest

from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QToolBar

from desktop.resources import resource_path
from tests.conftest import ADMIN, ADMIN_PASSWORD
from ui import icons, settings, theme
from ui.style import RISK_COLOURS
from ui.theme import contrast, luminance  # WCAG 2, checked against known pairs below

LEVELS = ("none", "low", "moderate", "high", "imminent")


def test_the_contrast_measure_gives_the_wcag_figures():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1)


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


def log_in(qtbot, window, code=ADMIN, password=ADMIN_PASSWORD):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def test_every_icon_loads_and_every_action_has_one(look, qtbot, seat_init, open_window):
    for path in resource_path("icons").glob("*.svg"):
        assert not icons.icon(path.stem).isNull(), path.name
    assert not icons.app_icon().isNull()
    window = open_window()
    assert window.findChild(QToolBar, "callToolbar") is None  # made at the first log-in, with its icons
    seat_menu = window.menuBar().actions()[0].menu()
    seat_menu.popup(window.mapToGlobal(window.rect().center()))  # opened before anyone logs in
    qtbot.waitUntil(seat_menu.isVisible)
    assert not window.lock_action.icon().isNull()  # the menu's icons are made when it first opens
    seat_menu.hide()
    log_in(qtbot, window)  # the toolbar is there once someone works
    qtbot.waitUntil(lambda: window.toolbar is not None and window.toolbar.isVisible())
    toolbar = window.findChild(QToolBar, "callToolbar")
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


# ----- the statistics view's charts and heat map --------------------------------------------------


def chart_texts(chart) -> list[QColor]:
    """The colours of every text a chart draws: title, axis labels, value labels."""
    colours = [chart.titleBrush().color()] + [axis.labelsBrush().color() for axis in chart.axes()]
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            colours += [bars.labelColor() for bars in series.barSets()]
        else:
            colours.append(series.pointLabelsColor())
    return colours


@pytest.fixture
def stats(look, qtbot, seat_init):
    """The statistics view on a seat with the calls of tests/test_stats.py, in the dark look."""
    from desktop.calls import CallService
    from tests.test_stats import FROM, TO, calls
    from tests.test_ui_stats import set_window
    from ui.stats_view import StatsView

    session, _ = seat_init
    for form in calls():
        CallService(session).save(form)
    theme.apply(look, "dark", 0)
    view = StatsView(session, "zh")
    qtbot.addWidget(view)
    view.show()
    set_window(view, FROM, TO)
    return view


def test_the_statistics_charts_are_dark_and_readable_in_the_dark_look(stats):
    window = stats.palette().color(QPalette.ColorRole.Window)
    for view in (stats.days_chart, stats.panels["by_concern"].chart, stats.talk_panel.chart):
        chart = view.chart()
        background = chart.backgroundBrush().color()
        assert background == stats.palette().color(QPalette.ColorRole.Base)  # as the tables beside it
        assert background.lightness() <= window.lightness() < 64
        assert view.backgroundBrush().color() == background  # no light frame around the chart
        assert len(chart.axes()) == 2
        for text in chart_texts(chart):
            assert contrast(text, background) >= 4.5, text.name()
        for series in chart.series():
            drawn = series.barSets()[0].color() if isinstance(series, QAbstractBarSeries) else series.pen().color()
            assert contrast(drawn, background) >= 3, drawn.name()  # bars and lines stand out too


def test_the_statistics_follow_a_change_of_look_while_open(stats, look):
    chart = stats.panels["by_kind"].chart.chart()
    heat = stats.heat_model.index(3, 22)  # Thursday 22:00, the busiest hour
    dark_cell = heat.data(Qt.ItemDataRole.BackgroundRole)
    theme.apply(look, "light", 0)
    assert stats.panels["by_kind"].chart.chart() is chart  # the same chart, painted again
    background = chart.backgroundBrush().color()
    assert background == look.palette().color(QPalette.ColorRole.Base) and background.lightness() > 200
    for text in chart_texts(chart):
        assert contrast(text, background) >= 4.5, text.name()
    assert heat.data(Qt.ItemDataRole.BackgroundRole) != dark_cell
    theme.apply(look, "dark", 0)
    assert chart.backgroundBrush().color().lightness() < 64
    assert heat.data(Qt.ItemDataRole.BackgroundRole) == dark_cell


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_heat_map_count_reads_on_its_cell_in_both_looks(look, qtbot, name):
    from ui.charts import HeatMap
    from ui.stats_models import HeatModel

    theme.apply(look, name, 0)
    model = HeatModel("Total")
    table = HeatMap(model)
    qtbot.addWidget(table)
    model.set_grid([[day * 24 + hour for hour in range(24)] for day in range(7)])  # 0 to 167: every shade
    ground = table.palette().color(QPalette.ColorRole.Base)
    shades = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            cell = index.data(Qt.ItemDataRole.BackgroundRole) or ground
            text = index.data(Qt.ItemDataRole.ForegroundRole) or table.palette().color(QPalette.ColorRole.Text)
            assert contrast(text, cell) >= 4.5, (name, row, column, text.name(), cell.name())
            assert index.data() == str(model.count(row, column))  # the number, never the colour alone
            assert str(model.count(row, column)) in index.data(Qt.ItemDataRole.ToolTipRole)
            if row < 7 and column < 24 and model.count(row, column):
                shades.append(luminance(cell))
    # More calls, a deeper shade in the light look and a brighter one in the dark look; the ends well apart.
    assert shades == sorted(shades, reverse=name == "light")
    assert (max(shades) + 0.05) / (min(shades) + 0.05) >= 3


def test_the_chosen_window_of_the_statistics_shows_in_the_dark_look(stats):
    chosen, other = stats.preset_buttons["custom"], stats.preset_buttons["month"]
    assert chosen.isChecked() and not other.isChecked()
    y = chosen.height() // 2
    chosen_ground, other_ground = (QColor(button.grab().toImage().pixel(4, y)) for button in (chosen, other))
    assert contrast(chosen_ground, other_ground) >= 2  # not the faint sunken look of Fusion's dark buttons


@pytest.mark.parametrize("name", ["light", "dark"])
def test_an_empty_check_box_stands_out_from_its_panel_in_both_looks(look, qtbot, name):
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    theme.apply(look, name, 0)
    box = QCheckBox("现在或近两周有自杀想法")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    ground = box.palette().color(QPalette.ColorRole.Window)
    edge = max(
        (QColor(image.pixel(indicator.left() + x, indicator.center().y())) for x in range(indicator.width() // 2)),
        key=lambda colour: contrast(colour, ground),
    )
    assert contrast(edge, ground) >= 3  # WCAG 1.4.11: a control's boundary against what is around it
