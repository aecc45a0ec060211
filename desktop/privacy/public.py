"""Public numbers the guard keeps wherever they stand: the national and provincial service lines listed in
`resources/privacy/public_numbers.txt`, every 400 and 800 service number, and the referral directory's
numbers, which the seat passes in after log-in with `set_public_numbers` (the guard never reads the store).

A number is compared by its digits alone, with any country code (86, 0086) taken off, so 010-82951332,
(010) 8295 1332 and +86 10 82951332 are one number.
"""

import re
import threading
from collections.abc import Iterable
from functools import cache

from desktop.resources import resource_path

_FILE = "privacy/public_numbers.txt"
_DIGITS = re.compile(r"[0-9]+")
_lock = threading.Lock()
_directory: frozenset[str] = frozenset()


def _digits(text: str) -> str:
    """The digits of a number as written, the leading country code taken off; a landline keeps its 0."""
    digits = "".join(_DIGITS.findall(text))
    country = digits.startswith("0086") or (digits.startswith("86") and len(digits) > 11)
    if country:
        digits = digits[4:] if digits.startswith("0086") else digits[2:]
        mobile = len(digits) == 11 and digits[0] == "1"
        if digits and not mobile and digits[0] != "0":
            digits = "0" + digits  # +86 10 8295 1332: the area code lost its 0
    return digits


@cache
def builtin_numbers() -> frozenset[str]:
    """The digits of every number in the built-in list."""
    numbers = set()
    for line in resource_path(_FILE).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            numbers.add(_digits(line.split(" ", 1)[0]))
    return frozenset(numbers)


def set_public_numbers(numbers: Iterable[str]) -> None:
    """Tell the guard the numbers of the referral directory (any writing); replaces the earlier ones."""
    global _directory
    found = frozenset(d for d in (_digits(n) for n in numbers) if len(d) >= 3)
    with _lock:
        _directory = found


def is_public(number: str) -> bool:
    """Whether a number (digits, or as written) is a public service number the guard keeps."""
    digits = _digits(number)
    if len(digits) == 10 and digits[:3] in ("400", "800"):
        return True
    return digits in builtin_numbers() or digits in _directory
