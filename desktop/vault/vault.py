"""The vault file: the database key K wrapped once per account and once under the recovery code.

Layout (JSON, versioned, written atomically with owner-only permissions):

    {"format": "hotline-log-vault", "version": 1, "seat_id": ..., "seat_name": ..., "created_at": ...,
     "require_keyring": false, "device_fingerprint": "<hex>" | null,
     "slots": {"account:A001": SLOT, "recovery": SLOT},
     "generation": 7, "audit_anchor": {"seq": 812, "hash": "<hex>", "last_call": 90}, "seal": "<hex>",
     "throttle": {"A001": {"failures": 2, "last": ISO}},
     "pending_audit": [{"id", "at", "action", "object", "detail"?}]}

    SLOT = {"label": ..., "kdf": {"alg": "argon2id", ...}, "salt": b64, "device_bound": bool,
            "nonce": b64, "ciphertext": b64, "updated_at": ISO, "check": sha256-hex}

`check` tells a damaged slot from a wrong password without trying the password (desktop/vault/slot_check.py).

K never appears in the clear. A slot's AES-GCM associated data names the seat, the slot and whether it is
bound to the device secret, so a slot cannot be moved to another vault or downgraded unnoticed.

Everything but the failure counts and pending audit entries is sealed (desktop/vault/seal.py): `seal` is an HMAC
under a key derived from K, so only a holder of K can change the slots, the settings, the `generation` or the
`audit_anchor` (the database's audit head, desktop/anchors.py) unnoticed. The failure counts are written without
K, at every try (desktop/vault/throttle.py), and are not sealed.
"""

import base64
import json
import logging
import os
from pathlib import Path

from desktop.clock import utc_now_iso
from desktop.errors import (
    KeyringError,
    KeyringRequired,
    LoginDelayed,
    StorageError,
    VaultError,
    WrongPassword,
    WrongRecoveryCode,
)
from desktop.fsutil import atomic_write_bytes, storage_error
from desktop.vault import device
from desktop.vault.kdf import DEFAULT_PARAMS, KEY_BYTES, KdfParams, device_fingerprint, new_salt, wrap_key
from desktop.vault.recovery import new_recovery_code, normalize_recovery_code
from desktop.vault.seal import Sealed
from desktop.vault.slot_check import damaged_slot_error, slot_damage, slot_digest
from desktop.vault.throttle import FREE_FAILURES, MAX_DELAY_S, UNKNOWN_ACCOUNTS, Throttled, login_delay

log = logging.getLogger(__name__)

FORMAT = "hotline-log-vault"
VERSION = 1
RECOVERY_SLOT = "recovery"
__all__ = ["FREE_FAILURES", "MAX_DELAY_S", "RECOVERY_SLOT", "UNKNOWN_ACCOUNTS", "Vault", "login_delay"]


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


