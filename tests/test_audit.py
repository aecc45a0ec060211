"""The append-only, hash-chained audit log: the stored hashes are recomputed here from the documented
formula, never with the module's own function."""

import hashlib
import json

import pytest
import sqlcipher3

from desktop.errors import DatabaseError
from desktop.seat import Seat
from desktop.store.audit import GENESIS, AuditLog
from tests.conftest import ADMIN, ADMIN_PASSWORD


def test_setting_up_a_seat_starts_the_chain(session):
    entries = list(reversed(session.audit.entries()))
    assert [e.action for e in entries] == ["seat.created", "account.added", "directory.seeded"]
    assert entries[0].prev_hash == GENESIS and entries[1].prev_hash == entries[0].hash
    assert session.audit.verify() == []


def documented_hash(seq: int, at: str, actor: str, action: str, obj: str, detail: str, prev_hash: str) -> str:
    """The formula of README "How the keys work", written out here without the audit module: SHA-256 hex of
    the UTF-8 JSON array [seq, at, actor, action, object, detail, prev_hash], compact, non-ASCII as is."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    array = f"[{seq},{text(at)},{text(actor)},{text(action)},{text(obj)},{text(detail)},{text(prev_hash)}]"
    return hashlib.sha256(array.encode("utf-8")).hexdigest()


def raw_rows(store) -> list[tuple]:
    return store.rows("SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit ORDER BY seq")


def test_every_stored_hash_is_the_documented_formula_of_its_row(session):
    session.audit.append(ADMIN, "test.action", "object-1", {"n": 1, "名称": "值", "a": [1, 2]})
    session.audit.append("系统", "测试", "对象", None)
    rows = raw_rows(session.store)
    assert len(rows) >= 5 and session.audit.head() == (rows[-1][0], rows[-1][7])
    previous = GENESIS
    for seq, at, actor, action, obj, detail, prev_hash, digest in rows:
        assert prev_hash == previous
        assert digest == documented_hash(seq, at, actor, action, obj, detail, prev_hash), f"entry {seq}"
        previous = digest
    assert rows[-2][5] == '{"a": [1, 2], "n": 1, "名称": "值"}'  # the detail: its JSON, keys sorted, as stored
    assert rows[-1][5] == ""


def _raw_connection(session):
    """The seat's database on a connection of the test's own: the key as a raw key, nothing else."""
    conn = sqlcipher3.connect(str(session.store.path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{session.key.hex()}'\"")
    return conn


def test_verify_reports_a_broken_link_even_when_every_hash_matches_its_row(session):
    """prev_hash of entry 3 rewritten and its hash recomputed by the formula: only the link check can see it."""
    for step in range(3):
        session.audit.append(ADMIN, "step", str(step))
    session.store.checkpoint()
    conn = _raw_connection(session)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'"
    ).fetchall()
    assert triggers
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    seq, at, actor, action, obj, detail, _prev, _hash = conn.execute(
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit WHERE seq = 3"
    ).fetchone()
    forged_prev = "f" * 64
    conn.execute(
        "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = 3",
        (forged_prev, documented_hash(seq, at, actor, action, obj, detail, forged_prev)),
    )
    for _name, sql in triggers:  # put the triggers back: the chain is all that is wrong
        conn.execute(sql)
    conn.close()

    rows = raw_rows(session.store)
    assert all(row[7] == documented_hash(*row[:7]) for row in rows)  # every hash matches its own row
    problems = AuditLog(session.store).verify()
    assert any("entry 3 does not follow the entry before it" in p for p in problems), problems
    assert any("entry 4 does not follow" in p for p in problems), problems
    assert not any("altered" in p for p in problems)


def test_audit_rows_cannot_be_changed_or_deleted(session):
    with pytest.raises(DatabaseError, match="append-only"):
        session.store.execute("UPDATE audit SET actor = 'someone' WHERE seq = 1")
    with pytest.raises(DatabaseError, match="append-only"):
        session.store.execute("DELETE FROM audit WHERE seq = 1")


def test_verify_names_an_altered_entry(session):
    session.audit.append(ADMIN, "a", "x")
    session.audit.append(ADMIN, "b", "y")
    store = session.store
    store.execute("DROP TRIGGER audit_append_only_update")
    store.execute("UPDATE audit SET object = 'forged' WHERE seq = 3")
    problems = AuditLog(store).verify()
    assert any("entry 3 was altered" in p for p in problems)


def test_verify_names_missing_entries(session):
    for i in range(4):
        session.audit.append(ADMIN, "step", str(i))
    session.store.execute("DROP TRIGGER audit_append_only_delete")
    session.store.execute("DELETE FROM audit WHERE seq = 4")
    problems = AuditLog(session.store).verify()
    assert any("entries 4–4 are missing" in p for p in problems)


def test_log_ins_and_failures_are_audited(seat_init, paths):
    from desktop.errors import WrongPassword

    seat = Seat(paths)
    with pytest.raises(WrongPassword):
        seat.login(ADMIN, "wrong-password")
    again = Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    actions = [(e.action, e.object) for e in reversed(again.audit.entries(limit=3))]
    assert actions[-2:] == [("login.failed", ADMIN), ("login.ok", ADMIN)]
    assert again.audit.verify() == []
    again.close()
    assert Seat(paths).vault.pending_audit() == []
