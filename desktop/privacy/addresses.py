"""Addresses finer than a district (DESIGN.md §2.3): a street and its number, a compound and its building.

Found on the folded text with numerals read as digits, so 三号楼二单元 reads as 3号楼2单元:

- a road, street, lane or village and a number: 新华路281号, 新华路281号院, 解放大街100号, 幸福里3号,
  王庄村3组 — the road's name is hidden with its number (a road alone, 在新华路上, is kept);
- a compound (小区, 花园, 家园, 苑, 院, 公寓, 大厦 …) and a building, unit or room: 望京西园三区312号楼2单元1102,
  阳光花园5栋, 金色家园2期3号楼;
- building, unit and room on their own when two of them stand together (3号楼2单元, 2单元1102, 5栋302):
  one alone (在12层, 第三单元) is a floor or a chapter and is kept;
- a compound's name alone (阳光小区, 金色家园) is hidden as unsure: the counselor may un-tick it.

Provinces, cities, districts, schools, hospitals and workplaces are kept: none of them has a number.
"""

import re
from collections.abc import Iterator

# A place name before 路, 小区 …: Chinese characters that are not a word marking where a name ends.
_STOP = "在住到于的是从去来和与及或跟把被给就也还又很说了着过市区县省镇乡州旗盟里外内边上下前后附近对面旁"
_STOP_SET = frozenset(_STOP)
_ROAD = r"(?:大街|大道|路|街|巷|胡同|弄|道|村|屯|庄)"
_NUMBER = r"[0-9]{1,5}(?:-[0-9]{1,4})?"
_PART = r"(?:号楼|号院|号|栋|幢|座|楼|单元|门|层|室|户|组|期|区|排|弄|巷)"
_NOT_PLACE = r"(?![0-9]*(?:岁|年|月|日|分|次|天|元|个|人|小时))"  # 3号3岁: a count, not a building
_BUILDING = rf"(?:{_NUMBER}[ \t]?{_PART}{_NOT_PLACE})"
_ROOM = r"(?:[0-9]{3,5}(?:室|房|号)?)"
# 院, 园 and 城 end hospital, school, park and city names too (医院, 幼儿园, 县城): those are kept.
_COMPOUND = (
    r"(?:小区|花园|家园|嘉园|新村|公寓|大厦|苑|(?<![医学法剧影书研])院|府|(?<![公乐儿物植校])园|(?<![县京省长])城"
    r"|里|湾|庭|阁|居|舍|社区|宿舍|家属院|广场)"
)

# Each pattern is searched from its keyword (路, 小区 …), which re finds fast; the place name before the
# keyword is then taken back character by character (`_name_before`), so the scan stays linear.
_DASHED = r"(?:[0-9]{1,3}-[0-9]{1,3}-[0-9]{2,5}(?![0-9]))"  # building-unit-room: 8-2-1202
_SECTION = r"(?:[东西南北中]?[0-9]{1,2}[期区])"  # 三区, 北一区, 二期
# a street number may be followed by the building's name and a floor: 天府大道94号国贸中心9层
_TOWER = rf"(?:[\u4e00-\u9fff]{{1,6}}?{_BUILDING}{{1,3}}{_ROOM}?)"
_STREET = re.compile(rf"{_ROAD}[ \t]?{_NUMBER}[ \t]?(?:号院|号楼|号|弄|组|巷)(?:{_BUILDING}{{1,4}}{_ROOM}?|{_TOWER})?")
_ESTATE = re.compile(rf"{_COMPOUND}{_SECTION}?[ \t]?(?:{_BUILDING}{{1,4}}{_ROOM}?|{_DASHED}|{_ROOM}(?![0-9]))")
_PARTS = re.compile(
    rf"{_SECTION}?[0-9](?<![0-9][0-9])[0-9]{{0,4}}(?:-[0-9]{{1,4}})?[ \t]?(?:号楼|栋|幢|座|单元)"
    rf"(?:{_BUILDING}{{1,3}}{_ROOM}?|[0-9]{{3,5}}(?:室|号)?)"
)
_ESTATE_NAME = re.compile(r"(?:花园小区|小区|家园|嘉园|新村|公寓)")
_NOT_NAMES = (
    "这个",
    "那个",
    "我们",
    "他们",
    "她们",
    "我家",
    "你们",
    "整个",
    "一个",
    "某",
    "高档",
    "老旧",
    "周边",
    "别的",
    "隔壁",
)


_PLACES = ("和平", "前进", "上地", "平安", "东里", "西里")  # place names that hold a stop character


def _name_before(num: str, end: int, most: int) -> int:
    """Where the place name ending at `end` starts: up to `most` Chinese characters that are no stop word."""
    start = end
    while start > 0 and end - start < most:
        if start >= 2 and num[start - 2 : start] in _PLACES:
            start -= 2
        elif "\u4e00" <= num[start - 1] <= "\u9fff" and num[start - 1] not in _STOP_SET:
            start -= 1
        else:
            break
    return start


def find_addresses(folded: str, num: str) -> Iterator[tuple[int, int, str, bool]]:
    """Every address as (start, end, "address", sure). Patterns read `num`, the folded text with every
    numeral read as a digit (三号楼 is 3号楼); place names are taken from `folded`, where 五一路 is a name."""
    if not any(ch.isdigit() for ch in num) and not any(word in num for word in ("小区", "家园", "新村", "公寓")):
        return
    for pattern, most in ((_STREET, 6), (_ESTATE, 8)):
        for match in pattern.finditer(num):
            start = _name_before(folded, match.start(), most)
            if start < match.start():  # a road or compound has a name: 路3号 alone is no address
                yield start, match.end(), "address", True
    for match in _PARTS.finditer(num):  # the compound's name before it too: 龙湖2号楼1503, 团结湖5区…
        yield _name_before(folded, match.start(), 6), match.end(), "address", True
    for match in _ESTATE_NAME.finditer(num):
        start = _name_before(folded, match.start(), 6)
        if match.start() - start >= 2 and not folded[start : match.start()].startswith(_NOT_NAMES):
            yield start, match.end(), "address", False
