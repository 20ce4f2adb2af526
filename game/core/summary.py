"""Playing a whole game without a window, and the summary of how it ended."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.core.events import Event
from game.core.intel import PlayerView, player_view
from game.core.model import GameState, Outcome, Rules
from game.core.orders import TurnOrders
from game.core.planners import PLANNERS
from game.core.targets import cities_half_destroyed, power_destroyed_pct
from game.core.turn import new_game, run_turn


def play(
    rules: Rules,
    planner: str,
    seed: int,
    max_turns: int = 10_000,
    plan: Callable[[Rules, PlayerView], TurnOrders] | None = None,
    turn_log: list[dict[str, Any]] | None = None,
) -> tuple[GameState, list[Event]]:
    """Play a scenario to its end with a built-in planner (or ``plan``); same seed, same game.

    ``turn_log`` collects each turn's log (the meter's causes, the enemy's decisions).
    """
    plan = plan or PLANNERS[planner]
    rng = np.random.default_rng(seed)
    state = new_game(rules)
    events: list[Event] = []
    for _ in range(max_turns):
        if state.outcome != Outcome.ONGOING:
            break
        orders = plan(rules, player_view(rules, state))
        result = run_turn(rules, state, orders, rng)
        state = result.state
        events.extend(result.events)
        if turn_log is not None:
            turn_log.append(
                {"turn": state.turn - 1, "date": state.day.isoformat(), **result.report["log"]}
            )
    return state, events


def summary(rules: Rules, state: GameState, planner: str, seed: int) -> dict[str, Any]:
    """The headless summary keys of the design (GAME.md §12)."""
    return {
        "scenario": rules.scenario_id,
        "seed": seed,
        "planner": planner,
        "difficulty": rules.difficulty,
        "outcome": state.outcome.value,
        "turns_played": state.turn - 1,
        "end_date": (state.end_date or state.day).isoformat(),
        "score": state.score,
        "negotiation_meter": round(state.meter, 2),
        "world_opinion": round(state.world_opinion, 2),
        "us_patience": round(state.us_patience, 2),
        "front_supply_pct": round(state.front_supply_pct, 2),
        "aircraft_lost": state.aircraft_lost,
        "civilian_casualties": round(state.civilian_casualties),
        "power_destroyed_pct": round(state.power_destroyed_pct, 2),
        "power_now_pct": round(power_destroyed_pct(rules, state), 2),
        "rail_cuts": state.rail_cuts,
        "cities_half_destroyed": cities_half_destroyed(rules, state),
        "targets": {tid: round(ts.damage, 1) for tid, ts in sorted(state.targets.items())},
    }
