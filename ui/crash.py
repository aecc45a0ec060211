"""The error report: an unhandled error keeps the draft, is logged, and is shown with copyable details.

Nothing of a call reaches the details (DESIGN.md §2.4): they hold the exception's type, the traceback's
file names, line numbers and function names, and the program's and platform's versions. An exception's
message is kept only for our own `HotlineError`s (whose messages never quote call text) and for a few
built-in errors whose message Python writes from the code itself; even those are redacted and cut short.
No local variable and no source line is ever read.

`install()` sets `sys.excepthook` (slots and event handlers of Qt land there too) and
`threading.excepthook` (relayed to the GUI thread). Failures of `ui.worker` tasks reach their `on_error`
callback on the GUI thread, which re-raises what it did not expect, so they come here as well.
"""

import contextlib
import logging
import platform
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from desktop.errors import HotlineError
from desktop.privacy import redact
from desktop.version import __version__

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 200
_ROOT = Path(__file__).resolve().parent.parent
# Built-in errors whose message Python composes from names in the code, never from data.
_CODE_MESSAGES = (AttributeError, NameError, ImportError, ZeroDivisionError, RecursionError)
_CHAIN_LIMIT = 5


# ----- the details ----------------------------------------------------------------------------------


def _short_path(filename: str) -> str:
    """A file name without the folders above the program or the library, so no user name shows."""
    path = Path(filename)
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(_ROOT).as_posix()
    parts = path.parts
    for marker in ("site-packages", "lib"):
        if marker in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(marker) :])
    return "/".join(parts[-2:])


def _type_name(kind: type) -> str:
    module = getattr(kind, "__module__", "")
    return kind.__qualname__ if module in ("builtins", "", None) else f"{module}.{kind.__qualname__}"


def safe_message(value: BaseException | None) -> str:
    """The message if it can be shown: ours and code-made ones, redacted and cut; otherwise empty."""
    if value is None or not isinstance(value, (HotlineError, *_CODE_MESSAGES)):
        return ""
    try:
        text = redact(" ".join(str(value).split()))
    except Exception:  # a message that cannot even be turned into text is left out
        return ""
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _frames(tb) -> list[str]:
    """File, line and function of each frame: never a source line, never a local variable."""
    return [
        f"  {_short_path(code.co_filename)}:{line} in {getattr(code, 'co_qualname', code.co_name)}"
        for code, line in ((frame.f_code, line) for frame, line in traceback.walk_tb(tb))
    ]


def build_details(kind: type, value: BaseException | None, tb, thread: str = "") -> str:
    """The technical details of a failure, free of call content; also what goes to the log."""
    lines = [
        f"Hotline Log {__version__}: error report (no call content)",
        f"Time: {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qVersion()} (PySide6 {PySide6.__version__})",
        f"Platform: {platform.system()} {platform.release()} {platform.machine()}",
        f"Thread: {thread or threading.current_thread().name}",
        "",
    ]
    seen: set[int] = set()
    current_kind, current, current_tb = kind, value, tb
    for depth in range(_CHAIN_LIMIT):
        message = safe_message(current)
        if depth:
            lines += ["", "Earlier error (its cause or context):"]
        lines.append(f"Error: {_type_name(current_kind)}")
        if message:
            lines.append(f"Message: {message}")
        elif current is not None and current.args:
            lines.append("Message: (left out: it may quote call content)")
        lines.append("Traceback (most recent call last):")
        lines.extend(_frames(current_tb) or ["  (no traceback)"])
        if current is None:
            break
        seen.add(id(current))
        following = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if following is None or id(following) in seen:
            break
        current_kind, current, current_tb = type(following), following, following.__traceback__
    return "\n".join(lines)


# ----- keeping the draft ------------------------------------------------------------------------------


def keep_drafts() -> bool | None:
    """Save the call on screen of every open session as its draft. None: no call was open;
    True: every call is kept; False: one could not be kept. Never raises."""
    from ui.work_page import WorkPage  # here, so importing this module stays light

    outcome: bool | None = None
    try:
        pages = [w for w in QApplication.allWidgets() if isinstance(w, WorkPage)]
    except Exception:
        return False
    for page in pages:
        try:
            kept = page.keep_draft()
        except Exception as exc:  # the failure may be in the form itself; report, carry on
            log.error("the draft could not be kept after an error (%s)", type(exc).__name__)
            kept = False
        if kept is not None:
            outcome = kept if outcome is None else (outcome and kept)
    return outcome


def end_sessions() -> None:
    """Before the program closes after an error: every window logs out as a normal close does (the close is
    audited and the key dropped). Never raises."""
    from ui.main_window import MainWindow  # here, so importing this module stays light

    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            try:
                window.end_session()
            except Exception as exc:
                log.error("the session could not be closed after an error (%s)", type(exc).__name__)


