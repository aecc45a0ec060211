"""Retention (DESIGN.md §2.6): a call's free text is shredded once the retention period has passed.

The hotline guideline keeps records at least three years, so the period is never shorter than
`MINIMUM_DAYS`; an admin may make it longer. A call whose start lies further back than the period, and
that is not under legal hold, loses every free-text field: summary, notes, city, keywords, amendments'
text, follow-up notes and outcomes, the override reason, the safety plan, supervision notes, and its
entry in the notes index; a shift that ended before the period loses its handover note unless one of
its calls is held. Its codes (kind, caller bands, concerns, emotions, interventions, risk level, times, crisis
actions, referrals) stay, so statistics over the years still add up.

Each call is shredded in one transaction, so a shred cut short never leaves a call half done; the next
run goes on with the rest. That transaction is the longest the shred holds the write lock (issue 17: at
most 200 ms; some 100 ms at a million calls, benchmarks/cleanup.py). Between two calls the lock is left
free for `PAUSE_S`, so a save waiting for it gets it then. Every connection runs with `secure_delete`, so
what a shred empties or deletes is overwritten with zeros in its page, and freed pages are zeroed; the
notes index takes the call's entry out of its pages too (FTS5's secure-delete, desktop/store/search.py).
What is left is the write-ahead log, which keeps earlier versions of pages until it is checkpointed and
emptied: after each call a passive checkpoint copies it into the database without taking the lock, and
the clean-up at the end empties it with a truncating checkpoint, which holds writers off while it copies
what is left, waiting at most `LAST_CHECKPOINT_WAIT_MS` for readers.

The copies of the database taken before a schema update (pre-migration/) are out of the shred's reach;
each run deletes those older than `COPY_KEEP_DAYS` (30), so no text outlives the period by more than that.

A flag in the settings, written with each shredded call, makes the next run do that clean-up when a run
stopped before it, or when the log could not be emptied because a reader held it. The shred runs
automatically after each log-in whoever logs in, and daily at a quiet hour (`QUIET_HOUR`, seat time)
while the program is open; it is audited as the system. A run may leave the clean-up for a later one
(`wipe=False`): the flag stays set until a run does it.
"""

import contextlib
import logging
import time as clock
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from desktop.clock import seat_time, to_utc_iso, utc_now, utc_now_iso
from desktop.errors import BadInput, HotlineError
from desktop.free_text import shred_statements
from desktop.seat import SYSTEM_ACTOR, Session
from desktop.store.connection import sqlite
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store, remove_old_copies

log = logging.getLogger(__name__)

MINIMUM_DAYS = 1095  # three years: the hotline guideline's minimum
DEFAULT_DAYS = MINIMUM_DAYS
SETTING = "retention_days"
WIPE_PENDING = "retention_wipe_pending"  # shredded rows may still sit in free pages or the WAL
QUIET_HOUR = 4  # seat time: the daily run, when the fewest calls come in
# Between two shredded calls the lock is left free this long: SQLite's busy handler retries a waiting writer at
# most every 100 ms, and a shred that took the next call at once kept a save waiting through many calls (1.3 s
# at a million calls, though no call held the lock longer than 52 ms). A day's 300 calls take some 45 s.
PAUSE_S = 0.12
LAST_CHECKPOINT_WAIT_MS = 100  # the truncating checkpoint holds off writers while it waits for readers
HANDOVER_BATCH = 200  # shifts whose handover notes are emptied in one transaction

_DUE = "shredded_at IS NULL AND legal_hold = 0 AND started_at < ?"  # served by the call_to_shred index
_HELD = "shredded_at IS NULL AND legal_hold = 1 AND started_at < ?"

# Every place a call's free text lives (desktop.free_text, the one list), emptied or removed; each
# statement takes the call's id.
_SHRED_STATEMENTS = shred_statements()


@dataclass(frozen=True)
class CleanUp:
    """What the clean-up after a shred did: the truncating checkpoint, which holds the write lock."""

    seconds: float  # how long the truncating checkpoint took
    wal_emptied: bool  # it emptied the write-ahead log


@dataclass(frozen=True)
class ShredReport:
    calls: int  # calls shredded by this run
    held_skipped: int  # calls past the period kept whole because of a legal hold
    wipe_pending: bool = False  # the clean-up of free pages was left for a later run
    clean_up: CleanUp | None = field(default=None, compare=False)  # None when no clean-up ran
    longest_call_s: float = field(default=0.0, compare=False)  # the longest transaction shredding one call


