"""Search in notes and summaries that finds two-character Chinese words.

FTS5's trigram tokenizer cannot match a query shorter than three characters, and most Chinese words
counselors search for have two (失眠, 焦虑). So the index is fed overlapping character pairs of every
run of Chinese text (plus the run's last character), and ASCII words whole; a query is turned into
the same pairs as a phrase. The FTS table is contentless: it holds the index only, never the text.

A contentless table removes a row only when it is told the text the row was indexed with (FTS5's
'delete' command); given other text it removes other terms, leaves the row's own, and says nothing. So a
call's entry is kept by two triggers on the call table (schema 12), whatever statement changes the row:
a call not shredded has one entry, made with `call_index_text` from its summary and notes as stored, and
an update of them, or of `shredded_at`, removes the entry made from the old values before it adds one from
the new (none once the call is shredded). With FTS5's `secure-delete` option the removal takes the entry
out of the index's pages at once, so a shredded call's words are gone from the file after the next
checkpoint (desktop/retention.py). Every connection needs the function (`add_functions`). Changing
`index_text` changes what an entry holds: the index must then be built again by a migration (as schema 12
does), or every later removal misses.
"""

import re
import unicodedata

_RUNS = re.compile(r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|(?P<word>[0-9a-z]+)")


def _runs(text: str):
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", text).lower()):
        yield match.lastgroup, match.group()


def index_text(text: str) -> str:
    """The token text indexed for `text`: bigrams of each Chinese run and its last character, words."""
    tokens = []
    for kind, run in _runs(text or ""):
        if kind == "cjk":
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            tokens.append(run[-1])
        else:
            tokens.append(run)
    return " ".join(tokens)


def call_index_text(summary: str, notes: str) -> str:
    """The token text of a call's entry in the notes index."""
    return index_text(summary + "\n" + notes)


def add_functions(conn) -> None:
    """Give a connection the SQL functions the schema's triggers use (every seat connection has them)."""
    conn.create_function("call_index_text", 2, call_index_text, deterministic=True)


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression finding `query` (all its parts, in any order); None if it has no words."""
    parts = []
    for kind, run in _runs(query or ""):
        if kind == "cjk" and len(run) > 1:
            parts.append('"' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"')
        else:
            parts.append(f'"{run}"*')
    return " AND ".join(parts) if parts else None
