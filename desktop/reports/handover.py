"""The handover summary PDF (DESIGN.md §8): A4, Chinese or English, every part of a shift's handover.

`render_handover(data, lang)` lays out a `Handover` (from `handover_data.gather`) with ReportLab
platypus; long tables flow over pages and repeat their header row, every page carries the confidential
mark and "page x of y". `write_handover` writes it through a temporary file renamed into place, so a
failed write never leaves half a summary behind.
"""

import io
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.call_model import LEAD_ON_SHIFT
from desktop.clock import seat_time
from desktop.fsutil import atomic_write_bytes
from desktop.reports.fonts import CID_FONT, register_cjk_font
from desktop.reports.handover_data import Handover
from desktop.reports.pdf_text import ACCENT, MARGIN, RULE, SEPARATOR, SHADE, a4_document, marker
from desktop.risk import level_label
from desktop.taxonomy import (
    CALL_KINDS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    EMOTIONS,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    URGENCY,
    load_taxonomy,
)

ALERT = colors.HexColor("#a01818")

TEXT = {
    "zh": {
        "title": "交接班摘要",
        "colon": "：",
        "seat": "席位",
        "window": "班次时段",
        "open": "进行中",
        "lead": "班长",
        "auto": "自动班次（无班长）",
        "on_duty": "值班咨询员",
        "made": "生成时间",
        "totals": "来电概况",
        "calls": "来电总数",
        "talk_total": "通话总时长（分钟）",
        "talk_mean": "平均（分钟）",
        "talk_longest": "最长（分钟）",
        "kind": "来电类型",
        "count": "数量",
        "risk_calls": "高危及紧急风险来电",
        "case": "个案编码",
        "time": "时间",
        "counselor": "咨询员",
        "level": "风险等级",
        "crisis": "危机处置",
        "referrals": "转介",
        "next": "下一班须做",
        "override": "调整自 {computed}：{reason}",
        "follow_ups": "到期或逾期的回访",
        "due": "到期",
        "owner": "负责人",
        "note": "说明",
        "overdue": "已逾期",
        "lead_on_shift": "当班班长",
        "open_referrals": "未完成的转介",
        "urgency": "紧急程度",
        "status": "状态",
        "resource": "机构",
        "concerns_emotions": "本班困扰与情绪",
        "concerns": "主要困扰",
        "emotions": "情绪",
        "workload": "咨询员工作量",
        "talk": "通话（分钟）",
        "longest_run": "最长连续工作（分钟）",
        "high_calls": "高危来电",
        "supervised": "督导标记的来电",
        "supervision_notes": "督导记录",
        "handover_note": "交接说明",
        "audit": "审计链头",
        "audit_text": "序号 {seq}，哈希 {hash}",
        "audit_hint": "与系统中的审计链头核对，可发现数据库被回滚。",
        "sign_out": "交班班长签名",
        "sign_in": "接班班长签名",
        "sign_time": "时间",
        "none": "无",
        "not_assessed": "未评估",
        "no_calls": "本班次没有来电记录。",
        "confidential": "内部资料 注意保密",
        "page": "第 {page} 页，共 {pages} 页",
        "unknown_case": "（无编码）",
    },
    "en": {
        "title": "Shift handover summary",
        "colon": ": ",
        "seat": "Seat",
        "window": "Shift",
        "open": "open",
        "lead": "Lead",
        "auto": "automatic shift (no lead)",
        "on_duty": "Counselors on duty",
        "made": "Generated",
        "totals": "Calls",
        "calls": "Calls",
        "talk_total": "Talk time (min)",
        "talk_mean": "Mean (min)",
        "talk_longest": "Longest (min)",
        "kind": "Call kind",
        "count": "Count",
        "risk_calls": "High and imminent risk calls",
        "case": "Case code",
        "time": "Time",
        "counselor": "Counselor",
        "level": "Risk level",
        "crisis": "Crisis actions",
        "referrals": "Referrals",
        "next": "Next shift must",
        "override": "changed from {computed}: {reason}",
        "follow_ups": "Follow-ups due or overdue",
        "due": "Due",
        "owner": "Owner",
        "note": "Note",
        "overdue": "overdue",
        "lead_on_shift": "lead on shift",
        "open_referrals": "Referrals still open",
        "urgency": "Urgency",
        "status": "Status",
        "resource": "Service",
        "concerns_emotions": "Concerns and emotions this shift",
        "concerns": "Concern",
        "emotions": "Emotion",
        "workload": "Counselor workload",
        "talk": "Talk (min)",
        "longest_run": "Longest run without a break (min)",
        "high_calls": "High-risk calls",
        "supervised": "Calls flagged for supervision",
        "supervision_notes": "Supervision notes",
        "handover_note": "Handover note",
        "audit": "Audit head",
        "audit_text": "sequence {seq}, hash {hash}",
        "audit_hint": "Compare with the audit head on the seat: a rolled-back database shows up.",
        "sign_out": "Outgoing lead",
        "sign_in": "Incoming lead",
        "sign_time": "Time",
        "none": "None",
        "not_assessed": "Not assessed",
        "no_calls": "No calls were recorded in this shift.",
        "confidential": "Confidential - 内部资料 注意保密",
        "page": "Page {page} of {pages}",
        "unknown_case": "(no code)",
    },
}


