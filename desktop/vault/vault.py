"""The vault file: the database key K wrapped once per account and once under the recovery code.

Layout (JSON, versioned, written atomically with owner-only permissions):

    {"format": "hotline-log-vault", "version": 1, "seat_id": ..., "seat_name": ..., "created_at": ...,
     "require_keyring": false, "device_fingerprint": "<hex>" | null,
     "slots": {"account:A001": SLOT, "recovery": SLOT},
     "throttle": {"A001": {"failures": 2, "last": ISO}}, "pending_audit": [{"at", "action", "object"}]}

    SLOT = {"label": ..., "kdf": {"alg": "argon2id", ...}, "salt": b64, "device_bound": bool,
            "nonce": b64, "ciphertext": b64, "updated_at": ISO, "check": sha256-hex}

`check` tells a damaged slot from a wrong password without trying the password (desktop/vault/slot_check.py).

K never appears in the clear. A slot's AES-GCM associated data names the seat, the slot and whether it is
bound to the device secret, so a slot cannot be moved to another vault or downgraded unnoticed.
"""

import base64
import json
import logging
import os
from pathlib import Path

from desktop.clock import parse_iso, utc_now, utc_now_iso
from desktop.errors import (
    KeyringError,
    KeyringRequired,
    LoginDelayed,
    VaultError,
    WrongPassword,
    WrongRecoveryCode,
)
from desktop.fsutil import atomic_write_bytes, storage_error
from desktop.vault import device
from desktop.vault.kdf import DEFAULT_PARAMS, KEY_BYTES, KdfParams, device_fingerprint, new_salt, wrap_key
from desktop.vault.recovery import new_recovery_code, normalize_recovery_code
from desktop.vault.slot_check import damaged_slot_error, slot_damage, slot_digest

log = logging.getLogger(__name__)

FORMAT = "hotline-log-vault"
VERSION = 1
RECOVERY_SLOT = "recovery"
FREE_FAILURES = 3
MAX_DELAY_S = 300
_MAX_PENDING_AUDIT = 1000
UNKNOWN_ACCOUNTS = "*unknown*"  # one throttle entry shared by every code without a slot


def login_delay(failures: int) -> int:
    """Seconds to wait after `failures` failed log-ins in a row: 0, 0, 2, 4, 8 … capped at 5 minutes.

    Three tries are free: the first, second and third may fail without a wait, the fourth waits 2 s."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_S)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _is_uuid(text) -> bool:
    """What `uuid.UUID(text)` accepts (braces, a urn:uuid: prefix and hyphens aside, 32 hex digits), without
    importing `uuid`, which brings `platform` with it: the vault is read before the log-in window is painted."""
    if not isinstance(text, str):
        return False
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    return len(digits) == 32 and all(c in "0123456789abcdefABCDEF" for c in digits)


def account_slot(code: str) -> str:
    return f"account:{code}"


def _label(name: str, slot) -> str:
    """A slot's display name; its staff code when the slot is too damaged to have one."""
    label = slot.get("label") if isinstance(slot, dict) else None
    return label if isinstance(label, str) and label else name.split(":", 1)[1]


