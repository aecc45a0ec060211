"""Log-in time: the whole `Seat.login` (Argon2id unwrap, SQLCipher open, migrations check, audit entry),
and on its own the Argon2id part and the database-open part, interleaved call by call."""

import os
import statistics
import time
from pathlib import Path

from benchmarks.timing import timed
from desktop.config import SeatPaths
from desktop.seat import Seat
from desktop.store import open_store
from desktop.vault.kdf import DEFAULT_PARAMS, new_salt, wrap_key

ADMIN = "B001"
PASSWORD = "bench-pass-1"
BUDGET_S = 1.0


def _argon2id(device_secret: bytes) -> None:
    wrap_key(PASSWORD, new_salt(), DEFAULT_PARAMS, device_secret)


def _open(paths: SeatPaths, key: bytes) -> None:
    open_store(paths.database, key).close()


def measure_login(home: Path, repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each part, `repeat` samples each, on a seat set up in `home`.

    The log-in sample stops when `login` returns, before the session is closed."""
    paths = SeatPaths(home)
    session, _ = Seat.init(paths, "基准测试席位", ADMIN, "基准管理员", PASSWORD)
    key = session.key
    session.close()
    device_secret = os.urandom(32)
    samples: dict[str, list[float]] = {"login": [], "argon2id": [], "open": []}
    for _ in range(repeat):
        start = time.perf_counter()
        opened = Seat(paths).login(ADMIN, PASSWORD)
        samples["login"].append(time.perf_counter() - start)
        opened.close()
        samples["argon2id"].append(timed(_argon2id, device_secret))
        samples["open"].append(timed(_open, paths, key))
    return samples


def summarize(samples: dict[str, list[float]]) -> dict:
    """Each part's median and samples, and whether the whole log-in kept within its budget."""
    parts = {name: {"median_s": statistics.median(values), "samples_s": values} for name, values in samples.items()}
    return {**parts, "budget_s": BUDGET_S, "passed": parts["login"]["median_s"] < BUDGET_S}
