"""Where bundled files live, whether the program runs from source or frozen by PyInstaller."""

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def app_root() -> Path:
    """The folder holding `resources/` (and, from source, `pyproject.toml`)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else _SOURCE_ROOT


def resource_path(relative: str, root: bool = False) -> Path:
    """Path of a file under `resources/`, or under the application root when `root` is true."""
    base = app_root() if root else app_root() / "resources"
    return base / relative
