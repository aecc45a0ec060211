"""What the reports share: margin and colours, and text for ReportLab Paragraphs (escaping, Chinese set in
the CJK font).

`marker(font)` turns plain text into Paragraph markup for the font `register_cjk_font()` chose.
"""

import itertools
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from desktop.reports.fonts import CID_FONT

# The reports' page margin and colours.
MARGIN = 15 * mm
ACCENT = colors.HexColor("#2f5d8a")
RULE = colors.HexColor("#c8d3df")
SHADE = colors.HexColor("#eef2f6")


def a4_document(buffer, title: str, author: str) -> SimpleDocTemplate:
    """An A4 document with the reports' margins, room for the footer line, and its metadata."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=title,
        author=author,
        creator="Hotline Log",
    )


SEPARATOR = ' <font color="#9aa5b1">|</font> '  # Paragraph collapses runs of spaces; STSong has no no-break space


def escape(value: str) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def marker(font: str) -> Callable[[str], str]:
    """Plain text → Paragraph markup. An embedded TrueType font shows everything; with the CID font the
    text is set in Helvetica and only what Helvetica lacks (Chinese, full-width forms) in the CID font,
    because viewers substitute the CID font's Latin glyphs with poorly fitting ones."""
    if font != CID_FONT:
        return escape

    def mark(value: str) -> str:
        runs = (
            (escape("".join(chars)), latin)
            for latin, chars in itertools.groupby(str(value), key=lambda c: c in _HELVETICA_CHARS)
        )
        return "".join(run if latin else f'<font face="{font}">{run}</font>' for run, latin in runs)

    return mark


def _helvetica_chars() -> frozenset[str]:
    """The characters ReportLab's standard Helvetica (WinAnsi encoding) can show."""
    chars = set()
    for byte in range(0x20, 0x100):
        try:
            chars.add(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            continue
    return frozenset(chars - {"\xa0"})


_HELVETICA_CHARS = _helvetica_chars()
