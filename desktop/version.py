"""The program's version, read from pyproject.toml (the one place it is written)."""

import tomllib

from desktop.resources import resource_path


def _read_version() -> str:
    pyproject = resource_path("pyproject.toml", root=True)
    if pyproject.is_file():
        with pyproject.open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    from importlib import metadata  # only for an installed package: it takes a while to load (§10)

    try:
        return metadata.version("hotline-log")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _read_version()
