"""The handover summary: every part of DESIGN.md §8 read back from the PDF, in Chinese and English."""

import errno
import json
import os
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from benchmarks.generate import generate
from desktop.accounts import AccountService
from desktop.call_model import CrisisActionInput, FollowUpInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.errors import NotPermitted, StorageError
from desktop.reports.handover import write_handover
from desktop.reports.handover_data import gather, gather_window
from desktop.seat import Seat
from desktop.shifts import ShiftService
from desktop.supervision import SupervisionService
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli
from tests.test_calls import a_call
from tests.test_monthly_pdf import needs_poppler, page_count, pdf_text

NOW = datetime.now(UTC).replace(microsecond=0)
OPENED = NOW - timedelta(hours=4)


def flat(text: str) -> str:
    """pdftotext output without line breaks or spaces, so wrapped cells read as one run."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def team(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("C001", "王咨询", "counselor", "counselor-1")
    accounts.add("C002", "李咨询", "counselor", "counselor-2")
    accounts.add("L001", "张班长", "lead", "lead-pass-1")
    return session


def as_(paths, code, password):
    return Seat(paths).login(code, password)


def save(session, minutes_in: int, **fields) -> int:
    start = OPENED + timedelta(minutes=minutes_in)
    values = dict(started_at=start, ended_at=start + timedelta(minutes=30)) | fields
    return CallService(session).save(a_call(**values)).call_id


@pytest.fixture
def shift(team, paths):
    """A closed shift: two risk calls with crisis actions, referrals and follow-ups, two ordinary calls,
    one flagged for supervision, and a handover note."""
    with as_(paths, "L001", "lead-pass-1") as lead:
        shift = ShiftService(lead).open(["C001", "C002"], NOW + timedelta(hours=4), now=OPENED)
    with as_(paths, "C001", "counselor-1") as one:
        high = save(
            one, 10, case_code="K7Q-39M",
            risk=RiskInput({"ideation_current": True, "plan": True}, "high", "语气与回答不一致"),
            crisis_actions=[CrisisActionInput("stayed_on_line", OPENED + timedelta(minutes=20), "safe")],
            referrals=[ReferralInput("psychiatric_outpatient", "soon")],
            follow_ups=[FollowUpInput(NOW + timedelta(hours=2), note="明早回访确认就诊")],
        )  # fmt: skip
        save(one, 50, kind="silent", concerns=[], emotions=[], summary="", notes="")
    with as_(paths, "C002", "counselor-2") as two:
        imminent = save(
            two, 90, case_code="W29-86G",
            risk=RiskInput({"ideation_current": True}, "imminent", "已在楼顶"),
            crisis_actions=[CrisisActionInput("police_110", OPENED + timedelta(minutes=100), "rescued")],
            referrals=[ReferralInput("psychiatric_emergency", "urgent")],
            follow_ups=[FollowUpInput(NOW - timedelta(hours=1), owner="C002", note="联系家属确认安全")],
        )  # fmt: skip
        ordinary = save(two, 130, case_code="MMY-V8Z")
    with as_(paths, "L001", "lead-pass-1") as lead:
        SupervisionService(lead).add_note(ordinary, "建议下次先确认安全再讨论资源；来电者手机 13912345678。")
        ShiftService(lead).close("两例高危已交接，W29-86G 需优先回访。", now=NOW)
    return {"id": shift.id, "high": high, "imminent": imminent, "ordinary": ordinary}


@needs_poppler
def test_the_summary_holds_every_part_of_the_handover(team, paths, shift, font, tmp_path):
    target = tmp_path / "handover.pdf"
    with as_(paths, "L001", "lead-pass-1") as lead:
        data = gather(lead, shift["id"])
        write_handover(data, target, "zh")
        seq, digest = lead.audit.head()
    text = flat(pdf_text(target))
    assert "交接班摘要" in text and "测试席位" in text and "张班长(L001)" in text
    assert "王咨询(C001)" in text and "李咨询(C002)" in text
    assert "来电总数" in text and data.calls == 4
    assert "心理咨询3" in text and "无声来电1" in text  # totals by call kind
    assert "K7Q-39M" in text and "W29-86G" in text  # every high or imminent call
    assert "高风险" in text and "紧急风险" in text and "语气与回答不一致" in text
    assert "呼叫110" in text or "110" in text
    assert "明早回访确认就诊" in text and "联系家属确认安全" in text and "已逾期" in text
    assert "督导标记的来电" in text and "MMY-V8Z" in text and "建议下次先确认安全" in text
    assert "13912345678" not in text  # the supervision note went through the guard
    assert "两例高危已交接" in text
    assert f"序号{seq}" in text and digest in text  # the audit head, as the seat has it now
    assert "交班班长签名" in text and "接班班长签名" in text
    pages = page_count(target)
    assert text.count("内部资料注意保密") >= pages and f"共{pages}页" in text


@needs_poppler
def test_a_call_saved_without_an_assessment_reads_not_assessed_never_no_risk(team, paths, shift, tmp_path):
    with as_(paths, "C001", "counselor-1") as one:  # a follow-up on a call nobody assessed
        save(one, 140, case_code="NA4-2B3", follow_ups=[FollowUpInput(NOW + timedelta(hours=3), note="再联系")])
    target = tmp_path / "handover.pdf"
    with as_(paths, "L001", "lead-pass-1") as lead:
        data = gather(lead, shift["id"])
        write_handover(data, target, "zh")
    [supervised] = data.supervised
    assert supervised.call_id == shift["ordinary"] and not supervised.assessed
    assert [f.assessed for f in data.follow_ups if f.case_code == "NA4-2B3"] == [False]
    assert all(f.assessed for f in data.follow_ups if f.case_code != "NA4-2B3")
    text = flat(pdf_text(target))
    assert "NA4-2B3" in text and text.count("未评估") == 2  # the follow-up's row and the supervised call's
    assert "无风险" not in text  # no call of this shift was assessed at no risk


@needs_poppler
def test_the_english_summary(team, paths, shift, tmp_path):
    target = tmp_path / "handover-en.pdf"
    with as_(paths, "L001", "lead-pass-1") as lead:
        write_handover(gather(lead, shift["id"]), target, "en")
    text = pdf_text(target)
    assert "Shift handover summary" in text and "High and imminent risk calls" in text
    assert "K7Q-39M" in text and "Page 1 of" in text and "Outgoing lead" in text


@needs_poppler
def test_a_shift_with_no_calls_is_a_short_valid_summary(team, paths, tmp_path):
    with as_(paths, "L001", "lead-pass-1") as lead:
        shift = ShiftService(lead).open([], NOW + timedelta(hours=1), now=NOW - timedelta(minutes=5))
        ShiftService(lead).close("平静的一班。", now=NOW)
        target = tmp_path / "empty.pdf"
        write_handover(gather(lead, shift.id), target)
    text = flat(pdf_text(target))
    assert page_count(target) == 1 and "本班次没有来电记录" in text and "平静的一班" in text


@needs_poppler
def test_500_calls_and_a_20000_character_note_flow_over_pages_with_headers_repeated(team, paths, tmp_path):
    with as_(paths, "L001", "lead-pass-1") as lead:
        shift = ShiftService(lead).open(["C001"], NOW + timedelta(hours=20), now=NOW - timedelta(hours=4))
    codes = []
    for n in range(500):
        start = NOW - timedelta(hours=4) + timedelta(seconds=25 * n)
        high = n % 10 == 0
        code = f"{'ABCDEFGHJK'[n // 100 % 10]}{'23456789AB'[n // 10 % 10]}{'CDEFGHJKMN'[n % 10]}-2{n % 7 + 2}Q"
        fields = dict(started_at=start, ended_at=start + timedelta(seconds=20), case_code=code)
        if high:
            fields["risk"] = RiskInput({"ideation_current": True}, "high", "复核")
            codes.append(code)
        CallService(team).save(a_call(**fields))
    with as_(paths, "L001", "lead-pass-1") as lead:
        ShiftService(lead).close(("交接内容很长。" * 3000)[:20_000], now=NOW)
        target = tmp_path / "long.pdf"
        data = gather(lead, shift.id)
        write_handover(data, target)
    assert data.calls == 500 and len(data.risk_calls) == 50
    text = pdf_text(target)
    pages = page_count(target)
    assert pages >= 5 and all(code in text for code in codes)
    assert text.count("个案编码") >= 3  # the risk table's header is repeated on the pages it flows onto
    assert f"第 {pages} 页，共 {pages} 页" in text or f"第{pages}页，共{pages}页" in flat(text)


def test_counselors_cannot_make_a_handover(team, paths, shift):
    with as_(paths, "C001", "counselor-1") as one, pytest.raises(NotPermitted):
        gather(one, shift["id"])


def test_a_folder_that_refuses_the_write_leaves_nothing(team, paths, shift, tmp_path, monkeypatch):
    with as_(paths, "L001", "lead-pass-1") as lead:
        data = gather(lead, shift["id"])

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match="cannot be written"):
        write_handover(data, folder / "handover.pdf")
    assert list(folder.iterdir()) == []


def test_a_window_gathers_the_calls_that_started_in_it(team, paths, shift):
    with as_(paths, "L001", "lead-pass-1") as lead:
        data = gather_window(lead, OPENED + timedelta(minutes=60), NOW)
    assert data.calls == 2 and [c.case_code for c in data.risk_calls] == ["W29-86G"]


@needs_poppler
def test_the_headless_command_on_an_imported_seat(tmp_path):
    home = tmp_path / "seat"
    login = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    assert run_cli("init", "--seat", "导入席位", "--admin", ADMIN, home=home, env=login).returncode == 0
    source = tmp_path / "calls.jsonl"
    source.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in generate(300, 7, date(2025, 1, 1), 3)), "utf-8"
    )
    assert run_cli("import", str(source), home=home, env=login).returncode == 0
    out = tmp_path / "out" / "last.pdf"
    out.parent.mkdir()
    done = run_cli("handover", "--last", "--out", str(out), home=home, env=login)
    assert done.returncode == 0, done.stderr
    assert "交接班摘要" in pdf_text(out) and "written to" in done.stdout
    window = run_cli(
        "handover", "--from", "2025-01-01T00:00", "--to", "2025-01-02T00:00", "--out", str(tmp_path / "w.pdf"),
        "--lang", "en", home=home, env=login,
    )  # fmt: skip
    assert window.returncode == 0 and "Shift handover summary" in pdf_text(tmp_path / "w.pdf")
    bad = run_cli("handover", "--from", "yesterday", "--to", "now", "--out", str(out), home=home, env=login)
    assert bad.returncode == 2 and "is not a time" in bad.stderr
    missing = run_cli("handover", "--shift", "999999", "--out", str(out), home=home, env=login)
    assert missing.returncode == 2 and "no shift 999999" in missing.stderr
    unwritable = run_cli("handover", "--last", "--out", str(tmp_path / "nope" / "x.pdf"), home=home, env=login)
    assert unwritable.returncode == 1 and len(unwritable.stderr.splitlines()) == 1


@needs_poppler
def test_the_printed_summary_reads_well_at_the_end_of_a_night(team, paths, shift, tmp_path):
    """No ': -' after a follow-up without a note, staff codes whole in their cells, one rounding for minutes,
    nothing under 9 pt, and a referral dated by its call, not by when the record was written."""
    from desktop.reports.handover import _styles

    with as_(paths, "C001", "counselor-1") as one:  # a high-risk call whose follow-up has no note
        save(
            one, 150, case_code="NN2-3PQ",
            risk=RiskInput({"plan": True}),
            referrals=[ReferralInput("sleep_clinic", "routine")],
            follow_ups=[FollowUpInput(NOW + timedelta(hours=5))],
        )  # fmt: skip
    target = tmp_path / "handover.pdf"
    with as_(paths, "L001", "lead-pass-1") as lead:
        data = gather(lead, shift["id"])
        write_handover(data, target, "zh")
    text = pdf_text(target)
    assert ":-" not in flat(text) and "：-" not in flat(text)
    for code in ("C001", "C002"):  # each code stands on a line of its own, never broken across two
        assert re.search(rf"^\s*\({code}\)", text, re.MULTILINE) or f"({code})" in text
        assert not re.search(rf"\({code[:2]}\s*\n\s*{code[2:]}\)", text)
    minutes = re.findall(r"\b\d[\d,]*\.\d\b", text)
    assert minutes and all(len(m.split(".")[1]) == 1 for m in minutes)
    assert min(style.fontSize for style in _styles("Helvetica").values()) >= 9
    [sleep] = [r for r in data.open_referrals if r.kind == "sleep_clinic"]
    assert sleep.updated_at == OPENED + timedelta(minutes=180)  # the call's end, not the moment of saving
