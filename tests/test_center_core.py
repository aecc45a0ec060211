"""The centre's core against a real PostgreSQL (tests/centre_pg.py): what a seat shares and nothing more, sealed
free text, the outbox in the save's own transaction, idempotent pushes, the witness, centre statistics."""

import json
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from desktop.call_model import CallInput, CrisisActionInput, FollowUpInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.center import enrol, link, seal, share, sync
from desktop.center.connect import WitnessRefused
from desktop.errors import StorageError
from desktop.followups import FollowUpService
from desktop.reports import statistics
from desktop.retention import shred_expired
from desktop.shifts import ShiftService
from desktop.supervision import SupervisionService
from desktop.verify import verify_seat
from tests.center_helpers import ADMIN, PASSWORD, START, make_seat, save_calls

MARKERS = {
    "notes": "甲乙丙NOTESMARKER",
    "keyword": "KEYWORDMARKER",
    "amendment": "AMENDMARKER补记",
    "city": "CITYMARKER市",
    "safety": "SAFETYMARKER计划",
    "supervision": "SUPERVISIONMARKER督导",
    "override": "OVERRIDEMARKER理由",
}
SEALED = {"summary": "SUMMARYMARKER摘要", "follow_up": "FOLLOWMARKER随访", "handover": "HANDOVERMARKER交班"}


@pytest.fixture
def seat_a(tmp_path, pg):
    session = make_seat(tmp_path / "a", "席位A")
    yield session
    if session.key:
        session.close()


