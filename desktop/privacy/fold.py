"""Folding a note for matching: one character for one, so an index in the folded text is an index back.

`fold` gives the text the patterns read: full-width and other Unicode digits, letters and punctuation become
their lower-case ASCII form (NFKC, one character for one), every kind of space a space, every dash but
the Chinese —— a hyphen,
and invisible format and control characters (zero-width spaces, bidi marks) are dropped; a list of kept
indices leads back to the original. `numerals` then reads the digits a counselor types when a caller
dictates a number (three or more together): 一三九…, and the spoken forms 幺 (1), 两 (2), 拐 (7),
洞 (0), 勾 (9), 〇 and 零, and the
financial forms 壹贰叁…, each as its digit, still one character for one.
"""

import re
import unicodedata
from functools import cache

DROPPED = "\x00"  # what an invisible character folds to before it is removed

_NUMERALS = {
    "0": "〇零洞",
    "1": "一幺壹",
    "2": "二两贰",
    "3": "三叁",
    "4": "四肆",
    "5": "五伍",
    "6": "六陆",
    "7": "七拐柒",
    "8": "八捌",
    "9": "九勾玖",
}
_NUMERAL_TABLE = str.maketrans({ch: digit for digit, chars in _NUMERALS.items() for ch in chars})


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
        elif ch in "\u2014\u2015\u2e3a\u2e3b":
            continue  # the Chinese dash (——) is punctuation between words, never inside a number
        elif category == "Pd" or ch == "\u2212":
            folded = "-"
        elif category == "Cf" or (category == "Cc" and not ch.isspace()):
            folded = DROPPED
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
    table[ord("\r")] = "\n"
    for ch in "\u2028\u2029\x85":
        table[ord(ch)] = "\n"
    return table


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when invisible characters were dropped, the original index of each character."""
    folded = text.translate(_fold_table())
    if DROPPED not in folded:
        return folded, None
    kept = [i for i, ch in enumerate(folded) if ch != DROPPED]
    return folded.replace(DROPPED, ""), kept


_NUMERAL_CHARS = "".join(_NUMERALS.values())
_NUMERAL_RUN = re.compile(f"[{_NUMERAL_CHARS}]{{3,}}")
# One or two numerals that continue a dictated number after a digit (三六二，六零四，七四), unless a word
# goes on after them (138…一直): 一直 is a word.
_NUMERAL_TAIL = re.compile(
    f"(?:(?<=[0-9])|(?<=[0-9][ ,、。·~.-]))[{_NUMERAL_CHARS}]{{1,2}}(?![{_NUMERAL_CHARS}\u4e00-\u9fff])"
)
# For addresses only: 十 stands for a digit too (十二栋, 二十三号楼); the value does not matter, the shape does.
_ADDRESS_TABLE = {**_NUMERAL_TABLE, ord("十"): "1"}


def numerals(folded: str, every: bool = False) -> str:
    """`folded` with the Chinese numerals and the spoken forms of digits read as ASCII digits, where three
    or more stand together (一三九…, 幺三九): one alone is a word (一直, 两个), not a dictated digit."""
    if every:  # for addresses: 三号楼二单元 is 3号楼2单元
        return folded.translate(_ADDRESS_TABLE)
    read = _NUMERAL_RUN.sub(lambda m: m.group().translate(_NUMERAL_TABLE), folded)
    return _NUMERAL_TAIL.sub(lambda m: m.group().translate(_NUMERAL_TABLE), read)
