"""Backup and restore: an encrypted copy that restores the same accounts and audit chain."""

import zipfile

import keyring
import pytest

from desktop.accounts import AccountService, recover_admin
from desktop.backup import create_backup, read_manifest, restore_backup
from desktop.config import SeatPaths
from desktop.errors import BadInput, KeyringError, NotPermitted, SeatExists
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.memory_keyring import MemoryKeyring


def snapshot(session):
    accounts = [(a.code, a.display_name, a.role, a.active) for a in AccountService(session).accounts()]
    return accounts, [(e.seq, e.hash) for e in session.audit.entries(limit=1000)]


@pytest.fixture
def backed_up(seat_init, tmp_path):
    session, code = seat_init
    AccountService(session).add("C001", "咨询员", "counselor", "counselor-1")
    info = create_backup(session, tmp_path / "seat.hlbak")
    return session, code, info


def test_backup_is_one_encrypted_file(backed_up):
    _, _, info = backed_up
    data = info.path.read_bytes()
    assert b"SQLite format 3" not in data
    with zipfile.ZipFile(info.path) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "seat.db", "seat.vault"]
    assert read_manifest(info.path)["seat_name"] == "测试席位"
    assert not [p for p in info.path.parent.iterdir() if p.name.startswith(".")], "no temporary files left"


def test_backup_is_audited(backed_up):
    session, _, info = backed_up
    last = session.audit.entries(limit=1)[0]
    assert (last.action, last.object, last.seq) == ("backup.created", "seat.hlbak", info.audit_seq)


def test_only_admins_back_up(backed_up, paths, tmp_path):
    with Seat(paths).login("C001", "counselor-1") as counselor, pytest.raises(NotPermitted):
        create_backup(counselor, tmp_path / "mine.hlbak")


def test_only_an_admins_password_restores_by_window_or_command(backed_up, paths):
    _, _, info = backed_up
    before = paths.vault.read_bytes()
    with pytest.raises(NotPermitted, match="Only an admin"):
        restore_backup(paths, info.path, login=("C001", "counselor-1"), replace=True)
    assert paths.vault.read_bytes() == before and not paths.replaced.exists()


def test_restore_into_an_empty_folder_gives_the_same_accounts_and_chain(backed_up, tmp_path):
    session, _, info = backed_up
    expected_accounts, expected_chain = snapshot(session)
    target = SeatPaths(tmp_path / "elsewhere")
    result = restore_backup(target, info.path, login=(ADMIN, ADMIN_PASSWORD))
    assert result.replaced is None and result.needs_password == []
    with Seat(target).login(ADMIN, ADMIN_PASSWORD) as restored:
        accounts, chain = snapshot(restored)
        assert accounts == expected_accounts
        assert chain[-len(expected_chain) :] == expected_chain  # then restore + log-in entries follow
        assert [e.action for e in restored.audit.entries(limit=2)] == ["login.ok", "backup.restored"]
        assert restored.audit.verify() == []


def test_restore_over_a_seat_needs_confirmation_and_keeps_the_replaced_one(backed_up, paths):
    session, _, info = backed_up
    session.close()
    before = paths.database.read_bytes()
    with pytest.raises(SeatExists, match="confirm"):
        restore_backup(paths, info.path, login=(ADMIN, ADMIN_PASSWORD))
    result = restore_backup(paths, info.path, login=(ADMIN, ADMIN_PASSWORD), replace=True)
    assert (result.replaced / "seat.db").read_bytes() == before
    assert (result.replaced / "seat.vault").exists()
    Seat(paths).login("C001", "counselor-1").close()


def test_backup_restores_on_a_new_computer_with_the_recovery_code(backed_up, tmp_path):
    _, code, info = backed_up
    keyring.set_keyring(MemoryKeyring())  # another computer: another device secret
    target = SeatPaths(tmp_path / "new-pc")
    with pytest.raises(KeyringError, match="recovery code"):
        restore_backup(target, info.path, login=(ADMIN, ADMIN_PASSWORD))
    assert not target.database.exists()
    result = restore_backup(target, info.path, recovery_code=code)
    assert sorted(result.needs_password) == [ADMIN, "C001"]
    waiting = recover_admin(Seat(target), code, ADMIN, "new-pc-admin-1")
    assert waiting == ["C001"]
    with Seat(target).login(ADMIN, "new-pc-admin-1") as admin:
        assert [a.code for a in AccountService(admin).accounts()] == [ADMIN, "C001"]


def test_wrong_credentials_restore_nothing(backed_up, tmp_path):
    _, _, info = backed_up
    target = SeatPaths(tmp_path / "other")
    with pytest.raises(BadInput):
        restore_backup(target, info.path, login=(ADMIN, "wrong-password"))
    assert not target.exists()
    assert [p.name for p in target.home.iterdir()] == []


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, paths):
    fake = tmp_path / "fake.hlbak"
    fake.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BadInput, match="not a Hotline Log backup"):
        restore_backup(paths, fake, login=(ADMIN, ADMIN_PASSWORD))


def test_a_tampered_backup_is_refused(backed_up, tmp_path):
    _, _, info = backed_up
    tampered = tmp_path / "tampered.hlbak"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = bytearray(src.read(name))
            if name == "seat.db":
                data[5000] ^= 0xFF
            dst.writestr(name, bytes(data))
    with pytest.raises(BadInput, match="checksum"):
        restore_backup(SeatPaths(tmp_path / "t"), tampered, login=(ADMIN, ADMIN_PASSWORD))
