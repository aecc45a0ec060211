"""Retention: free text of calls past the period is shredded for good, codes stay, held calls are kept."""

import json
from datetime import UTC, datetime, timedelta

import pytest

import desktop.retention as retention
from desktop.accounts import AccountService
from desktop.call_model import CallFilter, CallInput, CrisisActionInput, FollowUpInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.clock import seat_zone
from desktop.errors import BadInput, NotPermitted
from desktop.followups import FollowUpService
from desktop.retention import (
    DEFAULT_DAYS,
    MINIMUM_DAYS,
    ShredReport,
    due_for_shredding,
    next_quiet_run,
    retention_days,
    set_legal_hold,
    set_retention_days,
    shred_expired,
)
from desktop.seat import Seat
from desktop.shifts import ShiftService
from desktop.store.store import copy_before_migrating
from desktop.supervision import SupervisionService
from tests.conftest import files_under

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=4 * 365)
MARKER = "SHREDMARKER42"
HELD_MARKER = "HOLDMARKER77"
PLAN = ("warning_signs", "coping", "distractions", "helpers", "professionals", "environment")


def a_call(marker: str, started: datetime, **fields) -> CallInput:
    """A call with a marker in every free-text field, and codes of every kind."""
    values = dict(
        kind="counselling",
        started_at=started,
        ended_at=started + timedelta(minutes=45),
        age_band="25_34",
        gender="female",
        region="110000",
        city=f"海淀{marker}",
        concerns=["suicide.ideation", "work.stress"],
        emotions=["hopelessness"],
        interventions=["safety_planning"],
        keywords=["失眠", marker],
        summary=f"工作压力，{marker}，有轻生念头",
        notes=f"来电者说最近加班很多，{marker}，晚上睡不着，觉得不想活了。",
        risk=RiskInput({"ideation_current": True, "plan": True}, "moderate", f"已有支持{marker}"),
        crisis_actions=[CrisisActionInput("stayed_on_line", started + timedelta(minutes=20), "safe")],
        referrals=[ReferralInput("psychological_outpatient", "soon")],
        follow_ups=[FollowUpInput(started + timedelta(days=1), note=f"回访{marker}")],
        safety_plan={name: f"{name}：{marker}" for name in PLAN},
    )
    values.update(fields)
    return CallInput(**values)


def save_call(session, marker: str, started: datetime = OLD) -> int:
    """Save a call, add an amendment and close its follow-up with an outcome; returns its id."""
    service = CallService(session)
    call_id = service.save(a_call(marker, started)).call_id
    service.add_amendment(call_id, f"补充：{marker}")
    follow_up = session.store.one("SELECT id FROM follow_up WHERE call_id = ?", (call_id,))[0]
    FollowUpService(session).complete(follow_up, f"已回访，{marker}")
    if session.role in ("lead", "admin"):  # supervision notes are a lead's
        SupervisionService(session).add_note(call_id, f"督导意见：{marker}")
    return call_id


def free_text(store, call_id: int) -> dict:
    """Every free-text field of a call as stored."""
    call = store.one("SELECT summary, notes, city FROM call WHERE id = ?", (call_id,))
    plan = store.one(f"SELECT {', '.join(PLAN)} FROM safety_plan WHERE call_id = ?", (call_id,))
    return {
        "call": call,
        "keywords": sorted(r[0] for r in store.rows("SELECT word FROM call_keyword WHERE call_id = ?", (call_id,))),
        "amendments": [r[0] for r in store.rows("SELECT text FROM amendment WHERE call_id = ?", (call_id,))],
        "follow_ups": store.rows("SELECT note, outcome FROM follow_up WHERE call_id = ?", (call_id,)),
        "override": store.one("SELECT override_reason FROM risk_assessment WHERE call_id = ?", (call_id,)),
        "plan": plan,
    }


def codes(store, call_id: int) -> dict:
    return {
        "call": store.one(
            "SELECT kind, age_band, gender, region, risk_level, started_at, ended_at, case_code FROM call WHERE id = ?",
            (call_id,),
        ),
        "concerns": store.rows("SELECT code FROM call_concern WHERE call_id = ? ORDER BY code", (call_id,)),
        "emotions": store.rows("SELECT code FROM call_emotion WHERE call_id = ?", (call_id,)),
        "interventions": store.rows("SELECT code FROM call_intervention WHERE call_id = ?", (call_id,)),
        "risk": store.one(
            "SELECT answers, computed_level, final_level FROM risk_assessment WHERE call_id = ?", (call_id,)
        ),
        "crisis": store.rows("SELECT action, at, outcome FROM crisis_action WHERE call_id = ?", (call_id,)),
        "referrals": store.rows("SELECT kind, urgency, status FROM referral WHERE call_id = ?", (call_id,)),
        "follow_ups": store.rows("SELECT due_at, owner, done_at FROM follow_up WHERE call_id = ?", (call_id,)),
    }


