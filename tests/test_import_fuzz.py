"""Any file at all given to `main.py import` ends with exit 0 or 2, never 1 or a traceback, never half imported.

Three kinds of input, from hypothesis: arbitrary bytes; arbitrary JSON values (NaN, huge numbers, lone
surrogates, deep lists, known and unknown keys); and mutations of a valid line (a field set to any JSON
value, a key removed or added at any level, bytes flipped, cut or inserted). After exit 2 the seat holds
exactly the calls it held before; after exit 0 it holds those plus the calls the command reports, and
every line of the file was imported or skipped as already there.
"""

import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import clock
from desktop.exchange_check import FIELDS
from tests.test_exchange import GOOD
from tests.test_import_malformed import corpus_seat, run_import  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=120,
    derandomize=True,  # the same examples every run: a failure here is reproducible, and never flaky
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
KEYS = [*FIELDS, "age_band", "gender", "region", "first_call", "answers", "override", "level", "reason", "action",
        "at", "outcome", "urgency", "status", "due", "note", "distress", "plan", "phone", "address"]  # fmt: skip

numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0, 10, 11, -1, 2**63, 0.0, -0.0]),
)
texts = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=30),  # lone surrogates included
    st.sampled_from(
        [
            "",
            "2025-05-01T22:14:00+08:00",
            "0001-01-01T00:00:00+08:00",
            "9999-12-31T23:59:59-12:00",
            "2099-01-01T00:00:00Z",
            "counselling",
            "police_110",
            "13912345678",
            "a@b.cn",
            "K7Q-39M",
            "18_24",
            "310000",
            "study.exam",
            "high",
            "\ud800",
        ]
    ),  # fmt: skip
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), texts), inner, max_size=4),
    ),
    max_leaves=12,
)


# JSON text no Python value dumps to: what a careless or hostile script writes in place of a value.
FRAGMENTS = [
    "NaN", "Infinity", "-Infinity", "1e999", "-0", "-0.0", "9" * 5000, "[" * 10_000 + "]" * 10_000,
    "[" * 500 + "]" * 500, '"\\ud800"', '"a\\udfffb"', '{"x": 1, "x": 2}', "[]", "{}", "true", "null",
    '"0001-01-01T00:00:00+14:00"', '"9999-12-31T23:59:59-12:00"', '"2099-12-31T00:00:00+08:00"',
    '"13912345678"', '{"address": "幸福路8号"}', '[{"phone": "13912345678"}]',
]  # fmt: skip


class Raw(str):
    """A value written into the line as the JSON text it holds, not as a string."""


values = st.one_of(json_values, st.sampled_from(FRAGMENTS).map(Raw))


def encode(value) -> bytes:
    """One line of JSON as a careless script might write it: NaN allowed, surrogates escaped, Raw text as is."""
    raw = []

    def mark(item):
        if isinstance(item, Raw):
            raw.append(str(item))
            return f"@@RAW{len(raw) - 1}@@"
        if isinstance(item, dict):
            return {k: mark(v) for k, v in item.items()}
        if isinstance(item, list):
            return [mark(v) for v in item]
        return item

    line = json.dumps(mark(value), allow_nan=True)
    for number, text in enumerate(raw):
        line = line.replace(f'"@@RAW{number}@@"', text)
    return line.encode("utf-8", "surrogatepass") + b"\n"


