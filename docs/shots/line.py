"""The lead's tools of the line (issue 16), taken on a real centre: a throwaway PostgreSQL of its own (the tests'
tests/centre_pg.py, TLS and all), the demo seat enrolled as 席位A beside two more seats, 席位B and 席位C, with
calls, high-risk calls with follow-ups for the lead on shift, and the heartbeats of each seat. 席位C's last
heartbeat is set back 47 minutes at the centre, so the board shows a seat that went silent.
"""

import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.call_model import LEAD_ON_SHIFT, CallInput, FollowUpInput, RiskInput
from desktop.calls import CallService
from desktop.center import enrol, line, sync
from desktop.config import SeatPaths
from desktop.seat import Seat
from shots.harness import Shooter
from ui.handover_dialog import HandoverDialog

HIGH = RiskInput(answers={"ideation_current": True, "plan": True})
FOLLOW_UP_NOTE = "两小时内回访，确认已到精神科急诊就诊"


def _call(started: datetime, minutes: int, case_code: str | None = None, high: bool = False) -> CallInput:
    return CallInput(
        kind="counselling",
        started_at=started,
        ended_at=started + timedelta(minutes=minutes),
        age_band="25_34",
        gender="female",
        concerns=["suicide.ideation"] if high else ["family.conflict"],
        case_code=case_code,
        summary="高危：有计划，已转介急诊" if high else "家庭矛盾，情绪低落",
        risk=HIGH if high else None,
        follow_ups=[FollowUpInput(started + timedelta(hours=2), LEAD_ON_SHIFT, FOLLOW_UP_NOTE)] if high else [],
    )


def _seat(folder: Path, name: str, counselor: str, calls: list[CallInput]):
    """Another seat of the line with one counselor and `calls`; returns (admin session, counselor session)."""
    from desktop.accounts import AccountService

    admin, _code = Seat.init(SeatPaths(folder), name, "A001", "管理员", "admin-pass-1")
    AccountService(admin).add(counselor, f"咨询员 {counselor}", "counselor", "couns-pass-1")
    person = admin.seat.login(counselor, "couns-pass-1")
    for form in calls:
        CallService(person).save(form)
    return admin, person


@contextmanager
def centre_of_three(shot: Shooter):
    """The demo seat and two more, enrolled at a fresh centre, with a centre shift the demo lead opened."""
    from tests.centre_pg import find_bindir, start_cluster, stop_cluster

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("screenshots: the line's pictures need PostgreSQL 15 or later (apt-get install postgresql)")
    cluster = start_cluster(bindir)
    sessions = []
    try:
        cluster.db = cluster.fresh_database()
        superuser = cluster.superuser_dsn(cluster.db)
        admin = Seat(shot.paths).login("D-ADMIN", shot.accounts["D-ADMIN"])
        sessions.append(admin)
        enrol.init_center(admin, superuser)
        lead = Seat(shot.paths).login("D-LEAD", shot.accounts["D-LEAD"])
        sessions.append(lead)
        line.open_shift(lead, "D-LEAD", ["D-C01", "D-C02", "B01", "C01"])
        cluster.admin("UPDATE center.line_shift SET started_at = now() - interval '3 hours'", cluster.db)
        now = datetime.now(UTC)
        with tempfile.TemporaryDirectory() as folder:
            b_calls = [_call(now - timedelta(minutes=m), d) for m, d in ((170, 25), (130, 35), (75, 20))]
            b_calls.append(_call(now - timedelta(minutes=150), 30, "K7Q-39M", high=True))
            c_calls = [_call(now - timedelta(minutes=160), 40), _call(now - timedelta(minutes=110), 30, high=True)]
            for name, counselor, calls in (("席位B", "B01", b_calls), ("席位C", "C01", c_calls)):
                admin_b, person = _seat(Path(folder) / name, name, counselor, calls)
                sessions += [admin_b, person]
                enrol.enroll(admin_b, enrol.add_seat(admin, superuser, name), cluster.dsn(cluster.db))
                sync.sync(person.store)
                on_call = now - timedelta(minutes=38) if name == "席位B" else None
                line.report_state(person, counselor, on_call)
            sync.sync(admin.store)
            cluster.admin(
                "UPDATE center.seat_state SET reported_at = now() - interval '47 minutes'"
                " WHERE seat_id = (SELECT id FROM center.seat WHERE name = '席位C')",
                cluster.db,
            )
            cluster.admin(
                "UPDATE center.seat SET last_sync = now() - interval '52 minutes' WHERE name = '席位C'", cluster.db
            )
            for session in sessions:
                session.close()
            sessions.clear()
            yield
    finally:
        for session in sessions:
            if session.key:
                session.close()
        stop_cluster(cluster)


def shoot(shot: Shooter) -> None:
    """In Chinese only: the demo seat's copies share one keyring anchor, and the seat's logins here move it on,
    so the English copy (made from the seat as it was before) would be refused as rolled back."""
    if shot.lang != "zh":
        return
    with centre_of_three(shot):
        window = shot.open("D-LEAD")
        shot.settle(0.5)
        window.board_action.trigger()  # Ctrl+Shift+D
        board = window.center_tools.open_board()
        shot.shoot(board, "line-board", wait=0.5)
        board.close()

        window.work.show_follow_ups()
        shot.shoot(window, "line-followups", wait=0.5)

        window.handover_action.trigger()  # Ctrl+H, then 全中心
        handover = window.work.findChild(HandoverDialog)
        handover.scope.whole_centre.click()
        shot.shoot(handover, "line-handover", wait=2.5)
        handover.close()
        shot.close(window)
