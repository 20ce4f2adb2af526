"""The Suiho strikes of June 1952 and the Namsi daylight B-29 raid of October 1951."""

from __future__ import annotations

import dataclasses
import statistics
from datetime import date

import numpy as np

from game.calibration.common import CheckResult, runs_of, stats
from game.core.model import Rules
from game.data.scenario import find_scenario, load_rules


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


def suiho_checks(runs: int = 50) -> list[CheckResult]:
    rules = load_rules(find_scenario("suiho_1952"), "normal")
    power = runs_of(rules, runs, lambda s: s.power_destroyed_pct)
    lost = runs_of(rules, runs, lambda s: float(s.aircraft_lost))
    half = runs_of(halve_strikes(rules), runs, lambda s: s.power_destroyed_pct)
    unsuppressed = runs_of(drop_suppression(rules), runs, lambda s: float(s.aircraft_lost))

    med, p10, p90 = stats(power)
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
    med, p10, p90 = stats(lost)
    results.append(
        CheckResult("Suiho: aircraft lost", "5 (V)", med, p10, p90, "median 2-9", 2 <= med <= 9)
    )
    med, p10, p90 = stats(half)
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
    med, p10, p90 = stats(unsuppressed)
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


def namsi_raid_losses(night: bool, runs: int) -> list[float]:
    """Share of 9 B-29s lost against about 84 MiGs at Namsi (the "Black Tuesday" fixture).

    By day with the 1951 escort (34 F-86s screening) on 23 October 1951, or the same
    raid at night in the dark of the moon (the new moon of 30 October 1951).
    """
    from game.core.calendar import Weather, moon_illumination
    from game.core.model import TargetDef
    from game.core.orders import StrikePackage
    from game.core.resolution import DayContext, resolve_package
    from game.core.turn import new_game

    base = load_rules(find_scenario("suiho_1952"), "normal")
    feature = base.geometry.features["namsi_af"]
    namsi = TargetDef(
        id="namsi_af",
        name="Namsi airfield",
        kind="airfield",
        position=feature.anchor,
        capacity=1.0,
        value=3.0,
        hardness=60.0,
        flak=20.0,
        civilians=0.0,
        repair_labour=100.0,
    )
    b29 = dataclasses.replace(base.pools["b29"], day=True)
    rules = dataclasses.replace(
        base,
        targets={**base.targets, "namsi_af": namsi},
        pools={**base.pools, "b29": b29},
    )
    day = date(1951, 10, 30) if night else date(1951, 10, 23)
    package = StrikePackage(target="namsi_af", strike=(("b29", 9),), night=night)
    shares = []
    for seed in range(runs):
        rng = np.random.default_rng(seed)
        state = new_game(rules)
        state.mig_strength = 84 / rules.enemy.mig_commit_day  # about 84 rise by day
        ctx = DayContext(day, moon_illumination(day), {"west": Weather.CLEAR})
        escort = 0 if night else 34
        resolve_package(rules, state, package, {"b29": 9}, {}, escort, ctx, rng, [])
        shares.append(100 * state.pools["b29"].lost / 9)
    return shares


def namsi_checks(runs: int = 300) -> list[CheckResult]:
    by_day = namsi_raid_losses(night=False, runs=runs)
    by_night = namsi_raid_losses(night=True, runs=runs)
    day_mean = float(np.mean(by_day))
    night_mean = float(np.mean(by_night))
    day_p10, day_p90 = (float(v) for v in np.percentile(by_day, [10, 90]))
    night_p10, night_p90 = (float(v) for v in np.percentile(by_night, [10, 90]))
    return [
        CheckResult(
            "Namsi, 9 B-29s by day vs 84 MiGs: % lost",
            "3 of 9 (V)",
            day_mean,
            day_p10,
            day_p90,
            "mean 20-45%",
            20 <= day_mean <= 45,
        ),
        CheckResult(
            "Namsi at night, dark of the moon: % lost",
            "counterfactual",
            night_mean,
            night_p10,
            night_p90,
            "mean < 5%",
            night_mean < 5,
        ),
    ]
