"""The append-only, hash-chained audit log."""

import pytest

from desktop.errors import DatabaseError
from desktop.seat import Seat
from desktop.store.audit import GENESIS, AuditLog, entry_hash
from tests.conftest import ADMIN, ADMIN_PASSWORD


def test_setting_up_a_seat_starts_the_chain(session):
    entries = list(reversed(session.audit.entries()))
    assert [e.action for e in entries] == ["seat.created", "account.added", "directory.seeded"]
    assert entries[0].prev_hash == GENESIS and entries[1].prev_hash == entries[0].hash
    assert session.audit.verify() == []


def test_every_entry_hash_covers_its_fields(session):
    entry = session.audit.append(ADMIN, "test.action", "object-1", {"n": 1})
    assert entry.hash == entry_hash(
        entry.seq, entry.at, entry.actor, entry.action, entry.object, entry.detail, entry.prev_hash
    )
    assert session.audit.head() == (entry.seq, entry.hash)


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
