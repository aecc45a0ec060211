"""Lock leaves nothing of a call to paste: on X11 the primary selection (what a middle click pastes, served by
the program that selected the text) is cleared with the clipboard. The offscreen platform the tests run on has
no primary selection, so the window is also run under Xvfb on the real X11 platform, and another X client asks
for the selection before and after the lock."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication

from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT
from tests.test_ui_call import log_in

NOTE = "选中的一段记录"

WINDOW = """
import json, subprocess, sys, time
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from desktop.config import SeatPaths
from desktop.seat import Seat
from ui.main_window import MainWindow

READER = (
    "from PySide6.QtGui import QClipboard\\nfrom PySide6.QtWidgets import QApplication\\n"
    "app = QApplication([])\\nprint(app.clipboard().text(QClipboard.Mode.Selection))"
)

def read_from_another_client():
    reader = subprocess.Popen([sys.executable, "-c", READER], stdout=subprocess.PIPE, text=True)
    while reader.poll() is None:  # this program must answer the selection request meanwhile
        app.processEvents()
        time.sleep(0.01)
    return reader.stdout.read().rstrip("\\n")

seat = Seat(SeatPaths.default())
window = MainWindow(seat, "zh", idle_minutes=60, autosave_seconds=3)
window.show()
window.login_page.logged_in.emit(seat.login("A001", "admin-pass-1"))
editor = window.work.form.notes.editor
window.work.form.notes.set_text(sys.argv[2])
window.activateWindow()
editor.setFocus()
QTest.keyClick(editor, Qt.Key.Key_End)
QTest.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
app.processEvents()
seen = {"platform": app.platformName(), "supported": app.clipboard().supportsSelection()}
seen["before"] = read_from_another_client()
window.lock()
app.processEvents()
seen["after"] = read_from_another_client()
print(json.dumps(seen, ensure_ascii=False), flush=True)
"""


def test_lock_clears_the_primary_selection_where_the_platform_has_one(qtbot, seat, open_window, monkeypatch):
    clipboard = QApplication.clipboard()
    if not clipboard.supportsSelection():
        pytest.skip(f"the {QApplication.platformName()} platform has no primary selection; the Xvfb test covers it")
    window = open_window()
    log_in(qtbot, window)
    editor = window.work.form.notes.editor
    window.work.form.notes.set_text(NOTE)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text(QClipboard.Mode.Selection) == NOTE
    window.lock()
    assert clipboard.text(QClipboard.Mode.Selection) == ""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (xvfb-run) to run the window on X11")
def test_lock_clears_the_primary_selection_on_x11_as_another_program_sees_it(no_keyring, seat_init, paths, tmp_path):
    seat_init[0].close()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")},
        "HOTLINE_LOG_HOME": str(paths.home),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "xcb",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", WINDOW, str(tmp_path), NOTE],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb" and seen["supported"]
    assert seen["before"] == NOTE  # another program could paste the selected note text...
    assert seen["after"] == ""  # ...until the lock
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as check:
        assert "session.locked" in [e.action for e in check.audit.entries(limit=5)]
