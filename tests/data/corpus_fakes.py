"""Fake but realistic caller identifiers, written the many ways a counselor types them at 3 a.m.

Every value is drawn from a seeded `random.Random`: the same seed gives the same corpus. The numbers have
the shape of real ones (mobile prefixes 13x-19x, ID numbers with a region, a birth date and, mostly, a
valid check digit, card numbers with a Chinese bank's prefix and, mostly, a valid Luhn digit) but belong
to nobody: they are drawn, never copied. `write(kind, rng, labelled)` returns the text of one identifier;
``labelled`` says a naming word (电话, 身份证, 卡号 …) stands right before it, which allows the forms
only a label makes recognisable (a wrong check digit, a landline without its area code).
"""

import random

from tests.data.corpus_digits import (
    FULL_WIDTH,
    ODD_SEPARATORS,
    PLAIN_SEPARATORS,
    chinese,
    digits,
    groups_of,
    pick_style,
    styled,
)

# ---- mobile ----

MOBILE_PREFIXES = (
    *(f"13{d}" for d in range(10)),
    "145", "147", "150", "151", "152", "153", "155", "156", "157", "158", "159",
    "166", "170", "171", "173", "175", "176", "177", "178",
    *(f"18{d}" for d in range(10)),
    "191", "193", "195", "196", "197", "198", "199",
)  # fmt: skip
MOBILE_GROUPS = ([3, 4, 4], [3, 4, 4], [4, 3, 4], [3, 3, 5], [4, 4, 3], [3, 8], [7, 4], [3, 4, 4])
MOBILE_STYLES = {
    "plain": 20, "grouped": 14, "odd": 6, "fullwidth": 6, "linebreak": 5, "chinese": 8,
    "spoken": 8, "mixed": 3, "zerowidth": 2, "masked": 5, "bracketed": 3, "intl": 4,
}  # fmt: skip


