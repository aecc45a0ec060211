"""When the idle lock may fire during a live call (DESIGN.md §4, issue 14).

No typing for five minutes is normal while a counselor listens to a crisis call, so while a call is
running the idle lock waits; it counts again from the call's end. A lead sets a hard limit: after that
many quiet minutes the window locks even during a call (a seat left with a call timer running is still
a seat left). A seat setting, kept encrypted and audited like the break thresholds.
"""

from desktop.errors import BadInput
from desktop.store.settings import SettingsRepo
from desktop.store.store import Store

SETTING_CALL_LOCK = "lock_during_call_minutes"
CALL_LOCK_MINUTES = 90
CALL_LOCK_RANGE = (15, 240)


def call_lock_minutes(store: Store) -> int:
    """Quiet minutes after which the window locks even while a call is running; the default if unset or nonsense."""
    try:
        value = int(SettingsRepo(store).get(SETTING_CALL_LOCK) or CALL_LOCK_MINUTES)
    except ValueError:
        return CALL_LOCK_MINUTES
    return value if CALL_LOCK_RANGE[0] <= value <= CALL_LOCK_RANGE[1] else CALL_LOCK_MINUTES


def set_call_lock_minutes(session, minutes: int) -> None:
    """Leads and admins set the hard limit (a seat setting), audited."""
    session.require("lead", "admin", doing="change when the window locks during a call")
    low, high = CALL_LOCK_RANGE
    if not low <= minutes <= high:
        raise BadInput(
            f"The lock during a call comes after {low}–{high} quiet minutes.",
            code="lock.call_limit_range",
            low=low,
            high=high,
        )
    with session.store.transaction():
        SettingsRepo(session.store).set(SETTING_CALL_LOCK, str(minutes))
        session.audit.append(session.actor, "lock.call_limit", "", {"minutes": minutes})
