"""Settings → 中心 (admins): where the centre is and enrolling this seat there with a code (DESIGN.md §11).

Before enrolment the page asks for the centre's DSN in parts without credentials (host, port, database, TLS mode,
the centre's CA file) and the one-time code from `center add-seat`, typed like a password. Enrolling runs on a
worker thread on a connection of its own; each refusal of the core is named in the UI's language. Once enrolled
the DSN is shown read-only. Removing a seat needs the centre's superuser DSN, which a seat never holds, so the
page says which command does it instead of offering a button.
"""

from shiboken6 import isValid

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.center import link as seat_link
from desktop.center.connect import SECURE_MODES, CenterRefused, CenterTooNew, CenterUnreachable, make_dsn, parse_dsn
from desktop.clock import parse_iso, seat_time
from desktop.errors import HotlineError
from desktop.seat import Session
from ui.file_dialogs import open_file
from ui.messages import error_text
from ui.style import set_state
from ui.worker import run_in_background


class CenterPage(QWidget):
    enrolled = Signal(int)  # how many records wait to be sent

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.link = seat_link.load(session.store)
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        self.host = QLineEdit(accessibleName=self.tr("Centre host"), placeholderText="centre.example.org")
        self.port = QSpinBox(accessibleName=self.tr("Port"))
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.dbname = QLineEdit(accessibleName=self.tr("Database"), placeholderText="hotline")
        self.sslmode = QComboBox(accessibleName=self.tr("TLS check"))
        self.sslmode.addItem(self.tr("Certificate and host name (verify-full)"), SECURE_MODES[0])
        self.sslmode.addItem(self.tr("Certificate only (verify-ca)"), SECURE_MODES[1])
        self.ca_file = QLineEdit(accessibleName=self.tr("The centre's CA file"))
        self.choose_ca = QPushButton(self.tr("Choose…"))
        self.choose_ca.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.choose_ca)
        self.code = QLineEdit(accessibleName=self.tr("Enrolment code"), echoMode=QLineEdit.EchoMode.Password)
        self.code.setPlaceholderText("ABCDE-FGH2J-…")
        self.enrol_button = QPushButton(self.tr("Enrol with this code"))
        self.enrol_button.clicked.connect(self.enrol)
        self.code.returnPressed.connect(self.enrol)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.enrol_button)
        grid = QGridLayout()  # not a form of settings saved with Save: the page acts at once
        self.code_label = QLabel(self.tr("Enrolment code"))
        rows = (
            (QLabel(self.tr("Host")), self.host),
            (QLabel(self.tr("Port")), self.port),
            (QLabel(self.tr("Database")), self.dbname),
            (QLabel(self.tr("TLS check")), self.sslmode),
            (QLabel(self.tr("CA file")), ca_row),
            (self.code_label, code_row),
        )
        for row, (label, field) in enumerate(rows):
            grid.addWidget(label, row, 0)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                grid.addWidget(field, row, 1)
            else:
                grid.addLayout(field, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.message = QLabel(wordWrap=True, objectName="statsMessage")  # the same quiet/problem colours
        layout.addWidget(self.message)
        self.removal = QLabel(wordWrap=True)
        self.removal.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.removal)
        layout.addStretch(1)
        self._say("")
        self._fill()

    @property
    def is_enrolled(self) -> bool:
        return self.link is not None and self.link.state == "active"

    def _fill(self) -> None:
        """The page for the seat's state: a form to enrol, or the centre it is enrolled at."""
        if self.link is not None:
            params = parse_dsn(self.link.dsn)
            self.host.setText(params.get("host") or params.get("hostaddr") or "")
            self.port.setValue(int(params.get("port") or 5432))
            self.dbname.setText(params.get("dbname") or "")
            self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(params.get("sslmode"))))
            self.ca_file.setText(params.get("sslrootcert") or "")
        enrolled = self.is_enrolled
        for field in (self.host, self.dbname, self.ca_file):
            field.setReadOnly(enrolled)
        for widget in (self.port, self.sslmode, self.choose_ca):
            widget.setEnabled(not enrolled)
        for widget in (self.code_label, self.code, self.enrol_button):
            widget.setVisible(not enrolled)
        if enrolled:
            since = seat_time(parse_iso(self.link.enrolled_at)).strftime("%Y-%m-%d %H:%M")
            self.intro.setText(
                self.tr(
                    "This seat is enrolled at the centre below as '%1' since %2. Its calls go there as codes and "
                    "times with the summary sealed; notes never leave the seat."
                )
                .replace("%1", self.link.seat_name)
                .replace("%2", since)
            )
            self.removal.setText(
                self.tr(
                    "Removing a seat from the centre needs the centre's superuser, which no seat keeps: the centre's "
                    "admin runs `main.py center remove-seat %1 --dsn …` at an enrolled seat. This seat then says it "
                    "is no longer enrolled and keeps working alone; its calls stay here."
                ).replace("%1", self.link.seat_name)
            )
        else:
            intro = self.tr(
                "A line with several seats gathers its calls and statistics at one centre database (PostgreSQL). "
                "Give where it is, without user or password, and the one-time code the centre's admin made with "
                "`main.py center add-seat`. The seat keeps working when the centre cannot be reached."
            )
            if self.link is not None:
                intro = self.tr("The centre removed this seat; it works alone. To enrol it again, ask for a new code.")
            self.intro.setText(intro)
            self.removal.setText("")
        self.removal.setVisible(enrolled)

    def _choose_ca(self) -> None:
        chosen = open_file(
            self,
            "ca",
            self.tr("The centre's CA file"),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_file.setText(chosen)

    def dsn(self) -> str:
        return make_dsn(
            self.host.text(), self.port.value(), self.dbname.text(), self.sslmode.currentData(), self.ca_file.text()
        )

    def enrol(self) -> None:
        """Enrol with the code typed, off the GUI thread; then the page shows the centre, or says what failed."""
        if self.is_enrolled or not self.enrol_button.isEnabled():
            return
        code = self.code.text()
        if not self.host.text().strip() or not self.dbname.text().strip():
            self._say(self.tr("Give the centre's host and database."), True)
            return
        if not code.strip():
            self._say(self.tr("Type the enrolment code the centre's admin gave you."), True)
            self.code.setFocus()
            return
        try:
            dsn = self.dsn()
        except HotlineError as exc:
            self._say(self.failure_text(exc), True)
            return
        session = self._session

        def work() -> int:
            from desktop.center import enrol

            with session.another() as own:
                return enrol.enroll(own, code, dsn)

        self.enrol_button.setEnabled(False)
        self._say(self.tr("Enrolling…"))
        run_in_background(work, self._enrolled, self._refused)

    def _enrolled(self, queued: int) -> None:
        if not isValid(self):
            return
        self.code.clear()
        self.enrol_button.setEnabled(True)
        self.link = seat_link.load(self._session.store)
        self._fill()
        self._say(self.tr("This seat is enrolled; %n record(s) wait to be sent to the centre.", "", queued))
        self.enrolled.emit(queued)

    def _refused(self, exc: Exception) -> None:
        if not isinstance(exc, HotlineError):
            raise exc
        if isValid(self):
            self.enrol_button.setEnabled(True)
            self._say(self.failure_text(exc), True)

    def failure_text(self, exc: HotlineError) -> str:
        """One sentence per refusal, in the UI's language; nothing was changed by a refused enrolment."""
        if isinstance(exc, CenterRefused):
            texts = {
                "dsn": self.tr("The centre's address is incomplete: give its host and database."),
                "credentials": self.tr("The address must not carry a user or password; the code gives the login."),
                "insecure": self.tr("The centre must be reached over TLS: choose a TLS check and its CA file."),
                "certificate": self.tr(
                    "The centre did not prove who it is with this CA file: choose the centre's own CA certificate "
                    "and check that the host name matches its certificate."
                ),
                "database": self.tr("The centre has no database of this name: check the database."),
                "not_postgres": self.tr("The server did not answer as a PostgreSQL server: check host and port."),
                "no_tls": self.tr("The centre's PostgreSQL does not offer TLS; its admin must turn it on."),
                "host_refused": self.tr("The centre's PostgreSQL does not let this computer in; ask its admin."),
                "code_mistyped": self.tr(
                    "This is not an enrolment code (25 letters and digits in five groups): it was mistyped; type it "
                    "again."
                ),
                "code_unknown": self.tr(
                    "This code does not open the centre: it was already used or replaced, its seat was removed, or "
                    "it belongs to another centre. Ask the centre's admin for a new code."
                ),
                "code_used": self.tr("This enrolment code was already used; ask the centre's admin for a new one."),
                "code_expired": self.tr("This enrolment code has expired; ask the centre's admin for a new one."),
                "code_other_seat": self.tr("This code was made for another seat; ask for this seat's code."),
                "already_enrolled": self.tr("This seat is already enrolled at a centre."),
            }
            return self.tr("%1 Nothing changed.").replace("%1", texts[exc.reason])
        if isinstance(exc, CenterUnreachable):
            return self.tr(
                "The centre cannot be reached now: check the network, the host and port, and that the centre's "
                "PostgreSQL runs. Nothing changed; the code can be used later."
            )
        if isinstance(exc, CenterTooNew):
            return self.tr("The centre runs a newer version: update Hotline Log here first. The code was not used.")
        return error_text(exc)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        set_state(self.message, "problem", problem)
        self.message.setVisible(bool(text))
