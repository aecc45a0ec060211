"""Shifts: a lead opens and closes them, every call belongs to exactly one, automatic ones fill the gaps."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.accounts import AccountService
from desktop.calls import CallService
from desktop.clock import parse_iso, seat_zone, to_utc_iso
from desktop.errors import BadInput, NotPermitted
from desktop.exchange import import_file
from desktop.seat import Seat
from desktop.shift_window import ShiftPlacer, auto_window, place_calls_without_shift, shift_for
from desktop.shifts import ShiftService
from tests.test_calls import a_call

ZONE = seat_zone()


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


def call_at(session, start: datetime, minutes: int = 30) -> int:
    return CallService(session).save(a_call(started_at=start, ended_at=start + timedelta(minutes=minutes))).call_id


def shift_of(session, call_id: int) -> int:
    return session.store.one("SELECT shift_id FROM call WHERE id = ?", (call_id,))[0]


@pytest.fixture
def team(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "王", "counselor", "counselor-1")
    accounts.add("L001", "班长", "lead", "lead-pass-1")
    return session


def as_(paths, code, password):
    return Seat(paths).login(code, password)


def test_automatic_windows_are_eight_hours_from_midnight_seat_time():
    assert auto_window(at(7, 59)) == (at(0), at(8))
    assert auto_window(at(8, 0)) == (at(8), at(16))
    assert auto_window(at(23, 30)) == (at(16), at(0, day=11))
    assert auto_window(datetime(2026, 3, 10, 0, 30, tzinfo=UTC)) == (at(8), at(16))  # 08:30 in Beijing


def test_calls_with_no_open_shift_share_the_automatic_shift_of_their_window(team):
    first, second, later = call_at(team, at(9)), call_at(team, at(15)), call_at(team, at(16, 5))
    assert shift_of(team, first) == shift_of(team, second) != shift_of(team, later)
    shift = ShiftService(team).get(shift_of(team, first))
    assert shift.automatic and shift.lead is None and (shift.started_at, shift.ended_at) == (at(8), at(16))
    assert team.store.one("SELECT count(*) FROM call WHERE shift_id IS NULL")[0] == 0


def test_a_lead_opens_a_shift_its_calls_belong_to_it_and_closing_hands_over(team, paths):
    opened_at = datetime.now(UTC) - timedelta(hours=2)
    with as_(paths, "L001", "lead-pass-1") as lead:
        shifts = ShiftService(lead)
        shift = shifts.open(["C001", " C001", "C002"], opened_at + timedelta(hours=8), now=opened_at)
        assert (shift.lead, shift.counselors, shift.is_open) == ("L001", ("C001", "C002"), True)
        assert shifts.open_shift() == shift
    before = call_at(team, opened_at - timedelta(minutes=45))
    during = call_at(team, opened_at + timedelta(minutes=10))
    assert shift_of(team, during) == shift.id != shift_of(team, before)
    with as_(paths, "L001", "lead-pass-1") as lead:
        hidden = ShiftService(lead).set_note(shift.id, "C001 接了两个高危来电，回访已安排；家属电话 13812345678。")
        closed = ShiftService(lead).close()
        assert hidden == {"mobile": 1} and not closed.is_open and closed.ended_at >= opened_at
        assert "13812345678" not in closed.handover_note and "高危" in closed.handover_note
        assert [e.action for e in lead.audit.entries(limit=3)] == ["shift.closed", "shift.note_written", "login.ok"]
    after = call_at(team, datetime.now(UTC), minutes=0)  # started after the close
    assert shift_of(team, after) != shift.id and ShiftService(team).get(shift_of(team, after)).automatic


def test_only_one_shift_is_open_and_only_leads_and_admins_open_or_close(team, paths):
    end = datetime.now(UTC) + timedelta(hours=8)
    with as_(paths, "C001", "counselor-1") as counselor:
        with pytest.raises(NotPermitted):
            ShiftService(counselor).open(["C001"], end)
        with pytest.raises(NotPermitted):
            ShiftService(counselor).close("")
    ShiftService(team).open(["C001"], end)
    with as_(paths, "L001", "lead-pass-1") as lead, pytest.raises(BadInput, match="still open"):
        ShiftService(lead).open(["C001"], end)


@pytest.mark.parametrize(("hours", "says"), [(-1, "later than now"), (0, "later than now"), (30, "at most 24 hours")])
def test_a_planned_end_in_the_past_or_too_far_is_refused(team, hours, says):
    now = datetime.now(UTC)
    with pytest.raises(BadInput, match=says):
        ShiftService(team).open(["C001"], now + timedelta(hours=hours), now=now)
    assert ShiftService(team).open_shift() is None


def test_bad_staff_codes_on_duty_are_refused(team):
    with pytest.raises(BadInput):
        ShiftService(team).open(["not a code!"], datetime.now(UTC) + timedelta(hours=8))


def test_a_20000_character_handover_note_is_kept_and_an_endless_one_refused(team):
    shift = ShiftService(team).open([], datetime.now(UTC) + timedelta(hours=8))
    note = ("交接：注意回访。" * 2500)[:20_000]
    ShiftService(team).set_note(shift.id, note)
    assert ShiftService(team).get(shift.id).handover_note == note
    with pytest.raises(BadInput, match="under 50,000"):
        ShiftService(team).set_note(shift.id, "字" * 50_001)
    assert ShiftService(team).get(shift.id).handover_note == note


def test_closing_with_no_open_shift_says_so(team):
    with pytest.raises(BadInput, match="No shift is open"):
        ShiftService(team).close("note")


def test_calls_saved_before_the_seat_knew_shifts_are_placed_when_it_opens(team, paths):
    calls = [call_at(team, at(9)), call_at(team, at(17))]
    team.store.execute("UPDATE call SET shift_id = NULL")
    team.store.execute("DELETE FROM shift")
    assert place_calls_without_shift(team.store, batch=1) == 2
    assert len({shift_of(team, c) for c in calls}) == 2
    team.store.execute("UPDATE call SET shift_id = NULL")
    with as_(paths, "L001", "lead-pass-1") as lead:  # opening the seat places them
        assert lead.store.one("SELECT count(*) FROM call WHERE shift_id IS NULL")[0] == 0


def test_counselors_on_duty_who_took_no_call_are_in_the_workload(team, paths):
    """Exactly who a lead asks about: C002 is on duty and has taken no call yet."""
    from desktop.reports.handover_data import gather
    from desktop.wellbeing import shift_workloads

    AccountService(team).add("C002", "李", "counselor", "counselor-2")
    opened_at = datetime.now(UTC) - timedelta(hours=2)
    with as_(paths, "L001", "lead-pass-1") as lead:
        shift = ShiftService(lead).open(["C001", "C002"], opened_at + timedelta(hours=8), now=opened_at)
    with as_(paths, "C001", "counselor-1") as me:
        CallService(me).save(a_call())
    with as_(paths, "L001", "lead-pass-1") as lead:
        loads = shift_workloads(lead.store, shift.id)
        assert [(w.counselor, w.calls) for w in loads] == [("C001", 1), ("C002", 0)]
        handover = gather(lead, shift.id)
        assert [(w.counselor, w.calls) for w in handover.workload] == [("C001", 1), ("C002", 0)]


def test_an_import_places_each_call_in_the_shift_that_covers_its_start(team, tmp_path):
    """Import places its calls with a ShiftPlacer (a query per window, not two per call): a lead's shift
    that covers part of an automatic window takes exactly the calls it covers, and an open one everything
    after its start."""
    store = team.store
    with store.transaction():
        closed = store.execute(
            "INSERT INTO shift (lead, started_at, ended_at, automatic, created_at) VALUES ('L001', ?, ?, 0, ?)",
            (to_utc_iso(at(10, 30)), to_utc_iso(at(12)), to_utc_iso(at(10, 30))),
        ).lastrowid
        still_open = store.execute(
            "INSERT INTO shift (lead, started_at, ended_at, automatic, created_at) VALUES ('L001', ?, NULL, 0, ?)",
            (to_utc_iso(at(20)), to_utc_iso(at(20))),
        ).lastrowid
    starts = [at(9), at(10, 29), at(10, 30), at(11, 59), at(12), at(17), at(20), at(23, 50), at(3, day=11)]
    lines = [
        {"started_at": s.isoformat(), "ended_at": (s + timedelta(minutes=5)).isoformat(), "kind": "silent",
         "summary": f"第{n}个"}
        for n, s in enumerate(starts)
    ]  # fmt: skip
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    import_file(team, path)
    shift_of_start = {
        parse_iso(started): shift
        for started, shift in store.rows("SELECT started_at, shift_id FROM call ORDER BY started_at")
    }
    placed = [shift_of_start[s] for s in starts]
    morning, evening = placed[0], placed[5]
    assert placed == [morning, morning, closed, closed, morning, evening, still_open, still_open, still_open]
    for shift_id, window in ((morning, (at(8), at(16))), (evening, (at(16), at(0, day=11)))):
        shift = ShiftService(team).get(shift_id)
        assert shift.automatic and (shift.started_at, shift.ended_at) == window


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    shifts=st.lists(st.tuples(st.integers(0, 96), st.integers(1, 20)), max_size=4),
    open_from=st.one_of(st.none(), st.integers(0, 96)),
    calls=st.lists(st.integers(0, 120 * 60), min_size=1, max_size=12),
)
def test_the_import_placer_agrees_with_placing_one_call_at_a_time(team, shifts, open_from, calls):
    """For any lead's shifts (closed ones and at most one open, from half hours of a day) and call starts
    (minutes), the placer gives every call the shift that `shift_for`, which asks the database for each
    call, gives."""
    store = team.store
    base = at(0, day=2)
    with store.transaction():
        store.execute("UPDATE call SET shift_id = NULL")
        store.execute("DELETE FROM shift")
        for start, hours in [*shifts, *([(open_from, None)] if open_from is not None else [])]:
            opened = base + timedelta(minutes=30 * start)
            ended = to_utc_iso(opened + timedelta(hours=hours)) if hours else None
            store.execute(
                "INSERT INTO shift (lead, started_at, ended_at, automatic, created_at) VALUES ('L001', ?, ?, 0, ?)",
                (to_utc_iso(opened), ended, to_utc_iso(opened)),
            )
    moments = [base + timedelta(minutes=m) for m in calls]
    with store.transaction():
        placer = ShiftPlacer(store)
        by_placer = [placer(m) for m in moments]
        by_query = [shift_for(store, m) for m in moments]
    assert by_placer == by_query
