"""The campaign's outcomes by strategy, as a Markdown table for the docs (GAME.md §9)."""

from __future__ import annotations

import os
import statistics
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

from game.calibration.campaign import SCENARIO
from game.core.planners import strategy_planner
from game.core.summary import play, summary
from game.data.scenario import find_scenario, load_rules
from game.data.strategy import STRATEGY_DIR, load_strategy

# The built-in planners' files first, then the other strategy files shipped in assets/strategies.
STRATEGIES = (
    "historical",
    "minimal",
    "interdiction",
    "greedy",
    "balanced",
    "do_nothing",
    "towns_only",
    "towns_spared",
    "dams_at_once",
    "night_b29s",
)
NOTES = {
    "historical": "flies the record's operations, then its shares of effort",
    "minimal": "token effort: a little interdiction and close support",
    "interdiction": "three quarters of the effort on the railways and bridges",
    "greedy": "pressure at any cost: every sortie on cities and industry, publicised",
    "balanced": "destruction and interdiction together, with escorts and warnings",
    "do_nothing": "no sorties at all: no packages and no standing tasks",
    "towns_only": "every strike sortie on the cities, nothing else",
    "towns_spared": "interdiction plus power and industry, never the cities",
    "dams_at_once": "the power dams and plants struck as soon as they are open",
    "night_b29s": "Bomber Command's B-29s at night on industry, power and yards",
}


def _one_run(job: tuple[str, int, str]) -> dict[str, Any]:
    name, seed, difficulty = job
    rules = load_rules(find_scenario(SCENARIO), difficulty)
    turn_log: list[dict[str, Any]] = []
    plan = strategy_planner(load_strategy(STRATEGY_DIR / f"{name}.toml"))
    state, _ = play(rules, name, seed, plan=plan, turn_log=turn_log)
    row = summary(rules, state, name, seed)
    row["b29_sorties"] = sum(t["sorties_by_role"].get("medium_bomber", 0) for t in turn_log)
    return row


def _runs(jobs: list[tuple[str, int, str]], workers: int) -> list[dict[str, Any]]:
    if workers <= 1:
        return [_one_run(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one_run, jobs, chunksize=2))


def strategy_rows(
    runs: int, difficulty: str = "normal", workers: int | None = None
) -> list[dict[str, Any]]:
    workers = workers or min(2, os.cpu_count() or 1)
    jobs = [(name, seed, difficulty) for name in STRATEGIES for seed in range(runs)]
    rows = _runs(jobs, workers)
    table = []
    for name in STRATEGIES:
        mine = [r for r in rows if r["planner"] == name]
        signed = sorted(
            date.fromisoformat(r["end_date"]) for r in mine if r["outcome"] == "armistice"
        )

        def share(outcome: str, group: list[dict[str, Any]] = mine) -> float:
            return 100 * sum(r["outcome"] == outcome for r in group) / len(group)

        def median(key: str, group: list[dict[str, Any]] = mine) -> float:
            return float(statistics.median(r[key] for r in group))

        table.append(
            {
                "strategy": name,
                "armistice_pct": share("armistice"),
                "median_armistice": signed[len(signed) // 2].isoformat() if signed else "none",
                "armistice_iqr_days": _iqr_days(signed),
                "modal_date_pct": _modal_share(signed),
                "recall_pct": share("recall"),
                "time_out_pct": share("time_out"),
                "score": median("score"),
                "aircraft_lost": median("aircraft_lost"),
                "b29_sorties": median("b29_sorties"),
                "civilian_casualties": median("civilian_casualties"),
                "cities_half_destroyed": median("cities_half_destroyed"),
                "rail_cuts": median("rail_cuts"),
                "world_opinion": median("world_opinion"),
                "us_patience": median("us_patience"),
            }
        )
    return table


def _iqr_days(signed: list[date]) -> int | None:
    """Days between the first and third quartile of the armistice dates."""
    if len(signed) < 2:
        return None
    ordinals = [d.toordinal() for d in signed]
    q1, _, q3 = statistics.quantiles(ordinals, n=4, method="inclusive")
    return round(q3 - q1)


def _modal_share(signed: list[date]) -> float | None:
    """How often the armistice fell on its most common date, of the games that signed."""
    if not signed:
        return None
    return 100 * Counter(signed).most_common(1)[0][1] / len(signed)


def _or_dash(value: float | None, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def strategies_markdown(runs: int, difficulty: str = "normal") -> str:
    rows = strategy_rows(runs, difficulty)
    lines = [
        "# Strategy matters: the campaign by strategy",
        "",
        f"`{SCENARIO}` at difficulty `{difficulty}`, {runs} seeds per strategy. Regenerated by",
        f"`python main.py strategies --runs {runs} --out docs/STRATEGIES.md`; do not edit by hand.",
        "",
        "| strategy | armistice | median armistice | armistice IQR (days) | most common date | recall | time out | median score | aircraft lost | B-29 sorties | civilian casualties | main cities half destroyed | rail cuts | world opinion | US patience |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['strategy']} | {r['armistice_pct']:.0f}% | {r['median_armistice']} | "
            f"{_or_dash(r['armistice_iqr_days'], 'd')} | "
            f"{_or_dash(r['modal_date_pct'], '.0f')}{'%' if r['modal_date_pct'] is not None else ''} | "
            f"{r['recall_pct']:.0f}% | {r['time_out_pct']:.0f}% | {r['score']:.0f} | "
            f"{r['aircraft_lost']:.0f} | {r['b29_sorties']:,.0f} | {r['civilian_casualties']:,.0f} | "
            f"{r['cities_half_destroyed']:.0f} of 22 | {r['rail_cuts']:,.0f} | "
            f"{r['world_opinion']:.0f} | {r['us_patience']:.0f} |"
        )
    lines += [
        "",
        "Medians over the seeds; the armistice date columns count only the games that signed.",
        "The strategies, each a file in `assets/strategies/` (`simulate --strategy FILE`):",
        "",
    ]
    lines += [f"- `{name}`: {NOTES[name]}." for name in STRATEGIES]
    lines += [
        "",
        "The record: the armistice was signed on 27 July 1953; 18 of 22 main cities were at",
        "least half destroyed (Crane). See `python main.py calibrate` for every target.",
        "",
    ]
    return "\n".join(lines)
