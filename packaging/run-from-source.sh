#!/usr/bin/env bash
# Install and start Hotline Log from this checkout (Debian/Ubuntu): the Qt and CJK-font packages the
# window needs, a virtual environment in .venv, then the program. With no seat set up yet it offers
# to set one up or to open a demo seat.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  fonts-noto-cjk                                    # Chinese on screen
  fonts-wqy-microhei                                # Chinese embedded in PDFs (TrueType)
  libegl1 libgl1 libx11-6 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libgssapi-krb5-2
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
)
if command -v dpkg-query >/dev/null; then
  missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
# Install only when the environment is new or pyproject.toml changed since the last install (a stamp
# holding its hash), so every later start takes a second, not the sixteen of a pip run.
stamp=.venv/.hotline-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e . 2> >(grep -v "^WARNING: Location" >&2)
  printf '%s\n' "$wanted" > "$stamp"
fi
exec .venv/bin/python main.py "$@"
