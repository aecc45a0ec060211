"""A demo seat: staff accounts with passwords shown on the log-in screen and two weeks of sample calls.

The demo lives in its own folder beside the real one (`demo_home()`), never inside it. Every sample call
is saved through `CallService` by the counselor who took it, so the notes guard runs as in real use: one
or two notes carry a made-up mobile number that the guard replaces by 〔手机号〕. The notes are composed
from the templates below; they name no person and no place. Same seed and same `now`, same calls.

About 7% of counselling calls have a risk side (`RISK_CASES`): an assessment whose answers give mostly low
and moderate levels, a few high and one or two imminent ones with their crisis actions, referrals, safety
plans and follow-ups; one level is overridden with a reason, and one caller comes back with rising levels.
Follow-ups fall due relative to `now`: a couple are overdue, some due within 12 hours, and those due more
than a day before `now` are marked done with what came of them.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.accounts import AccountService
from desktop.call_model import (
    CASE_ALPHABET,
    LEAD_ON_SHIFT,
    SAFETY_PLAN_FIELDS,
    CallInput,
    CrisisActionInput,
    FollowUpInput,
    ReferralInput,
    RiskInput,
)
from desktop.call_risk import final_level
from desktop.calls import CallService
from desktop.clock import seat_zone
from desktop.config import SeatPaths, data_home
from desktop.followups import FollowUpService
from desktop.risk import LEVELS, OPENS_PROTOCOL
from desktop.seat import Seat

DEMO_SEAT_NAME = "演示席位 DEMO"
DEMO_ACCOUNTS: dict[str, tuple[str, str, str]] = {  # code → (display name, role, password)
    "D-ADMIN": ("演示管理员", "admin", "demo-admin"),
    "D-LEAD": ("演示班长", "lead", "demo-lead"),
    "D-C01": ("演示咨询员一", "counselor", "demo-1234"),
    "D-C02": ("演示咨询员二", "counselor", "demo-2345"),
    "D-C03": ("演示咨询员三", "counselor", "demo-3456"),
}
COUNSELORS = ("D-C01", "D-C02", "D-C03")  # rota: one on nights (0–8h), one on days, one with the lead 16–24h
LEAD = "D-LEAD"

# Calls per hour of the seat's day, 0h … 23h: busiest 19–23h, quietest 3–7h.
HOUR_WEIGHTS = (3, 2, 1.5, 1, 0.7, 0.7, 1, 1.5, 3, 4, 4.5, 4.5, 3.5, 3.5, 4, 4, 4, 4, 5, 7, 8, 8.5, 7.5, 5)
# Share of each call kind other than counselling, which takes the rest; (shortest, longest) minutes.
KIND_SHARES = {"silent": 0.08, "hang_up": 0.06, "wrong_number": 0.02, "harassment": 0.02, "information": 0.06,
               "third_party": 0.05}  # fmt: skip
MINUTES = {"counselling": (15, 60), "information": (3, 10), "third_party": (8, 20), "silent": (0.5, 3),
           "hang_up": (0.1, 0.8), "wrong_number": (0.3, 1.5), "harassment": (1, 5)}  # fmt: skip
REGION_WEIGHTS = "110000:70 130000:8 120000:4 370000:2 410000:2 140000:2 150000:1 unknown:11"
GENDER_WEIGHTS = "female:60 male:37 unknown:3"
QUICK_SUMMARIES = {
    "silent": ("无声来电，等待后挂断", "接通后无人说话，约一分钟后挂断", "来电无声，多次询问无应答"),
    "hang_up": ("接通后即挂断", "未开口即挂断"),
    "wrong_number": ("拨错号码，说明后挂断", "来电者本想拨打其他服务热线，已告知"),
    "harassment": ("骚扰来电，提醒后挂断", "来电者言语骚扰，已按流程结束通话"),
}
INFORMATION = (  # (summary, concern, keyword)
    ("咨询本地心理门诊挂号方式", "info.services", "挂号"),
    ("咨询热线服务时间和服务范围", "info.hotline", "热线"),
    ("咨询如何预约精神科门诊", "info.services", "精神科"),
    ("询问心理咨询与药物治疗的区别", "info.knowledge", "心理咨询"),
)
THIRD_PARTY = (  # (summary, concern, keyword)
    ("为孩子咨询，孩子近期情绪低落、不愿上学", "family.parent_child", "厌学"),
    ("担心配偶长期失眠、情绪差，咨询就医途径", "mental.sleep", "失眠"),
    ("替朋友咨询，朋友失恋后情绪不稳", "relationship.breakup", "失恋"),
    ("子女为老人咨询，老人退休后闷闷不乐", "relationship.loneliness", "退休"),
)


@dataclass(frozen=True)
class Scenario:
    """A kind of counselling call: its main concern, who tends to call, and the text to compose from."""

    concern: str
    weight: int
    ages: str  # "band:weight …"
    extra: tuple[str, ...]  # other concerns that come with it
    emotions: tuple[str, ...]
    interventions: tuple[str, ...]
    keywords: tuple[str, ...]  # from resources/keywords/keywords_zh.txt
    summaries: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]


def _s(concern, weight, ages, extra, emotions, interventions, keywords, summaries, openings, details) -> Scenario:
    return Scenario(concern, weight, ages, *(tuple(x.split()) for x in (extra, emotions, interventions, keywords)),
                    *(tuple(x.split("|")) for x in (summaries, openings, details)))  # fmt: skip


# fmt: off
SCENARIOS = (
    _s("family.conflict", 12, "18_24:2 25_34:4 35_44:4 45_59:2", "family.marriage mental.anxiety",
       "anger agitation sadness guilt_shame", "emotional_support problem_solving cognitive_reframing",
       "家庭矛盾 婆媳 冷战 原生家庭 烦躁", "与家人长期矛盾，倾诉后情绪缓和|家庭争吵后情绪激动，寻求倾诉",
       "来电者语速较快，称近来与家人矛盾不断。|来电者表示刚与家人发生争吵，情绪激动。",
       "争执多围绕家务分工和经济安排，双方各执一词。|来电者觉得自己的付出不被理解，说到这里时哭了。|"
       "家中冷战已持续数周，来电者感到压抑。|来电者提到与长辈在育儿方式上分歧较大。"),
    _s("family.parent_child", 10, "25_34:1 35_44:5 45_59:4", "study.academic_pressure family.conflict",
       "anger anxiety sadness guilt_shame", "psychoeducation problem_solving emotional_support",
       "亲子冲突 亲子关系 叛逆 青春期 厌学 手机成瘾", "与孩子沟通困难，想缓和亲子关系|孩子青春期叛逆，家长焦虑无助",
       "来电者为家长，称与孩子之间的冲突近来明显增多。|来电者说孩子进入青春期后几乎不和家里说话。",
       "争执多因使用手机和作息问题引发。|孩子近期不愿上学，来电者既着急又无助。|"
       "来电者意识到自己说话方式比较急，事后常常后悔。|讨论了先倾听、少说教的沟通方法。"),
    _s("work.stress", 12, "18_24:2 25_34:5 35_44:4 45_59:1", "work.burnout mental.sleep work.conflict",
       "anxiety agitation low_mood numbness", "relaxation problem_solving cognitive_reframing",
       "工作压力 加班 职业倦怠 领导 同事矛盾 职场", "工作压力大、长期加班，身心疲惫|与领导关系紧张，担心考核",
       "来电者称近几个月工作量明显增加，经常加班到深夜。|来电者下班后来电，表示对工作感到非常疲惫。",
       "来电者担心年底考核不达标，夜里反复想工作上的事。|与领导沟通不畅，觉得自己的意见没人听。|"
       "周末也需要处理工作消息，几乎没有休息。|来电者说对以前喜欢的事情也提不起兴趣。"),
    _s("study.academic_pressure", 10, "12_17:6 18_24:4", "study.exam family.parent_child mental.anxiety",
       "anxiety fear low_mood guilt_shame", "relaxation cognitive_reframing psychoeducation",
       "学习压力 考试焦虑 成绩下滑 高考 考研 中考", "临近考试焦虑明显，担心成绩|学业压力大，与父母期望冲突",
       "来电者为在读学生，称临近考试非常紧张。|来电者表示最近成绩下滑，不知道该怎么办。",
       "来电者一拿起书就心慌，晚上难以入睡。|父母期望很高，来电者怕让家人失望。|"
       "来电者觉得同学都比自己努力，越比越焦虑。|来电者考虑过休学，但又担心落下进度。"),
    _s("relationship.breakup", 10, "18_24:5 25_34:4 35_44:1", "relationship.romantic mental.sleep",
       "sadness low_mood loneliness anger", "emotional_support cognitive_reframing active_listening",
       "失恋 分手 恋爱 异地恋 孤独", "分手后情绪低落，反复回想过去|恋爱关系出现问题，寻求倾诉",
       "来电者称上周刚与交往多年的对象分手。|来电者说感情出现问题，心里很乱，想找人说说。",
       "来电者反复回想分手前的细节，责怪自己。|对方提出分手后不再回复消息，来电者难以接受。|"
       "来电者最近吃不下饭，上班也无法集中注意力。|来电者担心以后再也遇不到合适的人。"),
    _s("mental.anxiety", 12, "18_24:3 25_34:4 35_44:3 45_59:1", "mental.sleep work.stress life.illness",
       "anxiety fear agitation", "relaxation psychoeducation referral",
       "焦虑 紧张 惊恐 心慌 胸闷 疑病", "反复心慌紧张，担心身体出问题|焦虑情绪明显，咨询如何缓解",
       "来电者称最近经常无缘无故心慌、胸闷。|来电者说自己总是紧张，担心会出什么事。",
       "已在医院做过检查，未发现明显问题，但仍放心不下。|发作时手心出汗，觉得喘不上气。|"
       "来电者会反复上网查症状，越查越害怕。|练习腹式呼吸后，来电者表示稍微平静了一些。"),
    _s("mental.depression", 12, "18_24:3 25_34:4 35_44:3 45_59:2", "mental.sleep relationship.loneliness",
       "low_mood sadness hopelessness numbness", "emotional_support psychoeducation referral",
       "情绪低落 抑郁 无助 麻木 早醒", "持续情绪低落，兴趣减退|近来心情差，想找人说说话",
       "来电者称这段时间心情一直很低落。|来电者声音低沉，说不知道该找谁说话。",
       "以前喜欢的事情现在都提不起兴趣，整天没精神。|来电者常常早醒，醒后躺着胡思乱想。|"
       "来电者觉得自己什么都做不好，对未来感到迷茫。|询问后来电者否认有伤害自己的想法。|"
       "建议来电者到医院精神科或心理门诊进一步评估。"),
    _s("mental.sleep", 8, "25_34:3 35_44:3 45_59:3 60_plus:1", "mental.anxiety work.stress",
       "anxiety agitation low_mood", "psychoeducation relaxation resource_information",
       "失眠 睡不着 早醒 噩梦 焦虑", "长期失眠，白天精神差|入睡困难，咨询睡眠调整方法",
       "来电者深夜来电，称又一次睡不着。|来电者表示失眠已经持续一个多月。",
       "躺下后脑子停不下来，常常到凌晨才能睡着。|白天精神很差，工作时容易出错。|"
       "来电者担心长期失眠影响身体，越想越睡不着。|介绍了睡眠卫生的基本做法，建议必要时去睡眠门诊。"),
    _s("relationship.loneliness", 5, "45_59:2 60_plus:5", "family.caregiving life.illness",
       "loneliness sadness low_mood", "active_listening emotional_support resource_information",
       "孤独 空巢 退休 老年 没朋友", "独居感到孤独，想找人聊聊|子女不在身边，生活缺少交流",
       "来电者称子女都在外地工作，平时一个人在家。|来电者说最近没什么人可以说话，觉得很孤单。",
       "退休后生活节奏突然变慢，不知道每天做什么。|来电者提到身体不太好，担心没人照应。|"
       "聊到过去的工作经历时，来电者语气轻松了许多。|鼓励来电者参加社区活动，多与亲友联系。"),
    _s("work.unemployment", 6, "18_24:3 25_34:4 35_44:3 45_59:1", "life.financial family.conflict",
       "anxiety low_mood guilt_shame hopelessness", "problem_solving emotional_support resource_information",
       "失业 找工作 裁员 求职 经济困难 待业", "被裁员后求职不顺，压力大|毕业后一直待业，焦虑自责",
       "来电者称几个月前被裁员，至今没有找到工作。|来电者毕业后一直在找工作，投出的简历大多没有回音。",
       "家里的开销压力很大，来电者不敢告诉家人。|来电者觉得自己没用，不想出门见人。|"
       "来电者担心年龄越来越大，机会越来越少。|一起梳理了可以尝试的求职方向和身边的支持。"),
)  # fmt: skip
CLOSINGS = (
    "来电者表示说出来后轻松了一些。",
    "结束前来电者情绪较来电时平稳。",
    "与来电者一起梳理了近期可以做的几件小事。",
    "告知来电者可以随时再次来电。",
)
REPEAT_NOTE = "来电者为再次来电，报出了上次的个案码。"
# A made-up mobile number typed into a note, to show the notes guard at work: it is stored as 〔手机号〕.
PHONE_NOTE = "来电者要求回电，留下号码13800138000，已说明热线不做回拨。"

# The risk side (DESIGN.md §7). A risk case: the level its answers give, concerns (main first), answers
# ("item … scale=n"), keywords, summary, notes (each holds a word that prompts the assessment), crisis actions
# ("action:outcome …", spread over the call), a referral ("kind:urgency:status"), an override ("level:reason").
# fmt: off
RISK_SHARE = 0.07  # of counselling calls
RISK_AGES = "12_17:1 18_24:4 25_34:4 35_44:3 45_59:2 60_plus:1"
FILL_LEVELS = "low moderate low moderate high low moderate none low moderate low high"  # after the fixed calls
RISK_EMOTIONS = ("hopelessness", "low_mood", "sadness", "numbness", "loneliness", "guilt_shame")
RISK_INTERVENTIONS = {"none": "active_listening emotional_support", "low": "active_listening emotional_support",
                      "moderate": "emotional_support safety_planning referral",
                      "high": "crisis_intervention safety_planning referral",
                      "imminent": "crisis_intervention referral"}
RISK_CLOSINGS = ("告知来电者情况变化时可以随时再来电。", "结束前来电者情绪较来电时平稳。",
                 "与来电者确认了身边可以求助的人。")
SAFETY_PLANS = tuple(dict(zip(SAFETY_PLAN_FIELDS, plan.split("|"), strict=True)) for plan in (
    "整夜睡不着、反复想到死|深呼吸，出门走一走，听喜欢的歌|给朋友发消息，去楼下散步|姐姐、大学室友|"
    "心理援助热线12356，精神科门诊|把家里的药交给家人保管",
    "想喝酒、不想见人|洗个热水澡，把此刻的感受写下来|看喜欢的节目，整理房间|母亲、老同事|"
    "心理援助热线12356，社区医生|家里不存酒，刀具收起来",
    "想伤害自己的冲动变强|握冰块、用力捏减压球|画画、和宠物待在一起|信任的老师、好朋友|"
    "学校心理咨询中心，心理援助热线12356|小刀交给家人保管"))
FOLLOW_UPS = {"moderate": (48, "了解是否已到门诊就诊"), "high": (24, "回访确认安全，了解安全计划执行情况"),
              "imminent": (12, "了解就医后情况，确认来电者安全")}  # hours after the call, note
AGAIN_NOTE = "再次回访，了解近况"
DONE_AFTER = timedelta(days=1)  # a follow-up due longer before `now` was made: the demo marks it done
FOLLOW_UP_OUTCOMES = ("已回访，来电者情绪较前平稳，已按约就诊。", "已回访，来电者表示安全，约定有变化时再来电。",
                      "已回访，来电者已在门诊规律就诊。")


@dataclass(frozen=True)
class RiskCase:
    level: str
    concerns: tuple[str, ...]
    answers: dict
    keywords: tuple[str, ...]
    summary: str
    notes: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    referral: tuple[str, ...]
    override: tuple[str, ...]
    ages: str


def _r(level, concerns, answers, keywords, summary, notes, actions="", referral="", override="", ages=RISK_AGES):
    answers = {code: int(n) if n else True for code, _, n in (word.partition("=") for word in answers.split())}
    return RiskCase(level, tuple(concerns.split()), answers, tuple(keywords.split()), summary, tuple(notes.split("|")),
                    tuple(tuple(a.split(":")) for a in actions.split()), tuple(referral.split(":") if referral else ()),
                    tuple(override.split(":") if override else ()), ages)


RISK_CASES = (
    _r("none", "mental.depression", "social_support future_plans core_values distress=4", "情绪低落 抑郁",
       "情绪低落，评估未见自杀风险", "来电者称最近心情很差，随口说了句活着没意思。|"
       "咨询员询问后，来电者否认有自杀想法，说只是气话。|来电者提到周末约了好朋友一起出去。"),
    _r("low", "suicide.ideation mental.depression", "ideation_passive hopelessness social_support core_values "
       "ideation_intensity=3 hopelessness_scale=6 distress=6", "不想活 情绪低落 绝望", "情绪低落，偶有不想活的念头",
       "来电者说最近常觉得活着没意思，有时希望睡着就不再醒来。|来电者表示没有想过自己动手，也没有具体打算。|"
       "来电者说放心不下年迈的父母。", referral="psychological_outpatient:routine:suggested"),
    _r("low", "mental.depression suicide.ideation", "burden helplessness social_support ambivalence distress=7",
       "抑郁 无助", "觉得自己拖累家人，情绪低落", "来电者反复说自己是家里的负担，有时会想不如死了算了。|"
       "来电者否认有具体计划，说舍不得孩子。|一起回顾了来电者过去渡过难关的办法。",
       referral="psychological_outpatient:routine:suggested"),
    _r("low", "suicide.ideation work.stress", "ideation_current social_support future_plans ideation_intensity=4 "
       "distress=6", "轻生 情绪低落", "压力大时闪过轻生念头，有家人支持", "来电者称工作压力大时会闪过不想活的念头。|"
       "来电者说这些想法一闪而过，没有计划，家人也很支持自己。|讨论了压力大时可以找谁说、做些什么。"),
    _r("moderate", "suicide.ideation mental.depression", "ideation_current hopelessness prior_attempt social_support "
       "ambivalence ideation_intensity=6 distress=7", "自杀 绝望 抑郁", "反复出现自杀想法，以前有过自杀尝试",
       "来电者说这段时间反复想到自杀，觉得活着没意思。|来电者几年前曾有过一次自杀尝试。|"
       "目前没有具体计划，来电者愿意先去医院看看。", referral="psychiatric_outpatient:soon:suggested"),
    _r("moderate", "self_harm.nssi mental.depression", "self_harm psychological_pain intolerably_alone social_support "
       "distress=8", "自伤 划手 孤独", "情绪难受时用刀划手臂", "来电者说难受时会划手臂，近一个月有好几次伤害自己。|"
       "来电者称没有想过要死，只是想让心里的痛停下来。|讨论了想伤害自己时可以替代的做法。",
       referral="psychological_outpatient:routine:suggested"),
    _r("moderate", "mental.depression suicide.ideation", "ideation_current trapped substance_misuse social_support "
       "ideation_intensity=5 hopelessness_scale=8", "抑郁 绝望 失眠", "长期情绪低落，酒后常有轻生念头",
       "来电者说每晚都要喝酒才能睡着。|喝了酒就会想到轻生，觉得自己被困住了。|"
       "来电者同意先减少饮酒，并到精神科门诊就诊。", referral="psychiatric_outpatient:soon:accepted"),
    _r("moderate", "self_harm.nssi study.academic_pressure", "self_harm helplessness future_plans distress=7",
       "自残 学习压力", "学业压力大，有自残行为", "来电者为学生，说考试没考好后用小刀划过手腕。|"
       "来电者表示不想死，只是觉得自残后心里会平静一点。|鼓励来电者告诉一位信任的老师或家人。",
       referral="school_counseling:soon:suggested", ages="12_17:3 18_24:2"),
    _r("high", "suicide.ideation mental.depression", "ideation_current plan method_known trapped ambivalence "
       "ideation_intensity=8 distress=8", "自杀 绝望", "有具体自杀计划，同意家人陪同就医",
       "来电者说已经想好用什么方式结束生命，只是还没定时间。|咨询员持续陪伴，来电者说自己还有想活的部分。|"
       "来电者同意把家里的药交给家人保管，明天由家人陪同就医。", "stayed_on_line:safe third_party_contacted:safe",
       "psychiatric_emergency:urgent:accepted"),
    _r("high", "suicide.ideation suicide.attempt", "prior_attempt_recent ideation_current social_support distress=8",
       "自杀未遂 吞药 情绪低落", "上周自杀未遂，出院后仍觉得活不下去", "来电者说上周吞药被送医，出院后仍觉得活不下去。|"
       "来电者目前和家人住在一起。|咨询员与来电者一起制定了安全计划，来电者同意明天复诊。",
       "safety_plan_agreed:safe", "psychiatric_outpatient:soon:accepted"),
    _r("imminent", "suicide.ideation mental.depression", "ideation_current plan timeframe_72h means_access "
       "preparatory_behaviour expressed_intent ideation_intensity=10 distress=9", "自杀 遗书 绝望",
       "已写好遗书准备当晚自杀，报警后民警到场", "来电者说已经写好遗书，打算今晚结束生命。|"
       "咨询员保持通话，稳定来电者情绪，同事协助报警。|民警到场后确认来电者安全，由家属陪同前往医院。",
       "stayed_on_line:safe police_110:safe", "psychiatric_emergency:urgent:accepted"),
    _r("imminent", "suicide.ideation suicide.attempt", "attempt_in_progress ideation_current intoxicated_now "
       "distress=9", "吞药 自杀", "来电时已服下大量药物，呼叫120后获救", "来电者说刚刚吞下了一整瓶安眠药，说话含糊。|"
       "咨询员一边稳定情绪一边问清所在位置，同事呼叫120。|急救人员到场送医，随后确认来电者已获救。",
       "stayed_on_line:rescued ambulance_120:rescued", "psychiatric_emergency:urgent:completed"),
    _r("moderate", "suicide.ideation mental.depression", "ideation_current hopelessness prior_attempt burden "
       "ambivalence ideation_intensity=6 distress=8", "不想活 绝望", "语气决绝，多次提到告别",
       "来电者语气平静得反常，说想跟大家好好告别。|来电者反复说活着没意思，不愿多谈具体打算。|"
       "咨询员保持陪伴，征得同意后热转接至精神科急诊。", "stayed_on_line:safe warm_transfer:safe",
       "psychiatric_emergency:urgent:warm_transfer", "high:语气决绝，多次提到告别"),
)
RISING = (  # one caller, three calls under one case code, each riskier than the last
    _r("low", "mental.depression work.unemployment", "ideation_passive burden social_support hopelessness_scale=6",
       "失业 情绪低落", "失业后情绪低落，偶觉活着没意思", "来电者失业三个月，说最近常觉得活着没意思。|"
       "来电者否认有自杀计划，说还在投简历。|鼓励来电者多和家人说说，情况变化时再来电。",
       referral="psychological_outpatient:routine:suggested", ages="25_34:1 35_44:2"),
    _r("moderate", "suicide.ideation mental.depression", "ideation_current burden substance_misuse social_support "
       "ideation_intensity=6", "不想活 失业 绝望", "情绪持续变差，开始反复想到不想活",
       "来电者说求职一直不顺，这周开始反复冒出不想活的念头。|来电者最近喝酒明显增多。|"
       "建议来电者尽快到精神科门诊就诊，来电者说会考虑。", referral="psychiatric_outpatient:soon:suggested"),
    _r("high", "suicide.ideation mental.depression", "ideation_current plan expressed_intent trapped ambivalence "
       "ideation_intensity=8 distress=9", "自杀 绝望", "明确表示想自杀，已有计划，同意就医",
       "来电者说已经想好了怎么自杀，觉得活不下去了。|咨询员持续陪伴，来电者说还惦记着孩子。|"
       "来电者同意今晚让家人陪着，明天去精神科急诊。", "stayed_on_line:safe safety_plan_agreed:safe",
       "psychiatric_emergency:urgent:accepted"),
)
# fmt: on


def demo_home() -> Path:
    """The demo seat's folder: the data folder's sibling named `<name>-demo`, never inside it."""
    home = data_home()
    return home.with_name(home.name + "-demo")


def _weighted(rng: random.Random, spec: str) -> str:
    pairs = [item.split(":") for item in spec.split()]
    return rng.choices([code for code, _ in pairs], [float(w) for _, w in pairs])[0]


def _case_code(rng: random.Random, used: set[str]) -> str:
    while True:
        chars = "".join(rng.choice(CASE_ALPHABET) for _ in range(6))
        if chars not in used:
            used.add(chars)
            return f"{chars[:3]}-{chars[3:]}"


def _kinds(rng: random.Random, calls: int) -> list[str]:
    kinds = [kind for kind, share in KIND_SHARES.items() for _ in range(round(share * calls))][:calls]
    kinds += ["counselling"] * (calls - len(kinds))
    rng.shuffle(kinds)
    return kinds


def _start(rng: random.Random, first: datetime, now: datetime, length: timedelta) -> datetime:
    """A start time in [first, now) at an hour drawn from the day's rhythm, ending before `now`."""
    zone = seat_zone()
    days = (now.astimezone(zone).date() - first.astimezone(zone).date()).days + 1
    while True:
        day = first.astimezone(zone).date() + timedelta(days=rng.randrange(days))
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=zone)
        if first <= local and local + length < now:
            return local.astimezone(UTC)


