"""SQLCipher connections: raw key first, then the pragmas and SQL functions every connection of a seat runs with."""

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from desktop import storage
from desktop.errors import BadInput, DatabaseError
from desktop.fsutil import storage_error
from desktop.store.search import add_functions

log = logging.getLogger(__name__)

PAGE_SIZE = 4096
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")
sqlite = sqlcipher3.dbapi2


def _configure_sqlcipher() -> None:
    """Process-wide SQLCipher settings, made once on a throwaway connection.

    - Logging off: SQLCipher prints decryption failures to stderr by default; our own messages say it
      better, and a command's stderr must be one clear line.
    - Page HMAC with SHA-256 instead of SHA-512: the same integrity check, about 40 % cheaper per page
      read on CPUs with SHA extensions (measured by benchmarks/). Every connection and attached backup
      of this program uses it, so files stay compatible between them.
    """
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
        probe.execute("PRAGMA cipher_default_hmac_algorithm = HMAC_SHA256")
    finally:
        probe.close()


_configure_sqlcipher()


def key_to_hex(key: bytes | str) -> str:
    """The 64 hex characters SQLCipher gets as a raw key; anything else is refused before SQL sees it."""
    text = key.hex() if isinstance(key, bytes | bytearray) else key
    if not isinstance(text, str) or not _HEX_KEY.fullmatch(text):
        raise BadInput("The database key must be 32 bytes (64 hexadecimal characters).", code="database.bad_key")
    return text.lower()


def _apply_key(conn: sqlite.Connection, key: bytes | str) -> None:
    """Give the connection its raw key. The statement goes through `executescript`, which prepares it without
    the connection's statement cache: `execute` would keep the SQL text, hex key included, in that cache for as
    long as the connection lives. The hex string itself is dropped when this function returns."""
    conn.executescript(f"PRAGMA key = \"x'{key_to_hex(key)}'\";")


def cipher_check(path: Path, key: bytes | str) -> list[int]:
    """Pages whose HMAC fails (SQLCipher's `cipher_integrity_check`); works even when page 1 is damaged.
    A disk that refuses to read the file raises a StorageError, not a list of pages."""
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
    except sqlite.Error as exc:
        raise _open_failure(exc, path) from exc
    try:
        _apply_key(conn, key)
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlite.Error as exc:
        raise _open_failure(exc, path) from exc
    finally:
        conn.close()
    pages = []
    for (text,) in rows:
        match = re.search(r"page (\d+)", text)
        if match:
            pages.append(int(match.group(1)))
    return sorted(set(pages))


def file_problem(path: Path) -> str | None:
    """What is wrong with the file that can be seen without a key, or None if it looks like a seat database.
    A file the disk will not let us look at raises a StorageError (it is not a problem of the file)."""
    try:
        if not path.exists() or path.stat().st_size == 0 or path.stat().st_size % PAGE_SIZE:
            return diagnose(path)
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return diagnose(path)
    except OSError as exc:
        raise storage_error(exc, path, reading=True) from exc
    return None


def diagnose(path: Path) -> str:
    """Why the file at `path` cannot be opened, in words, from what can be seen without a key."""
    try:
        return _diagnose(path)
    except OSError as exc:
        raise storage_error(exc, path, reading=True) from exc


def _diagnose(path: Path) -> str:
    nothing = " Nothing was deleted or changed."
    if not path.exists():
        return f"The database file {path} is missing; restore it from a backup.{nothing}"
    size = path.stat().st_size
    if size == 0:
        return f"The database file {path} is empty (0 bytes); restore it from a backup.{nothing}"
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return (
            f"The file {path} is an unencrypted SQLite database, not a Hotline Log seat database; "
            f"put the seat's own database back or restore from a backup.{nothing}"
        )
    if size % PAGE_SIZE:
        return (
            f"The database file {path} is truncated (it ends part-way through a page); "
            f"restore it from a backup.{nothing}"
        )
    return (
        f"The database file {path} cannot be decrypted with this seat's key: it belongs to another seat or "
        f"its first page is damaged. Run `verify`, or restore from a backup.{nothing}"
    )


