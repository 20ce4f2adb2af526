"""Repeated timings, summarised as median, 95th percentile and maximum, for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def summarise(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def timed(fn: Callable[[], Any], repeat: int, scale: float = 1000.0) -> dict[str, float]:
    """Run ``fn`` ``repeat`` times; milliseconds by default (``scale=1`` for seconds)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * scale)
    return summarise(samples)