def mobile_digits(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + digits(rng, 8)


def write_mobile(rng: random.Random, labelled: bool) -> str:
    number = mobile_digits(rng)
    style = pick_style(rng, MOBILE_STYLES)
    if style == "masked":
        return number[:3] + rng.choice(("****", "＊＊＊＊", "xxxx")) + number[7:]
    if style == "bracketed":
        return f"({number[:3]}){rng.choice(('', ' '))}{number[3:7]}-{number[7:]}"
    if style == "intl":  # the +86 belongs to the number
        return rng.choice(("+86 ", "+86-", "+86", "(+86)", "0086 ", "86-")) + styled(number, [3, 4, 4], "grouped", rng)
    return styled(number, rng.choice(MOBILE_GROUPS), style, rng)


# ---- landline ----

AREA_CODES = (
    "010", "021", "022", "023", "020", "024", "025", "027", "028", "029", "0311", "0351", "0371",
    "0431", "0451", "0531", "0551", "0571", "0591", "0731", "0755", "0756", "0769", "0791", "0851",
    "0871", "0898", "0931", "0991", "0512", "0510", "0532", "0574",
)  # fmt: skip
LANDLINE_STYLES = {"plain": 10, "dashed": 25, "grouped": 10, "bracketed": 10, "fullwidth": 5, "chinese": 6,
                   "spoken": 6, "extension": 4, "linebreak": 3, "odd": 3}  # fmt: skip


def write_landline(rng: random.Random, labelled: bool) -> str:
    area = rng.choice(AREA_CODES)
    local = digits(rng, 8 if len(area) == 3 else rng.choice((7, 8)), "2345678")
    style = pick_style(rng, LANDLINE_STYLES)
    if labelled and rng.random() < 0.3:  # 电话 62345678: no area code, only the label says what it is
        if style in ("chinese", "spoken"):
            return chinese(local, rng, spoken=0.8 if style == "spoken" else 0)
        if style == "grouped":
            return f"{local[:4]} {local[4:]}"
        return local
    if style == "dashed":
        return f"{area}-{local}"
    if style == "grouped":
        return f"{area} {local[:4]} {local[4:]}"
    if style == "bracketed":
        return rng.choice(("({a}){l}", "（{a}）{l}", "({a}) {l}", "({a})-{l}")).format(a=area, l=local)
    if style == "fullwidth":
        return f"{area}-{local}".translate(FULL_WIDTH)
    if style in ("chinese", "spoken"):
        return chinese(area, rng, 0.8 if style == "spoken" else 0) + " " + chinese(local, rng, 0.5)
    if style == "extension":
        return f"{area}-{local}{rng.choice(('转', '-', ' 转 ', '分机'))}{digits(rng, rng.choice((3, 4)), '123456789')}"
    if style == "linebreak":
        return f"{area}-\n{local}"
    if style == "odd":
        return f"{area}{rng.choice(ODD_SEPARATORS)}{local[:4]}{rng.choice(ODD_SEPARATORS)}{local[4:]}"
    return area + local


# ---- ID card (GB 11643) ----

REGIONS = (
    "110101", "110105", "110108", "110114", "120103", "130102", "140105", "210102", "220104", "230103",
    "310104", "310115", "320102", "320583", "330106", "330381", "340104", "350203", "360102", "370102",
    "370203", "410105", "420106", "430104", "440106", "440305", "450103", "500103", "510107", "520102",
    "530102", "610113", "620102", "650102",
)  # fmt: skip
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_STYLES = {"plain": 30, "grouped": 12, "dashed": 8, "four": 10, "fullwidth": 6, "linebreak": 5,
             "chinese": 6, "spoken": 3, "lower_x": 3, "zerowidth": 2}  # fmt: skip


def id_check(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_number(rng: random.Random, valid: bool = True) -> str:
    birth = f"{rng.randint(1950, 2010)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = rng.choice(REGIONS) + birth + digits(rng, 3)
    check = id_check(first17)
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return first17 + check


def write_id_card(rng: random.Random, labelled: bool) -> str:
    if labelled and rng.random() < 0.06:  # an old 15-digit number: region, yymmdd, sequence
        birth = f"{rng.randint(50, 84)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        return rng.choice(REGIONS) + birth + digits(rng, 3)
    number = id_number(rng, valid=not labelled or rng.random() < 0.8)
    style = pick_style(rng, ID_STYLES)
    if style == "lower_x":
        number = number[:17] + "x" if number.endswith("X") else number
        return number
    if style == "dashed":
        return f"{number[:6]}-{number[6:14]}-{number[14:]}"
    if style == "four":  # 4-4-4-4-2
        return " ".join(groups_of(number, [4, 4, 4, 4, 2]))
    if style == "grouped":
        return rng.choice(PLAIN_SEPARATORS[:1] + (" ",)).join(groups_of(number, [6, 8, 4]))
    return styled(number, [6, 8, 4], style, rng)


# ---- bank card ----

CARD_PREFIXES = ("622202", "621700", "622848", "621661", "622588", "621483", "623668", "621226", "622700",
                 "621799", "622262", "625911", "620522", "622609", "621098")  # fmt: skip
CARD_STYLES = {"plain": 25, "four": 25, "six": 10, "dashed": 8, "fullwidth": 5, "linebreak": 5, "chinese": 4,
               "masked": 6, "odd": 3}  # fmt: skip


def luhn_digit(body: str) -> str:
    total = 0
    for position, ch in enumerate(reversed(body)):
        d = int(ch)
        if position % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card_number(rng: random.Random, valid: bool = True) -> str:
    length = rng.choice((16, 19, 19, 16, 18))
    body = rng.choice(CARD_PREFIXES) + digits(rng, length - 7)
    check = luhn_digit(body)
    if not valid:
        check = str((int(check) + rng.randint(1, 9)) % 10)
    return body + check


def write_bank_card(rng: random.Random, labelled: bool) -> str:
    number = card_number(rng, valid=not labelled or rng.random() < 0.8)
    style = pick_style(rng, CARD_STYLES)
    if style == "masked" and labelled:
        return number[:6] + rng.choice(("******", "*" * (len(number) - 10), "****")) + number[-4:]
    if style == "four":
        return " ".join(groups_of(number, [4, 4, 4, 4, 4]))
    if style == "six":  # 6+13, as some bank apps print it
        return f"{number[:6]} {number[6:]}"
    if style == "dashed":
        return "-".join(groups_of(number, [4, 4, 4, 4, 4]))
    if style in ("masked", "plain"):
        return number
    return styled(number, [4, 4, 4, 4, 4], style, rng)


# ---- e-mail ----

PINYIN = ("xiao", "ming", "li", "wang", "zhang", "yu", "lin", "hua", "jing", "fang", "chen", "yang", "hao",
          "tian", "xue", "mei", "lei", "jun", "ting", "qing", "yun", "feng", "long", "bao", "sunny", "lucky",
          "angel", "moon", "cat", "happy", "rain", "star", "tiger", "ziyi", "kk", "dd")  # fmt: skip
DOMAINS = ("qq.com", "163.com", "126.com", "gmail.com", "sina.com", "foxmail.com", "outlook.com", "hotmail.com",
           "139.com", "yeah.net", "sohu.com", "aliyun.com", "icloud.com", "163.com", "qq.com")  # fmt: skip


def local_part(rng: random.Random) -> str:
    shape = rng.randrange(5)
    if shape == 0:
        return digits(rng, rng.randint(6, 10), "123456789")  # a QQ number as the local part
    name = rng.choice(PINYIN) + rng.choice(("", "_", ".", "")) + rng.choice(PINYIN)
    if shape in (1, 2):
        name += str(rng.randint(1, 2009))
    return name


def write_email(rng: random.Random, labelled: bool) -> str:
    local, domain = local_part(rng), rng.choice(DOMAINS)
    host, tld = domain.rsplit(".", 1)
    form = rng.randrange(14)
    return (
        f"{local}@{domain}",
        f"{local}@{domain}",
        f"{local.upper() if rng.random() < 0.2 else local}@{domain.upper()}",
        f"{local} at {host} dot {tld}",
        f"{local} AT {host} DOT {tld}",
        f"{local}#{domain}",
        f"{local} 艾特 {domain}",
        f"{local}艾特{host}点{tld}",
        f"{local}(at){domain}",
        f"{local}[at]{host}[dot]{tld}",
        f"{local} @ {domain}",
        f"{local}＠{host}．{tld}",
        f"{local} at {domain}",
        f"{local}(at){host}(dot){tld}",
    )[form]


# ---- QQ and WeChat ----

QQ_STYLES = {"plain": 50, "grouped": 12, "fullwidth": 6, "chinese": 8, "spoken": 5, "linebreak": 2}


def write_qq(rng: random.Random, labelled: bool) -> str:
    number = digits(rng, rng.choice((6, 8, 9, 9, 10, 10, 11)), "123456789")
    style = pick_style(rng, QQ_STYLES)
    size = len(number)
    return styled(number, [3, 3, 4] if size <= 10 else [3, 4, 4], style, rng)


WORDS = ("xiaoyu", "sunshine", "mumu", "echo", "lemon", "lily", "momo", "tangtang", "aqiang", "dabai",
         "jiejie", "yoyo", "summer", "kiki", "coco", "doudou", "nana", "leo", "jerry", "monica", "ranran",
         "feifei", "huahua", "bobo", "xixi", "chenchen", "zz", "wu")  # fmt: skip


def write_wechat(rng: random.Random, labelled: bool) -> str:
    shape = rng.randrange(8)
    if shape == 0:
        return "wxid_" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(14))
    if shape == 1:  # all letters: only the label says it is an ID
        return rng.choice(WORDS) + rng.choice(WORDS)
    base = rng.choice(WORDS) + rng.choice(("", "_", "-", ""))
    tail = rng.choice((digits(rng, rng.randint(2, 6)), rng.choice(PINYIN) + str(rng.randint(1, 99)), "1999", "0618"))
    value = base + tail
    if len(value) < 6:
        value += digits(rng, 6 - len(value))
    if shape == 2:
        value = value[0].upper() + value[1:]
    return value


# ---- names ----

SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟")
COMPOUND_SURNAMES += ("公孙", "端木", "长孙", "宇文")
GIVEN = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鑫宇浩然子轩梓涵欣怡佳琪雨晨思博俊嘉晓婷"
    "雪倩鹏飞宁凯亮慧琳瑶颖丹蕾薇岚峰斌帆诗语昊天泽一诺安可心铭瑞婉清春梅志永海"
)


