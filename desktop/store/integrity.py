"""Is the seat's database whole? The check the window runs after log-in and daily, and the commands that
write run before they start.

Two checks, on a connection of their own: SQLCipher's `cipher_integrity_check` (every page's HMAC, the one
that finds a page whose bytes were changed on disk) and SQLite's `quick_check` (the structure of every
table and index). A page read while a checkpoint rewrites it could look damaged once, so a page is only
reported when a second look finds it bad too. Messages name the seat's database, never a copy of it.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import HotlineError, SeatDamaged
from desktop.store import connection as db

log = logging.getLogger(__name__)


def _pages(pages: tuple[int, ...]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    more = f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    return f"page{'s' if len(pages) > 1 else ''} {shown}{more}"


def what_failed(problem: SeatDamaged) -> str:
    """'pages 3, 61' or what the check said, for a message."""
    return _pages(problem.pages) if problem.pages else problem.detail


def damaged(path: Path, pages: tuple[int, ...] = (), detail: str = "", refused: bool = False) -> SeatDamaged:
    """The one sentence for a damaged seat database, naming `path` (the seat's own file); `refused`: a command
    stopped before changing anything."""
    what = f"{_pages(pages)} failed the integrity check" if pages else f"the integrity check failed ({detail})"
    changed = "; nothing was changed" if refused else ""
    return SeatDamaged(
        f"The seat's database {path} is damaged: {what}{changed}. Run `python main.py verify`, then restore "
        "the last backup.",
        path,
        pages,
        detail,
    )


def _quick_check(path: Path, key: bytes) -> str:
    """'' when SQLite's quick_check passes, else what it found."""
    conn = None
    try:
        conn = db.sqlite.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{db.key_to_hex(key)}'\"")
        conn.execute("PRAGMA query_only = ON")
        rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    except db.sqlite.Error as exc:
        return str(exc)
    finally:
        if conn is not None:
            conn.close()
    return "" if rows == ["ok"] else rows[0]


def find_damage(path: Path, key: bytes) -> SeatDamaged | None:
    """What is damaged in the database at `path`, or None when both checks pass. Reads only."""
    path = Path(path)
    if not path.is_file():  # never let a check make an empty file; opening the seat says what is missing
        return None
    try:
        pages = db.cipher_check(path, key)
        if pages:
            pages = sorted(set(pages) & set(db.cipher_check(path, key)))  # the same pages on a second look
    except db.sqlite.Error as exc:
        return damaged(path, detail=str(exc))
    if pages:
        return damaged(path, tuple(pages))
    problem = _quick_check(path, key)
    return damaged(path, detail=problem) if problem else None


def require_intact(path: Path, key: bytes) -> None:
    """Before a command writes: raise SeatDamaged (exit 1, one line) when the seat's database is damaged."""
    problem = find_damage(path, key)
    if problem is not None:
        log.error("the integrity check failed; the command was refused")
        raise damaged(problem.path, problem.pages, problem.detail, refused=True)


@dataclass(frozen=True)
class LastBackup:
    at: str  # UTC ISO-8601, as the audit log keeps it
    file_name: str


def last_backup(store) -> LastBackup | None:
    """The newest backup the audit log records (None when there is none, or the log cannot be read)."""
    try:
        row = store.one("SELECT at, object FROM audit WHERE action = 'backup.created' ORDER BY seq DESC LIMIT 1")
    except HotlineError:
        return None
    return LastBackup(row[0], row[1]) if row else None
