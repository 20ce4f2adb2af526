"""Operation Strangle, August 1951 to April 1952: the interdiction campaign that failed.

The record (HISTORY.md §3, A): over 15,000 rail cuts and 199 bridges destroyed or
damaged did not stop the enemy's supply, at a cost of 243 aircraft destroyed. The
counterfactual: the same campaign with interdiction dropped for city attacks lets the
enemy's stockpile, and so its artillery fire, grow (GAME.md §9).

Runs are spread over the machine's cores; each worker loads the scenario once.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import Any

import numpy as np

from game.calibration.common import CheckResult
from game.core.model import Rules
from game.core.summary import play, summary
from game.data.scenario import find_scenario, load_rules

SCENARIO = "strangle_1951"
ARTILLERY_WEEK = 13  # Banfill's lapse: artillery after three months without interdiction


def _no_interdiction(rules: Rules) -> Rules:
    """The historical plan with interdiction dropped for more city and industry attacks."""
    plan = rules.plan
    moved = dataclasses.replace(
        plan, interdiction=0.0, city_attacks=min(1.0, plan.city_attacks + plan.interdiction)
    )
    return dataclasses.replace(rules, plan=moved)


VARIANTS: dict[str, Callable[[Rules], Rules]] = {
    "record": lambda r: r,
    "no_interdiction": _no_interdiction,
}


@lru_cache(maxsize=8)
def _rules(variant: str, difficulty: str) -> Rules:
    return VARIANTS[variant](load_rules(find_scenario(SCENARIO), difficulty))


def _one_run(job: tuple[str, int, str]) -> dict[str, Any]:
    variant, seed, difficulty = job
    rules = _rules(variant, difficulty)
    state, _ = play(rules, "historical", seed)
    row = summary(rules, state, "historical", seed)
    row["variant"] = variant
    row["history"] = state.history
    return row


def strangle_runs(
    runs: int, difficulty: str = "normal", workers: int | None = None
) -> list[dict[str, Any]]:
    """Play the historical plan and its no-interdiction variant over ``runs`` seeds each."""
    jobs = [(v, s, difficulty) for v in VARIANTS for s in range(runs)]
    workers = workers or min(4, os.cpu_count() or 1)
    if workers <= 1 or len(jobs) < 4:
        return [_one_run(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one_run, jobs, chunksize=2))


def _pct(values: Sequence[float]) -> tuple[float, float, float]:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p50), float(p10), float(p90)


def _week(row: dict[str, Any], week: int) -> dict[str, float]:
    history = row["history"]
    return history[min(week, len(history)) - 1]


def strangle_checks_from(rows: list[dict[str, Any]]) -> list[CheckResult]:
    """The checks over runs already played (see ``strangle_runs``)."""
    hist = [r for r in rows if r["variant"] == "record"]
    lapse = [r for r in rows if r["variant"] == "no_interdiction"]
    results: list[CheckResult] = []

    med, p10, p90 = _pct([r["rail_cuts"] for r in hist])
    results.append(
        CheckResult(
            "Strangle, historical: rail cuts over the campaign",
            "over 15,000 (A)",
            med,
            p10,
            p90,
            "median 8,000-25,000",
            8000 <= med <= 25000,
        )
    )
    med, p10, p90 = _pct([r["aircraft_lost"] for r in hist])
    results.append(
        CheckResult(
            "Strangle, historical: aircraft lost",
            "243 destroyed (A)",
            med,
            p10,
            p90,
            "median 150-350",
            150 <= med <= 350,
        )
    )
    supply = [float(np.mean([w["front_supply_pct"] for w in r["history"]])) for r in hist]
    med, p10, p90 = _pct(supply)
    results.append(
        CheckResult(
            "Strangle, historical: mean weekly front supply (%)",
            "supply not stopped (A)",
            med,
            p10,
            p90,
            "median >= 85%",
            med >= 85,
        )
    )
    base = float(np.median([_week(r, ARTILLERY_WEEK)["artillery"] for r in hist]))
    fire = [_week(r, ARTILLERY_WEEK)["artillery"] for r in lapse]
    med, p10, p90 = _pct(fire)
    results.append(
        CheckResult(
            f"Strangle, no interdiction: artillery after {ARTILLERY_WEEK} weeks (x start)",
            "fire grows when interdiction lapses (A: Banfill)",
            med,
            p10,
            p90,
            f">= 2x the historical run's ({base:.2f})",
            med >= 2 * base,
        )
    )
    timed_out = 100 * sum(r["outcome"] == "time_out" for r in hist) / len(hist)
    results.append(
        CheckResult(
            "Strangle, historical: ends by time out (%)",
            "no armistice in 1951-52 (V)",
            timed_out,
            timed_out,
            timed_out,
            ">= 90% of runs",
            timed_out >= 90,
        )
    )
    return results


def strangle_checks(runs: int = 24) -> list[CheckResult]:
    return strangle_checks_from(strangle_runs(runs))
