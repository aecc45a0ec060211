"""Hotline Log core: everything that is not a widget. Importable without a display."""

__all__ = ["__version__"]


def __getattr__(name: str):
    """`__version__` is read from pyproject.toml when first asked for: a TOML parser is not needed to start
    the window (DESIGN.md §10)."""
    if name == "__version__":
        from desktop.version import __version__

        return __version__
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
