"""The real window, typing without a pause, killed with SIGKILL: the next log-in brings back all but the last few
seconds. The window runs in a process of its own (offscreen) on a seat of the test's own; it reports each
character it types with the time on its own clock, so what came back is measured against that clock."""

import os
import signal
import subprocess
import sys

import pytest

from desktop.calls import CallService
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, ROOT
from tests.test_ui_call import log_in

pytestmark = pytest.mark.slow

PROMISE_S = 5.0
SLACK_S = 2.0  # the child's timers may run late on a loaded machine; what is promised is 5 s
OWED = 100  # characters typed more than PROMISE_S + SLACK_S before the kill: the measure
MOST_TYPING_S = 60.0  # a window that cannot type that many in a minute fails the test
TEXT = "来访者说最近睡不好，工作压力很大，和家人的关系也紧张。她想找人说说话，慢慢地情绪平稳了一些。"

CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from desktop.config import SeatPaths
from desktop.calls import CallService
from desktop.seat import Seat
from ui.main_window import MainWindow

text = sys.argv[2]
window = MainWindow(Seat(SeatPaths.default()), "zh", idle_minutes=60, autosave_seconds=3)  # the default setting
window.show()
page = window.login_page
page.account.setCurrentIndex(page.account.findData("A001"))
page.password.setText("admin-pass-1")
page.submit()  # Argon2id off the GUI thread, as a person logs in
typed = 0

def type_one():
    global typed
    if window.work is None:
        return
    editor = window.work.form.notes.editor
    if typed == 0:
        window.work.start_call()
        editor.setFocus()
    char = text[typed % len(text)]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    typed += 1
    print(typed, time.monotonic(), flush=True)

keys = QTimer(interval=50)  # twenty characters a second, never a pause
keys.timeout.connect(type_one)
keys.start()
app.exec()
"""


def owed_before(reported: list[tuple[int, float]], moment: float) -> int:
    """How many characters the window had typed by `moment` on its clock."""
    return max((count for count, at in reported if at <= moment), default=0)


def test_a_window_killed_while_typing_brings_back_all_but_the_last_seconds(
    qtbot, no_keyring, seat_init, paths, tmp_path, open_window, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    seat_init[0].close()
    env = {
        **os.environ,
        "HOTLINE_LOG_HOME": str(paths.home),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "child-settings"), TEXT],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    reported = []  # (characters typed, the child's clock)
    try:
        for line in child.stdout:  # type until more than OWED characters are older than the promise, however slow
            count, at = line.split()
            reported.append((int(count), float(at)))
            promised = reported[-1][1] - PROMISE_S - SLACK_S
            if reported[-1][1] - reported[0][1] >= MOST_TYPING_S or owed_before(reported, promised) > OWED:
                break
        assert reported, "the window never typed"
        os.kill(child.pid, signal.SIGKILL)  # no close, no lock, no clean-up: a crash
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    killed_at = reported[-1][1]
    owed = owed_before(reported, killed_at - PROMISE_S - SLACK_S)
    assert owed > OWED  # enough typing before the kill for the measure to mean something

    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as check:
        assert CallService(check).load_draft() is not None, "nothing of the typing came back"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = open_window()
    log_in(qtbot, window, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: window.work.form.notes.text() != "")  # the next log-in offers it; Yes
    back = window.work.form.notes.text()
    expected = "".join(TEXT[n % len(TEXT)] for n in range(reported[-1][0]))
    assert expected.startswith(back)  # what came back is what was typed, in order
    assert len(back) >= owed, f"{len(back)} of {reported[-1][0]} characters came back, {owed} were owed"
    print(f"typed {reported[-1][0]} characters in {killed_at - reported[0][1]:.1f} s; {len(back)} came back")
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as check:
        assert "draft.restored" in [e.action for e in check.audit.entries(limit=5)]
