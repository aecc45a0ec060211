"""The suicide-risk assessment of DESIGN.md §7: the items a counselor answers, the level they give, and
the words in a note that prompt the assessment.

Items, scales and level labels (`items.json`), the rule table (`rules.json`) and the prompting words
(`prompt_words.txt`) live in `resources/risk/` for a center's clinical lead to review (see its README).
Each file is read and checked once per process; a broken one is refused with a `RiskTableError` naming
the file and the problem.
"""

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from desktop.errors import HotlineError
from desktop.resources import resource_path

LEVELS = ("none", "low", "moderate", "high", "imminent")  # lowest first
# Nothing answered yet (DESIGN.md §7): never "none", which would claim an assessment nobody made. It is not
# a level of the rule table; a counselor cannot choose it as an override.
NOT_ASSESSED = "not_assessed"
REPORTED_LEVELS = (NOT_ASSESSED, *LEVELS)  # the levels statistics count, in their order
_NOT_ASSESSED_TEXT = {
    "zh": ("未评估", "尚未回答任何评估条目：请在来电者谈到时逐项评估，等级会随之给出。"),
    "en": ("Not assessed", "No item has been answered yet: assess as the caller speaks, and the level follows."),
}
RULE_LEVELS = ("imminent", "high", "moderate", "low")  # the order rules.json tries them; none otherwise
OPENS_PROTOCOL = ("high", "imminent")
GROUPS = ("desire", "capability", "intent", "buffers")
BUFFERS = "buffers"
SCALE_MIN, SCALE_MAX = 0, 10
LANGUAGES = ("zh", "en")
ITEMS_FILE = "risk/items.json"
RULES_FILE = "risk/rules.json"
PROMPT_FILE = "risk/prompt_words.txt"

# The items and scales of DESIGN.md §7, each of which items.json must hold. A center may add items.
REQUIRED_ITEMS = {
    "desire": "ideation_current ideation_passive psychological_pain hopelessness helplessness burden trapped "
    "intolerably_alone",
    "capability": "prior_attempt prior_attempt_recent exposure_suicide violence_others means_access intoxicated_now "
    "substance_misuse acute_symptoms agitation_rage self_harm",
    "intent": "attempt_in_progress plan method_known preparatory_behaviour expressed_intent timeframe_72h "
    "harm_others_intent",
    "buffers": "immediate_support social_support future_plans ambivalence core_values sense_of_purpose "
    "engaged_with_helper",
}
REQUIRED_SCALES = ("ideation_intensity", "hopelessness_scale", "distress")
OPERATORS = ("item", "scale", "all", "any", "not", "any_of_group", "none_of_group", "ref")
_CODE = re.compile(r"[a-z0-9][a-z0-9_]*")


class RiskTableError(HotlineError):
    """A risk item, rule or prompt-word file is missing, malformed or inconsistent."""

    code = "program.risk_table"  # a file the program ships with: the window says to reinstall


def _lang(lang: str) -> int:
    """0 for 'zh', 'zh_CN' …; 1 for 'en', 'en_US' …"""
    if lang.lower()[:2] not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang.lower()[:2])


@dataclass(frozen=True)
class Entry:
    """An item, scale, group (with its items) or level (with what it means for the counselor), labelled."""

    code: str
    zh: str
    en: str
    items: tuple["Entry", ...] = ()
    about: tuple[str, str] = ("", "")  # zh, en

    def label(self, lang: str = "zh") -> str:
        return (self.zh, self.en)[_lang(lang)]

    def description(self, lang: str = "zh") -> str:
        return self.about[_lang(lang)]


