"""Timing one call with the highest-resolution clock."""

import time
from collections.abc import Callable


def timed(fn: Callable, *args) -> float:
    """Seconds `fn(*args)` took."""
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start