def next_quiet_run(after: datetime, zone=None, hour: int = QUIET_HOUR) -> datetime:
    """The first `hour`:00 seat time strictly after `after` (an aware time), for the daily run."""
    local = seat_time(after, zone)
    run = datetime.combine(local.date(), time(hour), local.tzinfo)
    if run <= local:
        run = datetime.combine(local.date() + timedelta(days=1), time(hour), local.tzinfo)
    return run


def retention_days(store: Store) -> int:
    """The seat's retention period in days; never less than the minimum, whatever the setting holds."""
    value = SettingsRepo(store).get(SETTING)
    try:
        days = int(value) if value is not None else DEFAULT_DAYS
    except ValueError:
        log.warning("the retention setting is not a number; using the default of %d days", DEFAULT_DAYS)
        return DEFAULT_DAYS
    return max(days, MINIMUM_DAYS)


def set_retention_days(session: Session, days: int) -> None:
    """Set the retention period (admins only). Less than three years is refused."""
    session.require("admin", doing="change the retention period")
    if isinstance(days, bool) or not isinstance(days, int):
        raise BadInput("The retention period is a whole number of days.", code="retention.whole_days")
    if days < MINIMUM_DAYS:
        raise BadInput(
            f"The retention period must be at least {MINIMUM_DAYS} days (3 years, the hotline guideline's "
            f"minimum); {days} was refused.",
            code="retention.too_short",
            minimum=MINIMUM_DAYS,
        )
    store = session.store
    with store.transaction():
        before = retention_days(store)
        SettingsRepo(store).set(SETTING, str(days))
        session.audit.append(session.actor, "setting.changed", SETTING, {"from": before, "to": days})


def set_legal_hold(session: Session, call_id: int, held: bool) -> None:
    """Place or lift a legal hold on a call (leads and admins): a held call is never shredded."""
    session.require("lead", "admin", doing="place or lift a legal hold")
    store = session.store
    with store.transaction():
        changed = store.execute("UPDATE call SET legal_hold = ? WHERE id = ?", (int(bool(held)), call_id)).rowcount
        if not changed:
            raise BadInput(f"There is no call {call_id}.", code="call.unknown", call=call_id)
        session.audit.append(session.actor, "call.legal_hold", f"call:{call_id}", {"held": bool(held)})


def _cutoff(store: Store, now: datetime | None) -> tuple[str, int]:
    """(the stored time before which calls are due, the period in days)."""
    days = retention_days(store)
    try:
        cutoff = (now or utc_now()) - timedelta(days=days)
    except OverflowError:  # a period reaching back before year 1: nothing is ever due
        return "", days
    return to_utc_iso(cutoff), days


def due_for_shredding(store: Store, now: datetime | None = None) -> int:
    """How many calls a shred would empty now (past the period, not held, not yet shredded)."""
    cutoff, _days = _cutoff(store, now)
    return store.one(f"SELECT count(*) FROM call WHERE {_DUE}", (cutoff,))[0]


def _held_past_period(store: Store, cutoff: str) -> int:
    return store.one(f"SELECT count(*) FROM call WHERE {_HELD}", (cutoff,))[0]


def _mark_shredded(store: Store, call_id: int, at: str) -> None:
    store.execute("UPDATE call SET shredded_at = ? WHERE id = ?", (at, call_id))
    _mark_wipe_pending(store)


def _mark_wipe_pending(store: Store) -> None:
    store.execute(
        "INSERT INTO setting (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
        (WIPE_PENDING,),
    )


def _shred_call(store: Store, call_id: int, at: str) -> float:
    """Empty one call's free text, all or nothing; returns the seconds it held the write lock."""
    with store.transaction():
        began = clock.perf_counter()  # the lock is held from here (BEGIN IMMEDIATE) to the commit
        for statement in _SHRED_STATEMENTS:
            store.execute(statement, (call_id,))
        _mark_shredded(store, call_id, at)
    return clock.perf_counter() - began


def _shred_handover_notes(store: Store, cutoff: str) -> int:
    """Empty the handover notes of shifts that ended before the cutoff and hold no call under legal hold,
    `HANDOVER_BATCH` shifts a transaction."""
    changed = 0
    while True:
        with store.transaction():
            done = store.execute(
                "UPDATE shift SET handover_note = '' WHERE id IN (SELECT id FROM shift WHERE ended_at < ?"
                " AND handover_note != '' AND NOT EXISTS"
                " (SELECT 1 FROM call WHERE call.shift_id = shift.id AND call.legal_hold = 1) LIMIT ?)",
                (cutoff, HANDOVER_BATCH),
            ).rowcount
            if done:
                _mark_wipe_pending(store)
        changed += done
        if done < HANDOVER_BATCH:
            return changed


