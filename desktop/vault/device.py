"""The seat's device secret in the OS keyring. The only module that talks to `keyring`."""

import base64
import json
import logging
import os
from dataclasses import dataclass

from desktop.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "hotline-log"
SECRET_BYTES = 32
# Backends that keep nothing, refuse everything, or keep secrets in a plain file: none of them protects
# the device secret, so the seat runs without one rather than pretend.
# Each reason has a code the window says in its own words (ui/settings_dialog.py).
NO_BACKEND, SWITCHED_OFF, PLAIN_FILE = "no_backend", "switched_off", "plain_file"
_REASONS = {
    NO_BACKEND: "no keyring backend is available",
    SWITCHED_OFF: "the keyring is switched off (null backend)",
    PLAIN_FILE: "the only keyring keeps secrets in a plain file",
}
_UNUSABLE = {
    "keyring.backends.fail.Keyring": NO_BACKEND,
    "keyring.backends.null.Keyring": SWITCHED_OFF,
    "keyrings.alt.file.PlaintextKeyring": PLAIN_FILE,
}


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    why: str = ""  # NO_BACKEND, SWITCHED_OFF or PLAIN_FILE when not usable

    @property
    def reason(self) -> str:
        """Why the keyring cannot be used, in English (the command line, logs and the core's errors)."""
        return _REASONS.get(self.why, "")

    def describe(self) -> str:
        if self.usable:
            return f"system keyring ({self.backend}): the vault is bound to this computer"
        return f"no device secret: {self.reason} ({self.backend}); a copied vault opens with a password alone"


def _keyring():
    """The keyring package, imported when first needed: loading it takes about 50 ms, which the log-in
    window should not wait for (DESIGN.md §10)."""
    import keyring
    import keyring.errors

    return keyring


def _backend_name(backend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def keyring_status() -> KeyringStatus:
    keyring = _keyring()
    backend = keyring.get_keyring()
    # keyring wraps the backends it found in a chainer; judge (and name) the ones inside it.
    inner = list(getattr(backend, "backends", [backend])) if type(backend).__name__ == "ChainerBackend" else [backend]
    if not inner:
        return KeyringStatus(False, _backend_name(backend), NO_BACKEND)
    names = [_backend_name(b) for b in inner]
    reasons = [_UNUSABLE.get(n) or (PLAIN_FILE if "plaintext" in n.lower() else None) for n in names]
    usable = [n for n, r in zip(names, reasons, strict=True) if r is None]
    if usable:
        return KeyringStatus(True, usable[0])
    return KeyringStatus(False, names[0], reasons[0])


def _username(seat_id: str) -> str:
    return f"device-secret:{seat_id}"


def read_device_secret(seat_id: str) -> bytes | None:
    """The secret stored for this seat, or None if the keyring holds none."""
    keyring = _keyring()
    try:
        stored = keyring.get_password(SERVICE, _username(seat_id))
    except keyring.errors.KeyringLocked as exc:
        raise KeyringError(
            "The system keyring is locked: unlock it (log in to the desktop session) and try again."
        ) from exc
    except keyring.errors.KeyringError as exc:
        raise KeyringError(f"The system keyring could not be read ({type(exc).__name__}).") from exc
    if stored is None:
        return None
    try:
        secret = base64.b64decode(stored, validate=True)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise KeyringError("The device secret in the system keyring is damaged; open the seat with the recovery code.")
    return secret


def create_device_secret(seat_id: str) -> bytes:
    """Make and store a new secret for this seat; only called when the vault holds no slot bound to one."""
    keyring = _keyring()
    secret = os.urandom(SECRET_BYTES)
    try:
        keyring.set_password(SERVICE, _username(seat_id), base64.b64encode(secret).decode("ascii"))
    except keyring.errors.KeyringError as exc:
        raise KeyringError(
            f"The device secret could not be stored in the system keyring ({type(exc).__name__})."
        ) from exc
    if read_device_secret(seat_id) != secret:
        raise KeyringError("The system keyring did not keep the device secret; check the keyring service.")
    log.info("stored a new device secret for seat %s", seat_id)
    return secret


# ----- the seat's anchor: what the keyring remembers of the vault and the audit log (desktop/anchors.py) -----


def _anchor_name(seat_id: str) -> str:
    return f"anchor:{seat_id}"


def read_anchor(seat_id: str) -> dict | None:
    """The anchor stored for this seat, or None (no usable keyring, none stored, or unreadable)."""
    if not keyring_status().usable:
        return None
    keyring = _keyring()
    try:
        stored = keyring.get_password(SERVICE, _anchor_name(seat_id))
    except keyring.errors.KeyringError as exc:
        raise KeyringError(f"The system keyring could not be read ({type(exc).__name__}).") from exc
    if stored is None:
        return None
    try:
        anchor = json.loads(stored)
    except ValueError:
        return None
    return anchor if isinstance(anchor, dict) else None


def write_anchor(seat_id: str, anchor: dict) -> bool:
    """Store the anchor; False where there is no usable keyring."""
    if not keyring_status().usable:
        return False
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _anchor_name(seat_id), json.dumps(anchor, sort_keys=True))
    except keyring.errors.KeyringError as exc:
        raise KeyringError(f"The system keyring could not be written ({type(exc).__name__}).") from exc
    return True
