"""The notes index holds exactly the entries of the calls as they are stored (desktop/store/search.py).

A contentless FTS5 table removes a row only when told the text the row was indexed with; told other text, it
removes other terms and says nothing, and its 'integrity-check' cannot see that (without the text it checks
only that its pages are well formed). So these tests read every entry of the index (term, call, position)
with SQLite's fts5vocab reader and compare them with what the calls' rows give, after edits, shreds and a
statement that changes a summary by itself, and after schema 12 built the index again from a seat of schema 11.
"""

from datetime import UTC, datetime, timedelta

from desktop.call_model import CallFilter, CallInput
from desktop.calls import CallService
from desktop.retention import shred_expired
from desktop.store import MIGRATIONS, open_store
from desktop.store.search import call_index_text, index_text
from tests.cipher_pages import readable

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=4 * 365)


def index_entries(store) -> set[tuple[str, int, int]]:
    """(term, call, position) of every entry the index's pages hold."""
    store.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.notes_entries USING fts5vocab(main, notes_fts, 'instance')")
    return set(store.rows("SELECT term, doc, offset FROM temp.notes_entries"))


def assert_index_matches_calls(store) -> None:
    store.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")  # well-formed pages
    calls = store.rows("SELECT id, summary, notes FROM call WHERE shredded_at IS NULL")
    expected = {
        (term, call_id, position)
        for call_id, summary, notes in calls
        for position, term in enumerate(call_index_text(summary, notes).split())
    }
    assert index_entries(store) == expected
    assert {row[0] for row in store.rows("SELECT rowid FROM notes_fts")} == {call_id for call_id, *_ in calls}


def options(store) -> dict:
    return dict(store.rows("SELECT k, v FROM notes_fts_config"))


def test_edits_and_shreds_leave_exactly_the_entries_of_the_calls_as_stored(session):
    service = CallService(session)

    def call(started, summary="", notes="", kind="counselling") -> CallInput:
        return CallInput(kind=kind, started_at=started, summary=summary, notes=notes)

    old = [service.save(call(OLD + timedelta(hours=n), f"旧事{n}", f"失眠很久，OLDWORD{n}")).call_id for n in range(3)]
    edited = service.save(call(NOW - timedelta(hours=1), "考研压力", "睡不着，FIRSTWORD")).call_id
    silent = service.save(call(NOW - timedelta(hours=2), kind="silent")).call_id  # an entry without terms
    kept = service.save(call(NOW - timedelta(hours=3), "家庭矛盾", "和父母吵架，KEPTWORD")).call_id
    service.save(call(NOW - timedelta(hours=1), "工作压力", "加班很多，SECONDWORD"), edited)
    service.save(call(NOW - timedelta(hours=2), notes="后来说话了，LATERWORD"), silent)
    session.store.execute("UPDATE call SET summary = '亲子关系' WHERE id = ?", (kept,))  # no service: the triggers
    assert shred_expired(session).calls == 3

    assert_index_matches_calls(session.store)
    settings = options(session.store)
    assert (settings["secure-delete"], settings["pgsz"]) == (1, 3960)

    def found(text: str) -> list[int]:
        return [row.id for row in service.list_calls(CallFilter(text=text), 0, 10)]

    assert found("FIRSTWORD") == found("考研") == [] and found("SECONDWORD") == found("加班") == [edited]
    assert found("LATERWORD") == [silent] and found("KEPTWORD") == found("亲子") == [kept] and found("家庭") == []
    assert found("失眠") == [] and all(found(f"OLDWORD{n}") == [] for n in range(3))
    assert all(session.store.one("SELECT shredded_at FROM call WHERE id = ?", (c,))[0] for c in old)


def test_schema_12_builds_the_index_again_and_what_was_shredded_before_leaves_the_file(tmp_path):
    """A seat of schema 11 kept a shredded call's words in its index (contentless_delete only marks a row
    deleted); schema 12 indexes every call not shredded again, and the old pages are zeroed in the file."""
    db, key = tmp_path / "seat.db", bytes(range(32))
    store = open_store(db, key, create=True, migrations=MIGRATIONS[:11])
    calls = {1: ("压力很大", "OLDSHREDWORD，失眠。"), 2: ("考研", "KEPTWORD，睡不着。"), 3: ("", "")}
    for call_id, (summary, notes) in calls.items():
        store.execute(
            "INSERT INTO call (id, counselor, started_at, kind, summary, notes, created_at, updated_at)"
            " VALUES (?, 'C001', '2020-01-01T00:00:00Z', 'counselling', ?, ?, '2020-01-01', '2020-01-01')",
            (call_id, summary, notes),
        )
        store.execute("INSERT INTO notes_fts (rowid, text) VALUES (?, ?)", (call_id, index_text(f"{summary}\n{notes}")))
    store.execute("DELETE FROM notes_fts WHERE rowid = 1")  # the shred of schema 11
    store.execute("UPDATE call SET summary = '', notes = '', shredded_at = '2024-01-01T00:00:00Z' WHERE id = 1")
    store.checkpoint()
    assert readable(db, key, "OLDSHREDWORD") == {"OLDSHREDWORD"}  # the old index still held it
    store.close()

    store = open_store(db, key, backup_dir=tmp_path / "copies")
    assert store.schema_version == 12 and options(store)["secure-delete"] == 1
    assert_index_matches_calls(store)
    assert readable(db, key, "OLDSHREDWORD", "KEPTWORD") == {"KEPTWORD"}
    store.close()
