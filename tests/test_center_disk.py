"""The centre's disk full (issue 15): its PostgreSQL cannot write the calls a seat pushes. Nothing is taken, nothing
leaves the seat's outbox, the seat says what is wrong and whose it is to fix, and once the centre has room the next
sync sends everything exactly once. The fault is real: the centre's call table lives on a 2 MiB tmpfs
(tests/disks.py, root only) that the test fills to the last byte."""

import os
import pwd

import pytest

from desktop.center import enrol, link, sync
from desktop.center.connect import CenterFull
from tests.center_helpers import START, make_seat, save_calls
from tests.centre_pg import SUPERUSER
from tests.disks import mounted_small_disk
from ui.center_status import read_state

pytestmark = pytest.mark.slow

MOVED = ("center.call", "center.call_pkey", "center.call_by_start_seat_end", "center.call_by_seat_start")


@pytest.fixture
def small_centre(pg):
    """The centre's call table and its indexes on a small disk of their own; moved back before it is unmounted."""
    with mounted_small_disk() as disk:
        place = disk.root / "pg"
        place.mkdir()
        if pg.as_postgres:
            user = pwd.getpwnam(SUPERUSER)
            os.chown(place, user.pw_uid, user.pw_gid)
        space = f"small_{pg.db}"
        pg.admin(f"CREATE TABLESPACE {space} LOCATION '{place}'")
        try:
            yield pg, disk, space
        finally:
            for name in MOVED:
                kind = "TABLE" if name == "center.call" else "INDEX"
                pg.admin(f"ALTER {kind} {name} SET TABLESPACE pg_default", pg.db)
            pg.admin(f"DROP TABLESPACE {space}")


def centre_calls(pg) -> int:
    return pg.admin("SELECT count(*) FROM center.call", pg.db)[0][0]


def test_a_full_disk_at_the_centre_loses_nothing_says_so_and_the_next_sync_sends_everything_once(
    tmp_path, small_centre
):
    pg, disk, space = small_centre
    seat = make_seat(tmp_path / "a", "席位A")
    try:
        enrol.init_center(seat, pg.superuser_dsn(pg.db))
        save_calls(seat, 3)
        sync.sync(seat.store)
        assert centre_calls(pg) == 3
        for name in MOVED:
            kind = "TABLE" if name == "center.call" else "INDEX"
            pg.admin(f"ALTER {kind} {name} SET TABLESPACE {space}", pg.db)

        disk.fill()
        save_calls(seat, 200, start=START.replace(day=10), summary="满盘时保存的摘要")
        waiting = link.backlog(seat.store).pending  # the calls and the automatic shifts of their days
        with pytest.raises(CenterFull) as refused:
            sync.sync(seat.store)
        said = str(refused.value)
        assert "no room to write" in said and "free space on the PostgreSQL server" in said
        assert f"{waiting} record(s) not taken wait on this seat" in said
        assert link.backlog(seat.store).pending == waiting > 200  # nothing left the outbox
        assert centre_calls(pg) == 3  # nothing half-taken at the centre
        assert link.status(seat.store, reachable=None)["last_error"] == said  # what `center status` shows
        shown = read_state(seat, network=True)  # what the window's status bar is told: full, not "not connected"
        assert (shown.kind, shown.pending) == ("full", waiting)

        disk.free()
        result = sync.sync(seat.store)
        assert result.pending == 0
        assert centre_calls(pg) == 203
        assert pg.admin("SELECT count(DISTINCT uuid) FROM center.call", pg.db)[0][0] == 203
    finally:
        seat.close()
