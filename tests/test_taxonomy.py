"""The code lists of DESIGN.md §6 and the keyword lists: complete, labelled, searchable, refused when broken."""

import copy
import json

import pytest

from desktop import taxonomy as taxonomy_module
from desktop.errors import HotlineError
from desktop.resources import resource_path
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERN_GROUPS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    EMOTIONS,
    GENDERS,
    INTERVENTIONS,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    REGIONS,
    REQUIRED,
    URGENCY,
    TaxonomyError,
    keywords_in,
    load_keywords,
    load_taxonomy,
)

# Copied from DESIGN.md §6 by hand, not from the module, so that a code removed anywhere fails here.
DESIGN_CODES = {
    CALL_KINDS: [
        "counselling",
        "information",
        "third_party",
        "silent",
        "hang_up",
        "harassment",
        "wrong_number",
        "test",
    ],
    AGE_BANDS: ["under_12", "12_17", "18_24", "25_34", "35_44", "45_59", "60_plus", "unknown"],
    GENDERS: ["female", "male", "other", "unknown"],
    CONCERNS: [
        "suicide.ideation",
        "suicide.attempt",
        "suicide.bereavement",
        "self_harm.nssi",
        "harm_others.violence_risk",
        "mental.anxiety",
        "mental.depression",
        "mental.sleep",
        "mental.psychosis",
        "mental.substance",
        "mental.eating",
        "mental.trauma",
        "mental.postpartum",
        "mental.medication",
        "mental.other",
        "family.conflict",
        "family.parent_child",
        "family.marriage",
        "family.domestic_violence",
        "family.caregiving",
        "relationship.romantic",
        "relationship.breakup",
        "relationship.peer",
        "relationship.loneliness",
        "study.academic_pressure",
        "study.exam",
        "study.school_adjustment",
        "study.bullying",
        "work.stress",
        "work.unemployment",
        "work.conflict",
        "work.burnout",
        "life.bereavement",
        "life.illness",
        "life.financial",
        "life.legal",
        "life.major_event",
        "info.services",
        "info.knowledge",
        "info.hotline",
        "other.other",
    ],
    EMOTIONS: [
        "anxiety",
        "agitation",
        "sadness",
        "low_mood",
        "hopelessness",
        "anger",
        "fear",
        "guilt_shame",
        "loneliness",
        "numbness",
        "calm",
    ],
    INTERVENTIONS: [
        "active_listening",
        "emotional_support",
        "psychoeducation",
        "problem_solving",
        "relaxation",
        "cognitive_reframing",
        "safety_planning",
        "crisis_intervention",
        "resource_information",
        "referral",
        "warm_transfer",
    ],
    REFERRAL_KINDS: [
        "psychiatric_emergency",
        "psychiatric_outpatient",
        "psychological_outpatient",
        "sleep_clinic",
        "school_counseling",
        "community_health",
        "social_work",
        "police_110",
        "ambulance_120",
        "youth_12355",
        "women_12338",
        "legal_aid_12348",
        "government_12345",
        "other",
    ],
    URGENCY: ["routine", "soon", "urgent"],
    REFERRAL_STATUS: ["suggested", "warm_transfer", "accepted", "completed", "declined"],
    CRISIS_ACTIONS: [
        "police_110",
        "ambulance_120",
        "fire_119",
        "warm_transfer",
        "third_party_contacted",
        "safety_plan_agreed",
        "stayed_on_line",
    ],
    CRISIS_OUTCOMES: ["rescued", "safe", "unknown", "disconnected", "refused"],
}

# GB/T 2260 province-level divisions, in the standard's order.
PROVINCES = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
    "710000": "台湾省",
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
}

