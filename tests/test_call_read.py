"""A saved call read in full (desktop.call_read), its one-call PDF for supervision (desktop.reports.call_pdf),
and a case code's timeline (desktop.case_history): what each holds, and who may see or print it."""

import json
import os
import shutil
import stat
import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from desktop.accounts import AccountService
from desktop.call_model import CallInput, CrisisActionInput, FollowUpInput, ReferralInput, RiskInput
from desktop.call_read import read_call
from desktop.calls import CallService
from desktop.case_history import case_timeline
from desktop.errors import NotPermitted
from desktop.followups import FollowUpService
from desktop.reports.call_pdf import CallPdfService
from desktop.risk import NOT_ASSESSED
from desktop.seat import Seat
from desktop.supervision import SupervisionService

NOW = datetime.now(UTC).replace(microsecond=0)
CASE = "K7Q-39M"
PASSWORDS = {"C001": "counselor-1", "C002": "counselor-2", "L001": "lead-pass-1"}
IMMINENT = {
    "ideation_current": True,
    "plan": True,
    "timeframe_72h": True,
    "means_access": True,
    "ideation_intensity": 9,
}
OVERRIDE_REASON = "来电者药已在手边，情况紧急"


def imminent_call(start: datetime = NOW - timedelta(hours=2), **fields) -> CallInput:
    """A call with every part filled in: computed high risk raised to imminent with a reason, two crisis
    actions, a referral, a follow-up, a safety plan."""
    values = dict(
        kind="counselling",
        started_at=start,
        ended_at=start + timedelta(minutes=45),
        age_band="18_24",
        gender="female",
        region="110000",
        concerns=["suicide.ideation"],
        emotions=["anxiety"],
        interventions=["active_listening"],
        keywords=["吞药"],
        summary="来电者说药已经准备好",
        notes="来电者说不想活了，药已经准备好。",
        case_code=CASE,
        risk=RiskInput({"ideation_current": True, "plan": True}, "imminent", OVERRIDE_REASON),
        crisis_actions=[
            CrisisActionInput("ambulance_120", start + timedelta(minutes=10), "dispatched"),
            CrisisActionInput("stayed_on_line", start + timedelta(minutes=12), "safe"),
        ],
        referrals=[ReferralInput("psychiatric_emergency", "urgent", "warm_transfer")],
        follow_ups=[FollowUpInput(start + timedelta(hours=20), "C001", "明早回访确认安全")],
        safety_plan={"warning_signs": "夜里睡不着就想吃药", "helpers": "姐姐"},
    )
    values.update(fields)
    return CallInput(**values)


@pytest.fixture
def team(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "咨询员 王", "counselor", PASSWORDS["C001"])
    accounts.add("C002", "咨询员 张", "counselor", PASSWORDS["C002"])
    accounts.add("L001", "班长 李", "lead", PASSWORDS["L001"])
    return paths


def as_(paths, code):
    return Seat(paths).login(code, PASSWORDS[code])


def saved(paths, code, form: CallInput) -> int:
    with as_(paths, code) as session:
        return CallService(session).save(form).call_id


def test_the_read_view_holds_everything_an_imminent_call_holds(team):
    call_id = saved(team, "C001", imminent_call())
    with as_(team, "C001") as me:
        CallService(me).add_amendment(call_id, "补充：姐姐已赶到")
    with as_(team, "L001") as lead:
        SupervisionService(lead).add_note(call_id, "处置及时")
        view = read_call(lead, call_id)
    assert (view.computed_level, view.final_level, view.override_reason) == ("high", "imminent", OVERRIDE_REASON)
    assert view.record.form.risk.answers == {"ideation_current": True, "plan": True}
    assert [(a.action, a.outcome) for a in view.record.form.crisis_actions] == [
        ("ambulance_120", "dispatched"),
        ("stayed_on_line", "safe"),
    ]
    assert [(r.kind, r.status) for r in view.referrals] == [("psychiatric_emergency", "warm_transfer")]
    assert [(f.owner, f.note, f.done_at) for f in view.follow_ups] == [("C001", "明早回访确认安全", None)]
    assert view.record.form.safety_plan == {"warning_signs": "夜里睡不着就想吃药", "helpers": "姐姐"}
    assert [(a.author, a.text) for a in view.record.amendments] == [("C001", "补充：姐姐已赶到")]
    assert view.supervision_flag is True and [n.text for n in view.supervision_notes] == ["处置及时"]
    assert view.legal_hold is False


