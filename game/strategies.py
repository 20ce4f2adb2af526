"""The campaign's outcomes by planner, as a Markdown table for the docs (GAME.md §9)."""

from __future__ import annotations

import statistics
from datetime import date
from typing import Any

from game.calibration.campaign import PLANNERS, SCENARIO, campaign_runs

PLANNER_NOTES = {
    "historical": "flies the record's operations, then its shares of effort",
    "minimal": "token effort: a little interdiction and close support",
    "interdiction": "three quarters of the effort on the railways and bridges",
    "greedy": "pressure at any cost: every sortie on cities and industry, publicised",
    "balanced": "destruction and interdiction together, with escorts and warnings",
}


def strategy_rows(runs: int, difficulty: str = "normal") -> list[dict[str, Any]]:
    rows = campaign_runs([("record", p, s) for p in PLANNERS for s in range(runs)], difficulty)
    table = []
    for planner in PLANNERS:
        mine = [r for r in rows if r["planner"] == planner]
        signed = sorted(
            date.fromisoformat(r["end_date"]) for r in mine if r["outcome"] == "armistice"
        )

        def share(outcome: str, group: list[dict[str, Any]] = mine) -> float:
            return 100 * sum(r["outcome"] == outcome for r in group) / len(group)

        def median(key: str, group: list[dict[str, Any]] = mine) -> float:
            return float(statistics.median(r[key] for r in group))

        table.append(
            {
                "planner": planner,
                "armistice_pct": share("armistice"),
                "median_armistice": signed[len(signed) // 2].isoformat() if signed else "none",
                "recall_pct": share("recall"),
                "time_out_pct": share("time_out"),
                "score": median("score"),
                "aircraft_lost": median("aircraft_lost"),
                "civilian_casualties": median("civilian_casualties"),
                "cities_half_destroyed": median("cities_half_destroyed"),
                "rail_cuts": median("rail_cuts"),
                "world_opinion": median("world_opinion"),
                "us_patience": median("us_patience"),
            }
        )
    return table


def strategies_markdown(runs: int, difficulty: str = "normal") -> str:
    rows = strategy_rows(runs, difficulty)
    lines = [
        "# Strategy matters: the campaign by planner",
        "",
        f"`{SCENARIO}` at difficulty `{difficulty}`, {runs} seeds per planner. Produced by",
        f"`python main.py strategies --runs {runs} --out docs/STRATEGIES.md`; do not edit by hand.",
        "",
        "| planner | armistice | median armistice | recall | time out | median score | aircraft lost | civilian casualties | main cities half destroyed | rail cuts | world opinion | US patience |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['planner']} | {r['armistice_pct']:.0f}% | {r['median_armistice']} | "
            f"{r['recall_pct']:.0f}% | {r['time_out_pct']:.0f}% | {r['score']:.0f} | "
            f"{r['aircraft_lost']:.0f} | {r['civilian_casualties']:,.0f} | "
            f"{r['cities_half_destroyed']:.0f} of 22 | {r['rail_cuts']:,.0f} | "
            f"{r['world_opinion']:.0f} | {r['us_patience']:.0f} |"
        )
    lines += ["", "Medians over the seeds. The planners:", ""]
    lines += [f"- `{p}`: {PLANNER_NOTES[p]}." for p in PLANNERS]
    lines += [
        "",
        "The record: the armistice was signed on 27 July 1953; 18 of 22 main cities were at",
        "least half destroyed (Crane). See `python main.py calibrate` for every target.",
        "",
    ]
    return "\n".join(lines)