def write_handover(data: Handover, path: str | Path, lang: str = "zh") -> None:
    """Write the summary to `path`; `StorageError` when the folder cannot be written (nothing is left)."""
    atomic_write_bytes(Path(path), render_handover(data, lang))


def render_handover(data: Handover, lang: str = "zh") -> bytes:
    lang = "zh" if lang.lower().startswith("zh") else "en"
    return _Layout(data, lang).build()


class _Layout:
    def __init__(self, data: Handover, lang: str):
        self.data, self.lang, self.text = data, lang, TEXT[lang]
        font = register_cjk_font()
        self.mark: Callable[[str], str] = marker(font)
        self.styles = _styles("Helvetica" if font == CID_FONT else font)
        self.taxonomy = load_taxonomy()
        self.width = A4[0] - 2 * MARGIN

    # ----- helpers ------------------------------------------------------------------------------

    def p(self, value, style: str = "cell") -> Paragraph:
        return Paragraph(self.mark(str(value)).replace("\n", "<br/>"), self.styles[style])

    def label(self, list_name: str, code: str | None) -> str:
        return self.taxonomy.label(list_name, code, self.lang) if code else ""

    def when(self, moment: datetime, with_date: bool = True) -> str:
        return seat_time(moment).strftime("%m-%d %H:%M" if with_date else "%H:%M")

    def stamp(self, moment: datetime) -> str:
        """Date and time on two lines, for a narrow column that would otherwise break 12:33 into 12:3 / 3."""
        return seat_time(moment).strftime("%m-%d\n%H:%M")

    def owner(self, code: str) -> str:
        return self.text["lead_on_shift"] if code == LEAD_ON_SHIFT else self.who(code)

    def who(self, code: str) -> str:
        """A person in a table cell: the name, then the staff code on a line of its own, so that the narrow
        column never breaks a code in the middle (CJK wrapping breaks between any two characters)."""
        name = self.data.names.get(code)
        return f"{name}\n({code})" if name else code

    @staticmethod
    def minutes(seconds: float) -> str:
        """Talk time in minutes, rounded the same way everywhere on the page: one decimal."""
        return f"{seconds / 60:,.1f}"

    def case(self, code: str | None) -> str:
        return code or self.text["unknown_case"]

    def heading(self, key: str) -> list:
        return [CondPageBreak(30 * mm), Spacer(1, 4 * mm), self.p(self.text[key], "heading")]

    def table(
        self, head: list[str], rows: list[list], widths: list[float], numbers: int = 0, width: float | None = None
    ) -> Table:
        """A table `width` wide (the page's by default), its header row repeated on every page it flows onto,
        columns in the proportions of `widths`, the last `numbers` columns right-aligned."""
        total = sum(widths)
        widths = [w * (width or self.width) / total for w in widths]
        data = [[self.p(h, "head") for h in head]]
        for row in rows:
            cells = []
            for index, value in enumerate(row):
                if isinstance(value, Paragraph):
                    cells.append(value)
                else:
                    numeric = index >= len(row) - numbers
                    cells.append(self.p(value, "number" if numeric else "cell"))
            data.append(cells)
        if not rows:
            data.append([self.p(self.text["none"], "muted"), *[""] * (len(head) - 1)])
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def counts(self, counter: Counter, list_name: str) -> list[list]:
        return [[self.label(list_name, code), f"{n:,}"] for code, n in sorted(counter.items(), key=lambda kv: -kv[1])]

    # ----- the parts ----------------------------------------------------------------------------

    def header(self) -> list:
        d, t = self.data, self.text
        start, end = d.window
        window = f"{seat_time(start):%Y-%m-%d %H:%M} – "
        if d.shift is not None and d.shift.is_open:
            window += t["open"]
        else:
            window += f"{seat_time(end):%Y-%m-%d %H:%M}"
        lead = d.person(d.lead) if d.lead else t["auto"]
        meta = [
            (t["seat"], d.seat),
            (t["window"], window),
            (t["lead"], lead),
            (t["made"], f"{seat_time(d.made_at):%Y-%m-%d %H:%M}"),
        ]
        line = SEPARATOR.join(self.mark(f"{k}{t['colon']}{v}") for k, v in meta)
        on_duty = ", ".join(d.person(c) for c in d.on_duty) or t["none"]
        return [
            self.p(t["title"], "title"),
            Paragraph(line, self.styles["meta"]),
            self.p(f"{t['on_duty']}{t['colon']}{on_duty}", "meta"),
        ]

    def totals(self) -> list:
        d, t = self.data, self.text
        figures = [
            (t["calls"], f"{d.calls:,}"),
            (t["talk_total"], self.minutes(d.talk_total_s)),
            (t["talk_mean"], self.minutes(d.talk_mean_s)),
            (t["talk_longest"], self.minutes(d.talk_longest_s)),
        ]
        band = Table(
            [[self.p(v, "big") for _, v in figures], [self.p(c, "caption") for c, _ in figures]],
            colWidths=[self.width / len(figures)] * len(figures),
        )
        band.setStyle(
            TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE), ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT)])
        )
        parts = [*self.heading("totals"), band, Spacer(1, 2 * mm)]
        if not d.calls:
            return [*parts, self.p(t["no_calls"], "muted")]
        kinds = self.counts(d.by_kind, CALL_KINDS)
        return [*parts, self.table([t["kind"], t["count"]], kinds, [5, 1], numbers=1)]

    def risk_calls(self) -> list:
        t = self.text
        rows = []
        for call in self.data.risk_calls:
            level = level_label(call.final_level, self.lang)
            if call.override_reason or call.computed_level != call.final_level:
                computed = level_label(call.computed_level, self.lang)
                level += "\n" + t["override"].format(computed=computed, reason=call.override_reason or "-")
            crisis = "\n".join(
                f"{self.when(c.at, False)} {self.label(CRISIS_ACTIONS, c.action)}"
                + (f" → {self.label(CRISIS_OUTCOMES, c.outcome)}" if c.outcome else "")
                for c in call.crisis
            )
            referrals = "\n".join(
                f"{self.label(REFERRAL_KINDS, r.kind)} · {self.label(URGENCY, r.urgency)}"
                f" · {self.label(REFERRAL_STATUS, r.status)}" + (f" · {r.resource}" if r.resource else "")
                for r in call.referrals
            )
            steps = "\n".join(
                f"{self.when(f.due_at)} {self.owner(f.owner)}"
                + (f"{t['colon']}{f.note}" if f.note else "")
                + (f" ({t['overdue']})" if f.overdue else "")
                for f in call.next_steps
            )
            rows.append(
                [
                    self.case(call.case_code),
                    self.stamp(call.started_at),
                    self.who(call.counselor),
                    self.p(level, "alert"),
                    crisis or "-",
                    referrals or "-",
                    steps or "-",
                ]
            )
        head = [t["case"], t["time"], t["counselor"], t["level"], t["crisis"], t["referrals"], t["next"]]
        return [*self.heading("risk_calls"), self.table(head, rows, [1.3, 1.3, 1.8, 1.5, 2, 2, 2.2])]

    def level(self, level: str, assessed: bool) -> str:
        """The risk level in words; "not assessed" for a call saved without an assessment, never "no risk"."""
        return level_label(level, self.lang) if assessed else self.text["not_assessed"]

    def follow_ups(self) -> list:
        t = self.text
        rows = [
            [
                self.case(f.case_code),
                self.when(f.due_at) + (f"\n{t['overdue']}" if f.overdue else ""),
                self.owner(f.owner),
                self.level(f.risk_level, f.assessed),
                f.note or "-",
            ]
            for f in self.data.follow_ups
        ]
        head = [t["case"], t["due"], t["owner"], t["level"], t["note"]]
        return [*self.heading("follow_ups"), self.table(head, rows, [1.3, 1.3, 1.6, 1.3, 4])]

    def open_referrals(self) -> list:
        t = self.text
        rows = [
            [
                self.case(r.case_code),
                self.label(REFERRAL_KINDS, r.kind),
                self.label(URGENCY, r.urgency),
                self.label(REFERRAL_STATUS, r.status),
                r.resource_name or "-",
                self.when(r.updated_at),
            ]
            for r in self.data.open_referrals
        ]
        head = [t["case"], t["referrals"], t["urgency"], t["status"], t["resource"], t["time"]]
        return [*self.heading("open_referrals"), self.table(head, rows, [1.3, 2, 1, 1.2, 2.5, 1.2])]

    def concerns_and_emotions(self) -> list:
        t = self.text
        half = (self.width - 6 * mm) / 2
        concern_rows = self.counts(self.data.concerns, CONCERNS)
        emotion_rows = self.counts(self.data.emotions, EMOTIONS)
        if max(len(concern_rows), len(emotion_rows)) > SIDE_BY_SIDE_ROWS:
            # Too long to stand side by side on one page (a busy day's window): one after the other, each
            # free to flow onto the next page with its header repeated.
            concerns = self.table([t["concerns"], t["count"]], concern_rows, [4, 1], 1)
            emotions = self.table([t["emotions"], t["count"]], emotion_rows, [4, 1], 1)
            return [*self.heading("concerns_emotions"), concerns, Spacer(1, 3 * mm), emotions]
        concerns = self.table([t["concerns"], t["count"]], concern_rows, [4, 1], 1, half)
        emotions = self.table([t["emotions"], t["count"]], emotion_rows, [4, 1], 1, half)
        pair = Table([[concerns, emotions]], colWidths=[half + 6 * mm, half])
        pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        # the side-by-side tables cannot split, so the heading goes with them to the next page if need be
        return [Spacer(1, 4 * mm), KeepTogether([self.p(t["concerns_emotions"], "heading"), pair])]

    def workload(self) -> list:
        t = self.text
        rows = [
            [self.who(w.counselor), f"{w.calls:,}", self.minutes(w.talk_s), self.minutes(w.longest_run_s),
             f"{w.high_risk_calls:,}"]
            for w in self.data.workload
        ]  # fmt: skip
        head = [t["counselor"], t["calls"], t["talk"], t["longest_run"], t["high_calls"]]
        return [*self.heading("workload"), self.table(head, rows, [2.5, 1, 1.2, 2, 1.2], numbers=4)]

    def supervised(self) -> list:
        t = self.text
        rows = [
            [
                self.case(s.case_code),
                self.stamp(s.started_at),
                self.who(s.counselor),
                self.level(s.risk_level, s.assessed),
                "\n".join(
                    f"{self.when(at)} {self.data.person(author)}{t['colon']}{text}" for author, at, text in s.notes
                )
                or "-",
            ]
            for s in self.data.supervised
        ]
        head = [t["case"], t["time"], t["counselor"], t["level"], t["supervision_notes"]]
        return [*self.heading("supervised"), self.table(head, rows, [1.3, 1.3, 1.9, 1.1, 4.4])]

    def note(self) -> list:
        paragraphs = self.data.note.split("\n") if self.data.note.strip() else [self.text["none"]]
        return [*self.heading("handover_note"), *(self.p(line or " ", "body") for line in paragraphs)]

    def closing(self) -> list:
        t = self.text
        seq, digest = self.data.audit_head
        audit = [
            *self.heading("audit"),
            self.p(t["audit_text"].format(seq=seq, hash=digest), "mono"),
            self.p(t["audit_hint"], "muted"),
        ]
        line = "_" * 28
        signatures = Table(
            [
                [self.p(f"{t['sign_out']}{t['colon']}{line}"), self.p(f"{t['sign_time']}{t['colon']}{line}")],
                [self.p(f"{t['sign_in']}{t['colon']}{line}"), self.p(f"{t['sign_time']}{t['colon']}{line}")],
            ],
            colWidths=[self.width * 0.55, self.width * 0.45],
        )
        signatures.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 9)]))
        return [KeepTogether([*audit, Spacer(1, 8 * mm), signatures])]

    # ----- the document -------------------------------------------------------------------------

    def build(self) -> bytes:
        buffer = io.BytesIO()
        t = self.text
        start = seat_time(self.data.window[0])
        doc = a4_document(buffer, f"{t['title']} {self.data.seat} {start:%Y-%m-%d %H:%M}", self.data.seat)
        story = [
            *self.header(),
            *self.totals(),
            *self.risk_calls(),
            *self.follow_ups(),
            *self.open_referrals(),
            *self.concerns_and_emotions(),
            *self.workload(),
            *self.supervised(),
            *self.note(),
            *self.closing(),
        ]
        doc.build(story, canvasmaker=self._canvas_maker())
        return buffer.getvalue()

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
            (self.text["confidential"], "confidential"),
            (self.text["page"].format(page=page, pages=pages), "stamp"),
        ):
            line = Paragraph(self.mark(content), self.styles[style])
            line.wrapOn(canvas, self.width, 12)
            line.drawOn(canvas, MARGIN, MARGIN - 1)
        top = Paragraph(self.mark(self.text["confidential"]), self.styles["stamp"])
        top.wrapOn(canvas, self.width, 12)
        top.drawOn(canvas, MARGIN, A4[1] - MARGIN + 4 * mm)
        canvas.restoreState()


