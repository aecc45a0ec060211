"""The benchmark still runs (with tiny sizes): its figures are measured, never asserted here."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_benchmark_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--rows",
            "300",
            "--repeat",
            "1",
            "--saves",
            "20",
            "--reads",
            "20",
            "--scans",
            "1",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "encrypted" in run.stdout and "ratio" in run.stdout
    figures = json.loads(out.read_text())
    assert figures
