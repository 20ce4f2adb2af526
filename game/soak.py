"""Soak: many seeded games headless, with every planner and random legal orders.

After every turn the rules' invariants are checked: pools never negative, damage
within 0-100, meters within bounds, every event with a cause. Any exception or broken
invariant is reported with the scenario, planner and seed that reproduce it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from game.core.intel import PlayerView, player_view
from game.core.model import GameState, Outcome, PressPolicy, Rules
from game.core.orders import Accepted, StandingTasks, StrikePackage, TurnOrders, validate_package
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, list_scenarios, load_rules
from game.save.invariants import state_problems

PLANNER_NAMES = (*sorted(PLANNERS), "random")


@dataclass(frozen=True)
class SoakResult:
    scenario: str
    planner: str
    seed: int
    turns: int
    outcome: str
    problem: str = ""


def random_planner(
    rng: np.random.Generator,
) -> Callable[[Rules, GameState, PlayerView], TurnOrders]:
    """Random but legal orders: what a curious player might try."""

    def plan(rules: Rules, state: GameState, view: PlayerView) -> TurnOrders:
        packages = []
        strike_pools = [p for p in rules.pools.values() if p.bomb_tons > 0]
        for _ in range(int(rng.integers(0, 6))):
            target = str(rng.choice(sorted(view.active_targets)))
            pool = strike_pools[int(rng.integers(len(strike_pools)))]
            night = bool(pool.night and (not pool.day or rng.random() < 0.5))
            count = int(rng.integers(1, max(2, view.pools[pool.id].sorties_per_day // 3 + 1)))
            package = StrikePackage(
                target=target,
                strike=((pool.id, count),),
                escort=0 if night else int(rng.integers(0, 30)),
                suppression=() if night or rng.random() < 0.5 else ((pool.id, max(1, count // 5)),),
                night=night,
                warning=bool(rng.random() < 0.3),
                days=() if rules.turn_days == 1 else (int(rng.integers(rules.turn_days)),),
            )
            if isinstance(validate_package(rules, state, package, check_capacity=False), Accepted):
                packages.append(package)
        share = rng.dirichlet((1.0, 1.0, 1.0))
        return TurnOrders(
            packages=tuple(packages),
            standing=StandingTasks(interdiction=float(share[0]), close_support=float(share[1])),
            press=PressPolicy(str(rng.choice([p.value for p in PressPolicy]))),
            jcs_requests=tuple(
                c
                for c in view.cards_in_force
                if rules.cards[c].jcs_approval > 0 and rng.random() < 0.1
            ),
        )

    return plan


def invariant_problems(rules: Rules, state: GameState, events: tuple) -> list[str]:
    problems = []
    for pid, ps in state.pools.items():
        if ps.ready < 0 or ps.lost < 0 or any(d < 0 for d in ps.damaged):
            problems.append(f"pool {pid} went negative")
    for tid, ts in state.targets.items():
        if not 0.0 <= ts.damage <= 100.0:
            problems.append(f"target {tid} damage {ts.damage}")
    for name in ("meter", "world_opinion", "us_patience"):
        value = getattr(state, name)
        if not 0.0 <= value <= 100.0:
            problems.append(f"{name} {value}")
    for event in events:
        if not event.cause.strip():
            problems.append(f"event without a cause: {event.text}")
    if state.stockpile < 0 or state.civilian_casualties < 0:
        problems.append("negative stockpile or casualties")
    # Every state play reaches must be one a save of it loads with.
    problems.extend(state_problems(state, rules))
    return problems


@lru_cache(maxsize=16)
def _rules(scenario: str) -> Rules:
    return load_rules(find_scenario(scenario))


def soak_one(job: tuple[str, str, int]) -> SoakResult:
    scenario, planner, seed = job
    rules = _rules(scenario)
    rng = np.random.default_rng(seed)
    chooser = random_planner(np.random.default_rng(seed + 1_000_003))
    state = new_game(rules)
    turns = 0
    try:
        while state.outcome == Outcome.ONGOING and turns < 200:
            view = player_view(rules, state)
            orders = (
                chooser(rules, state, view)
                if planner == "random"
                else PLANNERS[planner](rules, view)
            )
            result = run_turn(rules, state, orders, rng)
            state = result.state
            turns += 1
            problems = invariant_problems(rules, state, result.events)
            if problems:
                return SoakResult(
                    scenario, planner, seed, turns, state.outcome.value, "; ".join(problems)
                )
    except Exception as exc:  # the soak's job is to catch what nothing else did
        return SoakResult(scenario, planner, seed, turns, "error", f"{type(exc).__name__}: {exc}")
    return SoakResult(scenario, planner, seed, turns, state.outcome.value)


def soak(
    runs: int, scenarios: tuple[str, ...] = (), workers: int | None = None
) -> list[SoakResult]:
    ids = scenarios or tuple(p.name for p in list_scenarios())
    jobs = [
        (ids[i % len(ids)], PLANNER_NAMES[(i // len(ids)) % len(PLANNER_NAMES)], i)
        for i in range(runs)
    ]
    workers = workers or min(4, os.cpu_count() or 1)
    if workers <= 1:
        return [soak_one(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(soak_one, jobs, chunksize=4))


__all__ = ["SoakResult", "invariant_problems", "random_planner", "soak", "soak_one"]
