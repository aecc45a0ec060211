"""Chinese first: the built translation loads and covers every string of the window."""

import subprocess
import sys

from PySide6.QtCore import QCoreApplication

from tests.conftest import ROOT
from ui.i18n import install_translators
from ui.messages import error_text


def test_the_window_speaks_chinese_by_default(qapp):
    install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("MainWindow", "Start call") == "开始通话"
        assert QCoreApplication.translate("LoginPage", "Log in") == "登录"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs too
        from desktop.errors import WrongPassword

        assert error_text(WrongPassword("Wrong staff code or password.")) == "账号或密码错误。"
    finally:
        install_translators(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Start call") == "Start call"


def test_every_string_of_the_window_has_a_chinese_translation():
    check = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "i18n" / "update.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def english_labels(widget) -> list[str]:
    """The labels, buttons and group titles of a dialog that hold English words and no Chinese."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in widget.findChildren(kind)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)]
    return [t for t in texts if re.search(r"[A-Za-z]{3,}", t) and not re.search(r"[\u4e00-\u9fff]", t)]


def test_qts_own_file_and_print_dialogs_speak_chinese(qapp):
    """qtbase_zh_CN leaves "Look in:" and "Files of type:" (and a few print labels) in English; ours fills them."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog

    install_translators(qapp, "zh_CN")
    try:
        files = QFileDialog(None, "x")
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        printer = QPrinter()
        printing = QPrintDialog(printer)
        assert english_labels(files) == [] and english_labels(printing) == []
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        # the file list's type column: a folder is 文件夹, not "Folder"
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    finally:
        install_translators(qapp, "en")


def test_no_translated_string_is_built_where_lupdate_cannot_see_it():
    """lupdate reads tr("…") and translate("ctx", "…") only as plain calls with a literal: one inside an
    f-string or given a computed text is never collected, and shows in English in the Chinese window."""
    import ast

    hidden = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) in (
                        "tr",
                        "translate",
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno} (inside an f-string)")
            computed = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "tr" and node.args
            if computed and not isinstance(node.args[0], ast.Constant):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} (tr of a computed text)")
    assert hidden == []


def test_a_disabled_account_is_told_by_its_type_not_by_its_english_text(qapp):
    from desktop.errors import AccountDisabled, WrongPassword

    install_translators(qapp, "zh_CN")
    try:
        assert error_text(AccountDisabled("Dieses Konto ist gesperrt.")) == QCoreApplication.translate(
            "messages", "This account is disabled on this seat; ask an admin."
        )
        assert "账号或密码错误" in error_text(WrongPassword("disabled in the message of another error"))
    finally:
        install_translators(qapp, "en")


# Qt calls that put text on screen, and the keyword arguments that do.
SHOWN_BY = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "showMessage", "setTitle", "addItem",
    "setStatusTip", "setAccessibleName", "setLabelText", "addAction", "addTab", "setTabText", "addRow",
    "warning", "critical", "information", "question", "emit", "_say", "_finish",
    "QLabel", "QPushButton", "QGroupBox", "QCheckBox", "QRadioButton", "QAction", "QLineEdit",
}  # fmt: skip
SHOWN_AS = ("text", "placeholderText", "toolTip", "windowTitle", "title", "accessibleName")
LOGGERS = ("log", "logging", "logger")


def english_outside_tr(node) -> bool:
    """A literal or f-string holding English words (two words or more), not passed through tr()."""
    import ast
    import re

    words = re.compile(r"[A-Za-z]{2,}[,.;:!?']?\s+[A-Za-z]{2,}")
    if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
        "tr",
        "translate",
    ):
        return False
    if isinstance(node, ast.BinOp):
        return english_outside_tr(node.left) or english_outside_tr(node.right)
    if isinstance(node, ast.IfExp):
        return english_outside_tr(node.body) or english_outside_tr(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and words.search(v.value) for v in node.values)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(words.search(node.value))


def test_no_english_sentence_is_put_on_screen_without_tr():
    """A sentence built from literals and f-strings next to tr() (`tr("Saved") + f" in {n} calls"`) shows its
    English part in the Chinese window: every text given to a widget, a dialog or the status bar is tr()'s."""
    import ast

    built = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            owner = getattr(getattr(node.func, "value", None), "id", "")
            if name not in SHOWN_BY or owner in LOGGERS:
                continue
            shown = [*node.args, *(k.value for k in node.keywords if k.arg in SHOWN_AS)]
            built += [f"{path.relative_to(ROOT)}:{node.lineno}" for arg in shown if english_outside_tr(arg)]
    assert built == []


def test_the_handover_windows_scope_says_its_buttons_in_chinese_as_the_statistics_view_does(qapp, seat_init):
    """The handover window's 本席位 / 全中心 is the statistics view's widget, and speaks Chinese in both."""
    from ui.center_handover import HandoverScope
    from ui.center_stats import CenterScope

    install_translators(qapp, "zh_CN")
    try:
        for scope in (CenterScope(seat_init[0]), HandoverScope(seat_init[0])):
            assert (scope.this_seat.text(), scope.whole_centre.text()) == ("本席位", "全中心")
    finally:
        install_translators(qapp, "en")
