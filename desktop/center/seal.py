"""Free text at the centre is ciphertext (DESIGN.md §11): AES-256-GCM under the centre data key.

The associated data binds a sealed value to its table, its row's UUID and its column, so a value copied into
another row or column of the centre's database does not open: the tag check fails.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.errors import HotlineError

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32


class SealError(HotlineError):
    """A sealed value does not open under this key for this place: moved, altered, or another centre's key."""


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _context(table: str, row: str, column: str) -> bytes:
    return "\x1f".join(("hotline-log centre v1", table, str(row), column)).encode("utf-8")


def seal(key: bytes, table: str, row: str, column: str, text: str | None) -> bytes | None:
    """The sealed form of `text` for `table`.`column` of the row `row`; None for no text (nothing to keep)."""
    if not text:
        return None
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, text.encode("utf-8"), _context(table, row, column))


def unseal(key: bytes, table: str, row: str, column: str, sealed: bytes | None) -> str:
    """The text sealed for exactly this place; '' for none. Raises SealError when it does not open."""
    if not sealed:
        return ""
    sealed = bytes(sealed)
    if sealed[:1] != VERSION or len(sealed) < 1 + NONCE_BYTES + 16:
        raise SealError("A sealed value at the centre is not in a form this program knows.")
    nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, _context(table, row, column)).decode("utf-8")
    except InvalidTag as exc:
        raise SealError(
            f"A sealed {column} at the centre does not open for {table} {row}: it was moved or altered."
        ) from exc
