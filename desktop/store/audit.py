"""The append-only, hash-chained audit log (DESIGN.md §4).

Each entry's hash covers its sequence, time, actor, action, object, detail and the previous entry's hash,
so removing, changing or reordering any entry breaks every hash after it. Details never hold note text.

The formula (README "How the keys work"; tests/test_audit.py recomputes it without this module):

    hash = lower-case hex of SHA-256( UTF-8 of the JSON array
               [seq, at, actor, action, object, detail, prev_hash] )

written compactly (no space after `,` or `:`), with characters beyond ASCII written as themselves, not as
`\\u` escapes. `seq` is a number; the rest are the texts stored in the row: `at` the UTC time
(`2025-05-01T14:14:00.000Z`), `detail` the JSON of the detail object with sorted keys or "" when there is
none, `prev_hash` the previous entry's hash or 64 zeros for the first entry. `verify` checks each entry's
hash, that sequence numbers follow without a gap, and that each `prev_hash` is the hash before it.
"""

import hashlib
import json
from dataclasses import dataclass

from desktop.clock import utc_now_iso
from desktop.store.store import Store

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    object: str
    detail: str
    prev_hash: str
    hash: str


def entry_hash(seq: int, at: str, actor: str, action: str, obj: str, detail: str, prev_hash: str) -> str:
    canonical = json.dumps([seq, at, actor, action, obj, detail, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, store: Store):
        self._store = store

    def append(
        self, actor: str, action: str, obj: str = "", detail: dict | None = None, at: str | None = None
    ) -> AuditEntry:
        """Add one entry; joins the caller's transaction so the entry commits with the change it records."""
        detail_text = json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""
        with self._store.transaction():
            seq, prev = self.head()
            seq += 1
            at = at or utc_now_iso()
            digest = entry_hash(seq, at, actor, action, obj, detail_text, prev)
            self._store.execute(
                "INSERT INTO audit (seq, at, actor, action, object, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, at, actor, action, obj, detail_text, prev, digest),
            )
        return AuditEntry(seq, at, actor, action, obj, detail_text, prev, digest)

    def head(self) -> tuple[int, str]:
        """(sequence, hash) of the newest entry; (0, GENESIS) for an empty log."""
        row = self._store.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        return (row[0], row[1]) if row else (0, GENESIS)

    def entries(self, limit: int = 100, before_seq: int | None = None) -> list[AuditEntry]:
        """The newest entries first, a page at a time."""
        bound = before_seq if before_seq is not None else 2**62
        rows = self._store.rows(
            "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
            " WHERE seq < ? ORDER BY seq DESC LIMIT ?",
            (bound, limit),
        )
        return [AuditEntry(*row) for row in rows]

    def verify(self) -> list[str]:
        """Walk the whole chain; every problem found, in words (empty when the chain holds)."""
        problems = []
        expected_seq, prev = 1, GENESIS
        cursor = self._store.execute(
            "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit ORDER BY seq"
        )
        for seq, at, actor, action, obj, detail, prev_hash, digest in cursor:
            if seq != expected_seq:
                problems.append(f"audit entries {expected_seq}–{seq - 1} are missing")
            if prev_hash != prev:
                problems.append(f"audit entry {seq} does not follow the entry before it")
            if entry_hash(seq, at, actor, action, obj, detail, prev_hash) != digest:
                problems.append(f"audit entry {seq} was altered (its hash does not match)")
            expected_seq, prev = seq + 1, digest
            if len(problems) >= 20:
                problems.append("… further audit problems not listed")
                break
        return problems
