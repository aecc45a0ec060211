"""Take every picture of the README and the guides from the real program, on a fresh demo seat.

    .venv/bin/python docs/screenshots.py             # all of them: docs/images/<name>-zh.png and -en.png
    .venv/bin/python docs/screenshots.py statistics  # one part or look only (--help lists them)
    .venv/bin/python docs/screenshots.py --offscreen # without X, on Qt's offscreen platform

The program runs in a real X window (QT_QPA_PLATFORM=xcb). Without a DISPLAY the script starts itself again
under `xvfb-run` with a screen big enough for what it takes. The parts share one process and one demo seat (a copy
for each language); each look needs a Qt of its own (the dark look, the window scaled to 200 %, a 4K screen) and
runs as a child process on its own Xvfb screen, one after another while the parts are taken. Chinese needs a CJK font
(fonts-noto-cjk on Debian). The pieces live in docs/shots/: `harness.py` opens windows and takes pictures,
the other modules each take the pictures of one guide.
"""

import argparse
import faulthandler
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("counselor", "lead", "statistics", "admin", "line")  # in this order, in one process; line needs PostgreSQL
LOOKS = {  # name: (Xvfb screen, environment); each in a process of its own
    "dark": ((1920, 1080), {}),
    "scaled": ((2560, 1440), {"QT_SCALE_FACTOR": "2"}),  # 200 %, the window 1280×720 logical pixels
    "4k": ((3840, 2160), {"QT_SCALE_FACTOR": "2"}),  # 200 % on 3840×2160, the window 1920×1080 logical
}
PICTURE_NAMES = {"scaled": "200pct"}  # look-200pct-*.png, as the README has them
ALIASES = {"looks": "dark"}
SCREEN = (1920, 1080)  # for the parts: the window is 1366×820
SEAT_ZONE = "Asia/Shanghai"  # the pictures show the time as a seat in China does
TIME_LIMIT_S = 300  # a whole run takes under a minute


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = (*PARTS, *LOOKS, *ALIASES)
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these: " + ", ".join(names))
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform instead of X")
    args = parser.parse_args()
    for name in set(args.names) - set(names):
        parser.error(f"no part or look called {name!r}")
    args.names = [ALIASES.get(name, name) for name in args.names] or [*PARTS, *LOOKS]
    return args


def need_display(screen: tuple[int, int], offscreen: bool) -> None:
    """Use X (the DISPLAY given, or a new Xvfb screen of `screen` pixels), or the offscreen platform."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    if os.environ.get("DISPLAY"):
        return
    if shutil.which("xvfb-run") is None:
        sys.exit("screenshots: xvfb-run not found; install it (apt-get install xvfb) or pass --offscreen")
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen[0]}x{screen[1]}x24", sys.executable, *sys.argv]
    os.execvp("xvfb-run", command)  # noqa: S606 - this script again, with its own arguments


def run_looks(looks: list[str], offscreen: bool, failed: list[str]) -> None:
    """Each look in a child process, one after another (two `xvfb-run -a` starting at once can pick the
    same display). A child makes its own Xvfb screen of the look's size: it is given no DISPLAY."""
    for look in looks:
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
        command = [sys.executable, str(Path(__file__).resolve()), look, *(["--offscreen"] if offscreen else [])]
        if subprocess.run(command, env=env, check=False).returncode != 0:
            failed.append(look)


def take(parts: list[str], look: str | None) -> None:
    """Take the pictures of `parts`, or of one `look`, in Chinese and in English."""
    sys.path.insert(0, str(ROOT))
    from shots import admin, counselor, lead, line, looks
    from shots.harness import LANGUAGES, Shooter, copy_of, demo_seat

    shooters = {
        "counselor": counselor.shoot,
        "lead": lead.shoot,
        "statistics": lead.shoot_statistics,
        "admin": admin.shoot,
        "line": line.shoot,
    }
    with demo_seat() as (app, paths, accounts):
        for lang in LANGUAGES:
            shot = Shooter(app, copy_of(paths, lang), accounts, lang)  # both languages show the same calls
            if look is not None:
                looks.shoot(shot, PICTURE_NAMES.get(look, look))
            for part in parts:
                shooters[part](shot)


def main() -> int:
    args = arguments()
    # A dialog nobody answers would wait for ever: after this long, print where each thread stands and stop.
    faulthandler.dump_traceback_later(TIME_LIMIT_S, exit=True)
    os.environ["TZ"] = SEAT_ZONE
    time.tzset()
    parts = [name for name in PARTS if name in args.names]
    looks = [name for name in LOOKS if name in args.names]
    if not parts and len(looks) == 1:  # a child, or one look asked for by name
        screen, env = LOOKS[looks[0]]
        need_display(screen, args.offscreen)
        os.environ.update(env)  # read when Qt starts
        take([], looks[0])
        print(f"screenshots: {looks[0]} written to {ROOT / 'docs' / 'images'}")
        return 0
    if parts:
        need_display(SCREEN, args.offscreen)  # before any child starts: this may start the script again
    started = time.monotonic()
    failed: list[str] = []
    children = threading.Thread(target=run_looks, args=(looks, args.offscreen, failed))
    children.start()
    try:
        if parts:
            take(parts, None)
    finally:
        children.join()
    if failed:
        print(f"screenshots: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"screenshots: written to {ROOT / 'docs' / 'images'} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
