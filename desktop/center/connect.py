"""Reaching the centre's PostgreSQL: the DSN rules (TLS always), a short connect timeout, and libpq's failures
turned into one sentence a person can act on.

TLS always (DESIGN.md §11): a DSN must say `sslmode=verify-full` (or `verify-ca`) and may name the centre's CA
file with `sslrootcert`; anything else is refused before a packet leaves the seat, except a Unix socket on the
centre machine itself (a `host` that starts with `/`).
"""

import logging

from desktop.errors import BadInput, HotlineError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 120_000
SECURE_MODES = ("verify-full", "verify-ca")
CREDENTIALS = ("user", "password", "passfile")


class CenterUnreachable(HotlineError):
    """The centre cannot be reached now (down, no network); the seat keeps working and retries later."""


class CenterFull(CenterUnreachable):
    """The centre's PostgreSQL has no room to write (its disk is full): nothing was taken, everything waits on the
    seat, and the centre's admin must free space."""


class CenterRefused(BadInput):
    """Bad input at the centre that a window names in its own language: `reason` says which (one of REASONS);
    the English sentence stays for the command line."""

    REASONS = (
        "dsn",  # the DSN cannot be read, or names no host or no database
        "credentials",  # a seat's DSN carries a user or password
        "insecure",  # no sslmode=verify-full / verify-ca
        "certificate",  # the server's certificate does not match the CA file
        "database",  # no such database at the centre
        "not_postgres",  # the server did not answer as PostgreSQL
        "no_tls",  # the PostgreSQL offers no TLS
        "host_refused",  # pg_hba.conf does not let this computer in
        "code_mistyped",
        "code_unknown",  # used, replaced, its seat removed, or another centre's
        "code_used",
        "code_expired",
        "code_other_seat",
        "already_enrolled",
    )

    def __init__(self, reason: str, message: str):
        assert reason in self.REASONS, reason
        self.reason = reason
        super().__init__(message)


class NotEnrolled(BadInput):
    """This seat is not enrolled at a centre (or was removed from it)."""


class CenterTooNew(HotlineError):
    """The centre's schema is newer than this program knows: this seat's program must be updated."""


class WitnessRefused(HotlineError):
    """The centre refused this seat's audit head: it saw a newer one before (a rolled-back seat)."""


def parse_dsn(dsn: str) -> dict[str, str]:
    from psycopg import conninfo

    try:
        return conninfo.conninfo_to_dict(dsn or "")
    except Exception as exc:  # psycopg.ProgrammingError for a malformed string
        reason = str(exc).strip()
        raise CenterRefused(
            "dsn", f"The DSN cannot be read ({reason}); write it as 'host=… dbname=… sslmode=…'."
        ) from exc


def is_local_socket(params: dict) -> bool:
    host = str(params.get("host") or "")
    return bool(host) and all(part.startswith("/") for part in host.split(","))


def check_dsn(dsn: str, credentials_allowed: bool = True) -> dict[str, str]:
    """The DSN's parameters, after the TLS rule (and, for a seat's DSN, no user or password in it)."""
    params = parse_dsn(dsn)
    if not params.get("host") and not params.get("hostaddr"):
        raise CenterRefused("dsn", "The DSN names no host: give host=… (the centre's name or address).")
    if not params.get("dbname"):
        raise CenterRefused("dsn", "The DSN names no database: give dbname=….")
    if not credentials_allowed:
        given = [name for name in CREDENTIALS if params.get(name)]
        if given:
            raise CenterRefused(
                "credentials",
                f"This DSN must not carry {' or '.join(given)}: the seat logs in with its own role, which the "
                "enrolment code gives. Remove them and try again.",
            )
    if not is_local_socket(params) and params.get("sslmode") not in SECURE_MODES:
        raise CenterRefused(
            "insecure",
            "The centre must be reached over TLS: add sslmode=verify-full and sslrootcert=<the centre's CA file> to "
            "the DSN (only a Unix socket on the centre machine itself may go without).",
        )
    return params


def without_credentials(dsn: str) -> str:
    from psycopg import conninfo

    params = {k: v for k, v in parse_dsn(dsn).items() if k not in CREDENTIALS}
    return conninfo.make_conninfo(**params)


