"""Key slots, device secret, recovery code and the log-in delay (DESIGN.md §4)."""

import json
import stat

import pytest

from desktop.errors import KeyringError, LoginDelayed, SlotDamaged, WrongPassword, WrongRecoveryCode
from desktop.seat import Seat
from desktop.vault import Vault, keyring_status, login_delay, normalize_recovery_code
from desktop.vault.kdf import DEFAULT_PARAMS
from desktop.vault.slot_check import slot_digest
from tests.conftest import ADMIN, ADMIN_PASSWORD


def vault_json(paths) -> dict:
    return json.loads(paths.vault.read_text(encoding="utf-8"))


def test_vault_records_format_kdf_parameters_and_device_binding(seat_init, paths):
    data = vault_json(paths)
    assert data["format"] == "hotline-log-vault" and data["version"] == 1
    slot = data["slots"][f"account:{ADMIN}"]
    assert slot["kdf"] == {"alg": "argon2id", "time_cost": 3, "memory_kib": 65536, "parallelism": 4}
    assert slot["device_bound"] is True
    assert data["slots"]["recovery"]["device_bound"] is False
    assert data["device_fingerprint"]
    assert stat.S_IMODE(paths.vault.stat().st_mode) == 0o600


def test_vault_never_holds_the_key_or_passwords_in_the_clear(seat_init, paths):
    session, code = seat_init
    raw = paths.vault.read_bytes()
    for secret in (session.key.hex().encode(), session.key, ADMIN_PASSWORD.encode(), code.encode()):
        assert secret not in raw


def test_login_unwraps_the_same_key(seat_init, paths):
    session, _ = seat_init
    again = Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert again.key == session.key and again.account.role == "admin"
    again.close()


def test_wrong_password_fails_and_counts(seat_init, paths):
    seat = Seat(paths)
    with pytest.raises(WrongPassword, match="Wrong staff code or password"):
        seat.login(ADMIN, "not-the-password")
    assert Seat(paths).vault.failures(ADMIN) == 1


def test_delay_grows_and_is_capped_so_nobody_is_locked_out_for_good():
    delays = [login_delay(n) for n in range(1, 15)]
    assert delays[:2] == [0, 0]  # after one or two failures the next try is free: three free tries in all
    assert delays[2:6] == [2, 4, 8, 16]
    assert max(delays) == 300 and delays == sorted(delays)


def test_delay_is_kept_across_restarts(seat_init, paths):
    for _ in range(3):
        with pytest.raises(WrongPassword):
            Seat(paths).login(ADMIN, "bad-password")
    with pytest.raises(LoginDelayed) as delayed:
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    assert 1 <= delayed.value.seconds_left <= 2


def test_recovery_code_opens_the_seat_without_the_device_secret(seat_init, paths, memory_keyring):
    session, code = seat_init
    memory_keyring.secrets.clear()
    with pytest.raises(KeyringError, match="recovery code"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)
    recovered = Seat(paths).login_recovery(code.lower().replace("-", " "))
    assert recovered.key == session.key and recovered.account is None
    recovered.close()


def test_wrong_recovery_code_is_refused(seat_init, paths):
    with pytest.raises(WrongRecoveryCode):
        Seat(paths).login_recovery("0000-0000-0000-0000-0000-0000")
    with pytest.raises(WrongRecoveryCode):
        Seat(paths).login_recovery("too short")


def test_recovery_code_normalization_accepts_what_people_type():
    assert normalize_recovery_code("abcd efgh jkmn pqrs tvwx yz01") == "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"
    assert normalize_recovery_code("OOOO-IIII-LLLL-0000-1111-2222") == "0000-1111-1111-0000-1111-2222"
    assert normalize_recovery_code("ABCD-EFGH") is None


def test_without_a_keyring_the_seat_works_and_says_so(no_keyring, paths):
    session, _ = Seat.init(paths, "无钥匙串", ADMIN, "管理员", ADMIN_PASSWORD)
    session.close()
    assert keyring_status().usable is False
    assert "no device secret" in keyring_status().describe()
    vault = vault_json(paths)
    assert vault["device_fingerprint"] is None
    assert vault["slots"][f"account:{ADMIN}"]["device_bound"] is False
    Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()


def test_require_keyring_refuses_the_mode_without_one(no_keyring, paths):
    with pytest.raises(KeyringError, match="requires the system keyring"):
        Seat.init(paths, "席位", ADMIN, "管理员", ADMIN_PASSWORD, require_keyring=True)
    assert not paths.exists()


def test_require_keyring_refuses_log_in_when_the_keyring_goes_away(paths, memory_keyring):
    session, _ = Seat.init(paths, "席位", ADMIN, "管理员", ADMIN_PASSWORD, require_keyring=True)
    session.close()
    import keyring.backends.null

    keyring.set_keyring(keyring.backends.null.Keyring())
    with pytest.raises(KeyringError, match="requires the system keyring"):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)


def test_slot_made_without_keyring_is_bound_when_one_appears(no_keyring, paths, memory_keyring):
    import keyring

    session, _ = Seat.init(paths, "席位", ADMIN, "管理员", ADMIN_PASSWORD)
    session.close()
    keyring.set_keyring(memory_keyring)
    Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()
    vault = vault_json(paths)
    assert vault["slots"][f"account:{ADMIN}"]["device_bound"] is True
    assert memory_keyring.secrets, "a device secret was stored"
    Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()


def test_a_slot_cannot_be_moved_to_another_account(seat_init, paths):
    from desktop.accounts import AccountService

    session, _ = seat_init
    AccountService(session).add("C001", "咨询员一", "counselor", "counselor-pass")
    data = vault_json(paths)
    data["slots"]["account:C001"] = dict(data["slots"][f"account:{ADMIN}"])
    paths.vault.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SlotDamaged):  # its checksum names the slot it was written for
        Seat(paths).login("C001", ADMIN_PASSWORD)
    data["slots"]["account:C001"]["check"] = slot_digest("account:C001", data["slots"]["account:C001"])
    paths.vault.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WrongPassword):  # a matching checksum forged too: the AES-GCM associated data refuses it
        Seat(paths).login("C001", ADMIN_PASSWORD)


def test_kdf_parameters_are_read_from_each_slot(seat_init, paths, monkeypatch):
    """Raising the defaults later must not break slots made with the old ones."""
    import desktop.vault.vault as vault_module
    from desktop.vault.kdf import KdfParams

    monkeypatch.setattr(vault_module, "DEFAULT_PARAMS", KdfParams(time_cost=4, memory_kib=32768, parallelism=2))
    Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()
    assert Vault.load(paths.vault).slot_params()[f"account:{ADMIN}"] == DEFAULT_PARAMS
