"""Hotline Log (热线记录): `python main.py` opens the window; subcommands do headless work (--help)."""

import sys


def main(argv: list[str]) -> int:
    if argv:
        from desktop.cli import main as cli_main

        return cli_main(argv)
    from ui.app import run

    return run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
