"""The referral directory: seeding, roles, admin changes with their audit, JSON Lines import and export."""

import json

import pytest

from desktop.accounts import AccountService
from desktop.config import SeatPaths
from desktop.directory import Directory, check_entry, read_seed
from desktop.errors import BadInput, NotPermitted
from desktop.resources import resource_path
from desktop.seat import Seat
from tests.conftest import ADMIN_PASSWORD

NATIONAL_LINES = {
    "110": "police_110",
    "120": "ambulance_120",
    "119": "other",
    "12355": "youth_12355",
    "12338": "women_12338",
    "12348": "legal_aid_12348",
    "12345": "government_12345",
    "12356": "other",
}


def actions(session, count: int) -> list[str]:
    return [entry.action for entry in reversed(session.audit.entries(limit=count))]


@pytest.fixture
def directory(session) -> Directory:
    """The directory of a seat, emptied of the entries set-up seeded so each test starts from nothing."""
    session.store.execute("DELETE FROM resource")
    return Directory(session)


def test_a_new_seat_comes_with_the_national_lines(session):
    entries = Directory(session).entries()
    assert {e.phone for e in entries if e.region == "national"} >= {"110", "120", "119", "12356"}
    assert "directory.seeded" in actions(session, 5)


@pytest.fixture
def counselor(session, paths):
    AccountService(session).add("C001", "王", "counselor", "counselor-1")
    with Seat(paths).login("C001", "counselor-1") as me:
        yield me


def test_seeding_adds_the_national_lines_once(directory, session):
    added = directory.seed_if_empty()
    assert added == len(read_seed(resource_path("directory/seed.json")))
    assert directory.seed_if_empty() == 0
    entries = directory.entries()
    assert len(entries) == added
    national = [entry for entry in entries if entry.region == "national"]
    assert {entry.phone: entry.kind for entry in national} == NATIONAL_LINES
    assert not any(entry.example for entry in national)
    assert entries[: len(national)] == national  # national lines come first
    by_phone = {entry.phone: entry for entry in national}
    assert "报警" in by_phone["110"].name and "急救" in by_phone["120"].name and "火警" in by_phone["119"].name
    assert "心理援助" in by_phone["12356"].name
    assert by_phone["110"].hours == by_phone["120"].hours == "24小时"
    assert actions(session, 1) == ["directory.seeded"]
    assert json.loads(session.audit.entries(limit=1)[0].detail) == {"count": added}


def test_examples_are_marked_as_examples(directory):
    directory.seed_if_empty()
    examples = [entry for entry in directory.entries() if entry.region != "national"]
    assert len(examples) >= 3
    for entry in examples:
        assert entry.example
        assert entry.name.startswith("示例")
        assert entry.phone.startswith("010-0000-")
    kinds = {entry.kind for entry in examples}
    assert {"psychiatric_emergency", "psychological_outpatient", "school_counseling", "community_health"} <= kinds


def test_a_directory_with_only_retired_entries_is_not_seeded_again(directory):
    entry = directory.add("某机构", "social_work")
    directory.retire(entry.id)
    assert directory.seed_if_empty() == 0
    assert directory.entries() == []


def test_counselors_read_but_cannot_change(directory, counselor):
    directory.seed_if_empty()
    theirs = Directory(counselor)
    entries = theirs.entries()
    assert entries and theirs.get(entries[0].id) == entries[0]
    with pytest.raises(NotPermitted):
        theirs.add("某机构", "social_work")
    with pytest.raises(NotPermitted):
        theirs.edit(entries[0].id, hours="9:00–17:00")
    with pytest.raises(NotPermitted):
        theirs.retire(entries[0].id)
    with pytest.raises(NotPermitted):
        theirs.import_json('{"name": "某机构", "kind": "social_work"}\n')
    assert directory.entries() == entries


def test_admin_adds_edits_retires_and_restores_with_audit(directory, session):
    entry = directory.add("某区社工服务站", "social_work", "310000", "021-0000-0000", "工作日", "可预约上门")
    assert (entry.name, entry.kind, entry.region, entry.phone) == (
        "某区社工服务站",
        "social_work",
        "310000",
        "021-0000-0000",
    )
    assert not entry.example and not entry.retired
    edited = directory.edit(entry.id, hours="周一至周六", notes="另见 12345")
    assert (edited.hours, edited.notes, edited.name) == ("周一至周六", "另见 12345", entry.name)
    assert directory.edit(entry.id, hours="周一至周六") == edited  # no change, no audit entry
    retired = directory.retire(entry.id)
    assert retired.retired and directory.entries() == []
    assert directory.entries(include_retired=True) == [retired]
    assert directory.get(entry.id) == retired  # old referrals still find it
    assert directory.restore(entry.id) == edited
    assert actions(session, 4) == ["directory.added", "directory.edited", "directory.retired", "directory.restored"]
    details = [e.detail for e in session.audit.entries(limit=4)]
    assert json.loads(details[2]) == {"fields": ["hours", "notes"]}
    assert all("社工" not in detail and "12345" not in detail for detail in details)
    assert {e.object for e in session.audit.entries(limit=4)} == {f"resource:{entry.id}"}


