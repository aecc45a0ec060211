"""The handover window as a lead uses it: choose a shift, see the summary, print it or save it as PDF."""

import errno
import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

import ui.worker
from desktop.errors import NotPermitted
from desktop.reports.handover_service import HandoverService
from desktop.seat import Seat
from desktop.shifts import ShiftService
from tests.test_handover import shift, team  # noqa: F401 - fixtures: a lead and a closed shift with calls
from tests.test_monthly_pdf import needs_poppler, page_count, pdf_text
from tests.test_ui_call import log_in
from ui.handover_dialog import HandoverDialog
from ui.pdf_print import chosen_pages, page_list

LEAD, LEAD_PASSWORD = "L001", "lead-pass-1"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, shift, paths, open_window):  # noqa: F811 - the fixture imported above
    yield open_window(autosave_seconds=30)


def open_dialogs(window) -> list[HandoverDialog]:
    return [w for w in window.findChildren(HandoverDialog) if w.isVisible()]


@pytest.fixture
def dialog(qtbot, window) -> HandoverDialog:
    """The handover window, opened by a lead with Ctrl+H, its preview ready."""
    log_in(qtbot, window, LEAD, LEAD_PASSWORD)
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    (found,) = open_dialogs(window)
    qtbot.waitUntil(lambda: found.shown is not None)
    qtbot.waitUntil(found.isActiveWindow)  # its keys work
    return found


def audit(window, action: str) -> list:
    return [e for e in window.session.audit.entries(limit=50) if e.action == action]


