"""Every failure of the core that can reach a dialog has a stable code the window says in its own words.

Found by reading the core, not from a list: every construction of a HotlineError subclass in desktop/ (the
command line's own modules and the centre's aside) must carry a code, on its class or given at the raise.
A code given at a raise must be in ui/error_texts.py, whose sentence names only parameters that raise
gives; a code on a class must be one ui/messages.py tells by its type (checked by asking it). Then the
window speaks Chinese for a few of them, with their parameters, and never shows the English sentence.
"""

import ast
import importlib
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication

import desktop
from desktop import errors
from tests.conftest import ROOT
from ui import messages
from ui.error_texts import ERRORS, coded_text, placeholders
from ui.i18n import install_translators
from ui.messages import error_text

# The command line prints its errors in English (DESIGN.md §9) and the centre's errors are left as they are.
NOT_SHOWN_IN_THE_WINDOW = ("desktop/center/", "desktop/cli.py", "desktop/cli_care.py", "desktop/cli_center.py")


def core_files() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(NOT_SHOWN_IN_THE_WINDOW)
    ]


def error_classes() -> dict[str, type]:
    for path in core_files():
        importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    found = {cls.__name__: cls for cls in below(errors.HotlineError) if cls.__module__.startswith(desktop.__name__)}
    found["HotlineError"] = errors.HotlineError
    return found


def raises() -> list[tuple[str, type, str, set[str]]]:
    """(where, class, code, parameter names) of every construction of a core error."""
    classes, found = error_classes(), []
    for path in core_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in classes:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            given = keywords.pop("code", None)
            code = given.value if isinstance(given, ast.Constant) else ("<computed>" if given else classes[name].code)
            found.append((f"{path.relative_to(ROOT)}:{node.lineno}", classes[name], code, set(keywords)))
    return found


def test_every_core_error_that_can_reach_a_dialog_has_a_code_the_window_knows():
    found = raises()
    assert len(found) > 100  # the reading works: the core raises well over a hundred kinds
    without = [where for where, _, code, _ in found if not code]
    assert without == [], "raised without a code (give code='…' and its parameters)"
    unknown = [
        f"{where} {code}" for where, cls, code, _ in found if code != cls.code and code not in ERRORS
    ]  # a code given at the raise is said by ui/error_texts.py
    assert unknown == [], "codes the window has no words for (add them to ui/error_texts.py)"


def test_each_sentence_names_only_parameters_its_raise_gives():
    missing = [
        f"{where} {code}: {sorted(placeholders(ERRORS[code]) - params)}"
        for where, cls, code, params in raises()
        if code in ERRORS and not placeholders(ERRORS[code]) <= params
    ]
    assert missing == []


def test_no_sentence_is_kept_for_a_code_nobody_raises():
    raised = {code for _, _, code, _ in raises()}
    assert set(ERRORS) - raised == set()


def test_every_kind_told_by_its_type_gets_its_own_words(monkeypatch):
    """A class with its code on it is told by ui/messages.py; none falls through to "This could not be done"."""
    fell_through = []
    monkeypatch.setattr(messages.log, "warning", lambda *args: fell_through.append(args))
    for name, cls in error_classes().items():
        if not cls.code:
            continue
        exc = cls.__new__(cls)
        Exception.__init__(exc, "An English sentence.")
        exc.__dict__.update(params={}, folder=None, mount=None, findings=[], path="seat.db", seconds_left=3)
        error_text(exc)
        assert not fell_through, f"{name} ({cls.code}) is not told by its type"


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_the_issues_examples_read_in_chinese_with_their_parameters(chinese):
    last_admin = errors.BadInput(
        "D-ADMIN is the last active admin and cannot be disabled; make another admin first.",
        code="account.last_admin_disable",
        account="D-ADMIN",
    )
    exists = errors.BadInput("An account 'C009' already exists.", code="account.exists", account="C009")
    still_open = errors.BadInput(
        "The shift led by L001 is still open; close it first.", code="shift.still_open", lead="L001"
    )
    for exc, name in ((last_admin, "D-ADMIN"), (exists, "C009"), (still_open, "L001")):
        text = error_text(exc)
        assert name in text and str(exc) not in text
        assert not any(word in text for word in ("admin", "already", "still", "close")), text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    assert error_text(errors.NotPermitted("Only lead accounts may x.", code="role.not_allowed", role="counselor")) == (
        QCoreApplication.translate("errors", "Your role ({role}) does not allow this.").replace("{role}", "咨询员")
    )


def test_a_form_with_several_problems_lists_each_in_chinese(chinese, session):
    from desktop.call_model import CallInput
    from desktop.calls import CallService

    problems = CallService(session).problems(CallInput(summary="x" * 600))
    assert [p.code for p in problems] == ["call.kind_missing", "call.start_missing", "call.summary_too_long"]
    try:
        CallService(session).save(CallInput(summary="x" * 600))
    except errors.BadInput as exc:
        text = error_text(exc)
    lines = text.splitlines()
    assert len(lines) == 4 and "500" in lines[3]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in lines), text


SEARCHES = ("startswith", "endswith", "find", "index", "replace", "split", "search", "match")


def test_the_window_never_decides_by_the_english_sentence():
    """Deciding what a failure means by its English text breaks at the first reworded sentence: no
    `"…" in str(exc)`, no comparison or search on an error's text or args anywhere in ui/."""
    matched = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(_is_error_text(side) for side in sides):
                    matched.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in SEARCHES:
                searched = [node.func.value, *node.args]
                if any(_is_error_text(part) for part in searched):
                    matched.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert matched == []


def _is_error_text(node) -> bool:
    """`str(exc)`, `exc.args`, or core_text(str(…)): the English sentence of an error."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("str", "core_text") and node.args:
        inner = node.args[0]
        return (
            isinstance(inner, ast.Name)
            and inner.id in ("exc", "error", "err", "e", "outcome")
            or (isinstance(inner, ast.Call) and _is_error_text(inner))
        )
    return isinstance(node, ast.Attribute) and node.attr == "args"


def test_coded_text_keeps_a_parameter_the_raise_forgot_visible(qapp):
    exc = errors.BadInput("x", code="account.exists")
    assert "{account}" in coded_text(exc)


def test_a_directory_entry_that_cannot_be_saved_says_each_problem_in_chinese(qapp, seat_init):
    """Each problem of the entry is its own coded error, said in the window's words under the first line; the
    English problem list stays for the command line."""
    from desktop.directory import Directory
    from desktop.errors import BadInput

    session = seat_init[0]
    with pytest.raises(BadInput) as refused:
        Directory(session).add("", "psychiatric_outpatient", phone="电话:010", notes="很长" * 600)
    assert "the name is missing" in str(refused.value)  # the command line's words
    install_translators(qapp, "zh_CN")
    try:
        said = error_text(refused.value)
    finally:
        install_translators(qapp, "en")
    assert said.splitlines() == [
        "这个名录条目无法保存。",
        "缺少名称。",
        "电话号码只能包含数字、空格、“+”、“-”和括号。",
        "备注超过 1,000 个字符。",
    ]
