"""The shift lead's guide: the shift window, the handover summary, supervision, statistics."""

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction

from desktop.clock import seat_today
from desktop.shifts import ShiftService
from shots.harness import Shooter, select
from ui.handover_dialog import HandoverDialog
from ui.stats_view import StatsView

SUPERVISION_NOTE = "评估及时、完整。下次可更早询问具体计划和可获得的手段，并与来电者一起写下安全计划。"


def shoot(shot: Shooter) -> None:
    window = shot.open("D-LEAD")
    window.shift_action.trigger()  # Ctrl+Shift+B
    dialog = window.work.shift_dialog()
    shot.shoot(dialog, "shift")
    dialog.close()

    window.handover_action.trigger()  # Ctrl+H; the preview draws its pages in the background
    handover = window.work.findChild(HandoverDialog)
    select(handover.shift, ShiftService(window.session).open_shift().id)  # the shift with the crisis call
    shot.shoot(handover, "handover", wait=2.5)
    handover.close()

    calls = window.work.calls
    window.work.tabs.setCurrentWidget(calls)
    select(calls.risk, "high")
    calls.table.selectRow(0)  # the newest call at high risk
    menu = calls.menu_for(0)  # right-click, or the Menu key: the row's menu
    rect = calls.table.visualRect(calls.model.index(0, calls.model.COL_SUMMARY))
    at = calls.table.viewport().mapTo(window, rect.center())
    menu.popup(calls.table.viewport().mapToGlobal(rect.center()))
    shot.shoot_over(window, menu, "call-menu", at=at)
    menu.close()

    def write_note(supervision) -> None:
        supervision.notes.set_text(SUPERVISION_NOTE)
        supervision.add_button.click()

    notes = menu.findChild(QAction, "supervisionNotesAction")
    shot.modal(window, notes.trigger, "supervision", before=write_note)
    shot.close(window)


def shoot_statistics(shot: Shooter) -> None:
    """The statistics over the demo seat's last two weeks: calls per day, the heat map, concerns."""
    window = shot.open("D-LEAD")
    window.stats_action.trigger()  # Ctrl+Shift+S
    view = window.work.findChild(StatsView)
    first = seat_today() - timedelta(days=13)
    view.date_from.setDate(QDate(first.year, first.month, first.day))
    for name, index in (("statistics", 0), ("statistics-heatmap", 1), ("statistics-concerns", 3)):
        view.tabs.setCurrentIndex(index)
        shot.shoot(view, name)
    view.close()
    shot.close(window)
