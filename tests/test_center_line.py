"""The centre's line (issue 16) against a real PostgreSQL (tests/centre_pg.py): one centre shift, every call placed
in it, one follow-up queue whose changes are events, the board, the centre's handover, a repeat caller across
seats — and each bad input and fault of the issue."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from desktop import cli
from desktop.accounts import AccountService
from desktop.call_model import CallInput
from desktop.calls import CallService
from desktop.center import line, link, sync
from desktop.center.connect import CenterUnreachable
from desktop.clock import utc_now
from desktop.errors import NotPermitted
from desktop.followups import FollowUpService
from desktop.supervision import SupervisionService
from tests.center_helpers import ADMIN, PASSWORD
from tests.center_line_helpers import (
    centre,
    counselor,
    high_call,
    offline,
    pdf_text,
    sync_all,
    three_seats,  # noqa: F401 - the fixture `seats`
)


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
    SupervisionService(b).flag(high_call(b1, t0 + 2 * ms, "BBB-444"))
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
    assert "BBB-444" in text.split("督导标记的来电")[1].split("交接说明")[0]  # flagged for supervision
    assert "未同步" not in text  # every seat synced after the close

    dump = pg.pg_dump(pg.db)
    for marker in MARK.values():
        assert marker not in dump and marker.encode().hex() not in dump, marker
    for session in (b1, c1):
        session.close()


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

    high_call(at_c, shift.started_at + 4 * ms, "CCC-333")  # at C, not yet sent: the break rule counts it too
    load, live_now = line.counselor_workload(at_c, "C101", shift.started_at)
    assert live_now and (load.calls, load.high_risk_calls, load.break_due) == (3, 3, True)
    with offline(c):
        alone, live_now = line.counselor_workload(at_c, "C101", shift.started_at)
    assert not live_now and alone.calls == 2  # offline: this seat's own calls
    sync_all(c)

    handover = line.center_handover(a, shift_uuid=shift.uuid)
    loads = {w.counselor: w for w in handover.workload}
    assert loads["C101"].calls == 3 and loads["C101"].high_risk_calls == 3 and loads["C201"].calls == 0
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


def test_the_centres_monthly_report_carries_every_seats_total(seats, pg, tmp_path):
    from desktop.center.stats import center_statistics
    from desktop.center.sync import open_link
    from desktop.clock import seat_today
    from desktop.reports import write_monthly_report

    a, b, c = seats
    for session, count in ((a, 1), (b, 2), (c, 3)):
        for i in range(count):
            began = utc_now() - timedelta(minutes=10 * (i + 1))
            CallService(session).save(
                CallInput(kind="counselling", started_at=began, ended_at=began + timedelta(minutes=5))
            )
    sync_all(a, b, c)
    with open_link(link.active(a.store)) as conn:
        stats = center_statistics(conn, seat_today() - timedelta(days=1), seat_today())
    assert stats["by_seat"] == {"席位A": 1, "席位B": 2, "席位C": 3}
    write_monthly_report(stats, "席位A · centre", seat_today() - timedelta(days=1), seat_today(), tmp_path / "m.pdf")
    text = pdf_text(tmp_path / "m.pdf")
    assert "各席位来电" in text
    for name, count in stats["by_seat"].items():
        assert re.search(rf"{name}\s+{count}\s", text), name


def test_calls_no_lead_covered_go_to_the_centres_automatic_eight_hour_shift(seats, pg):
    a, b, _c = seats
    noon = datetime(2026, 11, 18, 4, 0, tzinfo=UTC)  # 12:00 in Beijing
    for session in (a, b):
        CallService(session).save(CallInput(kind="counselling", started_at=noon, ended_at=noon + timedelta(minutes=9)))
    sync_all(a, b)
    rows = centre(
        pg,
        "SELECT DISTINCT s.started_at, s.ended_at, s.automatic, s.lead FROM center.call c"
        " JOIN center.line_shift s ON s.uuid = c.line_shift",
    )
    assert rows == [(datetime(2026, 11, 18, 0, 0, tzinfo=UTC), datetime(2026, 11, 18, 8, 0, tzinfo=UTC), True, None)]
    [(uuid,)] = centre(pg, "SELECT DISTINCT line_shift::text FROM center.call")
    data = line.center_handover(a, shift_uuid=uuid)  # an automatic shift has a handover too, every seat's calls
    assert data.calls == 2 and data.lead == "" and data.by_seat == {"席位A": 1, "席位B": 1}


def test_the_command_line_says_what_is_wrong_with_a_centre_handover(seats, pg, tmp_path, monkeypatch, capsys):
    a, _b, _c = seats
    monkeypatch.setenv("HOTLINE_LOG_HOME", str(a.seat.paths.home))
    monkeypatch.setenv("HOTLINE_LOG_USER", ADMIN)
    monkeypatch.setenv("HOTLINE_LOG_PASSWORD", PASSWORD)
    out = str(tmp_path / "h.pdf")
    assert cli.main(["handover", "--center", "--last", "--out", out]) == 2  # no centre shift has ended yet
    assert "No centre shift has ended yet" in capsys.readouterr().err
    assert cli.main(["handover", "--center", "--shift", "nonsense", "--out", out]) == 2
    assert cli.main(["handover", "--center", "--from", "2026-11-18T08:00", "--out", out]) == 2
    assert cli.main(["handover", "--shift", "5f0c-centre", "--out", out]) == 2  # a seat's shift is a number
    assert "needs --center" in capsys.readouterr().err
    assert cli.main(["handover", "--center", "--from", "2026-11-18", "--to", "2026-11-18", "--out", out]) == 0
    assert "Centre handover (0 calls" in capsys.readouterr().out


def test_the_window_gets_the_centres_shifts_and_the_pdf_it_shows_saved_as_shown(seats, pg, tmp_path):
    a, b, _c = seats
    first = line.open_shift(a, ADMIN, [])
    line.close_shift(b, "")  # any lead, at any seat
    second = line.open_shift(b, "L002", [])
    assert [s.uuid for s in line.recent_shifts(a)] == [second.uuid, first.uuid]
    made = line.render_center_handover(a, shift_uuid=first.uuid)
    assert made.pdf.startswith(b"%PDF") and made.what == f"center_shift:{first.uuid}"
    line.save_center_handover(a, made, tmp_path / "shown.pdf")
    assert (tmp_path / "shown.pdf").read_bytes() == made.pdf
    assert a.store.one("SELECT object FROM audit WHERE action = 'handover.exported'") == (made.what,)
    with offline(a), pytest.raises(line.CenterNeeded):
        line.render_center_handover(a, last=True)


def test_a_counselor_sees_the_follow_ups_of_their_own_calls_their_own_and_the_leads_only(seats, pg):
    a, b, _c = seats
    for code in ("C101", "C999"):  # the owners need accounts at the seat that saves the call
        AccountService(a).add(code, f"咨询员{code}", "counselor", "couns-pass-1")
    high_call(a, utc_now() - timedelta(hours=2), "AAA-222", "给别人的随访", owner="C999")
    high_call(a, utc_now() - timedelta(hours=2), "AAA-333", "给班长的随访")
    high_call(a, utc_now() - timedelta(hours=2), "AAA-444", "给本人的随访", owner="C101")
    sync_all(a)
    mine = counselor(b, "C101")
    assert {f.case_code for f in line.follow_up_queue(mine).items} == {"AAA-333", "AAA-444"}
    assert {f.case_code for f in line.follow_up_queue(b).items} == {"AAA-222", "AAA-333", "AAA-444"}
    with offline(b):  # what the seat last knew is shown by the same rule
        assert {f.case_code for f in line.follow_up_queue(mine).items} == {"AAA-333", "AAA-444"}
    hidden = next(f for f in line.follow_up_queue(b).items if f.case_code == "AAA-222")
    with pytest.raises(NotPermitted):
        line.close_follow_up(mine, hidden.uuid, "不是我的")
    mine.close()


def test_a_centre_not_yet_updated_for_the_line_says_so_and_sync_goes_on_as_before(seats, pg):
    a, _b, _c = seats
    pg.admin("UPDATE center.meta SET value = '5' WHERE key = 'schema_version'", pg.db)  # as before migration 6
    with pytest.raises(line.CenterTooOld) as refused:
        line.current_shift(a)
    assert refused.value.code == "center_too_old" and "center init" in str(refused.value)
    with pytest.raises(line.CenterTooOld):
        line.open_shift(a, ADMIN, [])
    CallService(a).save(CallInput(kind="silent", started_at=utc_now()))
    assert sync.sync(a.store).pending == 0
