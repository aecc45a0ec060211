"""Finding and redacting caller identifiers in free text (DESIGN.md §2.3 and §9).

Every free-text field passes through here before it is stored. `find_identifiers` returns the spans of
phone numbers, ID numbers, bank cards, e-mail addresses and QQ/WeChat accounts; `redact` replaces each
with a placeholder that names its kind and holds none of its characters; `guard` does both at once for
the save dialog and the import report.

Matching runs on a folded copy of the text: full-width and other Unicode digits, letters and punctuation
become their lower-case ASCII form (NFKC, one character for one), every kind of space becomes a space,
every dash a hyphen, and invisible format and control characters (zero-width spaces, bidi marks) are
dropped. An index map leads back, so spans always point into the original text. No pattern nests one
unbounded repetition in another and each can start only at a few characters, so a scan stays linear in
the length of the note (a 200,000-character note takes some tens of milliseconds).

Redaction is idempotent: a placeholder holds no digit, the naming word inside 〔QQ号〕 or 〔微信号〕 is
closed by 〕 before any value could follow it, and a number is never taken out of a longer run of digits,
so nothing left beside a placeholder becomes an identifier on a second pass.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

KINDS = ("mobile", "landline", "id_card", "bank_card", "email", "qq", "wechat")

PLACEHOLDERS = {
    "mobile": "〔手机号〕",
    "landline": "〔座机号〕",
    "id_card": "〔身份证号〕",
    "bank_card": "〔银行卡号〕",
    "email": "〔邮箱〕",
    "qq": "〔QQ号〕",
    "wechat": "〔微信号〕",
}

KIND_LABELS_EN = {
    "mobile": "mobile number",
    "landline": "landline number",
    "id_card": "ID card number",
    "bank_card": "bank card number",
    "email": "e-mail address",
    "qq": "QQ number",
    "wechat": "WeChat ID",
}

# Words that name a QQ or WeChat account; a number or ID is only taken as one right after such a word.
QQ_LABELS = ("qq", "扣扣", "企鹅号")
WECHAT_LABELS = ("微信", "威信", "薇信", "v信", "vx", "wx", "weixin", "wechat")

# Where findings overlap they become one span, of the kind that comes first here: the most specific
# evidence wins (a valid check digit over Luhn, a naming word over the shape of a mobile number).
_PRECEDENCE = ("email", "id_card", "bank_card", "qq", "wechat", "mobile", "landline")

_DROPPED = "\x00"  # what an invisible character folds to before it is removed


@dataclass(frozen=True)
class Span:
    """An identifier at ``text[start:end]`` of the original text. It holds no copy of the identifier."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Guarded:
    """A text after the guard: the redacted text, the spans found in the original, the count by kind."""

    text: str
    spans: tuple[Span, ...]
    counts: Counter[str]

    @property
    def changed(self) -> bool:
        """Whether anything was hidden."""
        return bool(self.spans)


# ---- patterns ----
# They run on the folded text (lower-case ASCII), compiled with re.ASCII | re.VERBOSE. Each begins with a
# character class or with alternatives that each begin with a literal, so that re skips straight to the
# few places a pattern can start; look-behinds therefore come after a pattern's first character. That a
# match does not cut digits out of a longer number is checked after the match (`_cuts_a_number`).

_SEP = r"(?:[ \t]{0,2}[-.][ \t]{0,2}|[ \t]{1,2})"  # between digit groups: spaces, a hyphen or a dot
_CARD_SEP = r"(?:[ \t]?-[ \t]?|[ \t]{1,2})"
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"  # an area code without its leading 0: 10, 2x, or three digits
_INTL_AREA = rf"[ \t-]{{0,2}} (?:\(0?{_AREA}\)|0?{_AREA})"  # after +86 the area code may drop its 0
_DATE8 = r"(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_MOBILE = rf"1[3-9][0-9] {_SEP}? [0-9]{{4}} {_SEP}? [0-9]{{4}} (?![0-9])"
_LABEL_TAIL = r"(?P<mark>[ \t]{0,2}(?:号码|号|账号|帐号|id)?[ \t]{0,2}(?:是|为)?[ \t]{0,2}[:=]?)[ \t]{0,2}"


