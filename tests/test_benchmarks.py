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


def test_the_million_call_benchmark_fills_both_seats_alike_and_reports_every_budget(tmp_path):
    out, kept = tmp_path / "million.json", tmp_path / "seats"
    command = [sys.executable, "-m", "benchmarks.million", "--saves", "3", "--reads", "2", "--shred", "20"]
    command += ["--json", str(out)]
    run = subprocess.run(
        [*command, "--calls", "1200", "--keep", str(kept)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["calls_in_seat"] == 1200  # the generated calls, counted before the saves
    assert set(figures["reads"]) >= {"page_all", "page_month", "page_mine", "search_2", "search_4", "stats_month"}
    for read in figures["reads"].values():
        assert read["encrypted_s"] > 0 and read["plain_s"] > 0
    assert 0 < figures["memory_mb"]["encrypted"] < 2000
    for measure in ("import of 100,000 calls", "save a call", "note search, 2 characters", "one month's statistics"):
        assert measure in run.stdout
    # the saves, the counted ones and those made during the shred (how many depends on timing), on both seats
    assert figures["calls_at_end"] >= 1200 + 3 + 3
    again = subprocess.run([*command, "--reuse", str(kept)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]  # the reads, which compare both seats' counts, agree
    assert json.loads(out.read_text())["calls_in_seat"] == figures["calls_at_end"]


def test_the_handover_benchmark_runs(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.handover", "--calls", "30", "--repeat", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "handover PDF, shift of 30 calls" in run.stdout


def test_the_centre_handover_benchmark_runs(pg_cluster):
    """It starts a PostgreSQL of its own; `pg_cluster` only skips it (or fails it under CI) where there is none."""
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.centre_handover", "--seats", "3", "--calls", "30", "--repeat", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "centre handover PDF, 3 seats, 30 calls" in run.stdout


def test_the_startup_benchmark_starts_a_bare_window_and_the_program_to_its_log_in_page(tmp_path):
    out = tmp_path / "startup.json"
    command = [sys.executable, "-m", "benchmarks.startup", "--pairs", "1", "--warmup", "0", "--platform", "offscreen"]
    run = subprocess.run([*command, "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["bare"]["median_s"] > 0 and figures["program"]["median_s"] > 0
    assert len(figures["bare"]["samples_s"]) == len(figures["program"]["samples_s"]) == 1
    assert "start to a painted window" in run.stdout and "bare window" in run.stdout


def test_the_guard_corpus_benchmark_measures_every_kind_and_writes_no_note_text(tmp_path):
    out = tmp_path / "guard.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.guard_corpus", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "kept tokens surviving redact" in run.stdout and "clean notes changed by redact" in run.stdout
    figures = json.loads(out.read_text())
    assert figures["notes"] >= 1500
    assert all(kind["count"] >= 50 and 0 <= kind["recall"] <= 1 for kind in figures["kinds"].values())
    assert "⟦" not in out.read_text()  # the misses are printed, never written
