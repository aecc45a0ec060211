"""Numbers without a label: the shape or the check digit decides (DESIGN.md §2.3).

A note holds numbers written every way: 138 1234 5678, 1391 234 5678, 138-1234-5678, 138.1234.5678,
138、1234、5678, split across a line break, or dictated as 一三八… (read as digits by `fold.numerals`). So
the text is read as *runs*: digit groups joined by short separators (spaces, a line break, - . , 、 · ~
brackets and +). Within a run any consecutive groups whose digits have the shape of an identifier are one
finding: a mobile number (11 digits, 1[3-9]…, optionally after 86 or 0086), a landline with its area code,
an ID number with a valid check digit (18) or a real birth date (15), a card number passing Luhn (16-19).
A group of digits is never cut: a span takes whole groups, so nothing is taken out of a longer number.

Each run is scanned once; for each group the few lengths an identifier can have are looked up among the
group boundaries, so a run of a hundred thousand one-digit groups costs a few operations per group.
Masked numbers (139****5678) with seven or more visible digits are found too.
"""

import re
from collections.abc import Iterator
from datetime import date

from desktop.privacy.public import is_public

_SEP = r"(?:[ \t\-.,、。·~()\[\]+/]{1,3}|[ \t\-]{0,3}\n[ \t]{0,3})"
_RUN = re.compile(rf"[0-9]+(?:{_SEP}[0-9]+)*x?", re.ASCII)
_GROUP = re.compile(r"[0-9]+", re.ASCII)
_MASKED = re.compile(r"[0-9][0-9 \-]{0,8}[*×#x][*×#x \-]{1,14}[0-9][0-9 \-]{0,8}", re.ASCII)
_MASK_CHARS = "*×#x"
_EXTENSION = re.compile(r"[ \t]{0,2}(?:-|转|分机|ext\.?)[ \t]{0,2}[0-9]{1,6}(?![0-9])", re.ASCII)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a Luhn digit in a doubled place


def id18_valid(digits: str) -> bool:
    """GB 11643: the 18th character is the check digit of the first 17 (X for 10), after a real birth date."""
    if not _real_date(digits[6:10], digits[10:12], digits[12:14]):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def id15_valid(digits: str) -> bool:
    """A pre-1999 ID number: digits 7 to 12 are a real date of birth yymmdd (19yy)."""
    return _real_date("19" + digits[6:8], digits[8:10], digits[10:12])


def _real_date(year: str, month: str, day: str) -> bool:
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1880 <= born.year <= 2100


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of a card number."""
    total = 0
    for position, ch in enumerate(reversed(digits)):
        total += _DOUBLED[int(ch)] if position % 2 else int(ch)
    return total % 10 == 0


def _landline(digits: str) -> bool:
    """0 + area code + subscriber number: 010/02x and 8 digits, or 0xxx and 7 or 8 digits."""
    if digits[:1] != "0" or digits[1:2] == "0":
        return False
    if digits[1] == "1":
        return digits[:3] == "010" and len(digits) == 11
    if digits[1] == "2":
        return len(digits) == 11
    return len(digits) in (11, 12)


def shape_of(digits: str, plus: bool) -> str | None:
    """The kind a number of this shape is, or None. `plus`: a + or 00 stands before it (a country code)."""
    n = len(digits)
    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "mobile"
    if digits.startswith("86") and n == 13 and digits[2] == "1" and digits[3] in "3456789":
        return "mobile"
    if digits.startswith("0086") and n == 15 and digits[4] == "1" and digits[5] in "3456789":
        return "mobile"
    if n in (11, 12) and _landline(digits):
        return "landline"
    if plus and digits.startswith("86") and n in (12, 13) and _landline("0" + digits[2:]):
        return "landline"
    if digits.startswith("0086") and n in (14, 15) and _landline("0" + digits[4:]):
        return "landline"
    if n == 18 and digits[0] != "0" and id18_valid(digits):
        return "id_card"
    if n == 15 and digits[0] != "0" and digits[14] in "0123456789" and id15_valid(digits):
        return "id_card"
    if 16 <= n <= 19 and digits[0] != "0" and "x" not in digits and luhn_valid(digits):
        return "bank_card"
    return None


_LENGTHS = (11, 12, 13, 14, 15, 16, 17, 18, 19)
# Where numbers of several shapes start at one group, the strongest evidence wins (then the longest): a
# check digit, then a mobile's prefix at a group boundary, then an area code, a birth date (an old 15-digit
# ID), and Luhn, which
# one number in ten passes by chance.
_STRENGTH = {"id_card": 0, "mobile": 1, "landline": 2, "id15": 3, "bank_card": 4}


def _groups(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The digit groups of a run as (start, end) in the folded text; a final x joins the last group."""
    groups = [m.span() for m in _GROUP.finditer(folded, start, end)]
    if folded[end - 1] == "x":
        groups[-1] = (groups[-1][0], end)
    return groups


