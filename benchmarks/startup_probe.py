"""The child process of `benchmarks.startup`: start a window, and say so on stdout once it is painted.

    python benchmarks/startup_probe.py bare      a bare PySide6 QWidget window
    python benchmarks/startup_probe.py program   Hotline Log as `python main.py` starts it, up to its log-in page

Run as a script, not with -m, so that nothing but this file is imported before the window's own imports.
When the first paint event of the watched widget has been handled and the event loop is back (the rest
of the window painted and flushed too), it prints MARKER and quits; the parent times the whole process
from before it launched Python to that line.

The program is not changed for this: `main.main([])` runs exactly as `python main.py` does (bundle check,
`ui.app.run`: logging, settings repair, translators, theme, crash handler, the single-instance lock,
seat detection, the main window). Only `QApplication.exec` is wrapped, so that when `run()` enters the
event loop the log-in page of the window it has just shown is watched for its first paint.
"""

import sys

MARKER = "hotline-startup-probe: painted"
_keep = []  # the event filter lives as long as the process


def _watch(widget, app) -> None:
    """Print MARKER and quit once `widget` has had its first paint event and the loop is back."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def painted() -> None:
        print(MARKER, flush=True)
        app.quit()

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, painted)  # after this paint, its children's and the flush to the screen
            return False

    watcher = FirstPaint()
    _keep.append(watcher)
    widget.installEventFilter(watcher)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    _watch(window, app)
    window.show()
    return app.exec()


def program() -> int:
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[0] = root  # as for `python main.py`: the project root first, not benchmarks/
    sys.argv = [os.path.join(root, "main.py")]

    from PySide6.QtWidgets import QApplication

    enter_loop = QApplication.exec  # static in Qt: called without the instance

    def exec_watching_the_login_page(app) -> int:
        shown = [w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "login_page")]
        if not shown or not shown[0].login_page.isVisible():
            print("startup_probe: the event loop started without the log-in page on screen", file=sys.stderr)
            return 3
        _watch(shown[0].login_page, app)
        return enter_loop()

    QApplication.exec = exec_watching_the_login_page
    import main

    return main.main([])


if __name__ == "__main__":
    modes = {"bare": bare, "program": program}
    if len(sys.argv) != 2 or sys.argv[1] not in modes:
        sys.exit(f"usage: python {sys.argv[0]} bare|program")
    sys.exit(modes[sys.argv[1]]())
