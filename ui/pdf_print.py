"""Printing a PDF held in memory on a QPrinter: QtPdf renders each page, QPainter puts it on the sheet.

`print_pdf` may run on a worker thread (QPainter on a QPrinter is allowed there); it opens a document of its
own on the bytes, so it never shares the preview's. Pages are rendered at the printer's resolution, at most
MAX_DPI (a sheet at 1200 dpi would be half a gigabyte of pixels), and fitted to the paper keeping their shape.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


class PrintFailed(Exception):
    """The printer, or the file it prints to, refused the job."""


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The pages (from 1) the print dialog asked for, in order; every page unless a range was chosen."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(range(1, count + 1))
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        first, last = printer.fromPage() or 1, printer.toPage() or count
        return list(range(max(first, 1), min(last, count) + 1))
    return [page for page in range(1, count + 1) if ranges.contains(page)]


def page_list(pages: list[int]) -> str:
    """[1, 2, 3, 5] → "1-3,5"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def print_pdf(pdf: bytes, printer: QPrinter, pages: list[int], copies: int = 1) -> int:
    """Paint `pages` of `pdf` on `printer`, `copies` times in order; returns the sheets printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintFailed("the summary could not be read back for printing")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("the printer did not start the job")
    dpi = min(printer.resolution(), MAX_DPI)
    sheets = 0
    try:
        for _ in range(copies):
            for page in pages:
                if sheets and not printer.newPage():
                    raise PrintFailed("the printer did not take the next page")
                size = document.pagePointSize(page - 1)
                image = document.render(
                    page - 1, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
                )
                if image.isNull():
                    raise PrintFailed(f"page {page} could not be rendered")
                painter.drawImage(_fitted(painter.viewport().toRectF(), image.size()), image)
                sheets += 1
    except BaseException:
        printer.abort()
        painter.end()
        raise
    if not painter.end():
        raise PrintFailed("the printer did not finish the job")
    return sheets


def _fitted(area: QRectF, size: QSize) -> QRectF:
    """The largest rectangle of `size`'s shape inside `area`, centred."""
    scale = min(area.width() / size.width(), area.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height)