def is_shredded(store, call_id: int) -> bool:
    text = free_text(store, call_id)
    return (
        text["call"] == ("", "", "")
        and text["keywords"] == []
        and set(text["amendments"]) == {""}
        and set(text["follow_ups"]) == {("", "")}
        and text["override"] == ("",)
        and text["plan"] is None
        and store.one("SELECT shredded_at FROM call WHERE id = ?", (call_id,))[0] is not None
    )


def found(session, text: str) -> int:
    return CallService(session).count_calls(CallFilter(text=text))


def tables_holding(store, marker: str) -> set[str]:
    """The tables (FTS shadow tables included) whose decrypted rows hold `marker` in any case."""
    needles = {marker, marker.lower()}
    names = [
        r[0]
        for r in store.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    ]
    holding = set()
    for name in names:
        for row in store.rows(f'SELECT * FROM "{name}"'):
            for value in row:
                text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                if isinstance(text, str) and any(n in text for n in needles):
                    holding.add(name)
    return holding


def files_holding(folder, marker: str) -> list[str]:
    needles = [n.encode(enc) for n in (marker, marker.lower()) for enc in ("utf-8", "utf-16-le")]
    return [p.name for p in files_under(folder) if any(n in p.read_bytes() for n in needles)]


@pytest.fixture
def team(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "王", "counselor", "counselor-1")
    accounts.add("L001", "班长", "lead", "lead-pass-1")
    return session


def test_old_calls_lose_every_free_text_field_and_keep_their_codes(team):
    store = team.store
    old = save_call(team, MARKER)
    held = save_call(team, HELD_MARKER)
    recent = save_call(team, "RECENTMARKER", NOW - timedelta(days=30))
    set_legal_hold(team, held, True)
    codes_before = {call: codes(store, call) for call in (old, held, recent)}
    held_text, recent_text = free_text(store, held), free_text(store, recent)
    assert found(team, MARKER) == 1 and found(team, "加班") == 3
    assert due_for_shredding(store) == 1

    report = shred_expired(team)

    assert report == ShredReport(calls=1, held_skipped=1)
    assert is_shredded(store, old)
    assert {call: codes(store, call) for call in (old, held, recent)} == codes_before
    assert free_text(store, held) == held_text and free_text(store, recent) == recent_text
    assert found(team, MARKER) == 0
    assert found(team, "加班") == 2 and found(team, HELD_MARKER) == 1 and found(team, "RECENTMARKER") == 1
    assert due_for_shredding(store) == 0
    record = CallService(team).get(old)
    assert (record.form.kind, record.risk_level, sorted(record.form.concerns)) == (
        "counselling",
        "moderate",
        ["suicide.ideation", "work.stress"],
    )
    assert record.form.notes == "" and record.form.keywords == [] and record.form.safety_plan == {}


def test_a_shredded_marker_is_found_in_no_table_and_no_file(team, paths):
    store = team.store
    shifts = ShiftService(team)
    shifts.open([], OLD + timedelta(hours=6), now=OLD - timedelta(hours=1))
    save_call(team, MARKER)
    shifts.close(f"交接：{MARKER}", now=OLD + timedelta(hours=2))
    save_call(team, HELD_MARKER, OLD + timedelta(days=1))
    set_legal_hold(team, 2, True)
    store.checkpoint()
    before = tables_holding(store, MARKER)
    tables = {"call", "call_keyword", "amendment", "follow_up", "risk_assessment", "safety_plan", "supervision_note"}
    assert tables | {"shift"} <= before
    assert "notes_fts_data" in before  # the index holds the marker's token, lower-cased

    shred_expired(team)

    assert tables_holding(store, MARKER) == set()
    assert "call" in tables_holding(store, HELD_MARKER)  # the check can see what is there
    assert files_holding(paths.home, MARKER) == []
    assert not store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,))


