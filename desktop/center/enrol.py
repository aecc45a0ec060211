"""Setting up a centre and enrolling seats (DESIGN.md §11): `center init`, `add-seat`, `enroll`, `remove-seat`.

The enrolment code is a random secret of 120 bits (plus one check character against typing slips) that only the
admin who runs `add-seat` sees. From it the seat derives three things:

- its role's name at the centre and a first password for it (the centre keeps only PostgreSQL's SCRAM
  verifier of that password);
- the id of its enrolment row;
- the key that seals the centre data key inside that row (AES-256-GCM).

So the centre never holds the data key or a role password in the clear. `enroll` logs in with the first
password, claims the row (the centre deletes it in the same transaction: a code works once, and not after it
expires), sets a new random password for its role, and keeps that password and the data key inside the seat's
encrypted database.
"""

import base64
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.center import link as seat_link
from desktop.center import schema
from desktop.center.connect import CenterRefused, CenterTooNew, NotEnrolled, check_dsn, connect, without_credentials
from desktop.center.seal import new_data_key
from desktop.errors import BadInput, HotlineError
from desktop.seat import Session

log = logging.getLogger(__name__)

CODE_VALID = timedelta(hours=72)
SECRET_BYTES = 15
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@dataclass(frozen=True)
class Code:
    secret: bytes

    def _derive(self, purpose: str, length: int = 32) -> bytes:
        return HKDF(hashes.SHA256(), length, salt=None, info=f"hotline-log enrol {purpose}".encode()).derive(
            self.secret
        )

    @property
    def role(self) -> str:
        return "hl_seat_" + self._derive("role", 8).hex()

    @property
    def password(self) -> str:
        return self._derive("login").hex()

    @property
    def code_id(self) -> str:
        return self._derive("id").hex()

    @property
    def wrap_key(self) -> bytes:
        return self._derive("wrap")

    def text(self) -> str:
        body = base64.b32encode(self.secret).decode().rstrip("=")
        chars = body + _check(body)
        return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))

    @classmethod
    def new(cls) -> "Code":
        return cls(secrets.token_bytes(SECRET_BYTES))

    @classmethod
    def parse(cls, text: str) -> "Code":
        chars = "".join((text or "").split()).replace("-", "").upper().replace("0", "O").replace("1", "I")
        if len(chars) != 25 or any(c not in _ALPHABET for c in chars) or _check(chars[:-1]) != chars[-1]:
            raise CenterRefused(
                "code_mistyped",
                "This is not an enrolment code (it has 25 letters and digits in five groups, like ABCDE-FGH2J-…): "
                "it was mistyped; type it again as `center add-seat` printed it.",
            )
        return cls(base64.b32decode(chars[:-1]))


def _check(body: str) -> str:
    return _ALPHABET[hashlib.sha256(body.encode()).digest()[0] % 32]


def _seal_key(code: Code, payload: dict) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(code.wrap_key).encrypt(nonce, json.dumps(payload).encode(), code.code_id.encode())


def _open_key(code: Code, sealed: bytes) -> dict:
    sealed = bytes(sealed)
    try:
        return json.loads(AESGCM(code.wrap_key).decrypt(sealed[:12], sealed[12:], code.code_id.encode()))
    except InvalidTag as exc:
        raise BadInput("The enrolment record at the centre does not open with this code; ask for a new one.") from exc


def _create_role(conn, role: str, password: str, group: str) -> None:
    from psycopg import sql

    verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()
    conn.execute(
        sql.SQL(
            "CREATE ROLE {} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
            " CONNECTION LIMIT 8 PASSWORD {} IN ROLE {}"
        ).format(sql.Identifier(role), sql.Literal(verifier), sql.Identifier(group))
    )


def _drop_role(conn, role: str) -> None:
    from psycopg import sql

    conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
    conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _superuser(dsn: str):
    conn = connect(dsn)
    is_super = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
    if not is_super or not is_super[0]:
        conn.close()
        raise BadInput("This needs a PostgreSQL superuser's DSN (a role that may create roles).")
    return conn


