"""Take the screenshots of the README and guides from the real program, on a fresh demo seat.

    .venv/bin/python docs/screenshots.py            # writes docs/images/*.png, Chinese and English
    .venv/bin/python docs/screenshots.py statistics # only the statistics view's pictures
    .venv/bin/python docs/screenshots.py looks      # only the dark look and the window at 1280×720
    .venv/bin/python docs/screenshots.py scaled     # only the window at 200 % scaling (2560×1440 pixels)

Runs offscreen (no display needed); Chinese needs a CJK font (fonts-noto-cjk on Debian).
"""

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "scaled" in sys.argv[1:]:
    os.environ["QT_SCALE_FACTOR"] = "2"  # read when Qt starts: 200 % as on a 4K screen
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from PySide6.QtCore import QCoreApplication, QDate  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import ui.worker  # noqa: E402
from desktop.config import SeatPaths  # noqa: E402
from desktop.demo import create_demo_seat  # noqa: E402
from desktop.reports.service import seat_today  # noqa: E402
from desktop.seat import Seat  # noqa: E402
from desktop.shifts import ShiftService  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402
from ui import theme  # noqa: E402
from ui.handover_dialog import HandoverDialog  # noqa: E402
from ui.i18n import install_translators  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.stats_view import StatsView  # noqa: E402

OUT = ROOT / "docs" / "images"
RISK_SHOTS = (
    ("none", ()),
    ("low", ("ideation_passive", "hopelessness")),
    ("moderate", ("ideation_current", "future_plans")),
    ("high", ("ideation_current", "plan", "social_support")),
    ("imminent", ("ideation_current", "plan", "timeframe_72h", "means_access")),
)
NOTE = "来电者是考研学生，最近两周失眠，每天只睡三四个小时，担心考不上让父母失望。她说可以打13812345678找她。"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(app: QApplication, paths: SeatPaths, accounts: dict, lang: str) -> None:
    install_translators(app, lang)
    short = "en" if lang == "en" else "zh"
    window = MainWindow(Seat(paths), short, idle_minutes=30, autosave_seconds=30, demo_accounts=accounts)
    window.resize(1366, 820)
    window.show()
    settle(app)
    window.grab().save(str(OUT / f"login-{short}.png"))

    page = window.login_page
    page.account.setCurrentIndex(page.account.findData("D-C01"))
    page.password.setText(accounts["D-C01"])
    page.submit()
    settle(app)
    work = window.work
    work.service.discard_draft()
    work.form.clear()
    settle(app)
    window.grab().save(str(OUT / f"form-empty-{short}.png"))

    form = work.form
    form.started = datetime.now(UTC) - timedelta(minutes=23)
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.age_band.setCurrentIndex(form.age_band.findData("18_24"))
    form.gender.setCurrentIndex(form.gender.findData("female"))
    form.region.setCurrentIndex(form.region.findData("110000"))
    form.concerns.set_codes(["study.exam", "mental.sleep"])
    form.emotions.set_codes(["anxiety", "low_mood"])
    form.interventions.set_codes(["active_listening", "emotional_support"])
    form.keywords.set_words(["考研", "失眠"])
    form.notes.set_text(NOTE)
    form.summary.setText("考研压力，失眠两周")
    form.keywords.suggest_from(NOTE)
    settle(app)
    window.grab().save(str(OUT / f"form-filled-{short}.png"))

    work.tabs.setCurrentWidget(work.calls)
    work.calls.reload()
    settle(app)
    window.grab().save(str(OUT / f"call-list-{short}.png"))

    work.tabs.setCurrentWidget(form)
    form.notes.set_text("来电者说最近不想活了，药已经准备好。")
    form._check_prompt_words()
    for level, items in RISK_SHOTS:
        form.risk.load(None)
        for item in items:
            form.risk.items[item].setChecked(True)
        if level == "moderate":
            form.risk.scales["ideation_intensity"].setValue(7)
        form.show_section(form.risk)
        settle(app)
        window.grab().save(str(OUT / f"risk-{level}-{short}.png"))
    form.crisis.rows["ambulance_120"][0].setChecked(True)
    form.crisis.rows["stayed_on_line"][0].setChecked(True)
    outcome = form.crisis.rows["ambulance_120"][2]
    outcome.setCurrentIndex(outcome.findData("rescued"))
    form.show_section(form.crisis)
    settle(app)
    window.grab().save(str(OUT / f"crisis-protocol-{short}.png"))
    work.tabs.setCurrentWidget(work.queue)
    settle(app)
    window.grab().save(str(OUT / f"follow-ups-{short}.png"))
    form.clear()
    window.close()
    settle(app)


def log_in(app: QApplication, window: MainWindow, code: str, accounts: dict) -> None:
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    page.password.setText(accounts[code])
    page.submit()
    settle(app)


