"""Helpers for the centre's tests: seats with calls, and reading the centre back as its superuser."""

from datetime import UTC, datetime, timedelta

from desktop.call_model import CallInput, FollowUpInput
from desktop.calls import CallService
from desktop.config import SeatPaths
from desktop.seat import Seat

ADMIN, PASSWORD = "A001", "admin-pass-1"
START = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)


def make_seat(folder, name: str):
    """A seat named `name` in `folder` with its admin logged in; the caller closes the session."""
    paths = SeatPaths(folder)
    session, _code = Seat.init(paths, name, ADMIN, "管理员", PASSWORD)
    return session


def save_calls(session, count: int, start: datetime = START, summary: str = "", **extra) -> list[int]:
    service = CallService(session)
    ids = []
    for i in range(count):
        began = start + timedelta(minutes=50 * i)
        form = CallInput(
            kind=extra.get("kind", "counselling"),
            started_at=began,
            ended_at=began + timedelta(minutes=20 + i % 7),
            age_band="18_24",
            gender="female",
            region="110000",
            concerns=extra.get("concerns", ["study.exam", "mental.sleep"]),
            emotions=["anxiety"],
            summary=summary,
            follow_ups=extra.get("follow_ups", []),
        )
        ids.append(service.save(form).call_id)
    return ids


def follow_up(due: datetime, note: str = "") -> FollowUpInput:
    return FollowUpInput(due_at=due, owner=ADMIN, note=note)


def centre_rows(pg, sql: str):
    return pg.admin(sql, pg.db)