def _latest_or_refuse(conn) -> tuple[int, str]:
    version, cid = schema.schema_version(conn), schema.center_id(conn)
    if version == 0:
        raise BadInput("No centre is set up in this database yet: run `center init --dsn …` first.")
    if version > schema.LATEST:
        raise CenterTooNew(f"The centre's schema ({version}) is newer than this program knows; update Hotline Log.")
    if version < schema.LATEST:
        raise BadInput("The centre's schema is older than this program: run `center init --dsn …` to update it.")
    return version, cid


def init_center(session: Session, dsn: str) -> str:
    """Create the centre's schema, its group role and data key, and enrol this seat as its first; or bring an
    older centre's schema up to date. Returns what was done, in words."""
    session.require("admin", doing="set up a centre")
    seat_name = session.seat.vault.seat_name
    with _superuser(dsn) as conn:
        version = schema.schema_version(conn)
        conn.rollback()
        if version > schema.LATEST:
            raise CenterTooNew(f"The centre's schema ({version}) is newer than this program knows; update Hotline Log.")
        if version:
            applied = schema.migrate(conn, schema.center_id(conn))
            if not applied:
                raise BadInput(
                    "A centre is already set up in this database: enrol this seat with a code from "
                    "`center add-seat NAME` run at an enrolled seat."
                )
            return f"The centre's schema was updated from {version} to {schema.LATEST}."
        if seat_link.load(session.store) and seat_link.load(session.store).state == "active":
            raise BadInput("This seat is already enrolled at a centre.")
        cid = secrets.token_hex(3)
        schema.migrate(conn, cid)
        role, password, key = f"hl_seat_{secrets.token_hex(8)}", secrets.token_hex(32), new_data_key()
        with conn.transaction():
            _create_role(conn, role, password, schema.seats_role(cid))
            conn.execute(
                "INSERT INTO center.seat (name, role_name, state, enrolled_at) VALUES (%s, %s, 'active', now())",
                (seat_name, role),
            )
            conn.execute("SELECT center.audit_append('center.created', %s, '')", (cid,))
            conn.execute("SELECT center.audit_append('seat.enrolled', %s, 'first seat')", (seat_name,))
    with session.store.transaction():
        queued = seat_link.save_enrolment(session.store, seat_name, without_credentials(dsn), role, password, key, cid)
        session.audit.append(session.actor, "center.created", cid, {"queued": queued})
    return f"The centre is set up and seat '{seat_name}' is enrolled; {queued:,} record(s) wait to be sent."


def add_seat(session: Session, dsn: str, name: str, valid_for: timedelta = CODE_VALID) -> str:
    """Create (or renew) seat `name`'s role at the centre; returns its one-time enrolment code."""
    session.require("admin", doing="add seats to the centre")
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise BadInput("Give the new seat's name (its seat name from `init`, up to 60 characters).")
    link = seat_link.active(session.store)
    code = Code.new()
    with _superuser(dsn) as conn:
        _, cid = _latest_or_refuse(conn)
        if cid != link.center_id:
            raise BadInput("This DSN leads to another centre than the one this seat is enrolled at.")
        with conn.transaction():
            row = conn.execute("SELECT id, role_name, state FROM center.seat WHERE name = %s FOR UPDATE", (name,))
            row = row.fetchone()
            if row and row[2] == "active":
                raise BadInput(f"Seat '{name}' is already enrolled; remove it first (`center remove-seat`).")
            if row:
                _drop_role(conn, row[1])
                conn.execute("DELETE FROM center.enrolment WHERE seat_id = %s", (row[0],))
                conn.execute(
                    "UPDATE center.seat SET role_name = %s, state = 'pending', witness_problem = '' WHERE id = %s",
                    (code.role, row[0]),
                )
                seat_id = row[0]
            else:
                seat_id = conn.execute(
                    "INSERT INTO center.seat (name, role_name, state) VALUES (%s, %s, 'pending') RETURNING id",
                    (name, code.role),
                ).fetchone()[0]
            _create_role(conn, code.role, code.password, schema.seats_role(cid))
            sealed = _seal_key(code, {"data_key": link.data_key.hex(), "center_id": cid})
            conn.execute(
                "INSERT INTO center.enrolment (code_id, seat_id, sealed, expires_at) VALUES (%s, %s, %s, now() + %s)",
                (code.code_id, seat_id, sealed, valid_for),
            )
            conn.execute("SELECT center.audit_append('seat.added', %s, '')", (name,))
    session.audit.append(session.actor, "center.seat_added", name)
    return code.text()


