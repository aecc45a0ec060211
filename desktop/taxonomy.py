"""The bilingual code lists of DESIGN.md §6 and the keyword lists counselors tag calls with.

The lists live in `resources/taxonomy/taxonomy.json` and `resources/keywords/keywords_<lang>.txt` so a
center's clinical lead can review them (see `resources/taxonomy/README.md`). Codes never change meaning
and the codes of §6 can never be removed: a file that lacks one, repeats a code or leaves a label empty
is refused with a `TaxonomyError` naming the file and the problem. Each file is read once per process.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from desktop.errors import HotlineError
from desktop.resources import resource_path

CALL_KINDS = "call_kinds"
AGE_BANDS = "age_bands"
GENDERS = "genders"
REGIONS = "regions"
CONCERNS = "concerns"  # the items, coded `group.item`
CONCERN_GROUPS = "concern_groups"  # the groups of CONCERNS; in the file they hold their items
EMOTIONS = "emotions"
INTERVENTIONS = "interventions"
REFERRAL_KINDS = "referral_kinds"
URGENCY = "referral_urgency"
REFERRAL_STATUS = "referral_status"
CRISIS_ACTIONS = "crisis_actions"
CRISIS_OUTCOMES = "crisis_outcomes"

LANGUAGES = ("zh", "en")
TAXONOMY_FILE = "taxonomy/taxonomy.json"
KEYWORD_FILE = "keywords/keywords_{lang}.txt"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PROVINCES = _words(
    "110000 120000 130000 140000 150000 210000 220000 230000 310000 320000 330000 340000 350000 360000 "
    "370000 410000 420000 430000 440000 450000 460000 500000 510000 520000 530000 540000 610000 620000 "
    "630000 640000 650000 710000 810000 820000"
)
_REQUIRED_CONCERNS = {
    "suicide": "ideation attempt bereavement",
    "self_harm": "nssi",
    "harm_others": "violence_risk",
    "mental": "anxiety depression sleep psychosis substance eating trauma postpartum medication other",
    "family": "conflict parent_child marriage domestic_violence caregiving",
    "relationship": "romantic breakup peer loneliness",
    "study": "academic_pressure exam school_adjustment bullying",
    "work": "stress unemployment conflict burnout",
    "life": "bereavement illness financial legal major_event",
    "info": "services knowledge hotline",
    "other": "other",
}

# The codes of DESIGN.md §6, each of which every taxonomy file must hold. A center may add codes.
REQUIRED: dict[str, tuple[str, ...]] = {
    CALL_KINDS: _words("counselling information third_party silent hang_up harassment wrong_number test"),
    AGE_BANDS: _words("under_12 12_17 18_24 25_34 35_44 45_59 60_plus unknown"),
    GENDERS: _words("female male other unknown"),
    REGIONS: (*PROVINCES, "unknown"),
    CONCERNS: tuple(f"{group}.{item}" for group, items in _REQUIRED_CONCERNS.items() for item in items.split()),
    EMOTIONS: _words("anxiety agitation sadness low_mood hopelessness anger fear guilt_shame loneliness numbness calm"),
    INTERVENTIONS: _words(
        "active_listening emotional_support psychoeducation problem_solving relaxation cognitive_reframing "
        "safety_planning crisis_intervention resource_information referral warm_transfer"
    ),
    REFERRAL_KINDS: _words(
        "psychiatric_emergency psychiatric_outpatient psychological_outpatient sleep_clinic school_counseling "
        "community_health social_work police_110 ambulance_120 youth_12355 women_12338 legal_aid_12348 "
        "government_12345 other"
    ),
    URGENCY: _words("routine soon urgent"),
    REFERRAL_STATUS: _words("suggested warm_transfer accepted completed declined"),
    CRISIS_ACTIONS: _words(
        "police_110 ambulance_120 fire_119 warm_transfer third_party_contacted safety_plan_agreed stayed_on_line"
    ),
    CRISIS_OUTCOMES: _words("rescued safe unknown disconnected refused"),
}
FILE_LISTS = tuple(REQUIRED)  # the lists of the file, in the order they appear there

_CODE = re.compile(r"[a-z0-9][a-z0-9_]*")


class TaxonomyError(HotlineError):
    """A taxonomy or keyword file is missing, malformed or lacks a code the program relies on."""

    code = "program.taxonomy"  # a file the program ships with: the window says to reinstall


def _lang(lang: str) -> str:
    """'zh', 'zh_CN', 'zh-Hans' → 'zh'; 'en', 'en_US' → 'en'."""
    short = lang.lower()[:2]
    if short not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return short


def _fold(text: str) -> str:
    """The form searches compare: full-width letters made plain, case folded, curly apostrophes straight,
    outer spaces dropped."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").strip()


@dataclass(frozen=True)
class Entry:
    """One code of a list with its labels; concern items also carry extra search terms."""

    code: str
    zh: str
    en: str
    search: tuple[str, ...] = ()

    def label(self, lang: str = "zh") -> str:
        return self.zh if _lang(lang) == "zh" else self.en


