"""Search in notes and summaries that finds two-character Chinese words.

FTS5's trigram tokenizer cannot match a query shorter than three characters, and most Chinese words
counselors search for have two (失眠, 焦虑). So the index is fed overlapping character pairs of every
run of Chinese text (plus the run's last character), and ASCII words whole; a query is turned into
the same pairs as a phrase. The FTS table is contentless: it holds the index only, never the text.
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


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression finding `query` (all its parts, in any order); None if it has no words."""
    parts = []
    for kind, run in _runs(query or ""):
        if kind == "cjk" and len(run) > 1:
            parts.append('"' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"')
        else:
            parts.append(f'"{run}"*')
    return " AND ".join(parts) if parts else None
