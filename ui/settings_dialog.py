"""Settings: language (applied at the next start), minutes before the idle lock, the look and the font size
(applied at once), read before log-in; for an admin also the seat's retention period, kept in the encrypted
database and audited. Each comes with one line saying what it does."""

from PySide6.QtGui import QPalette
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
from ui import settings, theme
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
        self.theme = QComboBox(accessibleName=self.tr("Look"))
        self.theme.addItem(self.tr("As the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark, for night shifts"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.read(settings.THEME))))
        self.font_size = QSpinBox(accessibleName=self.tr("Font size"))
        self.font_size.setRange(settings.FONT_SIZE.minimum - 1, settings.FONT_SIZE.maximum)
        self.font_size.setSpecialValueText(self.tr("As the system"))  # the value below 9 pt stands for 0
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(settings.read(settings.FONT_SIZE) or self.font_size.minimum())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self._about(self.tr("The language changes at the next start.")))
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow("", self._about(self.tr("The window locks itself after this many minutes without input.")))
        form.addRow(self.tr("Look"), self.theme)
        form.addRow("", self._about(self.tr("Light, dark (easier on the eyes at night) or as the system is set.")))
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow("", self._about(self.tr("The size of all text in the program; it changes at once.")))
        self.retention: QSpinBox | None = None
        self._retention_before = None
        if session is not None and session.role == "admin":
            self._retention_before = retention_days(session.store)
            self.retention = QSpinBox(accessibleName=self.tr("Keep call text for this many days"))
            self.retention.setRange(MINIMUM_DAYS, MAXIMUM_RETENTION_DAYS)
            self.retention.setValue(self._retention_before)
            self.retention.setSuffix(self.tr(" days"))
            explanation = self._about(
                self.tr(
                    "The free text of calls older than this is shredded; their codes stay for statistics. "
                    "At least %1 days (3 years)."
                ).replace("%1", str(MINIMUM_DAYS))
            )
            form.addRow(self.tr("Keep call text for"), self.retention)
            form.addRow("", explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _about(text: str) -> QLabel:
        label = QLabel(text, wordWrap=True, objectName="settingExplanation")
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quieter than the setting itself
        return label

    def accept(self) -> None:
        if self.retention is not None and self.retention.value() != self._retention_before:
            try:
                set_retention_days(self._session, self.retention.value())
            except HotlineError as exc:
                QMessageBox.warning(self, self.tr("Settings"), error_text(exc))
                return
        settings.write(settings.LANGUAGE, self.language.currentData())
        settings.write(settings.IDLE_MINUTES, self.idle.value())
        font_size = self.font_size.value()
        settings.write(settings.FONT_SIZE, 0 if font_size == self.font_size.minimum() else font_size)
        settings.write(settings.THEME, self.theme.currentData())
        theme.apply()  # the look and the font size change at once
        super().accept()