@dataclass(frozen=True)
class Group:
    """A concern group (`study`) with its items (`study.exam`, …)."""

    code: str
    zh: str
    en: str
    items: tuple[Entry, ...]

    def label(self, lang: str = "zh") -> str:
        return self.zh if _lang(lang) == "zh" else self.en


class Taxonomy:
    """The checked code lists of one taxonomy file. Obtain it with `load_taxonomy()`."""

    def __init__(self, path: Path, version: int, lists: dict[str, tuple[Entry, ...]], groups: tuple[Group, ...]):
        self.path = path
        self.version = version
        self._groups = groups
        lists = {
            **lists,
            CONCERNS: tuple(item for group in groups for item in group.items),
            CONCERN_GROUPS: tuple(Entry(group.code, group.zh, group.en) for group in groups),
        }
        self._index = {name: {entry.code: entry for entry in entries} for name, entries in lists.items()}
        self._group_of = {item.code: group for group in groups for item in group.items}

    def _entries(self, list_name: str) -> dict[str, Entry]:
        try:
            return self._index[list_name]
        except KeyError:
            raise ValueError(f"unknown code list {list_name!r}") from None

    def codes(self, list_name: str) -> list[str]:
        """The codes of a list in the order a counselor sees them."""
        return list(self._entries(list_name))

    def label(self, list_name: str, code: str, lang: str = "zh") -> str:
        """The label of a code; a code this file does not know (from another center) is shown as itself."""
        entry = self._entries(list_name).get(code)
        return entry.label(lang) if entry else code

    def is_valid(self, list_name: str, code: str) -> bool:
        return code in self._entries(list_name)

    def concern_groups(self) -> list[Group]:
        return list(self._groups)

    def concern_group(self, code: str) -> str:
        """The group of a concern code: `study.exam` → `study`; an unknown code by its part before the dot."""
        group = self._group_of.get(code)
        return group.code if group else code.partition(".")[0]

    def search_concerns(self, query: str, lang: str = "zh") -> list[str]:
        """Concern codes whose code, labels (both languages) or search terms contain the query, ignoring case.

        Best matches first: an exact match, then the code or the label in `lang`, then the other label,
        then a search term, then the group's code or label; ties keep the taxonomy's order. An empty query
        finds nothing.
        """
        needle = _fold(query)
        if not needle:
            return []
        lang = _lang(lang)
        other = "en" if lang == "zh" else "zh"
        ranked = []
        for position, (code, group) in enumerate(self._group_of.items()):
            item = self._index[CONCERNS][code]
            tiers = (
                (item.code, item.zh, item.en, *item.search),
                (item.code, item.label(lang)),
                (item.label(other),),
                item.search,
                (group.code, group.zh, group.en),
            )
            for rank, texts in enumerate(tiers):
                folded = [_fold(text) for text in texts]
                if (needle in folded) if rank == 0 else any(needle in text for text in folded):
                    ranked.append((rank, position, code))
                    break
        return [code for _, _, code in sorted(ranked)]


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy of `path` (default: the bundled `resources/taxonomy/taxonomy.json`), checked and cached."""
    return _load_taxonomy(Path(path) if path is not None else resource_path(TAXONOMY_FILE))


@lru_cache(maxsize=8)
def _load_taxonomy(path: Path) -> Taxonomy:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TaxonomyError(f"Taxonomy file {path} is missing.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"Taxonomy file {path} cannot be read: {exc}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(
            f"Taxonomy file {path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    return _Checker(path).taxonomy(data)


class _Checker:
    """Turns parsed JSON into a Taxonomy, or raises a TaxonomyError naming the file and the first problem."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, problem: str) -> NoReturn:
        raise TaxonomyError(f"Taxonomy file {self.path}: {problem}.")

    def taxonomy(self, data: Any) -> Taxonomy:
        self.fields("the file", data, ("version", *FILE_LISTS))
        version = data.get("version")
        if type(version) is not int or version < 1:
            self.fail("'version' must be a whole number of at least 1")
        for name in FILE_LISTS:
            if not isinstance(data.get(name), list) or not data[name]:
                self.fail(f"the list '{name}' is missing or empty")
        lists = {name: self.entries(name, data[name]) for name in FILE_LISTS if name != CONCERNS}
        groups = self.groups(data[CONCERNS])
        for name, entries in (*lists.items(), (CONCERNS, [item for group in groups for item in group.items])):
            known = {entry.code for entry in entries}
            missing = [code for code in REQUIRED[name] if code not in known]
            if missing:
                self.fail(
                    f"the list '{name}' lacks the required code(s) {', '.join(missing)}"
                    " (codes may be added to a list but never removed)"
                )
        return Taxonomy(self.path, version, lists, groups)

    def fields(self, where: str, obj: Any, allowed: tuple[str, ...]) -> None:
        if not isinstance(obj, dict):
            self.fail(f"{where} must be a JSON object")
        unknown = [key for key in obj if key not in allowed and not key.startswith("_")]
        if unknown:
            self.fail(f"{where} has unknown field(s) {', '.join(map(repr, unknown))}")

    def entry(self, where: str, obj: Any, group: str | None = None) -> Entry:
        allowed = ("code", *LANGUAGES, "search") if group else ("code", *LANGUAGES)
        self.fields(where, obj, allowed)
        code = obj.get("code")
        if not isinstance(code, str) or not code:
            self.fail(f"{where} has no code")
        prefix, dot, item = code.partition(".")
        if group and (prefix != group or not dot or not _CODE.fullmatch(item)):
            self.fail(f"{where} has the code {code!r}, which is not of the form '{group}.item'")
        if not group and not _CODE.fullmatch(code):
            self.fail(f"{where} has the code {code!r}: use lower-case letters, digits and '_'")
        labels = self.labels(f"{where} ({code})", obj)
        search = obj.get("search", [])
        if not isinstance(search, list) or not all(isinstance(term, str) and term.strip() for term in search):
            self.fail(f"{where} ({code}) has a 'search' that is not a list of non-empty texts")
        return Entry(code, *labels, search=tuple(term.strip() for term in search))

    def labels(self, where: str, obj: dict) -> tuple[str, str]:
        for lang in LANGUAGES:
            if not isinstance(obj.get(lang), str) or not obj[lang].strip():
                self.fail(f"{where} has no '{lang}' label")
        return obj["zh"].strip(), obj["en"].strip()

    def entries(self, name: str, items: list, group: str | None = None) -> tuple[Entry, ...]:
        entries = tuple(self.entry(f"{name}[{n}]", obj, group) for n, obj in enumerate(items))
        self.unique(name, [entry.code for entry in entries])
        return entries

    def groups(self, items: list) -> tuple[Group, ...]:
        groups = []
        for n, obj in enumerate(items):
            where = f"{CONCERNS}[{n}]"
            self.fields(where, obj, ("code", *LANGUAGES, "items"))
            code = obj.get("code")
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                self.fail(f"{where} has no code or an invalid one: use lower-case letters, digits and '_'")
            labels = self.labels(f"{where} ({code})", obj)
            if not isinstance(obj.get("items"), list) or not obj["items"]:
                self.fail(f"{where} ({code}) has no items")
            groups.append(Group(code, *labels, items=self.entries(f"{where}.items", obj["items"], group=code)))
        self.unique(CONCERNS, [group.code for group in groups])
        return tuple(groups)

    def unique(self, name: str, codes: list[str]) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.fail(f"the code {code!r} appears more than once in '{name}'")
            seen.add(code)