def _empty_wal(store: Store) -> bool:
    """Checkpoint and truncate the write-ahead log; False when a reader kept it (the next run tries again)."""
    wait = store.one("PRAGMA busy_timeout")[0]
    store.execute(f"PRAGMA busy_timeout = {LAST_CHECKPOINT_WAIT_MS}")
    try:
        busy, frames, copied = store.one("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.execute(f"PRAGMA busy_timeout = {int(wait)}")
    return busy == 0 and frames == copied == 0


def clean_up(store: Store) -> CleanUp:
    """Leave no trace of shredded text (see the module's description): empty the write-ahead log, then clear
    the pending flag."""
    store.one("PRAGMA wal_checkpoint(PASSIVE)")  # most of the log, without holding writers off
    began = clock.perf_counter()
    emptied = _empty_wal(store)
    seconds = clock.perf_counter() - began
    if emptied:
        with store.transaction():
            store.execute("DELETE FROM setting WHERE key = ?", (WIPE_PENDING,))
        store.one("PRAGMA wal_checkpoint(PASSIVE)")  # the flag's page holds no call text
    else:
        log.info("retention: a reader kept the write-ahead log; it is emptied at the next run")
    return CleanUp(seconds, emptied)


def shred_expired(session: Session, now: datetime | None = None, batch: int = 200, wipe: bool = True) -> ShredReport:
    """Shred every call past the retention period that is not held; see the module's description.

    Runs for whoever is logged in (it is automatic) and is audited as the system, with counts only. With
    `wipe=False` the clean-up of free pages and the WAL is left pending for the next run that wipes.
    """
    store = session.store
    cutoff, days = _cutoff(store, now)
    held = _held_past_period(store, cutoff)
    copies = remove_old_copies(session.seat.paths.migration_backups, now) if session.seat else 0  # None: no seat folder
    if copies:
        session.audit.append(SYSTEM_ACTOR, "retention.copies_removed", "", {"copies": copies})
    shredded, longest = 0, 0.0
    try:
        while True:
            ids = [
                row[0]
                for row in store.rows(
                    f"SELECT id FROM call WHERE {_DUE} ORDER BY started_at, id LIMIT ?", (cutoff, max(1, batch))
                )
            ]
            if not ids:
                break
            for call_id in ids:
                if shredded:
                    clock.sleep(PAUSE_S)  # a save waiting for the lock gets it now, not after every call
                longest = max(longest, _shred_call(store, call_id, utc_now_iso()))
                shredded += 1
                # Copies the call's pages into the database without the lock. The log then starts again at the
                # next write instead of growing to the 1,000 pages at which SQLite checkpoints it inside a commit.
                store.one("PRAGMA wal_checkpoint(PASSIVE)")
    except BaseException:
        if shredded:  # what was done is done; record it before passing the failure on
            with contextlib.suppress(HotlineError, sqlite.Error):
                detail = {"calls": shredded, "held": held, "days": days, "interrupted": True}
                session.audit.append(SYSTEM_ACTOR, "retention.shredded", "", detail)
        raise
    notes = _shred_handover_notes(store, cutoff)
    if notes:
        session.audit.append(SYSTEM_ACTOR, "retention.handover_notes", "", {"shifts": notes, "days": days})
    shredded_anything = shredded or notes
    if shredded:
        session.audit.append(SYSTEM_ACTOR, "retention.shredded", "", {"calls": shredded, "held": held, "days": days})
        log.info(
            "retention: shredded the free text of %d calls (%d held), the longest holding the write lock %.0f ms",
            shredded,
            held,
            longest * 1e3,
        )
    if shredded_anything or SettingsRepo(store).get(WIPE_PENDING):
        if not wipe:
            log.info("retention: the clean-up of free pages is left for a later run")
            return ShredReport(shredded, held, wipe_pending=True, longest_call_s=longest)
        done = clean_up(store)
        log.info("retention: the write-ahead log emptied in %.0f ms", done.seconds * 1e3)
        return ShredReport(shredded, held, not done.wal_emptied, done, longest)
    return ShredReport(shredded, held, longest_call_s=longest)
