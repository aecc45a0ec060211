"""The guard corpus's measures count what they say: tried on guards whose answers are known.

A guard that hides every labelled span has full recall; one that hides nothing has none; a span is found
only when all its letters, digits and CJK characters are hidden, by spans of any kind (separators may
stay visible); kept tokens and clean notes are judged on the redacted text.
"""

from benchmarks.guard_metrics import KINDS, Label, Note, load_corpus, measure
from desktop.privacy import Span

LABELS = (Label("name", 2, 5), Label("mobile", 8, 21))
NOTE = Note(1, "我叫王小明，电话139 1234 5678，住6楼", LABELS, ("住6楼",), "hand", False)
CLEAN = Note(2, "舍曲林50mg，打了12356", (), ("舍曲林50mg", "12356"), "generated", True)


def guard_of(spans_by_text: dict[str, list[Span]]):
    """A fake guard answering from a table; redact replaces each span with 〔〕 as the real one does."""

    def find(text: str) -> list[Span]:
        return spans_by_text.get(text, [])

    def redact(text: str) -> str:
        for span in sorted(find(text), key=lambda s: -s.start):
            text = text[: span.start] + "〔〕" + text[span.end :]
        return text

    return find, redact


def test_a_guard_that_hides_every_label_has_full_recall_and_keeps_everything():
    find, redact = guard_of({NOTE.text: [Span(label.kind, label.start, label.end) for label in NOTE.labels]})
    result = measure([NOTE, CLEAN], find, redact)
    assert result.recall() == 1.0 and result.exact_recall() == 1.0
    assert result.kinds["name"].count == 1 and result.hand["mobile"].found == 1
    assert result.keep_rate == 1.0 and result.clean_changed_share == 0.0 and result.misses == []


def test_a_guard_that_hides_nothing_misses_every_label():
    result = measure([NOTE, CLEAN], *guard_of({}))
    assert result.recall() == 0.0 and result.recall("name") == 0.0
    missed = [(miss.note, miss.kind, miss.text) for miss in result.misses]
    assert missed == [(1, "name", "王小明"), (1, "mobile", "139 1234 5678")]


def test_a_span_is_found_only_when_all_its_digits_are_hidden_by_spans_of_any_kind():
    digits_only = [Span("mobile", 8, 11), Span("landline", 12, 16), Span("mobile", 17, 21)]  # spaces stay visible
    result = measure([NOTE], *guard_of({NOTE.text: digits_only}))
    assert result.kinds["mobile"].found == 1 and result.kinds["mobile"].exact == 0  # part hidden as a landline
    one_digit_short = [Span("mobile", 8, 20)]
    assert measure([NOTE], *guard_of({NOTE.text: one_digit_short})).kinds["mobile"].found == 0
    surname_only = [Span("name", 2, 3)]
    assert measure([NOTE], *guard_of({NOTE.text: surname_only})).kinds["name"].found == 0


def test_hiding_a_kept_token_or_touching_a_clean_note_is_counted():
    find, redact = guard_of({CLEAN.text: [Span("landline", 10, 15)], NOTE.text: [Span("mobile", 8, 25)]})
    result = measure([NOTE, CLEAN], find, redact)
    assert result.keep_total == 3 and result.keep_kept == 1  # 12356 and 住6楼 lost
    assert result.clean_changed == 1 and result.changed_clean == [(2, (("landline", "12356"),))]


def test_the_committed_corpus_loads_with_every_kind():
    notes = load_corpus()
    assert len(notes) >= 1500
    assert {label.kind for note in notes for label in note.labels} == set(KINDS)
