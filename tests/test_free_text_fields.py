"""Every text field of a call, found by reflection over desktop/call_model.py, is guarded on every way in.

No list of free-text fields is written here. The test walks the dataclasses a call is made of
(`CallInput` and what it holds: `RiskInput`, `CrisisActionInput`, `ReferralInput`, `FollowUpInput`) and
finds every field whose type can hold text: `str`, `str | None`, `list[str]`, `dict`. Into each in turn it
writes a phone number, an e-mail address and an ID number, and saves the call through `CallService.save`
(and as a draft through `CallService.save_draft`). A field is either a code, and then the save refuses
the value and writes nothing, or it is free text, and then it is stored with the identifiers hidden:
every row of every table (the search index's own tables included) is read back decrypted and searched
for any run of six characters of the identifiers. A field that escapes the guard cannot pass; a field
added to the model later is tested without changing this file.
"""

import dataclasses
import types
import typing
from datetime import UTC, datetime, timedelta

import pytest

from desktop import call_model
from desktop.call_model import (
    SAFETY_PLAN_FIELDS,
    CallInput,
    CrisisActionInput,
    FollowUpInput,
    ReferralInput,
    RiskInput,
)
from desktop.calls import CallService
from desktop.errors import BadInput
from desktop.risk import items as risk_items

PHONE, EMAIL, ID_NUMBER = "13912345678", "zw.qx@example.cn", "11010519491231002X"  # each fits a keyword
IDENTIFIERS = f"电话{PHONE}，邮箱 {EMAIL}，身份证{ID_NUMBER}"
RUN = 6  # no six characters in a row of an identifier may reach the database
STARTED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def base_call() -> CallInput:
    """A call with one of everything, so every nested dataclass is there to be walked."""
    return CallInput(
        kind="counselling",
        started_at=STARTED,
        ended_at=STARTED + timedelta(minutes=40),
        age_band="18_24",
        gender="female",
        region="110000",
        city="海淀",
        concerns=["suicide.ideation"],
        emotions=["anxiety"],
        interventions=["safety_planning"],
        keywords=["失眠"],
        summary="考研压力",
        notes="来电者说压力很大。",
        risk=RiskInput({"ideation_current": True}, "moderate", "语气沉重"),
        crisis_actions=[CrisisActionInput("stayed_on_line", STARTED + timedelta(minutes=10), "safe")],
        referrals=[ReferralInput("psychological_outpatient", "soon")],
        follow_ups=[FollowUpInput(STARTED + timedelta(days=1), note="明天回访")],
        safety_plan={name: "散步" for name in SAFETY_PLAN_FIELDS},
    )


def holds_text(annotation) -> bool:
    """Whether a field of this type can hold text: str, an optional str, a list of str, a dict."""
    if annotation is str:
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(holds_text(arg) for arg in args if arg is not type(None))
    if origin is list:
        return args == (str,)
    return annotation is dict or origin is dict


def text_fields(obj, path=()):
    """(path, annotation) of every text field reachable from `obj` through dataclasses and lists of them."""
    hints = typing.get_type_hints(type(obj))
    for field in dataclasses.fields(obj):
        value, where = getattr(obj, field.name), (*path, field.name)
        if dataclasses.is_dataclass(value):
            yield from text_fields(value, where)
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            for index, item in enumerate(value):
                yield from text_fields(item, (*where, index))
        elif holds_text(hints[field.name]):
            yield where, hints[field.name]


def every_dataclass_of_a_call() -> set[type]:
    """The dataclasses reachable from CallInput's annotations (not from a value, so an empty list hides none)."""
    found, todo = set(), [CallInput]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint)):
                if dataclasses.is_dataclass(arg):
                    todo.append(arg)
    return found


def with_identifiers(form: CallInput, path, annotation) -> list[CallInput]:
    """Copies of `form` with the identifiers written into the field at `path` (one copy per dict key)."""
    if annotation is dict or typing.get_origin(annotation) is dict:
        keys = (*SAFETY_PLAN_FIELDS, *risk_items().item_codes, *risk_items().scale_codes, "free")
        values = [{key: text} for key in keys for text in (IDENTIFIERS, PHONE)]
    elif typing.get_origin(annotation) is list:
        values = [[text] for text in (IDENTIFIERS, PHONE, EMAIL, ID_NUMBER)]
    else:  # each alone too, so that a length limit (city: 40) cannot make a free-text field look like a code
        values = [IDENTIFIERS, PHONE, EMAIL, ID_NUMBER]
    copies = []
    for value in values:
        copy = _deep_copy(form)
        target = copy
        for step in path[:-1]:
            target = target[step] if isinstance(step, int) else getattr(target, step)
        setattr(target, path[-1], value)
        copies.append(copy)
    return copies


def _deep_copy(form: CallInput) -> CallInput:
    return CallInput.from_json(form.to_json())


def runs(identifier: str) -> set[str]:
    return {identifier[i : i + RUN] for i in range(len(identifier) - RUN + 1)}


LEAKS = runs(PHONE) | runs(EMAIL) | runs(ID_NUMBER) | runs(ID_NUMBER.lower())


def leaks_in_database(store) -> list[str]:
    """`table: run` for every run of an identifier found in any row of any table, read decrypted."""
    found = []
    for (table,) in store.rows(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ):
        for row in store.rows(f'SELECT * FROM "{table}"'):
            for value in row:
                text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                found.extend(f"{table}: {run}" for run in LEAKS if run in text)
    return found


def instances(obj):
    """The dataclass instances in `obj`, itself included, through fields and lists."""
    yield obj
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                yield from instances(item)


def test_the_base_call_holds_every_dataclass_a_call_is_made_of():
    """So the walk over its values misses no field: each dataclass named in CallInput's annotations, at any
    depth, has an instance in the base call, and they all live in the model module."""
    assert {type(obj) for obj in instances(base_call())} == every_dataclass_of_a_call()
    assert {cls.__module__ for cls in every_dataclass_of_a_call()} == {call_model.__name__}
    assert len(list(text_fields(base_call()))) >= 10


@pytest.mark.parametrize("way", ["save", "save_draft"])
def test_identifiers_in_any_text_field_never_reach_the_database(session, way):
    service, store = CallService(session), session.store
    stored, refused = [], []
    assert leaks_in_database(store) == []
    for path, annotation in text_fields(base_call()):
        name = ".".join(map(str, path))
        for form in with_identifiers(base_call(), path, annotation):
            calls_before = store.one("SELECT count(*) FROM call")[0]
            try:
                if way == "save":
                    service.save(form)
                else:
                    service.save_draft(form)
            except BadInput:
                refused.append(name)  # a code field: the value is not a code
                assert store.one("SELECT count(*) FROM call")[0] == calls_before
            else:
                stored.append(name)
            store.checkpoint()
            assert leaks_in_database(store) == [], f"{name} reached the database unguarded ({way})"
    if way == "save":
        # the free-text fields are found, not listed: each stored field really was stored, as placeholders
        assert len(set(stored)) >= 5 and set(refused) >= {"kind", "region"}
        assert store.one("SELECT count(*) FROM call")[0] == len(stored)
        texts = " ".join(str(v) for r in store.rows("SELECT summary, notes, city FROM call") for v in r)
        assert "〔手机号〕" in texts and "〔邮箱〕" in texts and "〔身份证号〕" in texts
