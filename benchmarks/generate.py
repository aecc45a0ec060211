"""Realistic synthetic calls in the exchange format of DESIGN.md §9, for import benchmarks and tests.

    python -m benchmarks.generate --calls N --seed S --start 2025-01-01 --days D --out FILE.jsonl

Streaming and deterministic for a seed: one seat day's start times are drawn at a time (more in the
evening, in +08:00), and each call is written as soon as it is made. Staff codes C001–C020; about 1 line
in 50 carries a made-up mobile number (138…) in its notes and about 1 talking call in 20 a made-up full
name, so the notes guard has work; notes are made of varied sentences, so its name finder has too.
"""

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

from desktop import risk
from desktop.call_model import CASE_ALPHABET
from desktop.taxonomy import (
    AGE_BANDS,
    CONCERNS,
    EMOTIONS,
    INTERVENTIONS,
    PROVINCES,
    REFERRAL_KINDS,
    URGENCY,
    load_keywords,
    load_taxonomy,
)

ZONE = timezone(timedelta(hours=8))
# Calls per hour of the seat day, 0h … 23h: busiest in the evening, quietest before dawn.
HOUR_WEIGHTS = (3, 2, 1.5, 1, 0.7, 0.7, 1, 1.5, 3, 4, 4.5, 4.5, 3.5, 3.5, 4, 4, 4, 4, 5, 7, 8, 8.5, 7.5, 5)
KIND_SHARES = {"counselling": 70, "silent": 8, "hang_up": 7, "information": 6, "third_party": 4, "harassment": 2,
               "wrong_number": 2.5, "test": 0.5}  # fmt: skip
MINUTES = {"silent": (0, 2), "hang_up": (0, 1), "wrong_number": (0, 2), "test": (0, 2), "harassment": (1, 5)}
MOBILE_EVERY = 50  # about one line in this many has a made-up mobile number in its notes
RISK_SHARE = 0.115  # of counselling calls: about 8 % of all calls
SENTENCES = (
    "来电者诉说近期压力很大，晚上难以入睡。",
    "咨询员耐心倾听，帮助来电者梳理情绪。",
    "来电者表示与家人沟通困难，常常争吵。",
    "来电者担心考试成绩，感到焦虑不安。",
    "双方讨论了可以寻求帮助的身边资源。",
    "来电者情绪逐渐平稳，表示愿意尝试放松练习。",
    "来电者提到工作中遇到不公平对待，心情低落。",
    "咨询员介绍了附近医院心理门诊的就诊方式。",
    "来电者说最近一直觉得孤单，没有人可以说话。",
    "通话结束前，来电者表示感觉好一些了。",
    "来电者询问热线的服务时间。",
    "咨询员与来电者一起制定了接下来几天的安排。",
)
# Notes are told in sentences of four parts, some 40,000 different ones, so that almost every note is new to
# the guard: it remembers the names of sentences it has read, and a note of the twelve sentences above
# only would never make its name finder read anything (the import of 2026-12-01 measured that, not this).
WHEN = (
    "这几天",
    "上个月",
    "从去年开始",
    "昨天晚上",
    "每到周末",
    "最近一周",
    "开学以后",
    "换了工作之后",
    "春节前后",
    "这学期",
    "搬家以后",
    "前两天",
)
WHO = (
    "来电者",
    "她",
    "他",
    "来电者的母亲",
    "来电者的室友",
    "来电者的同事",
    "孩子的班主任",
    "来电者的丈夫",
    "来电者的女儿",
    "来电者的男朋友",
    "来电者的父亲",
    "邻居",
)
WHAT = (
    "睡得很不好",
    "和家里人吵了一架",
    "觉得工作压力很大",
    "担心下周的考试",
    "一个人在外地很孤单",
    "不想去上学",
    "刚刚和恋人分手",
    "经常头痛胃痛",
    "不知道以后该怎么办",
    "觉得没有人理解自己",
    "总是控制不住发脾气",
    "对什么都提不起兴趣",
    "因为欠款整夜失眠",
    "在单位被领导批评",
    "照顾生病的老人很累",
    "和孩子说不上话",
    "被同学孤立",
    "刚刚失业",
    "身体检查出了问题",
    "经常一个人哭",
    "总想起过去的事",
    "跟朋友闹翻了",
    "反复检查门窗",
    "不敢一个人出门",
)
HOW = (
    "，说着说着就哭了。",
    "，希望有人听自己说说。",
    "，咨询员引导其表达感受。",
    "，双方讨论了应对办法。",
    "，表示会试着联系朋友。",
    "。",
    "，情绪比较低落。",
    "，语速很快。",
    "，说话时常常停顿。",
    "，表示以前没有和别人说过。",
    "，咨询员肯定了其求助的勇气。",
    "，来电者愿意明天再打来。",
)
PEOPLE = ("王小明", "李建国", "张伟", "刘子墨", "陈思远", "赵雅琴", "周子豪", "吴静怡", "孙浩然", "黄丽娟")
NAMED_EVERY = 20  # about one talking call in this many names someone in its notes (the guard hides the name)
QUICK = {"silent": "来电无声，多次询问无应答。", "hang_up": "接通后很快挂断。", "wrong_number": "来电者拨错号码。",
         "test": "线路测试。", "harassment": "来电内容与求助无关，已礼貌结束通话。"}  # fmt: skip