def _card_written(folded: str, groups: list[tuple[int, int]]) -> bool:
    """Whether groups read as a card the way cards are written. Luhn alone passes one number in ten, so
    commas, slashes and line breaks are taken only between groups of one size with one separator
    (6222/0238/5959/3624/097), never as the end of a list (…6849,2)."""
    separators = {folded[a[1] : b[0]] for a, b in zip(groups, groups[1:], strict=False)}
    if not any(mark in sep for sep in separators for mark in ",、。/\n"):
        return True
    sizes = {e - s for s, e in groups[:-1]}
    return len(separators) == 1 and len(sizes) == 1 and sizes.pop() >= 3


def _with_prefix(folded: str, start: int) -> tuple[int, bool]:
    """Move a span's start back over a ( and + just before it; whether a + (or 00) stands there."""
    i = start
    plus = False
    while i > 0 and folded[i - 1] in "+( " and start - i < 3:
        if folded[i - 1] == "+":
            plus = True
        i -= 1
    while i < start and folded[i] == " ":
        i += 1
    return i, plus or folded.startswith("00", start)


def run_spans(folded: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The identifiers of one run of digit groups, by shape."""
    groups = _groups(folded, start, end)
    digits = "".join(folded[s:e] for s, e in groups)
    cum = [0]  # group i holds digits[cum[i]:cum[i + 1]]
    for s, e in groups:
        cum.append(cum[-1] + e - s)
    boundary = {c: i for i, c in enumerate(cum)}

    def shapes_at(i: int) -> list[tuple[int, str]]:
        """(end group, kind) of every number of a known shape starting at group i."""
        found = []
        plus = _with_prefix(folded, groups[i][0])[1]
        for length in _LENGTHS:
            j = boundary.get(cum[i] + length)
            piece = digits[cum[i] : cum[i] + length]
            if j is not None and "x" not in piece[:-1] and (kind := shape_of(piece, plus)):
                if kind == "bank_card" and not _card_written(folded, groups[i:j]):
                    continue
                found.append((j, kind))
        return found

    # The best reading of the whole run: the numbers that together cover the most digits, the strongest
    # evidence first where two readings cover as many (one pass from the end, a few lengths per group).
    # 1000000000000008 010-87654321 is a card and a landline, not a 19-digit card and -87654321.
    best: list[tuple[int, int, tuple[int, str] | None]] = [(0, 0, None)] * (len(groups) + 1)
    for i in range(len(groups) - 1, -1, -1):
        best[i] = (best[i + 1][0], best[i + 1][1], None)
        for j, kind in shapes_at(i):
            covered = cum[j] - cum[i] + best[j][0]
            weakness = best[j][1] - _STRENGTH["id15" if kind == "id_card" and cum[j] - cum[i] == 15 else kind]
            if (covered, weakness) > best[i][:2]:
                best[i] = (covered, weakness, (j, kind))
    i = 0
    while i < len(groups):
        choice = best[i][2]
        if choice is None:
            i += 1
            continue
        j, kind = choice
        span_start = _with_prefix(folded, groups[i][0])[0]
        span_end = groups[j - 1][1]
        piece = digits[cum[i] : cum[j]]
        if kind == "landline" and (extension := _EXTENSION.match(folded, span_end)):
            span_end = extension.end()  # 010-12345678-123, 0571-87654321 转 8001
            while j < len(groups) and groups[j][1] <= span_end:
                j += 1
        if kind in ("mobile", "landline") and is_public(piece):
            i = j
            continue
        yield span_start, span_end, kind
        i = j


def shaped(num: str) -> Iterator[tuple[int, int, str]]:
    """Every number in the (numeral-read) folded text whose shape or check digit makes it an identifier."""
    for match in _RUN.finditer(num):
        if match.end() - match.start() >= 11:
            yield from run_spans(num, match.start(), match.end())


def masked(num: str) -> Iterator[tuple[int, int, str]]:
    """Numbers with some digits masked (139****5678, 110105********1234) and seven or more still visible."""
    position = 0
    while match := _MASKED.search(num, position):
        position = match.end()
        start, end = match.start(), match.end()
        while num[end - 1] in " -":
            end -= 1
        if start > 0 and ((num[start - 1].isascii() and num[start - 1].isalnum()) or num[start - 1] in _MASK_CHARS):
            continue
        if end < len(num) and (num[end].isalnum() and num[end].isascii()):
            continue
        body = num[start:end].replace(" ", "").replace("-", "")
        visible = sum(ch.isdigit() for ch in body)
        if visible < 7 or sum(ch in _MASK_CHARS for ch in body) < 2:
            continue
        n = len(body)
        if n <= 12:
            kind = "landline" if body[0] == "0" else "mobile"
        elif n == 18:
            kind = "id_card"
        else:
            kind = "bank_card"
        yield start, end, kind
