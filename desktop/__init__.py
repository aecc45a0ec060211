"""Hotline Log core: everything that is not a widget. Importable without a display."""

from desktop.version import __version__

__all__ = ["__version__"]
