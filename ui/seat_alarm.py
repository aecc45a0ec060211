"""The banner at the top of the work page once the seat's database takes nothing more: it was found damaged,
or its files were removed or replaced under the program. It says what happened, that saving is refused, where
the call on screen is kept, and what to do: `python main.py verify` and the last backup."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.clock import parse_iso, seat_time
from desktop.errors import SeatDamaged, WritingStopped
from desktop.store.integrity import LastBackup


class SeatAlarm(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent, objectName="seatAlarm")
        self.title = QLabel(objectName="seatAlarmTitle", wordWrap=True)
        self.text = QLabel(objectName="seatAlarmText", wordWrap=True)
        self.detail = QLabel(objectName="seatAlarmDetail", wordWrap=True)
        for label in (self.title, self.text, self.detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.detail)
        self.reason: WritingStopped | None = None
        self.hide()

    def show_reason(self, reason: WritingStopped, kept: bool, backup: LastBackup | None = None) -> None:
        """Say why nothing more is written; `kept`: whether the call on screen (if any) is in the rescue file."""
        self.reason = reason
        database = str(reason.path)
        if isinstance(reason, SeatDamaged):
            self.title.setText(self.tr("This seat's database is damaged"))
            what = self.tr("The database %1 failed its integrity check.").replace("%1", database)
            if backup is None:
                last = self.tr("No backup is recorded on this seat.")
            else:
                when = seat_time(parse_iso(backup.at)).strftime("%Y-%m-%d %H:%M")
                last = self.tr("The last backup recorded here is “%1”, made %2.").replace("%1", backup.file_name)
                last = last.replace("%2", when)
            todo = self.tr(
                "Ask the admin to run “python main.py verify” and then to restore the last backup of this seat."
            )
            todo += "\n" + last
        else:
            self.title.setText(self.tr("This seat's database files were changed under the program"))
            what = self.tr(
                "The database %1 or its write-ahead log was removed or replaced while Hotline Log was running."
            ).replace("%1", database)
            todo = self.tr("Close Hotline Log and start it again; then ask the admin to run “python main.py verify”.")
        stopped = self.tr("Nothing more is written to it: saving is refused.")
        if kept:
            where = self.tr(
                "The call on screen is kept as an encrypted draft beside the database; the next log-in offers it back."
            )
        else:
            where = self.tr(
                "The call on screen could not be kept elsewhere either: leave this window open and call the admin."
            )
        self.text.setText("\n".join((what, stopped, where, todo)))
        self.detail.setText(str(reason))
        self.show()