def test_filters_and_order(directory):
    directory.seed_if_empty()
    local = directory.add("某市心理门诊", "psychological_outpatient", "440000", "020-0000-0000")
    police = directory.entries(kind="police_110")
    assert [entry.phone for entry in police] == ["110"]
    guangdong = directory.entries(region="440000")
    assert local in guangdong and all(entry.region in ("440000", "national") for entry in guangdong)
    assert guangdong[-1] == local


def test_bad_entries_are_refused(directory):
    for phone in ("010-0000-0000 转 8", "电话110", "12345a", "010/0000"):
        with pytest.raises(BadInput, match="phone number"):
            directory.add("某机构", "social_work", phone=phone)
    with pytest.raises(BadInput, match="unknown kind"):
        directory.add("某机构", "fortune_teller")
    with pytest.raises(BadInput, match="unknown region"):
        directory.add("某机构", "social_work", region="999999")
    with pytest.raises(BadInput, match="name is missing"):
        directory.add("   ", "social_work")
    with pytest.raises(BadInput, match="longer than 1000"):
        directory.add("某机构", "social_work", notes="字" * 1001)
    entry = directory.add("某机构", "social_work", phone="(010) 0000-0000")
    with pytest.raises(BadInput, match="no field"):
        directory.edit(entry.id, website="x")
    with pytest.raises(BadInput, match="already has"):
        directory.add("某机构", "social_work", phone=entry.phone)
    assert len(directory.entries()) == 1


def test_full_width_digits_are_accepted_and_made_plain(directory):
    entry = directory.add("某机构", "social_work", phone="+86 (10) ０１０-００００")
    assert entry.phone == "+86 (10) 010-0000"


def test_export_then_import_into_a_fresh_seat_round_trips(directory, tmp_path):
    directory.seed_if_empty()
    directory.add("某区社工服务站", "social_work", "310000", "021-0000-0000", "工作日", "第一行\n第二行")
    gone = directory.add("已撤销的机构", "other")
    directory.retire(gone.id)
    text = directory.export_json()
    lines = text.splitlines()
    assert len(lines) == len(directory.entries()) and all(json.loads(line) for line in lines)
    assert "示例" in text  # UTF-8 text, not \u escapes

    other, _ = Seat.init(SeatPaths(tmp_path / "other"), "另一席位", "A002", "管理员", ADMIN_PASSWORD)
    with other:
        other.store.execute("DELETE FROM resource")  # an empty directory, not the seeded one
        fresh = Directory(other)
        assert fresh.import_json("\n" + text + "\n\n") == len(lines)
        assert [entry.fields() for entry in fresh.entries()] == [entry.fields() for entry in directory.entries()]
        assert fresh.import_json(text) == 0  # equal entries are skipped
        assert len(fresh.entries()) == len(lines)
        assert actions(other, 2) == ["directory.imported", "directory.imported"]
        assert json.loads(other.audit.entries(limit=1)[0].detail) == {"count": 0, "skipped": len(lines)}


def test_an_import_with_bad_lines_names_them_and_imports_nothing(directory, session):
    good = json.dumps({"name": "某机构", "kind": "social_work"}, ensure_ascii=False)
    text = "\n".join(
        [
            good,
            json.dumps({"name": "某门诊", "kind": "psychological_outpatient", "region": "110000"}, ensure_ascii=False),
            json.dumps({"name": "某神秘机构", "kind": "fortune_teller"}, ensure_ascii=False),
            json.dumps({"name": "某睡眠门诊", "kind": "sleep_clinic"}, ensure_ascii=False),
            '{"name": "某机构", "kind": ',
            good.replace("某机构", "另一机构"),
        ]
    )
    head = session.audit.head()
    with pytest.raises(BadInput) as failure:
        directory.import_json(text)
    message = str(failure.value)
    assert "Line 3: unknown kind 'fortune_teller'" in message
    assert "Line 5: not valid JSON" in message
    assert "Line 1" not in message and "Line 2" not in message and "Line 4" not in message
    assert "nothing was imported" in message
    assert directory.entries(include_retired=True) == []
    assert session.audit.head() == head


def test_an_import_checks_required_fields_types_and_phone(directory):
    lines = [
        '{"kind": "social_work"}',
        '{"name": "某机构"}',
        '["not", "an", "object"]',
        '{"name": "某机构", "kind": "social_work", "phone": "call 110"}',
        '{"name": "某机构", "kind": "social_work", "example": "yes"}',
        '{"name": "某机构", "kind": "social_work", "region": "national", "phon": "110"}',
        '{"name": 12, "kind": "social_work"}',
    ]
    with pytest.raises(BadInput) as failure:
        directory.import_json("\n".join(lines))
    message = str(failure.value)
    for number, words in enumerate(
        (
            "name is missing",
            "kind is missing",
            "not a JSON object",
            "phone number",
            "'example'",
            "unknown field",
            "'name' must be text",
        ),
        start=1,
    ):
        assert f"Line {number}: " in message and words in message
    assert "7 bad line(s)" in message
    assert directory.entries() == []


def test_check_entry_defaults_and_cleans():
    entry, problems = check_entry({"name": "  某\t机构\n", "kind": "other", "_comment": "ignored"})
    assert problems == []
    assert entry == {
        "name": "某 机构",
        "kind": "other",
        "region": "national",
        "phone": "",
        "hours": "",
        "notes": "",
        "example": False,
    }
