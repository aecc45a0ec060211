"""What the line's modules share (issue 16): the typed errors a window translates, the records the window reads,
a live connection to the centre that fails as one of those errors, and the seat's cache of what it last knew.

Every time is an aware UTC datetime. The window imports these from `desktop.center.line`.
"""

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.center.connect import CenterUnreachable
from desktop.clock import parse_iso, to_utc_iso, utc_now_iso
from desktop.errors import BadInput, HotlineError

LIVE_TIMEOUT_S = 4
LINE_SCHEMA = 6  # the centre schema that brought the line


class LineError(HotlineError):
    """A failure of the line's work with a stable `code` and `params` a window translates (the English sentence
    stays for the command line)."""

    code = "line"

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.params = params


class CenterNeeded(CenterUnreachable):
    """This needs the centre, which cannot be reached now (opening or closing the centre's shift, the centre's
    handover, the board). `params["doing"]` says what was asked; the seat's own work goes on."""

    code = "center_needed"

    def __init__(self, message: str, doing: str):
        super().__init__(message)
        self.params = {"doing": doing}


class CenterTooOld(LineError):
    """The centre's schema predates the line (centre schema 6): its admin runs `center init --dsn …` to update
    it; until then the seats sync as before and the line's work waits."""

    code = "center_too_old"


class ShiftAlreadyOpen(LineError):
    """A centre shift is already open (another lead opened it, perhaps a moment earlier at another seat):
    `.shift` is that shift; `params` name its lead and the seat it was opened at."""

    code = "shift_already_open"

    def __init__(self, shift: "CenterShift"):
        lead = shift.lead or "?"
        super().__init__(
            f"The centre's shift led by {lead} (opened at seat {shift.opened_at_seat}) is already open; "
            "close it before opening another.",
            lead=lead,
            seat=shift.opened_at_seat,
        )
        self.shift = shift


class NoCenterShift(LineError, BadInput):
    """No centre shift is open (to close), or the one asked for does not exist."""

    code = "no_center_shift"
    exit_code = BadInput.exit_code


class FollowUpUnknown(LineError, BadInput):
    code = "follow_up_unknown"
    exit_code = BadInput.exit_code


class FollowUpDone(LineError, BadInput):
    code = "follow_up_done"
    exit_code = BadInput.exit_code


@dataclass(frozen=True)
class CenterShift:
    uuid: str
    lead: str | None
    started_at: datetime
    ended_at: datetime | None
    planned_end: datetime | None
    counselors: tuple[str, ...]
    opened_at_seat: str  # the seat's name ("" for an automatic shift)
    automatic: bool

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


def utc(moment: datetime | None) -> datetime | None:
    """A time from PostgreSQL (or the caller) as an aware UTC datetime."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("a time of the line must carry its zone")
    return moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    return to_utc_iso(moment) if moment is not None else None


def from_iso(text: str | None) -> datetime | None:
    return parse_iso(text) if text else None


SHIFT_COLUMNS = (
    "sh.uuid::text, sh.lead, sh.started_at, sh.ended_at, sh.planned_end, sh.counselors,"
    " coalesce(os.name, ''), sh.automatic"
)
SHIFT_FROM = "center.line_shift sh LEFT JOIN center.seat os ON os.id = sh.opened_at_seat"


def shift_from_row(row) -> CenterShift:
    uuid, lead, started, ended, planned, counselors, seat, automatic = row
    return CenterShift(uuid, lead, utc(started), utc(ended), utc(planned), tuple(counselors or ()), seat, automatic)


def shift_to_json(shift: CenterShift | None) -> dict | None:
    if shift is None:
        return None
    return {
        "uuid": shift.uuid,
        "lead": shift.lead,
        "started_at": iso(shift.started_at),
        "ended_at": iso(shift.ended_at),
        "planned_end": iso(shift.planned_end),
        "counselors": list(shift.counselors),
        "opened_at_seat": shift.opened_at_seat,
        "automatic": shift.automatic,
    }


def shift_from_json(data: dict | None) -> CenterShift | None:
    if not data:
        return None
    return CenterShift(
        data["uuid"],
        data["lead"],
        from_iso(data["started_at"]),
        from_iso(data["ended_at"]),
        from_iso(data["planned_end"]),
        tuple(data["counselors"]),
        data["opened_at_seat"],
        data["automatic"],
    )


@contextlib.contextmanager
def live(session, doing: str, timeout: float = LIVE_TIMEOUT_S):
    """A connection to the centre as this seat's role, yielding (connection, link); CenterNeeded when the centre
    cannot be reached or stops answering (NotEnrolled when the seat is not enrolled)."""
    import psycopg

    from desktop.center import link as seat_link
    from desktop.center import schema
    from desktop.center.sync import open_link

    link = seat_link.active(session.store)
    try:
        conn = open_link(link, timeout)
    except CenterUnreachable as exc:
        raise CenterNeeded(f"The centre cannot be reached now, so it cannot {doing} ({exc}).", doing) from exc
    try:
        with conn:
            if schema.schema_version(conn) < LINE_SCHEMA:
                raise CenterTooOld(
                    "The centre's schema is older than the line needs: its admin runs `center init --dsn …` to "
                    "update it. Until then each seat's own shift, follow-ups and handover are in use.",
                    doing=doing,
                )
            conn.rollback()
            yield conn, link
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:  # gone in the middle, or its connection
        raise CenterNeeded(
            f"The centre stopped answering, so it cannot {doing} now ({type(exc).__name__}).", doing
        ) from exc


def cache_put(store, key: str, value) -> None:
    """Keep what the seat learnt of the line (inside the caller's transaction, or its own)."""
    store.execute(
        "INSERT INTO center_cache (key, value, stored_at) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at",
        (key, json.dumps(value, ensure_ascii=False), utc_now_iso()),
    )


def cache_get(store, key: str) -> tuple[object, datetime | None]:
    """(value, since when) of what the seat last knew; (None, None) when it never learnt it."""
    row = store.one("SELECT value, stored_at FROM center_cache WHERE key = ?", (key,))
    if row is None:
        return None, None
    return json.loads(row[0]), parse_iso(row[1])
