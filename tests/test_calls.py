"""The call service: saving through the guard, the edit window, visibility, search, drafts, faults."""

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

import desktop.calls as calls_module
from desktop.accounts import AccountService
from desktop.call_model import CallFilter, CallInput, FollowUpInput, RiskInput, new_case_code, normalize_case_code
from desktop.calls import CallService
from desktop.clock import seat_time
from desktop.errors import BadInput, DatabaseBusy, NotPermitted
from desktop.seat import Seat
from desktop.shift_window import auto_window
from desktop.store.connection import connect
from tests.conftest import ROOT
from tests.seat_clock import AT_BOUNDARIES, BOUNDARY_IDS

NOW = datetime.now(UTC)


def a_call(**fields) -> CallInput:
    values = dict(
        kind="counselling",
        started_at=NOW - timedelta(minutes=40),
        ended_at=NOW - timedelta(minutes=2),
        age_band="18_24",
        gender="female",
        region="110000",
        concerns=["study.exam", "mental.sleep"],
        emotions=["anxiety"],
        interventions=["active_listening"],
        keywords=["考研", "失眠"],
        summary="考研压力，失眠",
        notes="来电者考研压力大，最近失眠。",
    )
    values.update(fields)
    return CallInput(**values)


@pytest.fixture
def team(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "王", "counselor", "counselor-1")
    accounts.add("C002", "李", "counselor", "counselor-2")
    accounts.add("L001", "班长", "lead", "lead-pass-1")
    return session


def as_(paths, code, password):
    return Seat(paths).login(code, password)