def _on_duty(moment: datetime, first: datetime) -> tuple[str, ...]:
    local = moment.astimezone(seat_zone())
    day = (local.date() - first.astimezone(seat_zone()).date()).days
    shift = local.hour // 8  # 0 night, 1 day, 2 evening
    counselor = COUNSELORS[(day + shift) % len(COUNSELORS)]
    return (counselor, LEAD) if shift == 2 else (counselor,)


def _quick(rng: random.Random, kind: str) -> CallInput:
    if kind in QUICK_SUMMARIES:
        gender = "male" if kind == "harassment" and rng.random() < 0.8 else "unknown"
        return CallInput(kind=kind, gender=gender, summary=rng.choice(QUICK_SUMMARIES[kind]))
    summary, concern, keyword = rng.choice(INFORMATION if kind == "information" else THIRD_PARTY)
    age = _weighted(rng, "25_34:3 35_44:4 45_59:3 60_plus:1 unknown:1")
    interventions = ["resource_information"] + (["psychoeducation"] if kind == "third_party" else [])
    return CallInput(kind=kind, age_band=age, gender=_weighted(rng, GENDER_WEIGHTS),
                     region=_weighted(rng, REGION_WEIGHTS), concerns=[concern], interventions=interventions,
                     keywords=[keyword], summary=summary)  # fmt: skip


