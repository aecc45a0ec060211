"""The referral directory shared by the line's seats through the centre (DESIGN.md §11, issue 15 point 5): an
entry an admin adds, edits, renames or retires at one seat reaches every other seat at its next sync; the newest
change of an entry wins whichever seat syncs first; example entries stay on their seat; the guard keeps a pulled
service's number in notes. Against the tests' real PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop import privacy
from desktop.center import enrol, sync
from desktop.directory import Directory
from tests.center_helpers import make_seat

pytestmark = pytest.mark.slow


@pytest.fixture
def line(tmp_path, pg):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    b = make_seat(tmp_path / "b", "席位B")
    enrol.enroll(b, code, pg.dsn(pg.db))
    yield a, b
    a.close()
    b.close()


def entry(session, name: str, include_retired: bool = False):
    found = [e for e in Directory(session).entries(include_retired=include_retired) if e.name == name]
    return found[0] if found else None


def sync_all(*seats) -> None:
    for seat in seats:
        sync.sync(seat.store)


def test_an_entry_added_or_changed_at_one_seat_reaches_the_other_and_is_audited(line):
    a, b = line
    directory = Directory(a)
    directory.add(
        "海淀区心理援助门诊", "psychiatric_outpatient", "110000", phone="010-62345678", hours="周一至周五 8-17"
    )
    national = Directory(a).entries()[0]
    directory.edit(national.id, hours="全天 24 小时（已核实）")
    sync_all(a, b)

    added = entry(b, "海淀区心理援助门诊")
    assert (added.kind, added.region, added.phone, added.hours) == (
        "psychiatric_outpatient", "110000", "010-62345678", "周一至周五 8-17",
    )  # fmt: skip
    assert entry(b, national.name).hours == "全天 24 小时（已核实）"
    pulled = [e for e in b.audit.entries(limit=50) if e.action == "directory.pulled"]
    assert len(pulled) == 1 and '"added": 1' in pulled[0].detail and '"changed": 1' in pulled[0].detail
    assert privacy.is_public("01062345678")  # the guard keeps the pulled service's number in a note at B
    assert b.store.one("SELECT count(*) FROM directory_change")[0] == 0  # what a pull brings is not sent back

    sync_all(a, b)  # nothing new: no second audit entry, nothing queued back from B
    assert len([e for e in b.audit.entries(limit=50) if e.action == "directory.pulled"]) == 1


def test_retired_and_renamed_entries_follow_and_examples_stay_on_their_seat(line, pg):
    a, b = line
    directory = Directory(a)
    kept = directory.add("朝阳区社区卫生服务中心", "community_health", "110000", phone="010-65000000")
    moved = directory.add("旧名字医院心理科", "psychiatric_outpatient", "110000", phone="010-66000000")
    example = directory.add("示例：某区医院", "psychiatric_outpatient", "110000", example=True)
    sync_all(a, b)
    assert entry(b, "朝阳区社区卫生服务中心") and entry(b, "旧名字医院心理科")
    assert entry(b, example.name) is None
    assert pg.admin(f"SELECT count(*) FROM center.directory WHERE name = '{example.name}'", pg.db)[0][0] == 0

    directory.retire(kept.id)
    directory.edit(moved.id, name="新名字医院心理科")
    sync_all(a, b)
    assert entry(b, "朝阳区社区卫生服务中心") is None
    assert entry(b, "朝阳区社区卫生服务中心", include_retired=True).retired
    assert entry(b, "旧名字医院心理科") is None
    assert entry(b, "新名字医院心理科").phone == "010-66000000"


def test_the_newest_change_wins_whichever_seat_syncs_first(line):
    a, b = line
    Directory(a).add("西城区危机干预中心", "social_work", "110000", phone="010-68000000", hours="旧时间")
    sync_all(a, b)
    at_a, at_b = entry(a, "西城区危机干预中心"), entry(b, "西城区危机干预中心")
    Directory(b).edit(at_b.id, hours="B 改的，较早")
    b.store.execute(
        "UPDATE resource SET updated_at = ? WHERE id = ?",
        ((datetime.now(UTC) - timedelta(minutes=5)).isoformat(timespec="milliseconds").replace("+00:00", "Z"), at_b.id),
    )  # B's edit is the older one: made offline five minutes before A's
    b.store.execute(
        "UPDATE directory_change SET changed_at = (SELECT updated_at FROM resource WHERE id = ?)", (at_b.id,)
    )
    Directory(a).edit(at_a.id, hours="A 改的，较新")
    sync_all(a, b)  # A publishes the newer one first; B's older one does not replace it
    sync_all(a, b)
    assert entry(a, "西城区危机干预中心").hours == entry(b, "西城区危机干预中心").hours == "A 改的，较新"


def test_a_centre_from_before_the_directory_gets_none_of_it_and_sync_goes_on(line, pg):
    a, b = line
    Directory(a).add("东城区心理热线", "other", "110000", phone="010-64000000")
    pg.admin("UPDATE center.meta SET value = '4' WHERE key = 'schema_version'", pg.db)  # as before migration 5
    sync_all(a, b)
    assert entry(b, "东城区心理热线") is None
    assert a.store.one("SELECT count(*) FROM directory_change WHERE name = '东城区心理热线'")[0] == 1  # kept for later
    pg.admin("UPDATE center.meta SET value = '6' WHERE key = 'schema_version'", pg.db)
    sync_all(a, b)
    assert entry(b, "东城区心理热线").phone == "010-64000000"
