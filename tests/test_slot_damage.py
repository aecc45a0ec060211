"""A damaged key slot is named as damaged and points to the recovery code; it never reads as a wrong password and
never counts against its owner (issue 12, point 9).

The damage is made the way a disk or an editor makes it: bytes of the stored slot changed in the vault file, a
base64 field broken, a field gone. The checksum expected by the code is never computed here: the test only spoils
bytes and watches what the seat says."""

import base64
import json

import pytest

from desktop.accounts import AccountService, recover_admin
from desktop.errors import SlotDamaged, WrongPassword, WrongRecoveryCode
from desktop.seat import Seat
from desktop.verify import verify_seat
from tests.conftest import ADMIN, ADMIN_PASSWORD

SLOT = f"account:{ADMIN}"
NEW_PASSWORD = "after-damage-1"


def _edit(paths, change) -> bytes:
    data = json.loads(paths.vault.read_text(encoding="utf-8"))
    change(data["slots"])
    raw = json.dumps(data, indent=1).encode("utf-8")
    paths.vault.write_bytes(raw)
    return raw


def _flip(field: str, at: int):
    """Flip one bit of byte `at` (negative: from the end) of the decoded field: still valid base64, same length."""

    def change(slots):
        raw = bytearray(base64.b64decode(slots[SLOT][field]))
        raw[at] ^= 0x01
        slots[SLOT][field] = base64.b64encode(bytes(raw)).decode()

    return change


def _bad_base64(slots):
    slots[SLOT]["ciphertext"] = "!" + slots[SLOT]["ciphertext"][1:]


def _missing_salt(slots):
    del slots[SLOT]["salt"]


def _short_nonce(slots):
    slots[SLOT]["nonce"] = base64.b64encode(base64.b64decode(slots[SLOT]["nonce"])[:8]).decode()


DAMAGE = {
    "ciphertext-bit": _flip("ciphertext", 3),
    "tag-bit": _flip("ciphertext", -1),
    "nonce-bit": _flip("nonce", 0),
    "salt-bit": _flip("salt", 5),
    "bad-base64": _bad_base64,
    "missing-field": _missing_salt,
    "short-nonce": _short_nonce,
}


@pytest.fixture
def team(seat_init, paths):
    """The admin and a counselor; returns the recovery code."""
    session, code = seat_init
    AccountService(session).add("C001", "咨询员一", "counselor", "counselor-pass-1")
    session.close()
    return code


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_slot_says_so_counts_nothing_and_points_to_the_recovery_code(team, paths, damage):
    spoiled = _edit(paths, damage)
    for password in (ADMIN_PASSWORD, "a-wrong-guess", ADMIN_PASSWORD, "another-one", ADMIN_PASSWORD):
        with pytest.raises(SlotDamaged) as failure:
            Seat(paths).login(ADMIN, password)
        text = str(failure.value)
        assert f"key slot of {ADMIN}" in text and "damaged" in text and "recovery code" in text
        assert "Wrong" not in text
    assert paths.vault.read_bytes() == spoiled  # no failure counted, nothing queued for the audit log
    vault = Seat(paths).vault
    assert vault.failures(ADMIN) == 0 and vault.pending_audit() == []

    with Seat(paths).login("C001", "counselor-pass-1"):  # everyone else still logs in
        pass
    recover_admin(Seat(paths), team, ADMIN, NEW_PASSWORD)  # the way back the message points to
    with Seat(paths).login(ADMIN, NEW_PASSWORD) as session:
        assert session.account.code == ADMIN


def test_a_wrong_password_on_an_intact_slot_is_still_a_wrong_password(team, paths):
    with pytest.raises(WrongPassword):
        Seat(paths).login(ADMIN, "a-wrong-guess")
    assert Seat(paths).vault.failures(ADMIN) == 1


def test_verify_names_the_damaged_slot(team, paths):
    _edit(paths, DAMAGE["tag-bit"])
    report = verify_seat(paths, login=("C001", "counselor-pass-1"))
    assert not report.ok
    assert any(f"key slot of {ADMIN} is damaged" in problem for problem in report.problems()), report.problems()


def test_a_damaged_recovery_slot_is_named_and_an_admin_password_still_opens(team, paths):
    def spoil(slots):
        raw = bytearray(base64.b64decode(slots["recovery"]["ciphertext"]))
        raw[0] ^= 0x80
        slots["recovery"]["ciphertext"] = base64.b64encode(bytes(raw)).decode()

    _edit(paths, spoil)
    with pytest.raises(SlotDamaged, match="recovery slot .* is damaged"):
        Seat(paths).login_recovery(team)
    assert Seat(paths).vault.failures("recovery") == 0
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD):
        pass


@pytest.mark.skip(
    reason="a seat of the version before slot checksums had no vault seal or outside anchors either; stripping "
    "them from a current seat is refused as an altered vault (desktop/anchors.py), so this needs a real old seat"
)
def test_a_slot_from_before_checksums_opens_and_gains_its_checksum(team, paths):
    """Old vaults have no checksum: their slots open as before, and the first open adds it, after which a flipped
    bit is told as damage. (Before that, a flipped bit of such a slot cannot be told from a wrong password.)"""
    data = json.loads(paths.vault.read_text(encoding="utf-8"))  # as a vault of the version before checksums:
    data["slots"][SLOT].pop("check")  # no checksum, and no seal over the vault either
    data.pop("seal", None)
    paths.vault.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD):
        pass
    assert "check" in json.loads(paths.vault.read_text())["slots"][SLOT]
    _edit(paths, DAMAGE["ciphertext-bit"])
    with pytest.raises(SlotDamaged):
        Seat(paths).login(ADMIN, ADMIN_PASSWORD)


def test_a_wrong_recovery_code_on_an_intact_slot_is_still_wrong(team, paths):
    with pytest.raises(WrongRecoveryCode):
        Seat(paths).login_recovery("0000-0000-0000-0000-0000-0000")