SIDE_BY_SIDE_ROWS = 24  # more rows than this and the two tables would not fit on one page side by side


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # Nothing under 9 pt: the printed night handover is read by someone at the end of a long shift.
    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=18, leading=24, textColor=ACCENT, spaceAfter=2 * mm),
        "meta": ParagraphStyle("meta", base, fontSize=9, leading=13),
        "heading": ParagraphStyle("heading", base, fontSize=11, leading=15, textColor=ACCENT, spaceAfter=1.5 * mm),
        "cell": base,
        "body": ParagraphStyle("body", base, fontSize=9.5, leading=14),
        "number": ParagraphStyle("number", base, alignment=2),
        "head": ParagraphStyle("head", base, textColor=colors.HexColor("#44505c")),
        "muted": ParagraphStyle("muted", base, textColor=colors.grey),
        "alert": ParagraphStyle("alert", base, textColor=ALERT),
        "mono": ParagraphStyle("mono", base, fontSize=9, leading=12),
        "big": ParagraphStyle("big", base, fontSize=15, leading=19, alignment=2),
        "caption": ParagraphStyle("caption", base, textColor=colors.grey, alignment=2),
        "confidential": ParagraphStyle("confidential", base, fontSize=9, textColor=ALERT),
        "stamp": ParagraphStyle("stamp", base, fontSize=9, textColor=colors.grey, alignment=2),
    }
