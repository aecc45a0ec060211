"""Build tests/data/guard_corpus.jsonl: counselor notes labelled with every identifier they hold.

    python -m tests.data.make_guard_corpus [--check]

The corpus is the hand-written notes of ``guard_corpus_hand.txt`` followed by notes generated from the
sentences of ``corpus_scenes.py`` and the fake identifiers of ``corpus_fakes.py`` with a fixed seed, so
the same script always writes the same file. Labels are made by construction: each identifier is put in
at a known offset. Every note is checked (``corpus_check.problems``) before anything is written;
``--check`` only compares the committed file with what the script would write.

In the hand file, one note a line: ``[[kind:text]]`` marks an identifier, ``{{text}}`` a token that must
survive the guard, ``\\n`` is a line break inside the note, and lines starting with ``#`` are comments.
"""

import argparse
import json
import random
import re
import sys
from pathlib import Path

from tests.data.corpus_check import KINDS, problems
from tests.data.corpus_fakes import write
from tests.data.corpus_scenes import BODIES, CLOSERS, ID_SENTENCES, JOINERS, OPENERS, keep_token

HERE = Path(__file__).resolve().parent
HAND = HERE / "guard_corpus_hand.txt"
CORPUS = HERE / "guard_corpus.jsonl"
SEED = 12356
GENERATED = 1450
CLEAN_SHARE = 0.25
# How often each kind is drawn for a generated note (mobile numbers and names are what callers give most).
KIND_WEIGHTS = {"mobile": 14, "landline": 7, "id_card": 8, "bank_card": 7, "email": 7, "qq": 8, "wechat": 9,
                "name": 16, "address": 10, "plate": 6, "passport": 5, "student_id": 6, "employee_id": 6}  # fmt: skip

_HAND_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]|\{\{(.+?)\}\}")
_SLOT = re.compile(r"\{(\w+)\}|<(\w+)>")


class Builder:
    """A note put together piece by piece, keeping the offset of every identifier and kept token."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[dict] = []
        self.keep: list[str] = []

    def add(self, piece: str, kind: str | None = None, keep: bool = False) -> None:
        if kind is not None:
            self.spans.append({"kind": kind, "start": len(self.text), "end": len(self.text) + len(piece)})
        elif keep and piece.strip() and piece.strip() not in self.keep:
            self.keep.append(piece.strip())
        self.text += piece

    def note(self, source: str) -> dict:
        return {"text": self.text, "spans": self.spans, "keep": self.keep, "source": source, "clean": not self.spans}


def hand_note(line: str) -> dict:
    """One note of the hand file, its markup turned into spans and keep substrings."""
    builder, cursor = Builder(), 0
    line = line.replace("\\n", "\n")
    for mark in _HAND_MARK.finditer(line):
        builder.add(line[cursor : mark.start()])
        if mark.group(1):
            if mark.group(1) not in KINDS:
                raise ValueError(f"unknown kind {mark.group(1)!r} in: {line}")
            builder.add(mark.group(2), kind=mark.group(1))
        else:
            builder.add(mark.group(3), keep=True)
        cursor = mark.end()
    builder.add(line[cursor:])
    return builder.note("hand")


def hand_notes() -> list[dict]:
    lines = HAND.read_text(encoding="utf-8").splitlines()
    return [hand_note(line) for line in lines if line.strip() and not line.startswith("#")]


def fill(builder: Builder, template: str, rng: random.Random, labelled: bool = True) -> None:
    """Append ``template`` with its slots filled: ``{kind}`` an identifier, ``<category>`` a kept token."""
    cursor = 0
    for slot in _SLOT.finditer(template):
        builder.add(template[cursor : slot.start()])
        if slot.group(1) == "name_xy":  # 姓张名伟: the label runs from the surname to the given name
            name = write("name", rng, labelled)
            builder.add(f"{name[0]}名{name[1:]}", kind="name")
        elif slot.group(1):
            builder.add(write(slot.group(1), rng, labelled), kind=slot.group(1))
        else:
            builder.add(keep_token(slot.group(2), rng), keep=True)
        cursor = slot.end()
    builder.add(template[cursor:])


def generated_note(rng: random.Random, clean: bool) -> dict:
    """A note of an opener, a few sentences and a closer; unless clean, one to three with identifiers."""
    sentences = rng.sample(BODIES, rng.randint(2, 4) if clean else rng.randint(0, 2))
    if not clean:
        kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=rng.choice((1, 1, 2, 2, 3)))
        for kind in kinds:
            sentences.insert(rng.randint(0, len(sentences)), ID_SENTENCES[kind][rng.randrange(len(ID_SENTENCES[kind]))])
    builder = Builder()
    fill(builder, rng.choice(OPENERS), rng)
    if not builder.text.endswith(("，", "。", "：", "）", "】")):
        builder.add(rng.choice((" ", "，", " ", "")))
    for sentence in sentences:
        if isinstance(sentence, tuple):
            fill(builder, sentence[0], rng, labelled=sentence[1])
        else:
            fill(builder, sentence, rng)
        builder.add(rng.choice(JOINERS))
    fill(builder, rng.choice(CLOSERS), rng)
    if rng.random() < 0.5:
        builder.add(rng.choice(("。", "", "…", ".", "。。", "！")))
    return builder.note("generated")


def generated_notes(seed: int = SEED, count: int = GENERATED) -> list[dict]:
    """``count`` distinct generated notes; a draw that breaks a rule (a kept token inside an identifier,
    two identifiers run together) is dropped and drawn again, which the fixed seed makes repeatable."""
    rng = random.Random(seed)
    notes, seen = [], set()
    for _ in range(count * 20):
        if len(notes) == count:
            break
        note = generated_note(rng, clean=rng.random() < CLEAN_SHARE)
        if note["text"] in seen or problems(note):
            continue
        seen.add(note["text"])
        notes.append(note)
    else:
        raise ValueError(f"only {len(notes)} of {count} generated notes are well formed: see corpus_check.problems")
    return notes


def build() -> list[dict]:
    """The whole corpus; raises if any note is not well formed."""
    notes = hand_notes() + generated_notes()
    errors = [f"note {number}: {p}" for number, note in enumerate(notes, 1) for p in problems(note)]
    if errors:
        raise ValueError("\n".join(errors[:40]))
    return notes


def dumps(notes: list[dict]) -> str:
    return "".join(json.dumps(note, ensure_ascii=False) + "\n" for note in notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.data.make_guard_corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed file is up to date")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        text = dumps(build())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if args.check:
        if not CORPUS.exists() or CORPUS.read_text(encoding="utf-8") != text:
            print(f"{CORPUS.name} is out of date: run python -m tests.data.make_guard_corpus", file=sys.stderr)
            return 1
        return 0
    CORPUS.write_text(text, encoding="utf-8")
    notes = [json.loads(line) for line in text.splitlines()]
    spans = [span["kind"] for note in notes for span in note["spans"]]
    print(f"{len(notes)} notes ({sum(n['source'] == 'hand' for n in notes)} by hand, "
          f"{sum(n['clean'] for n in notes)} clean), {len(text.encode()) / 1e6:.2f} MB")  # fmt: skip
    print("  ".join(f"{kind} {spans.count(kind)}" for kind in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