def write_name(rng: random.Random, labelled: bool) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.08 else rng.choice(SURNAMES)
    size = rng.choices((1, 2), weights=(35, 65))[0]
    given = "".join(rng.choice(GIVEN) for _ in range(size))
    if size == 2 and rng.random() < 0.2:
        given = given[0] + given[0]  # 婷婷, 明明: a doubled given name
    return surname + given


# ---- addresses ----

COMPOUNDS = ("望京西园", "幸福", "阳光", "金色家园", "翠微", "融泽嘉园", "天通苑", "回龙观", "龙湖", "万科城", "碧桂园",
             "华润", "锦绣", "和平里", "花园", "东湖", "世纪城", "康居", "明珠", "绿地", "保利", "紫荆", "丽都",
             "新城", "安贞", "团结湖", "芳草地", "枫林", "桃源", "滨江")  # fmt: skip
ROADS = ("新华路", "人民路", "解放路", "建设路", "中山路", "和平路", "长安街", "学院路", "朝阳北路", "淮海中路",
         "南京西路", "天府大道", "东风路", "胜利街", "文化路", "青年路", "光明街", "北大街", "江汉路", "黄河路",
         "五一路", "迎宾大道", "幸福路", "滨河路")  # fmt: skip
VILLAGES = ("王家", "李庄", "张湾", "石桥", "杨柳", "后沟", "东坡", "河西", "南岗", "马家")


