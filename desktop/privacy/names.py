"""Full personal names (DESIGN.md §2.3): found by what stands around them, confirmed by a segmenter.

A name is sure when a cue says it is one: the caller names someone (我叫…, 名叫…, 自称…, 姓罗名文博), a
relation stands before it (她丈夫李建国, 同学张伟, 男朋友周子豪) or a title after it (张建国老师). Where the
segmenter alone tags a word as a person's name (和王小明吵架), it is an unsure "possible name" that the
counselor may un-tick in the save dialog. A surname with a title (张老师, 王医生), a title alone (班主任),
a surname with 小 or 老 (小王, 老李) and a given name alone (小明) are kept: they single no one out.

The segmenter (`desktop.privacy.segmenter`) tells where a word ends and whether it is a name; without it
(its dictionary failed to load) the cues still work, with a name's end guessed from the characters a
given name cannot hold. Notes are read sentence by sentence, and each sentence's names are remembered,
so typing in a long note reads only the sentence being typed; an import has the sentences of its next
500 calls read together first (`prepare`), which the segmenter does many times faster.

The segmenter was chosen by benchmarks/guard_names.py on the labelled notes of tests/data.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from desktop.privacy import segmenter

COMPOUND_SURNAMES = [
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "钟离",
    "端木",
    "南宫",
    "西门",
    "独孤",
    "呼延",
    "百里",
    "东郭",
    "拓跋",
    "申屠",
    "澹台",
    "太史",
    "万俟",
    "闻人",
    "赫连",
    "公羊",
    "完颜",
    "单于",
    "司空",
]
# The common surnames, most frequent first. Those that are also everyday function words (和, 都, 但 …)
# are left out: after a cue they would turn "丈夫和儿子" into a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴"
)
TITLES = tuple(
    sorted(
        [
            "老师",
            "医生",
            "大夫",
            "同学",
            "先生",
            "女士",
            "小姐",
            "主任",
            "经理",
            "校长",
            "教授",
            "护士",
            "律师",
            "警官",
            "阿姨",
            "叔叔",
            "总",
            "书记",
            "局长",
            "处长",
            "科长",
            "院长",
            "师傅",
            "老板",
            "班长",
            "队长",
            "教练",
            "博士",
            "医师",
            "大姐",
            "大哥",
            "奶奶",
            "爷爷",
            "姐姐",
            "哥哥",
            "同志",
            "姐",
            "哥",
            "工",
            "董",
            "部长",
            "厂长",
            "所长",
            "老爷子",
            "老太太",
            "大爷",
            "大妈",
            "大娘",
            "婶",
            "叔",
            "伯",
            "姨",
            "嫂",
            "主管",
            "组长",
            "总监",
            "助理",
            "导员",
            "辅导员",
            "咨询师",
            "社工",
            "民警",
            "法官",
            "班主任",
        ],
        key=len,
        reverse=True,
    )
)
RELATIONS = [
    "丈夫",
    "妻子",
    "老公",
    "老婆",
    "爱人",
    "媳妇",
    "儿子",
    "女儿",
    "孩子",
    "闺女",
    "同学",
    "男朋友",
    "女朋友",
    "男友",
    "女友",
    "前男友",
    "前女友",
    "前夫",
    "前妻",
    "对象",
    "同事",
    "室友",
    "舍友",
    "领导",
    "上司",
    "老板",
    "朋友",
    "闺蜜",
    "好友",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "哥",
    "姐",
    "弟",
    "妹",
    "爸爸",
    "妈妈",
    "父亲",
    "母亲",
    "爸",
    "妈",
    "继父",
    "继母",
    "外婆",
    "外公",
    "奶奶",
    "爷爷",
    "婆婆",
    "公公",
    "岳父",
    "岳母",
    "表哥",
    "表姐",
    "表弟",
    "表妹",
    "堂哥",
    "堂姐",
    "堂弟",
    "堂妹",
    "邻居",
    "网友",
    "班长",
    "辅导员",
    "班主任",
    "师傅",
    "徒弟",
    "老乡",
    "初恋",
    "同桌",
    "学生",
    "病人",
    "亲戚",
    "继子",
    "继女",
    "前任",
    "队友",
    "战友",
    "合伙人",
    "房东",
    "租客",
    "咨询师",
    "心理咨询师",
    "上级",
    "下属",
    "老师",
    "医生",
    "男生",
    "女生",
    "情人",
    "未婚夫",
    "未婚妻",
    "恋人",
    "发小",
    "老同学",
    "师兄",
    "师姐",
    "师弟",
    "师妹",
    "学长",
    "学姐",
    "学弟",
    "学妹",
    "女婿",
    "儿媳",
    "孙子",
    "孙女",
    "外孙",
    "侄子",
    "侄女",
    "外甥",
    "舅舅",
    "姑姑",
    "姨妈",
    "叔叔",
    "阿姨",
    "伯伯",
    "婶婶",
    "舅妈",
    "姑父",
    "姨父",
    "后妈",
    "后爸",
    "养父",
    "养母",
    "老板娘",
    "主管",
    "经理",
    "客户",
    "病友",
    "网恋对象",
    "男同学",
    "女同学",
    "男同事",
    "女同事",
    "同班同学",
]
# What a caller says before a name: 我叫, 名叫, 自称 …; (?:…) so the longest reads first.
SELF_CUES = [
    "名字叫做",
    "名字叫",
    "名字是",
    "姓名是",
    "全名是",
    "全名叫",
    "真名是",
    "真名叫",
    "真名",
    "本名",
    "叫做",
    "名叫",
    "自称叫",
    "自称是",
    "自称",
    "称自己是",
    "称自己叫",
    "报了名字",
    "报名字",
    "名字",
    "姓名",
    "全名",
    "叫",
]
# Characters a given name does not hold: words that end a name in running text.
_GIVEN_STOP = frozenset(
    "的了是在和与跟说也都就还又很把被给对让叫从打去来要会不没有今最经常个这那些们吧呢吗啊呀哦嘛着过到上下里中"
    "为以及而且但却才再已将向往等后前时年月日岁次讲问想看听知觉认骂吵闹哭笑走跑回家出进起开拿带找做干"
    "吃喝睡住离结婚死病伤比因所如虽每今昨当该能得地之其他她它你我您咱谁什么怎样多少几并或"
    "，。！？；：、“”‘’（）《》【】〔〕…—·,.!?;:()[]{}\"' \t\n0123456789"
)
_RELATION = re.compile("(?:" + "|".join(sorted(map(re.escape, RELATIONS), key=len, reverse=True)) + ")")
_SELF = re.compile("(?:" + "|".join(sorted(map(re.escape, SELF_CUES), key=len, reverse=True)) + r")(?:[:：]\s?|是|为)?")
_NAMED = re.compile(r"姓(?P<surname>[\u4e00-\u9fff]{1,2}?)(?:，|,)?(?:名|叫|名叫)(?P<given>[\u4e00-\u9fff]{1,2})")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_PROPER = ("PER", "LOC", "ORG", "nz", "nw")  # after a cue, a proper noun of two or three characters is a name
# Medicines and everyday words the segmenter takes for names (米氮平 is mirtazapine, 李子 a plum).
_NOT_NAME_WORDS = tuple(
    [
        "米氮平",
        "米安色林",
        "艾司西酞普兰",
        "艾司唑仑",
        "文拉法辛",
        "丁螺环酮",
        "劳拉西泮",
        "阿立哌唑",
        "阿普唑仑",
        "伏硫西汀",
        "利培酮",
        "帕罗西汀",
        "李子",
        "杨树",
        "柳树",
        "杨梅",
        "石榴",
        "金鱼",
        "白菜",
        "黄瓜",
        "马桶",
        "牛奶",
        "江湖",
        "高铁",
        "毛衣",
        "包子",
        "钱包",
    ]
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that begin with a surname but are no name: the segmenter knows most; these it tags as names.
_NOT_NAMES = frozenset(
    [
        "高三",
        "高二",
        "高一",
        "高中",
        "高考",
        "高兴",
        "马上",
        "文化",
        "方便",
        "安全",
        "金钱",
        "常常",
        "温柔",
        "石头",
        "江湖",
        "周围",
        "周末",
        "白天",
        "黄金",
    ]
)


def _surname_at(text: str, i: int) -> int:
    """The length of the surname starting at text[i] (2 for 欧阳, 1 for 王), or 0."""
    if text[i : i + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[i : i + 1] in SURNAMES else 0


def _title_at(text: str, i: int) -> str | None:
    for title in TITLES:
        if text.startswith(title, i):
            return title
    return None


def _guess_end(text: str, i: int, surname: int) -> int:
    """Where a name starting at i ends, without a segmenter: up to two given-name characters."""
    end = i + surname
    while end < len(text) and end - i - surname < 2 and text[end] not in _GIVEN_STOP and _CJK.match(text[end]):
        if _title_at(text, end):
            break
        end += 1
    return end


def _one_more(text: str, end: int, words: dict[int, tuple[int, str]]) -> int:
    """After a cue, a two-character name followed by a lone character that a name can hold and then a
    pause (punctuation, the end) is a three-character name the segmenter cut: 前男友崔琳诗，"""
    word = words.get(end)
    if word is None or word[0] != end + 1 or text[end] in _GIVEN_STOP or not _CJK.match(text[end]):
        return end
    after = text[end + 1 : end + 2]
    return end + 1 if not after or not _CJK.match(after) or after in _GIVEN_STOP else end


def _name_at(text: str, i: int, words: dict[int, tuple[int, str]] | None, cue: bool = False) -> tuple[int, int] | None:
    """The full name starting at text[i], as (start, end), or None (no surname, a title, a common word).

    `words`: the segmenter's words by start, or None without a segmenter (the end is then guessed)."""
    surname = _surname_at(text, i)
    if not surname or i + surname >= len(text):
        return None
    if _title_at(text, i + surname) or text[i - 1 : i] in ("小", "老", "阿"):
        return None  # 张老师, 小王: a surname with a title names no one
    if text.startswith(_NOT_NAME_WORDS, i):
        return None
    if words is not None:
        word = words.get(i)
        if word is None:
            return None  # i lies inside a word
        end, tag = word
        if tag == "PER" or (cue and tag in _PROPER and 2 <= end - i <= 3):
            title = next((t for t in TITLES if text[i:end].endswith(t)), None)
            if title:  # the segmenter may take 张建国老师 as one name
                end -= len(title)
            given = text[i + surname : end]
            if not given or len(given) > 2 or not all(_CJK.match(ch) for ch in given):
                return None
            if (len(given) == 1 and given == text[i]) or text[i:end] in _NOT_NAMES:
                return None  # 毛毛 (a pet name), 高三
            if cue and len(given) == 1:
                end = _one_more(text, end, words)  # 崔琳|诗: the segmenter cut a three-character name
            return i, end
        if end - i != surname:
            return None  # a word of the dictionary: 关系, 马上, 任课
    end = _guess_end(text, i, surname)
    if end - i - surname < 1 or text[i:end] in _NOT_NAMES:
        return None
    return i, end


