"""Conditions on the state that scenario events and cards test, by name.

A scenario writes ``{ metric = "talks", op = "==", value = "recessed" }``. The metrics
are the table below; nothing a modder writes is evaluated as code.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from game.core.model import Condition, GameState

MetricGetter = Callable[[GameState, Any], Any]

METRICS: dict[str, MetricGetter] = {
    "meter": lambda s, _: s.meter,
    "world_opinion": lambda s, _: s.world_opinion,
    "us_patience": lambda s, _: s.us_patience,
    "talks": lambda s, _: s.talks.value,
    "turn": lambda s, _: s.turn,
    "power_destroyed_pct": lambda s, _: s.power_destroyed_pct,
    "front_supply_pct": lambda s, _: s.front_supply_pct,
    "artillery": lambda s, _: s.artillery,
    "aircraft_lost": lambda s, _: s.aircraft_lost,
    "civilian_casualties": lambda s, _: s.civilian_casualties,
    "rail_cuts": lambda s, _: s.rail_cuts,
    "warnings_publicised_turns": lambda s, _: s.warnings_publicised_turns,
    "rice_lost": lambda s, _: s.rice_lost,
    # value names the thing tested; the metric answers true or false.
    "event_fired": lambda s, v: v in s.events_fired,
    "card_in_force": lambda s, v: s.cards[v].in_force if v in s.cards else False,
    "target_damage": lambda s, v: s.targets[v].damage if v in s.targets else 0.0,
    "pow_settled": lambda s, _: s.pow_settled,
    # value names an enemy decision: recess, return_to_talks, concede_prisoners, ...
    "enemy_decided": lambda s, v: v in s.decisions,
}

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "is": lambda a, _b: bool(a),  # for the true/false metrics
    "is_not": lambda a, _b: not a,
}

# Metrics whose value names a thing rather than a threshold.
NAMING_METRICS = {"event_fired", "card_in_force", "target_damage", "enemy_decided"}


def holds(condition: Condition, state: GameState) -> bool:
    get = METRICS[condition.metric]
    if condition.metric in ("event_fired", "card_in_force", "enemy_decided"):
        found = get(state, condition.value)
        return bool(found) if condition.op in ("is", "==") else not found
    if condition.metric == "target_damage":
        target_id, threshold = condition.value
        return OPERATORS[condition.op](get(state, target_id), threshold)
    return OPERATORS[condition.op](get(state, None), condition.value)


def all_hold(conditions: tuple[Condition, ...], state: GameState) -> bool:
    return all(holds(c, state) for c in conditions)
