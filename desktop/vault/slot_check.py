"""Is a key slot as it was written? A damaged slot is told apart from a wrong password without trying one.

AES-GCM cannot tell them apart: a wrong password and a flipped bit of the nonce, the ciphertext or the tag all
fail the same tag check. So each slot carries `check`, the SHA-256 of its own stored fields (slot name, key
derivation, salt, device binding, nonce, ciphertext) written with the slot. Whether they still match their
checksum is known without the password: a slot whose fields no longer match was damaged (a flipped bit, an edited
file), and its owner is told so and pointed to the recovery code instead of being told "wrong password" and made
to wait. A flipped bit that also reproduced the checksum would need a SHA-256 collision.

The checksum is not a secret and no MAC: whoever can write the vault can write a matching checksum, but gains
nothing by it (the slot still opens only with the password; a forged slot fails the GCM tag as before). It tells
damage from a wrong password; it does not guard against an attacker, which the AEAD does.

Slots written before the checksum existed are checked by structure alone (base64, field types, the 12-byte nonce,
the 48-byte ciphertext-and-tag, the 16-byte salt); a flipped bit inside such a slot still reads as a wrong
password, until the slot's first successful open, which adds the checksum (it opened, so it is intact).
"""

import base64
import binascii
import json

from desktop.errors import SlotDamaged
from desktop.vault.kdf import KEY_BYTES, SALT_BYTES, KdfParams

NONCE_BYTES = 12
TAG_BYTES = 16
SIGNED = ("kdf", "salt", "device_bound", "nonce", "ciphertext")  # the fields `check` covers
_SIZES = {"salt": SALT_BYTES, "nonce": NONCE_BYTES, "ciphertext": KEY_BYTES + TAG_BYTES}


def slot_digest(name: str, slot: dict) -> str:
    """The checksum of a slot's stored fields (label and time left out: renaming changes no key material)."""
    import hashlib  # here (OpenSSL's start-up with it): reading the vault for the log-in window needs no digest

    fields = {"slot": name, **{field: slot.get(field) for field in SIGNED}}
    canonical = json.dumps(fields, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def slot_damage(name: str, slot) -> str | None:
    """Why the stored slot cannot be what was written, or None when it is whole (no password needed to know)."""
    if not isinstance(slot, dict):
        return "it is not a slot"
    missing = [field for field in SIGNED if field not in slot]
    if missing:
        return f"field {missing[0]!r} is missing"
    try:
        KdfParams.from_json(slot["kdf"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return "its key derivation parameters are unreadable"
    if not isinstance(slot["device_bound"], bool):
        return "its device binding is unreadable"
    for field, size in _SIZES.items():
        try:
            raw = base64.b64decode(slot[field], validate=True)
        except (binascii.Error, TypeError, ValueError):
            return f"field {field!r} is not valid base64"
        if len(raw) != size:
            return f"field {field!r} holds {len(raw)} bytes instead of {size}"
    check = slot.get("check")
    if check is not None and check != slot_digest(name, slot):
        return "its stored fields no longer match their checksum"
    return None


def damaged_slot_error(vault_path, name: str, why: str) -> SlotDamaged:
    """What the owner of a damaged slot is told: not "wrong password", and the way back in."""
    if name == "recovery":
        return SlotDamaged(
            f"The recovery slot in the vault file {vault_path} is damaged ({why}), so the recovery code cannot "
            "open it; nothing was tried or counted. Log in with an admin's password, or restore the seat's "
            "last backup."
        )
    code = name.split(":", 1)[1]
    return SlotDamaged(
        f"The key slot of {code} in the vault file {vault_path} is damaged ({why}), so the password was not "
        f"tried and no failed log-in was counted. An admin can give {code} a new password (Accounts, or "
        f"`main.py account passwd {code}`); for an admin's own slot use the recovery code (Forgot the admin "
        f"password…, or `main.py recover --admin {code}`), or restore the seat's last backup."
    )
