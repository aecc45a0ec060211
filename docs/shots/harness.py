"""What every picture needs: a demo seat, a window logged in as one of its accounts, and pictures saved from it.

A dialog is shown over the window it belongs to, with a title bar drawn from its window title (there is no
window manager under Xvfb to draw one). Modal dialogs are taken while their own event loop runs; a dialog
that opens when none was expected (a warning, a question) is closed and stops the run with its text.
"""

import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring

from PySide6.QtCore import QDateTime, QEvent, QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

import ui.worker
from desktop.config import SeatPaths
from desktop.demo import create_demo_seat
from desktop.seat import Seat
from desktop.shifts import ShiftService
from tests.memory_keyring import MemoryKeyring
from ui import theme
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.widgets.seat_time import to_edit

OUT = Path(__file__).resolve().parents[1] / "images"
LANGUAGES = ("zh_CN", "en")
WINDOW = (1366, 820)  # a common seat monitor, less the task bar
HANDOVER_NOTE = "D-C02 的高危来电已转介精神科急诊，明早 10 点前回访确认就诊。线路正常。"


@contextmanager
def demo_seat() -> Iterator[tuple[QApplication, SeatPaths, dict[str, str]]]:
    """A fresh demo seat in a temporary folder, with a shift the lead opened three hours ago."""
    OUT.mkdir(parents=True, exist_ok=True)
    ui.worker.SYNCHRONOUS = True  # one step after another, so each picture shows the step's result
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        # the settings dialog reads a settings file of its own, never the user's
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, home)
        theme.apply(app, "light", 0)
        paths = SeatPaths(Path(home) / "demo")
        accounts = create_demo_seat(paths)
        with Seat(paths).login("D-LEAD", accounts["D-LEAD"]) as lead:
            shifts = ShiftService(lead)
            now = datetime.now(UTC)
            shift = shifts.open(["D-C01", "D-C02"], now + timedelta(hours=5), now=now - timedelta(hours=3))
            shifts.set_note(shift.id, HANDOVER_NOTE)
        yield app, paths, accounts


_FIRST_ANCHORS: dict[str, dict | None] = {}  # the keyring's anchor of each seat when its first copy was made


def copy_of(paths: SeatPaths, name: str) -> SeatPaths:
    """A copy of the seat beside it (its device secret is in this process's keyring), so each language
    starts from the same calls. The copies share the seat's identity, so the keyring's rollback anchor
    (desktop/anchors.py) is put back as it was when the seat was made: else the second language's copy
    would be refused as older than what the first one recorded."""
    from desktop.vault import device

    seat_id = Seat(paths).vault.seat_id
    if seat_id in _FIRST_ANCHORS:
        device.write_anchor(seat_id, _FIRST_ANCHORS[seat_id])
    else:
        _FIRST_ANCHORS[seat_id] = device.read_anchor(seat_id)
    copy = SeatPaths(paths.home.parent / name)
    shutil.copytree(paths.home, copy.home)
    return copy


def select(combo: QComboBox, code) -> None:
    """Choose the entry of `combo` whose data is `code`, as a click would."""
    index = combo.findData(code)
    if index < 0:
        raise LookupError(f"{code!r} is not in {combo.accessibleName()!r}")
    combo.setCurrentIndex(index)


def minutes_ago(minutes: float) -> QDateTime:
    """The moment `minutes` ago, as the call form's time fields take it (the seat's wall-clock time)."""
    return to_edit(datetime.now(UTC) - timedelta(minutes=minutes))


