"""Helpers of the line's tests (issue 16): three enrolled seats, high-risk calls, a seat cut off from the centre,
the centre read back as its superuser, a PDF read back with pdftotext."""

import contextlib
import socket
import subprocess
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from desktop.accounts import AccountService
from desktop.call_model import LEAD_ON_SHIFT, CallInput, FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.center import enrol, sync
from tests.center_helpers import make_seat
from tests.seat_clock import SeatClock

HIGH = RiskInput(answers={"ideation_current": True, "plan": True})


@pytest.fixture(name="seats")
def three_seats(tmp_path, pg):
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


@contextlib.contextmanager
def offline(session):
    """The seat's network to the centre is gone: its DSN points at a port where nothing listens."""
    from psycopg import conninfo

    (dsn,) = session.store.one("SELECT dsn FROM center_link")
    params = conninfo.conninfo_to_dict(dsn)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    with session.store.transaction():
        session.store.execute("UPDATE center_link SET dsn = ?", (conninfo.make_conninfo(**{**params, "port": closed}),))
    try:
        yield
    finally:
        with session.store.transaction():
            session.store.execute("UPDATE center_link SET dsn = ?", (dsn,))


def counselor(session, code: str):
    """A counselor's account on the seat of `session`, logged in (a session of its own)."""
    AccountService(session).add(code, f"咨询员{code}", "counselor", "couns-pass-1")
    return session.seat.login(code, "couns-pass-1")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def open_uncommitted_shift(pg, lead: str, seat_name: str):
    """Another lead's opening, in flight: the row is in, not yet committed. Returns the open connection."""
    conn = psycopg.connect(pg.superuser_dsn(pg.db))
    conn.execute(
        "INSERT INTO center.line_shift (uuid, lead, started_at, opened_at_seat, automatic)"
        " SELECT gen_random_uuid(), %s, now(), id, false FROM center.seat WHERE name = %s",
        (lead, seat_name),
    )
    return conn


def events(pg, follow_up: str) -> list[tuple]:
    return centre(
        pg,
        "SELECT s.name, e.what, e.due_at FROM center.follow_up_event e JOIN center.seat s ON s.id = e.seat_id"
        " WHERE e.follow_up_uuid = %s ORDER BY e.line_at, e.id",
        (follow_up,),
    )


class SkewedClock(SeatClock):
    """A seat's clock that runs, `skew` off the real time."""

    skew = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skew
