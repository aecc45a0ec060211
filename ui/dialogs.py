"""Small dialogs of the work page: reading a call, an amendment."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.call_model import CallRecord
from desktop.clock import seat_time
from desktop.taxonomy import AGE_BANDS, CALL_KINDS, CONCERNS, EMOTIONS, GENDERS, INTERVENTIONS, REGIONS, Taxonomy
from ui.widgets.guarded_text import GuardChoices, IdentifierHighlighter, install_marking


def call_html(record: CallRecord, taxonomy: Taxonomy, lang: str) -> str:
    form = record.form
    comma = "、" if lang == "zh" else ", "

    def labels(list_name, codes):
        return comma.join(taxonomy.label(list_name, c, lang) for c in codes) or "—"

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")

    times = seat_time(form.started_at).strftime("%Y-%m-%d %H:%M")
    if form.ended_at:
        times += " – " + seat_time(form.ended_at).strftime("%H:%M")
    caller = (
        taxonomy.label(AGE_BANDS, form.age_band, lang),
        taxonomy.label(GENDERS, form.gender, lang),
        taxonomy.label(REGIONS, form.region, lang) + (f" {form.city}" if form.city else ""),
    )
    rows = [
        (QCoreApplication.translate("CallViewDialog", "Time"), times),
        (QCoreApplication.translate("CallViewDialog", "Counselor"), record.counselor),
        (QCoreApplication.translate("CallViewDialog", "Kind"), taxonomy.label(CALL_KINDS, form.kind, lang)),
        (QCoreApplication.translate("CallViewDialog", "Caller"), comma.join(caller)),
        (QCoreApplication.translate("CallViewDialog", "Case code"), form.case_code or "—"),
        (QCoreApplication.translate("CallViewDialog", "Concerns"), labels(CONCERNS, form.concerns)),
        (QCoreApplication.translate("CallViewDialog", "Emotions"), labels(EMOTIONS, form.emotions)),
        (QCoreApplication.translate("CallViewDialog", "Interventions"), labels(INTERVENTIONS, form.interventions)),
        (QCoreApplication.translate("CallViewDialog", "Keywords"), comma.join(form.keywords) or "—"),
        (QCoreApplication.translate("CallViewDialog", "Summary"), form.summary or "—"),
    ]
    notes_title = QCoreApplication.translate("CallViewDialog", "Notes")
    amendment_title = QCoreApplication.translate("CallViewDialog", "Amendment")
    html = "<table cellspacing=4>" + "".join(f"<tr><th align=left>{k}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    html += f"</table><h3>{notes_title}</h3><p>{esc(form.notes) or '—'}</p>"
    for amendment in record.amendments:
        stamp = seat_time(amendment.at).strftime("%Y-%m-%d %H:%M")
        html += f"<h4>{amendment_title} · {amendment.author} · {stamp}</h4><p>{esc(amendment.text)}</p>"
    return html


class CallViewDialog(QDialog):
    """Read a saved call. `edit_requested` is the result code when the counselor chooses to edit."""

    EDIT = 2
    AMEND = 3

    def __init__(self, record: CallRecord, taxonomy: Taxonomy, lang: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call %1").replace("%1", str(record.id)))
        view = QTextBrowser()
        view.setAccessibleName(self.tr("Call"))
        view.setHtml(call_html(record, taxonomy, lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if record.editable:
            edit = buttons.addButton(self.tr("Edit"), QDialogButtonBox.ButtonRole.ActionRole)
            edit.clicked.connect(lambda: self.done(self.EDIT))
        amend = buttons.addButton(self.tr("Add amendment"), QDialogButtonBox.ButtonRole.ActionRole)
        amend.clicked.connect(lambda: self.done(self.AMEND))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)


class AmendmentDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an amendment"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Amendment"))
        self.choices = GuardChoices(self)
        self.highlighter = IdentifierHighlighter(self.text.document(), self.choices)
        install_marking(self.text, self.choices)
        note = QLabel(self.tr("Identifiers are hidden when the amendment is saved."), wordWrap=True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(480, 300)
