"""Start-up budget (DESIGN.md §10): the log-in window within 2× a bare PySide6 window's start.

    python -m benchmarks.startup [--pairs 7] [--warmup 1] [--platform xcb|offscreen|native]
                                 [--keyring file|system] [--json PATH]

A seat is set up in a temporary folder with `main.py init` (HOTLINE_LOG_HOME, a file keyring, settings
in a folder of the run's own). Then fresh processes are started in turns, a bare window and the program,
`--pairs` times: each is timed from before Python is launched to the line `benchmarks/startup_probe.py`
prints once the window is painted. The bare side is a PySide6 QWidget shown on its own; the program side
is `main.main([])` as `python main.py` runs it, up to the first paint of its log-in page. Both run on
the same display: with xcb and no $DISPLAY the benchmark starts itself again under `xvfb-run -a`.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import report
from benchmarks.startup_probe import MARKER

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "startup_probe.py"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "startup.json"
RATIO_BUDGET = 2.0
SIDES = ("bare", "program")
UNDER_XVFB = "HOTLINE_BENCH_UNDER_XVFB"  # set when this benchmark re-started itself under xvfb-run


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.startup",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--pairs", type=int, default=7, help="bare and program starts timed, in turns")
    parser.add_argument("--warmup", type=int, default=1, help="untimed pairs first (bytecode, file cache, settings)")
    parser.add_argument(
        "--platform",
        choices=("xcb", "offscreen", "native"),
        default="xcb" if sys.platform.startswith("linux") else "native",
        help="QT_QPA_PLATFORM of both sides (native: Qt's own choice)",
    )
    parser.add_argument(
        "--keyring",
        choices=("file", "system"),
        default="file",
        help="the program's keyring: a test file keyring, or the computer's own, found as at a real start "
        "(only looked up: the seat is set up with the file keyring, so nothing is stored in it)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the results go")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one start may take before it fails")
    args = parser.parse_args(argv)
    if args.pairs < 1 or args.warmup < 0:
        parser.error("--pairs must be at least 1 and --warmup at least 0")
    return args


def needs_xvfb(platform: str) -> bool:
    no_screen = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    return platform == "xcb" and no_screen and not os.environ.get(UNDER_XVFB)


def restart_under_xvfb(argv: list[str]) -> int:
    """Run this benchmark again inside `xvfb-run -a`, so that both sides share one virtual screen."""
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("no $DISPLAY and no xvfb-run: use --platform offscreen, or run under a display", file=sys.stderr)
        return 2
    command = [xvfb, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, "-m", "benchmarks.startup", *argv]
    return subprocess.run(command, env={**os.environ, UNDER_XVFB: "1"}, cwd=ROOT, check=False).returncode


def child_env(folder: Path, platform: str) -> dict[str, str]:
    """The same variables for both sides: the run's own seat, keyring file and settings folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLINE_LOG_", "PYTHON_KEYRING"))}
    env.update(
        HOTLINE_LOG_HOME=str(folder / "seat"),
        PYTHON_KEYRING_BACKEND="tests.memory_keyring.FileKeyring",
        HOTLINE_TEST_KEYRING_FILE=str(folder / "keyring.json"),
        XDG_CONFIG_HOME=str(folder / "config"),  # the QSettings file, so a user's own is never touched
        PYTHONPATH=str(ROOT),  # for the keyring backend
    )
    if platform == "native":
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = platform
    # Bytecode is cached as in an installed program (pip and the frozen build ship it), in the run's own
    # folder: the warm-up compiles it, the timed starts load it, even where PYTHONDONTWRITEBYTECODE is set.
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    for name in (UNDER_XVFB, "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def set_up_seat(env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "init", "--seat", "启动基准", "--admin", "A001"],
        env={**env, "HOTLINE_LOG_PASSWORD": "startup-bench-1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"main.py init failed: {done.stderr.strip()}")


def time_start(side: str, env: dict[str, str], folder: Path, timeout: float) -> float:
    """Seconds from before `python` is launched until the probe says the window is painted."""
    errors = folder / f"{side}.stderr"
    with errors.open("w") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, str(PROBE), side],
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        watchdog = threading.Timer(timeout, child.kill)
        watchdog.start()
        try:
            elapsed = None
            for line in child.stdout:
                if line.strip() == MARKER:
                    elapsed = time.perf_counter() - start
                    break
            child.stdout.close()
            child.wait(timeout=timeout)
        finally:
            watchdog.cancel()
            if child.poll() is None:
                child.kill()
                child.wait()
    if elapsed is None or child.returncode != 0:  # a window painted under an error dialog does not count
        tail = errors.read_text(errors="replace").strip()[-2000:]
        raise RuntimeError(f"the {side} start failed (painted: {elapsed is not None}, exit {child.returncode}): {tail}")
    return elapsed


def measure(args: argparse.Namespace, folder: Path) -> dict:
    env = child_env(folder, args.platform)
    progress("setting up a seat with main.py init")
    set_up_seat(env)
    if args.keyring == "system":  # keyring looks for the computer's backends, as when a user starts the program
        for name in ("PYTHON_KEYRING_BACKEND", "HOTLINE_TEST_KEYRING_FILE"):
            env.pop(name)
    for number in range(args.warmup):
        progress(f"warm-up pair {number + 1} of {args.warmup}")
        for side in SIDES:
            time_start(side, env, folder, args.timeout)
    samples: dict[str, list[float]] = {side: [] for side in SIDES}
    for number in range(args.pairs):
        for side in SIDES:
            samples[side].append(time_start(side, env, folder, args.timeout))
        bare, program = samples["bare"][-1], samples["program"][-1]
        progress(f"pair {number + 1} of {args.pairs}: bare {bare:.3f} s, program {program:.3f} s")
    return summarize(samples)


def summarize(samples: dict[str, list[float]]) -> dict:
    """Each side's median and samples, and the median of the pairs' program/bare ratios against the budget."""
    ratios = [program / bare for bare, program in zip(samples["bare"], samples["program"], strict=True)]
    ratio = statistics.median(ratios)
    return {
        **{side: {"median_s": statistics.median(values), "samples_s": values} for side, values in samples.items()},
        "ratios": ratios,
        "ratio": ratio,
        "ratio_of_medians": statistics.median(samples["program"]) / statistics.median(samples["bare"]),
        "budget_ratio": RATIO_BUDGET,
        "passed": ratio <= RATIO_BUDGET,
    }


def table(results: dict) -> str:
    pairs = len(results["bare"]["samples_s"])
    header = ("measure", "bare window", "Hotline Log", "ratio", "budget", "result")
    row = (
        f"start to a painted window, median of {pairs}",
        report.duration(results["bare"]["median_s"]),
        report.duration(results["program"]["median_s"]),
        f"{results['ratio']:.2f}×",
        f"≤ {RATIO_BUDGET:g}×",
        "pass" if results["passed"] else "FAIL",
    )
    widths = [max(len(a), len(b)) for a, b in zip(header, row, strict=True)]

    def render(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join((first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))))

    return "\n".join([render(header), "  ".join("-" * width for width in widths), render(row)])


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if needs_xvfb(args.platform):
        return restart_under_xvfb(argv)
    info, started, clock = report.machine(), report.now_iso(), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hotline-startup-") as temp:
        results = measure(args, Path(temp))
    results = {
        "timestamp": started,
        "duration_s": round(time.perf_counter() - clock, 1),
        "machine": info,
        "platform": args.platform,
        "keyring": args.keyring,
        **results,
    }
    report.write_json(args.json, results)
    print(report.describe(info))
    print(
        f"{started}: QT_QPA_PLATFORM={args.platform}, {args.keyring} keyring, "
        f"{args.pairs} pairs after {args.warmup} warm-up\n"
    )
    print(table(results))
    print(
        f"\nratio = median of the pairs' program/bare ratios (ratio of the medians: "
        f"{results['ratio_of_medians']:.2f}×); every figure is in {args.json}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
