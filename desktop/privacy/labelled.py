"""Identifiers a word names, and accounts however they are written (DESIGN.md §2.3).

After its label a number is an identifier whatever its check digit: 身份证 + eighteen digits with a wrong
check digit is still somebody's ID (a misheard number is still a number), 卡号 + a number failing Luhn
still a card, 电话 + eight digits without an area code still a landline, and 学号, 工号, 护照 make a number
personal that alone would say nothing. Labels are matched however they are written: QQ behind 扣扣, 企鹅号,
Q号, Q:, 球球; WeChat behind 微信, V信, 薇信, 威信, 卫星, 绿泡泡, VX, wx, 微: and V:.

E-mail addresses are found with @ and with its stand-ins (at, (at), [at], #, 艾特, spaces around @, and dot
or 点 for the dot); licence plates (京A·12345, 沪B D12345) and passport numbers (E12345678) by their shape.

Every pattern runs on the folded text with the numerals read as digits (lower-case ASCII); a label's value
must follow it directly (after spaces, 号/号码, 是/为 and a colon), so a placeholder such as 〔QQ号〕 never
labels what follows it: its 〕 stands between.
"""

import re
from collections.abc import Iterator

from desktop.privacy.numbers import id15_valid, is_public, shape_of

QQ_LABELS = ("qq", "扣扣", "企鹅号", "企鹅", "球球", "q号", "q:")
WECHAT_LABELS = ("微信", "威信", "薇信", "v信", "vx", "wx", "weixin", "wechat", "卫星", "绿泡泡", "微:", "v:")
_ENGLISH_WECHAT = ("weixin", "wechat")  # ordinary words too: their value needs a colon, 号 or 是
PHONE_LABELS = (
    "电话",
    "手机",
    "座机",
    "固话",
    "联系方式",
    "号码",
    "tel",
    "phone",
    "mobile",
    "家电",
    "宅电",
    "回拨",
    "打这个",
)
ID_LABELS = ("身份证", "证件号", "身份号", "sfz", "id:", "id号")
CARD_LABELS = ("银行卡", "卡号", "储蓄卡", "信用卡", "银行账号", "银行帐号", "借记卡", "工资卡", "账户", "账号", "帐号")
STUDENT_LABELS = ("学号", "学籍号", "准考证号", "考生号", "学生证号")
EMPLOYEE_LABELS = ("工号", "员工号", "职工号", "工作证号", "员工编号", "警号", "工牌号", "工牌")
PASSPORT_LABELS = ("护照", "passport", "通行证")


_TAIL = r"(?P<mark>[ \t]{0,2}(?:号码|号|账号|帐号|id|码)?[ \t]{0,2}(?:是|为|叫)?[ \t]{0,2}[:=]?)[ \t]{0,2}"
_RUN = r"[0-9](?:(?:[ \t\-.,、。·~/]{1,3}|[ \t\-]{0,2}\n[ \t]{0,2})?[0-9]){2,24}(?![0-9])x?"
_ALNUM = r"[a-z0-9][a-z0-9\-]{2,24}(?![a-z0-9])"


_LABELS = {
    word: kind
    for kind, words in (
        ("qq", QQ_LABELS),
        ("wechat", WECHAT_LABELS),
        ("phone", PHONE_LABELS),
        ("id_card", ID_LABELS),
        ("bank_card", CARD_LABELS),
        ("student_id", STUDENT_LABELS),
        ("employee_id", EMPLOYEE_LABELS),
        ("passport", PASSPORT_LABELS),
    )
    for word in words
}
# One search finds every label (the longest where several start at one place); the value is then matched
# right after it with its kind's pattern. One pass over the note, whatever the number of labels.
_ANY_LABEL = re.compile("|".join(re.escape(w) for w in sorted(_LABELS, key=len, reverse=True)), re.ASCII)
_VALUES = {
    kind: re.compile(rf"{_TAIL} (?P<value>{value})", re.ASCII | re.VERBOSE)
    for kind, value in (
        ("qq", _RUN),
        ("wechat", rf"[a-z][a-z0-9_\-]{{4,}} | {_RUN}"),
        ("phone", _RUN),
        ("id_card", _RUN),
        ("bank_card", _RUN),
        ("student_id", rf"{_RUN}(?![a-z]) | {_ALNUM}"),
        ("employee_id", rf"{_RUN}(?![a-z]) | {_ALNUM}"),
        ("passport", _ALNUM),
    )
}
# What a labelled number must hold: (fewest digits, most digits) taken from the start of its run.
_DIGITS = {
    "qq": (5, 11),
    "wechat": (5, 13),
    "phone": (7, 14),
    "id_card": (6, 18),
    "bank_card": (8, 19),
    "student_id": (3, 24),
    "employee_id": (3, 24),
    "passport": (5, 12),
}