def test_a_done_follow_up_keeps_its_outcome_in_the_read_view(team):
    call_id = saved(team, "C001", imminent_call())
    with as_(team, "C001") as me:
        follow_up = FollowUpService(me).queue()[0]
        FollowUpService(me).complete(follow_up.id, "已回访，来电者安全")
        view = read_call(me, call_id)
    (done,) = view.follow_ups
    assert done.outcome == "已回访，来电者安全" and done.done_by == "C001" and done.done_at is not None


def test_a_call_without_assessment_reads_not_assessed_and_counselors_see_no_supervision(team):
    call_id = saved(team, "C001", imminent_call(risk=None, crisis_actions=[], follow_ups=[]))
    with as_(team, "C001") as me:
        view = read_call(me, call_id)
    assert view.computed_level == view.final_level == NOT_ASSESSED and not view.assessed
    assert view.supervision_flag is None and view.supervision_notes is None


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_one_call_pdf_holds_level_crisis_actions_and_chinese_and_is_audited(team, tmp_path, font):
    call_id = saved(team, "C001", imminent_call())
    with as_(team, "L001") as lead:
        service = CallPdfService(lead)
        made = service.render(call_id)
        target = tmp_path / "call.pdf"
        service.save(made, target)
        entry = lead.audit.entries(limit=1)[0]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = " ".join(pdf_text(target).split())
    for expected in (
        "紧急风险",
        "高风险",
        OVERRIDE_REASON,
        "呼叫急救（120）",
        "已派出",
        "保持通话陪伴",
        "已确认安全",
        "明早回访确认安全",
        "夜里睡不着就想吃药",
        "来电者说不想活了，药已经准备好。",
    ):
        assert expected in text, expected
    assert (entry.actor, entry.action, entry.object) == ("L001", "call.exported", f"call:{call_id}")
    assert json.loads(entry.detail) == {"pages": made.pages} and made.pages >= 1  # counts only, never text


def test_counselors_cannot_print_a_call(team):
    call_id = saved(team, "C001", imminent_call())
    with as_(team, "C001") as me, pytest.raises(NotPermitted):
        CallPdfService(me).render(call_id)


def test_a_case_timeline_lists_every_call_in_order_with_levels(team):
    first = saved(team, "C001", imminent_call(NOW - timedelta(days=20), risk=None, crisis_actions=[], follow_ups=[]))
    second = saved(
        team,
        "C002",
        imminent_call(NOW - timedelta(days=9), risk=RiskInput({"ideation_passive": True}), crisis_actions=[]),
    )
    third = saved(team, "C001", imminent_call(NOW - timedelta(hours=3)))
    saved(team, "C001", imminent_call(NOW - timedelta(hours=1), case_code="ABC-234"))  # another caller
    with as_(team, "L001") as lead:
        entries = case_timeline(lead, "k7q 39m")
        last = lead.audit.entries(limit=1)[0]
    assert [e.call_id for e in entries] == [first, second, third]
    assert [(e.computed_level, e.final_level) for e in entries] == [
        (NOT_ASSESSED, NOT_ASSESSED),
        ("low", "low"),
        ("high", "imminent"),
    ]
    assert [e.counselor for e in entries] == ["C001", "C002", "C001"]
    assert [a.outcome for a in entries[2].crisis_actions] == ["dispatched", "safe"]
    assert [r.status for r in entries[2].referrals] == ["warm_transfer"]
    assert [f.note for f in entries[2].follow_ups] == ["明早回访确认安全"]
    assert (last.action, last.object) == ("case.looked_up", CASE)


def test_a_counselor_sees_only_their_own_calls_in_a_timeline(team):
    mine = saved(team, "C001", imminent_call(NOW - timedelta(days=20), risk=None, crisis_actions=[], follow_ups=[]))
    saved(team, "C002", imminent_call(NOW - timedelta(days=9), risk=None, crisis_actions=[], follow_ups=[]))
    with as_(team, "C001") as me:
        assert [e.call_id for e in case_timeline(me, CASE)] == [mine]
    with as_(team, "L001") as lead:
        assert len(case_timeline(lead, CASE)) == 2