def paths_into(value, prefix=()):
    """Every path to a value inside nested dicts and lists."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_into(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_into(item, (*prefix, index))


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def set_at(value, path, new):
    if not path:
        return new
    copy = _copy(value)
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copy


@st.composite
def mutated_lines(draw) -> bytes:
    """GOOD with one to three changes: a value replaced (by any JSON value or a raw fragment), a key removed,
    a key added; then now and then a few bytes damaged."""
    value = GOOD | {"notes": draw(st.sampled_from(["", "他的手机13912345678", "平常的话"]))}

    def new_value():
        return draw(values)

    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in paths_into(value) if p]
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            value = set_at(value, path, new_value())
        else:
            parent_path = path[:-1]
            parent = value
            for step in parent_path:
                parent = parent[step]
            if isinstance(parent, dict):
                copy = dict(parent)
                if action == "remove":
                    copy.pop(path[-1], None)
                else:
                    copy[draw(st.one_of(st.sampled_from(KEYS), texts))] = new_value()
                value = set_at(value, parent_path, copy)
    line = bytearray(encode(value))
    for _ in range(draw(st.integers(0, 2))):  # now and then, damage the bytes too
        at = draw(st.integers(0, len(line) - 1))
        what = draw(st.sampled_from(["flip", "cut", "insert"]))
        if what == "flip":
            line[at] ^= 1 << draw(st.integers(0, 7))
        elif what == "cut":
            del line[at : at + draw(st.integers(1, 20))]
        else:
            line[at:at] = draw(st.binary(min_size=1, max_size=4))
    return bytes(line)


@pytest.fixture
def pinned_clock(monkeypatch):
    """The seat clock pinned, so that what counts as "tomorrow" cannot move during a run."""
    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2026, 11, 20, 6, 0, tzinfo=UTC))


@pytest.fixture
def check(corpus_seat, run_import, tmp_path, pinned_clock):  # noqa: F811
    """`check(content)`: import a file holding `content`; assert exit 0 or 2 and all or nothing."""
    session = corpus_seat

    def run(content: bytes) -> int:
        before = session.store.one("SELECT count(*) FROM call")[0]
        path = tmp_path / "fuzz.jsonl"
        path.write_bytes(content)
        status, err, out = run_import(session, path)
        after = session.store.one("SELECT count(*) FROM call")[0]
        assert status in (0, 2), err
        assert "Traceback" not in err and len(err.splitlines()) <= 1
        if status == 2:
            assert after == before, "a refused file left calls behind"
            assert re.search(r"line \d+|holds no calls", err), err
        else:
            imported, skipped = (int(n.replace(",", "")) for n in re.findall(r"([\d,]+) (?:call|already)", out))
            assert after == before + imported
            lines = content.count(b"\n") + (not content.endswith(b"\n"))  # as the import reads them
            assert imported + skipped == lines
        return status

    return run


@FUZZ
@given(st.binary(max_size=600) | st.lists(st.binary(max_size=80), max_size=5).map(b"\n".join))
def test_any_bytes(check, content):
    check(content)


@FUZZ
@given(st.lists(values | st.dictionaries(st.sampled_from(KEYS), values, max_size=6), min_size=1, max_size=3))
def test_any_json_values(check, values):
    check(b"".join(encode(v) for v in values))


@FUZZ
@given(st.lists(mutated_lines(), min_size=1, max_size=3))
def test_mutations_of_a_valid_line(check, lines):
    check(b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines))


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=8))
def test_a_valid_line_with_any_fields_added_or_replaced(check, changes):
    check(encode(GOOD | changes))


def test_the_fuzzing_reaches_both_outcomes(check):
    """The property is not vacuous: a valid line imports (0) and a damaged one is refused (2)."""
    assert check(encode(GOOD | {"notes": "fuzz baseline"})) == 0
    assert check(encode(GOOD | {"notes": "fuzz baseline", "kind": 1})) == 2


def test_every_value_of_a_valid_line_replaced_by_every_fragment(corpus_seat, tmp_path, pinned_clock):  # noqa: F811
    """Not random: each value of GOOD (and of GOOD without its end, so the start may move freely) in turn
    replaced by each fragment, imported with `import_file`: a report or BadInput, all or nothing."""
    from desktop.errors import BadInput
    from desktop.exchange import import_file

    session, path = corpus_seat, tmp_path / "sweep.jsonl"
    outcomes = set()
    for base in (GOOD, {k: v for k, v in GOOD.items() if k != "ended_at"}):
        for where in [p for p in paths_into(base) if p]:
            for fragment in FRAGMENTS:
                path.write_bytes(encode(set_at(base, where, Raw(fragment))))
                before = session.store.one("SELECT count(*) FROM call")[0]
                try:
                    report = import_file(session, path)
                except BadInput as exc:
                    assert session.store.one("SELECT count(*) FROM call")[0] == before
                    assert "line 1" in str(exc)
                    outcomes.add("refused")
                else:
                    assert session.store.one("SELECT count(*) FROM call")[0] == before + report.imported
                    assert report.imported + report.skipped_duplicates == 1
                    outcomes.add("imported")
    assert outcomes == {"refused", "imported"}
