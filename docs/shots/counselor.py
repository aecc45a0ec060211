"""The counselor's guide: log in, a call from F2 to Ctrl+S, a call at risk, the lists, F1 and the lock."""

from desktop.call_model import LEAD_ON_SHIFT
from shots.harness import Shooter, minutes_ago, select
from ui.main_window import MainWindow

EXAM_NOTE = "来电者是考研学生，最近两周失眠，每天只睡三四个小时，担心考不上让父母失望。她说可以打13812345678找她。"
CRISIS_NOTE = "来电者说最近不想活了，药已经准备好，今晚家里没人。愿意继续在线上谈。"
RISK_SHOTS = (  # the items ticked for each level's picture
    ("none", ()),
    ("low", ("ideation_passive", "hopelessness")),
    ("moderate", ("ideation_current", "future_plans")),
    ("high", ("ideation_current", "plan", "social_support")),
    ("imminent", ("ideation_current", "plan", "timeframe_72h", "means_access")),
)
REFERRAL_KINDS = ("psychological_outpatient", "psychiatric_outpatient")  # a local clinic from the directory


def shoot(shot: Shooter) -> None:
    window = shot.open()
    shot.shoot(window, "login")
    shot.log_in(window, "D-C01")
    shot.shoot(window, "form-empty")
    exam_call(shot, window)
    crisis_call(shot, window)
    lists(shot, window)
    shot.modal(window, window.help_action.trigger, "help")
    window.lock_action.trigger()  # Ctrl+L
    shot.shoot(window, "lock")
    shot.close(window)


def exam_call(shot: Shooter, window: MainWindow) -> None:
    """F2, the form filled in while listening, a referral and a follow-up, then Ctrl+S and the guard's dialog."""
    form = window.work.form
    shot.press(window.start_action.trigger)
    select(form.kind, "counselling")
    form.start_edit.setDateTime(minutes_ago(2))
    shot.shoot(window, "call-started")

    form.start_edit.setDateTime(minutes_ago(23))
    select(form.age_band, "18_24")
    select(form.gender, "female")
    select(form.region, "110000")
    form.concerns.set_codes(["study.exam", "mental.sleep"])
    form.emotions.set_codes(["anxiety", "low_mood"])
    form.interventions.set_codes(["active_listening", "emotional_support"])
    form.keywords.set_words(["考研", "失眠"])
    form.notes.set_text(EXAM_NOTE)
    form.summary.setText("考研压力，失眠两周")
    shot.shoot(window, "form-filled", wait=1.0)  # the guard's underline and list, the suggested keywords

    panel = form.referrals
    for index in range(panel.resource.count()):
        panel.resource.setCurrentIndex(index)  # choosing an entry sets its kind
        if panel.kind.currentData() in REFERRAL_KINDS:
            break
    select(panel.urgency, "soon")
    select(panel.status, "suggested")
    panel.add_referral_button.click()
    select(panel.owner, LEAD_ON_SHIFT)
    panel.note.setText("明天上午回访，确认是否已预约门诊")
    panel.add_follow_up_button.click()
    form.show_section(panel)
    shot.shoot(window, "referral")
    # Ctrl+S: the dialog lists what the guard hides; "Hide and save" stores the call
    shot.modal(window, window.save_action.trigger, "save-dialog", accept=True)


def crisis_call(shot: Shooter, window: MainWindow) -> None:
    """A call where suicide comes up: the prompt, the assessment at each level, the crisis protocol, the save."""
    form = window.work.form
    shot.press(window.start_action.trigger)
    form.start_edit.setDateTime(minutes_ago(41))
    select(form.kind, "counselling")
    select(form.age_band, "25_34")
    select(form.gender, "male")
    select(form.region, "310000")
    form.concerns.set_codes(["suicide.ideation", "mental.depression"])
    form.emotions.set_codes(["hopelessness", "low_mood"])
    form.interventions.set_codes(["active_listening", "crisis_intervention"])
    form.notes.set_text(CRISIS_NOTE)
    form.summary.setText("自杀意念，已备药，今晚独处")
    shot.settle(1.0)  # the prompt words open the assessment with a banner
    for level, items in RISK_SHOTS:
        for code, tick in form.risk.items.items():
            tick.setChecked(code in items)
        form.risk.scales["ideation_intensity"].setValue(7 if level == "moderate" else -1)  # -1: not asked
        form.show_section(form.risk)  # imminent turns to the crisis protocol by itself
        shot.shoot(window, f"risk-{level}")

    for code, outcome in (("ambulance_120", "rescued"), ("stayed_on_line", "safe")):
        tick, _time, choice = form.crisis.rows[code]
        tick.setChecked(True)
        select(choice, outcome)
    form.show_section(form.crisis)
    shot.shoot(window, "crisis-protocol")
    shot.press(window.save_action.trigger)  # nothing to hide: saved at once
    shot.shoot(window, "call-saved")  # the status bar: saved, and a break suggested
    window.statusBar().clearMessage()  # as it is a few seconds later


def lists(shot: Shooter, window: MainWindow) -> None:
    work = window.work
    window.find_action.trigger()  # Ctrl+F
    work.calls.search.setText("失眠")
    work.calls.search.returnPressed.emit()
    shot.shoot(window, "call-list")
    work.show_follow_ups()
    shot.shoot(window, "follow-ups")
    work.tabs.setCurrentWidget(work.form)
