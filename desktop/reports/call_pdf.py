"""One saved call as an A4 PDF for supervision (leads and admins): every part of the read view, in the
order of the form, Chinese by default. Laid out with the reports' A4 template and CJK font (pdf_text, fonts),
body text 9.5 pt.

`CallPdfService(session)` refuses other roles with NotPermitted. `render(call_id, lang)` reads the call
through `read_call` (the same visibility and "viewed" audit as the read view); saving writes the file
owner-only (0600) and records `call.exported` with the number of pages, never text.
"""

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from desktop import risk
from desktop.call_model import LEAD_ON_SHIFT, SAFETY_PLAN_FIELDS
from desktop.call_read import CallView, read_call
from desktop.clock import seat_time, utc_now
from desktop.fsutil import atomic_write_bytes
from desktop.reports.call_pdf_text import TEXT
from desktop.reports.fonts import CID_FONT, register_cjk_font
from desktop.reports.pdf_text import ACCENT, MARGIN, RULE, SHADE, a4_document, marker
from desktop.seat import Session
from desktop.store.accounts import AccountRepo
from desktop.supervision import LEADS
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    EMOTIONS,
    GENDERS,
    INTERVENTIONS,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    REGIONS,
    URGENCY,
    load_taxonomy,
)

ALERT = colors.HexColor("#a01818")


@dataclass(frozen=True)
class CallPdf:
    call_id: int
    pdf: bytes
    pages: int


class CallPdfService:
    def __init__(self, session: Session):
        self._session = session

    def require(self) -> None:
        self._session.require(*LEADS, doing="print or save a call for supervision")

    def render(self, call_id: int, lang: str = "zh") -> CallPdf:
        self.require()
        view = read_call(self._session, call_id)
        names = {a.code: a.display_name for a in AccountRepo(self._session.store).all()}
        seat = self._session.seat.vault.seat_name if self._session.seat else ""
        pdf, pages = render_call(view, names, seat, lang)
        return CallPdf(call_id, pdf, pages)

    def save(self, made: CallPdf, path: str | Path) -> None:
        """Write the PDF owner-only to `path`; nothing is left behind, and nothing recorded, when it fails."""
        self.require()
        with self._session.store.transaction():  # the entry rolls back if the file cannot be written
            self._session.audit.append(
                self._session.actor, "call.exported", f"call:{made.call_id}", {"pages": made.pages}
            )
            atomic_write_bytes(Path(path), made.pdf)


def render_call(view: CallView, names: dict[str, str], seat: str, lang: str = "zh") -> tuple[bytes, int]:
    """The PDF of `view` and its number of pages."""
    return _Layout(view, names, seat, "zh" if lang.lower().startswith("zh") else "en").build()