def _person(rng: random.Random, ages: str, case: str | None = None) -> dict:
    """Who calls: age band, gender and region, and the case code of a repeat caller."""
    age, gender = _weighted(rng, ages), _weighted(rng, GENDER_WEIGHTS)
    return {"age": age, "gender": gender, "region": _weighted(rng, REGION_WEIGHTS), "case": case}


def _counselling(rng: random.Random, scenario: Scenario, person: dict | None, visit: int, phone: bool) -> CallInput:
    sentences = [rng.choice(scenario.openings), *rng.sample(scenario.details, rng.randint(1, 3))]
    if visit > 0:
        sentences.insert(1, REPEAT_NOTE)
    if phone:
        sentences.append(PHONE_NOTE)
    elif rng.random() < 0.7:
        sentences.append(rng.choice(CLOSINGS))
    extra = rng.sample(scenario.extra, rng.randint(0, min(2, len(scenario.extra))))
    person = person or _person(rng, scenario.ages)
    first_call = visit == 0 if person["case"] else rng.choices([True, False, None], [8, 1, 1])[0]
    return CallInput(
        kind="counselling",
        age_band=person["age"],
        gender=person["gender"],
        region=person["region"],
        first_call=first_call,
        case_code=person["case"],
        concerns=[scenario.concern, *extra],
        emotions=rng.sample(scenario.emotions, rng.randint(1, 3)),
        interventions=rng.sample(scenario.interventions, rng.randint(1, 3)),
        keywords=rng.sample(scenario.keywords, rng.randint(1, 3)),
        summary=rng.choice(scenario.summaries),
        notes="".join(sentences),
    )