def test_the_shred_is_audited_as_the_system_with_counts_and_any_role_may_run_it(team, paths):
    save_call(team, MARKER)
    save_call(team, "OTHERMARKER")
    set_legal_hold(team, save_call(team, HELD_MARKER), True)
    with Seat(paths).login("C001", "counselor-1") as counselor:
        assert shred_expired(counselor) == ShredReport(2, 1)
        entry = counselor.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action) == ("system", "retention.shredded")
    assert json.loads(entry.detail) == {"calls": 2, "held": 1, "days": DEFAULT_DAYS}
    assert MARKER not in entry.detail


def test_a_second_run_shreds_nothing_and_writes_no_audit_entry(team):
    call = save_call(team, MARKER)
    assert shred_expired(team).calls == 1
    head = team.audit.head()
    shredded_at = team.store.one("SELECT shredded_at FROM call WHERE id = ?", (call,))
    assert shred_expired(team) == ShredReport(0, 0)
    assert team.audit.head() == head
    assert team.store.one("SELECT shredded_at FROM call WHERE id = ?", (call,)) == shredded_at


def test_an_interrupted_shred_leaves_whole_calls_and_the_next_run_finishes(team, monkeypatch):
    store = team.store
    first, second = save_call(team, MARKER, OLD), save_call(team, "SECONDMARKER", OLD + timedelta(days=1))
    second_text, second_codes = free_text(store, second), codes(store, second)
    real_mark = retention._mark_shredded
    marked = []

    def mark_then_fail(store_, call_id, at):
        real_mark(store_, call_id, at)  # every statement of the call has run inside its transaction
        marked.append(call_id)
        if len(marked) == 2:
            raise RuntimeError("power cut")

    monkeypatch.setattr(retention, "_mark_shredded", mark_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        shred_expired(team, batch=1)
    monkeypatch.undo()

    assert is_shredded(store, first)
    assert free_text(store, second) == second_text and codes(store, second) == second_codes
    assert store.one("SELECT shredded_at FROM call WHERE id = ?", (second,)) == (None,)
    assert found(team, "SECONDMARKER") == 1 and found(team, MARKER) == 0
    entry = team.audit.entries(limit=1)[0]
    assert entry.action == "retention.shredded" and json.loads(entry.detail)["interrupted"] is True
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) == ("1",)

    assert shred_expired(team) == ShredReport(1, 0)
    assert is_shredded(store, second) and found(team, "SECONDMARKER") == 0
    assert tables_holding(store, "SECONDMARKER") == set() and tables_holding(store, MARKER) == set()
    assert shred_expired(team) == ShredReport(0, 0)


def test_a_wipe_left_pending_is_finished_even_when_nothing_is_due(team):
    store = team.store
    store.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (retention.WIPE_PENDING,))
    assert shred_expired(team) == ShredReport(0, 0)
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None


def test_retention_below_three_years_is_refused_and_a_longer_one_is_kept(team, paths):
    store = team.store
    assert retention_days(store) == DEFAULT_DAYS == MINIMUM_DAYS == 1095
    with pytest.raises(BadInput, match="at least 1095 days"):
        set_retention_days(team, 1094)
    with pytest.raises(BadInput):
        set_retention_days(team, "2000")
    assert retention_days(store) == 1095
    set_retention_days(team, 2000)
    assert retention_days(store) == 2000
    entry = team.audit.entries(limit=1)[0]
    assert (entry.action, entry.object, json.loads(entry.detail)) == (
        "setting.changed",
        "retention_days",
        {"from": 1095, "to": 2000},
    )
    save_call(team, MARKER)  # four years old: inside a 2000-day period
    assert due_for_shredding(store) == 0
    assert due_for_shredding(store, now=NOW + timedelta(days=600)) == 1
    assert shred_expired(team) == ShredReport(0, 0)
    with Seat(paths).login("L001", "lead-pass-1") as lead, pytest.raises(NotPermitted):
        set_retention_days(lead, 3000)


def test_a_tampered_setting_never_shortens_the_period(team):
    team.store.execute("INSERT INTO setting (key, value) VALUES ('retention_days', '30')")
    assert retention_days(team.store) == MINIMUM_DAYS
    team.store.execute("UPDATE setting SET value = 'soon' WHERE key = 'retention_days'")
    assert retention_days(team.store) == DEFAULT_DAYS


def test_a_huge_period_means_nothing_is_ever_due(team):
    save_call(team, MARKER)
    set_retention_days(team, 10**8)
    assert due_for_shredding(team.store) == 0 and shred_expired(team).calls == 0


