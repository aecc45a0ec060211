"""Three seats, three processes, one PostgreSQL, as a centre admin would set them up from the README; PostgreSQL
is killed in the middle of their pushes and brought back. Every call must be at the centre exactly once."""

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

ADMIN_ENV = {"HOTLINE_LOG_USER": "A001", "HOTLINE_LOG_PASSWORD": "admin-pass-1"}


def init(home, name):
    result = run_cli("init", "--seat", name, "--admin", "A001", home=home, env={"HOTLINE_LOG_PASSWORD": "admin-pass-1"})
    assert result.returncode == 0, result.stderr


def cli(home, *args, env=None):
    return run_cli(*args, home=home, env={**ADMIN_ENV, **(env or {})})


def write_calls(path, seat: int, count: int) -> None:
    start = datetime(2025, 5, 1, tzinfo=UTC) + timedelta(hours=seat)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            began = start + timedelta(minutes=37 * i)
            line = {
                "started_at": began.isoformat(),
                "ended_at": (began + timedelta(minutes=10 + i % 30)).isoformat(),
                "kind": ("counselling", "information", "silent")[i % 3],
                "counselor": f"C{seat}{i % 4}",
                "caller": {"age_band": "18_24", "gender": "female", "region": "440000"},
                "concerns": ["study.exam"] if i % 2 else ["family.conflict", "mental.sleep"],
                "summary": "三席导入摘要",
                "notes": "三席导入笔记",
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def centre_count(pg) -> int:
    try:
        return pg.admin("SELECT count(*) FROM center.call", pg.db)[0][0]
    except Exception:
        return -1


def test_three_seats_push_through_a_killed_postgresql_and_every_call_arrives_once(tmp_path, pg):
    homes = [tmp_path / f"seat{n}" for n in (1, 2, 3)]
    names = ["席位1", "席位2", "席位3"]
    pg_env = {"PGPASSWORD": pg.password}
    superuser = pg.dsn(pg.db, user="postgres")
    for home, name in zip(homes, names, strict=True):
        init(home, name)

    plain = cli(homes[0], "center", "init", "--dsn", f"host=127.0.0.1 port={pg.port} dbname={pg.db}", env=pg_env)
    assert plain.returncode == 2 and "sslmode=verify-full" in plain.stderr
    assert cli(homes[0], "center", "init", "--dsn", superuser, env=pg_env).returncode == 0
    for home, name in zip(homes[1:], names[1:], strict=True):
        added = cli(homes[0], "center", "add-seat", name, "--dsn", superuser, env=pg_env)
        assert added.returncode == 0, added.stderr
        code = added.stdout.strip().splitlines()[-1]
        enrolled = cli(home, "center", "enroll", "--dsn", pg.dsn(pg.db), env={"HOTLINE_LOG_ENROLL_CODE": code})
        assert enrolled.returncode == 0, enrolled.stderr
        again = cli(homes[0], "center", "enroll", code, "--dsn", pg.dsn(pg.db))
        assert again.returncode == 2 and again.stderr.count("\n") == 1

    files = []
    for n, _home in enumerate(homes, 1):
        files.append(tmp_path / f"calls{n}.jsonl")
        write_calls(files[-1], n, 120)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_LOG_")}
    env.update(ADMIN_ENV, PYTHONPATH=str(ROOT), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    workers = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "center_worker.py"), str(home), str(file), "12"],
            env={**env, "HOTLINE_LOG_HOME": str(home)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for home, file in zip(homes, files, strict=True)
    ]
    try:
        deadline = time.monotonic() + 120
        while centre_count(pg) < 60 and time.monotonic() < deadline:  # wait until the pushes are under way
            time.sleep(0.05)
        assert centre_count(pg) >= 60, "no push reached the centre"
        pg.stop("immediate")  # killed in the middle of the seats' pushes
        time.sleep(1.5)  # the seats keep saving and find it gone
        pg.start()
        outputs = [w.communicate(timeout=300) for w in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
        if not pg.running():
            pg.start()
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    assert any(int(out.split()[-1]) > 0 for out, _ in outputs), "no seat saw the centre down"

    own_totals = []
    for home in homes:
        synced = cli(home, "center", "sync")
        assert synced.returncode == 0, synced.stderr
        status = json.loads(cli(home, "center", "status").stdout)
        assert status["enrolled"] and status["pending"] == 0 and status["reachable"] is True
        own = json.loads(cli(home, "stats", "--from", "2025-04-01", "--to", "2025-06-30").stdout)
        own_totals.append(own)
        assert own["calls_total"] == 120 + 12 * 5
    at_centre = json.loads(cli(homes[1], "stats", "--center", "--from", "2025-04-01", "--to", "2025-06-30").stdout)
    assert at_centre["calls_total"] == sum(o["calls_total"] for o in own_totals) == 3 * 180
    assert at_centre["by_seat"] == dict.fromkeys(names, 180)
    for kind in at_centre["by_kind"]:
        assert at_centre["by_kind"][kind] == sum(o["by_kind"].get(kind, 0) for o in own_totals)
    assert pg.admin("SELECT count(DISTINCT uuid), count(*) FROM center.call", pg.db) == [(540, 540)]
    dump = pg.pg_dump(pg.db)
    for word in ("三席", "导入", "测试", "摘要", "笔记"):
        assert word not in dump


def test_center_sync_exits_1_saying_how_many_wait_when_the_centre_is_down(tmp_path, pg):
    home = tmp_path / "seat"
    init(home, "席位1")
    assert (
        cli(home, "center", "init", "--dsn", pg.dsn(pg.db, user="postgres"), env={"PGPASSWORD": pg.password}).returncode
        == 0
    )
    write_calls(tmp_path / "calls.jsonl", 1, 5)
    assert cli(home, "import", str(tmp_path / "calls.jsonl")).returncode == 0
    not_enrolled = cli(tmp_path / "x", "center", "status")
    assert not_enrolled.returncode == 2  # no seat there
    pg.stop("immediate")
    try:
        result = cli(home, "center", "sync")
        status = json.loads(cli(home, "center", "status").stdout)
    finally:
        pg.start()
    assert result.returncode == 1
    assert result.stderr.startswith("hotline-log: The centre at 127.0.0.1") and "record(s) wait" in result.stderr
    assert status["reachable"] is False and status["pending"] > 0 and status["enrolled"] is True
    assert cli(home, "center", "sync").returncode == 0
    assert json.loads(cli(home, "center", "status").stdout)["pending"] == 0
