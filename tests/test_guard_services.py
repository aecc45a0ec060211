"""The guard behind every service (issue 13, point 8): one registry of free text, the counselor's choices
reaching each service's guard and the draft, public numbers from the directory, the search index fed
guarded text only, and an import that counts what it hid by kind."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop import exchange, free_text
from desktop.call_model import SAFETY_PLAN_FIELDS, FollowUpInput, RiskInput, guarded_form
from desktop.calls import CallService
from desktop.directory import Directory
from desktop.privacy import Choices
from desktop.retention import shred_expired
from desktop.shifts import ShiftService
from desktop.store.search import index_text
from desktop.supervision import SupervisionService
from tests.test_calls import a_call
from tests.test_exchange import GOOD, write_lines

# Text columns that are not free text: codes, times, staff codes, hashes, settings, the audit chain.
NOT_FREE_TEXT = {
    ("account",), ("safety_plan", "updated_at"),
    ("audit",), ("setting",), ("resource",), ("outbox",), ("center",), ("schema_migrations",),
    ("call", "case_code"), ("call", "started_at"), ("call", "ended_at"), ("call", "counselor"), ("call", "kind"),
    ("call", "age_band"), ("call", "gender"), ("call", "region"), ("call", "status"), ("call", "created_at"),
    ("call", "updated_at"), ("call", "risk_level"), ("call", "content_hash"), ("call", "shredded_at"),
    ("call_concern", "code"), ("call_emotion", "code"), ("call_intervention", "code"),
    ("amendment", "author"), ("amendment", "at"), ("supervision_note", "author"), ("supervision_note", "created_at"),
    ("draft", "account"), ("draft", "saved_at"),
    ("follow_up", "due_at"), ("follow_up", "owner"), ("follow_up", "done_at"), ("follow_up", "done_by"),
    ("follow_up", "created_at"),
    ("risk_assessment",), ("crisis_action",), ("referral",),
    ("shift",),
    ("call", "uuid"), ("follow_up", "uuid"),
    ("center_link",), ("center_seat",), ("center_shift",), ("center_follow_up",),
    ("center_event", "kind"), ("center_event", "queued_at"), ("center_cache", "key"), ("center_cache", "stored_at"),
    ("directory_change",),  # the identity (name, kind, region) of a public service, as ("resource",)
}  # fmt: skip
NOT_FREE_TEXT_BUT = {("risk_assessment", "override_reason"), ("shift", "handover_note"), ("center_follow_up", "note")}


def test_every_text_column_of_the_schema_is_registered_free_text_or_known_not_to_be(session):
    fields = (*free_text.CALL_TEXT, free_text.HANDOVER_NOTE, *free_text.CENTRE_TEXT)
    registered = {(f.table, c) for f in fields for c in f.columns}
    unknown = []
    tables = [r[0] for r in session.store.rows("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    for table in tables:
        if table.startswith(("notes_fts_", "sqlite_")):
            continue
        for _cid, column, kind, *_rest in session.store.rows(f"PRAGMA table_info({table})"):
            if kind.upper() != "TEXT" and table != "notes_fts":
                continue
            key = (table, column)
            known = key in registered or (key not in NOT_FREE_TEXT_BUT and ({key, (table,)} & NOT_FREE_TEXT))
            if not known:
                unknown.append(key)
    assert unknown == [], f"text columns neither registered as free text nor known to hold none: {unknown}"


def every_field_marked(marker: str):
    """A call form whose every free-text field holds `marker`, and the marks that hide it."""
    return a_call(
        notes=f"记录{marker}",
        summary=f"摘要{marker}",
        city=f"城市{marker}",
        keywords=[f"词{marker}"],
        risk=RiskInput({"ideation_current": True}, "high", f"理由{marker}"),
        follow_ups=[FollowUpInput(datetime.now(UTC) + timedelta(days=1), note=f"随访{marker}")],
        safety_plan={key: f"{key}{marker}" for key in SAFETY_PLAN_FIELDS},
    )


def test_the_registry_reaches_every_free_text_field_of_a_call_form():
    form = every_field_marked("蓝月亮")
    names = {name for name, _text in free_text.form_texts(form)}
    assert names == {f.name for f in free_text.CALL_FIELDS}
    guarded, hidden = guarded_form(form, Choices(marks={"蓝月亮"}))
    assert "蓝月亮" not in guarded.to_json()
    assert hidden["marked"] == 7 + len(SAFETY_PLAN_FIELDS) - 1  # the keyword holding it is dropped instead


def test_marks_and_unticks_reach_the_call_its_draft_and_its_audit_but_never_their_text(session):
    service = CallService(session)
    form = a_call(notes="她在蓝月亮酒吧上班。今天和王小明吵架了，我叫李建国。", summary="蓝月亮酒吧的事")
    choices = Choices(keep={"王小明", "李建国"}, marks={"蓝月亮酒吧"})
    service.save_draft(form, None, choices)
    draft = session.store.one("SELECT payload FROM draft")[0]
    assert "蓝月亮" not in draft and "〔已隐藏〕" in draft
    result = service.save(form, None, choices)
    notes, summary = session.store.one("SELECT notes, summary FROM call WHERE id = ?", (result.call_id,))
    assert notes == "她在〔已隐藏〕上班。今天和王小明吵架了，我叫〔姓名〕。"  # a sure name is hidden all the same
    assert summary == "〔已隐藏〕的事"
    detail = json.loads(session.store.one("SELECT detail FROM audit WHERE action = 'call.saved'")[0])
    assert detail == {"marked": 2, "name": 1, "unticked": 1}
    assert "蓝月亮" not in json.dumps(detail, ensure_ascii=False)


def test_every_later_free_text_goes_through_the_guard_with_the_choices(session):
    calls = CallService(session)
    call_id = calls.save(a_call()).call_id
    choices = Choices(marks={"蓝月亮"})
    calls.add_amendment(call_id, "补充：她在蓝月亮上班，电话13812345678", choices)
    SupervisionService(session).add_note(call_id, "蓝月亮的事要跟进，我叫李建国", choices)
    shift = ShiftService(session)
    current = shift.open([session.actor], datetime.now(UTC) + timedelta(hours=8))
    shift.set_note(current.id, "交接：蓝月亮", choices)
    texts = [r[0] for r in session.store.rows("SELECT text FROM amendment UNION ALL SELECT text FROM supervision_note")]
    texts.append(session.store.one("SELECT handover_note FROM shift WHERE id = ?", (current.id,))[0])
    assert texts == [
        "补充：她在〔已隐藏〕上班，电话〔手机号〕",
        "〔已隐藏〕的事要跟进，我叫〔姓名〕",
        "交接：〔已隐藏〕",
    ]


def test_the_directory_numbers_are_public_from_log_in_and_after_each_change(seat_init, paths):
    from desktop.seat import Seat
    from tests.conftest import ADMIN, ADMIN_PASSWORD

    session, _code = seat_init
    note = "转介到社区心理中心 0571-8765 4321，明天打。"
    assert CallService(session).save(a_call(notes=note)).hidden == {"landline": 1}
    Directory(session).add("社区心理中心（示例）", "community_health", "330000", phone="(0571) 87654321")
    saved = CallService(session).save(a_call(notes=note))
    assert not saved.hidden
    session.close()
    from desktop.privacy import set_public_numbers

    set_public_numbers([])  # what a fresh process knows before log-in
    again = Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    try:
        assert not CallService(again).save(a_call(notes=note)).hidden
    finally:
        again.close()


def test_the_search_index_holds_only_guarded_text(session):
    service = CallService(session)
    service.save(a_call(notes="我叫王小明，住在新华路281号，失眠严重。", summary="王小明失眠"))
    session.store.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, notes_fts, 'row')")
    terms = {row[0] for row in session.store.rows("SELECT term FROM temp.v")}
    assert "失眠" in terms
    for identifier in ("王小明", "新华路"):
        assert not {t for t in index_text(identifier).split() if len(t) == 2} & terms


def test_an_import_counts_what_it_hid_by_kind(session, tmp_path):
    line = GOOD | {"notes": "我叫王小明，电话13812345678，住在新华路281号。", "summary": "京A·12345"}
    report = exchange.import_file(session, write_lines(tmp_path / "i.jsonl", line))
    assert report.hidden == {"name": 1, "mobile": 1, "address": 1, "plate": 1}
    detail = json.loads(session.store.one("SELECT detail FROM audit WHERE action = 'calls.imported'")[0])
    assert detail["hidden_by_kind"] == {"address": 1, "mobile": 1, "name": 1, "plate": 1}


@pytest.mark.parametrize("field", [f for f in free_text.CALL_TEXT if f.name != "search_index"], ids=lambda f: f.name)
def test_the_retention_shred_empties_every_registered_field(session, field):
    service = CallService(session)
    call_id = service.save(every_field_marked("旧事"), None).call_id
    service.add_amendment(call_id, "补充旧事")
    SupervisionService(session).add_note(call_id, "督导旧事")
    session.store.execute("UPDATE follow_up SET outcome = '结果旧事' WHERE call_id = ?", (call_id,))
    session.store.execute(
        "INSERT INTO draft (account, call_id, saved_at, payload) VALUES ('X', ?, '2020-01-01', ?)",
        (call_id, json.dumps({"notes": "旧事"})),
    )
    shred_expired(session, now=datetime.now(UTC) + timedelta(days=365 * 4))
    for column in field.columns:
        rows = session.store.rows(f"SELECT {column} FROM {field.table} WHERE {field.owner} = ?", (call_id,))
        assert all("旧事" not in (value or "") for (value,) in rows), (field.table, column)
