"""Calibration as code: the record, the model over many seeds, and counterfactuals.

Each check pairs a historical figure with what the model gives over many seeds at
difficulty ``normal``; counterfactual variants make sure the model answers the
player's choices in the right direction and by plausible amounts (GAME.md §9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.core.model import Rules
from game.core.summary import play


@dataclass(frozen=True)
class CheckResult:
    name: str
    record: str
    median: float  # the model's median (or mean, where the band says so)
    p10: float
    p90: float
    band: str
    passed: bool


def runs_of(rules: Rules, runs: int, metric: Callable[..., float]) -> list[float]:
    values = []
    for seed in range(runs):
        state, _ = play(rules, "historical", seed)
        values.append(metric(state))
    return values


def stats(values: list[float]) -> tuple[float, float, float]:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p50), float(p10), float(p90)
