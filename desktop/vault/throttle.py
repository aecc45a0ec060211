"""Failed log-ins, counted twice: in the vault file (across restarts) and in this process's memory (whatever
the disk does: a full disk, a read-only folder, or a vault file put back as it was cannot reset the delay of a
running program).

Every try is charged before its password is checked (`charge`): the vault records one more failure and a
pending audit entry, and only a right password takes them back (`settle`). A try whose charge cannot be
written is refused before the password is checked, with a message that is the same for every password, so a
full disk gives no unthrottled guessing and no hint of which password was right.
"""

import json
import logging
import threading
from datetime import datetime

from desktop import clock
from desktop.clock import parse_iso
from desktop.errors import StorageError

log = logging.getLogger(__name__)

FREE_FAILURES = 3
MAX_DELAY_S = 300
MAX_PENDING = 1000
RECOVERY = "recovery"  # the recovery slot's entry
UNKNOWN_ACCOUNTS = "*unknown*"  # one entry shared by every code without a slot

_lock = threading.Lock()
_counts: dict[tuple[str, str], tuple[int, datetime]] = {}  # (seat id, account or slot) → failures, last
_settled: set[str] = set()  # attempts that turned out right although the vault could not be told


def login_delay(failures: int) -> int:
    """Seconds to wait after `failures` failed log-ins in a row: 0, 0, 2, 4, 8 … capped at 5 minutes.

    Three tries are free: the first, second and third may fail without a wait, the fourth waits 2 s."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_S)


def refused_unrecorded(exc: StorageError) -> StorageError:
    """The disk's refusal (full, read-only, no permission: its own kind, folder and mount), saying that the try was
    refused before its password was checked. The same for every password: it tells nothing about one."""
    return type(exc)(
        f"The log-in was refused before the password was checked, because it cannot be recorded. {exc}",
        getattr(exc, "folder", None),
        getattr(exc, "mount", None),
    )


def in_memory(seat_id: str, name: str) -> tuple[int, datetime | None]:
    with _lock:
        return _counts.get((seat_id, name), (0, None))


def count(seat_id: str, name: str, failures: int, at: datetime) -> None:
    """Remember `failures` for this process (never fewer than it already knows)."""
    with _lock:
        known, _last = _counts.get((seat_id, name), (0, at))
        _counts[(seat_id, name)] = (max(known, failures), at)


def forget(seat_id: str, name: str) -> None:
    with _lock:
        _counts.pop((seat_id, name), None)


def forget_all() -> None:
    """As a new process starts (tests of what survives a restart)."""
    with _lock:
        _counts.clear()
        _settled.clear()


def new_attempt_id() -> str:
    import uuid  # here: it brings `platform`, and the vault is read before the log-in window is painted

    return uuid.uuid4().hex[:16]


def mark_settled(attempt: str) -> None:
    with _lock:
        _settled.add(attempt)


def was_settled(attempt: str | None) -> bool:
    with _lock:
        return attempt is not None and attempt in _settled


class Throttled:
    """The failure counts of a vault (mixed into `Vault`: uses its `_data`, `seat_id`, `has_account`, `save`)."""

    def _throttle_key(self, code: str) -> str:
        return code if code == RECOVERY or self.has_account(code) else UNKNOWN_ACCOUNTS

    def _counted(self, name: str) -> tuple[int, datetime | None]:
        """Failures in a row and the last one, from the vault or this process's memory, whichever knows more."""
        entry = self._data["throttle"].get(name)
        failures, last = (entry["failures"], parse_iso(entry["last"])) if entry else (0, None)
        remembered, when = in_memory(self.seat_id, name)
        if remembered > failures:
            failures, last = remembered, when
        return failures, last

    def seconds_until_next_try(self, code: str) -> float:
        failures, last = self._counted(code)
        if not failures:
            return 0.0
        elapsed = (clock.utc_now() - last).total_seconds()
        return max(0.0, login_delay(failures) - max(elapsed, 0.0))

    def failures(self, code: str) -> int:
        return self._counted(code)[0]

    def _charge(self, action: str, obj: str, name: str) -> str:
        """Count this try as failed, in memory and in the vault, before its secret is checked. Raises
        the disk's refusal (for every secret alike, `refused_unrecorded`) when the vault cannot be written."""
        now = clock.utc_now()
        failures = self._counted(name)[0] + 1
        count(self.seat_id, name, failures, now)  # holds whatever the disk does
        attempt = new_attempt_id()
        self._data["throttle"][name] = {"failures": failures, "last": clock.utc_now_iso()}
        pending = self._data.setdefault("pending_audit", [])
        pending.append({"id": attempt, "at": clock.utc_now_iso(), "action": action, "object": obj})
        del pending[:-MAX_PENDING]
        try:
            self.save()
        except StorageError as exc:
            pending[:] = [e for e in pending if e.get("id") != attempt]
            raise refused_unrecorded(exc) from exc
        return attempt

    def _settle(self, attempt: str, name: str) -> None:
        """The try was right: take its charge back and clear the delay (the vault too, when it can be written)."""
        forget(self.seat_id, name)
        mark_settled(attempt)
        self._data["throttle"].pop(name, None)
        pending = self._data.setdefault("pending_audit", [])
        pending[:] = [e for e in pending if e.get("id") != attempt]
        try:
            self.save()
        except StorageError as exc:
            log.warning("a right log-in could not clear its charge in the vault: %s", exc)

    def pending_audit(self) -> list[dict]:
        """Failed tries recorded while the database was closed, oldest first (not those that turned out right)."""
        return [e for e in self._data.get("pending_audit", []) if not was_settled(e.get("id"))]

    def add_pending_audit(self, action: str, obj: str, detail: dict | None = None) -> None:
        """An event for the audit log, recorded while the database cannot be opened (written at the next
        log-in)."""
        entry = {"id": new_attempt_id(), "at": clock.utc_now_iso(), "action": action, "object": obj}
        if detail:
            entry["detail"] = detail
        self._data.setdefault("pending_audit", []).append(entry)
        self.save()

    def clear_pending_audit(self, entries: list[dict]) -> None:
        """Forget these pending entries (and any that turned out right) once they are in the audit log."""
        written = [json.dumps(e, sort_keys=True) for e in entries]
        self._data["pending_audit"] = [
            e
            for e in self._data.get("pending_audit", [])
            if json.dumps(e, sort_keys=True) not in written and not was_settled(e.get("id"))
        ]
        self.save()