def _words(words: tuple[str, ...]) -> str:
    """Alternatives for naming words; a Latin one may not run on into a Latin word (``wxid`` is no ``wx``)."""
    return "(?:" + "|".join(re.escape(w) + ("(?![a-z])" if w.isascii() else "") for w in words) + ")"


_PATTERNS = {
    "email": r"""[a-z0-9._%+-](?<![a-z0-9._%+-].) [a-z0-9._%+-]* @ [a-z0-9-]+ (?:\.[a-z0-9-]+)* \.[a-z]{2,}
        (?![a-z-])""",
    "id18": rf"[1-9][0-9]{{5}} [ \t]? {_DATE8} [ \t]? [0-9]{{3}} (?:[0-9](?![0-9])|x)",
    "id15": r"[1-9][0-9]{5} [0-9]{2} (?:0[1-9]|1[0-2]) (?:0[1-9]|[12][0-9]|3[01]) [0-9]{3} (?![0-9])",
    "bank_card": rf"""[0-9] (?: [0-9]{{15,18}}  # 16-19 digits, or four groups of four and a short one
        | [0-9]{{3}} (?:{_CARD_SEP}[0-9]{{4}}){{3}} (?P<tail>{_CARD_SEP}?[0-9]{{1,3}})? ) (?![0-9])""",
    "mobile": _MOBILE,
    "mobile_cc": rf"(?: \([ \t]?(?:\+|00)?[ \t]?86[ \t]?\) | \+[ \t]?86 | 00[ \t]?86 | 86 ) {_SEP}? {_MOBILE}",
    "landline": rf"""(?: \+86{_INTL_AREA} | 0086{_INTL_AREA} | \([ \t]?0{_AREA}[ \t]?\) | 0{_AREA} )
        {_SEP}? [1-9][0-9]{{2,3}} {_SEP}? [0-9]{{4}}
        (?: [ \t]{{0,2}}(?:-|转|分机|ext\.?)[ \t]{{0,2}}[0-9]{{1,6}} )? (?![0-9])""",
    "qq": rf"{_words(QQ_LABELS)} {_LABEL_TAIL} (?P<value>[1-9][0-9]{{4,10}}) (?![0-9])",
    # A named WeChat ID is 6-20 characters; a longer named token is hidden whole all the same.
    "wechat": rf"""{_words(WECHAT_LABELS)} {_LABEL_TAIL}
        (?P<value>[a-z][a-z0-9_-]{{5,}} | [1-9][0-9]{{4,10}}(?![0-9]))""",
    "wxid": r"wxid_[a-z0-9_-]{4,30}(?![0-9])",
}
_RE = {name: re.compile(p, re.ASCII | re.VERBOSE) for name, p in _PATTERNS.items()}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_NOT_DIGIT = re.compile(r"[^0-9x]")  # strips separators, keeps the x of an ID number


# ---- folding ----


@cache
def _fold_table() -> dict[int, str]:
    """The one-for-one folding table, built on first use (some 20 ms)."""
    table = {}
    for code in (*range(0x10000), *range(0x1D7CE, 0x1D800)):  # the BMP and the mathematical digits
        ch = chr(code)
        category = unicodedata.category(ch)
        if category == "Nd":
            folded = str(unicodedata.decimal(ch))
        elif category == "Zs":
            folded = " "
        elif category == "Pd" or ch == "\u2212":
            folded = "-"
        elif category == "Cf" or (category == "Cc" and not ch.isspace()):
            folded = _DROPPED
        else:
            folded = unicodedata.normalize("NFKC", ch)
            # Only letters to letters and punctuation to punctuation: ① is not a digit, ⑴ not "(1)".
            if not (len(folded) == 1 and folded.isascii() and folded.isprintable() and not folded.isdigit()):
                continue
            if unicodedata.category(folded)[0] != category[0]:
                continue
            folded = folded.lower()
        if folded != ch:
            table[code] = folded
    return table


