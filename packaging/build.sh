#!/usr/bin/env bash
# Build Hotline Log as one folder, dist/hotline-log/, with PyInstaller (packaging/hotline_log.spec):
# a virtual environment in .venv with the program and its `build` extra, the icons rendered from
# resources/icons/app.svg into build/icons/, then the bundle. On Linux the .desktop entry and the PNG
# icon are put beside the executable. Ends by running the built program's --version; any failure
# stops the script with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
venv_python=.venv/bin/python
[ -x .venv/Scripts/python.exe ] && venv_python=.venv/Scripts/python.exe  # Windows (Git Bash)
if [ ! -x "$venv_python" ]; then
  say "virtual environment .venv"
  "$python" -m venv .venv
  [ -x .venv/Scripts/python.exe ] && venv_python=.venv/Scripts/python.exe
fi
"$venv_python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || { echo "build.sh: Hotline Log needs Python 3.11 in .venv" >&2; exit 1; }

say "installing the program with its build extra (PyInstaller)"
"$venv_python" -m pip install -q --disable-pip-version-check -e ".[build]" 2> >(grep -v "^WARNING: Location" >&2)

say "icons"
rm -rf build/icons
"$venv_python" packaging/make_icons.py build/icons

say "PyInstaller"
"$venv_python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/hotline_log.spec

bundle=dist/hotline-log
program=$bundle/hotline-log
case "$(uname -s)" in
  Linux*)
    cp packaging/linux/hotline-log.desktop build/icons/hotline-log.png "$bundle/"
    ;;
  MINGW* | MSYS* | CYGWIN*)
    program=$bundle/hotline-log-cli.exe
    ;;
esac

say "checking the built program"
expected=$("$venv_python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
reported=$("$program" --version)
[ "$reported" = "Hotline Log $expected" ] \
  || { echo "build.sh: the built program says '$reported', expected 'Hotline Log $expected'" >&2; exit 1; }
echo "$reported: $bundle ($(du -sh "$bundle" | cut -f1))"
