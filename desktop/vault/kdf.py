"""Slot keys: Argon2id of the secret, mixed by HKDF-SHA256 with the seat's device secret (DESIGN.md §4).

Argon2 and `cryptography` are imported where a key is derived: the log-in window reads the vault's
parameters before anyone logs in and is painted without them (DESIGN.md §10, start-up).
"""

import os
from dataclasses import asdict, dataclass

KEY_BYTES = 32
SALT_BYTES = 16
_WRAP_INFO = b"hotline-log slot wrap v1"
_FINGERPRINT_INFO = b"hotline-log device fingerprint v1"
_SEAL_INFO = b"hotline-log vault seal v1/"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored with every slot so they can be raised later without breaking old slots."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    def to_json(self) -> dict:
        return {"alg": "argon2id", **asdict(self)}

    @classmethod
    def from_json(cls, data: dict) -> "KdfParams":
        if data.get("alg") != "argon2id":
            raise ValueError(f"unknown key derivation {data.get('alg')!r}")
        params = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        if not (1 <= params.time_cost <= 100 and 8 <= params.memory_kib <= 4 * 1024 * 1024):
            raise ValueError("key derivation parameters out of range")
        if not 1 <= params.parallelism <= 64:
            raise ValueError("key derivation parallelism out of range")
        return params


DEFAULT_PARAMS = KdfParams()


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def wrap_key(secret: str, salt: bytes, params: KdfParams, device_secret: bytes | None) -> bytes:
    """The AES-256-GCM key of one slot."""
    from argon2.low_level import Type, hash_secret_raw

    stretched = hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return _hkdf(KEY_BYTES, salt, _WRAP_INFO).derive(stretched + (device_secret or b""))


def device_fingerprint(device_secret: bytes) -> str:
    """A short, one-way tag telling whether the keyring still holds the secret the vault was made with."""
    return _hkdf(16, None, _FINGERPRINT_INFO).derive(device_secret).hex()


def seal_key(key: bytes, seat_id: str) -> bytes:
    """The HMAC key that seals the vault's slots, settings and anchors: only a holder of K can reseal them."""
    return _hkdf(KEY_BYTES, None, _SEAL_INFO + seat_id.encode()).derive(key)


def _hkdf(length: int, salt: bytes | None, info: bytes):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info)
