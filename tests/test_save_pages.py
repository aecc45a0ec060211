"""A save writes each page once and as few as it can (issue 17): a new call goes in with its final risk
level (no second write of the row and its index entries), each code table takes one statement, nothing
is deleted for a call that did not exist, and the notes index writes leaves that fit a page."""

import random
import uuid
from datetime import UTC, datetime, timedelta

from desktop.call_model import CallFilter, CallInput, CrisisActionInput, ReferralInput, RiskInput
from desktop.calls import CallService
from desktop.risk import NOT_ASSESSED

START = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)  # editable: within 24 h of its end
CODE_TABLES = ("call_concern", "call_emotion", "call_intervention", "call_keyword")
# A table row holds at most page size - SQLCipher's 48 reserved bytes - 35 on its page (SQLite's
# max local payload); a notes-index leaf is a blob with a 3-byte record header.
MAX_LEAF = 4096 - 48 - 35 - 3


def full_call(**fields) -> CallInput:
    values = dict(
        kind="counselling",
        started_at=START,
        ended_at=START + timedelta(minutes=40),
        concerns=["suicide.ideation", "mental.sleep", "mental.sleep"],
        emotions=["hopelessness", "anxiety"],
        interventions=["active_listening", "safety_planning"],
        keywords=["失眠", "考研"],
        notes="来电者说最近失眠，压力很大。",
        risk=RiskInput({"ideation_current": True, "plan": True}, "imminent", "已准备"),
        crisis_actions=[CrisisActionInput("police_110", START + timedelta(minutes=5), "rescued")],
        referrals=[ReferralInput("psychiatric_emergency", "urgent")],
    )
    values.update(fields)
    return CallInput(**values)


def recorded(store, monkeypatch) -> list[str]:
    statements, real = [], store.execute

    def recording(sql, params=()):
        statements.append(" ".join(sql.split()))
        return real(sql, params)

    monkeypatch.setattr(store, "execute", recording)
    return statements


def test_a_new_call_is_written_once_with_one_statement_per_code_table(session, monkeypatch):
    service = CallService(session)
    statements = recorded(session.store, monkeypatch)
    call_id = service.save(full_call()).call_id
    monkeypatch.undo()

    writes = [s for s in statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert not [s for s in writes if s.startswith("UPDATE call ")]  # the row is written once
    assert [s for s in writes if s.startswith("DELETE")] == ["DELETE FROM draft WHERE account = ?"]
    for table in CODE_TABLES:
        assert sum(s.startswith(f"INSERT INTO {table} ") for s in writes) == 1, table
    assert not [s for s in writes if "notes_fts" in s]  # the schema's trigger writes the call's entry
    store = session.store
    assert store.one("SELECT count(*) FROM notes_fts WHERE rowid = ?", (call_id,)) == (1,)
    assert store.one("SELECT risk_level FROM call WHERE id = ?", (call_id,)) == ("imminent",)
    record = service.get(call_id)
    assert sorted(record.form.concerns) == ["mental.sleep", "suicide.ideation"]  # a repeated code once
    assert sorted(record.form.keywords) == ["失眠", "考研"] and record.risk_level == "imminent"
    # the UUID goes in with the row, time-ordered: the centre's trigger (a version 4 UUID written into the row
    # a second time, at a random place of its index) had nothing to do
    first, follow_up = store.one(
        "SELECT c.uuid, f.uuid FROM call c JOIN follow_up f ON f.call_id = c.id WHERE c.id = ?", (call_id,)
    )
    assert uuid.UUID(first).version == 7 and uuid.UUID(follow_up).version == 7
    unassessed = service.save(full_call(risk=None, crisis_actions=[], referrals=[])).call_id
    later = store.one("SELECT uuid FROM call WHERE id = ?", (unassessed,))[0]
    assert uuid.UUID(first).int >> 80 <= uuid.UUID(later).int >> 80  # their first 48 bits: milliseconds
    # stored as "none" without an assessment row, as an edit stores it: the lists and statistics tell them apart
    assert store.one("SELECT risk_level FROM call WHERE id = ?", (unassessed,)) == ("none",)
    assert CallService(session).count_calls(CallFilter(risk_level=NOT_ASSESSED)) == 1


def test_an_edit_still_replaces_the_codes_the_risk_and_the_search_entry(session):
    service = CallService(session)
    call_id = service.save(full_call()).call_id
    edited = full_call(concerns=["work.stress"], keywords=["加班"], notes="加班很多。", risk=None, crisis_actions=[])
    service.save(edited, call_id)
    record = service.get(call_id)
    assert record.form.concerns == ["work.stress"] and record.form.keywords == ["加班"]
    assert record.risk_level == "none" and record.form.risk is None and record.form.crisis_actions == []
    assert session.store.one("SELECT risk_level FROM call WHERE id = ?", (call_id,)) == ("none",)
    search = session.store.rows("SELECT rowid FROM notes_fts WHERE notes_fts MATCH '\"加班\"'")
    assert search == [(call_id,)]
    assert session.store.rows("SELECT rowid FROM notes_fts WHERE notes_fts MATCH '\"失眠\"'") == []


def test_every_leaf_of_the_notes_index_fits_on_its_page(session):
    """A leaf longer than a page row can hold spills into an overflow page, written and read with it."""
    rnd, service = random.Random(5), CallService(session)
    for n in range(150):
        notes = "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(600))
        service.save(CallInput(kind="counselling", started_at=START + timedelta(hours=n), notes=notes))
    store = session.store
    store.execute("INSERT INTO notes_fts (notes_fts) VALUES ('optimize')")  # full leaves, as a merged index has
    longest, leaves = store.one("SELECT max(length(block)), count(*) FROM notes_fts_data WHERE id > 10")
    assert leaves > 100 and 3800 < longest <= MAX_LEAF
