"""The one list of free text (DESIGN.md §2.3): every field where a counselor types words, where it is stored,
and how the retention shred empties it.

The guard at save (`desktop.call_model.guarded_form` and the services of follow-ups, supervision, shifts and
amendments), the save dialog's preview of every field (`ui/work_page.py`) and the retention shred
(`desktop/retention.py`) all read this module, so a field added here is guarded, previewed and shredded;
a field left out of it is none of these, which the tests catch by comparing it with the schema.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from desktop.call_model import SAFETY_PLAN_FIELDS, CallInput


@dataclass(frozen=True)
class FreeText:
    """One free-text field: its name (the key of its label in the UI), where it is stored, and how it is
    shredded: "empty" sets the column to '' and "delete" removes the row (keywords, safety-plan lines);
    "index": the schema's triggers remove the call's entry from the notes index when the call's notes and
    summary are emptied and it is marked shredded (desktop/store/search.py)."""

    name: str
    table: str
    columns: tuple[str, ...]
    shred: str = "empty"
    owner: str = "call_id"  # the column naming the call a row belongs to


# The free text of a call, in the order the call form shows it.
CALL_FIELDS = (
    FreeText("notes", "call", ("notes",), owner="id"),
    FreeText("summary", "call", ("summary",), owner="id"),
    FreeText("city", "call", ("city",), owner="id"),
    FreeText("keywords", "call_keyword", ("word",), shred="delete"),
    FreeText("override_reason", "risk_assessment", ("override_reason",)),
    FreeText("follow_up_note", "follow_up", ("note",)),
    FreeText("safety_plan", "safety_plan", SAFETY_PLAN_FIELDS, shred="delete"),
)
# Free text written after the call, each through the guard of its own service.
LATER_FIELDS = (
    FreeText("amendment", "amendment", ("text",)),
    FreeText("follow_up_outcome", "follow_up", ("outcome",)),
    FreeText("supervision_note", "supervision_note", ("text",)),
)
# The draft holds a whole call form (CALL_FIELDS, guarded) in its payload; the notes index the guarded
# notes and summary. A shift's handover note belongs to the shift, not to a call.
DRAFT = FreeText("draft", "draft", ("payload",), shred="delete")
SEARCH_INDEX = FreeText("search_index", "notes_fts", ("text",), shred="index", owner="rowid")
HANDOVER_NOTE = FreeText("handover_note", "shift", ("handover_note",), owner="id")

CALL_TEXT = (*CALL_FIELDS, *LATER_FIELDS, DRAFT, SEARCH_INDEX)  # everything of a call the shred empties
# Follow-up notes of other seats, pulled from the centre (DESIGN.md §11): guarded by the seat that wrote
# them, stored here as the centre sends them; their own seat's retention shreds them at the source.
CENTRE_FOLLOW_UP_NOTE = FreeText("centre_follow_up_note", "center_follow_up", ("note",))
# The line (issue 16): an outcome this seat wrote for a follow-up of the centre, waiting to be sent (guarded when
# written), and what the seat last knew of the line (the follow-up queue's notes, guarded at their seats).
CENTRE_EVENT = FreeText("centre_event", "center_event", ("payload",), shred="delete")
CENTRE_LINE_CACHE = FreeText("centre_line_cache", "center_cache", ("value",), shred="delete")
CENTRE_TEXT = (CENTRE_FOLLOW_UP_NOTE, CENTRE_EVENT, CENTRE_LINE_CACHE)


def shred_statements() -> tuple[str, ...]:
    """One statement per place a call's free text lives, each taking the call's id (the retention shred); the
    notes index follows the call's row by itself."""
    statements: dict[str, list[str]] = {}
    deletes = []
    for field in CALL_TEXT:
        if field.shred == "delete":
            deletes.append(f"DELETE FROM {field.table} WHERE {field.owner} = ?")
        elif field.shred == "empty":
            statements.setdefault((field.table, field.owner), []).extend(f"{c} = ''" for c in field.columns)
    updates = [f"UPDATE {table} SET {', '.join(sets)} WHERE {owner} = ?" for (table, owner), sets in statements.items()]
    return (*updates, *dict.fromkeys(deletes))


def form_texts(form: CallInput) -> Iterator[tuple[str, str]]:
    """(field name, text) of every free text of a call form, in the order of CALL_FIELDS; a field that holds
    several texts (keywords, follow-up notes, safety-plan lines) gives one pair for each."""
    yield "notes", form.notes
    yield "summary", form.summary
    yield "city", form.city
    for word in form.keywords:
        yield "keywords", word
    if form.risk:
        yield "override_reason", form.risk.override_reason
    for follow_up in form.follow_ups:
        yield "follow_up_note", follow_up.note
    for key in SAFETY_PLAN_FIELDS:
        if key in form.safety_plan:
            yield "safety_plan", form.safety_plan[key]


def map_form_texts(form: CallInput, change: Callable[[str, str], str]) -> CallInput:
    """The form with `change(field name, text)` applied to every free text of CALL_FIELDS."""
    risk = (
        replace(form.risk, override_reason=change("override_reason", form.risk.override_reason)) if form.risk else None
    )
    return replace(
        form,
        notes=change("notes", form.notes),
        summary=change("summary", form.summary),
        city=change("city", form.city),
        keywords=[change("keywords", word) for word in form.keywords],
        risk=risk,
        follow_ups=[replace(f, note=change("follow_up_note", f.note)) for f in form.follow_ups],
        safety_plan={key: change("safety_plan", text) for key, text in form.safety_plan.items()},
    )