def test_save_and_read_back_every_field(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        result = service.save(a_call(case_code="k7q 39m", city="海淀"))
        record = service.get(result.call_id)
    form = record.form
    assert (form.kind, form.age_band, form.gender, form.region, form.city) == (
        "counselling",
        "18_24",
        "female",
        "110000",
        "海淀",
    )
    assert form.case_code == "K7Q-39M"
    assert sorted(form.concerns) == ["mental.sleep", "study.exam"] and sorted(form.keywords) == ["失眠", "考研"]
    assert record.editable and record.counselor == "C001"


def test_identifiers_are_hidden_in_every_free_text_field(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        result = service.save(
            a_call(
                notes="电话 138 1234 5678，邮箱 a.b@example.com", summary="加微信：wx_abc123", keywords=["13912345678"]
            )
        )
        form = service.get(result.call_id).form
    assert result.hidden == {"mobile": 2, "email": 1, "wechat": 1}
    stored = form.notes + form.summary + "".join(form.keywords)
    for fragment in ("1234", "5678", "example.com", "wx_abc123", "13912345678"):
        assert fragment not in stored


def test_notes_that_are_nothing_but_identifiers_become_placeholders(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        notes = service.get(service.save(a_call(notes="13812345678 11010519491231002X")).call_id).form.notes
    assert notes == "〔手机号〕 〔身份证号〕"


def test_nothing_filled_says_kind_and_times_are_required(team, paths):
    with as_(paths, "C001", "counselor-1") as me, pytest.raises(BadInput) as failure:
        CallService(me).save(CallInput())
    assert "Choose the call kind." in str(failure.value) and "no start time" in str(failure.value)


def test_end_before_start_is_refused(team, paths):
    with as_(paths, "C001", "counselor-1") as me, pytest.raises(BadInput, match="ends before it starts"):
        CallService(me).save(a_call(ended_at=NOW - timedelta(hours=2)))


def test_a_200000_character_note_saves_and_one_more_is_refused(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        long_note = ("情绪低落，睡眠差。" * 25_000)[:200_000]
        call_id = service.save(a_call(notes=long_note)).call_id
        assert len(service.get(call_id).form.notes) == 200_000
        with pytest.raises(BadInput, match="200,000"):
            service.save(a_call(notes=long_note + "多"))


def test_pasted_control_characters_are_dropped_and_emoji_kept(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        notes = service.get(service.save(a_call(notes="第一行\x00\x07\r\n第二行\t😢👍🏽")).call_id).form.notes
    assert notes == "第一行\n第二行\t😢👍🏽"


@pytest.mark.parametrize("moment", AT_BOUNDARIES, ids=BOUNDARY_IDS)
def test_counselors_see_their_own_calls_and_the_current_shifts_and_leads_see_all(team, paths, seat_clock, moment):
    now = seat_clock(moment)()  # which shift is current depends on the clock: pinned, at and near a change
    yesterday = dict(started_at=now - timedelta(days=1, minutes=40), ended_at=now - timedelta(days=1))
    with as_(paths, "C001", "counselor-1") as one:
        mine = CallService(one).save(a_call(**yesterday)).call_id
        in_this_shift = dict(started_at=max(auto_window(now)[0], now - timedelta(minutes=40)), ended_at=now)
        this_shift = CallService(one).save(a_call(**in_this_shift)).call_id
    with as_(paths, "C002", "counselor-2") as two:
        service = CallService(two)
        own = service.save(a_call(**yesterday)).call_id
        assert {row.id for row in service.list_calls(CallFilter())} == {own, this_shift}
        assert service.count_calls(CallFilter(mine_only=True)) == 1
        assert service.get(this_shift).counselor == "C001"
        with pytest.raises(NotPermitted):
            service.get(mine)  # a colleague's call of an earlier shift
    with as_(paths, "L001", "lead-pass-1") as lead:
        service = CallService(lead)
        assert service.count_calls(CallFilter()) == 3
        record = service.get(mine)
        assert not record.editable
        assert lead.audit.entries(limit=1)[0].action == "call.viewed"


def test_edit_for_24_hours_then_only_amendments(team, paths, monkeypatch):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        call_id = service.save(a_call()).call_id
        service.save(a_call(summary="改过的摘要"), call_id)
        assert service.get(call_id).form.summary == "改过的摘要"
        monkeypatch.setattr(calls_module, "utc_now", lambda: datetime.now(UTC) + timedelta(hours=25))
        assert not service.get(call_id).editable
        with pytest.raises(NotPermitted, match="amendment"):
            service.save(a_call(summary="太晚了"), call_id)
        service.add_amendment(call_id, "补充：来电者之后又打来，号码13812345678")
        amendment = service.get(call_id).amendments[0]
    assert amendment.author == "C001" and "13812345678" not in amendment.text


def test_save_edit_and_amendment_are_audited(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        call_id = service.save(a_call()).call_id
        service.save(a_call(), call_id)
        service.add_amendment(call_id, "补充")
        actions = [(e.action, e.object) for e in reversed(me.audit.entries(limit=3))]
    assert actions == [
        ("call.saved", f"call:{call_id}"),
        ("call.edited", f"call:{call_id}"),
        ("call.amended", f"call:{call_id}"),
    ]


def test_filters_and_search(team, paths):
    with as_(paths, "L001", "lead-pass-1") as lead:
        service = CallService(lead)
        service.save(a_call())
        service.save(a_call(kind="silent", concerns=[], notes="", summary="", keywords=[]))
        service.save(
            a_call(
                concerns=["family.conflict"],
                notes="和父母吵架，焦虑。",
                summary="家庭冲突",
                started_at=NOW - timedelta(days=3),
                ended_at=NOW - timedelta(days=3) + timedelta(minutes=30),
            )
        )
        count = service.count_calls
        assert count(CallFilter()) == 3
        assert count(CallFilter(kind="silent")) == 1
        assert count(CallFilter(concern="study.exam")) == 1
        assert count(CallFilter(concern="family")) == 1
        assert count(CallFilter(text="失眠")) == 1
        assert count(CallFilter(text="焦虑")) == 1
        assert count(CallFilter(text="考研压力")) == 1
        assert count(CallFilter(text="父母 焦虑")) == 1
        assert count(CallFilter(text="抑郁")) == 0
        today = seat_time(NOW - timedelta(minutes=40)).date()  # the seat day of the two recent calls
        assert count(CallFilter(date_from=today, date_to=today)) >= 2
        assert count(CallFilter(mine_only=True)) == 3
        three_days_ago, recent = (
            seat_time(NOW - timedelta(days=3)).date(),
            seat_time(NOW - timedelta(minutes=40)).date(),
        )
        assert count(CallFilter(text="焦虑", date_from=three_days_ago, date_to=three_days_ago)) == 1
        assert count(CallFilter(text="焦虑", date_from=recent, date_to=recent)) == 0
        assert count(CallFilter(text="失眠", date_from=recent, date_to=recent)) == 1
        assert count(CallFilter(text="失眠", date_from=recent + timedelta(days=2))) == 0  # an empty window
        rows = service.list_calls(CallFilter(), 0, 2)
        assert len(rows) == 2 and rows[0].started_at >= rows[1].started_at


def test_case_code_history_shows_earlier_calls_without_notes(team, paths):
    code = new_case_code()
    assert normalize_case_code(code) == code
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        service.save(a_call(case_code=code, started_at=NOW - timedelta(days=7), ended_at=NOW - timedelta(days=7)))
        service.save(a_call(case_code=code, concerns=["family.conflict"]))
    with as_(paths, "C002", "counselor-2") as other:
        visits = CallService(other).case_history(code.lower().replace("-", ""))
    assert [v.concerns for v in visits] == [("mental.sleep", "study.exam"), ("family.conflict",)]
    assert visits[0].started_at < visits[1].started_at


def test_drafts_are_per_counselor_and_hold_no_identifier(team, paths):
    with as_(paths, "C001", "counselor-1") as one:
        CallService(one).save_draft(a_call(notes="草稿 13812345678"))
    with as_(paths, "C002", "counselor-2") as two:
        assert CallService(two).load_draft() is None
    with as_(paths, "C001", "counselor-1") as one:
        service = CallService(one)
        draft = service.load_draft()
        assert draft.form.notes == "草稿 〔手机号〕" and sorted(draft.form.concerns) == ["mental.sleep", "study.exam"]
        service.save(draft.form)
        assert service.load_draft() is None


DRAFT_THEN_KILL = """
import os, signal, sys
from datetime import datetime, UTC
import keyring
from desktop.config import SeatPaths
from desktop.seat import Seat
from desktop.shift_window import auto_window
from desktop.calls import CallInput, CallService
keyring.set_keyring(keyring.backends.fail.Keyring())
session = Seat(SeatPaths(sys.argv[1])).login("A001", "admin-pass-1")
CallService(session).save_draft(CallInput(kind="counselling", started_at=datetime.now(UTC), notes="未保存的记录"))
print("draft saved", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_draft_survives_kill_9(no_keyring, paths):
    import keyring.backends.fail  # noqa: F401 - the child uses it too

    Seat.init(paths, "席位", "A001", "管理员", "admin-pass-1")[0].close()
    child = subprocess.run(
        [sys.executable, "-c", "import keyring.backends.fail\n" + DRAFT_THEN_KILL, str(paths.home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL and "draft saved" in child.stdout, child.stderr
    with Seat(paths).login("A001", "admin-pass-1") as session:
        assert CallService(session).load_draft().form.notes == "未保存的记录"


def test_a_long_operation_holding_the_database_gives_a_clear_message_and_loses_nothing(team, paths):
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        me.store.execute("PRAGMA busy_timeout = 200")
        other = connect(paths.database, me.key)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseBusy, match="busy"):
                service.save(a_call())
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert service.save(a_call()).call_id
        assert service.count_calls(CallFilter()) == 1


def test_a_capped_count_stops_early_and_says_more(team):
    service = CallService(team)
    for _ in range(5):
        service.save(a_call())
    assert service.count_calls(CallFilter()) == 5
    assert service.count_calls(CallFilter(), at_most=10) == 5
    assert service.count_calls(CallFilter(), at_most=3) == 4  # more than 3
    assert service.count_calls(CallFilter(kind="silent"), at_most=3) == 0


def test_both_plans_of_a_filtered_page_give_the_same_calls(team, monkeypatch):
    import desktop.calls

    service = CallService(team)
    for n in range(12):
        start = NOW - timedelta(days=5 * n, hours=1)  # sixty days of calls, so a word search widens its stretch
        concerns = ["family.conflict"] if n % 3 else ["study.exam", "mental.sleep"]
        follow_ups = [FollowUpInput(NOW + timedelta(hours=1))] if n % 4 == 0 else []
        notes = "和父母吵架，焦虑。" if n % 2 else "考研压力大，失眠。"
        service.save(
            a_call(started_at=start, ended_at=start + timedelta(minutes=20), concerns=concerns, notes=notes,
                   follow_ups=follow_ups)
        )  # fmt: skip
    filters = [
        CallFilter(concern="family.conflict"),
        CallFilter(concern="mental"),
        CallFilter(follow_up_due=True),
        CallFilter(text="焦虑"),
        CallFilter(text="失眠", concern="study"),
        CallFilter(text="焦虑", date_to=seat_time(NOW - timedelta(days=20)).date()),
    ]

    def read(page):
        return [[r.id for r in service.list_calls(f, *page)] for f in filters], [
            service.count_calls(f, at_most) for f in filters for at_most in (1, 2, 5, 100)
        ]

    for page in ((0, 3), (3, 3), (0, 100)):
        few = read(page)  # from the matches
        monkeypatch.setattr(desktop.calls, "PLAN_THRESHOLD", 1)
        monkeypatch.setattr(desktop.calls, "SEARCH_SPAN", timedelta(days=2))
        many = read(page)  # along the time index, word searches over a widening stretch
        monkeypatch.undo()
        assert few == many
        if page == (0, 100):
            assert [len(ids) for ids in few[0]] == [8, 4, 3, 6, 4, 4]  # every summary says 失眠


def test_a_leads_supervision_flag_reaches_leads_and_admins_but_not_counselors(team, paths):
    from desktop.supervision import SupervisionService

    with as_(paths, "C001", "counselor-1") as one:
        call_id = CallService(one).save(a_call()).call_id
    with as_(paths, "L001", "lead-pass-1") as lead:
        SupervisionService(lead).flag(call_id)
        assert [c.supervision_flag for c in CallService(lead).list_calls(CallFilter())] == [True]
    assert [c.supervision_flag for c in CallService(team).list_calls(CallFilter())] == [True]  # the admin
    with as_(paths, "C001", "counselor-1") as one:
        assert [c.supervision_flag for c in CallService(one).list_calls(CallFilter())] == [False]


def test_the_risk_filter_tells_not_assessed_from_no_risk(team, paths):
    """未评估 is its own entry: a silent call nobody assessed is never found under "no risk"."""
    with as_(paths, "L001", "lead-pass-1") as lead:
        service = CallService(lead)
        service.save(a_call(kind="silent", concerns=[], notes="", summary="", keywords=[]))
        service.save(a_call(risk=RiskInput({"ideation_current": False, "distress": 0})))  # assessed: no risk
        service.save(a_call(risk=RiskInput({"plan": True})))  # a plan is ideation: high
        count = service.count_calls
        assert count(CallFilter(risk_level="not_assessed")) == 1
        assert count(CallFilter(risk_level="none")) == 1
        assert count(CallFilter(risk_level="high")) == 1
        silent = service.list_calls(CallFilter(risk_level="not_assessed"), 0, 5)
        assert [row.kind for row in silent] == ["silent"]


def test_the_edit_window_counts_from_the_calls_end_not_from_when_it_was_written(team, paths):
    """A call that ended 25 hours ago is past its edit window even if it was saved (or imported) a minute ago."""
    with as_(paths, "C001", "counselor-1") as me:
        service = CallService(me)
        late = service.save(a_call(started_at=NOW - timedelta(hours=26), ended_at=NOW - timedelta(hours=25))).call_id
        fresh = service.save(a_call()).call_id
        assert not service.get(late).editable
        with pytest.raises(NotPermitted, match="amendment"):
            service.save(a_call(summary="太晚了"), late)
        assert service.get(fresh).editable
