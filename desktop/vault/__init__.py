"""Keys of DESIGN.md §4: key slots, Argon2id, the keyring-held device secret, the recovery code."""

from desktop.vault.device import KeyringStatus, keyring_status
from desktop.vault.kdf import DEFAULT_PARAMS, KdfParams
from desktop.vault.recovery import normalize_recovery_code
from desktop.vault.vault import Vault, login_delay

__all__ = [
    "DEFAULT_PARAMS",
    "KdfParams",
    "KeyringStatus",
    "Vault",
    "keyring_status",
    "login_delay",
    "normalize_recovery_code",
]
