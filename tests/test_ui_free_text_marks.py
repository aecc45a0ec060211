"""Every free-text widget of the call form underlines identifiers while typing, as the notes do.

Found by reflection, not from a list: every editable text widget of the call form (line edits and plain-text
editors, spin boxes' and combo boxes' own editors aside) is either a code field (property `codeField`:
the case code, the concern search) or free text. Into each free-text one the test types a phone number
and looks at the pixels: the guard's red underline must be there, and not before. The form's own map of
free-text widgets must cover every call field of desktop/free_text.py.
"""

import pytest

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
)

from desktop.free_text import CALL_FIELDS
from tests.conftest import type_text
from tests.test_ui_call import log_in

PHONE = "13912345678"


@pytest.fixture
def form(qtbot, seat, open_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # at close
    window = open_window()
    log_in(qtbot, window)
    form = window.work.form
    form.risk.override.setCurrentIndex(1)  # a level of the counselor's own, so its reason can be typed
    return form


def text_widgets(form) -> list:
    """Every editable text widget of the form, found by walking it."""
    found = []
    for widget in form.findChildren(QLineEdit) + form.findChildren(QPlainTextEdit):
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)) or widget.isReadOnly():
            continue  # a date, time or choice box's own editor
        found.append(widget)
    return found


def bring_into_view(widget) -> None:
    """Show the tab and page the widget is on, and let it take input."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
        if isinstance(parent, QTabWidget) and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
        if isinstance(parent, QAbstractScrollArea) and hasattr(parent, "ensureWidgetVisible"):
            parent.ensureWidgetVisible(widget)
        child, parent = parent, parent.parentWidget()
    QApplication.processEvents()


def red_pixels(widget) -> int:
    """Pixels of the guard's red (#c62828, paler where antialiased) in the widget as it is drawn."""
    image = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            r, g, b = colour.red(), colour.green(), colour.blue()
            count += r > 150 and r - g > 60 and r - b > 60
    return count


def test_the_form_maps_every_free_text_field_of_the_registry_to_its_widgets(form):
    mapped = form.free_text_widgets()
    assert {field.name for field in CALL_FIELDS} <= set(mapped)
    free = [w for widgets in mapped.values() for w in widgets]
    unknown = [
        w.accessibleName() or w.placeholderText() or type(w).__name__
        for w in text_widgets(form)
        if w not in free and not w.property("codeField")
    ]
    assert unknown == [], "a text field of the form that is neither free text nor a code field"


def test_every_free_text_widget_underlines_a_phone_number_while_typing(qtbot, form):
    free = [w for w in text_widgets(form) if not w.property("codeField")]
    assert len(free) >= 6 + 6  # notes, summary, city, keyword, reason, follow-up note and the safety plan's
    form.window().resize(1400, 900)
    not_underlined = []
    for widget in free:
        bring_into_view(widget)
        target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
        widget.setFocus()
        before = red_pixels(target)
        type_text(widget, f"电话{PHONE}")
        qtbot.wait(10)
        assert widget.isEnabled(), widget.accessibleName()
        if red_pixels(target) <= before + 5:
            not_underlined.append(widget.accessibleName() or type(widget).__name__)
    assert not_underlined == []
