"""Settings read before log-in: language (applied at the next start) and minutes before the idle lock."""

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout

from ui import settings


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        settings.write(settings.LANGUAGE, self.language.currentData())
        settings.write(settings.IDLE_MINUTES, self.idle.value())
        super().accept()