def _plan_risk(rng: random.Random, free: list[int], counselling: int, calls: int, used: set[str]) -> dict:
    """Which counselling calls have a risk side: index → (case, person, visit). One caller comes back with
    rising levels, one or two calls are imminent, one is overridden; the rest are mostly low or moderate."""
    by_level: dict[str, list[RiskCase]] = {}
    for case in RISK_CASES:
        by_level.setdefault("override" if case.override else case.level, []).append(case)
    count = min(len(free), max(len(RISING) + 2, round(RISK_SHARE * counselling)))
    plan = {}
    if count >= len(RISING) + 2:
        person = _person(rng, RISING[0].ages, _case_code(rng, used))
        plan = {n: (RISING[visit], person, visit) for visit, n in enumerate(sorted(rng.sample(free, len(RISING))))}
    cases = rng.sample(by_level["imminent"], min(2, max(1, calls // 150)))
    cases += by_level["override"]
    for level in (FILL_LEVELS.split() * count)[: count - len(plan) - len(cases)]:
        cases.append(rng.choice([case for case in by_level[level] if case not in cases] or by_level[level]))
    rest = [n for n in free if n not in plan]
    for n, case in zip(sorted(rng.sample(rest, min(len(rest), count - len(plan)))), cases, strict=False):
        plan[n] = (case, None, 0)
    return plan


def _risky(rng: random.Random, plan: tuple, start: datetime, end: datetime, used: set[str]) -> CallInput:
    """A counselling call with its risk side, composed from a risk case."""
    case, known, visit = plan
    sentences = [*case.notes[:1], *[REPEAT_NOTE] * (visit > 0), *case.notes[1:]]
    if rng.random() < 0.6:
        sentences.append(rng.choice(RISK_CLOSINGS))
    person = known or _person(rng, case.ages)
    first_call = visit == 0 if known else rng.choices([True, False, None], [8, 1, 1])[0]
    level = case.override[0] if case.override else case.level
    if person["case"] is None and (LEVELS.index(level) >= LEVELS.index("moderate") or rng.random() < 0.25):
        person = {**person, "case": _case_code(rng, used)}  # the counselor offered a case code
    length = end - start
    steps = len(case.actions) + 2  # crisis actions spread over the call
    actions = [
        CrisisActionInput(act, start + length * (i + 1) / steps, out) for i, (act, out) in enumerate(case.actions)
    ]
    interventions = RISK_INTERVENTIONS[level].split() + [a for a, _ in case.actions if a == "warm_transfer"]
    safety_plan = level == "high" or (level == "moderate" and rng.random() < 0.5)
    return CallInput(kind="counselling", age_band=person["age"], gender=person["gender"], region=person["region"],
                     first_call=first_call, case_code=person["case"], concerns=list(case.concerns),
                     emotions=rng.sample(RISK_EMOTIONS, rng.randint(1, 3)), interventions=interventions,
                     keywords=list(case.keywords), summary=case.summary, notes="".join(sentences),
                     risk=RiskInput(dict(case.answers), *(case.override or (None, "")), start + length * 0.6),
                     crisis_actions=actions, referrals=[ReferralInput(*case.referral)] if case.referral else [],
                     safety_plan=dict(rng.choice(SAFETY_PLANS)) if safety_plan else {})  # fmt: skip


def _follow_ups(rng: random.Random, risky: list[tuple[str, CallInput]], now: datetime) -> None:
    """Give high and imminent calls, and half the moderate ones, a follow-up some hours after the call. Of
    those already due, the two latest stay open (overdue) and the next two get a second call-back due within
    12 hours; `create_demo_seat` marks a follow-up due more than a day before `now` done."""
    followed = []
    for staff, form in risky:
        level = final_level(form)
        if level in FOLLOW_UPS and (level != "moderate" or rng.random() < 0.5):
            owner = LEAD_ON_SHIFT if level in OPENS_PROTOCOL or rng.random() < 0.3 else staff
            hours, note = FOLLOW_UPS[level]
            form.follow_ups.append(FollowUpInput(form.ended_at + timedelta(hours=hours), owner, note))
            followed.append(form)
    past = sorted((f for f in followed if f.follow_ups[0].due_at <= now), key=lambda f: f.ended_at, reverse=True)
    for form in past[:2]:
        form.follow_ups[0].due_at = max(form.follow_ups[0].due_at, now - timedelta(minutes=rng.randrange(60, 1080)))
    for form in past[2:4]:
        due = now + timedelta(minutes=rng.randrange(60, 660))
        form.follow_ups.append(FollowUpInput(due, form.follow_ups[0].owner, AGAIN_NOTE))


def demo_calls(
    calls: int = 300, days: int = 14, seed: int = 12356, now: datetime | None = None
) -> list[tuple[str, CallInput]]:
    """The sample calls as (staff code, form) pairs in time order, without touching any seat."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("`now` must carry its zone")
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    first = now - timedelta(days=days)
    planned = []
    for kind in _kinds(rng, calls):
        length = timedelta(seconds=round(60 * rng.uniform(*MINUTES[kind])))
        planned.append((_start(rng, first, now, length), kind, length))
    planned.sort(key=lambda p: p[0])
    free_at: dict[str, datetime] = {}
    timed = []  # (staff, start, end, kind): each takes the call when free; a busy line waits a little
    for start, kind, length in planned:
        duty = _on_duty(start, first)  # the lead takes a call when the counselor is busy
        staff = next((c for c in duty if free_at.get(c, first) <= start), None)
        staff = staff or min(duty, key=lambda code: free_at.get(code, first))
        if free_at.get(staff, first) > start:
            waited = free_at[staff] + timedelta(seconds=rng.randrange(30, 240))
            start = waited if waited + length < now else start
        free_at[staff] = start + length
        timed.append((staff, start, start + length, kind))
    timed.sort(key=lambda t: t[1])
    counselling = [n for n, t in enumerate(timed) if t[3] == "counselling"]
    used: set[str] = set()
    plan: dict[int, tuple] = {}  # call index → (scenario, person, visit)
    weights = [s.weight for s in SCENARIOS]
    for _ in range(min(max(1, calls // 60), len(counselling) // 4)):  # repeat callers sharing a case code
        scenario = rng.choices(SCENARIOS, weights)[0]
        person = _person(rng, scenario.ages, _case_code(rng, used))
        free = [n for n in counselling if n not in plan]
        for visit, n in enumerate(sorted(rng.sample(free, rng.randint(2, 4)))):
            plan[n] = (scenario, person, visit)
    free = [n for n in counselling if n not in plan]
    risky = _plan_risk(rng, free, len(counselling), calls, used)
    free = [n for n in free if n not in risky]
    phones = set(rng.sample(free, min(len(free), 1 if calls < 150 else 2)))
    result, at_risk = [], []
    for n, (staff, start, end, kind) in enumerate(timed):
        if kind != "counselling":
            form = _quick(rng, kind)
        elif n in risky:
            form = _risky(rng, risky[n], start, end, used)
            at_risk.append((staff, form))
        else:
            scenario, person, visit = plan.get(n) or (rng.choices(SCENARIOS, weights)[0], None, 0)
            form = _counselling(rng, scenario, person, visit, n in phones)
            if person is None and rng.random() < 0.25:  # the counselor offered a case code
                form.case_code = _case_code(rng, used)
        form.started_at, form.ended_at = start, end
        result.append((staff, form))
    _follow_ups(rng, at_risk, now)
    return result


def _mark_done(service: FollowUpService, call_id: int, now: datetime) -> None:
    """The call's follow-ups due more than a day before `now` were made: mark them done."""
    for row in service.queue(now):
        if row.call_id == call_id and row.due_at < now - DONE_AFTER:
            service.complete(row.id, FOLLOW_UP_OUTCOMES[row.id % len(FOLLOW_UP_OUTCOMES)])


def create_demo_seat(
    paths: SeatPaths, calls: int = 300, days: int = 14, seed: int = 12356, now: datetime | None = None
) -> dict[str, str]:
    """Set up the demo seat in `paths` (which must be empty) and fill it; returns code → password."""
    now = now or datetime.now(UTC)
    planned = demo_calls(calls, days, seed, now)
    admin_code = next(code for code, (_, role, _) in DEMO_ACCOUNTS.items() if role == "admin")
    name, _, password = DEMO_ACCOUNTS[admin_code]
    with Seat.init(paths, DEMO_SEAT_NAME, admin_code, name, password)[0] as admin:
        seat = admin.seat
        service = AccountService(admin)
        for code, (name, role, password) in DEMO_ACCOUNTS.items():
            if code != admin_code:
                service.add(code, name, role, password)
    for code in dict.fromkeys(staff for staff, _ in planned):
        with seat.login(code, DEMO_ACCOUNTS[code][2]) as session:
            service, follow_ups = CallService(session), FollowUpService(session)
            for _, form in (p for p in planned if p[0] == code):
                call_id = service.save(form).call_id
                if form.follow_ups:
                    _mark_done(follow_ups, call_id, now)
    return {code: password for code, (_, _, password) in DEMO_ACCOUNTS.items()}
