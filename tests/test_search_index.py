"""The notes index holds only guarded text (DESIGN.md §2.3): read from its own tables, never through search.

Searching for a number proves nothing (the query goes through the same tokenizer). These tests read the
FTS5 index's shadow tables, `notes_fts_data` (the segments, as blobs) and `notes_fts_idx` (the first term
of each leaf), decrypted through the seat's connection, and look for any run of the identifiers' characters
in their bytes; and they list every term the index holds through SQLite's own `fts5vocab` reader. Both
must fail when the index is fed the notes as typed.
"""

import pytest

from desktop.call_model import CallInput
from desktop.calls import CallService
from tests.test_free_text_fields import STARTED

PHONE, FULL_WIDTH_PHONE, ID_NUMBER = "13912345678", "１５８６６６６１２３４", "11010519491231002X"
EMAIL = "zw.qx@example.cn"
NOTES = f"来电者说失眠，留下电话{PHONE}，又说{FULL_WIDTH_PHONE}，身份证{ID_NUMBER}，邮箱{EMAIL}。建议拨打12356热线。"
RUN = 5


def runs(text: str) -> set[str]:
    return {text[i : i + RUN] for i in range(len(text) - RUN + 1)}


SECRETS = runs(PHONE) | runs("15866661234") | runs(ID_NUMBER.lower()) | runs("example")
EMAIL_WORDS = {"zw", "qx", "example"}  # the words ASCII text is indexed as


def shadow_bytes(store) -> dict[str, bytes]:
    """Every value of every shadow table of the notes index, as bytes, by table."""
    tables = [
        r[0]
        for r in store.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'notes\\_fts\\_%' ESCAPE '\\'"
        )
    ]
    found = {}
    for table in tables:
        chunks = []
        for row in store.rows(f'SELECT * FROM "{table}"'):
            for value in row:
                chunks.append(value if isinstance(value, bytes) else str(value).encode())
        found[table] = b"\x00".join(chunks)
    return found


def index_terms(store) -> set[str]:
    """Every term in the index, read by SQLite's fts5vocab module straight from the shadow tables."""
    store.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.notes_terms USING fts5vocab(main, notes_fts, 'row')")
    return {row[0] for row in store.rows("SELECT term FROM temp.notes_terms")}


@pytest.fixture
def saved(session):
    service = CallService(session)
    call = CallInput(
        kind="counselling", started_at=STARTED, summary=f"失眠，电话{PHONE}", notes=NOTES, keywords=["失眠"]
    )
    call_id = service.save(call).call_id
    session.store.checkpoint()
    return session.store, call_id


def test_the_index_tables_hold_no_run_of_an_identifier(saved):
    store, _call_id = saved
    tables = shadow_bytes(store)
    assert {"notes_fts_data", "notes_fts_idx"} <= set(tables)
    for table, data in tables.items():
        text = data.decode("latin-1")
        assert [run for run in SECRETS if run in text] == [], table
    assert b"12356" in tables["notes_fts_data"]  # what is kept is there to be seen: the search sees ASCII terms


def test_the_index_holds_the_words_but_no_identifier_among_its_terms(saved):
    store, call_id = saved
    terms = index_terms(store)
    assert not terms & EMAIL_WORDS
    assert [t for t in terms if any(run in t for run in SECRETS | runs(PHONE[:RUN]))] == []
    assert [term for term in terms if sum(c.isdigit() for c in term) >= 6] == []
    assert {"失眠", "12356", "热线", "手机", "邮箱"} <= terms  # the guarded text, placeholders included
    assert store.one("SELECT count(*) FROM notes_fts WHERE rowid = ?", (call_id,)) == (1,)