def _fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when invisible characters were dropped, the original index of each character."""
    folded = text.translate(_fold_table())
    if _DROPPED not in folded:
        return folded, None
    kept = [i for i, ch in enumerate(folded) if ch != _DROPPED]
    return folded.replace(_DROPPED, ""), kept


# ---- checks ----


def _id18_valid(digits: str) -> bool:
    """GB 11643: the 18th character is the check digit of the first 17 (X for 10)."""
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def _id15_valid(digits: str) -> bool:
    """A pre-1999 ID number: digits 7 to 12 are a real date of birth yymmdd (19yy)."""
    try:
        date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    except ValueError:
        return False
    return True


def _luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of a card number."""
    total = 0
    for position, ch in enumerate(reversed(digits)):
        d = int(ch)
        if position % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _labelled_account(match: re.Match) -> bool:
    """A WeChat ID after a naming word: explicit (号, 是, a colon) or not a plain word like "message"."""
    value = match.group("value")
    return bool(match.group("mark").strip()) or not value.isalpha()


# ---- finding ----


def _bank_card(m: re.Match) -> tuple[int, int] | None:
    """A card number passing Luhn; if a trailing short group spoils it, the four groups before it."""
    if _luhn_valid(_NOT_DIGIT.sub("", m.group())):
        return m.span()
    if m.group("tail") and _luhn_valid(_NOT_DIGIT.sub("", m.string[m.start() : m.start("tail")])):
        return m.start(), m.start("tail")
    return None


def _cuts_a_number(folded: str, start: int, end: int) -> bool:
    """Whether a span would take digits out of a longer run of digits."""
    digits = "0123456789"
    before = start > 0 and folded[start - 1] in digits and folded[start] in digits
    return before or (end < len(folded) and folded[end] in digits and folded[end - 1] in digits)


# pattern, kind, and what of a match is the identifier (None: not one after all)
_RULES = (
    ("email", "email", lambda m: m.span()),
    ("id18", "id_card", lambda m: m.span() if _id18_valid(_NOT_DIGIT.sub("", m.group())) else None),
    ("id15", "id_card", lambda m: m.span() if _id15_valid(m.group()) else None),
    ("bank_card", "bank_card", _bank_card),
    ("mobile", "mobile", lambda m: m.span()),
    ("mobile_cc", "mobile", lambda m: m.span()),
    ("landline", "landline", lambda m: m.span()),
    ("qq", "qq", lambda m: m.span("value")),
    ("wechat", "wechat", lambda m: m.span("value") if _labelled_account(m) else None),
    ("wxid", "wechat", lambda m: m.span()),
)


def _candidates(folded: str) -> Iterator[tuple[int, int, str]]:
    """Every finding in the folded text as (start, end, kind); findings of different kinds may overlap.

    Each search goes on from the character after the last match's start, not from its end, so a match
    that fails its check, or one that overlaps another of the same kind, hides nothing from the next
    search; a second pass over the redacted text then finds nothing the first pass missed."""
    for name, kind, accept in _RULES:
        if name == "email" and "@" not in folded:
            continue
        pattern = _RE[name]
        position = 0
        while match := pattern.search(folded, position):
            span = accept(match)
            if span is not None and not _cuts_a_number(folded, *span):
                yield span[0], span[1], kind
            position = match.start() + 1


def _merge(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping findings become one span covering them all, of the kind with the highest precedence."""
    merged: list[list] = []
    for start, end, kind in sorted(candidates):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _PRECEDENCE.index(kind) < _PRECEDENCE.index(last[2]):
                last[2] = kind
        else:
            merged.append([start, end, kind])
    return [(s, e, k) for s, e, k in merged]


def find_identifiers(text: str) -> list[Span]:
    """The identifiers in ``text``, sorted by start and never overlapping, with indices into ``text``."""
    folded, kept = _fold(text)
    spans = _merge(list(_candidates(folded)))
    if kept is None:
        return [Span(kind, start, end) for start, end, kind in spans]
    return [Span(kind, kept[start], kept[end - 1] + 1) for start, end, kind in spans]


def guard(text: str) -> Guarded:
    """Find the identifiers in ``text`` and replace each by the placeholder of its kind."""
    spans = find_identifiers(text)
    pieces = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    pieces.append(text[cursor:])
    return Guarded("".join(pieces), tuple(spans), Counter(span.kind for span in spans))


def redact(text: str) -> str:
    """``text`` with each identifier replaced by a placeholder naming its kind, e.g. 〔手机号〕."""
    return guard(text).text
