"""The window's thin adapter to the centre's line (issue 16): the lead's board, the heartbeat, the centre's shift,
follow-ups, handover and the case timeline from every seat all reach `desktop.center.line` through here.

Everything that talks to the centre runs on a worker thread on a database connection of its own
(`Session.another`), through `in_background`; nothing here touches a widget. A seat that is not enrolled (or an
account that is not a lead where a lead is needed) never reaches the centre: `enrolled` is read from the seat's
own database, without the network.
"""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.clock import seat_time, seat_today
from desktop.errors import HotlineError
from desktop.seat import Session
from ui.worker import run_in_background

LEADS = ("lead", "admin")


def core():
    """The core of the centre's line (imported on first use: the log-in window never loads it)."""
    from desktop.center import line

    return line


def seat_name(session: Session) -> str | None:
    """This seat's name at the centre when it is enrolled and active, else None (no network)."""
    from desktop.center import link

    current = link.load(session.store)
    return current.seat_name if current is not None and current.state == "active" else None


def enrolled(session: Session, leads_only: bool = False) -> bool:
    if leads_only and session.role not in LEADS:
        return False
    try:
        return seat_name(session) is not None
    except HotlineError:  # the database busy for a moment: as if alone, until the next look
        return False


def unreachable(exc: Exception) -> bool:
    """The centre could not be reached (or refused the connection): the seat goes on with what it knows."""
    from desktop.center.connect import CenterUnreachable

    return isinstance(exc, CenterUnreachable)


def in_background(session: Session, work: Callable, on_done: Callable, on_error: Callable) -> None:
    """`work(own_session)` on a worker thread on a connection of its own; the answer on the GUI thread."""

    def run():
        with session.another() as own:
            return work(own)

    run_in_background(run, on_done, on_error)


def clock_text(moment: datetime | None) -> str:
    """HH:MM in seat time; with the date when it was not today; — when unknown."""
    if moment is None:
        return "—"
    local = seat_time(moment)
    return local.strftime("%H:%M") if local.date() == seat_today() else local.strftime("%m-%d %H:%M")


def offline_text(as_of: datetime | None) -> str:
    """显示的是 HH:MM 时的情况（未连接中心）: what a seat shows when the centre did not answer."""
    if as_of is None:
        return QCoreApplication.translate("CenterLine", "Not connected to the centre; nothing known from it yet")
    return QCoreApplication.translate("CenterLine", "Showing the state as of %1 (not connected to the centre)").replace(
        "%1", clock_text(as_of)
    )


def duration_text(seconds: float) -> str:
    """1:05 (h:mm) from an hour on, else 12 分钟."""
    minutes = max(0, int(seconds // 60))
    if minutes >= 60:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return QCoreApplication.translate("CenterLine", "%1 min").replace("%1", str(minutes))
