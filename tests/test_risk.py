"""The risk table of DESIGN.md §7: every row and its edges, the checks on the table files, the prompt words."""

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import risk
from desktop.errors import HotlineError
from desktop.resources import resource_path
from desktop.risk import LEVELS, OPENS_PROTOCOL, RiskTableError, assess, level_rank, mentions_suicide

# Copied from DESIGN.md §7 by hand, not from the module, so that an item removed anywhere fails here.
DESIGN_ITEMS = {
    "desire": [
        "ideation_current",
        "ideation_passive",
        "psychological_pain",
        "hopelessness",
        "helplessness",
        "burden",
        "trapped",
        "intolerably_alone",
    ],
    "capability": [
        "prior_attempt",
        "prior_attempt_recent",
        "exposure_suicide",
        "violence_others",
        "means_access",
        "intoxicated_now",
        "substance_misuse",
        "acute_symptoms",
        "agitation_rage",
        "self_harm",
    ],
    "intent": [
        "attempt_in_progress",
        "plan",
        "method_known",
        "preparatory_behaviour",
        "expressed_intent",
        "timeframe_72h",
        "harm_others_intent",
    ],
    "buffers": [
        "immediate_support",
        "social_support",
        "future_plans",
        "ambivalence",
        "core_values",
        "sense_of_purpose",
        "engaged_with_helper",
    ],
}
DESIGN_SCALES = ["ideation_intensity", "hopelessness_scale", "distress"]
BUFFERS = DESIGN_ITEMS["buffers"]
NON_BUFFERS = [item for group in ("desire", "capability", "intent") for item in DESIGN_ITEMS[group]]
ALL_ITEMS = NON_BUFFERS + BUFFERS


def level(*ticked: str, **scales: int) -> str:
    return assess({**dict.fromkeys(ticked, True), **scales}).level


def reference_level(answers: dict) -> str:
    """The table of §7 written out by hand, to compare the data-driven table against."""
    if not answers:
        return "not_assessed"  # nothing answered is never "none" (§7)
    on = {code for code, value in answers.items() if value is True}
    # §7: whoever has a plan, says they intend to die or has prepared has ideation, ticked or not
    ideation = bool(on & {"ideation_current", "plan", "expressed_intent", "preparatory_behaviour"})
    if "attempt_in_progress" in on or (
        ideation and {"plan", "timeframe_72h"} <= on and on & {"means_access", "preparatory_behaviour"}
    ):
        return "imminent"
    if on & {"prior_attempt_recent", "harm_others_intent"} or (
        ideation and on & {"plan", "expressed_intent", "preparatory_behaviour", "timeframe_72h"}
    ):
        return "high"
    if (
        (ideation and on & set(DESIGN_ITEMS["capability"]))
        or (ideation and not on & set(BUFFERS))
        or "self_harm" in on
        or (answers.get("ideation_intensity") or 0) >= 7
    ):
        return "moderate"
    if on & set(DESIGN_ITEMS["desire"]):
        return "low"
    return "none"


# The items file


def test_items_hold_every_design_item_in_its_group_with_both_labels():
    items = risk.items()
    assert [group.code for group in items.groups] == list(DESIGN_ITEMS)
    for group in items.groups:
        assert set(DESIGN_ITEMS[group.code]) <= {item.code for item in group.items}
        for entry in (group, *group.items):
            assert entry.label("zh").strip() and entry.label("en").strip()
    assert [scale.code for scale in items.scales] == DESIGN_SCALES
    assert all(scale.label("zh") and scale.label("en") for scale in items.scales)
    assert items.label("ideation_current", "zh") == "现在或近两周有自杀想法"
    assert items.label("ideation_current", "en") == "Thoughts of suicide now or in the past 2 weeks"
    assert items.label("means_access", "zh") == "能接触到自杀手段（药物、高处、刀具等）"
    assert items.label("ambivalence", "zh_CN") == "对死亡有矛盾心理（想活的部分）"
    assert items.label("no_such_code", "en") == "no_such_code"
    assert items.group_of["self_harm"] == "capability"


