"""Settings: language (applied at the next start) and minutes before the idle lock, read before log-in;
for an admin also the seat's retention period, kept in the encrypted database and audited."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from desktop.errors import HotlineError
from desktop.retention import MINIMUM_DAYS, retention_days, set_retention_days
from desktop.seat import Session
from ui import settings
from ui.messages import error_text

MAXIMUM_RETENTION_DAYS = 36_500  # a hundred years: longer is not a retention period


class SettingsDialog(QDialog):
    def __init__(self, parent=None, session: Session | None = None):
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(accessibleName=self.tr("Language"))
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.read(settings.LANGUAGE))))
        self.idle = QSpinBox(accessibleName=self.tr("Minutes before the screen locks"))
        self.idle.setRange(settings.IDLE_MINUTES.minimum, settings.IDLE_MINUTES.maximum)
        self.idle.setValue(settings.read(settings.IDLE_MINUTES))
        self.idle.setSuffix(self.tr(" min"))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", QLabel(self.tr("The language changes at the next start.")))
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow("", QLabel(self.tr("The window locks itself after this many minutes without input.")))
        self.retention: QSpinBox | None = None
        self._retention_before = None
        if session is not None and session.role == "admin":
            self._retention_before = retention_days(session.store)
            self.retention = QSpinBox(accessibleName=self.tr("Keep call text for this many days"))
            self.retention.setRange(MINIMUM_DAYS, MAXIMUM_RETENTION_DAYS)
            self.retention.setValue(self._retention_before)
            self.retention.setSuffix(self.tr(" days"))
            explanation = QLabel(
                self.tr(
                    "The free text of calls older than this is shredded; their codes stay for statistics. "
                    "At least %1 days (3 years)."
                ).replace("%1", str(MINIMUM_DAYS)),
                wordWrap=True,
            )
            form.addRow(self.tr("Keep call text for"), self.retention)
            form.addRow("", explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.retention is not None and self.retention.value() != self._retention_before:
            try:
                set_retention_days(self._session, self.retention.value())
            except HotlineError as exc:
                QMessageBox.warning(self, self.tr("Settings"), error_text(exc))
                return
        settings.write(settings.LANGUAGE, self.language.currentData())
        settings.write(settings.IDLE_MINUTES, self.idle.value())
        super().accept()
