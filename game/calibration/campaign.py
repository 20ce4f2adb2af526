"""The campaign of 1952-53: the record, and what other strategies would have brought.

Runs are spread over the machine's cores; each worker loads the scenario once.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from game.calibration.common import CheckResult
from game.core.intel import PlayerView, player_view
from game.core.model import GameState, Outcome, Rules
from game.core.orders import TurnOrders
from game.core.planners import PLANNERS as PLANNER_FUNCTIONS
from game.core.summary import play, summary
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules

SCENARIO = "campaign_1952"
ARMISTICE = date(1953, 7, 27)
PLANNERS = ("historical", "minimal", "interdiction", "greedy", "balanced")


def _no_interdiction(rules: Rules) -> Rules:
    """The historical plan with interdiction dropped for more city and industry attacks."""
    plan = rules.plan
    moved = dataclasses.replace(
        plan, interdiction=0.0, city_attacks=min(1.0, plan.city_attacks + plan.interdiction)
    )
    return dataclasses.replace(rules, plan=moved)


def _triple_interdiction(rules: Rules) -> Rules:
    """The historical plan with three times its armed-reconnaissance effort."""
    plan = rules.plan
    share = min(1.0, 3 * plan.interdiction)
    tripled = dataclasses.replace(
        plan, interdiction=share, close_support=min(plan.close_support, 1.0 - share)
    )
    return dataclasses.replace(rules, plan=tripled)


VARIANTS: dict[str, Callable[[Rules], Rules]] = {
    "record": lambda r: r,
    "no_interdiction": _no_interdiction,
    "triple_interdiction": _triple_interdiction,
}
# Alternative histories: the scenario's own [options].
OPTION_VARIANTS = ("stalin_lives", "hardline_beijing")


@lru_cache(maxsize=8)
def _rules(variant: str, difficulty: str) -> Rules:
    if variant in OPTION_VARIANTS:
        return load_rules(find_scenario(SCENARIO), difficulty, (variant,))
    return VARIANTS[variant](load_rules(find_scenario(SCENARIO), difficulty))


def _sparing_towns(rules: Rules, view: PlayerView) -> TurnOrders:
    """The historical plan without a bomb on a town: its sorties go to the standing tasks."""
    orders = PLANNER_FUNCTIONS["historical"](rules, view)
    kept = tuple(p for p in orders.packages if rules.targets[p.target].kind != "city")
    return dataclasses.replace(orders, packages=kept)


def _one_run(job: tuple[str, str, int, str]) -> dict[str, Any]:
    variant, planner, seed, difficulty = job
    rules = _rules(variant, difficulty)
    log: list[dict[str, Any]] = []
    if planner == "towns_spared":
        state = _play_with(rules, _sparing_towns, seed, log)
    else:
        state, _ = play(rules, planner, seed, turn_log=log)
    row = summary(rules, state, planner, seed)
    row["variant"] = variant
    row["history"] = state.history
    causes: dict[str, float] = {}
    for turn in log:
        for cause, points in turn["meter_causes"].items():
            causes[cause] = causes.get(cause, 0.0) + points
    row["meter_causes"] = causes
    return row


def _play_with(
    rules: Rules,
    plan: Callable[[Rules, PlayerView], TurnOrders],
    seed: int,
    log: list[dict[str, Any]],
) -> GameState:
    rng = np.random.default_rng(seed)
    state = new_game(rules)
    while state.outcome == Outcome.ONGOING:
        result = run_turn(rules, state, plan(rules, player_view(rules, state)), rng)
        state = result.state
        log.append(result.report["log"])
    return state


def campaign_runs(
    jobs: list[tuple[str, str, int]], difficulty: str = "normal", workers: int | None = None
) -> list[dict[str, Any]]:
    """Play (variant, planner, seed) campaigns, in parallel where the machine allows."""
    full = [(v, p, s, difficulty) for v, p, s in jobs]
    workers = workers or min(4, os.cpu_count() or 1)
    if workers <= 1 or len(full) < 4:
        return [_one_run(j) for j in full]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one_run, full, chunksize=2))


def _by(rows: list[dict[str, Any]], variant: str, planner: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["variant"] == variant and r["planner"] == planner]


def _end(row: dict[str, Any]) -> date:
    return date.fromisoformat(row["end_date"])


def _pct(values: Sequence[float]) -> tuple[float, float, float]:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p50), float(p10), float(p90)


def campaign_checks(runs: int = 30) -> list[CheckResult]:
    jobs = [("record", p, s) for p in PLANNERS for s in range(runs)]
    jobs += [
        (v, "historical", s)
        for v in ("no_interdiction", "triple_interdiction", "stalin_lives")
        for s in range(runs)
    ]
    jobs += [("record", "towns_spared", s) for s in range(runs)]
    rows = campaign_runs(jobs)
    hist = _by(rows, "record", "historical")
    results: list[CheckResult] = []

    signed = [r for r in hist if r["outcome"] == "armistice"]
    rate = 100 * len(signed) / len(hist)
    results.append(
        CheckResult(
            "Campaign, historical: armistice reached",
            "yes (A)",
            rate,
            rate,
            rate,
            ">= 70% of runs",
            rate >= 70,
        )
    )
    offsets = [float((_end(r) - ARMISTICE).days) for r in signed] or [9999.0]
    med, p10, p90 = _pct(offsets)
    results.append(
        CheckResult(
            "Campaign, historical: armistice date (days from 27 July 1953)",
            "27 July 1953 (A)",
            med,
            p10,
            p90,
            "median within 56 days",
            abs(med) <= 56,
        )
    )
    q1, q3 = np.percentile(offsets, [25, 75])
    results.append(
        CheckResult(
            "Campaign, historical: spread of armistice dates (interquartile days)",
            "decided by the leaders, not the calendar",
            float(q3 - q1),
            float(q1),
            float(q3),
            ">= 30 days",
            bool(q3 - q1 >= 30),
        )
    )
    for planner in (*PLANNERS, "towns_spared"):
        share = _top_date_share(_by(rows, "record", planner))
        results.append(
            CheckResult(
                f"Campaign, {planner}: share of armistices on its most common date (%)",
                "no date fixed by the calendar",
                share,
                share,
                share,
                "<= 20%",
                share <= 20,
            )
        )
    med, p10, p90 = _pct([r["cities_half_destroyed"] for r in hist])
    start = max(r["history"][0]["cities_half_destroyed"] for r in hist)
    results.append(
        CheckResult(
            "Campaign, historical: main cities half destroyed",
            "18 of 22 (A)",
            med,
            p10,
            p90,
            f"median 14-21 (at most {start:.0f} after the first week)",
            14 <= med <= 21 and start < 14,
        )
    )
    shares = [_pressure_share(r) for r in hist]
    med, p10, p90 = _pct(shares)
    results.append(
        CheckResult(
            "Campaign, historical: the player's pressure in the meter's gains (%)",
            "air pressure moves the enemy (A)",
            med,
            p10,
            p90,
            "median >= 50%",
            med >= 50,
        )
    )
    # Interdiction: thousands of cuts in six months while supply meets demand.
    cuts = [r["history"][min(25, len(r["history"]) - 1)]["rail_cuts"] for r in hist]
    med, p10, p90 = _pct(cuts)
    results.append(
        CheckResult(
            "Interdiction, historical effort: rail cuts in 26 weeks",
            "15,000 in ten months (A)",
            med,
            p10,
            p90,
            "median >= 2,000",
            med >= 2000,
        )
    )
    supply = [_mean_supply(r, 4, 26) for r in hist]
    med, p10, p90 = _pct(supply)
    results.append(
        CheckResult(
            "Interdiction, historical effort: front supply, weeks 5-26 (%)",
            "supply met (A)",
            med,
            p10,
            p90,
            "median >= 90%",
            med >= 90,
        )
    )
    tripled = [_mean_supply(r, 4, 26) for r in _by(rows, "triple_interdiction", "historical")]
    med, p10, p90 = _pct(tripled)
    results.append(
        CheckResult(
            "Interdiction, three times the effort: front supply, weeks 5-26 (%)",
            "counterfactual",
            med,
            p10,
            p90,
            "median < 75% (supply fails)",
            med < 75,
        )
    )
    fire = [r["history"][12]["artillery"] for r in _by(rows, "no_interdiction", "historical")]
    med, p10, p90 = _pct(fire)
    results.append(
        CheckResult(
            "No interdiction: enemy artillery fire after 13 weeks (x start)",
            "tenfold (A: Banfill)",
            med,
            p10,
            p90,
            "median >= 5x",
            med >= 5,
        )
    )
    minimal = _by(rows, "record", "minimal")
    minimal_signed = [r for r in minimal if r["outcome"] == "armistice"]
    later = not minimal_signed or _median_end(minimal_signed) > _median_end(signed)
    min_rate = 100 * sum(r["outcome"] == "armistice" for r in minimal) / len(minimal)
    results.append(
        CheckResult(
            "Minimal planner: armistice rate (%)",
            "counterfactual",
            min_rate,
            min_rate,
            min_rate,
            "signs later or not at all, in <= 10% of runs",
            later and min_rate <= 10,
        )
    )
    hist_end = _median_end(hist)
    for variant, planner, label, want_later in (
        ("record", "balanced", "More pressure from the start (balanced)", False),
        ("stalin_lives", "historical", "Stalin lives", True),
        ("record", "towns_spared", "Sparing the towns", True),
    ):
        end = _median_end(_by(rows, variant, planner))
        delta = float(end - hist_end)
        results.append(
            CheckResult(
                f"{label}: median end of the war (days after the historical plan's)",
                "counterfactual",
                delta,
                delta,
                delta,
                "later" if want_later else "earlier",
                delta > 0 if want_later else delta < 0,
            )
        )
    greedy = _by(rows, "record", "greedy")
    recall = 100 * sum(r["outcome"] == "recall" for r in greedy) / len(greedy)
    results.append(
        CheckResult(
            "Greedy planner: recalled (%)",
            "counterfactual",
            recall,
            recall,
            recall,
            ">= 20% of runs",
            recall >= 20,
        )
    )
    scores = {p: statistics.median(r["score"] for r in _by(rows, "record", p)) for p in PLANNERS}
    best_pure = max(scores["interdiction"], scores["greedy"])
    results.append(
        CheckResult(
            "Balanced planner: median score",
            "counterfactual",
            scores["balanced"],
            scores["interdiction"],
            scores["greedy"],
            f">= interdiction ({scores['interdiction']:.0f}) and greedy ({scores['greedy']:.0f})",
            scores["balanced"] >= best_pure,
        )
    )
    return results


def _median_end(rows: list[dict[str, Any]]) -> float:
    """Median day the war ended, a game that never signed counting at its last day."""
    return float(statistics.median(_end(r).toordinal() for r in rows))


def _top_date_share(rows: list[dict[str, Any]]) -> float:
    signed = [r["end_date"] for r in rows if r["outcome"] == "armistice"]
    if len(signed) < 3:
        return 0.0
    return 100 * max(signed.count(d) for d in set(signed)) / len(signed)


def _pressure_share(row: dict[str, Any]) -> float:
    gains = {k: v for k, v in row["meter_causes"].items() if v > 0}
    total = sum(gains.values())
    pressure = sum(v for k, v in gains.items() if k.startswith("pressure"))
    return 100 * pressure / total if total else 0.0


def _mean_supply(row: dict[str, Any], first: int, last: int) -> float:
    weeks = row["history"][first:last] or row["history"][-1:]
    return float(np.mean([w["front_supply_pct"] for w in weeks]))