def test_levels_are_labelled_and_described_in_both_languages():
    assert LEVELS == ("none", "low", "moderate", "high", "imminent")
    assert [risk.level_label(code) for code in LEVELS] == ["无风险", "低风险", "中风险", "高风险", "紧急风险"]
    assert risk.level_label("imminent", "en") == "Imminent risk"
    assert risk.level_label("made_up") == "made_up"
    for code in LEVELS:
        assert risk.level_description(code, "zh") and risk.level_description(code, "en")
    assert "110" in risk.level_description("imminent", "zh")
    assert [level_rank(code) for code in LEVELS] == [0, 1, 2, 3, 4]
    assert OPENS_PROTOCOL == ("high", "imminent")
    with pytest.raises(ValueError):
        level_rank("severe")
    with pytest.raises(ValueError):
        risk.level_label("high", "fr")


def test_tables_are_read_once():
    assert risk.load_rules() is risk.load_rules()
    assert risk.load_items() is risk.items()
    assert risk.load_rules().version >= 1 and risk.load_items().version >= 1


# Every row of the table and its edges


def test_attempt_in_progress_alone_is_imminent():
    result = assess({"attempt_in_progress": True})
    assert result.level == "imminent" and result.reasons == ("attempt_in_progress",)
    assert result.opens_protocol


@pytest.mark.parametrize("capability", ["means_access", "preparatory_behaviour"])
def test_ideation_plan_72h_and_means_or_preparation_is_imminent(capability):
    result = assess({"ideation_current": True, "plan": True, "timeframe_72h": True, capability: True})
    assert result.level == "imminent"
    assert set(result.reasons) == {"ideation_current", "plan", "timeframe_72h", capability}
    assert len(result.reasons) == len(set(result.reasons))  # each reason named once


@pytest.mark.parametrize("missing", ["plan", "timeframe_72h", "means_access"])
def test_imminent_conjunction_missing_a_part_drops_to_high(missing):
    ticked = {"ideation_current", "plan", "timeframe_72h", "means_access"} - {missing}
    assert level(*ticked) == "high"


def test_imminent_conjunction_with_preparation_missing_a_part_drops_to_high():
    for missing in ("plan", "timeframe_72h"):
        # preparatory_behaviour is itself a sign of intent, so ideation with it stays high
        assert level(*({"ideation_current", "plan", "timeframe_72h", "preparatory_behaviour"} - {missing})) == "high"
    assert level("ideation_current", "plan", "timeframe_72h") == "high"


def test_a_plan_for_the_next_72_hours_with_means_is_imminent_without_the_ideation_item():
    """§7 (revised): a plan is ideation whether or not "thoughts of suicide now" was ticked."""
    assert level("plan", "timeframe_72h", "means_access") == "imminent"
    assert level("plan", "timeframe_72h", "preparatory_behaviour") == "imminent"
    assert level("timeframe_72h", "means_access") == "none"  # a timeframe and means without a plan or intent


@pytest.mark.parametrize("item", ["prior_attempt_recent", "harm_others_intent"])
def test_recent_attempt_or_intent_to_harm_others_alone_is_high(item):
    result = assess({item: True})
    assert result.level == "high" and result.reasons == (item,)


@pytest.mark.parametrize("sign", ["plan", "expressed_intent", "preparatory_behaviour", "timeframe_72h"])
def test_current_ideation_with_a_sign_of_intent_is_high(sign):
    result = assess({"ideation_current": True, sign: True})
    assert result.level == "high" and set(result.reasons) == {"ideation_current", sign}


@pytest.mark.parametrize("sign", ["plan", "expressed_intent", "preparatory_behaviour"])
def test_intent_alone_counts_as_ideation_and_is_at_least_high(sign):
    """A plan, stated intent or preparation without the ticked ideation item is still high (§7 revised)."""
    result = assess({sign: True})
    assert result.level == "high" and sign in result.reasons


def test_a_72_hour_timeframe_alone_is_not_ideation():
    assert level("timeframe_72h") == "none"


def test_high_reasons_name_every_rule_that_matched():
    result = assess({"prior_attempt_recent": True, "ideation_current": True, "plan": True, "hopelessness": True})
    assert result.level == "high"
    assert result.reasons == ("prior_attempt_recent", "ideation_current", "plan")


@pytest.mark.parametrize(
    "answers",
    [
        {"prior_attempt_recent": True},
        {"harm_others_intent": True},
        {"ideation_current": True, "expressed_intent": True},
        {"attempt_in_progress": True},
        {"ideation_current": True, "plan": True, "timeframe_72h": True, "preparatory_behaviour": True},
    ],
)
def test_buffers_never_lower_high_or_imminent(answers):
    before = assess(answers).level
    assert before in OPENS_PROTOCOL
    assert assess({**answers, **dict.fromkeys(BUFFERS, True)}).level == before
    for buffer in BUFFERS:
        assert assess({**answers, buffer: True}).level == before


