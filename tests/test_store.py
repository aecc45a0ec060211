"""The SQLCipher store: raw key, pragmas, migrations with a copy taken first."""

import os

import pytest

from desktop.errors import BadInput, DatabaseError
from desktop.store import LATEST_VERSION, MIGRATIONS, Migration, open_store


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


def test_new_store_is_encrypted_and_migrated(tmp_path, key):
    store = open_store(tmp_path / "s.db", key, create=True)
    assert store.schema_version == LATEST_VERSION
    tables = {r[0] for r in store.rows("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"account", "audit", "setting"} <= tables
    store.close()
    assert not (tmp_path / "s.db").read_bytes().startswith(b"SQLite format 3")


def test_connection_runs_with_the_pragmas_of_the_design(tmp_path, key):
    store = open_store(tmp_path / "s.db", key, create=True)
    assert store.one("PRAGMA journal_mode")[0] == "wal"
    assert store.one("PRAGMA foreign_keys")[0] == 1
    assert store.one("PRAGMA temp_store")[0] == 2  # MEMORY
    assert store.one("PRAGMA synchronous")[0] == 2  # FULL
    store.close()


def test_key_accepted_as_bytes_or_hex(tmp_path, key):
    open_store(tmp_path / "s.db", key, create=True).close()
    store = open_store(tmp_path / "s.db", key.hex().upper())
    assert store.schema_version == LATEST_VERSION
    store.close()


@pytest.mark.parametrize("bad", ["abc", "g" * 64, "0" * 63, "0" * 65, "'; DROP TABLE x; --", b"short"])
def test_key_that_is_not_64_hex_characters_is_refused_before_anything_is_written(tmp_path, bad):
    with pytest.raises(BadInput, match="64 hexadecimal"):
        open_store(tmp_path / "s.db", bad, create=True)
    assert not (tmp_path / "s.db").exists()


def test_wrong_key_never_opens_and_never_recreates(tmp_path, key):
    open_store(tmp_path / "s.db", key, create=True).close()
    before = (tmp_path / "s.db").read_bytes()
    with pytest.raises(DatabaseError, match="cannot be decrypted"):
        open_store(tmp_path / "s.db", os.urandom(32))
    assert (tmp_path / "s.db").read_bytes() == before


def test_missing_database_is_not_created_on_open(tmp_path, key):
    with pytest.raises(DatabaseError, match="missing"):
        open_store(tmp_path / "absent.db", key)
    assert not (tmp_path / "absent.db").exists()


def test_migration_takes_an_encrypted_copy_first_and_is_atomic(tmp_path, key):
    db = tmp_path / "s.db"
    store = open_store(db, key, create=True)
    store.execute("INSERT INTO setting (key, value) VALUES ('kept', 'yes')")
    store.close()

    broken = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE extra (x); SELECT * FROM nowhere;"))
    with pytest.raises(DatabaseError, match="left at its previous version"):
        open_store(db, key, migrations=broken, backup_dir=tmp_path / "copies")
    copies = list((tmp_path / "copies").iterdir())
    assert len(copies) == 1 and not copies[0].read_bytes().startswith(b"SQLite format 3")

    store = open_store(db, key)
    assert store.schema_version == LATEST_VERSION
    assert store.one("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'")[0] == 0
    store.close()

    good = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "extra", "CREATE TABLE extra (x INTEGER);"))
    store = open_store(db, key, migrations=good, backup_dir=tmp_path / "copies")
    assert store.schema_version == LATEST_VERSION + 1
    assert store.one("SELECT value FROM setting WHERE key = 'kept'")[0] == "yes"
    store.close()
    old = open_store(copies[0], key, migrations=MIGRATIONS)
    assert old.one("SELECT value FROM setting WHERE key = 'kept'")[0] == "yes"
    old.close()


def test_every_migration_applies_from_every_earlier_version(tmp_path, key):
    for start in range(0, LATEST_VERSION):
        db = tmp_path / f"from{start}.db"
        store = open_store(db, key, create=True, migrations=MIGRATIONS[:start] or ())
        assert store.schema_version == start
        store.close()
        store = open_store(db, key, backup_dir=tmp_path / f"copies{start}")
        assert store.schema_version == LATEST_VERSION
        assert store.one("PRAGMA integrity_check")[0] == "ok"
        store.close()


def test_transaction_rolls_back_on_error(tmp_path, key):
    store = open_store(tmp_path / "s.db", key, create=True)
    with pytest.raises(RuntimeError), store.transaction():
        store.execute("INSERT INTO setting (key, value) VALUES ('half', 'done')")
        raise RuntimeError("crash mid-save")
    assert store.one("SELECT count(*) FROM setting WHERE key = 'half'")[0] == 0
    store.close()
