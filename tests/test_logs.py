"""The log file rotates as logging.handlers' RotatingFileHandler did: at most MAX_BYTES a file, BACKUPS kept."""

import logging

from desktop.logs import RotatingFile


def test_the_log_moves_aside_before_it_grows_past_its_size_and_keeps_so_many_files(tmp_path):
    path = tmp_path / "hotline-log.log"
    handler = RotatingFile(path, max_bytes=200, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test_logs")
    log.propagate, log.level = False, logging.INFO
    log.addHandler(handler)
    try:
        for number in range(40):
            log.info("line %02d %s", number, "x" * 30)  # 39 bytes with its newline: five fit in 200
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["hotline-log.log", "hotline-log.log.1", "hotline-log.log.2", "hotline-log.log.3"]
    assert all(p.stat().st_size <= 200 for p in tmp_path.iterdir())
    kept = [path.with_name(f"hotline-log.log.{n}") for n in (3, 2, 1)] + [path]
    lines = [line for p in kept for line in p.read_text(encoding="utf-8").splitlines()]
    assert lines == [f"line {n:02d} {'x' * 30}" for n in range(40 - len(lines), 40)]  # the newest, in order
    assert len(lines) == 20  # four files of five lines