# ----- the dialog -------------------------------------------------------------------------------------


class CrashDialog(QDialog):
    """What happened in plain words, whether the call is kept, the details to copy, and the two ways on."""

    KEEP_WORKING = 0
    CLOSE_PROGRAM = 1

    def __init__(self, details: str, draft_kept: bool | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hotline Log: something went wrong"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.details = details
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        self.headline = QLabel(
            self.tr(
                "The program ran into an error it did not expect. This is a fault in the program, not something "
                "you did."
            ),
            wordWrap=True,
            objectName="crashHeadline",
        )
        if draft_kept is None:
            draft_text = self.tr("No call was open, so nothing of a call was lost.")
        elif draft_kept:
            draft_text = self.tr("Your call was kept as a draft (encrypted) and will be offered at the next log-in.")
        else:
            draft_text = self.tr(
                "The call on screen could not be kept as a draft. Keep working and save it (Ctrl+S), or write "
                "down what you need before closing."
            )
        self.draft_label = QLabel(draft_text, wordWrap=True, objectName="crashDraft")
        self.advice = QLabel(
            self.tr(
                "You can keep working: what is saved is safe. If the error comes back, close the program and "
                "start it again. To report it, copy the details below: they hold no call content."
            ),
            wordWrap=True,
        )
        self.text = QPlainTextEdit(details, readOnly=True)
        self.text.setAccessibleName(self.tr("Technical details"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTabChangesFocus(True)
        details_label = QLabel(self.tr("&Technical details"))
        details_label.setBuddy(self.text)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(self.tr("C&lose the program"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button = buttons.addButton(self.tr("&Keep working"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setDefault(True)
        self.close_button.clicked.connect(lambda: self.done(self.CLOSE_PROGRAM))
        self.keep_button.clicked.connect(lambda: self.done(self.KEEP_WORKING))
        self.copied = QLabel(objectName="crashCopied")

        top = QVBoxLayout()
        for widget in (self.headline, self.draft_label, self.advice):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()  # the icon beside the words
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(top, 1)
        layout.addLayout(row)
        layout.addWidget(details_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.keep_button.setFocus()
        self.resize(640, 460)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(self.tr("The details are on the clipboard."))

    def reject(self) -> None:  # Esc keeps working: the safe choice
        self.done(self.KEEP_WORKING)


# ----- the hook ---------------------------------------------------------------------------------------


class _Relay(QObject):
    """Carries an error from another thread to the GUI thread, where the dialog may be shown."""

    failed = Signal(object, object, object, str)


_relay: _Relay | None = None
_busy = False


def _stderr_line(kind: type, failure: BaseException | None = None) -> None:
    """The last resort: one line on stderr, with type names only."""
    line = f"Hotline Log: unhandled {getattr(kind, '__name__', 'error')}"
    if failure is not None:
        line += f"; the error report failed too ({type(failure).__name__})"
    with contextlib.suppress(Exception):
        stream = sys.stderr or sys.__stderr__
        if stream is not None:
            stream.write(line + "\n")
            stream.flush()


def handle(kind: type, value: BaseException | None, tb, thread: str = "") -> None:
    """Keep the draft, build the details, log them, show the dialog. Never raises, never recurses."""
    global _busy
    if _busy:  # an error while the report is open: log it, no second dialog
        try:
            log.error("unhandled error while the error report was open:\n%s", build_details(kind, value, tb, thread))
        except Exception as failure:
            _stderr_line(kind, failure)
        return
    _busy = True
    try:
        draft_kept = keep_drafts()
        details = build_details(kind, value, tb, thread)
        log.error("unhandled error:\n%s", details)
        if QApplication.instance() is None:
            _stderr_line(kind)
            return
        dialog = CrashDialog(details, draft_kept, QApplication.activeWindow())
        if dialog.exec() == CrashDialog.CLOSE_PROGRAM:
            end_sessions()
            QApplication.exit(1)
    except Exception as failure:
        _stderr_line(kind, failure)
    finally:
        _busy = False


def excepthook(kind, value, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    if threading.current_thread() is not threading.main_thread() and _relay is not None:  # Qt's GUI thread
        _relay.failed.emit(kind, value, tb, threading.current_thread().name)
        return
    handle(kind, value, tb)


def _thread_excepthook(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else ""
    try:
        if _relay is not None:
            _relay.failed.emit(args.exc_type, args.exc_value, args.exc_traceback, name)
        else:
            log.error(
                "unhandled error in a thread:\n%s",
                build_details(args.exc_type, args.exc_value, args.exc_traceback, name),
            )
    except Exception as failure:
        _stderr_line(args.exc_type, failure)


def install() -> None:
    """Report unhandled errors from now on; call once on the GUI thread after the QApplication exists."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.failed.connect(handle, Qt.ConnectionType.QueuedConnection)
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook
