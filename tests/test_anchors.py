"""Rollback and truncation are seen (desktop/anchors.py): an older vault, an older database, an audit log cut
short, emptied or rewritten, removed triggers and an edited vault are each refused at log-in by name and
reported by `verify`, with the keyring and without it; nothing is changed; an admin's `accept-state` (audited)
is the way out when it was meant."""

import json
import shutil

import pytest

from desktop.accounts import AccountService
from desktop.anchors import (
    ALTERED_VAULT,
    MISSING_TRIGGERS,
    OLDER_DATABASE,
    OLDER_VAULT,
    REWRITTEN_CHAIN,
    SHORTENED_CHAIN,
    accept_state,
)
from desktop.calls import CallService
from desktop.errors import DatabaseError, NotPermitted, SeatRolledBack
from desktop.seat import Seat
from desktop.store.audit import GENESIS
from desktop.store.connection import connect
from desktop.store.store import Store
from desktop.verify import verify_seat
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli
from tests.test_calls import a_call

ROTATED = "rotated-pass-2"
DB_FILES = ("seat.db", "seat.db-wal", "seat.db-shm")


@pytest.fixture(params=["keyring", "no-keyring"])
def mode(request):
    if request.param == "no-keyring":
        request.getfixturevalue("no_keyring")
    return request.param


@pytest.fixture
def seat(mode, seat_init, paths):
    """A seat (with the keyring or without) with A001, C001 / counselor-1 and two calls; nobody logged in."""
    session, _ = seat_init
    AccountService(session).add("C001", "咨询员 王", "counselor", "counselor-1")
    save_calls(session, 2)
    session.close()
    return paths


def save_calls(session, count: int) -> None:
    for _ in range(count):
        CallService(session).save(a_call())


def copy_files(paths, names, into):
    into.mkdir(exist_ok=True)
    for name in names:
        if (paths.home / name).exists():
            shutil.copy2(paths.home / name, into / name)


def put_back(paths, names, source):
    for name in names:
        (paths.home / name).unlink(missing_ok=True)
        if (source / name).exists():
            shutil.copy2(source / name, paths.home / name)


def refused(paths, code=ADMIN, password=ADMIN_PASSWORD) -> SeatRolledBack:
    with pytest.raises(SeatRolledBack) as failure:
        Seat(paths).login(code, password)
    message = str(failure.value)
    assert "Nothing was changed" in message and "Restore the newest backup" in message and "accept-state" in message
    return failure.value


def names(failure: SeatRolledBack) -> set[str]:
    return {finding.name for finding in failure.findings}


def raw_store(paths) -> Store:
    """The database opened with the key, without logging in (as someone holding K would)."""
    from desktop.vault import Vault

    key = Vault.load(paths.vault).unlock(ADMIN, ADMIN_PASSWORD)
    return Store(connect(paths.database, key), paths.database)


def audit_head(paths) -> tuple[int, str]:
    with raw_store(paths) as store:
        row = store.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    return tuple(row) if row else (0, GENESIS)


def tamper(paths, *statements) -> None:
    """Run SQL on the database with its triggers out of the way, then put them back as they were."""
    with raw_store(paths) as store:
        triggers = store.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'")
        for name, _sql in triggers:
            store.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            store.execute(*statement) if isinstance(statement, tuple) else store.execute(statement)
        for _name, sql in triggers:
            store.execute(sql)


def sealed_part(paths) -> dict:
    data = json.loads(paths.vault.read_text())
    return {k: v for k, v in data.items() if k not in ("throttle", "pending_audit")}


# ----- an older vault ---------------------------------------------------------------------------------------


def test_an_older_vault_put_back_is_refused_by_name_and_changes_nothing(seat, tmp_path):
    copy_files(seat, ["seat.vault"], tmp_path / "old")
    with Seat(seat).login(ADMIN, ADMIN_PASSWORD) as admin:
        AccountService(admin).set_password(ADMIN, ROTATED)
        AccountService(admin).disable("C001")
    put_back(seat, ["seat.vault"], tmp_path / "old")
    head, sealed = audit_head(seat), sealed_part(seat)

    failure = refused(seat)  # the rotated-away password opens the old vault, and is refused
    assert OLDER_VAULT in names(failure)
    assert OLDER_VAULT in names(refused(seat, "C001", "counselor-1"))  # the disabled account too
    assert audit_head(seat) == head and sealed_part(seat) == sealed
    report = verify_seat(seat, login=(ADMIN, ADMIN_PASSWORD))
    assert any(p.startswith(f"{OLDER_VAULT}:") for p in report.problems()), report.problems()


def test_a_vault_edited_by_hand_is_refused(seat):
    data = json.loads(seat.vault.read_text())
    data["slots"]["account:C001"]["label"] = "someone else"
    seat.vault.write_text(json.dumps(data))
    assert ALTERED_VAULT in names(refused(seat))


def test_a_vault_whose_seal_was_stripped_is_refused(seat):
    data = json.loads(seat.vault.read_text())
    del data["seal"]
    seat.vault.write_text(json.dumps(data))
    assert ALTERED_VAULT in names(refused(seat))


# ----- an older database, an audit log cut short or rewritten -------------------------------------------------


def test_an_older_database_put_back_is_refused_by_name(seat, tmp_path):
    copy_files(seat, DB_FILES, tmp_path / "old")
    with Seat(seat).login(ADMIN, ADMIN_PASSWORD) as admin:
        save_calls(admin, 3)
    put_back(seat, DB_FILES, tmp_path / "old")

    failure = refused(seat)
    assert OLDER_DATABASE in names(failure), failure.findings
    assert "calls saved since" in str(failure)


def test_the_last_audit_entries_removed_are_named(seat):
    seq, _ = audit_head(seat)
    tamper(seat, ("DELETE FROM audit WHERE seq > ?", (seq - 2,)))  # the two calls saved just before log-out
    with raw_store(seat) as store:
        from desktop.store.audit import AuditLog

        assert AuditLog(store).verify() == []  # the chain that is left holds: only an anchor shows the cut

    failure = refused(seat)
    assert names(failure) == {SHORTENED_CHAIN}
    assert f"entries {seq - 1}–{seq} were removed" in str(failure)
    problems = verify_seat(seat, login=(ADMIN, ADMIN_PASSWORD)).problems()
    assert any("cut short" in p for p in problems), problems


def test_an_emptied_audit_log_on_a_seat_with_calls_fails_verify_and_log_in(seat):
    tamper(seat, "DELETE FROM audit")
    failure = refused(seat)
    assert SHORTENED_CHAIN in names(failure)
    assert "The audit log is empty, but the database holds 2 call(s)" in str(failure)
    report = verify_seat(seat, login=(ADMIN, ADMIN_PASSWORD))
    assert not report.ok
    assert not any("chain of 0 entries holds" in c.text and c.ok for c in report.checks)


def test_an_audit_log_rewritten_so_that_its_chain_holds_is_named(seat):
    """The last entry replaced by a forged one whose hash follows the documented formula: the chain verifies,
    only the recorded head shows it."""
    import hashlib

    seq, _ = audit_head(seat)
    with raw_store(seat) as store:
        prev = store.one("SELECT hash FROM audit WHERE seq = ?", (seq - 1,))[0]
    at, actor, action, obj, detail = "2026-01-01T00:00:00.000Z", ADMIN, "call.viewed", "call:1", ""
    canonical = json.dumps([seq, at, actor, action, obj, detail, prev], ensure_ascii=False, separators=(",", ":"))
    forged = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    tamper(
        seat,
        ("DELETE FROM audit WHERE seq = ?", (seq,)),
        (
            "INSERT INTO audit (seq, at, actor, action, object, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, obj, detail, prev, forged),
        ),
    )
    with raw_store(seat) as store:
        from desktop.store.audit import AuditLog

        assert AuditLog(store).verify() == []

    assert names(refused(seat)) == {REWRITTEN_CHAIN}


def test_removed_append_only_triggers_are_named(seat):
    with raw_store(seat) as store:
        store.execute("DROP TRIGGER audit_append_only_delete")
        store.execute("DROP TRIGGER audit_append_only_update")
    failure = refused(seat)
    assert names(failure) == {MISSING_TRIGGERS}
    assert "audit_append_only_update, audit_append_only_delete" in str(failure)


def test_a_trigger_replaced_by_one_that_lets_everything_through_is_named(seat):
    with raw_store(seat) as store:
        store.execute("DROP TRIGGER audit_append_only_delete")
        store.execute("CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT 1; END")
    assert MISSING_TRIGGERS in names(refused(seat))


# ----- both files put back together: only the keyring sees it ----------------------------------------------


def test_a_consistent_older_pair_is_seen_with_the_keyring_and_not_without(seat, mode, tmp_path):
    copy_files(seat, ["seat.vault", *DB_FILES], tmp_path / "old")
    with Seat(seat).login(ADMIN, ADMIN_PASSWORD) as admin:
        AccountService(admin).set_password(ADMIN, ROTATED)
        save_calls(admin, 1)
    put_back(seat, ["seat.vault", *DB_FILES], tmp_path / "old")

    if mode == "keyring":
        assert {OLDER_VAULT, OLDER_DATABASE} <= names(refused(seat))
    else:  # README: without an outside anchor, a consistent older pair cannot be told from the real one
        Seat(seat).login(ADMIN, ADMIN_PASSWORD).close()


