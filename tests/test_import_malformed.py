"""A corpus of malformed import files, each run through `main.py import` as a command would run it.

Every file is a good line, the bad line, and another good line. Every one must end with exit 2, one line
on stderr naming the bad line and (where the line is JSON) the field, and no call written: the good
line before the bad one is not imported either. The classes are those a hostile tester found handled
wrongly (issue 12, point 11), and the usual ways a JSON Lines file goes wrong.
"""

import json
import re
from datetime import timedelta

import keyring
import pytest

import desktop.cli as cli
from desktop import clock
from desktop.clock import seat_today
from desktop.config import ENV_HOME, SeatPaths
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.memory_keyring import MemoryKeyring
from tests.test_exchange import GOOD


def line(**changes) -> bytes:
    """GOOD with `changes` (None removes a key), as one line of bytes."""
    data = {k: v for k, v in (GOOD | changes).items() if v is not None}
    return json.dumps(data, ensure_ascii=False).encode() + b"\n"


def raw_line(text: str) -> bytes:
    """GOOD with the text `"notes": "…"` replaced by `text` verbatim, for what json.dumps cannot write."""
    good = json.dumps(GOOD, ensure_ascii=False)
    notes = json.dumps(GOOD["notes"], ensure_ascii=False)
    return good.replace(f'"notes": {notes}', text).encode() + b"\n"


def no_risk_line(text: str) -> bytes:
    """A line without GOOD's risk, with `text` (JSON members) added verbatim."""
    body = json.dumps({k: v for k, v in GOOD.items() if k != "risk"}, ensure_ascii=False)
    return (body[:-1] + ", " + text + "}").encode() + b"\n"


