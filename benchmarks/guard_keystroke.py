"""Underlining while typing (issue 13, point 7): the time one keystroke costs in the notes editor.

    .venv/bin/python -m benchmarks.guard_keystroke [--keys 300] [--seed 1]

A GuardedNotes editor (offscreen) holds a note of 2,000 and one of 20,000 characters: realistic sentences
with a name, an address and numbers sprinkled in, in paragraphs of 100-400 characters as counselors type
them, and, as the worst case, the same text as one paragraph. With the cursor in the middle, `--keys`
characters are typed one by one; each keystroke's time covers the edit and the underlining of the changed
paragraph (Qt re-highlights it synchronously), and every 20th keystroke also the findings line (which the
editor refreshes 300 ms after typing stops). Budgets: under 5 ms per keystroke at 2,000 characters and under
20 ms at 20,000. The segmenter is loaded first (the window warms it up after log-in).

A bare QPlainTextEdit is measured the same way beside it: Qt itself lays a whole paragraph out again on each
keystroke (some 35 ms for one paragraph of 20,000 characters on a 2-core machine), so the guard's share is
the difference, shown as "guard". The underlining reads only the sentence that changed (ui/widgets/
guarded_text.py remembers every sentence's findings); the save reads the whole note once.
"""

import argparse
import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from benchmarks.notes import note_text  # noqa: E402
from desktop.privacy import segmenter  # noqa: E402
from ui.widgets.guarded_text import GuardedNotes  # noqa: E402

SPRINKLES = (
    "她丈夫李建国最近常喝酒。",
    "住在新华路281号院3号楼2单元。",
    "电话一三九一二三四五六七八。",
    "今天和王小明吵架了。",
)
TYPED = "来电者说最近睡不着，情绪低落，和同事关系紧张，想找人说说话。"


def make_note(rng: random.Random, length: int, paragraphs: bool) -> str:
    parts, size = [], 0
    while size < length:
        part = note_text(rng, rng.randrange(100, 400)) + rng.choice(SPRINKLES)
        parts.append(part)
        size += len(part) + 1
    return ("\n" if paragraphs else "").join(parts)[:length]


def measure(notes, text: str, keys: int) -> dict:
    """Per-keystroke times typing into `notes` (a GuardedNotes, or a bare QPlainTextEdit)."""
    editor = notes.editor if isinstance(notes, GuardedNotes) else notes
    editor.setPlainText(text)
    cursor = editor.textCursor()
    cursor.setPosition(len(text) // 2)
    times = []
    for n in range(keys):
        started = time.perf_counter()
        cursor.insertText(TYPED[n % len(TYPED)])
        if n % 20 == 19 and editor is not notes:
            notes._update_findings()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p99_ms": times[int(len(times) * 0.99) - 1], "max_ms": times[-1]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    segmenter.warm_up()
    notes, bare = GuardedNotes(), QPlainTextEdit()
    for widget in (notes, bare):
        widget.resize(800, 600)
        widget.show()
    app.processEvents()
    print(
        f"{'note':<30} {'median':>7} {'p99':>7} {'bare median':>12} {'bare p99':>9} {'guard median':>13} {'budget':>7}"
    )
    for length, budget in ((2_000, 5), (20_000, 20)):
        for paragraphs in (True, False):
            text = make_note(random.Random(args.seed), length, paragraphs)
            result, plain = measure(notes, text, args.keys), measure(bare, text, args.keys)
            share = result["median_ms"] - plain["median_ms"]
            shape = "paragraphs" if paragraphs else "one paragraph"
            print(
                f"{f'{length:,} chars, {shape}':<30} {result['median_ms']:>7.2f} {result['p99_ms']:>7.2f}"
                f" {plain['median_ms']:>12.2f} {plain['p99_ms']:>9.2f} {share:>13.2f}"
                f" {budget:>4} {'ok' if share < budget else 'OVER'}"
            )


if __name__ == "__main__":
    main()
