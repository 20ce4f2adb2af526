"""Calibration as code: the record, the model over many seeds, and counterfactuals.

Each check pairs a historical figure with what the model gives over many seeds at
difficulty ``normal``; counterfactual variants of the historical plan make sure the
model answers the player's choices in the right direction (GAME.md §9).
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.core.model import Rules
from game.core.summary import play
from game.data.scenario import find_scenario, load_rules


@dataclass(frozen=True)
class CheckResult:
    name: str
    record: str
    median: float
    p10: float
    p90: float
    band: str
    passed: bool


def halve_strikes(rules: Rules) -> Rules:
    """The historical plan with half the strike sorties."""
    ops = tuple(
        dataclasses.replace(op, strike=tuple((p, max(1, n // 2)) for p, n in op.strike))
        for op in rules.plan.operations
    )
    return dataclasses.replace(rules, plan=dataclasses.replace(rules.plan, operations=ops))


def drop_suppression(rules: Rules) -> Rules:
    """The historical plan without its flak-suppression sorties."""
    ops = tuple(dataclasses.replace(op, suppression=()) for op in rules.plan.operations)
    return dataclasses.replace(rules, plan=dataclasses.replace(rules.plan, operations=ops))


def _runs(rules: Rules, runs: int, metric: Callable[..., float]) -> list[float]:
    values = []
    for seed in range(runs):
        state, _ = play(rules, "historical", seed)
        values.append(metric(state))
    return values


def _stats(values: list[float]) -> tuple[float, float, float]:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p50), float(p10), float(p90)


def suiho_checks(runs: int = 50) -> list[CheckResult]:
    rules = load_rules(find_scenario("suiho_1952"), "normal")
    power = _runs(rules, runs, lambda s: s.power_destroyed_pct)
    lost = _runs(rules, runs, lambda s: float(s.aircraft_lost))
    half = _runs(halve_strikes(rules), runs, lambda s: s.power_destroyed_pct)
    unsuppressed = _runs(drop_suppression(rules), runs, lambda s: float(s.aircraft_lost))

    med, p10, p90 = _stats(power)
    results = [
        CheckResult(
            "Suiho: power destroyed",
            "90% (A)",
            med,
            p10,
            p90,
            "median 80-97%",
            80 <= med <= 97,
        ),
        CheckResult(
            "Suiho: spread of power destroyed",
            "one campaign",
            p90 - p10,
            p10,
            p90,
            "p90-p10 >= 5 points",
            p90 - p10 >= 5,
        ),
    ]
    med, p10, p90 = _stats(lost)
    results.append(
        CheckResult("Suiho: aircraft lost", "5 (V)", med, p10, p90, "median 2-9", 2 <= med <= 9)
    )
    med, p10, p90 = _stats(half)
    results.append(
        CheckResult(
            "Suiho, half the strike sorties: power destroyed",
            "counterfactual",
            med,
            p10,
            p90,
            "median <= 75%",
            med <= 75,
        )
    )
    base_losses = statistics.median(lost)
    med, p10, p90 = _stats(unsuppressed)
    results.append(
        CheckResult(
            "Suiho, no flak suppression: aircraft lost",
            "counterfactual",
            med,
            p10,
            p90,
            f">= 1.5x historical median ({base_losses:.1f})",
            med >= 1.5 * base_losses,
        )
    )
    return results


ALL_CHECKS: dict[str, Callable[[int], list[CheckResult]]] = {"suiho": suiho_checks}