REASONS = ("来电者语气与回答不一致，结合临床判断上调风险等级。", "来电者有既往住院史，谨慎起见调整等级。")


def _pick(rnd: random.Random, weights: dict):
    return rnd.choices(list(weights), weights=list(weights.values()))[0]


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _day_starts(rnd: random.Random, day: date, count: int) -> list[datetime]:
    """`count` distinct start times in one seat day, sorted, following HOUR_WEIGHTS."""
    seconds: set[int] = set()
    while len(seconds) < count:
        hour = rnd.choices(range(24), weights=HOUR_WEIGHTS)[0]
        seconds.add(hour * 3600 + rnd.randrange(3600))
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZONE)
    return [midnight + timedelta(seconds=s) for s in sorted(seconds)]


def _answers(rnd: random.Random, items: dict[str, list[str]], scales: list[str]) -> dict:
    answers: dict = {"ideation_current": rnd.random() < 0.6, "ideation_passive": rnd.random() < 0.5}
    for group, chance in (("desire", 0.3), ("capability", 0.12), ("intent", 0.04), ("buffers", 0.4)):
        for code in items[group]:
            if rnd.random() < chance:
                answers[code] = True
    if rnd.random() < 0.03:
        answers["attempt_in_progress"] = True
    for code in scales:
        if rnd.random() < 0.6:
            answers[code] = rnd.randint(0, 10)
    return answers


def _risk_side(rnd: random.Random, line: dict, started: datetime, items, scales) -> None:
    answers = _answers(rnd, items, scales)
    line["risk"] = {"answers": answers}
    level = risk.assess(answers).level
    if rnd.random() < 0.12:
        level = risk.LEVELS[min(risk.LEVELS.index(level) + 1, len(risk.LEVELS) - 1)]
        line["risk"]["override"] = {"level": level, "reason": rnd.choice(REASONS)}
    if level == "imminent":
        at = started + timedelta(minutes=rnd.randint(2, 10))
        action = rnd.choice(("police_110", "ambulance_120"))
        outcome = rnd.choice(("rescued", "safe", "unknown", "disconnected"))
        line["crisis_actions"] = [
            {"action": "stayed_on_line", "at": _iso(at)},
            {"action": action, "at": _iso(at + timedelta(minutes=1)), "outcome": outcome},
        ]
    elif level == "high" and rnd.random() < 0.6:
        line["crisis_actions"] = [{"action": "safety_plan_agreed", "at": _iso(started + timedelta(minutes=20))}]
    if level in ("moderate", "high", "imminent"):
        kind = rnd.choice(("psychiatric_emergency", "psychiatric_outpatient", "psychological_outpatient"))
        line["referrals"] = [{"kind": kind, "urgency": "urgent" if level == "imminent" else "soon"}]
        line["follow_up"] = {"due": _iso(started + timedelta(hours=rnd.randint(12, 48))), "note": "回访了解近况。"}


def _told(rnd: random.Random) -> str:
    return f"{rnd.choice(WHEN)}{rnd.choice(WHO)}{rnd.choice(WHAT)}{rnd.choice(HOW)}"


