"""The sentences of generated notes: what a 12356 counselor writes around (and without) identifiers.

In a sentence, ``<category>`` is a token that is NOT an identifier and must survive the guard (a dose, a
score, a public hotline, 张老师 …) and ``{kind}`` is an identifier of that kind. An identifier sentence
starting with ``~`` has no naming word right before its slot: only the shape of the value can tell.
In a kept token, ``#a-b#`` is a number from a to b (``#a-b:2#`` with two digits) and ``%xyz%`` one of
the characters x, y, z. Lists are written as text: items are separated by ``|``.
"""

import random
import re

from tests.data.corpus_fakes import SURNAMES


def items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split("|") if item.strip())


# ---- tokens that are not identifiers ----

KEEP = {
    "dose": items("""
        舍曲林50mg | 舍曲林100mg | 舍曲林25mg qd | 帕罗西汀20mg | 艾司西酞普兰10mg | 艾司西酞普兰5mg qd |
        文拉法辛75mg bid | 文拉法辛150mg | 米氮平15mg qn | 米氮平30mg | 奥氮平2.5mg | 奥氮平5mg qn |
        喹硫平100mg | 喹硫平25mg每晚 | 劳拉西泮0.5mg prn | 劳拉西泮1mg | 阿普唑仑0.4mg | 丙戊酸钠500mg |
        碳酸锂300mg tid | 氟西汀20mg | 氟西汀20毫克/天 | 右佐匹克隆3mg | 唑吡坦10mg 1片/晚 | 度洛西汀60mg |
        阿立哌唑5mg | 阿立哌唑10mg | 氯硝西泮2mg | 氯硝西泮1mg | 曲唑酮50mg qn | 舍曲林#1-4#片"""),
    "pills": items("#10-60#片 | #2-9#盒 | 安眠药#10-50#片 | 阿普唑仑#10-40#片 | #2-6#瓶 | 一整板 | 半瓶"),
    "scale": items("""
        PHQ-9 #5-27#分 | GAD-7 #5-21# | PHQ9=#5-27# | SDS #50-80#分 | SAS #50-80# | HAMD #8-35#分 |
        痛苦#5-10#/10 | 自评#3-10#分 | PHQ-9：#5-27# | gad7 #5-21#分 | EPDS #10-25# | 风险#4-9#分"""),
    "date": items("""
        2024-#1-12:2#-#1-28:2# | #1-12#月#1-28#号 | #1-12#/#1-28# | #2019-2025#年#1-12#月 | #1-28#号 |
        2023.#1-12#.#1-28# | #1-12#月#1-28#日 | 下周三 | 大年初二 | 国庆前 | 上周五 | 月底"""),
    "time": items("""
        #19-23#:#0-59:2# | #0-5#:#0-59:2# | 凌晨#1-5#点 | #20-23#：#0-59:2# | #1-4#点#10-55# |
        晚上#8-11#点半 | 0#1-5#:#10-59# | #8-11#pm | 半夜 | 凌晨"""),
    "duration": items("""
        #10-90#分钟 | #2-11#个月 | %两三四五%年 | 半小时 | #2-20#天 | 1h#5-55#min | #20-120#min | 十几天 |
        #2-8#周 | 大半年 | #2-9#年"""),
    "money": items("""
        欠款#2-50#万 | 网贷#3-40#万 | 借了#2-9#000 | 欠了%二三四五%十多万 | 月薪#3-9##0-9#00 |
        ¥#1-9#,#100-999# | #2-9#.#1-9#k | #200-900#块 | 赔了#10-80#万 | 房贷每月#3-9#千 | 信用卡#2-6#张"""),
    "age": items("#13-75#岁 | %二三四五六%十多岁 | #14-19#y | #18-60#周岁 | #2-6#0岁左右 | #13-17#岁"),
    "teen": items("#12-18#岁 | #13-17#y | #12-18#周岁 | 初%一二三% | 高%一二三%"),
    "floor": items("住#2-33#楼 | #6-32#楼 | #5-30#层楼顶 | #3-26#楼阳台 | 顶楼 | 住#2-20#层 | 天台"),
    "icd": items("F32.1 | F32.2 | F33.1 | F41.1 | F41.0 | F43.1 | F31.2 | F20.0 | F60.3 | F42.0 | F50.2 | F32.9"),
    "count": items("""
        第#2-9#次来电 | #2-5#次 | 一天#1-3#包烟 | #1-4#个孩子 | 割了#3-12#道 | #2-4#次自杀未遂 |
        #2-8#瓶啤酒 | 喝了#2-6#两白酒 | 睡#2-4#小时 | 第#2-5#通"""),
    "hotline": items("""
        12356 | 110 | 120 | 119 | 12355 | 12338 | 12348 | 12345 | 12320 | 96110 | 010-82951332 |
        400-161-9995 | 800-810-1117 | 12356 | 110 | 120 | 010-8295 1332 | 12356热线"""),
    "role": items("""
        班主任 | 辅导员 | 心理老师 | 社工 | 居委会 | 民警 | 派出所 | 主治医生 | 宿管阿姨 | 网格员 | 村支书 |
        校医 | 督导 | 值班长 | 急诊科"""),
    "region": items("""
        河北 | 山东 | 东北 | 成都 | 广州 | 武汉 | 杭州 | 重庆 | 石家庄 | 郑州 | 湖南 | 四川 | 安徽 | 外地 |
        本地 | 北京 | 上海 | 天津 | 江西 | 甘肃"""),
    "district": items("""
        海淀区 | 朝阳区 | 西城区 | 丰台区 | 通州区 | 昌平区 | 浦东新区 | 徐汇区 | 天河区 | 南山区 | 武侯区 |
        江汉区 | 鼓楼区 | 西湖区"""),
    "place": items("""
        海淀区 | 朝阳区 | 北京安定医院 | 北京大学 | 北京回龙观医院 | 上海市精神卫生中心 | 浦东新区 | 成都 |
        华西医院 | 广州 | 天河区 | 武汉 | 湘雅二院 | 清华 | 人大附中 | 北医六院 | 昌平 | 通州区 | 河北 |
        山东 | 老家 | 深圳南山区 | 杭州 | 西城区 | 丰台区 | 大兴 | 顺义 | 石家庄 | 郑州 | 重庆 | 宛平南路 |
        中关村 | 望京 | 国贸 | 西二旗 | 五道口 | 天通苑 | 回龙观 | 富士康 | 社区医院"""),
    "word": items("""
        马上 | 高兴 | 方便 | 金钱 | 安心 | 常常 | 白天 | 石头 | 文明 | 向往 | 江湖 | 高中 | 周末 | 于是 |
        黄昏 | 田野 | 程度 | 万一 | 林荫道 | 杨树 | 包容 | 李子 | 白白 | 何必 | 孔雀"""),
    "english": items("""
        emo | PTSD | ok | CBT | BPD | ASAP | follow up | call back | DBT | ADHD | QAQ | anyway |
        I'm at my limit | whatever | sorry | no hope | at home | look at me | help | SOS"""),
    "misc": items("""
        地铁#1-17#号线 | 初%一二三%(#1-12#)班 | 血压#110-170#/#70-105# | 体重#38-90#kg | #37-39#.#1-9#℃ |
        #2-40#床 | 985 | 5G | iPhone #8-15# | 高%一二三% | 大%一二三四% | #2-6#年级 | #60-100#分 | top2 |
        #2-4#号线换乘 | 心率#90-130#"""),
}
TITLES = items("老师 | 医生 | 警官 | 主任 | 阿姨 | 律师 | 大夫 | 护士 | 师傅 | 经理 | 姐 | 哥 | 叔")
_TOKEN = re.compile(r"#(\d+)-(\d+)(?::(\d))?#|%(\w+)%")