ALL_LISTS = [*DESIGN_CODES, REGIONS, CONCERN_GROUPS]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture
def shipped() -> dict:
    """A fresh copy of the bundled file's JSON, to break in one place."""
    return json.loads(resource_path("taxonomy/taxonomy.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="taxonomy.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(path) -> str:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message
    assert isinstance(info.value, HotlineError)
    return message


# The bundled file


@pytest.mark.parametrize("list_name", list(DESIGN_CODES))
def test_every_design_code_exists(taxonomy, list_name):
    codes = taxonomy.codes(list_name)
    missing = [code for code in DESIGN_CODES[list_name] if code not in codes]
    assert not missing, f"{list_name} lacks {missing}"
    assert all(taxonomy.is_valid(list_name, code) for code in DESIGN_CODES[list_name])


@pytest.mark.parametrize("list_name", list(DESIGN_CODES))
def test_the_checker_requires_every_design_code(list_name):
    assert set(DESIGN_CODES[list_name]) <= set(REQUIRED[list_name])


def test_all_34_provinces_with_their_gbt_2260_codes(taxonomy):
    assert len(PROVINCES) == 34
    assert taxonomy.codes(REGIONS) == [*PROVINCES, "unknown"]
    for code, name in PROVINCES.items():
        assert taxonomy.label(REGIONS, code) == name
    assert taxonomy.label(REGIONS, "110000", "en") == "Beijing"
    assert taxonomy.label(REGIONS, "820000", "en") == "Macao"
    assert set(REQUIRED[REGIONS]) == {*PROVINCES, "unknown"}


@pytest.mark.parametrize("list_name", ALL_LISTS)
def test_every_entry_has_both_labels(taxonomy, list_name):
    for code in taxonomy.codes(list_name):
        for lang in ("zh", "en"):
            label = taxonomy.label(list_name, code, lang)
            assert label.strip() and label != code, (list_name, code, lang)


def test_concern_groups_hold_their_items_with_labels_and_search_terms(taxonomy):
    groups = taxonomy.concern_groups()
    assert [group.code for group in groups] == [
        "suicide",
        "self_harm",
        "harm_others",
        "mental",
        "family",
        "relationship",
        "study",
        "work",
        "life",
        "info",
        "other",
    ]
    assert [item.code for group in groups for item in group.items] == taxonomy.codes(CONCERNS)
    for group in groups:
        assert group.zh.strip() and group.en.strip()
        for item in group.items:
            assert item.code.startswith(group.code + ".")
            assert taxonomy.concern_group(item.code) == group.code
            assert item.zh.strip() and item.en.strip()
            assert any(not term.isascii() for term in item.search), f"{item.code} has no Chinese search term"
            assert any(term.isascii() for term in item.search), f"{item.code} has no English search term"


def test_labels_speak_the_counselors_language(taxonomy):
    assert taxonomy.label(CONCERNS, "family.parent_child") == "亲子关系"
    assert taxonomy.label(CONCERNS, "relationship.breakup") == "失恋/分手"
    assert taxonomy.label(CONCERNS, "work.burnout") == "职业倦怠"
    assert taxonomy.label(CONCERNS, "work.burnout", "en") == "Burnout"
    assert taxonomy.label(CONCERN_GROUPS, "study", "en_US") == "Study"
    assert taxonomy.label(CONCERNS, "study.exam", "zh_CN") == "考试"


def test_lists_come_in_the_order_a_counselor_expects(taxonomy):
    assert taxonomy.codes(AGE_BANDS) == DESIGN_CODES[AGE_BANDS]
    assert taxonomy.codes(CALL_KINDS)[0] == "counselling"
    assert taxonomy.codes(URGENCY) == ["routine", "soon", "urgent"]
    assert taxonomy.codes(REGIONS)[-1] == "unknown"


def test_unknown_codes_and_lists(taxonomy):
    assert taxonomy.label(EMOTIONS, "local_code_of_another_center") == "local_code_of_another_center"
    assert not taxonomy.is_valid(EMOTIONS, "study.exam")
    assert not taxonomy.is_valid(CONCERNS, "study")
    assert taxonomy.is_valid(CONCERN_GROUPS, "study")
    assert taxonomy.concern_group("local.thing") == "local"
    with pytest.raises(ValueError, match="unknown code list"):
        taxonomy.codes("emotion")
    with pytest.raises(ValueError, match="unsupported language"):
        taxonomy.label(EMOTIONS, "calm", "fr")


def test_the_file_is_read_once(taxonomy):
    assert load_taxonomy() is taxonomy
    assert load_taxonomy().version >= 1


# Search


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("考", "study.exam"),
        ("考研", "study.exam"),
        ("exam", "study.exam"),
        ("EXAM", "study.exam"),
        ("ｅｘａｍ", "study.exam"),
        ("失眠", "mental.sleep"),
        ("睡", "mental.sleep"),
        ("sleep", "mental.sleep"),
        ("insomnia", "mental.sleep"),
        ("亲子", "family.parent_child"),
        ("家暴", "family.domestic_violence"),
        ("burnout", "work.burnout"),
        ("分手", "relationship.breakup"),
    ],
)
def test_search_finds_concerns_by_label_code_or_term(taxonomy, query, code):
    for lang in ("zh", "en"):
        assert code in taxonomy.search_concerns(query, lang)


