"""Where the file dialogs open: the user's Documents folder the first time, then the folder last used for
that kind of file, remembered per kind in the settings file (a source install would otherwise open in the
checkout). The kinds: backups, handover PDFs, statistics exports, call imports, referral-directory files,
the centre's CA certificate, one-call PDFs for supervision."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.settings import qsettings

KINDS = ("backup", "handover", "stats", "import", "directory", "ca", "call")


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(kind: str) -> Path:
    """The folder last used for `kind`, while it still exists; else Documents."""
    assert kind in KINDS
    last = qsettings().value(f"files/{kind}", "")
    return Path(last) if last and Path(last).is_dir() else documents()


def remember(kind: str, chosen: str) -> None:
    if chosen:
        qsettings().setValue(f"files/{kind}", str(Path(chosen).parent))


def save_file(parent: QWidget | None, kind: str, title: str, suggested_name: str, filters: str) -> str:
    """The file to write ('' when cancelled), starting where this kind was last saved."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(kind) / suggested_name), filters)
    remember(kind, path)
    return path


def open_file(parent: QWidget | None, kind: str, title: str, filters: str) -> str:
    """The file to read ('' when cancelled), starting where this kind was last opened or saved."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), filters)
    remember(kind, path)
    return path