_AT = r"(?:[ \t]{0,2}(?:@|艾特|\(at\)|\[at\]|\{at\}|<at>)[ \t]{0,2}|[ \t]{1,2}at[ \t]{1,2}|\#)"
_DOT = r"(?:[ \t]{0,2}(?:\.|点|\(dot\)|\[dot\])[ \t]{0,2}|[ \t]{1,2}dot[ \t]{1,2})"
_EMAIL = re.compile(
    rf"""[a-z0-9._%+\-](?<![a-z0-9._%+\-].) [a-z0-9._%+\-]{{0,63}} {_AT}
    (?P<domain>[a-z0-9\-]{{1,63}}) (?:{_DOT}[a-z0-9\-]{{1,63}}){{0,4}} {_DOT} (?P<tld>[a-z]{{2,6}})
    (?![a-z]|-[a-z0-9])""",
    re.ASCII | re.VERBOSE,
)
_TLDS = frozenset(
    [
        "com",
        "cn",
        "net",
        "org",
        "edu",
        "gov",
        "info",
        "io",
        "me",
        "cc",
        "hk",
        "tw",
        "mo",
        "us",
        "uk",
        "jp",
        "de",
        "fr",
        "ca",
        "au",
        "biz",
        "co",
    ]
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE = re.compile(rf"[{_PROVINCES}][a-z][ \t·.\-•]{{0,2}}[a-z0-9]{{5,6}}(?![a-z0-9])")
_PASSPORT = re.compile(r"[egpsd](?<![a-z0-9][egpsd])(?:[0-9]{7,8}|(?<=e)[a-z][0-9]{7})(?![a-z0-9])", re.ASCII)
_WXID = re.compile(r"wxid_[a-z0-9_\-]{4,30}(?![0-9])", re.ASCII)
_DIGIT = re.compile(r"[0-9]")
_GROUP = re.compile(r"[0-9]+")


def _take_digits(text: str, start: int, end: int, most: int) -> int:
    """The end of the longest head of a run holding at most `most` digits without cutting a digit group."""
    count = 0
    last_end = start
    i = start
    while i < end:
        if text[i].isdigit():
            j = i
            while j < end and text[j].isdigit():
                j += 1
            if count + (j - i) > most and count:
                break
            if count and j + 1 < len(text) and text[j] == ":" and text[j + 1].isdigit():
                break  # 5:20 after the number is a time, not more of it
            count += j - i
            last_end = j
            i = j
        else:
            i += 1
    if last_end < end and text[last_end : last_end + 1] == "x":
        last_end += 1
    return last_end


def _phone_end(text: str, start: int, end: int) -> int:
    """The end of the first head of a labelled number that has a phone's shape (a mobile's 11 digits, a
    landline's area code and number), so what follows it (1h50min, 2点15) is left alone; else `end`."""
    count = 0
    for group in _GROUP.finditer(text, start, end):
        count += group.end() - group.start()
        digits = "".join(ch for ch in text[start : group.end()] if ch.isdigit())
        if shape_of(digits, text[start - 1 : start] == "+") in ("mobile", "landline"):
            return group.end()
        if count >= 14:
            break
    return end


def _value(kind: str, label: str, match: re.Match) -> tuple[int, int, str] | None:
    start, end = match.span("value")
    value = match.group("value")
    digits = len(_DIGIT.findall(value))
    fewest, most = _DIGITS[kind]
    if kind in ("student_id", "employee_id", "passport"):
        return (start, end, kind) if digits >= fewest else None
    if kind == "wechat" and value[0].isalpha():
        if label in _ENGLISH_WECHAT and not match.group("mark").strip() and value.isalpha():
            return None  # "wechat message": a word, not an ID
        return start, end, kind
    end = _take_digits(match.string, start, end, most)
    digits = sum(ch.isdigit() for ch in match.string[start:end])
    if digits < fewest:
        return None
    if kind == "phone":
        end = _phone_end(match.string, start, end)
        number = "".join(ch for ch in match.string[start:end] if ch.isdigit())
        if is_public(number):
            return None
        kind = "mobile" if len(number) == 11 and number[0] == "1" else "landline"
        if number.startswith("86") and len(number) == 13:
            kind = "mobile"
    if kind == "id_card" and digits == 15 and not id15_valid(match.string[start:end]):
        kind = "id_card"  # after its label it is hidden all the same
    return start, end, kind


_DISTANT = {"id_card": 15, "bank_card": 15}  # a label a few words before a long number: 身份证后来又报了一遍…
_GAP = re.compile(r"[^0-9。！？!?;；〕\n]{1,12}?(?=[0-9])")  # never across a placeholder's 〕


def _distant(num: str, end: int, kind: str) -> re.Match | None:
    """The number a few words after its label (身份证后来又报了一遍 350203…), when it is long enough to be one
    of the label's kind; the words between may not end a sentence."""
    gap = _GAP.match(num, end)
    if gap is None:
        return None
    match = _VALUES[kind].match(num, gap.end())
    if match is None or len(_DIGIT.findall(match.group("value"))) < _DISTANT[kind]:
        return None
    return match


def labelled(num: str) -> Iterator[tuple[int, int, str]]:
    """Every value that follows its label in the (numeral-read) folded text."""
    for label in _ANY_LABEL.finditer(num):
        word, start, end = label.group(), label.start(), label.end()
        if word[0].isascii() and word[0].isalpha() and start and "a" <= num[start - 1] <= "z":
            continue  # the "qq" of "xqq": a Latin label must not end a Latin word
        if word[-1].isascii() and word[-1].isalpha() and end < len(num) and "a" <= num[end] <= "z":
            continue  # nor run on into one: "wxid" is no "wx"
        kind = _LABELS[word]
        match = _VALUES[kind].match(num, end)
        if match is None and kind in _DISTANT:
            match = _distant(num, end, kind)
        if match is not None and (found := _value(kind, word, match)) is not None:
            yield found


def emails(folded: str) -> Iterator[tuple[int, int, str]]:
    """E-mail addresses, with @ or a stand-in for it (at, 艾特, #, (at)) and dot or 点 for the dot."""
    if not any(mark in folded for mark in ("@", "at", "艾特", "#")):
        return
    position = 0
    while match := _EMAIL.search(folded, position):
        position = match.start() + 1
        text = match.group()
        plain = "@" in text and "." in text[text.index("@") :]
        if not plain and match.group("tld") not in _TLDS:
            continue  # "meet at home dot xyz" is no address; with a real @ and dot any domain is
        yield match.start(), match.end(), "email"


def shapes(num: str) -> Iterator[tuple[int, int, str]]:
    """Licence plates, passport numbers and WeChat's own IDs (wxid_…), found by their shape alone."""
    for pattern, kind in ((_PLATE, "plate"), (_PASSPORT, "passport"), (_WXID, "wechat")):
        for match in pattern.finditer(num):
            if kind == "plate" and len(_DIGIT.findall(match.group())) < 3:
                continue  # 京A and a word: a plate holds at least three digits
            yield match.start(), match.end(), kind
