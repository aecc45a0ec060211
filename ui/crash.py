"""The error report: an unhandled error keeps the draft, is logged, and is shown with copyable details.

Nothing of a call reaches the details (DESIGN.md §2.4): they hold the exception's type, the traceback's
file names, line numbers and function names, and the program's and platform's versions. An exception's
message is kept only for our own `HotlineError`s (whose messages never quote call text) and for a few
built-in errors whose message Python writes from the code itself; even those are redacted and cut short.
No local variable and no source line is ever read.

`install()` sets `sys.excepthook` (slots and event handlers of Qt land there too) and
`threading.excepthook` (relayed to the GUI thread). Failures of `ui.worker` tasks reach their `on_error`
callback on the GUI thread, which re-raises what it did not expect, so they come here as well. The dialog
(ui/crash_dialog.py) and the identifier guard are imported when an error comes: installing the hook at
start-up costs next to nothing (DESIGN.md §10).
"""

import contextlib
import logging
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtWidgets import QApplication

from desktop.errors import HotlineError

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
    from desktop.privacy import redact

    try:
        text = redact(" ".join(str(value).split()))
    except Exception:  # a message that cannot even be turned into text is left out
        return ""
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _frames(tb) -> list[str]:
    """File, line and function of each frame: never a source line, never a local variable."""
    import traceback

    return [
        f"  {_short_path(code.co_filename)}:{line} in {getattr(code, 'co_qualname', code.co_name)}"
        for code, line in ((frame.f_code, line) for frame, line in traceback.walk_tb(tb))
    ]


def build_details(kind: type, value: BaseException | None, tb, thread: str = "") -> str:
    """The technical details of a failure, free of call content; also what goes to the log."""
    import platform

    from desktop.version import __version__

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
        from ui.crash_dialog import CrashDialog

        if QApplication.windowIcon().isNull():  # an error before the first paint, which sets the program's icon
            from ui import icons

            QApplication.setWindowIcon(icons.app_icon())
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


def __getattr__(name: str):
    """`CrashDialog` is loaded on first use (see the module's description)."""
    if name == "CrashDialog":
        from ui.crash_dialog import CrashDialog

        return CrashDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
