"""Hotline Log (热线记录): `python main.py` opens the window; subcommands do headless work (--help)."""

import sys

FAILURE = 1


def _cannot_start(message: str, window: bool) -> int:
    """One line on stderr, and for the window a message box too: no traceback (a person can act on it)."""
    print(f"hotline-log: {message}", file=sys.stderr)
    if window:
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            _app = QApplication.instance() or QApplication(sys.argv[:1])
            QMessageBox.critical(
                None, "热线记录 Hotline Log", f"热线记录无法启动。\nHotline Log cannot start.\n\n{message}"
            )
        except Exception:  # noqa: S110 - the line on stderr is already out; nothing more can be shown
            pass
    return FAILURE


def main(argv: list[str]) -> int:
    try:
        from desktop.hardening import harden_process

        harden_process()  # first: owner-only files and no core dumps for everything that follows
        from desktop.bundle import check_bundle
        from desktop.errors import HotlineError

        try:
            check_bundle(read=bool(argv))  # the window reads the files once it is up (ui/app.py)
        except HotlineError as exc:
            return _cannot_start(str(exc), window=not argv)
        if argv:
            from desktop.cli import main as cli_main
        else:
            from ui.app import run
    except Exception as exc:  # a module or file the install lacks: say which, without a traceback
        return _cannot_start(f"the program cannot start ({type(exc).__name__}: {exc}); install it again.", not argv)
    if argv:
        return cli_main(argv)
    return run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
