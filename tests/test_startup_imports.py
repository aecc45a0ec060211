"""Start-up within 2x a bare window (DESIGN.md §10, issue 17): the log-in window is painted from what it
needs, before SQLCipher, the cryptography, Argon2, ReportLab or psycopg are imported; the keyring is looked
up off the GUI thread; the bundled files are read in full once the window is up."""

import json
import os
import subprocess
import sys
import threading

import pytest

from desktop.errors import HotlineError
from tests.conftest import ROOT

HEAVY = ("sqlcipher3", "cryptography", "argon2", "reportlab", "psycopg")
# Imported, or made as PySide's Python view of a Qt class, once the log-in window is painted, not before: what the
# log-in page does not show.
LATER = (
    "ui.framed_style",
    "ui.chart_colours",
    "ui.widgets.fit_toolbar",
    "ui.icons",
    "PySide6.QtSvg",
    "uuid",
    "platform",
    "hashlib",
    "hmac",
)
LATER_TYPES = ("QStyle", "QMessageBox", "QPainter", "QIcon")

# `python main.py` up to the first paint of its log-in page, as benchmarks/startup_probe.py watches it, and on to the
# window's `first_painted`; what was done at each, as JSON on the last line.
AT_FIRST_PAINT = f"""
import json, sys
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

HEAVY, LATER, LATER_TYPES = {HEAVY!r}, {LATER!r}, {LATER_TYPES!r}
lazy_types = "QStyle" not in vars(QtWidgets)  # PySide makes a class's Python view when it is first named
enter = QApplication.exec
seen = {{}}

def done():
    from ui import theme

    return {{
        "heavy": sorted({{name.split(".")[0] for name in sys.modules}} & set(HEAVY)),
        "later": sorted(set(sys.modules) & set(LATER)),
        "types_made": sorted(
            name for name in LATER_TYPES if any(name in vars(m) for m in (QtCore, QtGui, QtWidgets))
        ) if lazy_types else [],
        "framed": theme._state["framed"],
        "icon": not QApplication.windowIcon().isNull(),  # named after the types: it makes the view of QIcon
    }}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = done()
        return False

watcher = FirstPaint()

def after_first_paint():
    seen["after"] = done()
    QApplication.instance().quit()

def exec_watching(app):
    windows = [w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "login_page")]
    windows[0].login_page.installEventFilter(watcher)
    windows[0].first_painted.connect(after_first_paint)  # after the program's own slots
    status = enter()
    print(json.dumps(seen))
    return status

QApplication.exec = exec_watching
sys.path[0] = {str(ROOT)!r}
import main
sys.exit(main.main([]))
"""


def child_env(paths, tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLINE_LOG_", "PYTHON_KEYRING"))}
    env.update(
        HOTLINE_LOG_HOME=str(paths.home),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture
def first_paint(seat_init, paths, tmp_path) -> dict:
    """What `python main.py` had done when its log-in page was first painted ("painted") and once the window
    said so (`first_painted`, "after")."""
    seat_init[0].close()
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT],
        env=child_env(paths, tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_log_in_window_is_painted_before_any_heavy_module_is_imported(first_paint):
    assert first_paint["painted"]["heavy"] == []


def test_what_the_log_in_page_does_not_show_comes_after_its_first_paint(first_paint):
    painted, after = first_paint["painted"], first_paint["after"]
    assert painted["later"] == [] and painted["types_made"] == []
    assert painted["framed"] is False
    assert after["framed"] is True  # check boxes are framed before anyone can reach one
    assert after["icon"] is True  # the program's icon, in the title bar and the task bar


@pytest.mark.parametrize("module", ["ui.login", "ui.main_window", "ui.app"])
def test_importing_the_start_path_imports_no_heavy_module(module, tmp_path):
    probe = f"import sys, json, {module}; print(json.dumps(sorted({{n.split('.')[0] for n in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert set(json.loads(done.stdout)) & set(HEAVY) == set()


def test_the_keyring_is_looked_up_off_the_gui_thread(qtbot, seat, monkeypatch, own_settings):
    import desktop.vault
    import ui.worker
    from desktop.vault import KeyringStatus
    from ui.main_window import MainWindow

    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)  # as in the program: a worker of the thread pool
    threads = []

    def looked_up():
        threads.append(threading.current_thread())
        return KeyringStatus(False, "test", "no keyring in this test")

    monkeypatch.setattr(desktop.vault, "keyring_status", looked_up)
    window = MainWindow(seat, "zh", idle_minutes=5, autosave_seconds=30)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.statusBar().findChild(object, "keyringWarning") is not None, timeout=5000)
    assert threads and threads[0] is not threading.main_thread()


def test_a_bundled_file_found_damaged_after_the_window_is_up_stops_the_program(qapp, messages, monkeypatch):
    from desktop import bundle, taxonomy
    from ui import app

    class Damaged(HotlineError):
        pass

    def unreadable():
        raise Damaged("The taxonomy file taxonomy.json is damaged.")

    monkeypatch.setattr(taxonomy, "load_taxonomy", unreadable)
    exits = []

    class Program:
        def exit(self, status):
            exits.append(status)

    app.check_bundle_in_full(Program())
    assert exits == [1]
    assert [(kind, text) for kind, _title, text in messages] == [
        (
            "critical",
            "A file Hotline Log is installed with is missing or damaged. Install Hotline Log again, or ask the admin."
            "\nThe taxonomy file taxonomy.json is damaged. The installation is incomplete or damaged; "
            "install Hotline Log again.",
        )
    ]
    monkeypatch.undo()
    bundle.check_bundle()  # the real files read


def test_the_window_starts_on_the_files_being_there_and_reads_them_afterwards(monkeypatch):
    """main.py checks presence only for the window; a command reads every file before it runs."""
    from desktop import bundle, taxonomy

    reads = []
    real = taxonomy.load_taxonomy
    monkeypatch.setattr(taxonomy, "load_taxonomy", lambda: reads.append(1) or real())
    bundle.check_bundle(read=False)
    assert reads == []
    bundle.check_bundle()
    assert reads == [1]