class Vault(Throttled, Sealed):
    def __init__(self, path: Path, data: dict):
        self.path = Path(path)
        self._data = data
        self._sealed_as_read = self._sealed_content()
        self._seal_as_read = data.get("seal")

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
            if not isinstance(data.get("generation", 0), int) or data.get("generation", 0) < 0:
                raise ValueError("generation")
            anchor = data.get("audit_anchor")
            if anchor is not None and not (
                isinstance(anchor.get("seq"), int) and isinstance(anchor.get("hash"), str)
                and isinstance(anchor.get("last_call", 0), int)
            ):  # fmt: skip
                raise ValueError("audit_anchor")
            if not isinstance(data.get("seal", ""), str):
                raise ValueError("seal")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise damaged from exc
        # A damaged slot does not make the whole vault unreadable: it is named when its owner tries it
        # (SlotDamaged) and by `verify`, while every other account still logs in.

    def save(self) -> None:
        """Write the failure counts and pending audit entries (the unsealed part). Keys, settings and anchors
        change only through `save_sealed`, which needs K."""
        if self._sealed_content() != self._sealed_as_read:
            raise RuntimeError("the vault's sealed part changed; write it with save_sealed(key)")
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

    def unlock(
        self, code: str, password: str, *, counted_by: "Vault | None" = None, failed_action: str = "login.failed"
    ) -> bytes:
        """K for this account and password; slows down after repeated failures, never locks out for good.

        `counted_by` is the vault whose failure counts and pending audit this try is charged to: the seat's own
        when a backup's vault is opened to restore it."""
        counter = counted_by or self
        if self.require_keyring:
            status = device.keyring_status()
            if not status.usable:
                raise KeyringRequired(f"This seat requires the system keyring, but {status.reason}.")
        name = account_slot(code)
        if self.has_account(code):
            self._require_intact(name)  # damage is told before the throttle and counts as no failure
        counted = counter._throttle_key(code)
        wait = counter.seconds_until_next_try(counted)
        if wait > 0:
            raise LoginDelayed(wait)
        slot = self._data["slots"].get(name)
        device_secret = self._device_secret() if slot is not None and slot["device_bound"] else None
        attempt = counter._charge(failed_action, code[:32], counted)
        if slot is None:
            # An unknown code costs the same Argon2id work (no timing hint of which codes exist) and
            # counts against one shared entry, so invented codes cannot push real accounts' delays out.
            wrap_key(password, new_salt(), DEFAULT_PARAMS, None)
            raise WrongPassword("Wrong staff code or password.")
        key = self._open_slot(name, password, device_secret)
        if key is None:
            raise WrongPassword("Wrong staff code or password.")
        counter._settle(attempt, counted)
        self._improve_slot(code, name, password, key)
        return key

    def _improve_slot(self, code: str, name: str, password: str, key: bytes) -> None:
        """With the password at hand: give a slot from before checksums its checksum (it opened, so it is
        intact), and bind a slot made without the keyring to it now that it is usable. Written only over a
        vault whose seal holds: a vault changed outside the program is never resealed here."""
        slot = self._data["slots"][name]
        bind = not slot["device_bound"] and device.keyring_status().usable
        if ("check" in slot and not bind) or not self.seal_as_read_holds(key):
            return
        try:
            slot.setdefault("check", slot_digest(name, slot))
            if bind:
                self.set_password(code, _label(name, slot), password, key)
            self.save_sealed(key, bump=False)  # the same password: no change of generation
        except (KeyringError, StorageError) as exc:
            log.warning("could not write the slot of %s bound to the keyring or checked: %s", code, exc)
            self._reread()

    def unlock_recovery(
        self, code: str, *, counted_by: "Vault | None" = None, failed_action: str = "recovery.failed"
    ) -> bytes:
        self._require_intact(RECOVERY_SLOT)
        counter = counted_by or self
        wait = counter.seconds_until_next_try(RECOVERY_SLOT)
        if wait > 0:
            raise LoginDelayed(wait)
        attempt = counter._charge(failed_action, RECOVERY_SLOT, RECOVERY_SLOT)
        normal = normalize_recovery_code(code)
        key = self._open_slot(RECOVERY_SLOT, normal, None) if normal else None
        if key is None:
            raise WrongRecoveryCode(
                "Wrong recovery code: check it against the printed sheet (24 characters in groups of 4)."
            )
        counter._settle(attempt, RECOVERY_SLOT)
        slot = self._data["slots"][RECOVERY_SLOT]
        if "check" not in slot and self.seal_as_read_holds(key):  # intact: it opened
            slot["check"] = slot_digest(RECOVERY_SLOT, slot)
            try:
                self.save_sealed(key, bump=False)
            except StorageError as exc:
                log.warning("could not give the recovery slot its checksum: %s", exc)
                self._reread()
        return key

    def _reread(self) -> None:
        """Drop changes that could not be written: the vault as it is on disk."""
        fresh = Vault.load(self.path)
        self._data, self._sealed_as_read, self._seal_as_read = fresh._data, fresh._sealed_as_read, fresh._seal_as_read

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
