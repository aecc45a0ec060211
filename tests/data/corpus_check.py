"""What makes a note of the guard corpus well formed, shared by the generator and its test.

A note is a dict {"text", "spans", "keep", "source", "clean"}. Each span's text must be plausible for its
kind (read with Chinese numerals and full-width digits as digits), spans must not overlap, every keep
substring must occur in the text outside every span, a clean note has no span, and outside the spans
there is no run of seven or more digits except a public number: so the labels are the whole truth of
what identifies someone in the note.
"""

import re
import unicodedata

KINDS = (
    "mobile", "landline", "id_card", "bank_card", "email", "qq", "wechat",
    "name", "address", "plate", "passport", "student_id", "employee_id",
)  # fmt: skip
SOURCES = ("hand", "generated")

# Public numbers a note may carry anywhere (DESIGN.md §2.3): the long ones, as digit runs.
PUBLIC_DIGIT_RUNS = ("82951332", "4001619995", "8008101117", "01082951332", "962525", "12320", "81899120")

_CN = {"零": "0", "〇": "0", "洞": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
       "六": "6", "七": "7", "拐": "7", "八": "8", "九": "9", "勾": "9"}  # fmt: skip
SURNAME_CHARS = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安"
    "齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
    "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟", "公孙",
                     "端木", "长孙", "宇文", "西门", "南宫", "独孤")  # fmt: skip
PROVINCE_CHARS = set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳使领")
ADDRESS_UNITS = ("号", "楼", "栋", "单元", "室", "院", "层", "弄", "巷", "村", "组", "幢", "座", "户", "排")


def as_digits(text: str) -> str:
    """The digits and letters of ``text``: full-width folded, Chinese numerals read, the rest dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(_CN.get(ch, ch) for ch in folded if _CN.get(ch, ch).isascii() and _CN.get(ch, ch).isalnum())


def _masked(text: str) -> bool:
    return any(ch in text for ch in "*＊xX") and sum(ch.isdigit() for ch in as_digits(text)) >= 7


def plausible(kind: str, text: str) -> bool:
    """Whether ``text`` could be an identifier of ``kind`` as labelled by the corpus."""
    value = as_digits(text)
    folded = unicodedata.normalize("NFKC", text).lower()
    if kind == "mobile":
        if _masked(text):
            return True
        value = re.sub(r"^(?:0086|86)(?=1[3-9]\d{9}$)", "", value)
        return re.fullmatch(r"1[3-9]\d{9}", value) is not None
    if kind == "landline":
        return re.fullmatch(r"(?:0\d{2,3})?[2-9]\d{6,7}\d{0,6}", value) is not None
    if kind == "id_card":
        return re.fullmatch(r"\d{17}[\dxX]|\d{15}", value) is not None
    if kind == "bank_card":
        return _masked(text) or re.fullmatch(r"\d{16,19}", value) is not None
    if kind == "email":
        at = any(mark in folded for mark in ("@", " at ", "(at)", "[at]", "艾特", "#"))
        dot = any(mark in folded for mark in (".", "dot", "点"))
        return at and dot and re.match(r"[a-z0-9]", folded) is not None
    if kind == "qq":
        return re.fullmatch(r"[1-9]\d{4,10}", value) is not None
    if kind == "wechat":
        return re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_-]{4,29}", folded) is not None
    if kind == "name":
        if m := re.fullmatch(r"(\w{1,2})名(\w{1,2})", text):  # 姓张名伟: labelled from the surname on
            return m.group(1) in SURNAME_CHARS or m.group(1) in COMPOUND_SURNAMES
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text) is None:
            return False
        return text[0] in SURNAME_CHARS or text[:2] in COMPOUND_SURNAMES
    if kind == "address":
        units = any(u in text for u in ADDRESS_UNITS) or re.search(r"\d+-\d+-\d+", text) is not None
        return units and re.search(r"\d", value) is not None
    if kind == "plate":
        tail = as_digits(text[1:]).lower()
        return text[0] in PROVINCE_CHARS and re.fullmatch(r"[a-z][a-z0-9]{5,6}", tail) is not None
    if kind == "passport":
        return re.fullmatch(r"[a-z]{1,2}\d{7,8}", folded) is not None
    if kind == "student_id":
        return re.fullmatch(r"[a-z]{0,2}\d{6,18}", value.lower()) is not None
    if kind == "employee_id":
        return re.fullmatch(r"[a-z]{0,3}\d{3,10}", value.lower()) is not None
    raise ValueError(f"unknown kind {kind!r}")


def problems(note: dict) -> list[str]:
    """Everything wrong with one note; an empty list when it is well formed."""
    found = []
    if set(note) != {"text", "spans", "keep", "source", "clean"}:
        return [f"keys are {sorted(note)}"]
    text, spans, keep = note["text"], note["spans"], note["keep"]
    if not isinstance(text, str) or not text.strip():
        return ["text is empty"]
    if note["source"] not in SOURCES:
        found.append(f"source {note['source']!r}")
    if note["clean"] != (not spans):
        found.append("clean must be true exactly when there is no span")
    covered = [False] * len(text)
    previous_end = 0
    for span in sorted(spans, key=lambda s: s["start"]):
        kind, start, end = span["kind"], span["start"], span["end"]
        if kind not in KINDS:
            found.append(f"unknown kind {kind!r}")
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            found.append(f"span {start}:{end} out of range")
            continue
        if start < previous_end:
            found.append(f"span {start}:{end} overlaps the one before")
        previous_end = end
        piece = text[start:end]
        if piece != piece.strip() or not plausible(kind, piece):
            found.append(f"{kind} span {piece!r} is not plausible")
        covered[start:end] = [True] * (end - start)
    for item in keep:
        if not isinstance(item, str) or not item or item not in text:
            found.append(f"keep {item!r} is not in the text")
            continue
        for m in re.finditer(re.escape(item), text):
            if any(covered[m.start() : m.end()]):
                found.append(f"keep {item!r} lies inside a span")
    outside = "".join(ch if not covered[i] else " " for i, ch in enumerate(text))
    for run in re.findall(r"\d{7,}", unicodedata.normalize("NFKC", outside)):
        if run not in PUBLIC_DIGIT_RUNS:
            found.append(f"unlabelled run of digits {run!r}")
    for run in re.findall(f"[{''.join(_CN)}]{{7,}}", outside):
        found.append(f"unlabelled run of dictated digits {run!r}")
    return found
