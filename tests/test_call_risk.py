"""A call's risk side through the service: assessment and override, crisis protocol, referrals,
follow-ups (and their queue), safety plan, case-code risk history."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop.accounts import AccountService
from desktop.call_model import (
    LEAD_ON_SHIFT,
    CallFilter,
    CallInput,
    CrisisActionInput,
    FollowUpInput,
    ReferralInput,
    RiskInput,
)
from desktop.calls import CallService
from desktop.errors import BadInput, NotPermitted
from desktop.followups import FollowUpService
from desktop.seat import Seat

NOW = datetime.now(UTC)
START = NOW - timedelta(minutes=50)
IMMINENT = {"ideation_current": True, "plan": True, "timeframe_72h": True, "means_access": True}


def a_call(**fields) -> CallInput:
    values = dict(
        kind="counselling",
        started_at=START,
        ended_at=NOW - timedelta(minutes=1),
        concerns=["suicide.ideation"],
        notes="来电者说不想活了。",
        case_code="K7Q-39M",
    )
    values.update(fields)
    return CallInput(**values)


@pytest.fixture
def counselor(seat_init, paths):
    session, _ = seat_init
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    AccountService(session).add("C002", "李", "counselor", "counselor-2")
    with Seat(paths).login("C001", "counselor-1") as me:
        yield me


def saved(service: CallService, form: CallInput) -> CallInput:
    return service.get(service.save(form).call_id).form


def test_assessment_is_stored_with_computed_and_final_level(counselor):
    service = CallService(counselor)
    form = saved(service, a_call(risk=RiskInput({"ideation_current": True, "means_access": True})))
    assert form.risk.answers == {"ideation_current": True, "means_access": True}
    assert service.list_calls(CallFilter())[0].risk_level == "moderate"
    row = counselor.store.one("SELECT computed_level, final_level, reasons FROM risk_assessment")
    assert row[0] == row[1] == "moderate" and "means_access" in json.loads(row[2])


def test_override_needs_a_reason_and_keeps_both_levels(counselor):
    service = CallService(counselor)
    with pytest.raises(BadInput, match="reason"):
        service.save(a_call(risk=RiskInput({"ideation_passive": True}, override_level="high")))
    form = saved(service, a_call(risk=RiskInput({"ideation_passive": True}, "high", "语气决绝，多次提到告别")))
    assert form.risk.override_level == "high"
    assert counselor.store.one("SELECT computed_level, final_level FROM risk_assessment") == ("low", "high")
    actions = [e.action for e in counselor.audit.entries(limit=6)]
    assert "risk.overridden" in actions and "risk.assessed" in actions


def test_unknown_items_and_scales_out_of_range_are_refused(counselor):
    service = CallService(counselor)
    with pytest.raises(BadInput, match="risk assessment is not valid"):
        service.save(a_call(risk=RiskInput({"feeling_blue": True})))
    with pytest.raises(BadInput, match="risk assessment is not valid"):
        service.save(a_call(risk=RiskInput({"ideation_intensity": 11})))


def test_an_imminent_call_cannot_be_saved_without_a_crisis_outcome(counselor):
    service = CallService(counselor)
    risky = a_call(risk=RiskInput(IMMINENT))
    with pytest.raises(BadInput, match="imminent"):
        service.save(risky)
    risky.crisis_actions = [CrisisActionInput("ambulance_120", START + timedelta(minutes=10))]
    with pytest.raises(BadInput, match="imminent"):
        service.save(risky)
    risky.crisis_actions[0].outcome = "rescued"
    form = saved(service, risky)
    assert [(a.action, a.outcome) for a in form.crisis_actions] == [("ambulance_120", "rescued")]


def test_a_crisis_action_before_the_call_started_is_refused(counselor):
    with pytest.raises(BadInput, match="before the call started"):
        CallService(counselor).save(
            a_call(crisis_actions=[CrisisActionInput("police_110", START - timedelta(minutes=5), "safe")])
        )


def test_high_and_imminent_calls_get_a_follow_up_for_the_lead_by_default(counselor):
    service = CallService(counselor)
    form = saved(service, a_call(risk=RiskInput({"prior_attempt_recent": True})))
    assert [f.owner for f in form.follow_ups] == [LEAD_ON_SHIFT]
    assert form.follow_ups[0].due_at > NOW
    low = saved(service, a_call(risk=RiskInput({"ideation_passive": True}), case_code=None))
    assert low.follow_ups == []


def test_referrals_and_follow_ups_are_open_until_closed(counselor, paths):
    service = CallService(counselor)
    overdue = NOW - timedelta(hours=2)  # due in the past at creation: allowed, and overdue at once
    form = a_call(
        referrals=[ReferralInput("psychiatric_outpatient", "soon", "suggested")],
        follow_ups=[FollowUpInput(overdue, "C001", "回电确认是否去门诊，电话13812345678")],
    )
    service.save(form)
    queue = FollowUpService(counselor)
    [due] = queue.queue()
    assert due.overdue and due.case_code == "K7Q-39M" and "13812345678" not in due.note
    [referral] = queue.open_referrals()
    assert referral.kind == "psychiatric_outpatient"
    with Seat(paths).login("A001", "admin-pass-1") as admin:  # leads and admins see every follow-up
        assert [f.id for f in FollowUpService(admin).queue()] == [due.id]
    queue.complete(due.id, "已回电，来电者已预约门诊")
    queue.set_referral_status(referral.id, "completed")
    assert queue.queue() == [] and queue.open_referrals() == []
    with pytest.raises(BadInput):
        queue.complete(due.id, "again")


def test_safety_plan_lines_pass_the_guard(counselor):
    form = saved(
        CallService(counselor),
        a_call(safety_plan={"warning_signs": "失眠、喝酒", "helpers": "姐姐，电话13812345678"}),
    )
    assert form.safety_plan == {"warning_signs": "失眠、喝酒", "helpers": "姐姐，电话〔手机号〕"}


def test_a_case_code_shows_its_risk_history(counselor):
    service = CallService(counselor)
    service.save(
        a_call(
            started_at=START - timedelta(days=5),
            ended_at=START - timedelta(days=5) + timedelta(minutes=30),
            risk=RiskInput({"ideation_passive": True}),
        )
    )
    service.save(a_call(risk=RiskInput({"prior_attempt_recent": True})))
    assert [v.risk_level for v in service.case_history("k7q39m")] == ["low", "high"]


def test_a_draft_keeps_the_whole_risk_side(counselor):
    service = CallService(counselor)
    form = a_call(
        risk=RiskInput(IMMINENT, assessed_at=NOW),
        crisis_actions=[CrisisActionInput("ambulance_120", NOW, "rescued")],
        referrals=[ReferralInput("psychiatric_emergency", "urgent", "warm_transfer")],
        follow_ups=[FollowUpInput(NOW + timedelta(hours=4), LEAD_ON_SHIFT, "确认送医情况")],
        safety_plan={"coping": "深呼吸"},
    )
    service.save_draft(form)
    draft = service.load_draft().form
    assert draft.risk == form.risk and draft.crisis_actions == form.crisis_actions
    assert draft.referrals == form.referrals and draft.follow_ups == form.follow_ups
    assert draft.safety_plan == form.safety_plan


def test_the_list_filters_by_risk_level_and_follow_up_due(counselor):
    service = CallService(counselor)
    service.save(a_call(risk=RiskInput({"ideation_passive": True}), case_code=None))
    service.save(a_call(risk=RiskInput({"prior_attempt_recent": True})))  # high: follow-up due in 24 h
    service.save(a_call(case_code=None, follow_ups=[FollowUpInput(NOW + timedelta(hours=2), "C001", "回电")]))
    assert service.count_calls(CallFilter(risk_level="high")) == 1
    assert service.count_calls(CallFilter(risk_level="low")) == 1
    assert service.count_calls(CallFilter(follow_up_due=True)) == 1


def test_a_draft_holds_no_identifier_in_any_free_text_field(counselor):
    phone = "13812345678"
    service = CallService(counselor)
    service.save_draft(
        a_call(
            notes=phone,
            summary=phone,
            city=phone,
            keywords=[phone, "失眠"],
            risk=RiskInput({"ideation_passive": True}, "high", f"他留了{phone}"),
            follow_ups=[FollowUpInput(NOW, "C001", f"打{phone}")],
            safety_plan={"helpers": f"姐姐 {phone}"},
        )
    )
    (payload,) = counselor.store.one("SELECT payload FROM draft")
    assert phone not in payload and "〔手机号〕" in payload
    assert service.load_draft().form.keywords == ["失眠"]


def test_an_unreadable_draft_is_set_aside_instead_of_breaking_every_log_in(counselor):
    counselor.store.execute(
        "INSERT INTO draft (account, saved_at, payload) VALUES ('C001', '2026-01-01T00:00:00Z', ?)",
        ('{"kind": "counselling", "risk": {"answers": {}, "old_field": 1}}',),
    )
    assert CallService(counselor).load_draft() is None
    assert counselor.store.one("SELECT count(*) FROM draft")[0] == 0


def test_editing_a_high_call_does_not_bring_back_a_follow_up_already_done(counselor):
    service = CallService(counselor)
    call_id = service.save(a_call(risk=RiskInput({"prior_attempt_recent": True}))).call_id
    queue = FollowUpService(counselor)
    [due] = queue.queue()
    queue.complete(due.id, "已回访，来电者安全")
    form = service.get(call_id).form
    form.notes += "（补一个错字）"
    service.save(form, call_id)
    assert queue.queue() == []


def test_counselors_see_and_close_only_follow_ups_that_concern_them(counselor, paths):
    service = CallService(counselor)
    service.save(
        a_call(
            case_code=None,
            follow_ups=[FollowUpInput(NOW, "C001", "自己的随访")],
            referrals=[ReferralInput("psychiatric_outpatient")],
        )
    )
    service.save(a_call(case_code=None, follow_ups=[FollowUpInput(NOW, LEAD_ON_SHIFT, "交给班长")]))
    with Seat(paths).login("C002", "counselor-2") as other:
        queue = FollowUpService(other)
        assert [f.note for f in queue.queue()] == ["交给班长"]  # the lead's, not a colleague's own
        assert queue.open_referrals() == []
        own = FollowUpService(counselor).queue()[0]
        with pytest.raises(NotPermitted):
            queue.complete(own.id, "不是我的")
        with pytest.raises(NotPermitted):
            queue.set_referral_status(FollowUpService(counselor).open_referrals()[0].id, "declined")
    with Seat(paths).login("A001", "admin-pass-1") as admin:
        assert len(FollowUpService(admin).queue()) == 2