def keep_token(category: str, rng: random.Random) -> str:
    """One token of ``category`` that a guard must leave as it is."""
    if category == "title":  # 张老师, 小王: a surname with a title, never a full name
        if rng.random() < 0.75:
            return rng.choice(SURNAMES) + rng.choice(TITLES)
        return rng.choice("小老") + rng.choice(SURNAMES)

    def draw(m: re.Match) -> str:
        if m.group(4):
            return rng.choice(m.group(4))
        return f"{rng.randint(int(m.group(1)), int(m.group(2))):0{m.group(3) or 1}d}"

    return _TOKEN.sub(draw, rng.choice(KEEP[category]))


# ---- clean sentences ----

OPENERS = items("""
    <age>女，<region>人， | 男 <age> | 来电者女，约<age>， | 男，<age>，在<place>上班， | 女生 <teen> 高中生 |
    <time>来电，女，<age>， | <count>，女，<age>。 | 男<age>， | 来电者（男，<age>）： | <time> 接入，男，<age>， |
    复诊来电。 | 老来电者，<count>。 | 女 <age> <region> | 【<time>】女， | <date> <time> 男 |
    家属来电（母亲，<age>）： | 第三方来电， | <english>… 女<age> | 来电者自述<age>， | 匿名来电，男，""")