def write_address(rng: random.Random, labelled: bool) -> str:
    n = rng.randint
    compound = rng.choice(COMPOUNDS)
    form = rng.randrange(11)
    if form == 0:
        return f"{compound}{rng.choice('一二三四五')}区{n(1, 420)}号楼{n(1, 6)}单元{n(1, 28)}{n(1, 4):02d}"
    if form == 1:
        return f"{rng.choice(ROADS)}{n(1, 399)}号院"
    if form == 2:
        return f"{compound}小区{n(1, 40)}栋{n(1, 6)}单元{n(1, 33)}{n(1, 6):02d}室"
    if form == 3:
        return f"{rng.choice(ROADS)}{n(1, 999)}号"
    if form == 4:
        return f"{rng.choice(VILLAGES)}村{n(1, 12)}组{n(1, 120)}号"
    if form == 5:
        return f"{rng.choice(ROADS)}{n(1, 800)}弄{n(1, 60)}号{n(1, 6)}0{n(1, 4)}室"
    if form == 6:
        return f"{compound}{n(1, 30)}号楼{n(1, 25)}0{n(1, 6)}"
    if form == 7:
        return f"{compound}{rng.choice(('小区', '家园', '花园', '苑'))}{n(1, 30)}-{n(1, 6)}-{n(1, 30)}0{n(1, 4)}"
    if form == 8:  # dictated: 阳光小区十二栋三单元五零二
        building, entrance, room = (chinese(str(v), rng) for v in (n(1, 20), n(1, 6), n(1, 9) * 100 + n(1, 4)))
        return f"{compound}小区{building}栋{entrance}单元{room}"
    if form == 9:
        return f"{rng.choice(ROADS)}{n(1, 300)}号{rng.choice(('华联大厦', '国贸中心', '科技园', '写字楼'))}{n(2, 30)}层"
    return f"{compound}{n(1, 20)}幢{n(1, 30)}0{n(1, 4)}室"


# ---- plates, passports, student and employee numbers ----

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def write_plate(rng: random.Random, labelled: bool) -> str:
    province, city = rng.choice(PROVINCES), rng.choice(PLATE_LETTERS[:12])
    if rng.random() < 0.2:  # new energy: D or F and five digits
        tail = rng.choice("DF") + digits(rng, 5)
    else:
        tail = [rng.choice("0123456789") for _ in range(5)]
        for at in rng.sample(range(5), rng.choice((0, 1, 1, 2))):  # at most two letters among the five
            tail[at] = rng.choice(PLATE_LETTERS)
        tail = "".join(tail)
    separator = rng.choice(("·", "", " ", "-", "•", "", "·"))
    plate = f"{province}{city}{separator}{tail}"
    return plate.lower() if rng.random() < 0.05 else plate


def write_passport(rng: random.Random, labelled: bool) -> str:
    form = rng.randrange(5)
    if form in (0, 1):
        return "E" + digits(rng, 8)
    if form == 2:
        return "E" + rng.choice(PLATE_LETTERS) + digits(rng, 7)
    if form == 3:
        return "G" + digits(rng, rng.choice((7, 8)))
    return rng.choice(("EA", "EB", "EC", "P")) + digits(rng, 7)


def write_student_id(rng: random.Random, labelled: bool) -> str:
    form = rng.randrange(5)
    if form in (0, 1):
        return f"{rng.randint(2017, 2024)}{digits(rng, rng.choice((6, 7, 8)))}"
    if form == 2:
        return f"{rng.choice('SBMU')}{rng.randint(2018, 2024)}{digits(rng, 5)}"
    if form == 3:
        number = f"{rng.randint(2017, 2024)}{digits(rng, 6)}"
        return styled(number, [4, 3, 3], rng.choice(("grouped", "chinese", "fullwidth")), rng)
    return digits(rng, rng.choice((8, 9, 10, 12)), "123456789")


def write_employee_id(rng: random.Random, labelled: bool) -> str:
    form = rng.randrange(5)
    if form in (0, 1):
        return digits(rng, rng.choice((4, 5, 6, 6, 8)), "0123456789")
    if form == 2:
        return rng.choice(("BJ", "SH", "GZ", "A", "E", "HW", "JD", "T")) + digits(rng, rng.choice((4, 5, 6)))
    if form == 3:
        return f"{rng.choice(('BJ', 'CN', 'SZ'))}-{digits(rng, 5)}"
    return chinese(digits(rng, rng.choice((4, 5, 6))), rng, spoken=0.5)


WRITERS = {
    "mobile": write_mobile,
    "landline": write_landline,
    "id_card": write_id_card,
    "bank_card": write_bank_card,
    "email": write_email,
    "qq": write_qq,
    "wechat": write_wechat,
    "name": write_name,
    "address": write_address,
    "plate": write_plate,
    "passport": write_passport,
    "student_id": write_student_id,
    "employee_id": write_employee_id,
}


def write(kind: str, rng: random.Random, labelled: bool) -> str:
    """One identifier of ``kind`` as a counselor might type it."""
    return WRITERS[kind](rng, labelled)
