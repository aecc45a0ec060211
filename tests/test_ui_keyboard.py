"""Keyboard and screen readers: every control has a name, Tab follows the form, F1 lists every shortcut."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desktop.accounts import AccountService
from desktop.seat import Seat
from tests.test_ui_call import log_in
from ui.help_overlay import HelpOverlay

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QSpinBox,
    QDateTimeEdit,
    QCheckBox,
    QRadioButton,
    QPushButton,
    QAbstractItemView,
)
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget)  # their inner editors and popups are Qt's own


@pytest.fixture
def seat(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "咨询员 王", "counselor", "counselor-1")
    accounts.add("L001", "班长 李", "lead", "lead-pass-1")
    session.close()
    return Seat(paths)


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window()


def _inner_part(widget: QWidget) -> bool:
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Every focusable input under `root` that a screen reader could not name."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None and label.text()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _inner_part(widget):
            continue
        if widget.isHidden():  # hidden on purpose (another role's, nothing due): no key and no reader reaches it
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        path, parent = [], widget
        while parent is not None and parent is not root:
            path.append(parent.objectName() or type(parent).__name__)
            parent = parent.parentWidget()
        missing.append(" < ".join(path))
    return missing


def test_every_control_of_the_login_page_has_a_name(window):
    assert unnamed_controls(window) == []


@pytest.mark.parametrize("account", [("C001", "counselor-1"), ("L001", "lead-pass-1")])
def test_every_control_of_the_work_page_has_a_name(qtbot, window, account):
    log_in(qtbot, window, *account)
    form = window.work.form
    for index in range(form.sections.count()):  # every section of the call form, as a person tabs through them
        form.sections.setCurrentIndex(index)
    for index in range(window.work.tabs.count()):
        window.work.tabs.setCurrentIndex(index)
    assert unnamed_controls(window) == []
    names = [w.accessibleName() for w in form.findChildren(QWidget) if w.accessibleName() and not w.isHidden()]
    assert sorted({n for n in names if names.count(n) > 1}) == []  # "Outcome" seven times tells a reader nothing


def test_tab_follows_the_call_form(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # closing, later
    log_in(qtbot, window)
    form = window.work.form
    window.work.start_call()
    assert QApplication.focusWidget() is form.kind
    expected = [
        form.age_band,
        form.gender,
        form.region,
        form.city,
        form.first_call,
        form.case_code,
        form.new_code,
        form.concerns.search,
        form.concerns.tree,
    ]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is form.concerns.search


def _overlay_on_f1(qtbot, window, monkeypatch) -> HelpOverlay:
    opened = []
    monkeypatch.setattr(HelpOverlay, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    assert len(opened) == 1
    return opened[0]


def test_f1_lists_every_shortcut_of_a_lead(qtbot, window, monkeypatch):
    log_in(qtbot, window, "L001", "lead-pass-1")
    listed = _overlay_on_f1(qtbot, window, monkeypatch).keys_listed()
    for keys in ("F1", "F2", "F4", "Ctrl+S", "Ctrl+N", "Ctrl+L", "Ctrl+F", "F6", "F7", "F8", "F9"):
        assert keys in listed, keys
    for keys in ("Ctrl+Shift+S", "Ctrl+Shift+B", "Ctrl+H"):  # statistics, shift, handover: a lead's
        assert keys in listed, keys
    assert listed["F2"] == window.start_action.text()
    assert listed["Ctrl+L"] == window.lock_action.text()
    for keys in ("Tab / Shift+Tab", "Enter", "Esc"):
        assert keys in listed, keys


def test_f1_for_a_counselor_leaves_out_what_the_role_cannot_do(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    listed = _overlay_on_f1(qtbot, window, monkeypatch).keys_listed()
    assert "F2" in listed and "Ctrl+Shift+S" not in listed and "Ctrl+H" not in listed


@pytest.mark.parametrize("account", [("C001", "counselor-1"), ("L001", "lead-pass-1")])
def test_every_row_of_the_f1_help_says_what_its_keys_do(qtbot, window, monkeypatch, account):
    log_in(qtbot, window, *account)
    window.addAction(QAction(window, shortcut=QKeySequence("Ctrl+Shift+F12")))  # keys without words
    overlay = _overlay_on_f1(qtbot, window, monkeypatch)
    rows = {}
    for index in range(overlay.tree.topLevelItemCount()):
        group = overlay.tree.topLevelItem(index)
        for child in range(group.childCount()):
            what, keys = group.child(child).text(0), group.child(child).text(1)
            assert what.strip() and keys.strip(), (group.text(0), what, keys)
            rows[keys] = (group.text(0), what)
    assert "Ctrl+Shift+F12" not in rows
    menu = window.work.calls.findChild(QAction, "callMenuAction")
    assert rows[", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in menu.shortcuts())] == (
        overlay.tr("Lists"),
        menu.text(),
    )  # the call list's menu key, under the lists, by its name
    assert menu.text() == window.work.calls.tr("Open the menu of the selected call")


def test_f1_works_before_log_in_and_esc_closes_it(qtbot, window, monkeypatch):
    overlay = _overlay_on_f1(qtbot, window, monkeypatch)
    assert "F2" in overlay.keys_listed()  # listed, marked as after log-in
    assert overlay.tree.accessibleName()
    overlay.show()
    qtbot.waitExposed(overlay)
    qtbot.keyClick(overlay.tree, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