class RiskItems:
    """The checked contents of items.json: `groups` (each with its `items`), `scales` and `levels`."""

    def __init__(self, path: Path, version: int, groups: tuple[Entry, ...], scales, levels):
        self.path, self.version, self.groups, self.scales, self.levels = path, version, groups, scales, levels
        self.item_codes = tuple(item.code for group in groups for item in group.items)
        self.scale_codes = tuple(scale.code for scale in scales)
        self.group_of = {item.code: group.code for group in groups for item in group.items}
        self.by_code = {e.code: e for e in (*groups, *scales, *(i for g in groups for i in g.items), *levels)}

    def label(self, code: str, lang: str = "zh") -> str:
        """The label of an item, scale, group or level; an unknown code is shown as itself."""
        entry = self.by_code.get(code)
        return entry.label(lang) if entry else str(code)


@dataclass(frozen=True)
class Assessment:
    level: str
    reasons: tuple[str, ...] = ()  # the items and scales that decided the level, in rule order

    @property
    def opens_protocol(self) -> bool:
        return self.level in OPENS_PROTOCOL


# A compiled condition: ("item", code) · ("scale", code, lo, hi) · ("all"|"any", (conditions…)) ·
# ("not", condition) · ("any_of_group"|"none_of_group", group, (item codes…)). References are inlined.
Condition = tuple


def _holds(cond: Condition, values: Mapping[str, bool | int]) -> tuple[str, ...] | None:
    """None when the condition is false, else the codes that made it true (possibly none)."""
    op = cond[0]
    if op == "item":
        return (cond[1],) if values[cond[1]] else None
    if op == "scale":
        value = values[cond[1]]  # None: the scale was not asked, which no range holds (not 0)
        return (cond[1],) if value is not None and cond[2] <= value <= cond[3] else None
    if op == "not":
        return () if _holds(cond[1], values) is None else None
    if op in ("any_of_group", "none_of_group"):
        found = tuple(code for code in cond[2] if values[code])
        return (found or None) if op == "any_of_group" else (None if found else ())
    hits = [_holds(part, values) for part in cond[1]]
    if op == "all" and None in hits:
        return None
    true = [hit for hit in hits if hit is not None]
    return tuple(code for hit in true for code in hit) if true else None


class RiskRules:
    """The checked rule table of rules.json. Obtain it with `load_rules()`."""

    def __init__(self, path: Path, version: int, items: RiskItems, levels):
        self.path, self.version, self.items = path, version, items
        self.levels: tuple[tuple[str, tuple[tuple[str, Condition], ...]], ...] = levels

    def values(self, answers: Mapping[str, bool | int]) -> dict[str, bool | int]:
        """Every item and scale with its checked value: missing items are false, missing scales None."""
        if not isinstance(answers, Mapping):
            raise ValueError("risk answers must map item and scale codes to values")
        values = {**dict.fromkeys(self.items.item_codes, False), **dict.fromkeys(self.items.scale_codes)}
        for code, value in answers.items():
            shown, kind = repr(str(code)[:40]), type(value)
            if code not in values:
                raise ValueError(f"unknown risk item {shown}")
            if code in self.items.item_codes and kind is not bool:
                raise ValueError(f"the risk item {shown} must be true or false, not {kind.__name__}")
            if code in self.items.scale_codes and (kind is not int or not SCALE_MIN <= value <= SCALE_MAX):
                shown_value = value if kind in (int, float) else kind.__name__
                raise ValueError(f"the scale {shown} must be a whole number from 0 to 10, not {shown_value}")
            values[code] = value
        return values

    def assess(self, answers: Mapping[str, bool | int]) -> Assessment:
        values = self.values(answers)
        if not answers:  # nothing answered, not even "no": not assessed (DESIGN.md §7)
            return Assessment(NOT_ASSESSED)
        for level, rules in self.levels:
            hits = [hit for _, cond in rules if (hit := _holds(cond, values)) is not None]
            if hits:
                return Assessment(level, tuple(dict.fromkeys(code for hit in hits for code in hit)))
        return Assessment("none")


def _read(path: Path, what: str, as_json: bool = True) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
        return json.loads(text) if as_json else text
    except (OSError, UnicodeDecodeError) as exc:
        raise RiskTableError(f"{what} {path} cannot be read: {exc}.") from None
    except json.JSONDecodeError as exc:
        raise RiskTableError(f"{what} {path} is not valid JSON: {exc.msg} at line {exc.lineno}.") from None


