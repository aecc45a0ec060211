"""Settings, each with one line saying what it does.

*This computer* (everyone, read before log-in, kept in QSettings): language (at the next start), minutes before
the idle lock, the look and the font size (at once). *This seat* (kept in the encrypted database or the vault,
audited): the break suggestions for leads and admins; the retention period and whether the system keyring is
required, for admins. *Centre* (admins): the centre this seat is enrolled at, or enrolling it (ui/center_settings.py).
"""

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import set_require_keyring
from desktop.errors import HotlineError
from desktop.lock_policy import CALL_LOCK_RANGE, call_lock_minutes, set_call_lock_minutes
from desktop.retention import MINIMUM_DAYS, retention_days, set_retention_days
from desktop.seat import Session
from desktop.vault.device import NO_BACKEND, PLAIN_FILE, SWITCHED_OFF, keyring_status
from desktop.wellbeing import BREAK_RANGE, RUN_RANGE, set_thresholds, thresholds
from ui import settings, theme
from ui.messages import error_text

MAXIMUM_RETENTION_DAYS = 36_500  # a hundred years: longer is not a retention period


class SettingsDialog(QDialog):
    def __init__(self, parent=None, session: Session | None = None):
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        self.pages = QTabWidget(accessibleName=self.tr("Settings"))  # two short pages fit a 1280×720 screen
        self.pages.addTab(self._computer_box(), self.tr("This computer"))
        layout.addWidget(self.pages)
        self.break_minutes: QSpinBox | None = None
        self.run_minutes: QSpinBox | None = None
        self.call_lock: QSpinBox | None = None
        self.retention: QSpinBox | None = None
        self.require_keyring: QCheckBox | None = None
        role = session.role if session is not None else None
        if role in ("lead", "admin"):
            self.pages.addTab(self._seat_box(role), self.tr("This seat"))
        self.enrolled = False  # the centre page enrolled this seat (the main window then starts its sync)
        if role == "admin":
            from ui.center_settings import CenterPage

            self.center_page = CenterPage(session)
            self.center_page.enrolled.connect(lambda _queued: setattr(self, "enrolled", True))
            self.pages.addTab(self.center_page, self.tr("Centre"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)  # a readable line of explanation

    def sizeHint(self) -> QSize:
        """Tall enough for every wrapped explanation at the dialog's width, in either language and at any font
        size (a dialog's own size hint ignores the height wrapped labels need)."""
        hint = super().sizeHint()
        width = max(hint.width(), self.minimumWidth())
        return QSize(width, max(hint.height(), self.layout().totalHeightForWidth(width)))

    def _computer_box(self) -> QWidget:
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
        box = QWidget()
        form = self._form(box)
        self._row(form, self.tr("Language"), self.language, self.tr("The language changes at the next start."))
        self._row(
            form,
            self.tr("Lock after idle"),
            self.idle,
            self.tr("The window locks itself after this many minutes without input."),
        )
        self._row(
            form,
            self.tr("Look"),
            self.theme,
            self.tr("Light, dark (easier on the eyes at night) or as the system is set."),
        )
        self._row(
            form,
            self.tr("Font size"),
            self.font_size,
            self.tr("The size of all text in the program; it changes at once."),
        )
        return box

    def _seat_box(self, role: str) -> QWidget:
        """Settings of the whole seat, for everyone who works on it; kept encrypted and audited."""
        store = self._session.store
        box = QWidget()
        form = self._form(box, self.tr("The same for everyone who works on this seat; every change is audited."))
        limits = thresholds(store)
        self.break_minutes = self._minutes(self.tr("Minutes that count as a break"), BREAK_RANGE, limits.break_minutes)
        self.run_minutes = self._minutes(
            self.tr("Minutes of calls before a break is suggested"), RUN_RANGE, limits.run_minutes
        )
        self._row(
            form,
            self.tr("Suggest a break after"),
            self.run_minutes,
            self.tr("Of calls without a pause; a break is also suggested right after a high or imminent risk call."),
        )
        self._row(
            form,
            self.tr("A break is a pause of"),
            self.break_minutes,
            self.tr("A shorter pause between calls does not count as a break."),
        )
        self.call_lock = self._minutes(
            self.tr("Minutes without input before the window locks during a call"),
            CALL_LOCK_RANGE,
            call_lock_minutes(store),
        )
        self._row(
            form,
            self.tr("Lock during a call after"),
            self.call_lock,
            self.tr(
                "While a call is running the idle lock waits, because a counselor may listen for a long time "
                "without typing; after this many quiet minutes it locks anyway. Ctrl+L always locks at once."
            ),
        )
        if role != "admin":
            return box
        self.retention = QSpinBox(accessibleName=self.tr("Keep call text for this many days"))
        self.retention.setRange(MINIMUM_DAYS, MAXIMUM_RETENTION_DAYS)
        self.retention.setValue(retention_days(store))
        self.retention.setSuffix(self.tr(" days"))
        self._row(
            form,
            self.tr("Keep call text for"),
            self.retention,
            self.tr(
                "The free text of calls older than this is shredded; their codes stay for statistics. "
                "At least %1 days (3 years)."
            ).replace("%1", str(MINIMUM_DAYS)),
        )
        status = keyring_status()
        required = self._session.seat.vault.require_keyring
        self.require_keyring = QCheckBox(
            self.tr("Refuse to log in without the system keyring"),
            accessibleName=self.tr("Require the system keyring"),
            checked=required,
        )
        self.require_keyring.setEnabled(status.usable or required)  # it can always be switched off
        if status.usable:
            about = self.tr(
                "Then a copied vault and database cannot be opened with a password alone. The keyring here is usable."
            )
        else:
            about = self.tr("No usable system keyring on this computer (%1), so it cannot be required.").replace(
                "%1", self._keyring_reason(status.why)
            )
        self._row(form, self.tr("System keyring"), self.require_keyring, about)
        return box

    def _keyring_reason(self, why: str) -> str:
        """Why the keyring cannot be used, by the code desktop/vault/device.py gives."""
        reasons = {
            NO_BACKEND: self.tr("no keyring backend is available"),
            SWITCHED_OFF: self.tr("the keyring is switched off (null backend)"),
            PLAIN_FILE: self.tr("the only keyring keeps secrets in a plain file"),
        }
        return reasons.get(why, why)

    def _minutes(self, name: str, bounds: tuple[int, int], value: int) -> QSpinBox:
        spin = QSpinBox(accessibleName=name)
        spin.setRange(*bounds)
        spin.setValue(value)
        spin.setSuffix(self.tr(" min"))
        return spin

    @staticmethod
    def _form(page: QWidget, intro: str = "") -> QFormLayout:
        layout = QVBoxLayout(page)
        if intro:
            layout.addWidget(QLabel(intro, wordWrap=True))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        layout.addStretch(1)
        return form

    @staticmethod
    def _row(form: QFormLayout, label: str, field, about: str) -> None:
        """The setting, and under it one quieter line saying what it does."""
        form.addRow(label, field)
        explanation = QLabel(about, wordWrap=True, objectName="settingExplanation")
        explanation.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addRow("", explanation)

    def _store_seat_settings(self) -> bool:
        """Write the seat's settings that changed, each audited; False (and said) when one is refused."""
        session = self._session
        try:
            if self.break_minutes is not None:
                limits = thresholds(session.store)
                chosen = (self.break_minutes.value(), self.run_minutes.value())
                if chosen != (limits.break_minutes, limits.run_minutes):
                    set_thresholds(session, *chosen)
            if self.call_lock is not None and self.call_lock.value() != call_lock_minutes(session.store):
                set_call_lock_minutes(session, self.call_lock.value())
            if self.retention is not None and self.retention.value() != retention_days(session.store):
                set_retention_days(session, self.retention.value())
            if self.require_keyring is not None:
                set_require_keyring(session, self.require_keyring.isChecked())
        except HotlineError as exc:
            QMessageBox.warning(self, self.tr("Settings"), error_text(exc))
            return False
        return True

    def accept(self) -> None:
        if self._session is not None and not self._store_seat_settings():
            return
        settings.write(settings.LANGUAGE, self.language.currentData())
        settings.write(settings.IDLE_MINUTES, self.idle.value())
        font_size = self.font_size.value()
        settings.write(settings.FONT_SIZE, 0 if font_size == self.font_size.minimum() else font_size)
        settings.write(settings.THEME, self.theme.currentData())
        theme.apply()  # the look and the font size change at once
        super().accept()