class Vault:
    def __init__(self, path: Path, data: dict):
        self.path = Path(path)
        self._data = data

    # ----- reading and writing the file -------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> "Vault":
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise VaultError(f"The vault file {path} is missing; restore it from a backup.") from exc
        except OSError as exc:  # the disk or a permission refused: the vault is not damaged, say what is wrong
            raise storage_error(exc, path, reading=True) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultError(
                f"The vault file {path} is damaged; restore it from a backup. Nothing was changed."
            ) from exc
        cls._check(path, data)
        return cls(path, data)

    @staticmethod
    def _check(path: Path, data) -> None:
        damaged = VaultError(f"The vault file {path} is damaged; restore it from a backup. Nothing was changed.")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise damaged
        version = data.get("version")
        if not isinstance(version, int):
            raise damaged
        if version > VERSION:
            raise VaultError(
                f"The vault file {path} was made by a newer Hotline Log (vault format {version}); "
                "install that version to open this seat."
            )
        try:
            if not _is_uuid(data["seat_id"]):
                raise ValueError("seat_id")
            slots = data["slots"]
            if not isinstance(slots, dict) or RECOVERY_SLOT not in slots:
                raise KeyError(RECOVERY_SLOT)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise damaged from exc
        # A damaged slot does not make the whole vault unreadable: it is named when its owner tries it
        # (SlotDamaged) and by `verify`, while every other account still logs in.

    def save(self) -> None:
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def to_bytes(self) -> bytes:
        return json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes) -> "Vault":
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultError("The vault inside the backup is damaged.") from exc
        cls._check(path, data)
        return cls(path, data)

    # ----- facts --------------------------------------------------------------------------------------

    @property
    def seat_id(self) -> str:
        return self._data["seat_id"]

    @property
    def seat_name(self) -> str:
        return self._data["seat_name"]

    @property
    def require_keyring(self) -> bool:
        return bool(self._data.get("require_keyring", False))

    @property
    def device_bound(self) -> bool:
        """Whether any slot needs the device secret (the vault is tied to this computer's keyring)."""
        return self._data.get("device_fingerprint") is not None

    def accounts(self) -> list[tuple[str, str]]:
        """(staff code, display name) of every account that has a password on this seat."""
        return sorted(
            (name.split(":", 1)[1], _label(name, slot))
            for name, slot in self._data["slots"].items()
            if name.startswith("account:")
        )

    def has_account(self, code: str) -> bool:
        return account_slot(code) in self._data["slots"]

    def slot_params(self) -> dict[str, KdfParams]:
        return {name: KdfParams.from_json(slot["kdf"]) for name, slot in self._intact_slots()}

    def unbound_slots(self) -> list[str]:
        return sorted(n for n, s in self._intact_slots() if not s["device_bound"] and n != RECOVERY_SLOT)

    def _intact_slots(self):
        return [(n, s) for n, s in self._data["slots"].items() if slot_damage(n, s) is None]

    def damaged_slots(self) -> dict[str, str]:
        """Slot name → why it is damaged, for every slot whose stored fields are not as written."""
        found = {n: slot_damage(n, s) for n, s in self._data["slots"].items()}
        return {n: why for n, why in found.items() if why}

    def _require_intact(self, name: str) -> None:
        """SlotDamaged, before any password is tried or counted, when the slot is not as it was written."""
        why = slot_damage(name, self._data["slots"][name])
        if why is not None:
            raise damaged_slot_error(self.path, name, why)

    # ----- creating a seat ----------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, seat_name: str, require_keyring: bool = False) -> tuple["Vault", bytes, str]:
        """A new vault with a fresh key K and recovery code. Nothing is written until `save()`."""
        status = device.keyring_status()
        if require_keyring and not status.usable:
            raise KeyringRequired(f"This seat requires the system keyring, but {status.reason}.")
        import uuid

        seat_id = str(uuid.uuid4())
        vault = cls(
            path,
            {
                "format": FORMAT,
                "version": VERSION,
                "seat_id": seat_id,
                "seat_name": seat_name,
                "created_at": utc_now_iso(),
                "require_keyring": require_keyring,
                "device_fingerprint": None,
                "slots": {},
                "throttle": {},
                "pending_audit": [],
            },
        )
        key = os.urandom(KEY_BYTES)
        code = new_recovery_code()
        vault._write_slot(RECOVERY_SLOT, "recovery", code, key, None)
        return vault, key, code

    # ----- slots --------------------------------------------------------------------------------------

    def _aad(self, slot_name: str, bound: bool) -> bytes:
        return f"{FORMAT}/{VERSION}/{self.seat_id}/{slot_name}/{int(bound)}".encode()

    def _write_slot(self, name: str, label: str, secret: str, key: bytes, device_secret: bytes | None) -> None:
        params = DEFAULT_PARAMS
        salt = new_salt()
        nonce = os.urandom(12)
        bound = device_secret is not None
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # not before a key is made (start-up)

        ciphertext = AESGCM(wrap_key(secret, salt, params, device_secret)).encrypt(nonce, key, self._aad(name, bound))
        self._data["slots"][name] = {
            "label": label,
            "kdf": params.to_json(),
            "salt": _b64(salt),
            "device_bound": bound,
            "nonce": _b64(nonce),
            "ciphertext": _b64(ciphertext),
            "updated_at": utc_now_iso(),
        }
        self._data["slots"][name]["check"] = slot_digest(name, self._data["slots"][name])

    def _open_slot(self, name: str, secret: str, device_secret: bytes | None) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        slot = self._data["slots"][name]
        wrapping = wrap_key(secret, _unb64(slot["salt"]), KdfParams.from_json(slot["kdf"]), device_secret)
        try:
            key = AESGCM(wrapping).decrypt(
                _unb64(slot["nonce"]), _unb64(slot["ciphertext"]), self._aad(name, slot["device_bound"])
            )
        except InvalidTag:
            return None
        return key if len(key) == KEY_BYTES else None

    def _device_secret_for_new_slot(self) -> bytes | None:
        """The secret new slots are bound to: the existing one, a new one if the keyring just became
        usable, or None on a seat without a keyring."""
        status = device.keyring_status()
        if not status.usable:
            if self.require_keyring:
                raise KeyringRequired(f"This seat requires the system keyring, but {status.reason}.")
            return None
        if self.device_bound:
            return self._device_secret()
        secret = device.read_device_secret(self.seat_id) or device.create_device_secret(self.seat_id)
        self._data["device_fingerprint"] = device_fingerprint(secret)
        return secret

    def device_problem(self) -> str | None:
        """Why this vault's bound slots cannot be opened here now, or None."""
        if not self.device_bound:
            return None
        try:
            self._device_secret()
        except KeyringError as exc:
            return str(exc)
        return None

    def _device_secret(self) -> bytes:
        """The secret this vault's bound slots need; a clear error when the keyring cannot give it."""
        status = device.keyring_status()
        if not status.usable:
            raise KeyringError(
                "This seat's passwords are bound to a device secret in the system keyring, but "
                f"{status.reason}. Start the keyring (log in to the desktop session) or open the seat "
                "with the recovery code."
            )
        secret = device.read_device_secret(self.seat_id)
        if secret is None:
            raise KeyringError(
                f"The system keyring holds no device secret for seat '{self.seat_name}': this vault was made "
                "on another computer or the keyring was reset. Open the seat with the recovery code."
            )
        if device_fingerprint(secret) != self._data["device_fingerprint"]:
            raise KeyringError(
                f"The device secret in the system keyring does not match seat '{self.seat_name}' (it was "
                "replaced). Open the seat with the recovery code."
            )
        return secret

    def set_password(self, code: str, label: str, password: str, key: bytes) -> None:
        """Give `code` a slot (new or re-wrapped) opening K with `password`. Call `save()` after."""
        self._write_slot(account_slot(code), label, password, key, self._device_secret_for_new_slot())
        self._data["throttle"].pop(code, None)

    def set_label(self, code: str, label: str) -> None:
        slot = self._data["slots"].get(account_slot(code))
        if isinstance(slot, dict):
            slot["label"] = label

    def remove_account(self, code: str) -> bool:
        return self._data["slots"].pop(account_slot(code), None) is not None

    def new_recovery_code(self, key: bytes) -> str:
        code = new_recovery_code()
        self._write_slot(RECOVERY_SLOT, "recovery", code, key, None)
        return code

    def set_require_keyring(self, required: bool) -> None:
        if required:
            status = device.keyring_status()
            if not status.usable:
                raise KeyringError(f"The keyring cannot be required here: {status.reason}.")
        self._data["require_keyring"] = required

    # ----- unlocking ----------------------------------------------------------------------------------

    def seconds_until_next_try(self, code: str) -> float:
        entry = self._data["throttle"].get(code)
        if not entry:
            return 0.0
        wait = login_delay(entry["failures"])
        elapsed = (utc_now() - parse_iso(entry["last"])).total_seconds()
        return max(0.0, wait - max(elapsed, 0.0))

    def failures(self, code: str) -> int:
        entry = self._data["throttle"].get(code)
        return entry["failures"] if entry else 0

    def _record_failure(self, action: str, code: str, throttle_as: str | None = None) -> None:
        throttle = self._data["throttle"]
        entry = throttle.setdefault(throttle_as or code, {"failures": 0, "last": utc_now_iso()})
        entry["failures"] += 1
        entry["last"] = utc_now_iso()
        pending = self._data.setdefault("pending_audit", [])
        pending.append({"at": utc_now_iso(), "action": action, "object": code})
        del pending[:-_MAX_PENDING_AUDIT]
        self.save()

    def pending_audit(self) -> list[dict]:
        """Failed log-ins recorded while the database was closed, oldest first."""
        return list(self._data.get("pending_audit", []))

    def clear_pending_audit(self, count: int) -> None:
        """Forget the first `count` pending entries once they are in the audit log."""
        del self._data.setdefault("pending_audit", [])[:count]
        self.save()

    def unlock(self, code: str, password: str) -> bytes:
        """K for this account and password; slows down after repeated failures, never locks out for good."""
        if self.require_keyring:
            status = device.keyring_status()
            if not status.usable:
                raise KeyringRequired(f"This seat requires the system keyring, but {status.reason}.")
        name = account_slot(code)
        if self.has_account(code):
            self._require_intact(name)  # damage is told before the throttle and counts as no failure
        wait = self.seconds_until_next_try(code if self.has_account(code) else UNKNOWN_ACCOUNTS)
        if wait > 0:
            raise LoginDelayed(wait)
        slot = self._data["slots"].get(name)
        if slot is None:
            # An unknown code costs the same Argon2id work (no timing hint of which codes exist) and
            # counts against one shared entry, so invented codes cannot push real accounts' delays out.
            wrap_key(password, new_salt(), DEFAULT_PARAMS, None)
            self._record_failure("login.failed", code[:32], throttle_as=UNKNOWN_ACCOUNTS)
            raise WrongPassword("Wrong staff code or password.")
        device_secret = self._device_secret() if slot["device_bound"] else None
        key = self._open_slot(name, password, device_secret)
        if key is None:
            self._record_failure("login.failed", code)
            raise WrongPassword("Wrong staff code or password.")
        changed = self._data["throttle"].pop(code, None) is not None
        if "check" not in slot:  # a slot from before checksums, intact since it opened: give it its checksum
            slot["check"] = slot_digest(name, slot)
            changed = True
        if not slot["device_bound"] and device.keyring_status().usable:
            changed = True
            # The keyring became usable since this slot was made: bind it now, while we have the password.
            try:
                self.set_password(code, _label(name, slot), password, key)
            except KeyringError as exc:
                log.warning("could not bind the slot of %s to the keyring: %s", code, exc)
        if changed:
            self.save()
        return key

    def unlock_recovery(self, code: str) -> bytes:
        self._require_intact(RECOVERY_SLOT)
        wait = self.seconds_until_next_try(RECOVERY_SLOT)
        if wait > 0:
            raise LoginDelayed(wait)
        normal = normalize_recovery_code(code)
        key = self._open_slot(RECOVERY_SLOT, normal, None) if normal else None
        if key is None:
            self._record_failure("recovery.failed", RECOVERY_SLOT)
            raise WrongRecoveryCode(
                "Wrong recovery code: check it against the printed sheet (24 characters in groups of 4)."
            )
        self._data["throttle"].pop(RECOVERY_SLOT, None)
        slot = self._data["slots"][RECOVERY_SLOT]
        slot.setdefault("check", slot_digest(RECOVERY_SLOT, slot))  # intact: it opened
        self.save()
        return key

    def rebind_after_recovery(self) -> list[str]:
        """After the recovery code opened this vault on a computer whose keyring lacks its device secret:
        drop the account slots bound to the old secret (they can never open here) and forget it.
        Returns the staff codes that need a new password."""
        if not self.device_bound:
            return []
        try:
            self._device_secret()
            return []
        except KeyringError:
            pass
        dropped = [
            name.split(":", 1)[1]
            for name, slot in list(self._data["slots"].items())
            if name != RECOVERY_SLOT and (not isinstance(slot, dict) or slot.get("device_bound", True))
        ]
        for code in dropped:
            self._data["slots"].pop(account_slot(code))
        self._data["device_fingerprint"] = None
        log.info("recovery: %d account slots were bound to another device secret", len(dropped))
        return dropped

    def reset_throttle(self) -> None:
        self._data["throttle"] = {}
        self._data["pending_audit"] = []