BODIES = items("""
    失眠<duration>，<scale> | 在吃<dose>，<duration>了 | 自述诊断<icd>，<place>开的<dose> | <scale>，<scale> |
    欠款压力大，<money>，催收天天打 | 说站在<floor>，已稳定 | 和<title>聊过，<role>也知道 |
    今天吃了<pills>，已催吐 | <role>建议来电，在<place>看过 | <duration>前丈夫出轨，<count> |
    住<place>附近，<floor> | 自述<icd>，停药<duration> | <time>喝了酒，<count> | 说<english>，情绪低 |
    孩子<teen>，厌学<duration>，<role>找过家长 | 有自伤史，<count>，手腕 | <place>的<title>转介过来 |
    在<place>住院<duration>，<title>是主治 | <money>，不敢告诉家里 | 服<dose>后嗜睡 |
    和<title>吵架后哭了<duration> | <date>被裁员，<money> | 反复说<word>就好了 | 想去<place>看看，问挂号 |
    诉<duration>没出门，<count> | 家暴，已报<hotline>，<role>来过 | 告知<hotline>和<hotline>，同意 |
    <scale>；<icd>待排 | 本周<count> | 睡眠<duration>，早醒 | <title>说要住院观察 | <misc>，<misc> |
    <role>在场，情绪稳定 | 上次<date>来过，<duration> | <english>，反复哭 | <dose>加量到<dose> |
    遗书写好了 放在<place>的宿舍 已劝 | <word>，说了好几遍 | 和男友分手<duration>，<scale>""")
CLOSERS = items("""
    已告知<hotline> | 约<date> <time>回访 | 同意明早回访 | 建议去<place>就诊 | 转<hotline> |
    评估中风险，已做安全计划 | <time>挂断 | 通话<duration> | 已报<role> | 结束前情绪平稳 | 建议联系<title> |
    告知有危险打<hotline> | 后续跟进 | 已记录，<role>知悉 | 督导：<title> | 回访时间<date> | <english> |
    挂了，再打没接""")
JOINERS = ("，", "。", " ", "；", ",", "…", "\n", " / ", "。\n", "，", "——", "; ", ".", "，", "、")

# ---- identifier sentences ----

