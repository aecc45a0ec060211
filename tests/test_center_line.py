"""The centre's line (issue 16) against a real PostgreSQL (tests/centre_pg.py): one centre shift, every call placed
in it, one follow-up queue whose changes are events, the board, the centre's handover, a repeat caller across
seats — and each bad input and fault of the issue."""

import contextlib
import re
import socket
import subprocess
from datetime import datetime, timedelta

import psycopg
import pytest

from desktop import cli
from desktop.accounts import AccountService
from desktop.call_model import LEAD_ON_SHIFT, CallInput, FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.center import enrol, line, sync
from desktop.center.connect import CenterUnreachable
from desktop.clock import utc_now
from desktop.followups import FollowUpService
from tests.center_helpers import ADMIN, PASSWORD, make_seat

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


MARK = {"note": "HANDOVERMARK交班", "follow_up": "FOLLOWMARK随访", "outcome": "OUTCOMEMARK结果"}


def test_done_when_three_seats_one_shift_one_handover_one_queue(seats, pg, tmp_path, monkeypatch):
    """Issue 16's test: the lead at A opens the shift; counselors at B and C save high-risk calls with follow-ups
    for the lead; C goes offline, saves one more, comes back; A closes the shift; the centre's handover read back
    with pdftotext lists every high-risk call of the three seats, the total, every seat and its audit head; a
    follow-up closed at B is closed at A and C after sync; the notes are ciphertext at the centre."""
    a, b, c = seats
    b1, c1 = counselor(b, "C101"), counselor(c, "C201")
    shift = line.open_shift(a, ADMIN, ["C101", "C201", "C301"], utc_now() + timedelta(hours=8))
    ms = timedelta(milliseconds=10)  # the calls start after the opening and before the closing, on the real clock
    t0 = shift.started_at + ms
    high_call(a, t0, "AAA-222", MARK["follow_up"])
    high_call(b1, t0 + ms, "BBB-333", MARK["follow_up"])
    high_call(b1, t0 + 2 * ms, "BBB-444")
    high_call(c1, t0 + 3 * ms, "CCC-555", MARK["follow_up"])
    CallService(c1).save(CallInput(kind="silent", started_at=t0 + 4 * ms))
    sync_all(a, b, c)
    with offline(c):
        high_call(c1, t0 + 5 * ms, "CCC-666")
        with pytest.raises(CenterUnreachable):
            sync.sync(c.store)
        queue = line.follow_up_queue(c1)
        assert queue.as_of is not None and {f.case_code for f in queue.items} >= {"BBB-333", "CCC-555"}
    sync_all(c)
    queue = line.follow_up_queue(b1)
    assert queue.as_of is None and [f.seat for f in queue.items].count("席位C") == 2
    assert all(f.owner == ADMIN for f in queue.items)  # "the lead on shift" is whoever leads the centre shift
    closing = next(f for f in queue.items if f.case_code == "CCC-555")
    line.close_follow_up(b, closing.uuid, MARK["outcome"])  # the lead, sitting at B for a while
    sync_all(b, c, a)
    line.close_shift(a, MARK["note"])
    sync_all(a, b, c)

    for session in (a, c1):  # closed at B, closed at A and C
        assert closing.uuid not in {f.uuid for f in line.follow_up_queue(session).items}
    assert closing.uuid not in {f.uuid for f in line.follow_up_queue(c1).items}
    assert c.store.one("SELECT done_by, outcome FROM follow_up WHERE uuid = ?", (closing.uuid,)) == (
        ADMIN,
        MARK["outcome"],
    )
    assert [r.case_code for r in FollowUpService(c).queue()].count("CCC-555") == 0

    heads = {s.seat.vault.seat_name: s.audit.head() for s in (a, b, c)}
    reported = dict(
        (name, (seq, digest))
        for name, seq, digest in centre(
            pg,
            "SELECT DISTINCT ON (s.name) s.name, h.seq, h.hash FROM center.seat_head h"
            " JOIN center.seat s ON s.id = h.seat_id ORDER BY s.name, h.seq DESC",
        )
    )
    assert reported == heads
    out = tmp_path / "centre.pdf"
    monkeypatch.setenv("HOTLINE_LOG_HOME", str(a.seat.paths.home))
    monkeypatch.setenv("HOTLINE_LOG_USER", ADMIN)
    monkeypatch.setenv("HOTLINE_LOG_PASSWORD", PASSWORD)
    assert cli.main(["handover", "--center", "--last", "--out", str(out)]) == 0
    text = pdf_text(out)
    for case in ("AAA-222", "BBB-333", "BBB-444", "CCC-555", "CCC-666"):
        assert case in text, case
    assert "全中心交接班摘要" in text and "来电总数" in text
    band = [line for line in text.split("来电总数")[0].splitlines() if line.strip()][-1]
    assert band.split()[0] == "6"  # the shift's six calls, all seats together
    for name, (seq, digest) in heads.items():
        assert re.search(rf"{name}\s+{seq}\s+{digest}", text), name
    [(centre_seq, centre_hash)] = centre(pg, "SELECT seq, hash FROM center.audit ORDER BY seq DESC LIMIT 1")
    assert centre_hash in text
    assert MARK["note"] in text  # the lead's note, unsealed for the paper
    assert "未同步" not in text  # every seat synced after the close

    dump = pg.pg_dump(pg.db)
    for marker in MARK.values():
        assert marker not in dump and marker.encode().hex() not in dump, marker
    for session in (b1, c1):
        session.close()