def make_dsn(host: str, port: int | str, dbname: str, sslmode: str, sslrootcert: str = "") -> str:
    """A seat's DSN from its parts (as the settings page asks for them), quoted as libpq reads it."""
    from psycopg import conninfo

    parts = {"host": host.strip(), "port": str(port), "dbname": dbname.strip(), "sslmode": sslmode}
    if sslrootcert.strip():
        parts["sslrootcert"] = sslrootcert.strip()
    return conninfo.make_conninfo(**{k: v for k, v in parts.items() if v})


def describe(params: dict) -> str:
    where = params.get("host") or params.get("hostaddr")
    return f"{where}:{params.get('port') or 5432}/{params.get('dbname')}"


def connect(dsn: str, credentials_allowed: bool = True, timeout: float = CONNECT_TIMEOUT_S, **extra):
    """An open psycopg connection (not autocommit), or one clear error: bad input (exit 2) for what the DSN
    or its certificates get wrong, CenterUnreachable (exit 1) when the centre does not answer."""
    import psycopg

    params = check_dsn(dsn, credentials_allowed)
    settings = {
        "connect_timeout": str(max(1, int(timeout))),
        "application_name": "hotline-log",
        "keepalives": "1",
        "keepalives_idle": "10",
        "keepalives_interval": "5",
        "keepalives_count": "3",
        # A commit the centre acknowledges must be on its disk: the seat forgets an outbox entry on that word,
        # whatever the server's own default for synchronous_commit.
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c synchronous_commit=on",
    }
    settings.update({k: v for k, v in extra.items() if v is not None})
    try:
        return psycopg.connect(dsn, **settings)
    except psycopg.OperationalError as exc:
        raise translate(exc, params, settings.get("user") or params.get("user")) from exc


# What libpq says when the server went away during the handshake: a centre going down or coming back, not a
# server that is not PostgreSQL ("server closed the connection unexpectedly" holds the word "unexpected").
GOING_AWAY = (
    "server closed the connection unexpectedly",
    "terminated abnormally",
    "connection reset by peer",
    "unexpected eof while reading",
    "the database system is starting up",
    "the database system is shutting down",
)


def translate(exc: Exception, params: dict, user: str | None) -> HotlineError:
    text = str(exc).strip()
    low = text.lower()
    where = describe(params)
    log.info("connecting to the centre failed: %s", text.splitlines()[0] if text else type(exc).__name__)
    if "certificate verify failed" in low or "root certificate" in low or "certificate" in low and "ssl" in low:
        return CenterRefused(
            "certificate",
            f"The centre at {where} did not prove who it is with the CA file given (sslrootcert): check that the file "
            "is the centre's own CA certificate and that the host name matches its certificate.",
        )
    if "does not exist" in low and "database" in low:
        return CenterRefused(
            "database", f"The centre has no database '{params.get('dbname')}' at {where}: check dbname in the DSN."
        )
    if "password authentication failed" in low or "no password supplied" in low:
        if user and user.startswith("hl_seat_"):
            return NotEnrolled(
                "The centre no longer knows this seat (its role was removed or its password changed): the seat "
                "keeps working alone; ask the centre's admin for a new enrolment code."
            )
        return BadInput(f"The centre at {where} refused the user name or password (PGPASSWORD); check them.")
    if any(gone in low for gone in GOING_AWAY):  # a PostgreSQL stopping or starting under the connection
        return CenterUnreachable(f"The centre at {where} cannot be reached now ({_first_line(text)}).")
    if "ssl negotiation" in low or "invalid response" in low or "received invalid" in low or "unexpected" in low:
        return CenterRefused(
            "not_postgres", f"The server at {where} did not answer as a PostgreSQL server: check host and port."
        )
    if "server does not support ssl" in low:
        return CenterRefused("no_tls", f"The PostgreSQL at {where} does not offer TLS; its admin must turn ssl on.")
    if "pg_hba.conf" in low:
        return CenterRefused(
            "host_refused", f"The PostgreSQL at {where} does not let this computer in (pg_hba.conf); ask its admin."
        )
    return CenterUnreachable(f"The centre at {where} cannot be reached now ({_first_line(text)}).")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1] if lines else "no answer")[:160]