_ID_SENTENCES = {
    "mobile": """
        留了手机{mobile} | 电话{mobile} | 手机号：{mobile} | 联系方式 {mobile} | 回访号码{mobile} |
        她妈手机 {mobile} | tel:{mobile} | 号码是{mobile} | 手机{mobile}（本人） | 电话【{mobile}】 |
        （手机：{mobile}） | ~报了个号 {mobile} 说是老公的 | ~让回拨{mobile} | ~念了一遍 {mobile} 核对无误 |
        ~{mobile}，晚上能接 | 留电：{mobile} | 紧急联系人电话{mobile} | mobile {mobile} | ~打这个{mobile}找她""",
    "landline": """
        座机{landline} | 家里电话{landline} | 单位电话：{landline} | 电话{landline} | 宿舍座机 {landline} |
        留了固话{landline} | ~打{landline}找她姐 | ~办公室{landline}，白天在 | tel {landline} | 家电{landline}""",
    "id_card": """
        身份证{id_card} | 身份证号：{id_card} | 报了身份证 {id_card} | 证件号{id_card} | 身份证号码是{id_card} |
        id:{id_card} | ~他主动念了{id_card}，说是他的身份证 | 身份证后来又报了一遍{id_card} | sfz {id_card}""",
    "bank_card": """
        银行卡{bank_card} | 卡号：{bank_card} | 转账的卡号{bank_card} | 被骗，对方账户{bank_card} |
        工资卡 {bank_card} | 银行卡号是{bank_card} | ~把钱打到{bank_card}了 | ~对方给的{bank_card}（工行） |
        卡号{bank_card}""",
    "email": """
        邮箱{email} | email: {email} | 发邮件到 {email} | 邮箱是{email} | ~说可以写信给{email} | mail：{email} |
        留了个邮箱 {email} 让发资料 | ~{email} 是他常用的""",
    "qq": """
        QQ{qq} | QQ号：{qq} | Q号 {qq} | q号{qq} | Q:{qq} | 球球{qq} | 扣扣 {qq} | 企鹅号：{qq} | qq是{qq} |
        加了她QQ {qq} | QQ 号 {qq} | Q：{qq} | 扣扣号是{qq}""",
    "wechat": """
        微信{wechat} | 微信号：{wechat} | V:{wechat} | v：{wechat} | 微:{wechat} | 卫星{wechat} |
        绿泡泡 {wechat} | VX {wechat} | vx：{wechat} | V信{wechat} | 薇信 {wechat} | 威信号{wechat} |
        wx {wechat} | wx号：{wechat} | 加了微信 {wechat} | WeChat: {wechat}""",
    "name": """
        我叫{name} | 名叫{name} | 来电者自称{name} | 丈夫{name} | 她丈夫{name} | 老公叫{name} | 儿子{name} |
        女儿{name}，<age> | 男朋友{name} | 同学{name}说 | {name}同学 | {name}老师 | {name}医生说 | 前夫{name} |
        室友{name} | 领导{name}一直骂她 | 她叫{name} | 自报姓名{name} | 对方叫{name} | 孩子叫{name} |
        姓名：{name} | 婆婆{name} | 妻子{name} | 同事{name} | 我是{name} | 找{name} | 前男友{name} |
        自报姓{name_xy} | 说她姓{name_xy} | 闺蜜{name} | 网友{name} | 继父{name} | ~说{name}欺负她 |
        ~{name}打了她""",
    "address": """
        住<district>{address} | 家在{address} | 地址：{address} | 住{address} | 住在{address} |
        人现在在{address}楼下 | 租在{address} | 在{address}，一个人 | 位置{address} | 公司在{address} |
        搬到了{address} | 说就在{address}楼顶""",
    "plate": """
        车牌{plate} | 车牌号{plate} | 他开的车{plate} | 对方车 {plate} 白色 | 记下车牌：{plate} |
        ~一辆{plate}的车跟着她 | ~{plate}，黑色SUV""",
    "passport": """
        护照{passport} | 护照号：{passport} | 护照号码 {passport} | passport {passport} |
        护照被扣，号码{passport} | 出国用的护照是{passport}""",
    "student_id": """
        学号{student_id} | 学号：{student_id} | 报了学号 {student_id} | 学号是{student_id} |
        学籍号{student_id} | 学生证号{student_id} | 学号 {student_id}，<role>""",
    "employee_id": """
        工号{employee_id} | 工号：{employee_id} | 员工号{employee_id} | 工牌号 {employee_id} |
        他工号是{employee_id} | 员工编号{employee_id} | 说了工号{employee_id}""",
}
# kind: ((sentence, whether a naming word stands right before the slot), ...)
ID_SENTENCES = {
    kind: tuple((item.removeprefix("~"), not item.startswith("~")) for item in items(text))
    for kind, text in _ID_SENTENCES.items()
}
