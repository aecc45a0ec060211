"""The guard corpus (tests/data/guard_corpus.jsonl) is well formed and is what its script writes.

The guard's recall and keep rate are measured on it (benchmarks/guard_corpus.py); these tests only make
sure the measure stands on sound labels: a broken line, a span off by one, a kind nobody knows or a kept
token that is not in its note fail here before they can flatter or slander the guard.
"""

import json
from collections import Counter

import pytest

from tests.data import make_guard_corpus
from tests.data.corpus_check import KINDS, plausible, problems

CORPUS = make_guard_corpus.CORPUS


@pytest.fixture(scope="module")
def notes() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_the_corpus_is_large_varied_and_small_enough_to_commit(notes):
    assert len(notes) >= 1500
    assert sum(note["source"] == "hand" for note in notes) >= 150
    assert sum(note["clean"] for note in notes) >= 300
    assert len({note["text"] for note in notes}) == len(notes)
    assert CORPUS.stat().st_size < 1_500_000


def test_every_kind_has_at_least_fifty_labelled_spans(notes):
    counts = Counter(span["kind"] for note in notes for span in note["spans"])
    assert set(counts) == set(KINDS)
    assert min(counts.values()) >= 50, counts


def test_every_span_is_in_range_of_a_known_kind_and_every_kept_token_is_in_its_note(notes):
    for number, note in enumerate(notes, 1):
        for span in note["spans"]:
            assert span["kind"] in KINDS, number
            assert 0 <= span["start"] < span["end"] <= len(note["text"]), number
        for item in note["keep"]:
            assert item and item in note["text"], number
        assert note["clean"] == (not note["spans"]), number


def test_every_note_passes_the_corpus_rules(notes):
    broken = [(number, p) for number, note in enumerate(notes, 1) for p in problems(note)]
    assert broken == []


def test_the_committed_file_is_what_the_script_writes():
    assert make_guard_corpus.main(["--check"]) == 0


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("mobile", "139 1234\n5678"), ("mobile", "幺三八 洞洞幺三 四五两幺"), ("mobile", "139****5678"),
        ("id_card", "4403 0519 8801 0123 45"), ("bank_card", "622848 0012345678901"), ("qq", "２３４５６７８"),
        ("email", "abc 艾特 qq.com"), ("wechat", "tangtangtang"), ("name", "欧阳娜娜"), ("name", "张名伟"),
        ("address", "望京西园三区312号楼2单元1102"), ("plate", "京A·12345"), ("passport", "G1234567"),
        ("student_id", "2023 110 0456"), ("employee_id", "HW-20931"), ("landline", "(021)5432 1987"),
    ],
)  # fmt: skip
def test_the_plausibility_rules_accept_each_way_of_writing(kind, text):
    assert plausible(kind, text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("mobile", "1391234567"), ("mobile", "12912345678"), ("id_card", "11010519720315441"),
        ("bank_card", "62220212"), ("qq", "0123456"), ("email", "abc"), ("name", "老师"), ("name", "张"),
        ("address", "海淀区"), ("plate", "A12345"), ("passport", "12345678"), ("student_id", "12345"),
        ("landline", "12356"),
    ],
)  # fmt: skip
def test_the_plausibility_rules_reject_what_is_not_of_the_kind(kind, text):
    assert not plausible(kind, text)


def test_a_broken_note_is_reported():
    text = "我叫王小明，电话13912345678，住6楼"
    good = {"text": text, "spans": [{"kind": "name", "start": 2, "end": 5}, {"kind": "mobile", "start": 8, "end": 19}],
            "keep": ["住6楼"], "source": "hand", "clean": False}  # fmt: skip
    assert problems(good) == []
    off_by_one = {**good, "spans": [{"kind": "mobile", "start": 7, "end": 18}]}
    assert problems(off_by_one)
    unlabelled = {**good, "spans": good["spans"][:1]}  # the mobile number is left unlabelled
    assert any("unlabelled" in p for p in problems(unlabelled))
    kept_inside = {**good, "keep": ["1391"]}
    assert any("inside a span" in p for p in problems(kept_inside))
    assert problems({**good, "keep": ["住7楼"]})
    assert problems({**good, "clean": True})
    assert problems({**good, "spans": [{"kind": "phone", "start": 8, "end": 19}]})