class _Checker:
    """Turns parsed JSON into RiskItems or RiskRules, or raises a RiskTableError naming the file and problem."""

    def __init__(self, path: Path, what: str, items: RiskItems | None = None):
        self.path, self.what, self.items = path, what, items

    def fail(self, problem: str) -> NoReturn:
        raise RiskTableError(f"{self.what} {self.path}: {problem}.")

    def fields(self, where: str, obj: Any, allowed: tuple[str, ...]) -> dict:
        if not isinstance(obj, dict):
            self.fail(f"{where} must be a JSON object")
        unknown = [key for key in obj if key not in allowed and not key.startswith("_")]
        if unknown:
            self.fail(f"{where} has unknown field(s) {', '.join(map(repr, unknown))}")
        return obj

    def need(self, where: str, value: Any, kind: type) -> Any:
        """A non-empty text or list."""
        if not isinstance(value, kind) or not (value.strip() if kind is str else value):
            self.fail(f"{where} must be a non-empty {'text' if kind is str else 'list'}")
        return value.strip() if kind is str else value

    def top(self, data: Any, keys: tuple[str, ...]) -> int:
        self.fields("the file", data, ("version", *keys))
        if type(data.get("version")) is not int or data["version"] < 1:
            self.fail("'version' must be a whole number of at least 1")
        return data["version"]

    def entries(self, where: str, objs: Any, extra: tuple[str, ...] = ()) -> list[tuple[Entry, dict]]:
        found = []
        for n, obj in enumerate(self.need(where, objs, list)):
            self.fields(f"{where}[{n}]", obj, ("code", *LANGUAGES, *extra))
            code = obj.get("code")
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                self.fail(f"{where}[{n}] has no code or an invalid one: use lower-case letters, digits and '_'")
            labels = [self.need(f"{where}[{n}] ({code}) '{lang}'", obj.get(lang), str) for lang in LANGUAGES]
            found.append((Entry(code, *labels), obj))
        return found

    def in_order(self, where: str, codes: list, expected: tuple[str, ...]) -> None:
        missing = [code for code in expected if code not in codes]
        if missing:
            self.fail(f"{where} lacks {', '.join(map(repr, missing))}")
        if tuple(codes) != expected:
            self.fail(f"{where} must be {', '.join(expected)}, in this order (found {', '.join(map(str, codes))})")

    def risk_items(self, data: Any) -> RiskItems:
        version = self.top(data, ("groups", "scales", "levels"))
        groups = []
        for group, obj in self.entries("groups", data.get("groups"), ("items",)):
            items = tuple(entry for entry, _ in self.entries(f"groups ({group.code}) items", obj.get("items")))
            required = tuple(REQUIRED_ITEMS.get(group.code, "").split())
            self.in_order(f"the group '{group.code}'", [c for c in required if c in {i.code for i in items}], required)
            groups.append(replace(group, items=items))
        self.in_order("'groups'", [group.code for group in groups], GROUPS)
        scales = tuple(entry for entry, _ in self.entries("scales", data.get("scales")))
        self.in_order("'scales'", [c for c in REQUIRED_SCALES if c in {s.code for s in scales}], REQUIRED_SCALES)
        levels = []
        for level, obj in self.entries("levels", data.get("levels"), ("description",)):
            where = f"levels ({level.code}) description"
            about = self.fields(where, obj.get("description"), LANGUAGES)
            levels.append(
                replace(level, about=tuple(self.need(f"{where} '{x}'", about.get(x), str) for x in LANGUAGES))
            )
        self.in_order("'levels'", [level.code for level in levels], LEVELS)
        codes = [*GROUPS, *LEVELS, *(item.code for group in groups for item in group.items), *(s.code for s in scales)]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            self.fail(f"the code(s) {', '.join(repeated)} appear more than once among groups, levels, items, scales")
        return RiskItems(self.path, version, tuple(groups), scales, tuple(levels))

    def risk_rules(self, data: Any) -> RiskRules:
        version = self.top(data, ("definitions", "levels"))
        definitions = data.get("definitions", {})
        if not isinstance(definitions, dict):
            self.fail("'definitions' must be a JSON object of named conditions")
        self.definitions = {name: cond for name, cond in definitions.items() if not name.startswith("_")}
        self.compiled: dict[str, Condition] = {}
        self.resolving: list[str] = []
        for name in self.definitions:
            self.ref(name, f"definitions.{name}")
        levels = []
        for n, obj in enumerate(self.need("'levels'", data.get("levels"), list)):
            level = self.fields(f"levels[{n}]", obj, ("level", "note", "rules")).get("level")
            rules = []
            for m, rule in enumerate(self.need(f"levels[{n}] ({level}) 'rules'", obj.get("rules"), list)):
                where = f"levels[{n}] ({level}) rules[{m}]"
                note = self.need(f"{where} 'note'", self.fields(where, rule, ("note", "when")).get("note"), str)
                cond = self.condition(f"{where}.when", rule.get("when"))
                if level in OPENS_PROTOCOL and self.mentions_buffers(cond):
                    self.fail(f"{where} mentions buffers: buffers never lower an imminent or high level")
                rules.append((note, cond))
            levels.append((level, tuple(rules)))
        self.in_order("'levels'", [level for level, _ in levels], RULE_LEVELS)
        return RiskRules(self.path, version, self.items, tuple(levels))

    def ref(self, name: Any, where: str) -> Condition:
        if not isinstance(name, str) or name not in self.definitions:
            self.fail(f"{where} refers to the unknown definition {name!r}")
        if name in self.resolving:
            cycle = [*self.resolving[self.resolving.index(name) :], name]
            self.fail(f"the definitions form a cycle: {' → '.join(cycle)}")
        if name not in self.compiled:
            self.resolving.append(name)
            self.compiled[name] = self.condition(f"definitions.{name}", self.definitions[name])
            self.resolving.pop()
        return self.compiled[name]

    def condition(self, where: str, obj: Any) -> Condition:
        if not isinstance(obj, dict):
            self.fail(f'{where} must be a JSON object such as {{"item": "plan"}}')
        keys = [key for key in obj if key != "note" and not key.startswith("_")]
        unknown = [key for key in keys if key not in (*OPERATORS, "min", "max")]
        if unknown:
            self.fail(f"{where} uses the unknown operator {unknown[0]!r} (known: {', '.join(OPERATORS)})")
        ops = [key for key in keys if key in OPERATORS]
        if len(ops) != 1:
            self.fail(f"{where} must hold exactly one operator, not {len(ops)}")
        op, arg = ops[0], obj[ops[0]]
        if op != "scale" and len(keys) > 1:
            self.fail(f"{where}: 'min' and 'max' go only with 'scale'")
        if op in ("item", "scale") and arg not in (self.items.item_codes if op == "item" else self.items.scale_codes):
            self.fail(f"{where} names the unknown {op} {arg!r}")
        if op == "item":
            return ("item", arg)
        if op == "scale":
            bounds = [obj.get("min", SCALE_MIN), obj.get("max", SCALE_MAX)]
            valid = all(type(b) is int and SCALE_MIN <= b <= SCALE_MAX for b in bounds) and bounds[0] <= bounds[1]
            if len(keys) == 1 or not valid:
                self.fail(f"{where} on {arg!r} needs whole numbers {SCALE_MIN} ≤ 'min' ≤ 'max' ≤ {SCALE_MAX}")
            return ("scale", arg, *bounds)
        if op in ("all", "any"):
            parts = self.need(f"{where} '{op}'", arg, list)
            return (op, tuple(self.condition(f"{where}.{op}[{n}]", part) for n, part in enumerate(parts)))
        if op == "not":
            return ("not", self.condition(f"{where}.not", arg))
        if op == "ref":
            return self.ref(arg, where)
        if arg not in GROUPS:
            self.fail(f"{where} names the unknown group {arg!r} (known: {', '.join(GROUPS)})")
        return (op, arg, tuple(item.code for item in self.items.by_code[arg].items))

    def mentions_buffers(self, cond: Condition) -> bool:
        if cond[0] in ("all", "any"):
            return any(self.mentions_buffers(part) for part in cond[1])
        if cond[0] == "not":
            return self.mentions_buffers(cond[1])
        return cond[1] == BUFFERS or self.items.group_of.get(cond[1]) == BUFFERS