# Keywords


def load_keywords(lang: str) -> list[str]:
    """The keyword list of a language, in file order, without comments, blank lines or repeats."""
    return list(_keywords(_lang(lang)))


@lru_cache(maxsize=len(LANGUAGES))
def _keywords(lang: str) -> tuple[str, ...]:
    path = resource_path(KEYWORD_FILE.format(lang=lang))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TaxonomyError(f"Keyword file {path} is missing.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"Keyword file {path} cannot be read: {exc}.") from None
    words: dict[str, str] = {}
    for line in text.splitlines():
        word = " ".join(line.split("#", 1)[0].split())
        if word:
            words.setdefault(_fold(word), word)
    return tuple(words.values())


def keywords_in(text: str, lang: str | None = None) -> list[str]:
    """The keywords (of `lang`'s list, or of both when None) that occur in a text, in order of first
    appearance, each once. Where keywords overlap, the longest at the leftmost place wins (产后抑郁, not
    抑郁). English keywords match whole words, ignoring case, and also with a plain ending (exam → exams)."""
    by_first = _keywords_by_first_char(LANGUAGES if lang is None else (_lang(lang),))
    folded = _fold(text)
    found: dict[str, None] = {}
    start = 0
    while start < len(folded):
        end = None
        for key, word in by_first.get(folded[start], ()):
            end = _match_end(folded, start, key)
            if end is not None:
                found.setdefault(word)
                break
        start = end if end is not None else start + 1
    return list(found)


_ENDINGS = ("ing", "es", "ed", "s", "d")


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _match_end(text: str, start: int, key: str) -> int | None:
    """Where `key` found at `start` ends (with its plain ending, if English), or None if it is not there."""
    if not text.startswith(key, start):
        return None
    end = start + len(key)
    if _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1]):
        return None
    if not _is_word_char(key[-1]):
        return end
    for ending in ("", *_ENDINGS):
        after = end + len(ending)
        if text.startswith(ending, end) and (after == len(text) or not _is_word_char(text[after])):
            return after
    return None


@lru_cache(maxsize=4)
def _keywords_by_first_char(langs: tuple[str, ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """(folded keyword, keyword) pairs by the keyword's first folded character, longest first."""
    words: dict[str, str] = {}
    for lang in langs:
        for word in _keywords(lang):
            words.setdefault(_fold(word), word)
    by_first: dict[str, list[tuple[str, str]]] = {}
    for key, word in sorted(words.items(), key=lambda pair: -len(pair[0])):
        by_first.setdefault(key[0], []).append((key, word))
    return {char: tuple(pairs) for char, pairs in by_first.items()}