# ----- the way out --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_accept_state_by_an_admin_lets_the_seat_open_is_audited_and_moves_past_the_later_vault(
    no_keyring, seat_init, paths, tmp_path
):
    session, _ = seat_init
    session.close()
    copy_files(paths, ["seat.vault"], tmp_path / "old")
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        AccountService(admin).set_password(ADMIN, ROTATED)
    copy_files(paths, ["seat.vault"], tmp_path / "later")
    put_back(paths, ["seat.vault"], tmp_path / "old")
    env = {"HOTLINE_LOG_USER": ADMIN, "HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}

    refusal = run_cli("account", "list", home=paths.home, env=env)
    assert refusal.returncode == 1 and refusal.stdout == ""
    line = refusal.stderr.strip()
    assert "\n" not in line and OLDER_VAULT in line and "accept-state" in line

    unasked = run_cli("accept-state", home=paths.home, env=env)
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    refused(paths)  # nothing was accepted

    accepted = run_cli("accept-state", "--yes", home=paths.home, env=env)
    assert accepted.returncode == 0, accepted.stderr
    assert f"FAIL {OLDER_VAULT}:" in accepted.stdout and "Accepted" in accepted.stdout
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        entries = [(e.actor, e.action, json.loads(e.detail or "{}")) for e in admin.audit.entries(limit=5)]
        accepted_entries = [d for actor, a, d in entries if a == "seat.state_accepted" and actor == ADMIN]
        assert accepted_entries and accepted_entries[0]["findings"] == [OLDER_VAULT]

    put_back(paths, ["seat.vault"], tmp_path / "later")  # the vault from before the acceptance is older now
    assert OLDER_VAULT in names(refused(paths, ADMIN, ROTATED))


def test_only_an_admin_accepts_and_acceptance_puts_the_triggers_back(seat):
    with raw_store(seat) as store:
        store.execute("DROP TRIGGER audit_append_only_delete")
    target = Seat(seat)
    key = target.vault.unlock("C001", "counselor-1")
    with pytest.raises(NotPermitted):
        accept_state(target, key, "C001", lambda found: True)
    assert MISSING_TRIGGERS in names(refused(seat))

    found = accept_state(target, target.vault.unlock(ADMIN, ADMIN_PASSWORD), ADMIN, lambda found: True)
    assert [f.name for f in found] == [MISSING_TRIGGERS]
    with Seat(seat).login(ADMIN, ADMIN_PASSWORD) as admin, pytest.raises(DatabaseError, match="append-only"):
        admin.store.execute("DELETE FROM audit WHERE seq = 1")


def test_a_seat_from_before_seals_and_anchors_opens_and_is_sealed_at_its_first_log_in(seat, memory_keyring):
    """A vault without seal, generation or anchor, a database without a generation, no keyring anchor: as a seat
    made by an earlier Hotline Log. Nothing to compare yet, so it opens, and from then on it is anchored."""
    data = json.loads(seat.vault.read_text())
    for name in ("seal", "generation", "audit_anchor"):
        del data[name]
    seat.vault.write_text(json.dumps(data))
    with raw_store(seat) as store:
        store.execute("DELETE FROM setting WHERE key = 'vault_generation'")
    for entry in [e for e in memory_keyring.secrets if e[1].startswith("anchor:")]:
        del memory_keyring.secrets[entry]

    Seat(seat).login(ADMIN, ADMIN_PASSWORD).close()
    upgraded = json.loads(seat.vault.read_text())
    assert upgraded["seal"] and upgraded["generation"] == 1 and upgraded["audit_anchor"]["seq"] == audit_head(seat)[0]
    data["slots"]["account:C001"]["label"] = "someone else"  # the unsealed copy is no way around the seal now
    seat.vault.write_text(json.dumps(data))
    assert {ALTERED_VAULT, OLDER_VAULT} <= names(refused(seat))


def test_one_slot_put_back_from_an_older_vault_is_refused_while_a_damaged_one_is_its_owners_alone(seat, tmp_path):
    """The seal covers each slot through its checksum: the admin's old slot (old password) copied into today's
    vault breaks it; a bit flipped inside a slot does not (desktop/vault/slot_check.py names that slot)."""
    old = json.loads(seat.vault.read_text())
    with Seat(seat).login(ADMIN, ADMIN_PASSWORD) as admin:
        AccountService(admin).set_password(ADMIN, ROTATED)
    data = json.loads(seat.vault.read_text())
    data["slots"][f"account:{ADMIN}"] = old["slots"][f"account:{ADMIN}"]
    seat.vault.write_text(json.dumps(data))
    assert ALTERED_VAULT in names(refused(seat))  # the rotated-away password opens the slot, and is refused
    assert ALTERED_VAULT in names(refused(seat, "C001", "counselor-1"))