@pytest.mark.parametrize("item", [c for c in DESIGN_ITEMS["capability"] if c != "prior_attempt_recent"])
def test_current_ideation_with_a_capability_item_is_moderate_even_with_buffers(item):
    result = assess({"ideation_current": True, item: True, "social_support": True})
    assert result.level == "moderate"
    assert result.reasons[:2] == ("ideation_current", item)


def test_current_ideation_without_a_buffer_is_moderate():
    result = assess({"ideation_current": True})
    assert result.level == "moderate" and result.reasons == ("ideation_current",)


@pytest.mark.parametrize("buffer", BUFFERS)
def test_current_ideation_with_a_buffer_is_low(buffer):
    result = assess({"ideation_current": True, buffer: True})
    assert result.level == "low" and result.reasons == ("ideation_current",)


def test_self_harm_alone_is_moderate():
    result = assess({"self_harm": True})
    assert result.level == "moderate" and result.reasons == ("self_harm",)


def test_ideation_intensity_from_seven_is_moderate():
    result = assess({"ideation_intensity": 7})
    assert result.level == "moderate" and result.reasons == ("ideation_intensity",)
    assert level(ideation_intensity=10) == "moderate"
    assert level(ideation_intensity=6) == "none"
    assert level(ideation_intensity=6, hopelessness_scale=10, distress=10) == "none"


def test_passive_ideation_alone_is_low():
    result = assess({"ideation_passive": True})
    assert result.level == "low" and result.reasons == ("ideation_passive",)


@pytest.mark.parametrize("item", [c for c in DESIGN_ITEMS["desire"] if c != "ideation_current"])
def test_any_desire_item_is_low(item):
    assert level(item) == "low"
    assert level(item, "social_support") == "low"


def test_several_desire_items_are_all_reasons():
    assert assess({"burden": True, "trapped": True, "future_plans": True}).reasons == ("burden", "trapped")


def test_nothing_answered_is_not_assessed_and_never_none():
    assert assess({}) == risk.Assessment("not_assessed", ())
    assert risk.level_label("not_assessed", "zh") == "未评估"
    assert risk.level_label("not_assessed", "en") == "Not assessed"
    assert risk.level_rank("not_assessed") < risk.level_rank("none")


def test_answered_no_is_none():
    assert assess({"plan": False}).level == "none"
    assert assess(dict.fromkeys(ALL_ITEMS, False)).level == "none"
    assert level(*BUFFERS) == "none"
    assert not assess({}).opens_protocol


# Answers the table cannot judge


@pytest.mark.parametrize(
    "answers",
    [
        {"no_such_item": True},
        {"phone_number": "13800138000"},
        {"ideation_intensity": 11},
        {"ideation_intensity": -1},
        {"ideation_intensity": 3.5},
        {"distress": "5"},
        {"distress": True},
        {"plan": 1},
        {"plan": "yes"},
        {"plan": None},
    ],
)
def test_answers_that_cannot_be_judged_raise_value_error(answers):
    with pytest.raises(ValueError):
        assess(answers)


def test_value_error_names_the_item_but_never_echoes_text():
    with pytest.raises(ValueError, match="no_such_item"):
        assess({"no_such_item": True})
    with pytest.raises(ValueError) as caught:
        assess({"plan": "caller said 13800138000"})
    assert "13800138000" not in str(caught.value)
    with pytest.raises(ValueError):
        assess([("plan", True)])


# The table as a whole, by property

answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        **{code: st.booleans() for code in ALL_ITEMS},
        **{code: st.integers(0, 10) for code in DESIGN_SCALES},
    },
)


@settings(max_examples=400)
@given(answers_strategy)
def test_the_bundled_table_is_exactly_the_table_of_design(answers):
    assert assess(answers).level == reference_level(answers)


@given(answers_strategy, st.sets(st.sampled_from(BUFFERS)))
def test_adding_buffers_never_lowers_high_or_imminent(answers, buffers):
    before = assess(answers).level
    after = assess({**answers, **dict.fromkeys(buffers, True)}).level
    if before in OPENS_PROTOCOL:
        assert after == before
    if answers:  # with nothing answered, ticking a buffer is the first answer: not assessed becomes none
        assert level_rank(after) <= level_rank(before)  # buffers never raise a level either