def _call(rnd: random.Random, started: datetime, number: int, codes: dict, keywords: list[str], risk_parts) -> dict:
    kind = _pick(rnd, KIND_SHARES)
    line: dict = {"started_at": _iso(started), "kind": kind, "counselor": f"C{rnd.randint(1, 20):03d}"}
    roll = rnd.random()
    if kind in MINUTES:
        low, high = MINUTES[kind]
        end = started + timedelta(seconds=rnd.randint(low * 60, high * 60))
    else:
        end = started + timedelta(seconds=rnd.randint(5 * 60, 60 * 60))
    if roll >= 0.02:  # a few calls were never closed
        line["ended_at"] = _iso(end)
    caller = {}
    if rnd.random() < 0.85:
        caller["age_band"] = rnd.choice(codes["age"])
    if rnd.random() < 0.9:
        caller["gender"] = _pick(rnd, {"female": 58, "male": 38, "other": 1, "unknown": 3})
    if rnd.random() < 0.8:
        caller["region"] = rnd.choice(("110000", "310000", "440000", *PROVINCES))
    if rnd.random() < 0.7:
        caller["first_call"] = rnd.random() < 0.6
    line["caller"] = caller
    talking = kind in ("counselling", "information", "third_party")
    if talking:
        line["concerns"] = rnd.sample(codes["concerns"], rnd.randint(1, 3))
        line["interventions"] = rnd.sample(codes["interventions"], rnd.randint(1, 3))
        if kind != "information":
            line["emotions"] = rnd.sample(codes["emotions"], rnd.randint(1, 3))
        if tags := rnd.sample(keywords, rnd.randint(0, 3)):
            line["keywords"] = tags
        line["summary"] = "".join(rnd.sample(SENTENCES, 2))
        line["notes"] = "".join(_told(rnd) if rnd.random() < 0.6 else rnd.choice(SENTENCES)
                                for _ in range(rnd.randint(2, 5)))  # fmt: skip
        if rnd.random() < 1 / NAMED_EVERY:
            relation = rnd.choice(("同事", "同学", "前男友", "表姐"))
            line["notes"] += f"来电者提到{relation}{rnd.choice(PEOPLE)}，情绪激动。"
        if rnd.random() < 0.15:
            chars = "".join(rnd.choice(CASE_ALPHABET) for _ in range(6))
            line["case_code"] = f"{chars[:3]}-{chars[3:]}"
    else:
        line["summary"] = QUICK[kind]
    if number % MOBILE_EVERY == MOBILE_EVERY // 2:
        mobile = "138" + "".join(rnd.choice("0123456789") for _ in range(8))
        line["notes"] = line.get("notes", "") + f"来电者留下手机号{mobile}，希望回电。"
    if kind == "counselling" and rnd.random() < RISK_SHARE:
        _risk_side(rnd, line, started, *risk_parts)
    elif talking and rnd.random() < 0.08:
        kind_code = rnd.choice(codes["referrals"])
        line["referrals"] = [{"kind": kind_code, "urgency": rnd.choice(codes["urgency"])}]
    if "follow_up" not in line and talking and rnd.random() < 0.03:
        line["follow_up"] = {"due": _iso(started + timedelta(days=1)), "note": "约定次日回访。"}
    return line


def generate(n: int, seed: int, start: date, days: int) -> Iterator[dict]:
    """`n` calls spread over `days` seat days from `start`, in time order; the same for the same seed."""
    rnd = random.Random(seed)
    taxonomy = load_taxonomy()
    codes = {
        "age": [c for c in taxonomy.codes(AGE_BANDS) if c != "unknown"],
        "concerns": taxonomy.codes(CONCERNS),
        "emotions": taxonomy.codes(EMOTIONS),
        "interventions": taxonomy.codes(INTERVENTIONS),
        "referrals": taxonomy.codes(REFERRAL_KINDS),
        "urgency": taxonomy.codes(URGENCY),
    }
    keywords = [k for k in load_keywords("zh") if len(k) <= 20]
    table = risk.items()
    items = {g.code: [i.code for i in g.items if i.code != "attempt_in_progress"] for g in table.groups}
    risk_parts = (items, [s.code for s in table.scales])
    number = 0
    for offset in range(days):
        count = n * (offset + 1) // days - n * offset // days
        for started in _day_starts(rnd, start + timedelta(days=offset), count):
            yield _call(rnd, started, number, codes, keywords, risk_parts)
            number += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2025, 1, 1))
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as out:
        for line in generate(args.calls, args.seed, args.start, args.days):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