def _open_failure(exc: Exception, path: Path) -> Exception:
    """Why the database at `path` did not open: a disk that refused (full, read-only, no permission, locked, an
    I/O error) before any word of damage or of another seat's key, which only a readable file can earn."""
    refused = storage.from_sqlite_error(exc, path)
    if refused is not None:
        return refused
    if "malformed" in str(exc):  # the key opened page 1, so the damage is further on
        return DatabaseError(
            f"The database file {path} is damaged (it may have been cut short); run `verify`, or restore "
            "from a backup. Nothing was deleted or changed."
        )
    return DatabaseError(diagnose(path))


def connect(path: Path, key: bytes | str, create: bool = False) -> sqlite.Connection:
    """Open the seat database; `create` is only ever true when a seat is being set up."""
    key_to_hex(key)  # refused before any file is touched
    path = Path(path)
    if not create:
        problem = file_problem(path)
        if problem:
            raise DatabaseError(problem)
    if create and path.exists() and path.stat().st_size:
        raise DatabaseError(f"A database already exists at {path}; it was left as it is.")
    if create:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # owner-only; -wal and -shm follow it
        except OSError as exc:
            raise storage_error(exc, path) from exc
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
    except sqlite.Error as exc:
        raise _open_failure(exc, path) from exc
    try:
        _apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite.DatabaseError as exc:
        conn.close()
        raise _open_failure(exc, path) from exc
    if not create:
        _check_length(conn, path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise DatabaseError(f"The database at {path} cannot use write-ahead logging (mode {mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite.OperationalError as exc:
        conn.close()
        raise translate(exc, path) from exc
    add_functions(conn)
    return conn


def _check_length(conn: sqlite.Connection, path: Path) -> None:
    """A file cut at a page boundary opens, then fails later: compare its length with what page 1 says.
    (Only without a WAL: pages still in the WAL may legitimately lie past the end of the main file.)"""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if pages * PAGE_SIZE > path.stat().st_size:
        conn.close()
        raise DatabaseError(
            f"The database file {path} is truncated ({path.stat().st_size // PAGE_SIZE} of {pages} pages); "
            "restore it from a backup. Nothing was deleted or changed."
        )


# Errors raised without a precise result code read by their words: SQL functions such as sqlcipher_export report
# a full disk as a plain SQLITE_ERROR with SQLite's text, and tests' stand-ins carry no code at all.
_TEXT_CODES = (
    ("disk is full", storage.SQLITE_FULL),
    ("readonly", storage.SQLITE_READONLY),
    ("read-only", storage.SQLITE_READONLY),
    ("locked", storage.SQLITE_BUSY),
    ("busy", storage.SQLITE_BUSY),
    ("disk i/o error", storage.SQLITE_IOERR),
    ("unable to open", storage.SQLITE_CANTOPEN),
)


_SQLITE_ERROR = 1


class _Coded(Exception):
    def __init__(self, text: str, code: int):
        super().__init__(text)
        self.sqlite_errorcode = code


def translate(exc: Exception, path: Path) -> Exception:
    """Map an sqlite error raised during work to one of our errors, keeping what it says to act on."""
    text = str(exc).lower()
    if storage.sqlite_code(exc) in (None, _SQLITE_ERROR):
        code = next((code for words, code in _TEXT_CODES if words in text), None)
        if code is not None:
            exc = _Coded(str(exc), code)
    refused = storage.from_sqlite_error(exc, path, outcome="what was saved before is intact.")
    if refused is not None:
        return refused
    if "malformed" in text or "not a database" in text:
        return DatabaseError(f"The database file {path} is damaged. Run `verify`, or restore from a backup.")
    return DatabaseError(f"The database reported an error: {exc}")


@contextlib.contextmanager
def transaction(conn: sqlite.Connection, path: Path) -> Iterator[sqlite.Connection]:
    """One write transaction (BEGIN IMMEDIATE); nested use joins the outer one."""
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite.Error as exc:
        raise translate(exc, path) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise translate(exc, path) from exc
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