def test_search_puts_the_best_match_first(taxonomy):
    assert taxonomy.search_concerns("exam", "en")[0] == "study.exam"
    assert taxonomy.search_concerns("焦虑")[0] == "mental.anxiety"
    assert taxonomy.search_concerns("  sleep ", "en")[0] == "mental.sleep"
    assert set(taxonomy.search_concerns("学业")) >= {"study.exam", "study.bullying"}  # the group's items


def test_search_with_nothing_typed_finds_nothing(taxonomy):
    assert taxonomy.search_concerns("") == []
    assert taxonomy.search_concerns("   ") == []
    assert taxonomy.search_concerns("xyzzy-no-such-concern") == []


# A broken file is refused with a message naming it


def test_a_missing_required_code_is_refused(tmp_path, shipped):
    study = next(group for group in shipped[CONCERNS] if group["code"] == "study")
    study["items"] = [item for item in study["items"] if item["code"] != "study.exam"]
    message = refused(write(tmp_path, shipped))
    assert "study.exam" in message and "required" in message


def test_a_missing_region_is_refused(tmp_path, shipped):
    shipped[REGIONS] = [entry for entry in shipped[REGIONS] if entry["code"] != "540000"]
    assert "540000" in refused(write(tmp_path, shipped))


def test_a_duplicate_code_is_refused(tmp_path, shipped):
    shipped[EMOTIONS].append({"code": "calm", "zh": "平静", "en": "Calm"})
    message = refused(write(tmp_path, shipped))
    assert "'calm'" in message and "more than once" in message and EMOTIONS in message


def test_a_duplicate_concern_group_is_refused(tmp_path, shipped):
    shipped[CONCERNS].append(copy.deepcopy(shipped[CONCERNS][-1]))
    assert "more than once" in refused(write(tmp_path, shipped))


def test_invalid_json_is_refused(tmp_path, shipped):
    text = json.dumps(shipped, ensure_ascii=False, indent=2)
    message = refused(write(tmp_path, text.replace('"calm",', '"calm"', 1)))
    assert "not valid JSON" in message and "line" in message


def test_a_missing_label_is_refused(tmp_path, shipped):
    shipped[CALL_KINDS][2]["en"] = " "
    message = refused(write(tmp_path, shipped))
    assert "call_kinds[2] (third_party)" in message and "'en' label" in message


def test_a_concern_outside_its_group_is_refused(tmp_path, shipped):
    shipped[CONCERNS][0]["items"].append({"code": "study.extra", "zh": "额外", "en": "Extra", "search": []})
    assert "'suicide.item'" in refused(write(tmp_path, shipped))


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        (lambda data: data.pop(EMOTIONS), "'emotions' is missing"),
        (lambda data: data.pop("version"), "version"),
        (lambda data: data.update(emotionz=[]), "unknown field"),
        (lambda data: data[GENDERS][0].pop("code"), "genders[0] has no code"),
        (lambda data: data[GENDERS][0].update(code="Female"), "'Female'"),
        (lambda data: data[CONCERNS][0]["items"][0].update(search="自杀"), "'search'"),
        (lambda data: data[CONCERNS][1].update(items=[]), "has no items"),
    ],
)
def test_other_malformed_files_are_refused(tmp_path, shipped, breakage, words):
    breakage(shipped)
    assert words in refused(write(tmp_path, shipped))


def test_a_missing_file_is_refused(tmp_path):
    assert "missing" in refused(tmp_path / "nowhere.json")


