"""The notes guard in the window (issue 13, "Done when"): a note with a name, an address and a dictated number;
a false possible name un-ticked and a missed word marked by hand in the save dialog; then none of the
identifiers is in any table (the search index's own tables included, read decrypted) or file."""

import json

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.store.search import index_text
from tests.conftest import files_under, type_text
from ui.redaction_dialog import RedactionDialog
from ui.widgets.guarded_text import GuardedNotes

NAME, ADDRESS, DICTATED, MISSED, NOT_A_NAME = (
    "王小明",
    "新华路281号院3号楼2单元",
    "一三九一二三四五六七八",
    "蓝月亮酒吧",
    "薛定谔",
)
NOTE = (
    f"来电者叫{NAME}，住在{ADDRESS}。她说号码是{DICTATED}。"
    f"她说{NOT_A_NAME}的猫都比她自由，她在{MISSED}上班，老板总骂她。"
)
GONE = (NAME, ADDRESS, "新华路", DICTATED, "13912345678", MISSED, "蓝月亮")


@pytest.fixture
def window(qtbot, seat, open_window):
    yield open_window(autosave_seconds=1)


def log_in(qtbot, window, code="C001", password="counselor-1"):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def select(editor, text: str) -> None:
    """Select `text` in a plain-text editor, as a drag of the mouse does."""
    document_text = editor.toPlainText()
    start = len(document_text[: document_text.index(text)].encode("utf-16-le")) // 2
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def every_row(store) -> str:
    """Every value of every table, the FTS5 index's shadow tables included, as text (blobs decoded)."""
    values = []
    for (table,) in store.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"):
        for row in store.rows(f"SELECT * FROM {table}"):
            for value in row:
                values.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    return "\n".join(values)


def index_terms(store) -> set[str]:
    """The words the search index holds, read through FTS5's own vocabulary table."""
    store.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.probe_vocab USING fts5vocab(main, notes_fts, 'row')")
    return {term for (term,) in store.rows("SELECT term FROM temp.probe_vocab")}


def test_a_note_with_a_name_an_address_and_a_dictated_number_leaves_none_of_them_anywhere(qtbot, window, paths):
    log_in(qtbot, window)
    form = window.work.form
    qtbot.keyClick(window, Qt.Key.Key_F2)
    form.kind.setCurrentIndex(form.kind.findData("counselling"))
    type_text(form.notes.editor, NOTE)

    # Underlined while typing: the possible name dashed, the rest wavy; the findings list says so.
    qtbot.waitUntil(form.notes.findings.isVisible)
    block = form.notes.editor.document().firstBlock()
    styles = {r.format.underlineStyle() for r in block.layout().formats()}
    assert (
        styles
        == {r.format.underlineStyle() for r in block.layout().formats()}
        >= {
            form.notes.highlighter.format.underlineStyle(),
            form.notes.highlighter.unsure_format.underlineStyle(),
        }
    )

    # A word the guard keeps (a workplace) is marked by hand with the shortcut; the draft never holds it.
    form.notes.editor.setFocus()
    select(form.notes.editor, MISSED)
    qtbot.keyClick(
        form.notes.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert form.choices.marks == {MISSED}
    draft = window.session.store.one("SELECT payload FROM draft")[0]
    assert "〔已隐藏〕" in json.loads(draft)["notes"]
    assert not any(text in draft for text in GONE)

    seen = {}

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RedactionDialog)
        rows = {item.text(1): item for item in dialog.finding_items()}
        possible = next(item for text, item in rows.items() if f"【{NOT_A_NAME}】" in text)
        sure = [item for text, item in rows.items() if f"【{NAME}】" in text or f"【{DICTATED}】" in text]
        seen["sure_locked"] = all(not (item.flags() & Qt.ItemFlag.ItemIsUserCheckable) for item in sure)
        seen["rows"] = len(rows)
        dialog.tree.setFocus()
        dialog.tree.setCurrentItem(possible, 0)
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)  # the counselor un-ticks it: not a name
        seen["unticked"] = possible.checkState(0) == Qt.CheckState.Unchecked
        seen["preview"] = dialog.preview.toPlainText()
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, in_the_dialog)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.is_empty())

    assert seen["sure_locked"] and seen["unticked"] and seen["rows"] == 5
    assert NOT_A_NAME in seen["preview"] and NAME not in seen["preview"]
    store = window.session.store
    everything = every_row(store)
    for text in GONE:
        assert text not in everything, text
    notes = store.one("SELECT notes FROM call")[0]
    assert notes == (
        f"来电者叫〔姓名〕，住在〔地址〕。她说号码是〔手机号〕。她说{NOT_A_NAME}的猫都比她自由，她在〔已隐藏〕上班，老板总骂她。"
    )
    terms = index_terms(store)
    assert {"薛定", "定谔"} <= terms  # the index is read: the word kept is in it
    for text in (NAME, MISSED, "新华路"):
        pairs = {term for term in index_text(text).split() if len(term) == 2}
        assert pairs and not pairs & terms, text
    audit = json.loads(store.one("SELECT detail FROM audit WHERE action = 'call.saved'")[0])
    assert audit == {"name": 1, "address": 1, "mobile": 1, "marked": 1, "unticked": 1}

    window.lock()
    for path in files_under(paths.home):
        data = path.read_bytes()
        for text in GONE:
            assert text.encode() not in data and text.encode("utf-16-le") not in data, path


def test_ctrl_shift_h_marks_the_selection_and_it_is_underlined_as_marked(qtbot):
    notes = GuardedNotes()
    qtbot.addWidget(notes)
    notes.show()
    notes.activateWindow()
    qtbot.waitUntil(notes.isActiveWindow)
    notes.set_text("她在蓝月亮酒吧上班，蓝月亮酒吧很吵。")
    select(notes.editor, "蓝月亮酒吧")
    notes.editor.setFocus()
    qtbot.waitUntil(notes.editor.hasFocus)
    qtbot.keyClick(notes.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert notes.choices.marks == {"蓝月亮酒吧"}
    formats = notes.editor.document().firstBlock().layout().formats()
    assert [(r.start, r.length) for r in formats] == [(2, 5), (10, 5)]
    assert all(r.format.underlineStyle() == notes.highlighter.marked_format.underlineStyle() for r in formats)
    qtbot.waitUntil(notes.findings.isVisible)
