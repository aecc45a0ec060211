"""Finding and redacting caller identifiers in free text (DESIGN.md §2.3 and §9).

Every free-text field passes through here before it is stored. `find_identifiers` returns the spans of
numbers (mobile, landline, ID card, bank card, QQ, passport, student and employee numbers, licence plates),
accounts (e-mail, WeChat), full personal names and addresses finer than a district; `redact` replaces each
with a placeholder that names its kind and holds none of its characters; `guard` does both at once and
takes the counselor's choices from the save dialog: the possible names and addresses they un-ticked
(`keep`) and the words they marked by hand (`marks`).

A span is `sure` unless the guard only suspects it (a possible name or compound the counselor may
un-tick); numbers and accounts are always sure. Matching runs on a folded copy of the text (`fold`), one
character for one, so spans always point into the original text. Every pattern starts at few characters and
nests no unbounded repetition in another, so a scan stays linear in the length of the note.

Redaction is idempotent: a placeholder holds no digit and no Latin letter, the naming word inside 〔QQ号〕
or 〔学号〕 is closed by 〕 before any value could follow it, and a number is never taken out of a longer run
of digits, so nothing left beside a placeholder becomes an identifier on a second pass.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.privacy.addresses import find_addresses
from desktop.privacy.fold import fold, numerals
from desktop.privacy.labelled import QQ_LABELS, WECHAT_LABELS, emails, labelled, shapes
from desktop.privacy.names import find_names
from desktop.privacy.names import prepare as prepare_names
from desktop.privacy.numbers import masked, shaped
from desktop.privacy.public import is_public, set_public_numbers

__all__ = [
    "KINDS",
    "KIND_LABELS_EN",
    "MARKED",
    "Choices",
    "PLACEHOLDERS",
    "QQ_LABELS",
    "UNSURE_KINDS",
    "WECHAT_LABELS",
    "Guarded",
    "Span",
    "find_identifiers",
    "guard",
    "is_public",
    "prepare",
    "redact",
    "set_public_numbers",
]

KINDS = (
    "mobile",
    "landline",
    "id_card",
    "bank_card",
    "email",
    "qq",
    "wechat",
    "name",
    "address",
    "plate",
    "passport",
    "student_id",
    "employee_id",
)
MARKED = "marked"  # what the counselor marked by hand in the save dialog
UNSURE_KINDS = ("name", "address")  # the only kinds that can be unsure, and so un-ticked

PLACEHOLDERS = {
    "mobile": "〔手机号〕",
    "landline": "〔座机号〕",
    "id_card": "〔身份证号〕",
    "bank_card": "〔银行卡号〕",
    "email": "〔邮箱〕",
    "qq": "〔QQ号〕",
    "wechat": "〔微信号〕",
    "name": "〔姓名〕",
    "address": "〔地址〕",
    "plate": "〔车牌号〕",
    "passport": "〔护照号〕",
    "student_id": "〔学号〕",
    "employee_id": "〔工号〕",
    MARKED: "〔已隐藏〕",
}

KIND_LABELS_EN = {
    "mobile": "mobile number",
    "landline": "landline number",
    "id_card": "ID card number",
    "bank_card": "bank card number",
    "email": "e-mail address",
    "qq": "QQ number",
    "wechat": "WeChat ID",
    "name": "name",
    "address": "address",
    "plate": "licence plate",
    "passport": "passport number",
    "student_id": "student number",
    "employee_id": "employee number",
    MARKED: "marked by hand",
}

# Where findings overlap they become one span, of the kind that comes first here: the most specific
# evidence wins (a valid check digit over Luhn, a naming word over the shape of a mobile number).
_PRECEDENCE = (
    "email",
    "id_card",
    "bank_card",
    "passport",
    "qq",
    "wechat",
    "student_id",
    "employee_id",
    "mobile",
    "landline",
    "plate",
    "address",
    "name",
    MARKED,
)
_RANK = {kind: n for n, kind in enumerate(_PRECEDENCE)}


@dataclass(frozen=True)
class Span:
    """An identifier at ``text[start:end]`` of the original text. It holds no copy of the identifier.
    `sure` is False for a name or address the guard only suspects ("possible name")."""

    kind: str
    start: int
    end: int
    sure: bool = True


@dataclass(frozen=True)
class Choices:
    """What the counselor decided in the save dialog, for every field of what is saved: the surface text of
    possible names and addresses to keep (un-ticked), and text marked by hand to hide. Held in memory
    only, until the save; never stored, never logged (the audit counts them)."""

    keep: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "keep", frozenset(self.keep))
        object.__setattr__(self, "marks", frozenset(m for m in (m.strip() for m in self.marks) if m))


@dataclass(frozen=True)
class Guarded:
    """A text after the guard: the redacted text, the spans hidden, the count by kind, and how many
    possible names or addresses were kept because the counselor un-ticked them."""

    text: str
    spans: tuple[Span, ...]
    counts: Counter[str]
    kept: int = 0

    @property
    def changed(self) -> bool:
        """Whether anything was hidden."""
        return bool(self.spans)


def _merge(candidates: Iterable[tuple[int, int, str, bool]]) -> list[list]:
    """Overlapping findings become one span covering them all, of the kind with the highest precedence;
    it is sure when any of them is."""
    merged: list[list] = []
    for start, end, kind, sure in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _RANK[kind] < _RANK[last[2]]:
                last[2] = kind
            last[3] = last[3] or sure
        else:
            merged.append([start, end, kind, sure])
    for span in merged:
        if span[2] not in UNSURE_KINDS:
            span[3] = True
    return merged


def _candidates(folded: str) -> Iterable[tuple[int, int, str, bool]]:
    num = numerals(folded)
    for found in (shaped(num), masked(num), labelled(num), emails(folded), shapes(num)):
        for start, end, kind in found:
            yield start, end, kind, True
    yield from find_addresses(folded, numerals(folded, every=True))
    yield from find_names(folded)


def find_identifiers(text: str) -> list[Span]:
    """The identifiers in ``text``, sorted by start and never overlapping, with indices into ``text``."""
    folded, kept = fold(text)
    spans = _merge(_candidates(folded))
    if kept is None:
        return [Span(kind, start, end, sure) for start, end, kind, sure in spans]
    return [Span(kind, kept[start], kept[end - 1] + 1, sure) for start, end, kind, sure in spans]


def prepare(texts: Iterable[str]) -> None:
    """Get ready to guard many texts (the next calls of an import): the names of all their sentences are
    read together, which is far faster than one by one. `guard` finds the same with or without it."""
    prepare_names(fold(text)[0] for text in texts if text.strip())


def _marked(text: str, marks: Iterable[str]) -> Iterable[tuple[int, int, str, bool]]:
    """Every occurrence of every text the counselor marked by hand."""
    for mark in {m.strip() for m in marks}:
        if not mark:
            continue
        position = text.find(mark)
        while position >= 0:
            yield position, position + len(mark), MARKED, True
            position = text.find(mark, position + len(mark))


def guard(text: str, keep: Iterable[str] = (), marks: Iterable[str] = ()) -> Guarded:
    """Find the identifiers in ``text`` and replace each by the placeholder of its kind.

    ``keep``: the surface text of possible names and addresses the counselor un-ticked; only an unsure span
    is ever kept. ``marks``: text the counselor marked by hand; every occurrence is hidden as 〔已隐藏〕."""
    if not text.strip():  # most fields of most calls are empty: nothing to find, nothing to mark
        return Guarded(text, (), Counter(), 0)
    keep = frozenset(keep)
    found = find_identifiers(text)
    spans = [s for s in found if s.sure or text[s.start : s.end] not in keep]
    kept = len(found) - len(spans)
    if marks:
        candidates = [(s.start, s.end, s.kind, s.sure) for s in spans]
        spans = [
            Span(kind, start, end, sure) for start, end, kind, sure in _merge([*candidates, *_marked(text, marks)])
        ]
    pieces = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    pieces.append(text[cursor:])
    return Guarded("".join(pieces), tuple(spans), Counter(span.kind for span in spans), kept)


def redact(text: str, keep: Iterable[str] = (), marks: Iterable[str] = ()) -> str:
    """``text`` with each identifier replaced by a placeholder naming its kind, e.g. 〔手机号〕."""
    return guard(text, keep, marks).text
