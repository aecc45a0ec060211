"""The guard's floors on the labelled corpus of issue 13 (tests/data/guard_corpus.jsonl, point 9).

Measured with benchmarks/guard_corpus.py when these floors were set: the seven original kinds 100.0 %,
names 99.4 %, addresses 99.5 %, plates, passports, student and employee numbers 100 %, kept tokens 100 %,
clean notes changed 0.8 %. The floors sit a little below what was measured (the guard was tuned on this
corpus; the project is also measured on one it has never seen) and never below what issue 13 asks.
A labelled span counts as found when hidden spans cover all of it, whatever kind they name."""

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop.privacy import find_identifiers, redact

CORPUS = Path(__file__).resolve().parent / "data" / "guard_corpus.jsonl"
ORIGINAL = ("mobile", "landline", "id_card", "bank_card", "email", "qq", "wechat")
FLOORS = {
    **dict.fromkeys(ORIGINAL, 0.995),
    "name": 0.97,
    "address": 0.97,
    **dict.fromkeys(("plate", "passport", "student_id", "employee_id"), 0.99),
}
KEEP_FLOOR = 0.995
CLEAN_CHANGED_CEILING = 0.02


@pytest.fixture(scope="module")
def measured():
    if not CORPUS.is_file():
        pytest.skip("the labelled corpus (issue 13, point 9) is not in tests/data yet")
    notes = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(notes) >= 1500
    total, found = Counter(), Counter()
    kept = keep_total = clean = clean_changed = 0
    for note in notes:
        text = note["text"]
        hidden = [(s.start, s.end) for s in find_identifiers(text)]
        for span in note["spans"]:
            total[span["kind"]] += 1
            covered = set()
            for start, end in hidden:
                covered.update(range(max(start, span["start"]), min(end, span["end"])))
            found[span["kind"]] += len(covered) == span["end"] - span["start"]
        redacted = redact(text)
        for token in note["keep"]:
            keep_total += 1
            kept += redacted.count(token) >= text.count(token)
        if note.get("clean"):
            clean += 1
            clean_changed += redacted != text
    return total, found, kept / keep_total, clean_changed / clean


@pytest.mark.parametrize("kind", list(FLOORS))
def test_recall_of_each_kind_is_at_or_above_its_floor(measured, kind):
    total, found, _keep, _changed = measured
    assert total[kind] >= 100, f"too few {kind} spans in the corpus to measure"
    assert found[kind] / total[kind] >= FLOORS[kind], f"{kind}: {found[kind]}/{total[kind]}"


def test_words_that_are_no_identifiers_are_kept_and_clean_notes_left_alone(measured):
    _total, _found, keep_rate, clean_changed = measured
    assert keep_rate >= KEEP_FLOOR
    assert clean_changed <= CLEAN_CHANGED_CEILING
