"""The monthly report: one A4 page of the statistics of DESIGN.md §9 that a center can send on.

It takes the dict of `statistics()` and lays it out with ReportLab platypus: title, center and period,
the totals, then small tables (calls by kind, risk levels, concern groups and items, emotions, age bands,
gender, regions, crisis actions, referrals), labelled from the taxonomy in Chinese or English. Long
lists show their top entries and sum the rest into one "other" row; if the page still overflows, the
body is shrunk to fit, so the report is always one page.

The PDF is built in memory and written through a temporary file in the target folder that is renamed
into place, so a failed write never leaves half a report behind.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from desktop.clock import seat_time, utc_now
from desktop.fsutil import atomic_write_bytes
from desktop.reports.fonts import CID_FONT, register_cjk_font
from desktop.reports.pdf_text import ACCENT, MARGIN, RULE, SEPARATOR, SHADE, a4_document, marker
from desktop.risk import level_label
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERN_GROUPS,
    CONCERNS,
    CRISIS_ACTIONS,
    EMOTIONS,
    GENDERS,
    REFERRAL_KINDS,
    REGIONS,
    load_taxonomy,
)

TOP_ROWS = 8  # a table shows at most this many rows; beyond, the top ones and an "other" row
GAP = 6 * mm  # between the two columns of tables

TEXT = {
    "zh": {
        "title": "热线月度统计报告",
        "colon": "：",
        "center": "中心",
        "period": "统计期间",
        "to": "至",
        "made": "生成时间",
        "calls": "来电总数",
        "talk_total": "通话总时长（分钟）",
        "talk_mean": "平均（分钟）",
        "talk_median": "中位数（分钟）",
        "talk_p90": "90% 分位（分钟）",
        "count": "数量",
        "share": "占来电",
        "other": "其他 {n} 项",
        "none": "无",
        "by_kind": "来电类型",
        "by_risk_level": "风险等级",
        "by_concern_group": "主要困扰（类别）",
        "by_concern": "主要困扰（具体）",
        "by_emotion": "情绪",
        "by_age_band": "年龄段",
        "by_gender": "性别",
        "by_region": "来电地区",
        "crisis_actions": "危机处置措施（次）",
        "referrals_by_kind": "转介（次）",
        "by_seat": "各席位来电",
        "note": "一通来电可有多项困扰和情绪，各项分别计数；占比以来电总数为分母。",
        "confidential": "内部资料 注意保密",
        "page": "热线记录",
    },
    "en": {
        "title": "Monthly hotline report",
        "colon": ": ",
        "center": "Center",
        "period": "Period",
        "to": "to",
        "made": "Generated",
        "calls": "Calls",
        "talk_total": "Talk time (min)",
        "talk_mean": "Mean (min)",
        "talk_median": "Median (min)",
        "talk_p90": "90th percentile (min)",
        "count": "Count",
        "share": "Of calls",
        "other": "{n} others",
        "none": "None",
        "by_kind": "Calls by kind",
        "by_risk_level": "Risk level",
        "by_concern_group": "Concerns (groups)",
        "by_concern": "Concerns (items)",
        "by_emotion": "Emotions",
        "by_age_band": "Age band",
        "by_gender": "Gender",
        "by_region": "Region",
        "crisis_actions": "Crisis actions (count)",
        "referrals_by_kind": "Referrals (count)",
        "by_seat": "Calls by seat",
        "note": "A call with several concerns or emotions counts once under each; shares are of all calls.",
        "confidential": "Confidential - 内部资料 注意保密",
        "page": "Hotline Log",
    },
}


@dataclass(frozen=True)
class Section:
    key: str  # the statistics key, also the heading's key in TEXT
    label: Callable[[str, str], str]  # (code, lang) → label
    order: str = "count"  # "count": most first; "list": the order of the code list
    share: bool = True  # show the share of all calls
    limit: int = TOP_ROWS  # rows at most; beyond, one "other" row


def _coded(list_name: str) -> Callable[[str, str], str]:
    return lambda code, lang: load_taxonomy().label(list_name, code, lang)


# Left and right column, row by row.
SECTIONS = (
    (Section("by_kind", _coded(CALL_KINDS)), Section("by_risk_level", level_label, order="list")),
    (Section("by_concern_group", _coded(CONCERN_GROUPS)), Section("by_concern", _coded(CONCERNS))),
    (Section("by_emotion", _coded(EMOTIONS)), Section("by_age_band", _coded(AGE_BANDS), order="list")),
    (Section("by_gender", _coded(GENDERS), order="list"), Section("by_region", _coded(REGIONS))),
    (
        Section("crisis_actions", _coded(CRISIS_ACTIONS), share=False),
        Section("referrals_by_kind", _coded(REFERRAL_KINDS), share=False),
    ),
)
_LIST_ORDER = {"by_age_band": AGE_BANDS, "by_gender": GENDERS}
# The centre's report (`stats --center`) carries every seat's total, by name, in two columns.
SEAT_SECTION = Section("by_seat", lambda name, _lang: name, order="list", limit=30)


def _seat_halves(stats: dict) -> list[dict]:
    seats = sorted((stats.get("by_seat") or {}).items())
    middle = (len(seats) + 1) // 2
    return [{"by_seat": dict(seats[:middle])}, {"by_seat": dict(seats[middle:])}]


def write_monthly_report(
    stats: dict, center: str, date_from: date, date_to: date, path: str | Path, lang: str = "zh"
) -> None:
    """Write the one-page report of `stats` (from `statistics()`) for `center` to `path`.

    Raises `StorageError` when the folder cannot be written; nothing is left behind then.
    """
    lang = "zh" if lang.lower().startswith("zh") else "en"
    atomic_write_bytes(Path(path), render_monthly_report(stats, center, date_from, date_to, lang))


def render_monthly_report(stats: dict, center: str, date_from: date, date_to: date, lang: str = "zh") -> bytes:
    """The PDF bytes of the report (see `write_monthly_report`)."""
    text = TEXT[lang]
    font = register_cjk_font()
    mark = marker(font)
    styles = _styles("Helvetica" if font == CID_FONT else font)
    buffer = io.BytesIO()
    made = seat_time(utc_now()).strftime("%Y-%m-%d %H:%M")
    doc = a4_document(buffer, f"{text['title']} {center} {date_from.isoformat()} – {date_to.isoformat()}", center)
    body: list[Flowable] = [
        Paragraph(mark(text["title"]), styles["title"]),
        Paragraph(
            SEPARATOR.join(
                mark(f"{text[key]}{text['colon']}{value}")
                for key, value in (
                    ("center", center),
                    ("period", f"{date_from.isoformat()} {text['to']} {date_to.isoformat()}"),
                    ("made", made),
                )
            ),
            styles["meta"],
        ),
        Spacer(1, 4 * mm),
        _totals(stats, text, styles, mark, doc.width),
        Spacer(1, 2 * mm),
        Paragraph(mark(text["note"]), styles["note"]),
        Spacer(1, 3 * mm),
    ]
    column = (doc.width - GAP) / 2
    total = stats.get("calls_total", 0)
    for left, right in SECTIONS:
        pair = [[_section(s, stats, total, text, styles, mark, lang, column) for s in (left, right)]]
        grid = Table(pair, colWidths=[column + GAP, column])
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), GAP),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ]
            )
        )
        body.append(grid)
    if stats.get("by_seat"):
        halves = [
            _section(SEAT_SECTION, half, total, text, styles, mark, lang, column)
            for half in _seat_halves(stats)
            if half["by_seat"]
        ]
        grid = Table([halves], colWidths=[column + GAP, column][: len(halves)])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        body.append(grid)

    def footer(canvas, document) -> None:
        canvas.saveState()
        for content, style in ((text["confidential"], "confidential"), (f"{text['page']}  {made}", "stamp")):
            line = Paragraph(mark(content), styles[style])
            line.wrapOn(canvas, document.width, 12)
            line.drawOn(canvas, MARGIN, MARGIN - 1)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, MARGIN + 4 * mm, A4[0] - MARGIN, MARGIN + 4 * mm)
        canvas.restoreState()

    doc.build([KeepInFrame(doc.width, doc.height, body, mode="shrink")], onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=18, leading=24, textColor=ACCENT, spaceAfter=2 * mm),
        "meta": ParagraphStyle("meta", base, fontSize=9, leading=13),
        "note": ParagraphStyle("note", base, fontSize=7.5, leading=10, textColor=colors.grey),
        "heading": ParagraphStyle("heading", base, fontSize=10, leading=13, textColor=ACCENT),
        "cell": base,
        "number": ParagraphStyle("number", base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", base, textColor=colors.grey),
        "head_number": ParagraphStyle("head_number", base, textColor=colors.grey, alignment=TA_RIGHT),
        "confidential": ParagraphStyle("confidential", base, fontSize=8, textColor=colors.HexColor("#a01818")),
        "stamp": ParagraphStyle("stamp", base, fontSize=8, textColor=colors.grey, alignment=TA_RIGHT),
        "big": ParagraphStyle("big", base, fontSize=15, leading=19, alignment=TA_RIGHT),
    }


def _totals(stats: dict, text: dict, styles: dict, mark: Callable[[str], str], width: float) -> Table:
    """One band: the call count and the talk time figures, each a big number over its caption."""
    talk = stats.get("talk_time_s") or {}
    minutes = {key: talk.get(key, 0) / 60 for key in ("total", "mean", "median", "p90")}
    figures = [
        (text["calls"], f"{stats.get('calls_total', 0):,}"),
        (text["talk_total"], f"{minutes['total']:,.0f}"),
        (text["talk_mean"], f"{minutes['mean']:.1f}"),
        (text["talk_median"], f"{minutes['median']:.1f}"),
        (text["talk_p90"], f"{minutes['p90']:.1f}"),
    ]
    rows = [
        [Paragraph(value, styles["big"]) for _, value in figures],
        [Paragraph(mark(caption), styles["head_number"]) for caption, _ in figures],
    ]
    table = Table(rows, colWidths=[width / len(figures)] * len(figures))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def _section(
    section: Section,
    stats: dict,
    total: int,
    text: dict,
    styles: dict,
    mark: Callable[[str], str],
    lang: str,
    width: float,
) -> list[Flowable]:
    """A heading and a table of label, count and (for counts of calls) the share of all calls."""
    counts = {code: n for code, n in (stats.get(section.key) or {}).items() if n}
    rows = _rows(section, counts, text, lang)
    head = [Paragraph(mark(text["count"]), styles["head_number"])]
    if section.share:
        head.append(Paragraph(mark(text["share"]), styles["head_number"]))
    data = [[Paragraph(mark(text[section.key]), styles["heading"]), *head]]
    for label, n in rows:
        line = [Paragraph(mark(label), styles["cell"]), Paragraph(f"{n:,}", styles["number"])]
        if section.share:
            line.append(Paragraph(_share(n, total), styles["number"]))
        data.append(line)
    if not rows:
        data.append([Paragraph(mark(text["none"]), styles["head"]), *([""] * len(head))])
    numbers = [16 * mm] * len(head)
    table = Table(data, colWidths=[width - sum(numbers), *numbers])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [table]


def _rows(section: Section, counts: dict[str, int], text: dict, lang: str) -> list[tuple[str, int]]:
    """(label, count) rows: most first or in list order, at most TOP_ROWS with the rest summed."""
    if section.order == "list":
        known = load_taxonomy().codes(_LIST_ORDER[section.key]) if section.key in _LIST_ORDER else list(counts)
        codes = [c for c in known if c in counts] + [c for c in counts if c not in known]
    else:
        codes = sorted(counts, key=lambda c: (-counts[c], c == "unknown", c))
    if len(codes) > section.limit:
        shown, rest = codes[: section.limit - 1], codes[section.limit - 1 :]
        rows = [(section.label(c, lang), counts[c]) for c in shown]
        return [*rows, (text["other"].format(n=len(rest)), sum(counts[c] for c in rest))]
    return [(section.label(c, lang), counts[c]) for c in codes]


def _share(count: int, total: int) -> str:
    """The percentage of all calls, one decimal; a small non-zero share is not shown as 0.0%."""
    if not total:
        return "-"
    percent = 100 * count / total
    return "<0.1%" if 0 < percent < 0.05 else f"{percent:.1f}%"