@lru_cache(maxsize=8)
def load_items(path: str | Path | None = None) -> RiskItems:
    """The items of `path` (default: the bundled `resources/risk/items.json`), checked; read once."""
    path = Path(path) if path is not None else resource_path(ITEMS_FILE)
    return _Checker(path, "Risk item file").risk_items(_read(path, "Risk item file"))


@lru_cache(maxsize=8)
def load_rules(path: str | Path | None = None) -> RiskRules:
    """The rule table of `path` (default: the bundled `resources/risk/rules.json`), checked against the
    bundled items; read once."""
    path = Path(path) if path is not None else resource_path(RULES_FILE)
    return _Checker(path, "Risk rule file", load_items()).risk_rules(_read(path, "Risk rule file"))


def assess(answers: Mapping[str, bool | int]) -> Assessment:
    """The level the bundled rule table gives these answers, and the items and scales that decided it.

    Raises ValueError for an unknown item, an item that is not true or false, or a scale that is not a
    whole number from 0 to 10. Missing items count as false and a missing scale as not asked (it matches
    no scale condition). With nothing answered at all the level is `not_assessed`, never `none`."""
    return load_rules().assess(answers)


def items() -> RiskItems:
    return load_items()


def level_rank(level: str) -> int:
    """-1 for not assessed, 0 for none up to 4 for imminent."""
    if level not in REPORTED_LEVELS:
        raise ValueError(f"unknown risk level {level!r}")
    return REPORTED_LEVELS.index(level) - 1