def test_a_center_may_add_codes_and_comments(tmp_path, shipped):
    shipped["_comment"] = "Local additions reviewed by the clinical lead"
    shipped[EMOTIONS].append({"code": "relief", "zh": "释然", "en": "Relieved"})
    shipped[CONCERNS].insert(
        -1,
        {
            "code": "local",
            "zh": "本地",
            "en": "Local",
            "items": [{"code": "local.gaming", "zh": "游戏沉迷", "en": "Gaming", "search": ["网游"]}],
        },
    )
    local = load_taxonomy(write(tmp_path, shipped))
    assert local.is_valid(EMOTIONS, "relief")
    assert local.codes(CONCERNS)[-2:] == ["local.gaming", "other.other"]
    assert local.search_concerns("网游") == ["local.gaming"]
    assert local.concern_group("local.gaming") == "local"


# Keywords


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyword_files_have_no_repeats(lang):
    lines = resource_path(f"keywords/keywords_{lang}.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert len(words) == len({word.casefold() for word in words})
    assert load_keywords(lang) == words
    assert len(words) >= 100


def test_keyword_lists_hold_what_counselors_tag():
    chinese = load_keywords("zh")
    for word in ["失眠", "焦虑", "考研", "高考", "失恋", "离婚", "家暴", "裁员", "失业", "抑郁", "自伤", "网络成瘾"]:
        assert word in chinese
    for word in ["校园霸凌", "产后", "更年期", "亲子冲突", "婆媳", "躯体化", "惊恐"]:
        assert word in chinese
    assert {"insomnia", "anxiety", "exam", "divorce", "layoff"} <= set(load_keywords("en"))
    assert not any(word.startswith("#") for word in chinese)


def test_keywords_in_a_realistic_note_in_order_without_repeats():
    note = (
        "来电者为大四学生，今年第二次考研，近两周失眠，夜里睡不着，白天焦虑。"
        "说考研失败就没脸见父母，失眠越来越重。否认自杀计划。"
    )
    assert keywords_in(note) == ["考研", "失眠", "睡不着", "焦虑", "自杀"]
    assert keywords_in(note, "zh") == keywords_in(note)
    assert keywords_in(note, "en") == []


def test_the_longest_keyword_wins_where_one_holds_another():
    assert keywords_in("她有产后抑郁，之前也抑郁过") == ["产后抑郁", "抑郁"]
    assert keywords_in("产后情绪波动") == ["产后"]
    assert keywords_in("Had a panic attack before the exam; panic again today.", "en") == [
        "panic attack",
        "exam",
        "panic",
    ]


def test_english_keywords_match_whole_words_ignoring_case():
    assert keywords_in("For example, nothing here.", "en") == []
    assert keywords_in("Two EXAMS next week, was Bullied at school, PTSD", "en") == ["exam", "bullied", "PTSD"]
    assert keywords_in("考研压力大，insomnia", None) == ["考研", "insomnia"]
    assert keywords_in("She can\u2019t sleep; ＰＴＳＤ", "en") == ["can't sleep", "PTSD"]


def test_keywords_language_is_checked():
    with pytest.raises(ValueError, match="unsupported language"):
        load_keywords("fr")


def test_a_missing_keyword_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(taxonomy_module, "resource_path", lambda relative: tmp_path / relative)
    taxonomy_module._keywords.cache_clear()
    try:
        with pytest.raises(TaxonomyError, match="keywords_zh.txt is missing"):
            load_keywords("zh")
    finally:
        taxonomy_module._keywords.cache_clear()


def test_crisis_outcomes_say_how_far_a_dispatch_got_while_the_caller_is_on_the_line(taxonomy):
    """A dispatch is rarely "rescued" while the caller is still on the phone: 已派出 / 已受理 / 已转告 come first."""
    outcomes = taxonomy.codes(CRISIS_OUTCOMES)
    assert outcomes[:3] == ["dispatched", "accepted", "relayed"]
    labels = [taxonomy.label(CRISIS_OUTCOMES, code, "zh") for code in outcomes[:3]]
    assert labels == ["已派出", "已受理", "已转告"]
    assert set(REQUIRED[CRISIS_OUTCOMES]) <= set(outcomes)
