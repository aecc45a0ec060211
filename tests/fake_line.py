"""A stand-in for `desktop.center.line` in the window's tests that need no PostgreSQL: the module's own records
and errors, answers the test sets, a `down` switch that makes every call raise CenterNeeded (the centre cannot be
reached), and a record of what the window asked. The tests against a real centre use the real module
(tests/test_ui_line_real.py).
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from desktop.center.line import (
    Board,
    CenterHandoverPdf,
    CenterNeeded,
    CenterShift,
    FollowUpEvent,
    LineFollowUp,
    Queue,
    SeatState,
    ShiftAlreadyOpen,
)

T0 = datetime(2026, 11, 18, 4, 0, tzinfo=UTC)  # 12:00 seat time (UTC+8): tests/seat_clock.py MID_SHIFT


def three_seats(now: datetime = T0) -> list[SeatState]:
    return [
        SeatState("席位A", True, now, now - timedelta(seconds=20), "L001", None, 3, 4200, 1, (), 0, False),
        SeatState(
            "席位B",
            True,
            now,
            now - timedelta(minutes=1),
            "C001",
            now - timedelta(minutes=38),
            6,
            9600,
            2,
            ("C001",),
            1,
            False,
        ),
        SeatState(
            "席位C",
            False,
            now - timedelta(minutes=47),
            now - timedelta(minutes=52),
            "C002",
            None,
            2,
            2700,
            0,
            (),
            0,
            True,
        ),
    ]


def a_follow_up(uuid="f-1", seat="席位B", overdue=False, due=T0 + timedelta(hours=2), **extra) -> LineFollowUp:
    made = FollowUpEvent(due - timedelta(hours=5), "C001", seat, "created", due, "lead")
    moved = FollowUpEvent(due - timedelta(hours=1), "L001", "席位A", "changed", due, "L001")
    values = dict(
        uuid=uuid,
        seat=seat,
        case_code="K7Q-39M",
        due_at=due,
        owner="lead",
        note="明早回访，确认已就诊",
        done_at=None,
        done_by=None,
        history=(made, moved),
        overdue=overdue,
    )
    values.update(extra)
    return LineFollowUp(**values)


@dataclass
class FakeLine:
    """The module's functions over a little state; `calls` lists (name, args) of what was asked."""

    down: bool = False
    shift: CenterShift | None = None
    seats: list = field(default_factory=three_seats)
    follow_ups: list = field(default_factory=list)
    history: dict = field(default_factory=dict)  # case code -> records with a .seat
    handover: object = None
    calls: list = field(default_factory=list)
    seat: str = "席位A"
    known_at: datetime = T0 - timedelta(minutes=25)
    handover_pdf: bytes = b""
    stale_seats: tuple = ()

    CenterShift = CenterShift
    CenterNeeded = CenterNeeded
    ShiftAlreadyOpen = ShiftAlreadyOpen
    FollowUpEvent = FollowUpEvent
    LineFollowUp = LineFollowUp
    Queue = Queue
    SeatState = SeatState
    Board = Board

    def _ask(self, name, *args):
        self.calls.append((name, args))
        if self.down:
            raise CenterNeeded("The centre cannot be reached now (connection refused).", name)

    def board(self, session, now=None):
        self._ask("board")
        return Board(self.shift, tuple(self.seats), None)

    def report_state(self, session, logged_in, on_call_since):
        self._ask("report_state", logged_in, on_call_since)

    def current_shift(self, session):
        self.calls.append(("current_shift", ()))
        return self.shift, (self.known_at if self.down else None)  # offline: what the seat last knew

    def open_shift(self, session, lead, counselors, planned_end=None):
        self._ask("open_shift", lead, tuple(counselors), planned_end)
        if self.shift is not None:
            raise ShiftAlreadyOpen(self.shift)
        self.shift = CenterShift("s-1", lead, T0, None, planned_end, tuple(counselors), self.seat, False)
        return self.shift

    def close_shift(self, session, handover_note, choices=None):
        self._ask("close_shift", handover_note)
        self.close_choices = choices
        closed, self.shift = replace(self.shift, ended_at=T0 + timedelta(hours=1)), None
        return closed

    def follow_up_queue(self, session, now=None):
        """Offline the core answers with what the seat last knew, since when (`known_at`)."""
        self.calls.append(("follow_up_queue", ()))
        if self.down:
            return Queue(tuple(f for f in self.follow_ups if f.done_at is None), self.known_at)
        return Queue(tuple(f for f in self.follow_ups if f.done_at is None), None)

    def close_follow_up(self, session, uuid, outcome):
        self.calls.append(("close_follow_up", (uuid, outcome)))  # at the seat: offline too
        self.follow_ups = [replace(f, done_at=T0, done_by="L001") if f.uuid == uuid else f for f in self.follow_ups]

    def change_follow_up(self, session, uuid, due_at=None, owner=None):
        self._ask("change_follow_up", uuid, due_at, owner)

    def case_history_from_center(self, session, case_code):
        self._ask("case_history_from_center", case_code)
        return list(self.history.get(case_code, []))

    def center_handover(self, session, *, shift_uuid=None, last=False, date_from=None, date_to=None):
        self._ask("center_handover", shift_uuid, last)
        return self.handover

    def recent_shifts(self, session, limit=30):
        self._ask("recent_shifts")
        return [self.shift] if self.shift else []

    def render_center_handover(self, session, *, shift_uuid=None, last=False, date_from=None, date_to=None, lang=""):
        """`handover_pdf` stands in for the centre's PDF (tests/test_ui_line_real.py lays out a real one)."""
        self._ask("render_center_handover", shift_uuid, date_from is not None)
        what = f"center_shift:{shift_uuid}" if shift_uuid else "center:today"
        return CenterHandoverPdf(self.handover_pdf, 12, what, self.stale_seats)

    def save_center_handover(self, session, made, path):
        self.calls.append(("save_center_handover", (made.what, str(path))))

    def record_center_handover_printed(self, session, made, pages, page_list):
        self.calls.append(("record_center_handover_printed", (made.what, pages, page_list)))
