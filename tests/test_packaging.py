"""The frozen program of packaging/build.sh (dist/hotline-log/, Linux): it runs --version, init and verify on
a temporary seat; a missing or damaged file of its bundle stops it with one line naming the file; it runs from
a read-only install folder and writes nothing there; a second process on a busy seat says so and exits.

Skipped unless the build exists or HOTLINE_BUILD_FROZEN=1 asks this module to build it first; .ci/run builds
it in a step of its own after the other tests and then runs this module."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from desktop.bundle import REQUIRED

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "hotline-log"
PROGRAM_NAME = "hotline-log"
VERSION_INFO = ROOT / "build" / "pyinstaller" / "hotline_log" / "version_info.txt"
BUILD_ASKED = os.environ.get("HOTLINE_BUILD_FROZEN") == "1"
PASSWORD = "frozen-seat-password-1"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the frozen smoke test runs the Linux build"),
    pytest.mark.skipif(
        not (BUILD_ASKED or (BUNDLE / PROGRAM_NAME).is_file()),
        reason="no frozen build in dist/ (bash packaging/build.sh, or set HOTLINE_BUILD_FROZEN=1)",
    ),
]


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


@pytest.fixture(scope="module")
def bundle() -> Path:
    if BUILD_ASKED:
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, timeout=900)
    return BUNDLE


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """A seat folder of the test's own, a log-in by variables and no keyring: nothing outside tmp_path."""
    values = {key: value for key, value in os.environ.items() if not key.startswith(("HOTLINE_", "PYTHON_KEYRING"))}
    values.update(
        HOTLINE_LOG_HOME=str(tmp_path / "seat"),
        HOTLINE_LOG_USER="A001",
        HOTLINE_LOG_PASSWORD=PASSWORD,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return values


def run(program: Path, *args: str, env: dict[str, str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, str(program), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def init_seat(bundle: Path, env: dict[str, str]) -> None:
    done = run(bundle / PROGRAM_NAME, "init", "--seat", "Frozen 1", "--admin", "A001", env=env)
    assert done.returncode == 0, done.stderr
    assert "Seat 'Frozen 1' is set up" in done.stdout


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system (a tmpfs /tmp): a real copy
        shutil.copy2(source, target)


def linked_copy(bundle: Path, target: Path) -> Path:
    """A copy of the build made of hard links where it can (fast, no space): replace a file by unlinking it."""
    shutil.copytree(bundle, target, symlinks=True, copy_function=_link_or_copy)
    return target


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_the_build_holds_its_files_and_the_windows_version_resource(bundle):
    data = bundle / "_internal"
    for relative in REQUIRED:
        assert (data / "resources" / relative).is_file(), relative
    assert (data / "resources" / "icons" / "app.svg").is_file()
    assert not list((data / "resources").rglob("*.ts")) and not list((data / "resources").rglob("*.py"))
    assert tomllib.loads((data / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    qt = data / "PySide6" / "Qt"
    for part in (
        "plugins/platforms/libqxcb.so",
        "plugins/platforms/libqoffscreen.so",
        "plugins/imageformats/libqsvg.so",
        "lib/libQt6Pdf.so.6",
        "lib/libQt6Charts.so.6",
        "translations/qtbase_zh_CN.qm",
    ):
        assert (qt / part).exists(), part
    assert not list(qt.rglob("libqtvirtualkeyboardplugin*")), "the spec leaves Qt's virtual keyboard out"
    assert not [path for path in bundle.rglob("*") if path.is_symlink() and not path.exists()], "dangling links"
    desktop_entry = (bundle / "hotline-log.desktop").read_text(encoding="utf-8")
    for line in ("Name=热线记录", "Name[en]=Hotline Log", "Exec=hotline-log", "Icon=hotline-log", "Categories=Office;"):
        assert line in desktop_entry.splitlines()
    assert (bundle / "hotline-log.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # The VSVersionInfo text PyInstaller reads on Windows: a Python expression of its classes.
    text = VERSION_INFO.read_text(encoding="utf-8")
    kinds = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    info = eval(text, {kind: (lambda *args, **kwargs: kwargs) for kind in kinds})  # noqa: S307 - our build's output
    release = [int(part) for part in re.findall(r"\d+", project_version())[:3]]
    assert list(info["ffi"]["filevers"][:3]) == release
    assert f"StringStruct('ProductVersion', '{project_version()}')" in text


def test_the_frozen_program_says_its_version_sets_up_a_seat_and_verifies_it(bundle, env):
    done = run(bundle / PROGRAM_NAME, "--version", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Hotline Log {project_version()}"

    init_seat(bundle, env)
    done = run(bundle / PROGRAM_NAME, "verify", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok   audit: chain of" in done.stdout
    assert "ok   database: every page passed the cipher integrity check" in done.stdout


def test_the_frozen_program_finds_a_name_only_its_model_can_tell(bundle, env, tmp_path):
    """和王小明吵架 has no cue (no 我叫, no relation, no title): only the segmenter's model tags 王小明 as a
    name, so this import proves the build carries the model's files and ONNX Runtime, and runs them."""
    init_seat(bundle, env)
    calls = tmp_path / "calls.jsonl"
    line = {"started_at": "2025-05-01T22:14:00+08:00", "kind": "counselling", "notes": "她和王小明吵架了，睡不着。"}
    calls.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    done = run(bundle / PROGRAM_NAME, "import", str(calls), env=env)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out.jsonl"
    done = run(bundle / PROGRAM_NAME, "export", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["notes"] == "她和〔姓名〕吵架了，睡不着。"


@pytest.mark.parametrize(
    ("relative", "content", "said"),
    [
        ("taxonomy/taxonomy.json", None, "is missing"),
        ("risk/rules.json", "{ not json", "is not valid JSON"),
        ("keywords/keywords_zh.txt", None, "is missing"),
        ("directory/seed.json", '{"version": 1, "entries": [{"name": 5}]}', "seed file"),
        ("i18n/hotline_log_zh_CN.qm", "not a translation", "is damaged"),
    ],
)
def test_a_missing_or_damaged_resource_is_named_in_one_line(bundle, env, tmp_path, relative, content, said):
    copy = linked_copy(bundle, tmp_path / "install")
    target = copy / "_internal" / "resources" / relative
    target.unlink()
    if content is not None:
        target.write_text(content, encoding="utf-8")
    for args in (["--version"], ["verify"]):
        line = one_line_error(run(copy / PROGRAM_NAME, *args, env=env))
        assert str(target) in line and said in line, line
        assert "install Hotline Log again" in line


def test_a_missing_library_is_one_line_not_a_traceback(bundle, env, tmp_path):
    copy = linked_copy(bundle, tmp_path / "install")
    for library in (copy / "_internal" / "sqlcipher3").glob("_sqlite3*"):
        library.unlink()
    line = one_line_error(run(copy / PROGRAM_NAME, "verify", env=env))
    assert line.startswith("hotline-log: the program cannot start (") and "sqlcipher3" in line, line


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns) for path in folder.rglob("*")
    }


def _read_only_prefix(folder: Path) -> tuple[str, ...]:
    """Make `folder` read-only for the program: a read-only bind mount in a mount namespace of its own when
    running as root (which ignores permission bits), else no write permission on its folders."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o555)
        return ()
    prefix = ("unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(folder))
    probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True, text=True, check=False)
    if probe.returncode == 0 or "Read-only file system" not in probe.stderr:
        pytest.skip(f"running as root without a way to mount the install read-only ({probe.stderr.strip()})")
    return prefix


def test_a_read_only_install_folder_runs_and_is_left_as_it_was(bundle, env, tmp_path):
    init_seat(bundle, env)
    copy = linked_copy(bundle, tmp_path / "install")
    before = _snapshot(copy)
    prefix = _read_only_prefix(copy)
    try:
        done = run(copy / PROGRAM_NAME, "--version", env=env, prefix=prefix)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"Hotline Log {project_version()}"
        done = run(copy / PROGRAM_NAME, "verify", env=env, prefix=prefix)
        assert done.returncode == 0, done.stdout + done.stderr
    finally:
        for path in [copy, *copy.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
    assert _snapshot(copy) == before


def test_a_second_frozen_program_on_a_busy_seat_says_so_and_exits(bundle, env, tmp_path):
    init_seat(bundle, env)
    lock = Path(env["HOTLINE_LOG_HOME"]) / "seat.lock"
    window = subprocess.Popen(
        [str(bundle / PROGRAM_NAME)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not (lock.is_file() and lock.read_text().strip() == str(window.pid)):
            assert window.poll() is None, window.stderr.read()
            assert time.monotonic() < deadline, "the frozen window did not take the seat within 60 s"
            time.sleep(0.2)
        done = run(bundle / PROGRAM_NAME, "account", "list", env=env)
        line = one_line_error(done)
        assert "Hotline Log is already running on the data folder" in line
        assert f"(process {window.pid})" in line
        assert window.poll() is None  # the first one is unharmed
    finally:
        window.terminate()
        window.wait(timeout=30)
    done = run(bundle / PROGRAM_NAME, "account", "list", env=env)  # the lock went with the process
    assert done.returncode == 0, done.stderr
    assert "A001\tadmin\tactive" in done.stdout