@given(
    answers_strategy,
    st.sets(st.sampled_from(NON_BUFFERS)),
    st.dictionaries(st.sampled_from(DESIGN_SCALES), st.integers(0, 10)),
)
def test_level_never_drops_when_non_buffer_items_are_added(answers, added, raised):
    before = assess(answers)
    more = {**answers, **dict.fromkeys(added, True)}
    for code, value in raised.items():
        more[code] = max(value, answers.get(code, 0))
    after = assess(more)
    assert level_rank(after.level) >= level_rank(before.level)
    assert set(after.reasons) <= {code for code, value in more.items() if value is True or code in DESIGN_SCALES}


# Tables a center has edited


def bundled_rules() -> dict:
    return json.loads(resource_path("risk/rules.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="rules.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(path, *words, loader=risk.load_rules):
    with pytest.raises(RiskTableError) as caught:
        loader(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message, message
    return message


def test_an_edited_table_that_is_valid_is_used(tmp_path):
    rules = bundled_rules()
    rules["levels"][2]["rules"].append(
        {
            "note": "绝望程度9分以上且没有保护因素",
            "when": {"all": [{"scale": "hopelessness_scale", "min": 9}, {"not": {"any_of_group": "buffers"}}]},
        }
    )
    table = risk.load_rules(write(tmp_path, rules))
    assert table.assess({"hopelessness_scale": 9}).level == "moderate"
    assert table.assess({"hopelessness_scale": 9, "ambivalence": True}).level == "none"
    assert risk.load_rules().assess({"hopelessness_scale": 9}).level == "none"


def test_a_rule_naming_an_unknown_item_is_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][1]["rules"][0]["when"] = {"item": "prior_attempt_recnt"}
    refused(write(tmp_path, rules), "unknown item", "prior_attempt_recnt")


def test_a_rule_naming_an_unknown_scale_or_group_is_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][2]["rules"][3]["when"] = {"scale": "despair", "min": 7}
    refused(write(tmp_path, rules), "unknown scale", "despair")
    rules = bundled_rules()
    rules["levels"][3]["rules"][0]["when"] = {"any_of_group": "wishes"}
    refused(write(tmp_path, rules), "unknown group", "wishes")


@pytest.mark.parametrize("bounds", [{"min": 11}, {"min": 7.5}, {}, {"min": 8, "max": 3}])
def test_a_scale_condition_with_bad_bounds_is_refused(tmp_path, bounds):
    rules = bundled_rules()
    rules["levels"][2]["rules"][3]["when"] = {"scale": "ideation_intensity", **bounds}
    refused(write(tmp_path, rules), "ideation_intensity")


@pytest.mark.parametrize("dropped", ["imminent", "high", "moderate", "low"])
def test_a_missing_level_is_refused(tmp_path, dropped):
    rules = bundled_rules()
    rules["levels"] = [entry for entry in rules["levels"] if entry["level"] != dropped]
    refused(write(tmp_path, rules), "lacks", dropped)


def test_levels_out_of_order_are_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][0], rules["levels"][1] = rules["levels"][1], rules["levels"][0]
    refused(write(tmp_path, rules), "in this order")


def test_an_unknown_operator_is_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][3]["rules"][0]["when"] = {"some_of": [{"item": "burden"}]}
    refused(write(tmp_path, rules), "unknown operator", "some_of")
    rules["levels"][3]["rules"][0]["when"] = {"item": "burden", "any": [{"item": "trapped"}]}
    refused(write(tmp_path, rules), "exactly one operator")
    rules["levels"][3]["rules"][0]["when"] = ["burden"]
    refused(write(tmp_path, rules), "JSON object")


def test_a_reference_to_an_unknown_definition_is_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][1]["rules"][2]["when"] = {"ref": "sign_of_intnet"}
    refused(write(tmp_path, rules), "unknown definition", "sign_of_intnet")


def test_a_cycle_among_definitions_is_found_and_named(tmp_path):
    rules = bundled_rules()
    rules["definitions"]["first"] = {"all": [{"item": "plan"}, {"ref": "second"}]}
    rules["definitions"]["second"] = {"any": [{"ref": "first"}]}
    message = refused(write(tmp_path, rules), "cycle", "first → second → first")
    assert "second → first → second" not in message
    rules = bundled_rules()
    rules["definitions"]["current_ideation"] = {"ref": "current_ideation"}
    refused(write(tmp_path, rules), "cycle", "current_ideation → current_ideation")


