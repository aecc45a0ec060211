"""Where bundled files live, whether the program runs from source or frozen by PyInstaller."""

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def app_root() -> Path:
    """The folder holding `resources/` (and `pyproject.toml`, from which the version is read).

    From source: the checkout. Frozen (a PyInstaller one-folder build): the bundle's data folder,
    `sys._MEIPASS` (`_internal/` beside the executable), or the executable's own folder without it."""
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        return Path(bundle) if bundle else Path(sys.executable).resolve().parent
    return _SOURCE_ROOT


def resource_path(relative: str, root: bool = False) -> Path:
    """Path of a file under `resources/`, or under the application root when `root` is true."""
    base = app_root() if root else app_root() / "resources"
    return base / relative