def print_to(path, first: int = 0, last: int = 0):
    """An answer to the print dialog: print to a PDF file, pages first–last (all when 0)."""

    def answer(printer: QPrinter, pages: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        return True

    return answer


def rendered(pdf: bytes, page: int) -> QImage:
    """Page `page` (from 1) of `pdf` as a small picture on white, as it would look on paper."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    picture = QImage(QSize(210, 297), QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.white)
    painter = QPainter(picture)
    painter.drawImage(0, 0, document.render(page - 1, picture.size()))
    painter.end()
    coarse = picture.scaled(QSize(42, 59), mode=Qt.TransformationMode.SmoothTransformation)  # blurs the type's edges
    return coarse.convertToFormat(QImage.Format.Format_Grayscale8)


def difference(a: bytes, page_a: int, b: bytes, page_b: int) -> float:
    """How unlike two pages look: the mean difference of their pixels, in grey levels (0–255)."""
    one, two = rendered(a, page_a), rendered(b, page_b)
    width, height = one.width(), one.height()
    pixels = ((x, y) for y in range(height) for x in range(width))
    return sum(abs(one.pixelColor(x, y).value() - two.pixelColor(x, y).value()) for x, y in pixels) / (width * height)


def nearest_page(printed: bytes, page: int, shown: bytes, pages: int) -> int:
    """The page of `shown` that page `page` of `printed` looks most like."""
    return min(range(1, pages + 1), key=lambda candidate: difference(printed, page, shown, candidate))


# ----- opening it ---------------------------------------------------------------------------------


def test_a_lead_opens_handover_from_the_seat_menu(qtbot, window, shift):  # noqa: F811
    log_in(qtbot, window, LEAD, LEAD_PASSWORD)
    seat_menu = window.menuBar().actions()[0].menu()
    assert window.handover_action in seat_menu.actions()
    assert window.handover_action.isVisible() and window.handover_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    (dialog,) = open_dialogs(window)
    assert dialog.windowTitle() == "Handover" and not dialog.isModal()
    assert dialog.shift.currentData() == shift["id"]  # the shift that ended last is chosen
    label = dialog.shift.currentText()
    assert "张班长 (L001)" in label and label.endswith("closed")
    window.handover_action.trigger()
    assert open_dialogs(window) == [dialog]  # the same window again, not a second one
    for widget in (dialog.shift, dialog.preview, dialog.progress, dialog.print_button, dialog.save_button):
        assert widget.accessibleName()
    window.lock()
    qtbot.waitUntil(lambda: not open_dialogs(window))  # it goes with the session


def test_a_counselor_has_no_handover(qtbot, window):
    log_in(qtbot, window, "C001", "counselor-1")
    assert not window.handover_action.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    window.handover_action.trigger()
    assert not window.findChildren(HandoverDialog)


@needs_poppler
def test_the_preview_shows_every_page_of_the_summary(dialog, tmp_path):
    target = tmp_path / "shown.pdf"
    target.write_bytes(dialog.shown.pdf)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == page_count(target) >= 2
    assert f"{page_count(target)} page(s)" in dialog.pages.text() and "4 call(s)" in dialog.pages.text()
    assert "交接班摘要" in pdf_text(target)  # the summary speaks the window's language
    assert not dialog.progress.isVisible() and dialog.print_button.isEnabled()


def test_choosing_another_shift_shows_its_summary(qtbot, dialog, window, shift, paths):  # noqa: F811
    with Seat(paths).login(LEAD, LEAD_PASSWORD) as lead:
        opened = ShiftService(lead).open(["C001"], datetime.now(UTC) + timedelta(hours=2))
    dialog.close()
    window.handover_action.trigger()  # a window opened again lists the shifts again
    assert dialog.shift.findData(opened.id) == 0 and dialog.shift.currentData() == shift["id"]
    assert dialog.shift.itemText(0).endswith("open")
    dialog.shift.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.shown is not None and dialog.shown.shift_id == opened.id)
    assert dialog.shown.calls == 0


# ----- saving -------------------------------------------------------------------------------------


@needs_poppler
def test_saving_writes_the_summary_where_the_lead_chose_and_audits_it(qtbot, dialog, window, shift, tmp_path):  # noqa: F811
    asked = {}

    def ask_path(suggested):
        asked["suggested"] = suggested
        return str(tmp_path / "out" / "交接")

    (tmp_path / "out").mkdir()
    dialog.ask_path = ask_path
    qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)  # a button's key clicks it a moment later, visibly
    target = tmp_path / "out" / "交接.pdf"  # the suffix is added
    qtbot.waitUntil(target.exists)
    assert asked["suggested"].startswith("handover-")
    assert target.read_bytes() == dialog.shown.pdf  # what is saved is what was on screen
    assert "K7Q-39M" in pdf_text(target) and "W29-86G" in pdf_text(target)
    (entry,) = audit(window, "handover.exported")
    assert entry.actor == LEAD and entry.object == f"shift:{shift['id']}"
    assert json.loads(entry.detail) == {"file": "交接.pdf", "calls": 4}
    assert "Saved to" in dialog.message.text() and dialog.save_button.isEnabled()


def test_a_folder_that_refuses_the_write_shows_why_and_leaves_nothing(qtbot, dialog, window, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    folder = tmp_path / "readonly"
    folder.mkdir()
    dialog.ask_path = lambda suggested: str(folder / "handover.pdf")
    monkeypatch.setattr(os, "replace", refuse)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert list(folder.iterdir()) == []
    assert dialog.message.isVisible() and "not saved" in dialog.message.text()
    assert "cannot be written" in dialog.message.text()
    assert not audit(window, "handover.exported")
    assert dialog.save_button.isEnabled()  # it can be tried again elsewhere


def test_a_cancelled_file_dialog_writes_nothing(qtbot, dialog, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args) or ("", ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (args,) = asked
    assert args[2].endswith(".pdf") and "PDF" in args[3]  # a suggested name, PDF files only
    assert not audit(window, "handover.exported") and not dialog.message.isVisible()


# ----- printing -----------------------------------------------------------------------------------


@needs_poppler
def test_printing_a_page_range_to_a_file_prints_those_pages_and_audits_it(qtbot, dialog, window, shift, tmp_path):  # noqa: F811
    target = tmp_path / "printed.pdf"
    count = dialog.document.pageCount()
    dialog.ask_printer = print_to(target, 2, 2)
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL)  # a button's key clicks it a moment later, visibly
    qtbot.waitUntil(lambda: bool(audit(window, "handover.printed")))
    assert page_count(target) == 1
    assert nearest_page(target.read_bytes(), 1, dialog.shown.pdf, count) == 2  # the pages printed are images
    (entry,) = audit(window, "handover.printed")
    assert entry.actor == LEAD and entry.object == f"shift:{shift['id']}"
    assert json.loads(entry.detail) == {"pages": 1, "page_list": "2", "calls": 4}
    assert "1 page(s)" in dialog.message.text() and not dialog.progress.isVisible()


@needs_poppler
def test_printing_every_page(qtbot, dialog, window, tmp_path):
    target = tmp_path / "all.pdf"
    count = dialog.document.pageCount()
    dialog.ask_printer = print_to(target)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert page_count(target) == count
    printed = target.read_bytes()
    assert [nearest_page(printed, page, dialog.shown.pdf, count) for page in range(1, count + 1)] == list(
        range(1, count + 1)
    )
    (entry,) = audit(window, "handover.printed")
    assert json.loads(entry.detail) == {"pages": count, "page_list": f"1-{count}", "calls": 4}


def test_a_cancelled_print_dialog_prints_and_audits_nothing(qtbot, dialog, window, tmp_path):
    seen = {}

    def cancel(printer, pages):
        seen["pages"] = pages
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "never.pdf"))
        return False

    dialog.ask_printer = cancel
    qtbot.keyClick(dialog, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: "pages" in seen)
    assert seen["pages"] == dialog.document.pageCount()
    assert not (tmp_path / "never.pdf").exists() and not audit(window, "handover.printed")
    assert not dialog.message.isVisible() and dialog.print_button.isEnabled()


def test_the_print_dialog_offers_a_page_range_over_the_summary(qtbot, dialog, window, monkeypatch):
    seen = {}

    def exec_(print_dialog):
        seen["range"] = print_dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange)
        seen["pages"] = (print_dialog.minPage(), print_dialog.maxPage())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert seen == {"range": True, "pages": (1, dialog.document.pageCount())}
    assert not audit(window, "handover.printed") and not dialog.message.isVisible()


def test_a_failing_printer_shows_a_message_and_audits_nothing(qtbot, dialog, window, tmp_path):
    target = tmp_path / "no such folder" / "printed.pdf"
    dialog.ask_printer = print_to(target)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not target.exists() and not audit(window, "handover.printed")
    assert dialog.message.isVisible() and "could not be written" in dialog.message.text()
    assert "Nothing was recorded as printed" in dialog.message.text()
    assert dialog.print_button.isEnabled()


def test_a_range_outside_the_summary_prints_nothing(qtbot, dialog, window, tmp_path):
    dialog.ask_printer = print_to(tmp_path / "x.pdf", 40, 50)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "x.pdf").exists() and not audit(window, "handover.printed")
    assert "not in the summary" in dialog.message.text()


def test_escape_closes_the_window(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# ----- off the GUI thread -------------------------------------------------------------------------


@needs_poppler
def test_the_summary_is_made_and_printed_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(ui.worker, "SYNCHRONOUS", False)
    log_in(qtbot, window, LEAD, LEAD_PASSWORD)
    window.handover_action.trigger()
    (dialog,) = open_dialogs(window)
    assert dialog.progress.isVisible() and not dialog.print_button.isEnabled()  # busy while it is laid out
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=10_000)
    assert not dialog.progress.isVisible()
    target = tmp_path / "printed.pdf"
    dialog.ask_printer = print_to(target, 2, 2)
    dialog.print_button.click()
    assert dialog.progress.isVisible() and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=10_000)
    assert page_count(target) == 1 and audit(window, "handover.printed")


# ----- the pages a print dialog asks for ----------------------------------------------------------


def test_the_chosen_pages():
    printer = QPrinter()
    assert chosen_pages(printer, 3) == [1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    assert chosen_pages(printer, 3) == [2, 3]
    assert page_list([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8" and page_list([4]) == "4"


# ----- the service behind it ----------------------------------------------------------------------


def test_counselors_cannot_list_make_save_or_print_summaries(shift, paths, tmp_path):  # noqa: F811
    with Seat(paths).login(LEAD, LEAD_PASSWORD) as lead:
        made = HandoverService(lead).render(shift["id"], "en")
    with Seat(paths).login("C001", "counselor-1") as counselor:
        service = HandoverService(counselor)
        for attempt in (
            service.choices,
            lambda: service.render(shift["id"]),
            lambda: service.save(made, tmp_path / "x.pdf"),
            lambda: service.record_printed(made, 2, "1-2"),
        ):
            with pytest.raises(NotPermitted):
                attempt()
        assert not [e for e in counselor.audit.entries(limit=50) if e.action.startswith("handover.")]
    assert not (tmp_path / "x.pdf").exists()
