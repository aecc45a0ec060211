"""How well a guard hides what the corpus labels and keeps what it must (issue 13, DESIGN.md §2.3).

`measure(load_corpus())` runs a guard over every note of tests/data/guard_corpus.jsonl and counts, per
kind of identifier, how many labelled spans it hides. A labelled span is *found* when every letter,
digit and CJK character of it lies inside some span the guard returned, of any kind: what matters to
the caller is that it is hidden (separators, spaces and brackets may stay). It is found *exactly* when
those characters all lie inside spans of its own kind. A kept token (a dose, a score, a public number,
张老师 …) is *kept* when redaction leaves every one of its occurrences in the note; a clean note is
*changed* when redaction changes it at all.

The guard is given as two functions so the tests of a new guard can measure it before it is wired in;
by default they are `desktop.privacy.find_identifiers` and `desktop.privacy.redact`.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "guard_corpus.jsonl"
KINDS = (
    "mobile", "landline", "id_card", "bank_card", "email", "qq", "wechat",
    "name", "address", "plate", "passport", "student_id", "employee_id",
)  # fmt: skip
ORIGINAL_KINDS = KINDS[:7]  # what the first guard knew; issue 13 asks 99.5 % of these


class FoundSpan(Protocol):
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Label:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Note:
    """One line of the corpus; ``number`` is its line number, how a note is named in reports."""

    number: int
    text: str
    labels: tuple[Label, ...]
    keep: tuple[str, ...]
    source: str
    clean: bool


def load_corpus(path: Path = CORPUS) -> list[Note]:
    notes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        raw = json.loads(line)
        labels = tuple(Label(s["kind"], s["start"], s["end"]) for s in raw["spans"])
        notes.append(Note(number, raw["text"], labels, tuple(raw["keep"]), raw["source"], raw["clean"]))
    return notes


@dataclass
class KindScore:
    count: int = 0
    found: int = 0
    exact: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.count if self.count else 1.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.count if self.count else 1.0


@dataclass(frozen=True)
class Miss:
    """A labelled span the guard left (partly) visible: where, what, and what the guard made of it."""

    note: int
    kind: str
    text: str
    context: str
    found_as: tuple[str, ...]


@dataclass
class Measure:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    hand: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    keep_total: int = 0
    keep_kept: int = 0
    clean_total: int = 0
    clean_changed: int = 0
    misses: list[Miss] = field(default_factory=list)
    lost_keeps: list[tuple[int, str]] = field(default_factory=list)  # (note, kept token the guard hid)
    changed_clean: list[tuple[int, tuple[tuple[str, str], ...]]] = field(default_factory=list)

    def recall(self, *kinds: str) -> float:
        """Share of labelled spans of these kinds (all kinds if none given) that the guard hides."""
        scores = [self.kinds[k] for k in (kinds or KINDS)]
        total = sum(s.count for s in scores)
        return sum(s.found for s in scores) / total if total else 1.0

    def exact_recall(self, *kinds: str) -> float:
        scores = [self.kinds[k] for k in (kinds or KINDS)]
        total = sum(s.count for s in scores)
        return sum(s.exact for s in scores) / total if total else 1.0

    @property
    def keep_rate(self) -> float:
        return self.keep_kept / self.keep_total if self.keep_total else 1.0

    @property
    def clean_changed_share(self) -> float:
        return self.clean_changed / self.clean_total if self.clean_total else 0.0

    def figures(self) -> dict:
        """Every figure, and no text of any note: what ``--json`` writes."""
        per_kind = {
            kind: {"count": s.count, "found": s.found, "exact": s.exact, "recall": s.recall,
                   "exact_recall": s.exact_recall, "hand_count": self.hand[kind].count,
                   "hand_recall": self.hand[kind].recall}
            for kind, s in self.kinds.items()
        }  # fmt: skip
        return {
            "kinds": per_kind,
            "recall_original_kinds": self.recall(*ORIGINAL_KINDS),
            "recall_all_kinds": self.recall(),
            "keep": {"total": self.keep_total, "kept": self.keep_kept, "rate": self.keep_rate},
            "clean": {"total": self.clean_total, "changed": self.clean_changed, "share": self.clean_changed_share},
        }


def _hidden(text: str, label: Label, spans: Sequence[FoundSpan], same_kind: bool) -> bool:
    """Whether every letter, digit and CJK character of the label lies inside a found span."""
    covered = [False] * (label.end - label.start)
    for span in spans:
        if same_kind and span.kind != label.kind:
            continue
        for i in range(max(span.start, label.start), min(span.end, label.end)):
            covered[i - label.start] = True
    return all(covered[i - label.start] for i in range(label.start, label.end) if text[i].isalnum())


def _context(text: str, label: Label, width: int = 12) -> str:
    before = text[max(0, label.start - width) : label.start]
    after = text[label.end : label.end + width]
    return f"{before}⟦{text[label.start : label.end]}⟧{after}".replace("\n", "⏎")


def measure(
    notes: Sequence[Note],
    find: Callable[[str], Sequence[FoundSpan]] | None = None,
    redact: Callable[[str], str] | None = None,
) -> Measure:
    """Run the guard over ``notes`` and count what it hid and what it kept."""
    if find is None or redact is None:
        from desktop import privacy

        find, redact = find or privacy.find_identifiers, redact or privacy.redact
    result = Measure()
    for note in notes:
        spans = list(find(note.text))
        redacted = redact(note.text)
        for label in note.labels:
            found = _hidden(note.text, label, spans, same_kind=False)
            for table in (result.kinds, result.hand) if note.source == "hand" else (result.kinds,):
                score = table.setdefault(label.kind, KindScore())
                score.count += 1
                score.found += found
                score.exact += found and _hidden(note.text, label, spans, same_kind=True)
            if not found:
                overlapping = tuple(s.kind for s in spans if s.start < label.end and label.start < s.end)
                text = note.text[label.start : label.end]
                result.misses.append(Miss(note.number, label.kind, text, _context(note.text, label), overlapping))
        for token in note.keep:
            result.keep_total += 1
            if redacted.count(token) >= note.text.count(token):
                result.keep_kept += 1
            else:
                result.lost_keeps.append((note.number, token))
        if note.clean:
            result.clean_total += 1
            if redacted != note.text:
                result.clean_changed += 1
                hits = tuple((s.kind, note.text[s.start : s.end]) for s in spans)
                result.changed_clean.append((note.number, hits))
    return result
