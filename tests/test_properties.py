"""Properties that must hold for every input, checked with hypothesis."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.audit import entry_hash
from desktop.vault import login_delay, normalize_recovery_code
from desktop.vault.recovery import ALPHABET, new_recovery_code

fields = st.tuples(
    st.integers(1, 10**9),
    st.text(max_size=30),
    st.text(max_size=10),
    st.text(max_size=20),
    st.text(max_size=20),
    st.text(max_size=40),
    st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
)


@given(fields, st.integers(0, 6), st.text(min_size=1, max_size=5))
def test_changing_any_audit_field_changes_the_hash(values, index, extra):
    changed = list(values)
    changed[index] = changed[index] + 1 if index == 0 else changed[index] + extra
    assert entry_hash(*values) != entry_hash(*changed)


@given(st.lists(st.sampled_from(ALPHABET), min_size=24, max_size=24), st.sampled_from(["", " ", "-", "  "]))
def test_a_recovery_code_typed_in_any_case_and_spacing_reads_the_same(chars, separator):
    canonical = "-".join("".join(chars[i : i + 4]) for i in range(0, 24, 4))
    typed = separator.join("".join(chars[i : i + 4]).lower() for i in range(0, 24, 4))
    assert normalize_recovery_code(typed) == canonical


@settings(max_examples=50)
@given(st.text(alphabet=string.printable, max_size=40))
def test_anything_else_is_not_a_recovery_code_or_is_a_canonical_one(text):
    result = normalize_recovery_code(text)
    assert result is None or (len(result) == 29 and normalize_recovery_code(result) == result)


def test_new_recovery_codes_are_canonical_and_distinct():
    codes = {new_recovery_code() for _ in range(200)}
    assert len(codes) == 200 and all(normalize_recovery_code(c) == c for c in codes)


@given(st.integers(0, 10_000))
def test_login_delay_never_exceeds_five_minutes(failures):
    assert 0 <= login_delay(failures) <= 300
    assert login_delay(failures) <= login_delay(failures + 1)