def test_legal_hold_is_for_leads_and_admins_and_audited(team, paths):
    call = save_call(team, MARKER)
    with Seat(paths).login("C001", "counselor-1") as counselor, pytest.raises(NotPermitted):
        set_legal_hold(counselor, call, True)
    with Seat(paths).login("L001", "lead-pass-1") as lead:
        set_legal_hold(lead, call, True)
        entry = lead.audit.entries(limit=1)[0]
        with pytest.raises(BadInput):
            set_legal_hold(lead, 999, True)
    assert (entry.actor, entry.action, entry.object, json.loads(entry.detail)) == (
        "L001",
        "call.legal_hold",
        f"call:{call}",
        {"held": True},
    )
    assert shred_expired(team) == ShredReport(0, 1)
    set_legal_hold(team, call, False)
    assert due_for_shredding(team.store) == 1
    assert shred_expired(team) == ShredReport(1, 0) and is_shredded(team.store, call)


def test_calls_are_shredded_in_batches(team):
    calls = [CallService(team).save(a_call(f"M{i}", OLD + timedelta(hours=i))).call_id for i in range(5)]
    assert shred_expired(team, batch=2).calls == 5
    assert all(team.store.one("SELECT shredded_at FROM call WHERE id = ?", (c,))[0] for c in calls)


def test_a_draft_of_a_shredded_call_goes_with_its_text(team):
    call = save_call(team, MARKER)
    CallService(team).save_draft(a_call(MARKER, OLD), call_id=call)
    shred_expired(team)
    assert team.store.one("SELECT count(*) FROM draft") == (0,)


def test_a_run_without_the_clean_up_leaves_it_pending_and_the_next_run_does_it(team):
    store = team.store
    old = save_call(team, MARKER)
    assert shred_expired(team, wipe=False) == ShredReport(1, 0, wipe_pending=True)
    assert is_shredded(store, old)
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) == ("1",)
    assert shred_expired(team, wipe=False) == ShredReport(0, 0, wipe_pending=True)  # still left for later
    assert shred_expired(team) == ShredReport(0, 0)
    assert store.one("SELECT value FROM setting WHERE key = ?", (retention.WIPE_PENDING,)) is None
    assert tables_holding(store, MARKER) == set()


def test_the_daily_run_is_at_the_next_quiet_hour_of_the_seat():
    zone = seat_zone()

    def at(*parts):
        return datetime(*parts, tzinfo=zone)

    assert retention.QUIET_HOUR == 4
    assert next_quiet_run(at(2025, 5, 1, 10, 0)) == at(2025, 5, 2, 4, 0)
    assert next_quiet_run(at(2025, 5, 1, 3, 59, 59)) == at(2025, 5, 1, 4, 0)
    assert next_quiet_run(at(2025, 5, 1, 4, 0)) == at(2025, 5, 2, 4, 0)  # strictly after
    assert next_quiet_run(at(2025, 12, 31, 23, 0)) == at(2026, 1, 1, 4, 0)
    assert next_quiet_run(datetime(2025, 4, 30, 19, 30, tzinfo=UTC)) == at(2025, 5, 1, 4, 0)  # 03:30 in Beijing


def test_copies_taken_before_a_schema_update_are_deleted_after_thirty_days(team, paths):
    """The shred cannot reach the copies in pre-migration/ (each has an older schema), so they go after
    `COPY_KEEP_DAYS`: a copy taken 31 days ago is deleted by the next run and audited with its count only; one
    taken 29 days ago, and a file the program did not write, stay."""
    save_call(team, MARKER, NOW - timedelta(days=10))  # nothing due: the copies go whether or not a call is shredded
    folder = paths.migration_backups
    names = {}
    for days in (31, 29):
        copy = copy_before_migrating(team.store, folder, team.store.schema_version)
        stamp = (NOW - timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
        names[days] = copy.rename(folder / f"seat-schema11-{stamp}.db").name
    (folder / "read-me.txt").write_text("kept by hand")

    assert shred_expired(team) == ShredReport(0, 0)

    assert sorted(p.name for p in folder.iterdir()) == sorted([names[29], "read-me.txt"])
    entry = team.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action) == ("system", "retention.copies_removed")
    assert json.loads(entry.detail) == {"copies": 1}
    assert shred_expired(team) == ShredReport(0, 0)  # nothing more is old enough
    assert team.audit.entries(limit=1)[0].seq == entry.seq
