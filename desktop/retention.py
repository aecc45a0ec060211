"""Retention (DESIGN.md §2.6): a call's free text is shredded once the retention period has passed.

The hotline guideline keeps records at least three years, so the period is never shorter than
`MINIMUM_DAYS`; an admin may make it longer. A call whose start lies further back than the period, and
that is not under legal hold, loses every free-text field: summary, notes, city, keywords, amendments'
text, follow-up notes and outcomes, the override reason, the safety plan, supervision notes, and its
entry in the notes index; a shift that ended before the period loses its handover note unless one of
its calls is held. Its codes (kind, caller bands, concerns, emotions, interventions, risk level, times, crisis
actions, referrals) stay, so statistics over the years still add up.

Each call is shredded in one transaction, so a shred cut short never leaves a call half done; the next
run goes on with the rest. Once anything was shredded, the notes index is merged (a contentless FTS5
table only marks deleted rows until its segments are merged), the write-ahead log is emptied and the
database vacuumed, so the old text survives neither in free pages nor in the log. A flag in the
settings, written with each shredded call, makes the next run finish that clean-up when a run stopped
before it. The shred runs automatically after each log-in whoever logs in, and daily at a quiet hour
(`QUIET_HOUR`, seat time) while the program is open; it is audited as the system. The clean-up takes the
database's write lock for a while (a vacuum rewrites the file), so a run may leave it for a later one
(`wipe=False`): the flag stays set until a run does it.
"""

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desktop.clock import seat_time, to_utc_iso, utc_now, utc_now_iso
from desktop.errors import BadInput, HotlineError
from desktop.free_text import shred_statements
from desktop.seat import SYSTEM_ACTOR, Session
from desktop.store.connection import sqlite
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store

log = logging.getLogger(__name__)

MINIMUM_DAYS = 1095  # three years: the hotline guideline's minimum
DEFAULT_DAYS = MINIMUM_DAYS
SETTING = "retention_days"
WIPE_PENDING = "retention_wipe_pending"  # shredded rows may still sit in free pages or the WAL
QUIET_HOUR = 4  # seat time: the daily run, when the fewest calls come in

_DUE = "shredded_at IS NULL AND legal_hold = 0 AND started_at < ?"  # served by the call_to_shred index
_HELD = "shredded_at IS NULL AND legal_hold = 1 AND started_at < ?"

# Every place a call's free text lives (desktop.free_text, the one list), emptied or removed; each
# statement takes the call's id.
_SHRED_STATEMENTS = shred_statements()


@dataclass(frozen=True)
class ShredReport:
    calls: int  # calls shredded by this run
    held_skipped: int  # calls past the period kept whole because of a legal hold
    wipe_pending: bool = False  # the clean-up of free pages was left for a later run


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
        raise BadInput("The retention period is a whole number of days.")
    if days < MINIMUM_DAYS:
        raise BadInput(
            f"The retention period must be at least {MINIMUM_DAYS} days (3 years, the hotline guideline's "
            f"minimum); {days} was refused."
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
            raise BadInput(f"There is no call {call_id}.")
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


def _shred_call(store: Store, call_id: int, at: str) -> None:
    """Empty one call's free text, all or nothing."""
    with store.transaction():
        for statement in _SHRED_STATEMENTS:
            store.execute(statement, (call_id,))
        _mark_shredded(store, call_id, at)


def _shred_handover_notes(store: Store, cutoff: str) -> int:
    """Empty the handover notes of shifts that ended before the cutoff and hold no call under legal hold."""
    with store.transaction():
        changed = store.execute(
            "UPDATE shift SET handover_note = '' WHERE ended_at < ? AND handover_note != ''"
            " AND NOT EXISTS (SELECT 1 FROM call WHERE call.shift_id = shift.id AND call.legal_hold = 1)",
            (cutoff,),
        ).rowcount
        if changed:
            _mark_wipe_pending(store)
    return changed


def _wipe_free_space(store: Store) -> None:
    """Leave no trace of shredded text: merge the notes index, empty the WAL, vacuum, empty it again."""
    with store.transaction():
        store.execute("INSERT INTO notes_fts (notes_fts) VALUES ('optimize')")
    store.checkpoint()
    store.execute("VACUUM")  # outside any transaction; rewrites every page of the database
    store.execute("DELETE FROM setting WHERE key = ?", (WIPE_PENDING,))
    store.checkpoint()


def shred_expired(session: Session, now: datetime | None = None, batch: int = 200, wipe: bool = True) -> ShredReport:
    """Shred every call past the retention period that is not held; see the module's description.

    Runs for whoever is logged in (it is automatic) and is audited as the system, with counts only. With
    `wipe=False` the clean-up of free pages and the WAL is left pending for the next run that wipes.
    """
    store = session.store
    cutoff, days = _cutoff(store, now)
    held = _held_past_period(store, cutoff)
    shredded = 0
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
                _shred_call(store, call_id, utc_now_iso())
                shredded += 1
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
        log.info("retention: shredded the free text of %d calls (%d held)", shredded, held)
    if shredded_anything or SettingsRepo(store).get(WIPE_PENDING):
        if not wipe:
            log.info("retention: the clean-up of free pages is left for a later run")
            return ShredReport(shredded, held, wipe_pending=True)
        _wipe_free_space(store)
    return ShredReport(shredded, held)
