"""A small soak in the suite: every scenario with every planner and random legal orders.

`python main.py soak` runs the full thousand; the invariants are the same.
"""

from __future__ import annotations

import pytest

from game.core.events import Category, Event
from game.core.turn import new_game
from game.data.scenario import find_scenario, list_scenarios, load_rules
from game.soak import PLANNER_NAMES, invariant_problems, soak


@pytest.mark.slow  # a soak
def test_seeded_games_with_every_planner_keep_the_rules_invariants() -> None:
    runs = len(list_scenarios()) * len(PLANNER_NAMES)
    results = soak(runs, workers=2)
    assert {(r.scenario, r.planner) for r in results} == {
        (s.name, p) for s in list_scenarios() for p in PLANNER_NAMES
    }
    failures = [r for r in results if r.problem]
    assert not failures, failures
    assert all(r.turns > 0 for r in results)


def test_the_invariant_check_catches_a_broken_state() -> None:
    rules = load_rules(find_scenario("suiho_1952"))
    state = new_game(rules)
    state.targets["suiho_dam"].damage = 120.0
    state.pools["f86"].ready = -1
    state.meter = -3
    event = Event(state.day, Category.STRIKE, "Something happened.", cause=" ")
    problems = invariant_problems(rules, state, (event,))
    assert problems[:4] == [
        "pool f86 went negative",
        "target suiho_dam damage 120.0",
        "meter -3",
        "event without a cause: Something happened.",
    ]
    # and the save loader's checks, so a state play reaches is one a save of it loads with
    assert sorted(p.split(":")[0] for p in problems[4:]) == [
        "state.meter",
        "state.pools.f86.ready",
        "state.targets.suiho_dam.damage",
    ]
