"""Two seats for the million-call benchmark: the real encrypted seat and the same program on plain SQLite.

The encrypted side is a seat made by `Seat.init`, exactly as a center sets one up. The plain side runs
the same services (`CallService`, `import_file`, `statistics`) on a database with the seat's migrations,
pragmas and SQL functions but no key, opened with the SQLite that SQLCipher bundles, and given the encrypted
connection's page cache size (see `benchmarks.engines`), so the ratio between them is the cost of
encryption alone.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import sqlcipher3

from benchmarks.engines import PLAIN_PRAGMAS
from benchmarks.generate import generate
from desktop.config import SeatPaths
from desktop.seat import Seat, Session
from desktop.shift_window import place_calls_without_shift
from desktop.store import MIGRATIONS, Store
from desktop.store.search import add_functions
from desktop.store.store import migrate

ADMIN = "A001"
PASSWORD = "benchmark-password-1"


@dataclass
class Side:
    name: str
    session: Session  # the admin: imports, saves, sees every call
    counselor: Session  # a counselor of the generated calls: the list filtered to their own

    def close(self) -> None:
        self.session.close()


def open_sides(folder: Path, reuse: bool = False) -> dict[str, Side]:
    """New seats in `folder`, or with `reuse` the ones an earlier run filled and kept there."""
    paths = SeatPaths(folder / "encrypted")
    if reuse:
        session = Seat(paths).login(ADMIN, PASSWORD)
    else:
        session, _recovery = Seat.init(paths, "基准席位", ADMIN, "管理员", PASSWORD)
    plain_path = folder / "plain.db"
    conn = sqlcipher3.connect(str(plain_path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    add_functions(conn)
    conn.execute(f"PRAGMA cache_size = {session.store.one('PRAGMA cache_size')[0]}")
    plain_store = Store(conn, plain_path)
    migrate(plain_store, MIGRATIONS, folder / "pre-migration")  # a kept plain seat is brought up to date too
    place_calls_without_shift(plain_store)
    plain = Session(None, plain_store, session.account, b"")
    return {"encrypted": _side("encrypted", session), "plain": _side("plain", plain)}


def _side(name: str, session: Session) -> Side:
    counselor = replace(session.account, code="C007", display_name="咨询员", role="counselor")
    return Side(name, session, Session(session.seat, session.store, counselor, session.key))


def database_bytes(side: Side) -> int:
    """The database file and its write-ahead log."""
    path = side.session.store.path
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def write_chunks(folder: Path, calls: int, chunk: int, seed: int, start: date, days: int) -> list[tuple[Path, int]]:
    """The generated calls as JSON Lines files of `chunk` lines each: (path, lines)."""
    chunks, out, path, lines = [], None, None, 0
    for number, line in enumerate(generate(calls, seed, start, days)):
        if number % chunk == 0:
            if out:
                out.close()
                chunks.append((path, lines))
            path, lines = folder / f"calls-{len(chunks) + 1:03d}.jsonl", 0
            out = path.open("w", encoding="utf-8")
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        lines += 1
    if out:
        out.close()
        chunks.append((path, lines))
    return chunks


def extra_lines(count: int, seed: int, start: date) -> Iterator[dict]:
    """Calls for the save workload, from another seed, on the days after the seat's calls."""
    return generate(count, seed + 1_000, start, max(1, count // 300))