class Shooter:
    """Pictures in one language (`zh_CN` or `en`): the files are `<name>-zh.png` or `<name>-en.png`."""

    def __init__(self, app: QApplication, paths: SeatPaths, accounts: dict[str, str], lang: str, demo: bool = True):
        self.app, self.paths, self.accounts, self.demo = app, paths, accounts, demo
        self.lang = "en" if lang == "en" else "zh"
        install_translators(app, lang)

    # ----- the window ---------------------------------------------------------------------------

    def open(self, code: str | None = None, size: tuple[int, int] = WINDOW) -> MainWindow:
        """The main window as the program shows it (on a demo seat unless `demo` is false); logged in as `code`
        if given."""
        demo_accounts = self.accounts if self.demo else None
        window = MainWindow(
            Seat(self.paths), self.lang, idle_minutes=30, autosave_seconds=30, demo_accounts=demo_accounts
        )
        window.resize(*size)
        window.show()
        self.settle()
        if code is not None:
            self.log_in(window, code)
        return window

    def log_in(self, window: MainWindow, code: str) -> None:
        page = window.login_page
        select(page.account, code)
        page.password.setText(self.accounts[code])
        self.press(page.submit)
        window.work.tabs.setCurrentIndex(0)

    def close(self, window: MainWindow) -> None:
        if window.work is not None:
            window.work.form.clear()  # nothing unsaved: no question on closing, no draft left behind
        window.close()
        self.settle()

    def settle(self, seconds: float = 0.0) -> None:
        """Let Qt lay out and paint; `seconds` also lets the form's timers (300–800 ms) run."""
        deadline = time.monotonic() + seconds
        while True:
            for _ in range(10):
                self.app.processEvents()
                self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
            if time.monotonic() >= deadline:
                return
            time.sleep(0.02)

    # ----- pictures -----------------------------------------------------------------------------

    def path(self, name: str) -> Path:
        return OUT / f"{name}-{self.lang}.png"

    def write(self, picture: QPixmap, name: str) -> None:
        if not picture.save(str(self.path(name)), "PNG", 0):  # quality 0: the smallest file, same pixels
            raise OSError(f"could not write {self.path(name)}")

    def shoot(self, widget: QWidget, name: str, wait: float = 0.0) -> None:
        """`widget` as it is on screen; a dialog or other window of its own gets its title bar."""
        self.settle(wait)
        own_window = widget.isWindow() and not isinstance(widget, MainWindow)
        self.write(self.framed(widget) if own_window else widget.grab(), name)

    def shoot_over(self, window: QWidget, shown: QWidget, name: str, at: QPoint | None = None) -> None:
        """`shown` (a dialog, or a menu at `at`) over `window`, which is a little dimmed, as the user sees it."""
        self.settle()
        picture = window.grab()
        top = self.framed(shown) if at is None else shown.grab()
        ratio = picture.devicePixelRatio()
        width, height = picture.width() / ratio, picture.height() / ratio
        size = top.size() / top.devicePixelRatio()
        if at is None:  # centred, as Qt places a dialog over its parent
            at = QPoint(max(0, int(width - size.width()) // 2), max(0, int(height - size.height()) // 2))
        painter = QPainter(picture)
        if shown.isModal():
            painter.fillRect(QRect(0, 0, int(width), int(height)), QColor(0, 0, 0, 48))
        for spread in range(8, 0, -2):  # a soft shadow, so the dialog stands out from the window
            painter.fillRect(QRect(at, size).adjusted(-spread, -spread + 3, spread, spread + 3), QColor(0, 0, 0, 14))
        painter.drawPixmap(at, top)
        painter.end()
        self.write(picture, name)

    def framed(self, dialog: QWidget) -> QPixmap:
        """The dialog with a plain title bar holding its window title."""
        body = dialog.grab()
        ratio = body.devicePixelRatio()
        font = QFont(dialog.font())
        font.setBold(True)
        bar = round(dialog.fontMetrics().height() * 1.9)
        width, height = round(body.width() / ratio), round(body.height() / ratio)
        picture = QPixmap(round((width + 2) * ratio), round((height + bar + 1) * ratio))
        picture.setDevicePixelRatio(ratio)
        colours = theme.colours()
        painter = QPainter(picture)
        painter.fillRect(QRect(0, 0, width + 2, height + bar + 1), QColor(colours["border"]))
        painter.fillRect(QRect(1, 1, width, bar - 1), QColor(colours["button"]))
        painter.setFont(font)
        painter.setPen(QColor(colours["text"]))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(12, 1, width - 24, bar - 1), align, dialog.windowTitle())
        painter.drawPixmap(1, bar, body)
        painter.end()
        return picture

    # ----- modal dialogs ------------------------------------------------------------------------

    def modal(
        self,
        window: QWidget,
        trigger: Callable[[], object],
        name: str,
        before: Callable[[QWidget], object] | None = None,
        accept: bool = False,
    ) -> None:
        """Run `trigger`, which opens a modal dialog; take it over `window` (after `before(dialog)`),
        then close it with its Cancel/Close (or its OK button if `accept`)."""

        def take(dialog: QWidget) -> None:
            if before is not None:
                before(dialog)
            self.shoot_over(window, dialog, name)
            dialog.accept() if accept else dialog.reject()

        if len(self._during(trigger, take)) != 1:
            raise RuntimeError(f"{name}: the expected dialog did not open")

    def press(self, trigger: Callable[[], object]) -> None:
        """Run `trigger`, which should open no dialog; one that opens is closed and stops the run."""
        texts = []

        def refuse(dialog: QWidget) -> None:
            texts.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
            dialog.reject()

        self._during(trigger, refuse)
        if texts:
            raise RuntimeError("an unexpected dialog opened: " + " / ".join(texts))

    def _during(self, trigger: Callable[[], object], handle: Callable[[QWidget], None]) -> list[QWidget]:
        """Run `trigger` and settle; each modal dialog opened meanwhile is handed to `handle`, which closes it."""
        seen: list[QWidget] = []
        watching = [True]
        under = QApplication.activeModalWidget()  # the dialog this one opens from, if any: not one of them

        def look() -> None:
            if not watching[0]:
                return
            dialog = QApplication.activeModalWidget()
            if dialog is not None and dialog is not under and dialog.isVisible() and all(dialog is not s for s in seen):
                seen.append(dialog)
                self.settle(0.1)
                try:
                    handle(dialog)
                except Exception as exc:  # raised here it would be lost, and the dialog would wait for ever
                    failed.append(exc)
                    dialog.reject()
            QTimer.singleShot(30, look)

        failed: list[Exception] = []
        QTimer.singleShot(0, look)
        try:
            trigger()
            self.settle(0.1)
        finally:
            watching[0] = False
        if failed:
            raise failed[0]
        return seen
