"""A call at high risk in the looks that need a Qt of their own: the dark look for night shifts, and the
window at 200 % scaling (QT_SCALE_FACTOR=2, set by docs/screenshots.py before Qt starts) on a 2560×1440
screen and on a 4K screen (3840×2160, the window 1920×1080 logical pixels)."""

from shots.harness import Shooter, minutes_ago, select
from ui import theme

LOOKS = {  # name: (look, window size in logical pixels, pictures)
    "dark": ("dark", (1280, 720), ("form", "risk", "calls")),
    "200pct": ("light", (1280, 720), ("form", "risk", "calls")),
    "4k": ("light", (1920, 1080), ("form",)),
}
NOTE = "来电者说最近不想活了，已经想好了方法，这周末家里没人。愿意留在线上继续谈。"


def shoot(shot: Shooter, name: str) -> None:
    look, size, pictures = LOOKS[name]
    theme.apply(shot.app, look, 0)
    window = shot.open("D-C01", size)
    work, form = window.work, window.work.form
    shot.press(window.start_action.trigger)
    form.start_edit.setDateTime(minutes_ago(41))
    select(form.kind, "counselling")
    select(form.age_band, "25_34")
    select(form.gender, "male")
    select(form.region, "310000")
    form.concerns.set_codes(["mental.depression", "mental.sleep"])
    form.emotions.set_codes(["low_mood"])
    form.notes.set_text(NOTE)
    form.summary.setText("自杀意念，有计划，高危")
    for item in ("ideation_current", "plan", "social_support"):
        form.risk.items[item].setChecked(True)
    form.sections.setCurrentIndex(0)
    shot.shoot(window, f"look-{name}-form", wait=1.0)
    if "risk" in pictures:
        form.show_section(form.risk)
        shot.shoot(window, f"look-{name}-risk")
    if "calls" in pictures:
        work.tabs.setCurrentWidget(work.calls)
        shot.shoot(window, f"look-{name}-calls")
    shot.close(window)
    theme.apply(shot.app, "light", 0)
