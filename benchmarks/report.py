"""What a run found: a fixed-width table for people and a JSON file for machines."""

import json
import os
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.engines import versions

COLUMNS = ("measure", "encrypted", "plain", "ratio", "budget", "result")
NONE = "–"


@dataclass(frozen=True)
class Row:
    measure: str
    encrypted_s: float | None = None
    plain_s: float | None = None
    ratio: float | None = None
    budget: str = NONE
    passed: bool | None = None

    def cells(self) -> tuple[str, ...]:
        return (
            self.measure,
            duration(self.encrypted_s),
            duration(self.plain_s),
            NONE if self.ratio is None else f"{self.ratio:.2f}×",
            self.budget,
            NONE if self.passed is None else ("pass" if self.passed else "FAIL"),
        )


def duration(seconds: float | None) -> str:
    """Three significant figures in the unit that suits the size: s, ms or µs."""
    if seconds is None:
        return NONE
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def table(rows: list[Row]) -> str:
    """Left-aligned measure, right-aligned figures, one space-padded line per row."""
    lines = [COLUMNS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]

    def render(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(lines[0]), rule, *(render(cells) for cells in lines[1:])])


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": _cpu_model(),
        "python": sys.version.split()[0],
        "cpu_count": os.cpu_count(),
        **versions(),
    }


def _cpu_model() -> str:
    """The CPU's name: from /proc/cpuinfo on Linux, where `platform.processor()` is usually empty."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def describe(info: dict) -> str:
    return (
        f"{info['platform']}, {info['cpu_count']} CPUs ({info['processor'] or 'unknown'}), Python {info['python']}; "
        f"SQLCipher {info['sqlcipher']} (SQLite {info['sqlcipher_sqlite']}, {info['sqlcipher_crypto']}); "
        f"plain SQLite {info['sqlite']}"
    )


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