def enroll(session: Session, code_text: str, dsn: str) -> int:
    """Enrol this seat with a code from `add-seat`; returns how many records were queued for the centre."""
    import psycopg

    session.require("admin", doing="enrol this seat at a centre")
    existing = seat_link.load(session.store)
    if existing and existing.state == "active":
        raise CenterRefused("already_enrolled", "This seat is already enrolled at a centre.")
    check_dsn(dsn, credentials_allowed=False)
    code = Code.parse(code_text)
    seat_name = session.seat.vault.seat_name
    try:
        conn = connect(dsn, credentials_allowed=False, user=code.role, password=code.password)
    except NotEnrolled as exc:
        raise CenterRefused(
            "code_unknown",
            "This enrolment code does not open the centre: it was already used, was replaced by a newer code or its "
            "seat was removed, or it belongs to another centre. Ask the centre's admin for a new code.",
        ) from exc
    password = secrets.token_hex(32)
    with conn:
        version = schema.schema_version(conn)
        if version > schema.LATEST:
            raise CenterTooNew(
                f"The centre runs a newer schema ({version}) than this program knows ({schema.LATEST}): update "
                "Hotline Log on this seat, then enrol it. The code was not used."
            )
        named = conn.execute("SELECT name FROM center.seat WHERE role_name = current_user").fetchone()
        if named and named[0] != seat_name:
            raise CenterRefused(
                "code_other_seat",
                f"This code is for seat '{named[0]}', and this seat is '{seat_name}'. The code was not used.",
            )
        try:
            with conn.transaction():
                sealed = conn.execute("SELECT center.claim_enrolment(%s)", (code.code_id,)).fetchone()[0]
                payload = _open_key(code, sealed)
                verifier = conn.pgconn.encrypt_password(password.encode(), code.role.encode(), b"scram-sha-256")
                from psycopg import sql

                conn.execute(sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(sql.Literal(verifier.decode())))
        except psycopg.Error as exc:
            if exc.sqlstate == "HL003":
                raise CenterRefused(
                    "code_expired", "This enrolment code has expired; ask the centre's admin for a new one."
                ) from exc
            if exc.sqlstate == "HL002":
                raise CenterRefused(
                    "code_used", "This enrolment code was already used; ask the centre's admin for a new one."
                ) from exc
            what = type(exc).__name__
            raise HotlineError(f"The centre could not enrol this seat ({what}); nothing changed.") from exc
    with session.store.transaction():
        queued = seat_link.save_enrolment(
            session.store,
            seat_name,
            without_credentials(dsn),
            code.role,
            password,
            bytes.fromhex(payload["data_key"]),
            payload["center_id"],
        )
        session.audit.append(session.actor, "center.enrolled", payload["center_id"], {"queued": queued})
    return queued


def remove_seat(session: Session, dsn: str, name: str) -> None:
    """Drop seat `name`'s role: it can no longer log in. Its calls stay at the centre, marked as a removed seat's."""
    session.require("admin", doing="remove seats from the centre")
    with _superuser(dsn) as conn:
        _latest_or_refuse(conn)
        with conn.transaction():
            row = conn.execute("SELECT id, role_name FROM center.seat WHERE name = %s FOR UPDATE", (name,)).fetchone()
            if row is None:
                raise BadInput(f"The centre has no seat '{name}'.")
            _drop_role(conn, row[1])
            conn.execute("DELETE FROM center.enrolment WHERE seat_id = %s", (row[0],))
            conn.execute("UPDATE center.seat SET state = 'removed', removed_at = now() WHERE id = %s", (row[0],))
            conn.execute("SELECT center.audit_append('seat.removed', %s, '')", (name,))
    session.audit.append(session.actor, "center.seat_removed", name)
    link = seat_link.load(session.store)
    if link and link.seat_name == name and link.state == "active":
        seat_link.mark_removed(session.store, "This seat was removed from the centre.")
