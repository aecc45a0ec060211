"""The centre's line (issue 16) against a real PostgreSQL (tests/centre_pg.py): one centre shift, every call placed
in it, one follow-up queue whose changes are events, the board, the centre's handover, a repeat caller across
seats — and each bad input and fault of the issue."""

from datetime import datetime, timedelta

import psycopg
import pytest

from desktop.call_model import LEAD_ON_SHIFT, CallInput, FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.center import enrol, line, sync
from desktop.clock import utc_now
from tests.center_helpers import ADMIN, make_seat

HIGH = RiskInput(answers={"ideation_current": True, "plan": True})


@pytest.fixture
def seats(tmp_path, pg):
    """Seats A (which set the centre up), B and C, enrolled and synced once."""
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    made = [a]
    for name, folder in (("席位B", "b"), ("席位C", "c")):
        seat = make_seat(tmp_path / folder, name)
        enrol.enroll(seat, enrol.add_seat(a, pg.superuser_dsn(pg.db), name), pg.dsn(pg.db))
        made.append(seat)
    for seat in made:
        sync.sync(seat.store)
    yield made
    for seat in made:
        if seat.key:
            seat.close()


def centre(pg, sql: str, params=None):
    with psycopg.connect(pg.superuser_dsn(pg.db), autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def high_call(session, started: datetime, case_code: str | None = None, note: str = "", owner: str = LEAD_ON_SHIFT):
    form = CallInput(
        kind="counselling",
        started_at=started,
        ended_at=started + timedelta(minutes=30),
        concerns=["suicide.ideation"],
        case_code=case_code,
        summary="高危摘要",
        risk=HIGH,
        follow_ups=[FollowUpInput(started + timedelta(hours=2), owner, note)],
    )
    return CallService(session).save(form).call_id


def sync_all(*sessions) -> None:
    for session in sessions:
        sync.sync(session.store)


def test_a_lead_opens_and_closes_the_centre_shift_and_every_seat_sees_it(seats, pg):
    a, b, c = seats
    opened = line.open_shift(a, ADMIN, ["C101", "C201"], utc_now() + timedelta(hours=8))
    assert opened.lead == ADMIN and opened.opened_at_seat == "席位A" and opened.ended_at is None
    assert opened.counselors == ("C101", "C201") and not opened.automatic
    shift, as_of = line.current_shift(b)
    assert shift == opened and as_of is None
    high_call(b, utc_now() - timedelta(minutes=1))  # before the opening: the centre's automatic shift
    high_call(b, opened.started_at + timedelta(seconds=1))
    sync_all(b)
    [(auto,), (placed,)] = centre(pg, "SELECT line_shift::text FROM center.call ORDER BY started_at")
    assert placed == opened.uuid
    assert centre(pg, "SELECT automatic FROM center.line_shift WHERE uuid = %s", (auto,)) == [(True,)]
    closed = line.close_shift(a, "交班说明")
    assert closed.uuid == opened.uuid and closed.ended_at is not None
    assert line.current_shift(c) == (None, None)
