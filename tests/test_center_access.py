"""Who may do what at the centre, and every bad input and fault of issue 15, against a real PostgreSQL."""

import socket
import threading
from datetime import timedelta

import psycopg
import pytest

from desktop.center import enrol, link, schema, sync
from desktop.center.connect import CenterTooNew, CenterUnreachable, NotEnrolled, check_dsn, connect
from desktop.errors import BadInput
from tests.center_helpers import make_seat, save_calls


@pytest.fixture
def two_seats(tmp_path, pg):
    """Seat A (which set the centre up) and seat B enrolled with a code; both with a synced call."""
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    b = make_seat(tmp_path / "b", "席位B")
    enrol.enroll(b, enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B"), pg.dsn(pg.db))
    for seat in (a, b):
        save_calls(seat, 1)
        sync.sync(seat.store)
    yield a, b
    for seat in (a, b):
        if seat.key:
            seat.close()


def as_seat(pg, session):
    own = link.active(session.store)
    return psycopg.connect(pg.dsn(pg.db, user=own.role, password=own.role_password))


def test_a_seat_role_cannot_write_another_seats_rows(two_seats, pg):
    a, b = two_seats
    b_call = pg.admin(
        "SELECT c.uuid::text FROM center.call c JOIN center.seat s ON s.id = c.seat_id WHERE s.name = '席位B'", pg.db
    )[0][0]
    b_seat = pg.admin("SELECT id FROM center.seat WHERE name = '席位B'", pg.db)[0][0]
    before = pg.admin("SELECT t::text FROM center.call t ORDER BY uuid", pg.db)
    with as_seat(pg, a) as conn:
        assert len(conn.execute("SELECT uuid FROM center.call").fetchall()) == 2  # reads what the centre shares
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO center.call (uuid, seat_id, version, counselor, started_at, kind, age_band, gender,"
                " region, risk_level) VALUES (gen_random_uuid(), %s, 1, 'X', now(), 'test', 'unknown', 'unknown',"
                " 'unknown', 'none')",
                (b_seat,),
            )
        conn.rollback()
        assert conn.execute("UPDATE center.call SET kind = 'test' WHERE uuid = %s", (b_call,)).rowcount == 0
        assert conn.execute("DELETE FROM center.referral WHERE seat_id = %s", (b_seat,)).rowcount == 0
        conn.rollback()
        forged = [
            {
                "uuid": b_call,
                "version": 10**9,
                "counselor": "X",
                "started_at": "2025-05-01T00:00:00Z",
                "kind": "test",
                "age_band": "unknown",
                "gender": "unknown",
                "region": "unknown",
                "risk_level": "none",
                "supervision_flag": False,
            }
        ]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT center.push_calls(%s::jsonb)", (psycopg.types.json.Jsonb(forged),))
        conn.rollback()
        for sql in (
            "DELETE FROM center.audit",
            "SELECT * FROM center.enrolment",
            "UPDATE center.seat SET state = 'active'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
            conn.rollback()
    assert pg.admin("SELECT t::text FROM center.call t ORDER BY uuid", pg.db) == before


def test_no_seat_role_owns_a_table_or_bypasses_row_level_security(two_seats, pg):
    roles = [r[0] for r in pg.admin("SELECT role_name FROM center.seat", pg.db)]
    assert len(roles) == 2
    names = ",".join(f"'{r}'" for r in roles)
    attrs = pg.admin(
        f"SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname IN ({names})",
        pg.db,
    )
    assert len(attrs) == 2 and all(not any(row[1:]) for row in attrs)
    owned = pg.admin(
        "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'center'",
        pg.db,
    )
    assert owned and all(owner == "postgres" for _name, owner in owned)
    unprotected = pg.admin(
        "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'center'"
        " AND relkind = 'r' AND NOT relrowsecurity AND has_table_privilege("
        f"'{roles[0]}', c.oid, 'INSERT')",
        pg.db,
    )
    assert unprotected == []


def _signature(pg, db: str) -> list:
    return pg.admin(
        "SELECT 'col', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')"
        " FROM information_schema.columns WHERE table_schema = 'center'"
        " UNION ALL SELECT 'idx', tablename, indexname, indexdef, '', '' FROM pg_indexes WHERE schemaname = 'center'"
        " UNION ALL SELECT 'pol', tablename, policyname, cmd, coalesce(qual, ''), coalesce(with_check, '')"
        " FROM pg_policies WHERE schemaname = 'center'"
        " UNION ALL SELECT 'fn', p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc), '', ''"
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'center'"
        " ORDER BY 1, 2, 3",
        db,
    )


@pytest.mark.parametrize("start", range(1, schema.LATEST))
def test_the_centre_schema_migrates_from_every_earlier_version(pg, start):
    fresh, old = pg.db, pg.fresh_database()
    with psycopg.connect(pg.superuser_dsn(fresh)) as conn:
        schema.migrate(conn, "aaaaaa")
    with psycopg.connect(pg.superuser_dsn(old)) as conn:
        schema.migrate(conn, "bbbbbb", schema.MIGRATIONS[:start])
        assert schema.schema_version(conn) == start
        conn.rollback()
        assert schema.migrate(conn, "bbbbbb") == list(range(start + 1, schema.LATEST + 1))
        assert schema.schema_version(conn) == schema.LATEST
    norm = [tuple(str(v).replace("hlc_bbbbbb", "hlc_aaaaaa") for v in row) for row in _signature(pg, old)]
    assert norm == [tuple(str(v) for v in row) for row in _signature(pg, fresh)]
    pg.drop_database(old)


def test_an_enrolment_code_works_once_and_not_after_it_expires(tmp_path, pg):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    b = make_seat(tmp_path / "b", "席位B")
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    with pytest.raises(BadInput, match="mistyped"):
        enrol.enroll(b, code[:-1] + ("A" if code[-1] != "A" else "B"), pg.dsn(pg.db))
    pg.admin("UPDATE center.enrolment SET expires_at = now() - interval '1 second'", pg.db)
    with pytest.raises(BadInput, match="expired"):
        enrol.enroll(b, code, pg.dsn(pg.db))
    assert link.load(b.store) is None
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")  # a new code replaces the expired one
    assert enrol.enroll(b, code, pg.dsn(pg.db)) >= 0
    c = make_seat(tmp_path / "c", "席位B")
    with pytest.raises(BadInput, match="already used"):
        enrol.enroll(c, code, pg.dsn(pg.db))
    assert pg.admin("SELECT count(*) FROM center.enrolment", pg.db) == [(0,)]
    # what the centre holds of the code: no data key and no password in the clear
    key_hex = link.active(b.store).data_key.hex()
    dump = pg.pg_dump(pg.db)
    assert key_hex not in dump and link.active(b.store).role_password not in dump
    for session in (a, b, c):
        session.close()


def test_a_code_for_another_seat_is_refused_and_not_used(tmp_path, pg):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    c = make_seat(tmp_path / "c", "席位C")
    with pytest.raises(BadInput, match="for seat '席位B'"):
        enrol.enroll(c, code, pg.dsn(pg.db))
    assert pg.admin("SELECT count(*) FROM center.enrolment", pg.db) == [(1,)]
    a.close()
    c.close()


def test_a_removed_seat_says_so_and_keeps_working_alone(two_seats, pg):
    a, b = two_seats
    enrol.remove_seat(a, pg.superuser_dsn(pg.db), "席位B")
    save_calls(b, 1)
    with pytest.raises(NotEnrolled, match="no longer knows this seat"):
        sync.sync(b.store)
    status = link.status(b.store, None)
    assert status["enrolled"] is False and status["pending"] == 0
    save_calls(b, 1)  # the seat keeps working alone; nothing is queued any more
    assert link.backlog(b.store).pending == 0
    assert pg.admin("SELECT state FROM center.seat WHERE name = '席位B'", pg.db) == [("removed",)]
    assert pg.admin("SELECT count(*) FROM center.call", pg.db) == [(2,)]  # its calls stay at the centre


def test_a_centre_newer_than_the_seat_is_refused_and_the_seat_keeps_its_outbox(two_seats, pg):
    a, _b = two_seats
    pg.admin(f"UPDATE center.meta SET value = '{schema.LATEST + 1}' WHERE key = 'schema_version'", pg.db)
    save_calls(a, 1)
    with pytest.raises(CenterTooNew, match="update Hotline Log"):
        sync.sync(a.store)
    assert link.backlog(a.store).pending >= 1
    assert "update Hotline Log" in link.status(a.store, None)["last_error"]


def test_a_dsn_without_tls_is_refused_except_a_local_socket(pg):
    for dsn in (
        pg.dsn(pg.db, sslmode="require"),
        pg.dsn(pg.db, sslmode="disable"),
        f"host=127.0.0.1 port={pg.port} dbname={pg.db}",
        f"postgresql://127.0.0.1:{pg.port}/{pg.db}",
    ):
        with pytest.raises(BadInput, match="sslmode=verify-full"):
            connect(dsn)
    with pytest.raises(BadInput, match="must not carry password"):
        check_dsn(pg.dsn(pg.db, password="x"), credentials_allowed=False)
    with connect(pg.socket_dsn(pg.db)) as conn:  # a Unix socket on the centre machine
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_wrong_ca_a_wrong_database_and_a_server_that_is_not_postgresql_each_say_what_to_fix(pg):
    with pytest.raises(BadInput, match="CA file"):
        connect(pg.superuser_dsn(pg.db).replace(str(pg.ca_file), str(pg.other_ca_file)))
    with pytest.raises(BadInput, match="no database 'nosuch'"):
        connect(pg.superuser_dsn("nosuch"))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer():
        for _ in range(2):  # libpq may try twice
            try:
                peer, _ = listener.accept()
            except OSError:
                return
            peer.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
            peer.close()

    threading.Thread(target=answer, daemon=True).start()
    port = listener.getsockname()[1]
    try:
        with pytest.raises(BadInput, match="not answer as a PostgreSQL server"):
            connect(pg.superuser_dsn(pg.db).replace(f"port={pg.port}", f"port={port}"))
    finally:
        listener.close()


def test_the_centre_down_at_enrol_and_at_sync_loses_nothing_and_never_hangs(tmp_path, pg):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    code = enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    b = make_seat(tmp_path / "b", "席位B")
    save_calls(a, 3)
    pg.stop("immediate")
    try:
        with pytest.raises(CenterUnreachable):
            enrol.enroll(b, code, pg.dsn(pg.db))
        assert link.load(b.store) is None
        with pytest.raises(CenterUnreachable):
            sync.sync(a.store)
        waiting = link.backlog(a.store).pending
        assert waiting >= 3 and "cannot be reached" in link.status(a.store, None)["last_error"]
        assert sync.reachable(a.store) is False
    finally:
        pg.start()
    assert enrol.enroll(b, code, pg.dsn(pg.db)) >= 0  # the code was not used up
    assert sync.sync(a.store).pending == 0
    assert pg.admin("SELECT count(*) FROM center.call", pg.db) == [(3,)]
    a.close()
    b.close()


def test_the_centre_dying_in_the_middle_of_a_batch_loses_and_doubles_nothing(tmp_path, pg, monkeypatch):
    a = make_seat(tmp_path / "a", "席位A")
    enrol.init_center(a, pg.superuser_dsn(pg.db))
    save_calls(a, 12)
    original = sync._read_batch
    batches = []

    def die_on_second(store, key, limit):
        batches.append(1)
        if len(batches) == 2:
            pg.stop("immediate")  # the centre goes down between two batches of one sync
        return original(store, key, limit)

    monkeypatch.setattr(sync, "_read_batch", die_on_second)
    try:
        with pytest.raises(CenterUnreachable):
            sync.sync(a.store, batch=5)
    finally:
        pg.start()
    monkeypatch.setattr(sync, "_read_batch", original)
    assert 0 < link.backlog(a.store).pending < 12
    assert sync.sync(a.store, batch=5).pending == 0
    uuids = [r[0] for r in a.store.rows("SELECT uuid FROM call")]
    at_centre = [str(r[0]) for r in pg.admin("SELECT uuid FROM center.call", pg.db)]
    assert sorted(uuids) == sorted(at_centre) and len(at_centre) == 12
    a.close()


def test_enrol_refuses_a_dsn_with_credentials_and_a_server_without_tls_message(tmp_path, pg):
    b = make_seat(tmp_path / "b", "席位B")
    with pytest.raises(BadInput, match="must not carry user"):
        enrol.enroll(b, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", pg.dsn(pg.db, user="postgres"))
    b.close()


def test_add_seat_needs_an_enrolled_seat_and_a_superuser(two_seats, pg):
    a, b = two_seats
    own = link.active(b.store)
    with pytest.raises(BadInput, match="superuser"):
        enrol.add_seat(a, pg.dsn(pg.db, user=own.role, password=own.role_password), "席位C")
    with pytest.raises(BadInput, match="already enrolled"):
        enrol.add_seat(a, pg.superuser_dsn(pg.db), "席位B")
    assert timedelta(hours=72) == enrol.CODE_VALID
