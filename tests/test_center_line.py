"""The centre's line (issue 16) against a real PostgreSQL (tests/centre_pg.py): one centre shift, every call placed
in it, one follow-up queue whose changes are events, the board, the centre's handover, a repeat caller across
seats — and each bad input and fault of the issue."""

import contextlib
import re
import socket
import subprocess
import threading
from datetime import UTC, datetime, timedelta

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


def open_uncommitted_shift(pg, lead: str, seat_name: str):
    """Another lead's opening, in flight: the row is in, not yet committed. Returns the open connection."""
    conn = psycopg.connect(pg.superuser_dsn(pg.db))
    conn.execute(
        "INSERT INTO center.line_shift (uuid, lead, started_at, opened_at_seat, automatic)"
        " SELECT gen_random_uuid(), %s, now(), id, false FROM center.seat WHERE name = %s",
        (lead, seat_name),
    )
    return conn


def test_two_leads_opening_at_once_get_one_shift_and_the_second_is_told_whose(seats, pg):
    a, b, _c = seats
    other = open_uncommitted_shift(pg, "L002", "席位B")  # B's lead is a moment ahead: its opening not yet committed
    threading.Timer(0.5, other.commit).start()
    with pytest.raises(line.ShiftAlreadyOpen) as refused:
        line.open_shift(a, "L001", ["C101"])  # waits on the one-open index, then finds B's shift standing
    other.close()
    assert refused.value.shift.lead == "L002" and refused.value.shift.opened_at_seat == "席位B"
    assert refused.value.code == "shift_already_open" and refused.value.params == {"lead": "L002", "seat": "席位B"}
    assert "L002" in str(refused.value) and "席位B" in str(refused.value)
    assert centre(pg, "SELECT count(*) FROM center.line_shift WHERE NOT automatic") == [(1,)]

    line.close_shift(b, "")
    barrier, results = threading.Barrier(2), {}

    def open_at(session, lead):
        own = session.another()
        try:
            barrier.wait()
            results[lead] = line.open_shift(own, lead, [])
        except line.ShiftAlreadyOpen as exc:
            results[lead] = exc
        finally:
            own.store.close()

    threads = [threading.Thread(target=open_at, args=(s, lead)) for s, lead in ((a, "L001"), (b, "L002"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    won = [r for r in results.values() if isinstance(r, line.CenterShift)]
    lost = [r for r in results.values() if isinstance(r, line.ShiftAlreadyOpen)]
    assert len(won) == 1 and len(lost) == 1 and lost[0].shift == won[0]
    assert centre(pg, "SELECT count(*) FROM center.line_shift WHERE ended_at IS NULL") == [(1,)]


def test_a_shift_closed_while_a_seat_is_offline_gets_its_calls_when_it_syncs(seats, pg, tmp_path):
    from desktop.reports.center_handover_pdf import render

    a, b, c = seats
    shift = line.open_shift(a, ADMIN, [])
    with offline(c):
        during = high_call(c, shift.started_at + timedelta(milliseconds=5), "CCC-222")
        line.close_shift(a, "")
        after = high_call(c, utc_now() + timedelta(milliseconds=5), "CCC-333")
        with pytest.raises(CenterUnreachable):
            sync.sync(c.store)
        sync_all(a, b)
        early = line.center_handover(a, last=True)
    assert early.calls == 0 and [name for name, _at in early.stale_seats] == ["席位C"]
    render(early, tmp_path / "early.pdf")
    first = pdf_text(tmp_path / "early.pdf")
    assert re.search(r"席位C 自 \d\d:\d\d 未同步：其通话可能不全", first)
    assert first.index("未同步") < first.index("来电概况")  # at the top

    sync_all(c)
    late = line.center_handover(a, last=True)
    assert [r.case_code for r in late.call_rows] == ["CCC-222"] and late.stale_seats == ()
    render(late, tmp_path / "late.pdf")
    assert "未同步" not in pdf_text(tmp_path / "late.pdf")
    placed = dict(
        centre(
            pg, "SELECT c.case_code, s.automatic FROM center.call c JOIN center.line_shift s ON s.uuid = c.line_shift"
        )
    )
    assert placed == {"CCC-222": False, "CCC-333": True}  # after the close: the centre's automatic shift
    assert during != after


def events(pg, follow_up: str) -> list[tuple]:
    return centre(
        pg,
        "SELECT s.name, e.what, e.due_at FROM center.follow_up_event e JOIN center.seat s ON s.id = e.seat_id"
        " WHERE e.follow_up_uuid = %s ORDER BY e.line_at, e.id",
        (follow_up,),
    )


def test_a_follow_up_closed_at_two_seats_at_once_the_latest_wins_and_both_are_kept(seats, pg):
    a, b, c = seats
    high_call(b, utc_now() - timedelta(hours=1), "BBB-222")
    sync_all(b, a, c)
    [item] = line.follow_up_queue(a).items
    line.close_follow_up(a, item.uuid, "A 先联系上了")
    line.close_follow_up(c, item.uuid, "C 随后也联系上了")  # later, at another seat, before either synced
    sync_all(c, a)  # the later one reaches the centre first
    sync_all(b)
    assert [(seat, what) for seat, what, _due in events(pg, item.uuid)] == [
        ("席位B", "created"),
        ("席位A", "closed"),
        ("席位C", "closed"),
    ]
    assert b.store.one("SELECT outcome FROM follow_up WHERE uuid = ?", (item.uuid,)) == ("C 随后也联系上了",)
    for session in seats:
        assert line.follow_up_queue(session).items == ()
    sync_all(b)  # B's own push of the close it took in is not a third close
    assert [what for _s, what, _d in events(pg, item.uuid)].count("closed") == 2


def test_two_seats_changing_a_follow_up_at_once_the_latest_change_wins_and_both_are_in_its_history(seats, pg):
    a, b, c = seats
    high_call(b, utc_now() - timedelta(hours=1), "BBB-222")
    sync_all(b, a, c)
    [item] = line.follow_up_queue(a).items
    first, second = utc_now() + timedelta(hours=3), utc_now() + timedelta(hours=5)
    line.change_follow_up(a, item.uuid, due_at=first)
    line.change_follow_up(c, item.uuid, due_at=second, owner="C201")
    with offline(a):  # offline, A shows what it last knew with its own change, and says since when
        known = line.follow_up_queue(a)
        assert known.as_of is not None and known.items[0].due_at == first.replace(
            microsecond=first.microsecond // 1000 * 1000
        )
    sync_all(c, a, b)
    [now_known] = line.follow_up_queue(b).items
    assert now_known.owner == "C201" and abs(now_known.due_at - second) < timedelta(seconds=1)
    assert [(e.seat, e.what) for e in now_known.history] == [
        ("席位B", "created"),
        ("席位A", "changed"),
        ("席位C", "changed"),
    ]
    assert b.store.one("SELECT owner FROM follow_up WHERE uuid = ?", (item.uuid,)) == ("C201",)


def test_a_seats_clock_an_hour_off_changes_neither_the_shift_nor_which_change_wins(seats, pg, seat_clock):
    a, b, c = seats
    shift = line.open_shift(a, ADMIN, [])
    assert abs(shift.started_at - datetime.now(UTC)) < timedelta(minutes=1)  # the centre's clock, not a seat's
    clock = seat_clock(datetime.now(UTC) + timedelta(hours=1))  # B's clock runs an hour ahead
    sync_all(b)  # B's state tells the centre its clock
    assert 3500 < centre(pg, "SELECT -clock_offset_s FROM center.seat_state s JOIN center.seat n ON n.id = s.seat_id"
                            " WHERE n.name = '席位B'")[0][0] < 3700  # fmt: skip
    high_call(b, clock(), "BBB-222")  # "now" on B's clock: an hour after the real now
    sync_all(b)
    [(placed,)] = centre(pg, "SELECT line_shift::text FROM center.call WHERE case_code = 'BBB-222'")
    assert placed == shift.uuid  # in the shift open now, not in a shift an hour later
    clock.moment = datetime.now(UTC)  # C's clock is right
    sync_all(c)
    [item] = line.follow_up_queue(c).items
    clock.moment = datetime.now(UTC) + timedelta(hours=1)
    line.close_follow_up(b, item.uuid, "B 先关")  # first in real time, though B's clock calls it an hour later
    sync_all(b)
    clock.moment = datetime.now(UTC) + timedelta(seconds=1)
    line.close_follow_up(c, item.uuid, "C 后关")  # C did not know yet; a moment later in real time
    sync_all(c)
    clock.moment = datetime.now(UTC) + timedelta(hours=1)
    sync_all(b)
    assert b.store.one("SELECT outcome FROM follow_up WHERE uuid = ?", (item.uuid,)) == ("C 后关",)


def test_a_seat_removed_in_the_middle_of_a_shift_keeps_its_calls_in_the_handover_marked(seats, pg, tmp_path):
    from desktop.reports.center_handover_pdf import render

    a, b, c = seats
    shift = line.open_shift(a, ADMIN, [])
    high_call(b, shift.started_at + timedelta(milliseconds=5), "BBB-222")
    sync_all(b)
    enrol.remove_seat(a, pg.superuser_dsn(pg.db), "席位B")
    with pytest.raises(line.NotEnrolled):
        sync.sync(b.store)  # B says it is no longer enrolled and keeps working alone
    line.close_shift(a, "")
    sync_all(a, c)
    data = line.center_handover(a, last=True)
    [call] = data.call_rows
    assert call.seat == "席位B" and call.seat_removed and [n for n, _at in data.removed_seats] == ["席位B"]
    assert data.stale_seats == ()  # a removed seat is marked as removed, not as late
    render(data, tmp_path / "h.pdf")
    text = pdf_text(tmp_path / "h.pdf")
    assert "席位B（已移出）" in text and re.search(r"席位B 已于 \d\d:\d\d 移出中心", text)


def test_postgresql_down_while_printing_is_a_typed_error_and_the_seats_own_handover_still_prints(
    seats, pg, tmp_path, monkeypatch
):
    from desktop.center import line_handover

    a, _b, _c = seats
    line.open_shift(a, ADMIN, [])
    line.close_shift(a, "")
    real = line_handover.fetch_queue

    def dies_half_way(*args):
        pg.stop("immediate")  # PostgreSQL goes down between two queries of the handover
        return real(*args)

    monkeypatch.setattr(line_handover, "fetch_queue", dies_half_way)
    with pytest.raises(line.CenterNeeded) as failed:
        line.center_handover(a, last=True)
    assert failed.value.code == "center_needed" and failed.value.params == {"doing": "make the centre's handover"}
    assert isinstance(failed.value, CenterUnreachable) and failed.value.exit_code == 1
    monkeypatch.undo()
    assert not pg.running()
    with pytest.raises(line.CenterNeeded):  # and while it stays down
        line.center_handover(a, last=True)

    monkeypatch.setenv("HOTLINE_LOG_HOME", str(a.seat.paths.home))
    monkeypatch.setenv("HOTLINE_LOG_USER", ADMIN)
    monkeypatch.setenv("HOTLINE_LOG_PASSWORD", PASSWORD)
    out = tmp_path / "centre.pdf"
    errors = []
    monkeypatch.setattr("sys.stderr", type("Err", (), {"write": errors.append, "flush": lambda: None})())
    assert cli.main(["handover", "--center", "--last", "--out", str(out)]) == 1
    said = "".join(errors)
    assert "centre's handover cannot be made now" in said and "without --center" in said and not out.exists()
    start = (utc_now() - timedelta(hours=1)).isoformat()
    assert (
        cli.main(["handover", "--from", start, "--to", utc_now().isoformat(), "--out", str(tmp_path / "own.pdf")]) == 0
    )


def test_the_board_shows_every_seat_and_counts_a_counselor_who_moved_seats_once(seats, pg):
    a, b, c = seats
    at_b, at_c = counselor(b, "C101"), counselor(c, "C101")  # one counselor, who moves from B to C
    high_call(b, utc_now() - timedelta(hours=3), "BBB-999")  # before the shift; its follow-up is overdue now
    shift = line.open_shift(a, ADMIN, ["C101", "C201"])
    ms = timedelta(milliseconds=10)
    high_call(at_b, shift.started_at + ms, "BBB-222")
    high_call(at_c, shift.started_at + 2 * ms, "CCC-222")
    sync_all(a, b, c)
    line.report_state(at_c, "C101", shift.started_at + 3 * ms)
    line.report_state(b, None, None)
    pg.admin("UPDATE center.seat_state SET reported_at = now() - interval '20 minutes'"
             " WHERE seat_id = (SELECT id FROM center.seat WHERE name = '席位A')", pg.db)  # fmt: skip

    made = line.board(a)
    assert made.as_of is None and made.shift == shift
    by_name = {s.name: s for s in made.seats}
    assert list(by_name) == ["席位A", "席位B", "席位C"]
    assert (by_name["席位B"].calls, by_name["席位B"].high_risk, by_name["席位B"].overdue_follow_ups) == (1, 1, 1)
    assert by_name["席位C"].logged_in == "C101" and by_name["席位C"].on_call_since is not None
    assert by_name["席位C"].talk_time_s == 30 * 60 and by_name["席位C"].online and not by_name["席位C"].silent
    due = [(s.name, s.due_break) for s in made.seats if s.due_break]
    assert due == [("席位C", ("C101",))]  # right after two high-risk calls, named once, where they sit now
    assert by_name["席位A"].silent and not by_name["席位A"].online
    assert by_name["席位B"].logged_in is None and by_name["席位B"].last_sync is not None

    handover = line.center_handover(a, shift_uuid=shift.uuid)
    loads = {w.counselor: w for w in handover.workload}
    assert loads["C101"].calls == 2 and loads["C101"].high_risk_calls == 2 and loads["C201"].calls == 0
    assert handover.workload_seats["C101"] == ("席位B", "席位C")

    with offline(a):
        known = line.board(a)
    assert known.as_of is not None and [s.name for s in known.seats] == ["席位A", "席位B", "席位C"]
    assert not any(s.online for s in known.seats)  # what the seat last knew proves no seat online now
    for session in (at_b, at_c):
        session.close()


def test_a_case_code_quoted_at_one_seat_shows_its_calls_from_every_seat(seats, pg):
    a, b, c = seats
    for session, summary, when in ((a, "甲席摘要", 5), (b, "乙席摘要", 3)):
        form = CallInput(
            kind="counselling",
            started_at=utc_now() - timedelta(hours=when),
            ended_at=utc_now() - timedelta(hours=when - 1),
            case_code="KKK-777",
            concerns=["family.conflict"],
            summary=summary,
            notes="笔记不出席位",
        )
        CallService(session).save(form)
    sync_all(a, b)
    entries = line.case_history_from_center(c, "kkk 777")
    assert [(e.seat, e.summary, e.concerns) for e in entries] == [
        ("席位A", "甲席摘要", ("family.conflict",)),
        ("席位B", "乙席摘要", ("family.conflict",)),
    ]
    assert all(e.call_id is None and not e.assessed for e in entries)
    assert [e.seat for e in line.case_history_from_center(a, "KKK-777") if e.call_id is not None] == ["席位A"]
    assert line.case_history_from_center(c, "not a code") == []
    stranger = counselor(c, "C301")  # a counselor sees their own calls and the open shift's only (DESIGN.md §4)
    assert line.case_history_from_center(stranger, "KKK-777") == []
    stranger.close()
    with offline(c), pytest.raises(line.CenterNeeded):
        line.case_history_from_center(c, "KKK-777")
