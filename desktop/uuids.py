"""Time-ordered UUIDs (version 7, RFC 9562) for the records a seat shares with its centre (DESIGN.md §11).

A call and its follow-ups get their UUID in the INSERT that saves them; the schema's triggers give one only
to a row inserted without (desktop/store/schema_center.py). A version 7 UUID begins with the time in
milliseconds, so a new call's entry in the unique index of UUIDs goes after the last one, on the page the
previous save wrote, not on a random page of an index of a million calls; and the row is not written a
second time to receive it (issue 17: pages a save writes).
"""

import os
import time

_RANDOM_A_BITS, _RANDOM_B_BITS = 12, 62


def new_uuid(now_ms: int | None = None) -> str:
    """A version 7 UUID as text: 48 bits of Unix time in milliseconds, the version, 74 random bits."""
    ms = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) & ((1 << 48) - 1)
    random_bits = int.from_bytes(os.urandom(10), "big")
    random_a = random_bits >> (80 - _RANDOM_A_BITS)
    random_b = random_bits & ((1 << _RANDOM_B_BITS) - 1)
    value = ms << 80 | 0x7 << 76 | random_a << 64 | 0b10 << 62 | random_b
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