class _Layout:
    def __init__(self, view: CallView, names: dict[str, str], seat: str, lang: str):
        self.view, self.form, self.names, self.seat, self.lang = view, view.record.form, names, seat, lang
        self.t = TEXT[lang]
        font = register_cjk_font()
        self.mark = marker(font)
        self.styles = _styles("Helvetica" if font == CID_FONT else font)
        self.taxonomy = load_taxonomy()
        self.items = risk.items()
        self.width = A4[0] - 2 * MARGIN
        self.pages = 0

    def p(self, value, style: str = "cell") -> Paragraph:
        return Paragraph(self.mark(str(value)).replace("\n", "<br/>"), self.styles[style])

    def labels(self, list_name: str, codes) -> str:
        return self.t["comma"].join(self.taxonomy.label(list_name, c, self.lang) for c in codes) or "—"

    def label(self, list_name: str, code: str | None) -> str:
        return self.taxonomy.label(list_name, code, self.lang) if code else "—"

    def when(self, moment: datetime | None) -> str:
        return seat_time(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"

    def who(self, code: str | None) -> str:
        if not code:
            return "—"
        if code == LEAD_ON_SHIFT:
            return self.t["lead_on_shift"]
        name = self.names.get(code)  # the staff code on a line of its own: a narrow column never breaks it
        return f"{name}\n({code})" if name else code

    def level(self, level: str) -> str:
        return risk.level_label(level, self.lang)

    def heading(self, key: str) -> list:
        return [CondPageBreak(25 * mm), Spacer(1, 3 * mm), self.p(self.t[key], "heading")]

    def pairs(self, rows: list[tuple[str, str]]) -> Table:
        widths = [self.width * 0.27, self.width * 0.73]
        table = Table([[self.p(k, "head"), self.p(v)] for k, v in rows], colWidths=widths, hAlign="LEFT")
        table.setStyle(_GRID_STYLE)
        return table

    def table(self, head: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        if not rows:
            return self.p(self.t["none"], "muted")
        total = sum(widths)
        data = [[self.p(h, "head") for h in head], *[[self.p(v) for v in row] for row in rows]]
        table = Table(data, colWidths=[w * self.width / total for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([*_GRID_STYLE.getCommands(), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        return table

    # ----- the parts, in the order of the form ----------------------------------------------------

    def header(self) -> list:
        t, record = self.t, self.view.record
        meta = t["meta"].format(seat=self.seat, made=self.when(utc_now()))
        return [self.p(t["title"].format(id=record.id), "title"), self.p(meta, "muted")]

    def call_and_caller(self) -> list:
        t, form, record = self.t, self.form, self.view.record
        times = self.when(form.started_at) + (
            " – " + seat_time(form.ended_at).strftime("%H:%M") if form.ended_at else ""
        )
        first = {None: "—", True: t["yes"], False: t["no"]}[form.first_call]
        caller = (
            self.label(AGE_BANDS, form.age_band),
            self.label(GENDERS, form.gender),
            self.label(REGIONS, form.region),
        )
        rows = [
            (t["time"], times),
            (t["counselor"], self.who(record.counselor)),
            (t["kind"], self.label(CALL_KINDS, form.kind)),
            (t["caller"], t["comma"].join(caller) + (f" {form.city}" if form.city else "")),
            (t["first_call"], first),
            (t["case_code"], form.case_code or "—"),
        ]
        return [*self.heading("call"), self.pairs(rows)]

    def concerns(self) -> list:
        t, form = self.t, self.form
        rows = [
            (t["concerns"], self.labels(CONCERNS, form.concerns)),
            (t["emotions"], self.labels(EMOTIONS, form.emotions)),
            (t["interventions"], self.labels(INTERVENTIONS, form.interventions)),
            (t["keywords"], t["comma"].join(form.keywords) or "—"),
        ]
        return [*self.heading("content"), self.pairs(rows)]

    def notes(self) -> list:
        t, form = self.t, self.form
        if self.view.shredded:
            return [*self.heading("notes"), self.p(t["shredded"], "muted")]
        rows = [(t["summary"], form.summary or "—"), (t["notes_label"], form.notes or "—")]
        return [*self.heading("notes"), self.pairs(rows)]

    def assessment(self) -> list:
        t, view = self.t, self.view
        if not view.assessed:
            return [*self.heading("risk"), self.p(t["not_assessed_long"], "alert")]
        rows = [
            (t["computed"], self.level(view.computed_level)),
            (t["final"], self.level(view.final_level)),
        ]
        if view.overridden or view.override_reason:
            rows.append((t["override_reason"], view.override_reason or "—"))
        rows.append((t["assessed_at"], self.when(view.assessed_at)))
        if view.reasons:
            rows.append((t["reasons"], t["comma"].join(self.items.label(r, self.lang) for r in view.reasons)))
        answers = view.record.form.risk.answers if view.record.form.risk else {}
        answered = []
        for group in self.items.groups:
            for item in group.items:
                if item.code in answers:
                    answered.append(
                        [group.label(self.lang), item.label(self.lang), t["yes"] if answers[item.code] else t["no"]]
                    )
        for scale in self.items.scales:
            if scale.code in answers:
                answered.append([t["scale"], scale.label(self.lang), f"{answers[scale.code]} / 10"])
        level_style = "alert" if view.final_level in risk.OPENS_PROTOCOL else "cell"
        return [
            *self.heading("risk"),
            self.p(t["level_line"].format(level=self.level(view.final_level)), level_style),
            Spacer(1, 1.5 * mm),
            self.pairs(rows),
            Spacer(1, 2 * mm),
            self.table([t["group"], t["item"], t["answer"]], answered, [2, 6, 1.4]),
        ]

    def crisis(self) -> list:
        rows = [
            [self.when(a.at), self.label(CRISIS_ACTIONS, a.action), self.label(CRISIS_OUTCOMES, a.outcome)]
            for a in self.form.crisis_actions
        ]
        t = self.t
        return [*self.heading("crisis"), self.table([t["at"], t["action"], t["outcome"]], rows, [2, 4, 3])]

    def referrals(self) -> list:
        t = self.t
        rows = [
            [
                self.label(REFERRAL_KINDS, r.kind),
                r.resource or "—",
                self.label(URGENCY, r.urgency),
                self.label(REFERRAL_STATUS, r.status),
            ]
            for r in self.view.referrals
        ]
        return [
            *self.heading("referrals"),
            self.table([t["ref_kind"], t["resource"], t["urgency"], t["status"]], rows, [3, 4, 2, 2]),
        ]

    def follow_ups(self) -> list:
        t = self.t
        rows = []
        for f in self.view.follow_ups:
            done = t["done_by"].format(at=self.when(f.done_at), who=self.who(f.done_by)) if f.done_at else t["open"]
            rows.append([self.when(f.due_at), self.who(f.owner), f.note or "—", done, f.outcome or "—"])
        head = [t["due"], t["owner"], t["note"], t["state"], t["outcome"]]
        return [*self.heading("follow_ups"), self.table(head, rows, [2.2, 2.2, 3, 2.4, 3])]

    def safety_plan(self) -> list:
        plan = self.form.safety_plan
        if not any(plan.values()):
            return [*self.heading("safety_plan"), self.p(self.t["none"], "muted")]
        rows = [(title, plan.get(name) or "—") for name, title in zip(SAFETY_PLAN_FIELDS, self.t["plan"], strict=True)]
        return [*self.heading("safety_plan"), self.pairs(rows)]

    def supervision(self) -> list:
        t, view = self.t, self.view
        if view.supervision_flag is None:
            return []
        flag = t["flagged"] if view.supervision_flag else t["not_flagged"]
        rows = [[self.when(n.created_at), self.who(n.author), n.text] for n in view.supervision_notes or ()]
        return [
            *self.heading("supervision"),
            self.p(flag),
            Spacer(1, 1.5 * mm),
            self.table([t["at"], t["author"], t["text"]], rows, [2, 2.4, 7]),
        ]

    def amendments(self) -> list:
        t = self.t
        rows = [[self.when(a.at), self.who(a.author), a.text] for a in self.view.record.amendments]
        return [*self.heading("amendments"), self.table([t["at"], t["author"], t["text"]], rows, [2, 2.4, 7])]

    def legal_hold(self) -> list:
        t = self.t
        return [*self.heading("legal_hold"), self.p(t["held"] if self.view.legal_hold else t["not_held"])]

    # ----- the document -----------------------------------------------------------------------------

    def build(self) -> tuple[bytes, int]:
        buffer = io.BytesIO()
        doc = a4_document(buffer, self.t["title"].format(id=self.view.record.id), self.seat)
        story = [
            *self.header(),
            *self.call_and_caller(),
            *self.concerns(),
            *self.notes(),
            *self.assessment(),
            *self.crisis(),
            *self.referrals(),
            *self.follow_ups(),
            *self.safety_plan(),
            *self.supervision(),
            *self.amendments(),
            *self.legal_hold(),
        ]
        doc.build(story, canvasmaker=self._canvas_maker())
        return buffer.getvalue(), self.pages

    def _canvas_maker(self):
        layout = self

        class NumberedCanvas(Canvas):
            """Holds each page until the end, so every footer can say how many pages there are."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages = []

            def showPage(self):  # noqa: N802 - ReportLab's name
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                layout.pages = len(self._pages)
                for number, page in enumerate(self._pages, start=1):
                    self.__dict__.update(page)
                    layout.footer(self, number, len(self._pages))
                    super().showPage()
                super().save()

        return NumberedCanvas

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, MARGIN + 4 * mm, A4[0] - MARGIN, MARGIN + 4 * mm)
        for content, style in (
            (self.t["confidential"], "confidential"),
            (self.t["page"].format(page=page, pages=pages), "stamp"),
        ):
            line = Paragraph(self.mark(content), self.styles[style])
            line.wrapOn(canvas, self.width, 12)
            line.drawOn(canvas, MARGIN, MARGIN - 1)
        canvas.restoreState()


_GRID_STYLE = TableStyle(
    [
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # Nothing under 9 pt: the page is read in supervision, often printed.
    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=13.5, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=17, leading=23, textColor=ACCENT, spaceAfter=1 * mm),
        "heading": ParagraphStyle("heading", base, fontSize=11.5, leading=15, textColor=ACCENT, spaceAfter=1.5 * mm),
        "cell": base,
        "head": ParagraphStyle("head", base, textColor=colors.HexColor("#44505c")),
        "muted": ParagraphStyle("muted", base, textColor=colors.grey),
        "alert": ParagraphStyle("alert", base, fontSize=11, leading=15, textColor=ALERT),
        "confidential": ParagraphStyle("confidential", base, fontSize=9, textColor=ALERT),
        "stamp": ParagraphStyle("stamp", base, fontSize=9, textColor=colors.grey, alignment=2),
    }
