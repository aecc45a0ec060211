"""The vault's seal: an HMAC under a key derived from K over everything but the failure counts, so only a
holder of K can change the slots, the settings, the generation or the audit anchor unnoticed.

A new seal is only ever written over a vault that was read with a seal that held (or, said so explicitly, a new
vault, one from before seals, or one an admin accepts): the program never reseals a vault changed outside it,
which would launder the change.

hashlib and hmac (OpenSSL's start-up with them) are imported when a seal is made or checked, with K at hand: the
log-in window reads the vault before it is painted and checks no seal."""

import json

from desktop.errors import VaultError
from desktop.fsutil import atomic_write_bytes
from desktop.vault.kdf import seal_key
from desktop.vault.slot_check import SIGNED, slot_digest

UNSEALED = ("throttle", "pending_audit", "seal")  # written without K, at every failed try


def _sealed_slot(name: str, slot):
    """A slot as the seal covers it: its key material through its checksum (desktop/vault/slot_check.py), so a
    bit flipped in one slot is that slot's damage, told to its owner alone, while a slot put back from an older
    vault (another checksum) breaks the seal."""
    if not isinstance(slot, dict):
        return slot
    kept = {k: v for k, v in slot.items() if k not in SIGNED}
    kept["check"] = slot.get("check") or slot_digest(name, slot)
    return kept


def _same(seal: str, expected: str) -> bool:
    import hmac

    return hmac.compare_digest(seal, expected)


class Sealed:
    """Mixed into `Vault`: uses its `_data`, `path`, `seat_id`, and `_sealed_as_read` and `_seal_as_read` (the
    sealed part and the seal as the file was read or last written)."""

    def _sealed_content(self) -> bytes:
        sealed = {k: v for k, v in self._data.items() if k not in UNSEALED}
        if isinstance(sealed.get("slots"), dict):
            sealed["slots"] = {name: _sealed_slot(name, slot) for name, slot in sealed["slots"].items()}
        return json.dumps(sealed, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _seal(self, key: bytes, content: bytes | None = None) -> str:
        import hashlib
        import hmac

        content = self._sealed_content() if content is None else content
        return hmac.new(seal_key(key, self.seat_id), content, hashlib.sha256).hexdigest()

    def seal_as_read_holds(self, key: bytes) -> bool:
        """Whether the file, as read, carried a seal that holds (whatever was changed in memory since)."""
        seal = self._seal_as_read
        return bool(seal) and _same(seal, self._seal(key, self._sealed_as_read))

    @property
    def generation(self) -> int:
        """One more with every change of accounts, passwords or settings, made with K (desktop/vault_sync.py),
        and when a restore or an admin makes the seat's files the reference (desktop/anchors.py); 0 for a vault
        from before seals. Failed tries, written without K, and the audit anchor's refreshes leave it."""
        return int(self._data.get("generation", 0))

    @property
    def audit_anchor(self) -> dict | None:
        """The database's audit head as last recorded here: {"seq", "hash", "last_call"}."""
        anchor = self._data.get("audit_anchor")
        return dict(anchor) if anchor else None

    @property
    def sealed(self) -> bool:
        return bool(self._data.get("seal"))

    def seal_holds(self, key: bytes) -> bool:
        """Whether the seal matches (False too for a vault without one)."""
        return self.sealed and _same(self._data["seal"], self._seal(key))

    def save_sealed(
        self,
        key: bytes,
        *,
        bump: bool = True,
        generation: int | None = None,
        audit_anchor: dict | None = None,
        over_unsealed: bool = False,
    ) -> None:
        """Write the vault with a new seal: a new `generation` (the next one, or the one given) unless `bump`
        is False (a new audit anchor alone), and the audit anchor when one is given. Refused over a vault read
        without a seal that held, unless `over_unsealed` says that is meant (a new vault, one from before seals,
        an admin's acceptance)."""
        if not over_unsealed and not self.seal_as_read_holds(key):
            raise VaultError(
                f"The vault file {self.path} was changed outside Hotline Log since it was read; nothing was written. "
                "Log in again to have it checked."
            )
        if generation is not None:
            self._data["generation"] = generation
        elif bump:
            self._data["generation"] = self.generation + 1
        if audit_anchor is not None:
            self._data["audit_anchor"] = dict(audit_anchor)
        self._data["seal"] = self._seal(key)
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8"))
        self._sealed_as_read, self._seal_as_read = self._sealed_content(), self._data["seal"]
