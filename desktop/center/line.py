"""The centre's line (issue 16): one centre shift, one follow-up queue, one board and one handover for every seat.

This module is what the window and the command line import; the work lives in the `line_*` modules beside it.
No Qt here. Every time is an aware UTC datetime; `session` is the logged-in seat's session. The functions that
need the centre raise CenterNeeded (a CenterUnreachable) when it cannot be reached; those that can answer offline
(`current_shift`, `follow_up_queue`, `board`) answer with what the seat last knew and say since when.
"""

from desktop.center.connect import CenterUnreachable, NotEnrolled
from desktop.center.line_base import (
    CenterNeeded,
    CenterShift,
    CenterTooOld,
    FollowUpDone,
    FollowUpUnknown,
    LineError,
    NoCenterShift,
    ShiftAlreadyOpen,
)
from desktop.center.line_board import Board, SeatState, board, counselor_workload
from desktop.center.line_followups import (
    FollowUpEvent,
    LineFollowUp,
    Queue,
    change_follow_up,
    close_follow_up,
    follow_up_queue,
)
from desktop.center.line_handover import CenterCall, CenterHandover, OpenReferral, SeatHead, center_handover
from desktop.center.line_history import CenterTimelineEntry, case_history_from_center
from desktop.center.line_print import (
    CenterHandoverPdf,
    record_center_handover_printed,
    render_center_handover,
    save_center_handover,
)
from desktop.center.line_shift import close_shift, current_shift, open_shift, recent_shifts, report_state

__all__ = [
    "Board",
    "CenterCall",
    "CenterHandover",
    "CenterHandoverPdf",
    "CenterNeeded",
    "CenterShift",
    "CenterTimelineEntry",
    "CenterTooOld",
    "CenterUnreachable",
    "FollowUpDone",
    "FollowUpEvent",
    "FollowUpUnknown",
    "LineError",
    "LineFollowUp",
    "NoCenterShift",
    "NotEnrolled",
    "OpenReferral",
    "Queue",
    "SeatHead",
    "SeatState",
    "ShiftAlreadyOpen",
    "board",
    "case_history_from_center",
    "center_handover",
    "change_follow_up",
    "close_follow_up",
    "close_shift",
    "counselor_workload",
    "current_shift",
    "follow_up_queue",
    "open_shift",
    "recent_shifts",
    "record_center_handover_printed",
    "render_center_handover",
    "report_state",
    "save_center_handover",
]