def level_label(level: str, lang: str = "zh") -> str:
    """The label of a level (未评估, 无风险 … 紧急风险); an unknown level is shown as itself."""
    if level == NOT_ASSESSED:
        return _NOT_ASSESSED_TEXT[lang if lang in LANGUAGES else "zh"][0]
    return load_items().by_code[level].label(lang) if level in LEVELS else str(level)


def level_description(level: str, lang: str = "zh") -> str:
    """What a level means for the counselor, in one or two sentences."""
    if level == NOT_ASSESSED:
        return _NOT_ASSESSED_TEXT[lang if lang in LANGUAGES else "zh"][1]
    return load_items().by_code[level].description(lang) if level in LEVELS else ""


# Words that prompt the assessment


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").split())


@lru_cache(maxsize=1)
def _prompt_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    text = _read(resource_path(PROMPT_FILE), "Prompt word file", as_json=False)
    patterns: dict[str, tuple[str, re.Pattern]] = {}
    for line in text.splitlines():
        word = " ".join(line.split("#", 1)[0].split())
        key = _fold(word)
        if key and key not in patterns:
            left = r"(?<![a-z0-9])" if key[0].isascii() and key[0].isalnum() else ""
            right = r"(?![a-z0-9])" if key[-1].isascii() and key[-1].isalnum() else ""
            patterns[key] = (word, re.compile(left + re.escape(key) + right))
    return tuple(patterns.values())


def prompt_words() -> list[str]:
    return [word for word, _ in _prompt_patterns()]


def mentions_suicide(text: str) -> list[str]:
    """The prompting words a text mentions, in order of first appearance, each once. Chinese words match
    anywhere; English words match whole words, ignoring case."""
    folded = _fold(text)
    found = [(match.start(), word) for word, pattern in _prompt_patterns() if (match := pattern.search(folded))]
    return [word for _, word in sorted(found)]
