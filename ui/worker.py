"""Background work on the global QThreadPool, its result delivered on the GUI thread (STYLE.md point 10).

Never touch widgets from `work`. Tests set `SYNCHRONOUS = True` so the work runs at once, in order.
"""

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

SYNCHRONOUS = False
_running: set = set()  # keeps the bridges alive until their signal is delivered


class _Bridge(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable, bridge: _Bridge):
        super().__init__()
        self._work, self._bridge = work, bridge

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._deliver(self._bridge.failed, exc)
        else:
            self._deliver(self._bridge.done, result)

    @staticmethod
    def _deliver(signal, value) -> None:
        with contextlib.suppress(RuntimeError):  # the program closed while this ran: the bridge is gone
            signal.emit(value)


def run_in_background(work: Callable, on_done: Callable, on_error: Callable) -> None:
    """Run `work()` off the GUI thread; then `on_done(result)` or `on_error(exception)` on the GUI thread."""
    if SYNCHRONOUS:
        try:
            result = work()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return
    bridge = _Bridge()
    _running.add(bridge)

    def finish(callback, value):
        _running.discard(bridge)
        callback(value)

    bridge.done.connect(lambda value: finish(on_done, value))
    bridge.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Task(work, bridge))