_TITLED = re.compile(r"[\u4e00-\u9fff]{2,4}?(?=" + "|".join(TITLES) + ")")
_LONGEST = 120  # a sentence longer than this is read in pieces (a note of one endless line stays linear)


_KNOWN_MOST = 8192  # sentences with a surname whose names are remembered (an import batch's are some thousands)
_known: OrderedDict[str, tuple[tuple[int, int, bool], ...]] = OrderedDict()  # least recently used first
_known_lock = threading.Lock()  # the window's typing and an import's worker may both read names


def _may_hold_name(sentence: str) -> bool:
    """Whether `sentence` holds a surname at all: only then is it worth the segmenter."""
    return any(ch in SURNAMES for ch in sentence) or any(s in sentence for s in COMPOUND_SURNAMES)


def _remember(sentence: str, names: tuple[tuple[int, int, bool], ...]) -> None:
    with _known_lock:
        _known[sentence] = names
        if len(_known) > _KNOWN_MOST:
            _known.popitem(last=False)


def forget() -> None:
    """Forget every sentence's names (benchmarks/guard_names.py, between segmenters)."""
    with _known_lock:
        _known.clear()


def _sentence_names(sentence: str) -> tuple[tuple[int, int, bool], ...]:
    """The names of one sentence as (start, end, sure), offsets into the sentence; remembered."""
    if not _may_hold_name(sentence):
        return ()  # not remembered: it would push out the sentences an import has just read
    with _known_lock:
        names = _known.get(sentence)
        if names is not None:
            _known.move_to_end(sentence)
            return names
    names = _read_names(sentence, segmenter.segment(sentence))
    _remember(sentence, names)
    return names


