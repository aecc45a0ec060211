"""The recovery code: 120 random bits written as six groups of four Crockford base-32 characters."""

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 6
GROUP_LEN = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_recovery_code() -> str:
    import secrets  # here: the log-in window reads the vault without it (DESIGN.md §10)

    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalize_recovery_code(text: str) -> str | None:
    """The canonical form of a typed code (any case, spaces or hyphens, O for 0), or None if it cannot be one."""
    chars = "".join(c for c in text.upper() if c not in " -\t\r\n").translate(_CONFUSABLE)
    if len(chars) != GROUPS * GROUP_LEN or any(c not in ALPHABET for c in chars):
        return None
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))
