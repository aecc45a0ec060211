"""Refresh the Chinese translation: lupdate over ui/, then lrelease to the .qm the app loads.

Run from anywhere:  .venv/bin/python resources/i18n/update.py [--check]
With --check, nothing is written: it exits 1 and lists the source strings whose Chinese
translation is missing or unfinished (lupdate into a temporary copy, so new strings count too).
"""

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "hotline_log_zh_CN.ts"
QM = TS.with_suffix(".qm")
QT_EXTRA = HERE / "qt_extra_zh_CN.ts"


def tool(name: str) -> str:
    """pyside6-<name> next to this Python, else the copy inside the PySide6 package, else on PATH."""
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    for candidate in (exe, exe.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    import PySide6

    for candidate in (Path(PySide6.__file__).parent / name, Path(PySide6.__file__).parent / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    sys.exit(f"pyside6-{name} not found; install PySide6 in this environment")


def lupdate(ts: Path, quiet: bool = False) -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    args = ["-no-obsolete", "-locations", "relative", "-source-language", "en", "-target-language", "zh_CN"]
    args += ["-silent"] if quiet else []
    subprocess.run([tool("lupdate"), *args, *sources, "-ts", str(ts)], cwd=ROOT, check=True)


def unfinished(ts: Path) -> list[str]:
    """`context: source` for every message without a finished, non-empty translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = [f.text for f in translation.iter("numerusform")] or [translation.text]
            if translation.get("type") in ("unfinished", "obsolete", "vanished") or not all(texts):
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main() -> int:
    if "--check" in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / TS.name
            if TS.exists():
                shutil.copy(TS, copy)
            lupdate(copy, quiet=True)
            missing = unfinished(copy)
        for line in missing:
            print(line)
        print(f"{len(missing)} string(s) without a finished Chinese translation", file=sys.stderr)
        return 1 if missing else 0
    lupdate(TS)
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(QM)], check=True)
    # Qt's own dialogs: the few strings qtbase_zh_CN.qm leaves in English, kept by hand (no lupdate)
    subprocess.run([tool("lrelease"), "-silent", str(QT_EXTRA), "-qm", str(QT_EXTRA.with_suffix(".qm"))], check=True)
    missing = unfinished(TS)
    if missing:
        print(f"{len(missing)} string(s) still need a Chinese translation; see --check", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