def prepare(folded_texts: Iterable[str]) -> None:
    """Read the names of every sentence of many folded texts at once (an import's next calls), so that
    `find_names` on each of them finds its sentences remembered. The segmenter reads many sentences
    together far faster than one by one; what this finds is exactly what `find_names` would."""
    wanted = dict.fromkeys(piece for text in folded_texts for _base, piece in _pieces(text))
    with _known_lock:
        wanted = [piece for piece in wanted if piece not in _known and _may_hold_name(piece)]
    # Half the memory at a time: texts of more sentences than it keeps are read all the same, and their first
    # sentences read again when they are guarded.
    for start in range(0, len(wanted), _KNOWN_MOST // 2):
        batch = wanted[start : start + _KNOWN_MOST // 2]
        for piece, tokens in zip(batch, segmenter.segment_many(batch), strict=True):
            _remember(piece, _read_names(piece, tokens))


def _read_names(sentence: str, tokens: list) -> tuple[tuple[int, int, bool], ...]:
    """The names of one sentence, given the segmenter's words of it."""
    words = {start: (end, tag) for start, end, tag in tokens} if tokens else None
    found: dict[int, tuple[int, bool]] = {}

    def add(span: tuple[int, int] | None, sure: bool) -> None:
        if span is None:
            return
        start, end = span
        old = found.get(start)
        if old is None or (sure and not old[1]) or (sure == old[1] and end > old[0]):
            found[start] = (end, sure or (old is not None and old[1]))

    for cue in (_SELF, _RELATION):
        for match in cue.finditer(sentence):
            add(_name_at(sentence, match.end(), words, cue=True), True)
    for match in _NAMED.finditer(sentence):  # 姓罗名文博: the surname, 名 and the given name, as one
        add((match.start("surname"), match.end("given")), True)
    for start, _end, tag in tokens:
        if tag == "PER" and (span := _name_at(sentence, start, words)):
            add(span, _title_at(sentence, span[1]) is not None)  # 张建国老师: sure; 王小明 alone: possible
    if words is None:  # without a segmenter: a full name before a title, 张建国老师, 刘子墨同学
        for match in _TITLED.finditer(sentence):
            for i in range(match.start(), match.end() - 1):
                span = _name_at(sentence, i, None)
                if span and span[1] == match.end():
                    add(span, True)
                    break
    return tuple(sorted((start, end, sure) for start, (end, sure) in found.items()))


def _pieces(folded: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each sentence of the folded text, a long one cut in pieces of `_LONGEST`."""
    for match in _SENTENCE.finditer(folded):
        for base in range(match.start(), match.end(), _LONGEST):
            yield base, folded[base : min(base + _LONGEST, match.end())]


def find_names(folded: str) -> Iterator[tuple[int, int, str, bool]]:
    """Every full personal name in the folded text as (start, end, "name", sure)."""
    for base, piece in _pieces(folded):
        for start, end, sure in _sentence_names(piece):
            yield base + start, base + end, "name", sure