DEEP = 10_000
# (id, the bad line, the field named or None for the line as a whole, words the message must hold)
CORPUS = [
    # the classes issue 12 found handled wrongly
    ("nesting 10,000 deep", no_risk_line('"risk": {"answers": ' + "[" * DEEP + "]" * DEEP + "}"), None, "nested"),
    ("nesting 500 deep in a field", no_risk_line('"risk": {"answers": {"distress": ' + "[" * 500 + "]" * 500 + "}}"),
     "risk.answers.distress", "whole number"),
    ("year 0001", line(started_at="0001-01-01T00:00:00+08:00"), "started_at", "2000-01-01"),
    ("year 9999", line(ended_at="9999-12-31T23:59:59-12:00"), "ended_at", "2000-01-01"),
    ("a list for the answers", line(risk={"answers": []}), "risk.answers", "object"),
    ("a list for the caller", line(caller=[]), "caller", "object"),
    ("a list for the follow-up", line(follow_up=[{"due": "2025-05-02T10:00:00+08:00"}]), "follow_up", "object"),
    ("a list for a crisis action", line(crisis_actions=[["police_110"]]), "crisis_actions[0]", "object"),
    ("a list for the line", b"[1, 2, 3]\n", None, "object"),
    ("a lone surrogate in the notes", raw_line('"notes": "ab\\ud800cd"'), "notes", "surrogate"),
    ("a lone surrogate in a keyword", line(keywords=["甲乙"]).replace("甲乙".encode(), b"\\udfff"),
     "keywords[0]", "surrogate"),
    ("a lone surrogate as a key", raw_line('"notes": "", "\\ud800": 1'), "\\ud800", "not a field"),
    ("a mobile number as the counselor", line(counselor="13912345678"), "counselor", "phone number"),
    ("a spaced mobile number as the counselor", line(counselor="139-1234-5678"), "counselor", "phone number"),
    ("an e-mail as the counselor", line(counselor="wang@example.com"), "counselor", "staff code"),
    ("an ID number as the counselor", line(counselor="11010519491231002X"), "counselor", "staff code"),
    ("a number as the counselor", line(counselor=12), "counselor", "the number 12"),
    ("an address inside a crisis action", line(crisis_actions=[{"action": "police_110", "address": "幸福路8号3单元"}]),
     "crisis_actions[0].address", "not a field"),
    ("a phone inside a referral", line(referrals=[{"kind": "psychiatric_outpatient", "phone": "13812345678"}]),
     "referrals[0].phone", "not a field"),
    ("a phone inside the follow-up", line(follow_up={"due": "2025-05-02T10:00:00+08:00", "phone": "13812345678"}),
     "follow_up.phone", "not a field"),
    ("a name inside the caller", line(caller={"age_band": "18_24", "name": "张建国"}), "caller.name", "not a field"),
    ("a note inside the override", line(risk={"answers": {}, "override": {"level": "low", "reason": "r", "x": 1}}),
     "risk.override.x", "not a field"),
    ("a field of no level", line(phone="13812345678"), "phone", "not a field"),
    ("a call in 2099", line(started_at="2099-05-01T22:14:00+08:00", ended_at=None), "started_at", "2000-01-01"),
    ("a 10-year call", line(started_at="2015-05-01T22:14:00+08:00", ended_at="2025-05-01T22:58:10+08:00"),
     "ended_at", "24 hours"),
    ("a call of 24 h and a second", line(ended_at="2025-05-02T22:14:01+08:00"), "ended_at", "24 hours"),
    ("a call that ends before it starts", line(ended_at="2025-05-01T22:00:00+08:00"), "ended_at", "before"),
    ("a crisis action in year 1", line(crisis_actions=[{"action": "police_110", "at": "0001-01-01T00:00:00Z"}]),
     "crisis_actions[0].at", "2000-01-01"),
    ("a follow-up due in 9999", line(follow_up={"due": "9999-12-31T23:00:00-08:00"}), "follow_up.due", "2000-01-01"),
    # the usual ways a JSON Lines file goes wrong
    ("invalid UTF-8", line(notes="x").replace(b'"x"', b'"\xff\xfe"'), None, "UTF-8"),
    ("an empty line", b"\n", None, "empty"),
    ("a line of blanks", b" \t \r\n", None, "empty"),
    ("a line of 10 MB", line(notes="很" * 3_500_000), None, "longer than 1,000,000 bytes"),
    ("NaN for a scale", no_risk_line('"risk": {"answers": {"distress": NaN}}'), "risk.answers.distress", "NaN"),
    ("Infinity for a time", raw_line('"notes": "", "ended_at": Infinity').replace(
        b', "ended_at": "2025-05-01T22:58:10+08:00"', b""), "ended_at", "Infinity"),
    ("-Infinity for a scale", no_risk_line('"risk": {"answers": {"distress": -Infinity}}'), "risk.answers.distress",
     "-Infinity"),
    ("a key written twice", raw_line('"notes": "", "kind": "silent"'), "kind", "twice"),
    ("a key written twice inside", no_risk_line('"risk": {"answers": {"plan": true, "plan": false}}'),
     "risk.answers.plan", "twice"),
    ("a number for the kind", line(kind=5), "kind", "the number 5"),
    ("a number for the notes", line(notes=12345678), "notes", "text"),
    ("a number for a concern", line(concerns=[7]), "concerns[0]", "code"),
    ("true for a scale", line(risk={"answers": {"distress": True}}), "risk.answers.distress", "true/false"),
    ("1 for an item", line(risk={"answers": {"plan": 1}}), "risk.answers.plan", "true or false"),
    ("a huge integer", no_risk_line('"risk": {"answers": {"distress": ' + "9" * 5000 + "}}"),
     "risk.answers.distress", "5,000 digits"),
    ("a huge float", no_risk_line('"risk": {"answers": {"distress": 1e999}}'), "risk.answers.distress", "inf"),
    ("-0 for first_call", no_risk_line('"caller": {"first_call": -0}').replace(
        b'"caller": {"age_band": "18_24", "gender": "female", "region": "310000", "first_call": true}, ', b""),
     "caller.first_call", "true or false"),
    ("-0.0 for a scale", no_risk_line('"risk": {"answers": {"distress": -0.0}}'), "risk.answers.distress", "-0.0"),
    ("11 for a scale", line(risk={"answers": {"distress": 11}}), "risk.answers.distress", "0 to 10"),
    ("a time without zone", line(started_at="2025-05-01T22:14:00"), "started_at", "time zone"),
    ("a time that is not one", line(started_at="yesterday"), "started_at", "not a time"),
    ("an unknown concern", line(concerns=["x.y"]), "concerns[0]", "unknown code 'x.y'"),
    ("an unknown crisis outcome", line(crisis_actions=[{"action": "police_110", "outcome": "fine"}]),
     "crisis_actions[0].outcome", "unknown code"),
    ("no start", line(started_at=None), "started_at", "missing"),
    ("a bad case code", line(case_code="ABC"), "case_code", "K7Q-39M"),
    ("an unknown risk item", line(risk={"answers": {"plan_b": True}}), "risk.answers.plan_b", "not a field"),
    ("an override without a reason", line(risk={"answers": {}, "override": {"level": "high", "reason": " "}}),
     "risk.override.reason", "needed"),
    ("JSON cut short", b'{"started_at": "2025-05-01T22:14:00+08:00", "kind": "coun\n', None, "not complete JSON"),
    ("two objects on a line", line(notes="a")[:-1] + line(notes="b"), None, "not complete JSON"),
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus_seat(tmp_path_factory):
    """One seat for the whole corpus (setting a seat up costs a second of key derivation): no line of the
    corpus may write to it, which each test checks."""
    own = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(own)
    try:
        session, _code = Seat.init(SeatPaths(tmp_path_factory.mktemp("corpus") / "seat"), "语料席位", ADMIN, "管理员",
                                   ADMIN_PASSWORD)  # fmt: skip
    finally:
        keyring.set_keyring(previous)
    yield session
    # Closed with its own keyring: the close moves the seat's anchors, and by the end of the module the
    # keyring in place may be another test's, whose file is gone (it failed so once on two workers).
    previous = keyring.get_keyring()
    keyring.set_keyring(own)
    try:
        session.close()
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def run_import(monkeypatch, capsys):
    """`run_import(session, path)` runs `main.py import PATH` in this process on `session`'s seat, logged in as
    its admin on a connection of its own; returns (exit status, stderr, stdout)."""
    monkeypatch.setattr(cli, "configure_logging", lambda _folder: None)

    def run(session, path) -> tuple[int, str, str]:
        monkeypatch.setenv(ENV_HOME, str(session.seat.paths.home))
        monkeypatch.setattr(cli, "_login", lambda _paths, **_checks: session.another())
        capsys.readouterr()
        status = cli.main(["import", str(path)])
        out = capsys.readouterr()
        return status, out.err, out.out

    return run


@pytest.fixture
def command(session, run_import):
    """`command(path)`: `run_import` on the test's own fresh seat."""
    return lambda path: run_import(session, path)


def calls(session) -> int:
    return session.store.one("SELECT count(*) FROM call")[0]


@pytest.mark.parametrize(("bad", "field", "says"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_a_malformed_line_exits_2_naming_its_line_and_field_and_nothing_is_imported(
    corpus_seat, run_import, tmp_path, bad, field, says
):
    session = corpus_seat
    assert calls(session) == 0
    path = tmp_path / "calls.jsonl"
    path.write_bytes(line() + bad + line(notes="第三通"))
    status, err, out = run_import(session, path)
    assert status == 2, err
    assert out == "" and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "1 bad line(s), nothing was imported: line 2" in err
    if field:
        assert f"line 2, field {field}: " in err
    else:
        assert re.search(r"line 2 \w", err)
    assert says in err
    assert calls(session) == 0
    assert "calls.imported" not in [e.action for e in session.audit.entries(limit=5)]


def test_a_byte_order_mark_is_named_on_line_1(session, command, tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line() + line(notes="第二通"))
    status, err, _out = command(path)
    assert status == 2 and "line 1 starts with a byte-order mark" in err and "without BOM" in err
    assert calls(session) == 0


def test_every_bad_line_is_named_and_the_count_says_how_many(session, command, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(bad for _name, bad, _field, _says in CORPUS[:25]) + line())
    status, err, _out = command(path)
    assert status == 2 and "25 bad line(s)" in err and "and 5 more" in err
    assert all(f"line {n}" in err for n in range(1, 21)) and "line 21" not in err
    assert calls(session) == 0


def test_the_bounds_are_tomorrow_on_the_seat_clock_and_2000_and_a_full_day(session, command, tmp_path, monkeypatch):
    """The last day allowed is tomorrow in seat time: pinned on the seat clock, 23:30 UTC is 07:30 next day."""
    from datetime import UTC, datetime

    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2031, 3, 9, 23, 30, tzinfo=UTC))
    assert seat_today().isoformat() == "2031-03-10"
    edge = [
        line(started_at="2031-03-11T23:59:59+08:00", ended_at=None, crisis_actions=[], follow_up=None),
        line(started_at="2000-01-01T00:00:00+08:00", ended_at="2000-01-02T00:00:00+08:00", crisis_actions=[],
             follow_up={"due": "2032-03-11T23:00:00+08:00"}),
    ]  # fmt: skip
    path = tmp_path / "edge.jsonl"
    path.write_bytes(b"".join(edge))
    status, err, out = command(path)
    assert status == 0, err
    assert "Imported 2 call(s)" in out and calls(session) == 2
    for text, field in (
        (line(started_at="2031-03-12T00:00:00+08:00", ended_at=None, crisis_actions=[]), "started_at"),
        (line(started_at="1999-12-31T23:59:59+08:00", ended_at=None, crisis_actions=[]), "started_at"),
        (line(follow_up={"due": "2032-03-13T00:00:00+08:00"}), "follow_up.due"),
    ):
        path.write_bytes(text)
        status, err, _out = command(path)
        assert status == 2 and f"line 1, field {field}: must lie between 2000-01-01 and 20" in err
    assert calls(session) == 2


def test_a_staff_code_that_passes_is_kept_as_written(session, command, tmp_path):
    path = tmp_path / "codes.jsonl"
    path.write_bytes(line(counselor="C-12.b_x") + line(counselor=" C7 ", notes="二"))
    status, err, _out = command(path)
    assert status == 0, err
    assert sorted(r[0] for r in session.store.rows("SELECT counselor FROM call")) == ["C-12.b_x", "C7"]


def test_an_empty_file_is_refused_as_holding_no_calls(session, command, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    status, err, _out = command(path)
    assert status == 2 and "holds no calls" in err


def test_a_file_that_cannot_be_read_is_bad_input_not_a_failure(session, command, tmp_path):
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    status, err, _out = command(folder)
    assert status == 2 and "is not a file" in err
    status, err, _out = command(tmp_path / "nowhere.jsonl")
    assert status == 2 and "does not exist" in err


def test_the_seat_clock_moves_the_upper_bound(session, command, tmp_path, monkeypatch):
    """A call timed the day after tomorrow is refused today and accepted once the clock has moved on."""
    from datetime import UTC, datetime

    now = datetime(2030, 6, 1, 4, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "utc_now", lambda: now)
    path = tmp_path / "later.jsonl"
    path.write_bytes(line(started_at="2030-06-03T09:00:00+08:00", ended_at=None, crisis_actions=[]))
    assert command(path)[0] == 2
    now += timedelta(days=1)
    assert command(path)[0] == 0 and calls(session) == 1