def centre(pg, sql: str, params=None):
    with psycopg.connect(pg.superuser_dsn(pg.db), autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def full_call(session) -> int:
    form = CallInput(
        kind="counselling",
        started_at=START,
        ended_at=START + timedelta(minutes=40),
        age_band="25_34",
        gender="male",
        region="310000",
        city=MARKERS["city"],
        case_code="K7Q-39M",
        concerns=["suicide.ideation"],
        emotions=["hopelessness"],
        interventions=["safety_planning"],
        keywords=[MARKERS["keyword"]],
        summary=SEALED["summary"],
        notes=MARKERS["notes"],
        risk=RiskInput(answers={"ideation_current": True}, override_level="high", override_reason=MARKERS["override"]),
        crisis_actions=[CrisisActionInput("stayed_on_line", START + timedelta(minutes=5), "safe")],
        referrals=[ReferralInput("psychiatric_outpatient", "soon")],
        follow_ups=[FollowUpInput(START + timedelta(days=1), ADMIN, SEALED["follow_up"])],
        safety_plan={"coping": MARKERS["safety"]},
    )
    call_id = CallService(session).save(form).call_id
    CallService(session).add_amendment(call_id, MARKERS["amendment"])
    SupervisionService(session).add_note(call_id, MARKERS["supervision"])
    return call_id


def test_the_centre_gets_exactly_the_shared_fields_and_no_word_of_what_stays(seat_a, pg):
    call_id = full_call(seat_a)
    shifts = ShiftService(seat_a)
    shifts.open([ADMIN], datetime.now(UTC) + timedelta(hours=8))
    shifts.close(SEALED["handover"])
    seat_text = "\n".join(
        str(r)
        for t in (
            "call",
            "amendment",
            "safety_plan",
            "supervision_note",
            "shift",
            "call_keyword",
            "risk_assessment",
            "follow_up",
        )
        for r in seat_a.store.rows(f"SELECT * FROM {t}")
    )
    for marker in (*MARKERS.values(), *SEALED.values()):  # the guard kept them: they are really on the seat
        assert marker in seat_text, marker
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    record = share.call_record(seat_a.store, call_id, link.active(seat_a.store).data_key, 1)
    assert tuple(record) == share.CALL_FIELDS
    sync.sync(seat_a.store)

    dump = pg.pg_dump(pg.db)
    tables = [r[0] for r in centre(pg, "SELECT tablename FROM pg_tables WHERE schemaname = 'center'")]
    rows = "\n".join(str(r) for t in tables for r in centre(pg, f"SELECT t::text FROM center.{t} t"))
    assert "K7Q-39M" in rows and "suicide.ideation" in dump  # codes stay plain for counting
    for marker in (*MARKERS.values(), *SEALED.values()):
        for text in (rows, dump):
            assert marker not in text and marker.encode().hex() not in text, marker
    summary = centre(pg, "SELECT uuid::text, summary FROM center.call")[0]
    key = link.active(seat_a.store).data_key
    assert seal.unseal(key, "call", summary[0], "summary", summary[1]) == SEALED["summary"]


def test_a_sealed_value_moved_to_another_row_or_column_does_not_open():
    key = seal.new_data_key()
    sealed = seal.seal(key, "call", "row-1", "summary", "摘要")
    assert seal.unseal(key, "call", "row-1", "summary", sealed) == "摘要"
    for place in (("call", "row-2", "summary"), ("follow_up", "row-1", "summary"), ("call", "row-1", "note")):
        with pytest.raises(seal.SealError):
            seal.unseal(key, *place, sealed)
    with pytest.raises(seal.SealError):
        seal.unseal(seal.new_data_key(), "call", "row-1", "summary", sealed)


def test_an_island_seat_queues_nothing_and_enrolment_queues_every_call(seat_a, pg):
    save_calls(seat_a, 3)
    assert link.backlog(seat_a.store).pending == 0
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    assert link.backlog(seat_a.store).pending == 3 + seat_a.store.one("SELECT count(*) FROM shift")[0]
    assert seat_a.store.one("SELECT count(*) FROM call WHERE uuid IS NULL")[0] == 0


def test_every_change_queues_in_its_own_transaction_or_not_at_all(seat_a, pg, monkeypatch):
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    sync.sync(seat_a.store)
    assert link.backlog(seat_a.store).pending == 0
    [call_id] = save_calls(seat_a, 1, follow_ups=[FollowUpInput(START + timedelta(days=1), ADMIN)])
    version = seat_a.store.one("SELECT version FROM outbox WHERE kind = 'call' AND local_id = ?", (call_id,))[0]
    sync.sync(seat_a.store)
    changes = (
        lambda: CallService(seat_a).add_amendment(call_id, "补记"),
        lambda: FollowUpService(seat_a).complete(seat_a.store.one("SELECT id FROM follow_up")[0], "已联系"),
        lambda: SupervisionService(seat_a).flag(call_id),
    )
    for change in changes:
        change()
        row = seat_a.store.one("SELECT version FROM outbox WHERE kind = 'call' AND local_id = ?", (call_id,))
        assert row and row[0] > version
        version = row[0]
        sync.sync(seat_a.store)
    # a save that fails leaves no outbox entry behind
    service = CallService(seat_a)
    monkeypatch.setattr(service, "_replace_codes", lambda *a: (_ for _ in ()).throw(StorageError("disk full")))
    with pytest.raises(StorageError):
        save_calls_with(service)
    assert link.backlog(seat_a.store).pending == 0
    # a retention shred removes the summary at the centre too
    seat_a.store.execute("UPDATE call SET summary = 'x摘要x' WHERE id = ?", (call_id,))
    sync.sync(seat_a.store)
    assert centre(pg, "SELECT summary IS NOT NULL FROM center.call")[0][0]
    shred_expired(seat_a, now=START + timedelta(days=365 * 4), wipe=False)
    sync.sync(seat_a.store)
    assert centre(pg, "SELECT summary IS NULL FROM center.call")[0][0]


def save_calls_with(service: CallService) -> None:
    service.save(CallInput(kind="silent", started_at=START, ended_at=START + timedelta(minutes=1)))


def test_a_repeated_reordered_or_half_finished_push_changes_nothing(seat_a, pg):
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    save_calls(seat_a, 5, summary="初版")
    key = link.active(seat_a.store).data_key
    first = [share.call_record(seat_a.store, i, key, 100 + i) for i in range(1, 6)]
    with sync.open_link(link.active(seat_a.store)) as conn:
        with conn.transaction():
            conn.execute("SELECT center.push_calls(%s::jsonb)", (json.dumps(first),))
        snapshot = centre(pg, "SELECT uuid, version, kind, summary FROM center.call ORDER BY uuid")
        received = centre(pg, "SELECT max(received_at) FROM center.call")
        with conn.transaction():  # the same push again
            assert conn.execute("SELECT center.push_calls(%s::jsonb)", (json.dumps(first),)).fetchone()[0] == 0
        older = [dict(r, version=r["version"] - 50, kind="silent") for r in reversed(first)]
        with conn.transaction():  # older versions, in another order
            assert conn.execute("SELECT center.push_calls(%s::jsonb)", (json.dumps(older),)).fetchone()[0] == 0
        newer = [dict(r, version=r["version"] + 50, kind="harassment") for r in first]
        with pytest.raises(psycopg.errors.DivisionByZero), conn.transaction():  # cut off half-way
            conn.execute("SELECT center.push_calls(%s::jsonb)", (json.dumps(newer[:3]),))
            conn.execute("SELECT 1 / 0")
        conn.rollback()
    assert centre(pg, "SELECT uuid, version, kind, summary FROM center.call ORDER BY uuid") == snapshot
    assert centre(pg, "SELECT max(received_at) FROM center.call") == received
    assert centre(pg, "SELECT count(*) FROM center.call")[0][0] == 5


def test_an_entry_leaves_the_outbox_only_after_the_centre_committed(seat_a, pg, monkeypatch):
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    save_calls(seat_a, 5)
    waiting = link.backlog(seat_a.store).pending
    original = sync._forget_sent

    def crash_after_commit(store, rows):
        raise KeyboardInterrupt  # the seat dies between the centre's commit and forgetting the rows

    monkeypatch.setattr(sync, "_forget_sent", crash_after_commit)
    with pytest.raises(KeyboardInterrupt):
        sync.sync(seat_a.store, batch=2)
    assert link.backlog(seat_a.store).pending == waiting
    monkeypatch.setattr(sync, "_forget_sent", original)
    result = sync.sync(seat_a.store, batch=2)
    assert result.pending == 0 and result.sent == waiting
    assert centre(pg, "SELECT count(*) FROM center.call")[0][0] == 5


def test_a_record_changed_during_a_push_stays_queued_with_its_new_version(seat_a, pg, monkeypatch):
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    [call_id] = save_calls(seat_a, 1)
    original = sync._forget_sent

    def edit_then_forget(store, rows):
        SupervisionService(seat_a).flag(call_id)  # a change lands after the read, before the outbox is cleared
        original(store, rows)

    monkeypatch.setattr(sync, "_forget_sent", edit_then_forget)
    sync.push(sync.open_link(link.active(seat_a.store)), seat_a.store, link.active(seat_a.store).data_key, 50, 1)
    assert seat_a.store.one("SELECT count(*) FROM outbox WHERE local_id = ? AND kind = 'call'", (call_id,))[0] == 1
    monkeypatch.setattr(sync, "_forget_sent", original)
    sync.sync(seat_a.store)
    assert centre(pg, "SELECT supervision_flag FROM center.call")[0][0] is True


def assert_sum_of_seats(at_centre: dict, own: list[dict]) -> None:
    """Every key of the centre's statistics is the sum of the seats' own (talk time: its total)."""
    at_centre = dict(at_centre)
    assert at_centre.pop("by_seat") == {
        name: o["calls_total"] for name, o in zip(("席位A", "席位B"), own, strict=True) if o["calls_total"]
    }
    assert at_centre["calls_total"] == sum(o["calls_total"] for o in own)
    for section, value in at_centre.items():
        if section == "talk_time_s":
            assert value["total"] == pytest.approx(sum(o["talk_time_s"]["total"] for o in own))
        elif section == "by_hour":
            assert value == [sum(hours) for hours in zip(*(o["by_hour"] for o in own), strict=True)]
        elif section != "calls_total":
            summed = {k: sum(o[section].get(k, 0) for o in own) for o in own for k in o[section]}
            assert value == dict(sorted(summed.items())) or value == summed, section


def test_the_centre_keeps_its_counts_through_every_change_and_they_agree_with_counting_every_call(tmp_path, pg):
    """The counts kept per hour (centre migration 4) follow edits at the seats: a call moved to another hour and
    day, its kind changed, a crisis action replaced, a referral removed; and they give what counting every call
    gives, in the seat's zone and in a zone that UTC hours cannot cut (India, UTC+5:30)."""
    from desktop.center.stats import _counted_live, center_statistics
    from desktop.reports.stats import _bounds

    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    b = make_seat(tmp_path / "b", "席位B")
    enrol.enroll(b, code, pg.dsn(pg.db))
    began = datetime.now(UTC).replace(minute=40, second=0, microsecond=0) - timedelta(hours=2)
    service = CallService(a)

    def form(start, kind, actions, referrals):
        return CallInput(
            kind=kind, started_at=start, ended_at=start + timedelta(minutes=15), age_band="25_34", gender="male",
            region="310000", concerns=["suicide.ideation", "family.conflict"], emotions=["hopelessness"],
            risk=RiskInput(answers={"ideation_current": True}),
            crisis_actions=[CrisisActionInput(x, start + timedelta(minutes=5), "safe") for x in actions],
            referrals=[ReferralInput(r, "soon") for r in referrals],
        )  # fmt: skip

    moved = service.save(form(began, "counselling", ["stayed_on_line"], ["psychiatric_outpatient"])).call_id
    service.save(form(began - timedelta(hours=30), "information", [], ["psychiatric_outpatient"]))
    save_calls(b, 5, start=began - timedelta(hours=50), concerns=["work.stress"])
    for seat in (a, b):
        sync.sync(seat.store)
    earlier = began - timedelta(hours=7, minutes=10)  # another hour, and another seat day most of the time
    service.save(form(earlier, "third_party", ["ambulance_120"], []), call_id=moved)
    sync.sync(a.store)

    day_to = datetime.now(UTC).date() + timedelta(days=1)
    day_from = day_to - timedelta(days=6)
    with sync.open_link(link.active(b.store)) as conn:
        for zone in ("Asia/Shanghai", "Asia/Kolkata"):
            at_centre = center_statistics(conn, day_from, day_to, zone)
            own = [statistics(s.store, day_from, day_to, zone) for s in (a, b)]
            assert at_centre["calls_total"] == 7
            assert_sum_of_seats(at_centre, own)
        kept = center_statistics(conn, day_from, day_to, "Asia/Shanghai")
        live = _counted_live(conn, *_bounds(day_from, day_to, "Asia/Shanghai"))
        assert kept == live
        pg.admin("UPDATE center.meta SET value = '3' WHERE key = 'schema_version'", pg.db)  # no counts kept yet
        assert center_statistics(conn, day_from, day_to, "Asia/Shanghai") == live
    assert kept["by_kind"] == {"counselling": 5, "information": 1, "third_party": 1}
    assert kept["crisis_actions"] == {"ambulance_120": 1}
    assert kept["referrals_by_kind"] == {"psychiatric_outpatient": 1}
    a.close()
    b.close()


def test_centre_statistics_equal_the_sum_of_the_seats(tmp_path, pg):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    b = make_seat(tmp_path / "b", "席位B")
    enrol.enroll(b, code, pg.dsn(pg.db))
    full_call(a)
    save_calls(a, 30, start=datetime(2025, 4, 30, 15, 30, tzinfo=UTC))  # crosses seat midnight
    save_calls(b, 17, concerns=["family.conflict", "family.parent_child", "work.stress"], kind="information")
    save_calls(b, 2, start=datetime(2025, 6, 1, 1, tzinfo=UTC))  # outside the month
    for seat in (a, b):
        sync.sync(seat.store)
    day_from, day_to = datetime(2025, 5, 1).date(), datetime(2025, 5, 31).date()
    with sync.open_link(link.active(b.store)) as conn:
        from desktop.center.stats import center_statistics

        at_centre = center_statistics(conn, day_from, day_to)
    own = [statistics(s.store, day_from, day_to) for s in (a, b)]
    assert at_centre["by_seat"] == {"席位A": own[0]["calls_total"], "席位B": own[1]["calls_total"]}
    # the first of A's 30 began on 30 April, seat time
    assert at_centre["calls_total"] == own[0]["calls_total"] + own[1]["calls_total"] == 1 + 29 + 17
    assert_sum_of_seats(at_centre, own)
    a.close()
    b.close()


def test_a_rolled_back_seat_is_refused_by_the_witness_and_verify_says_so(seat_a, pg, paths_of_a=None):
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    sync.sync(seat_a.store)
    db = seat_a.seat.paths.database
    seat_a.store.checkpoint()
    old = db.read_bytes()
    save_calls(seat_a, 6)  # more audit entries than the rolled-back copy will write before it syncs
    sync.sync(seat_a.store)
    seat_a.close()
    db.write_bytes(old)  # the seat's database goes back in time (a restored copy)
    for extra in ("-wal", "-shm"):
        db.with_name(db.name + extra).unlink(missing_ok=True)
    from desktop.anchors import OLDER_DATABASE, accept_state
    from desktop.errors import SeatRolledBack
    from desktop.seat import Seat

    with pytest.raises(SeatRolledBack) as refused:  # the seat itself sees it first (its vault remembers)
        Seat(seat_a.seat.paths).login(ADMIN, PASSWORD)
    assert OLDER_DATABASE in {f.name for f in refused.value.findings}
    local = Seat(seat_a.seat.paths)  # an admin accepts the older copy on the seat: the centre still refuses it
    accept_state(local, local.vault.unlock(ADMIN, PASSWORD), ADMIN, lambda found: True)
    session = Seat(seat_a.seat.paths).login(ADMIN, PASSWORD)
    try:
        save_calls(session, 1)  # saved on the rolled-back seat: refused by the centre, kept in the outbox
        with pytest.raises(WitnessRefused, match="rolled back"):
            sync.sync(session.store)
        assert session.store.one("SELECT count(*) FROM outbox WHERE kind = 'call'")[0] == 1  # kept
    finally:
        session.close()
    report = verify_seat(seat_a.seat.paths, login=(ADMIN, PASSWORD))
    assert any(not c.ok and c.text.startswith("centre:") and "rolled back" in c.text for c in report.checks)
    assert centre(pg, "SELECT count(*) FROM center.audit WHERE action = 'witness.refused'")[0][0] == 1


def test_a_seat_clock_an_hour_off_keeps_its_times_and_the_centre_notes_when_it_received(seat_a, pg, monkeypatch):
    from desktop import clock

    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    ahead = datetime.now(UTC) + timedelta(hours=1)
    monkeypatch.setattr(clock, "utc_now", lambda: ahead)
    [call_id] = save_calls(seat_a, 1, start=ahead - timedelta(minutes=30))
    before = datetime.now(UTC)
    sync.sync(seat_a.store)
    after = datetime.now(UTC)
    started = seat_a.store.one("SELECT started_at FROM call WHERE id = ?", (call_id,))[0]
    at_centre, received = centre(pg, "SELECT started_at, received_at FROM center.call")[0]
    assert at_centre == datetime.fromisoformat(started.replace("Z", "+00:00"))
    assert before - timedelta(seconds=5) <= received <= after + timedelta(seconds=5)
    assert at_centre > received  # the seat said its call began after the centre received it: visible, kept


def test_a_push_that_meets_another_seats_push_in_a_deadlock_is_tried_again(seat_a, pg):
    """PostgreSQL stops one of two pushes that lock the same counts in opposite orders; that batch goes again
    (injected: a real deadlock cannot be timed in a test)."""
    enrol.init_center(seat_a, pg.superuser_dsn(pg.db))
    save_calls(seat_a, 4)

    class MeetsADeadlockOnce:
        def __init__(self, conn):
            self.conn, self.stopped = conn, 0

        def transaction(self):
            return self.conn.transaction()

        def execute(self, sql, params=None):
            if "push_calls" in sql and not self.stopped:
                self.stopped += 1
                self.conn.execute("SELECT 1")
                raise psycopg.errors.DeadlockDetected("deadlock detected")
            return self.conn.execute(sql, params)

    with sync.open_link(link.active(seat_a.store)) as conn:
        flaky = MeetsADeadlockOnce(conn)
        taken, _sent = sync.push(flaky, seat_a.store, link.active(seat_a.store).data_key)
    assert flaky.stopped == 1
    assert link.backlog(seat_a.store).pending == 0
    assert centre(pg, "SELECT count(*), count(DISTINCT uuid) FROM center.call")[0] == (4, 4)
    assert taken >= 4