def shoot_statistics(app: QApplication, paths: SeatPaths, accounts: dict, lang: str) -> None:
    """The lead's statistics view over the demo seat's last two weeks: calls per day, the heat map, concerns."""
    install_translators(app, lang)
    short = "en" if lang == "en" else "zh"
    window = MainWindow(Seat(paths), short, idle_minutes=30, autosave_seconds=30, demo_accounts=accounts)
    window.show()
    log_in(app, window, "D-LEAD", accounts)
    window.stats_action.trigger()
    view = window.work.findChild(StatsView)
    first = seat_today() - timedelta(days=13)
    view.date_from.setDate(QDate(first.year, first.month, first.day))
    for name, index in (("statistics", 0), ("statistics-heatmap", 1), ("statistics-concerns", 3)):
        view.tabs.setCurrentIndex(index)
        settle(app)
        view.grab().save(str(OUT / f"{name}-{short}.png"))
    window.close()
    settle(app)


def shoot_shift(app: QApplication, paths: SeatPaths, accounts: dict, lang: str) -> None:
    """The lead's shift window with the workload table, then the handover window with the summary."""
    install_translators(app, lang)
    short = "en" if lang == "en" else "zh"
    window = MainWindow(Seat(paths), short, idle_minutes=30, autosave_seconds=30, demo_accounts=accounts)
    window.resize(1280, 800)
    window.show()
    log_in(app, window, "D-LEAD", accounts)
    shifts = ShiftService(window.session)
    if shifts.open_shift() is None:  # the first language opens it; the second finds it open
        now = datetime.now(UTC)
        shift = shifts.open(["D-C01", "D-C02"], now + timedelta(hours=5), now=now - timedelta(hours=3))
        shifts.set_note(shift.id, "D-C02 的高危来电已转介精神科急诊，明早 10 点前回访确认就诊。线路正常。")
    window.shift_action.trigger()
    settle(app)
    window.work.shift_dialog().grab().save(str(OUT / f"shift-{short}.png"))
    window.work.shift_dialog().close()
    window.handover_action.trigger()
    deadline = time.monotonic() + 3  # QPdfView draws its pages in the background
    while time.monotonic() < deadline:
        settle(app)
        time.sleep(0.05)
    window.work.findChild(HandoverDialog).grab().save(str(OUT / f"handover-{short}.png"))
    window.close()
    settle(app)


def shoot_looks(app: QApplication, paths: SeatPaths, accounts: dict, lang: str) -> None:
    """A call at high risk on the smallest supported window (1280×720): in the dark look, or at 200 %."""
    install_translators(app, lang)
    short = "en" if lang == "en" else "zh"
    scaled = "scaled" in sys.argv[1:]
    theme.apply(app, "light" if scaled else "dark", 0)
    window = MainWindow(Seat(paths), short, idle_minutes=30, autosave_seconds=30, demo_accounts=accounts)
    window.resize(1280, 720)
    window.show()
    log_in(app, window, "D-C01", accounts)
    form = window.work.form
    window.work.service.discard_draft()
    form.clear()
    form.started = datetime.now(UTC) - timedelta(minutes=41)
    form.start_call()
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    form.age_band.setCurrentIndex(form.age_band.findData("25_34"))
    form.gender.setCurrentIndex(form.gender.findData("male"))
    form.region.setCurrentIndex(form.region.findData("310000"))
    form.concerns.set_codes(["mental.depression", "mental.sleep"])
    form.emotions.set_codes(["low_mood"])
    form.notes.set_text("来电者说最近不想活了，已经想好了方法，这周末家里没人。愿意留在线上继续谈。")
    form.summary.setText("自杀意念，有计划，高危")
    for item in ("ideation_current", "plan", "social_support"):
        form.risk.items[item].setChecked(True)
    name = "200pct" if scaled else "dark"
    for section, picture in ((None, f"look-{name}-form"), (form.risk, f"look-{name}-risk")):
        if section is not None:
            form.show_section(section)
        settle(app)
        window.grab().save(str(OUT / f"{picture}-{short}.png"))
    work = window.work
    work.tabs.setCurrentWidget(work.calls)
    work.calls.reload()
    settle(app)
    window.grab().save(str(OUT / f"look-{name}-calls-{short}.png"))
    form.clear()
    window.close()
    settle(app)
    theme.apply(app, "light", 0)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ui.worker.SYNCHRONOUS = True  # one step after another, so each picture shows the step's result
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply(app, "light", 0)
    with tempfile.TemporaryDirectory() as home:
        paths = SeatPaths(Path(home) / "demo")
        accounts = create_demo_seat(paths)
        for lang in ("zh_CN", "en"):
            if {"looks", "scaled"} & set(sys.argv[1:]):
                shoot_looks(app, paths, accounts, lang)
                continue
            if "statistics" not in sys.argv[1:]:
                shoot(app, paths, accounts, lang)
            shoot_statistics(app, paths, accounts, lang)
            shoot_shift(app, paths, accounts, lang)
    print(f"screenshots written to {OUT}")
    QCoreApplication.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
