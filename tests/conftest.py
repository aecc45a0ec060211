"""Shared fixtures. Qt runs offscreen; every test gets its own seat folder and an in-memory keyring."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import keyring.backends.fail  # noqa: E402
import pytest  # noqa: E402

from desktop.config import ENV_HOME, SeatPaths  # noqa: E402
from desktop.seat import Seat  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ADMIN = "A001"
ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture(autouse=True)
def memory_keyring(request):
    """Every test starts with an empty in-memory keyring unless it asks for the real one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    if "secret_service" not in request.keywords:
        keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def synchronous_workers(monkeypatch):
    """Background work runs at once in tests, so what a test does next sees its result (STYLE.md 10)."""
    import ui.worker

    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", True)


@pytest.fixture
def seat_clock(monkeypatch):
    """`seat_clock(moment)` pins the program's clock (desktop.clock) at `moment`, by default 12:00 seat time,
    mid-shift; returns the clock (`.advance(minutes=…)` moves it). Undone after the test (tests/seat_clock.py)."""
    from desktop import clock
    from tests.seat_clock import MID_SHIFT, pin_seat_clock, release_seat_clock

    real = clock.utc_now
    yield lambda moment=MID_SHIFT: pin_seat_clock(monkeypatch, moment)
    release_seat_clock(real)


@pytest.fixture
def no_keyring():
    """No keyring backend at all, as on a headless Linux seat."""
    keyring.set_keyring(keyring.backends.fail.Keyring())


@pytest.fixture
def own_settings(tmp_path):
    """The program's settings in a folder of the test's own."""
    from PySide6.QtCore import QSettings

    from ui import settings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return settings.qsettings()


@pytest.fixture
def look(qapp, own_settings):
    """Whatever a test does to the look of the program (`theme.apply(look, ...)`) is undone afterwards."""
    from PySide6.QtGui import QPalette

    from ui import theme

    before = (qapp.styleSheet(), QPalette(qapp.palette()), qapp.font(), qapp.style().name(), dict(theme._state))
    yield qapp
    sheet, palette, font, style, state = before
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    theme._state.update(state)


@pytest.fixture
def paths(tmp_path, monkeypatch) -> SeatPaths:
    home = tmp_path / "seat"
    monkeypatch.setenv(ENV_HOME, str(home))
    return SeatPaths(home)


@pytest.fixture
def seat_init(paths):
    """A freshly set-up seat: (admin session, recovery code). The session is closed afterwards."""
    session, code = Seat.init(paths, "测试席位", ADMIN, "管理员", ADMIN_PASSWORD)
    yield session, code
    if session.key:
        session.close()


@pytest.fixture
def session(seat_init):
    return seat_init[0]


def run_cli(
    *args,
    home: Path,
    env: dict | None = None,
    keyring_backend: str = "keyring.backends.fail.Keyring",
    input_text: str | None = None,
    timeout: float = 60,
):
    """Run `python main.py ARGS` as a user would; returns the CompletedProcess."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")}
    full_env.update({ENV_HOME: str(home), "PYTHONPATH": str(ROOT)})
    if keyring_backend:
        full_env["PYTHON_KEYRING_BACKEND"] = keyring_backend
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=full_env,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=None if input_text is not None else subprocess.DEVNULL,
    )


def run_cli_killed_at(point: str, *args, home: Path, env: dict | None = None, **kwargs):
    """`main.py ARGS`, killed with SIGKILL at the named point of desktop/crashpoints.py (tests/crash_at.py).
    The process must have died there: a run that never reached the point fails the test."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")}
    full_env.update({ENV_HOME: str(home), "PYTHONPATH": str(ROOT)})
    full_env["PYTHON_KEYRING_BACKEND"] = kwargs.pop("keyring_backend", "keyring.backends.fail.Keyring")
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "crash_at.py"), point, *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 120),
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == -9 and f"killed at {point}" in result.stderr, (result.returncode, result.stderr)
    return result


def files_under(folder: Path):
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def type_text(widget, text: str) -> None:
    """Type `text` into `widget` key by key. QTest.keyClicks handles ASCII only; Chinese arrives as key
    events carrying their text, as an input method delivers it."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    QApplication.processEvents()


@pytest.fixture
def open_window(qtbot, paths, tmp_path):
    """`open_window(autosave_seconds=1)`: the main window on the seat in `paths`, shown as a user starts it,
    with its settings in a folder of the test's own; closed afterwards."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    windows = []

    def make(autosave_seconds: int = 1):
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
        window = MainWindow(Seat(paths), "zh", idle_minutes=5, autosave_seconds=autosave_seconds)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture(params=["search", "cid"])
def font(request, monkeypatch):
    """A PDF test runs twice: with the CJK font this computer offers and with the built-in CID font forced."""
    from desktop.reports import fonts

    if request.param == "cid":
        monkeypatch.setenv(fonts.ENV_FONT, "cid")
    else:
        monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    fonts.clear_cache()
    yield fonts.register_cjk_font()
    fonts.clear_cache()


@pytest.fixture
def seat(seat_init, paths):
    """A seat with its admin (A001) and one counselor, C001 / counselor-1; modules needing more define their own."""
    from desktop.accounts import AccountService

    session, _ = seat_init
    AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
    session.close()
    return Seat(paths)


@pytest.fixture(autouse=True)
def no_message_box_waits(monkeypatch):
    """A static message box that no test answers would wait forever offscreen (a window closed at teardown
    with a call on screen asks "Close?"): by default each is logged and answered at once (Yes to a question).
    Tests that look at message boxes take `messages`, which replaces this."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QMessageBox

    def answered(kind):
        def box(_parent, title, text, *args, **kwargs):
            logging.getLogger("tests").info("message box %s answered by the test harness: %s", kind, title)
            return QMessageBox.StandardButton.Yes if kind == "question" else QMessageBox.StandardButton.Ok

        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, answered(kind))


@pytest.fixture
def messages(monkeypatch):
    """Message boxes answered at once, shown as (kind, title, text); questions answered Yes."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, title, text, *a, k=kind: shown.append((k, title, text)))

    def question(_parent, title, text, *args):
        shown.append(("question", title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown


@pytest.fixture(scope="session")
def pg_cluster():
    """The tests' own PostgreSQL (tests/centre_pg.py), started once and stopped at the end, also on failure.
    Skipped with the reason when PostgreSQL is not installed, except under CI=true, where that fails."""
    from tests import centre_pg

    bindir = centre_pg.find_bindir()
    if bindir is None:
        reason = "PostgreSQL is not installed (no initdb/pg_ctl in pg_config --bindir or /usr/lib/postgresql/*/bin)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{reason}; CI must run the centre's tests (.ci/run installs the postgresql package)")
        pytest.skip(reason)
    cluster = centre_pg.start_cluster(bindir)
    try:
        yield cluster
    finally:
        centre_pg.stop_cluster(cluster)


@pytest.fixture
def pg(pg_cluster):
    """The cluster, running (a test that stopped it has it started again), with a fresh database `pg.db`."""
    if not pg_cluster.running():
        pg_cluster.start()
    name = pg_cluster.fresh_database()
    pg_cluster.db = name
    yield pg_cluster
    if not pg_cluster.running():
        pg_cluster.start()
    pg_cluster.drop_database(name)