def test_buffers_in_a_high_or_imminent_rule_are_refused(tmp_path):
    rules = bundled_rules()
    rules["levels"][1]["rules"][0]["when"] = {"all": [{"item": "prior_attempt_recent"}, {"none_of_group": "buffers"}]}
    refused(write(tmp_path, rules), "buffers never lower")
    rules = bundled_rules()
    rules["definitions"]["means_or_preparation"]["any"].append({"not": {"item": "ambivalence"}})
    refused(write(tmp_path, rules), "buffers never lower")


@pytest.mark.parametrize(
    "text",
    ['{"version": 1, "levels": [', "", "not json at all", '{"version": 1, "levels": [],}'],
)
def test_bad_json_is_refused(tmp_path, text):
    refused(write(tmp_path, text), "not valid JSON")


def test_other_malformed_rule_files_are_refused(tmp_path):
    assert issubclass(RiskTableError, HotlineError)
    refused(tmp_path / "absent.json", "cannot be read")
    for change, words in (
        (lambda r: r.pop("version"), ["version"]),
        (lambda r: r.update(levles=[]), ["unknown field", "levles"]),
        (lambda r: r["levels"][0]["rules"][0].pop("note"), ["note"]),
        (lambda r: r["levels"][3].update(rules=[]), ["non-empty list"]),
        (lambda r: r.update(definitions=[]), ["definitions"]),
    ):
        rules = bundled_rules()
        change(rules)
        refused(write(tmp_path, rules), *words)


def test_malformed_item_files_are_refused(tmp_path):
    items = json.loads(resource_path("risk/items.json").read_text(encoding="utf-8"))
    load = risk.load_items
    broken = copy.deepcopy(items)
    broken["groups"][1]["items"] = [i for i in broken["groups"][1]["items"] if i["code"] != "means_access"]
    refused(write(tmp_path, broken, "items.json"), "lacks", "means_access", loader=load)
    broken = copy.deepcopy(items)
    broken["levels"].pop()
    refused(write(tmp_path, broken, "items.json"), "lacks", "imminent", loader=load)
    broken = copy.deepcopy(items)
    broken["scales"][0]["en"] = " "
    refused(write(tmp_path, broken, "items.json"), "ideation_intensity", "'en'", loader=load)
    broken = copy.deepcopy(items)
    broken["groups"][3]["items"].append({"code": "plan", "zh": "计划", "en": "Plan"})
    refused(write(tmp_path, broken, "items.json"), "more than once", "plan", loader=load)
    refused(write(tmp_path, "{", "items.json"), "not valid JSON", loader=load)
    added = copy.deepcopy(items)
    added["groups"][3]["items"].append({"code": "bj_pet", "zh": "有宠物需要照顾", "en": "Has a pet to care for"})
    assert risk.load_items(write(tmp_path, added, "items.json")).label("bj_pet", "en") == "Has a pet to care for"


# Words that prompt the assessment


def test_a_realistic_note_prompts_the_assessment():
    note = "来电者女，大学生。说最近觉得活着没意思，不想活了，前几天在宿舍攒了一些药，想过吞药。"
    found = mentions_suicide(note)
    assert {"不想活", "吞药"} <= set(found)
    assert found.index("不想活") < found.index("吞药")
    assert len(found) == len(set(found))


def test_english_words_match_whole_words_ignoring_case():
    assert "want to die" in mentions_suicide("Caller said: I just WANT TO DIE, nothing helps.")
    assert "wants to die" in mentions_suicide("He says he wants to die.")
    assert "suicide" in mentions_suicide("Thinking about Suicide since May")
    assert mentions_suicide("She wants to diet before the wedding.") == []
    assert mentions_suicide("Talked about a self-harmless hobby") == []
    assert mentions_suicide("ＳＵＩＣＩＤＥ") == ["suicide"]


def test_a_note_about_sleep_and_exams_prompts_nothing():
    assert mentions_suicide("最近考研压力很大，晚上失眠睡不着，白天没精神，担心考试考不好，想学点放松的方法。") == []
    assert mentions_suicide("Exam stress; can't sleep before the finals. Wants tips on relaxing.") == []
    assert mentions_suicide("") == []


def test_prompt_words_hold_both_languages():
    words = risk.prompt_words()
    for word in (
        "自杀",
        "轻生",
        "不想活",
        "跳楼",
        "吞药",
        "割腕",
        "遗书",
        "解脱",
        "suicide",
        "kill myself",
        "self-harm",
    ):
        assert word in words
    assert not any(word.startswith("#") for word in words)
