"""The draft kept beside the database when the database cannot take it (found damaged, or its files changed
under the program): one small file per account, `seat.draft-CODE` in the seat's folder.

It holds what a draft in the database holds (the form with every free-text field through the notes guard,
DESIGN.md §2.3), encrypted with AES-256-GCM under a key derived by HKDF-SHA256 from the database key, so it
opens exactly where the seat's database opens: after a log-in to this seat, or to a backup of it restored
later. The seat and the account are bound to it as associated data. Written owner-only, via a temporary
file, fsync and rename, so a crash leaves the old file or the new one. Never plaintext.
"""

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.call_model import CallInput, Draft, guarded_draft
from desktop.clock import parse_iso, utc_now_iso
from desktop.fsutil import atomic_write_bytes, fsync_dir

log = logging.getLogger(__name__)

MAGIC = b"HLDRAFT1"
_INFO = b"hotline-log rescue draft v1"
_NONCE = 12


def _file_key(database_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(bytes(database_key))


@dataclass(frozen=True)
class RescueDraft:
    """The rescue draft of one account of one seat. `key` is the database key (32 bytes)."""

    home: Path
    seat_id: str
    account: str
    key: bytes = field(repr=False)

    @classmethod
    def of(cls, session) -> "RescueDraft":
        """The rescue draft of the person logged in to `session` (a desktop.seat.Session)."""
        return cls(session.seat.paths.home, session.seat.vault.seat_id, session.actor, bytes(session.key))

    @property
    def path(self) -> Path:
        return Path(self.home) / f"seat.draft-{self.account}"

    def _associated(self) -> bytes:
        return MAGIC + json.dumps([self.seat_id, self.account]).encode("utf-8")

    def write(self, form: CallInput, call_id: int | None, choices=None) -> None:
        """Keep `form` in the file as a draft in the database keeps it (through the guard, with the counselor's
        `choices`), replacing what it held. Raises StorageError when the disk refuses."""
        guarded = guarded_draft(form, choices)
        payload = json.dumps({"saved_at": utc_now_iso(), "call_id": call_id, "form": guarded.to_json()})
        nonce = os.urandom(_NONCE)
        sealed = AESGCM(_file_key(self.key)).encrypt(nonce, payload.encode("utf-8"), self._associated())
        atomic_write_bytes(self.path, MAGIC + nonce + sealed)
        log.info("the call on screen was kept in the rescue draft file")

    def read(self) -> Draft | None:
        """The draft in the file; None when there is none, or it is not this seat's and account's (left alone)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("the rescue draft file cannot be read (%s)", exc.strerror)
            return None
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _NONCE + 16:
            log.warning("the rescue draft file is not one this program wrote; it was left alone")
            return None
        nonce, sealed = data[len(MAGIC) : len(MAGIC) + _NONCE], data[len(MAGIC) + _NONCE :]
        try:
            payload = json.loads(AESGCM(_file_key(self.key)).decrypt(nonce, sealed, self._associated()))
            return Draft(CallInput.from_json(payload["form"]), payload["call_id"], parse_iso(payload["saved_at"]))
        except (InvalidTag, ValueError, KeyError, TypeError):
            log.warning("the rescue draft file does not open with this seat's key; it was left alone")
            return None

    def remove(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        fsync_dir(self.path.parent)
