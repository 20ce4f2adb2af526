"""The state's hand-written copy is as deep as copy.deepcopy, field for field."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np

from game.core.intel import player_view
from game.core.model import GameState
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules


def test_clone_equals_deepcopy_and_shares_nothing_mutable() -> None:
    rules = load_rules(find_scenario("suiho_1952"))
    state = new_game(rules)
    rng = np.random.default_rng(0)
    for _ in range(2):
        state = run_turn(
            rules, state, PLANNERS["historical"](rules, player_view(rules, state)), rng
        ).state
    clone = state.clone()
    assert clone == copy.deepcopy(state)
    for f in dataclasses.fields(GameState):
        value = getattr(state, f.name)
        if isinstance(value, dict | list | set) or dataclasses.is_dataclass(value):
            assert getattr(clone, f.name) is not value, f.name
    clone.targets["suiho_dam"].damage = -1
    clone.pools["f86"].damaged.append(9)
    clone.intel.bda["suiho_dam"].damage = -5
    assert state.targets["suiho_dam"].damage != -1
    assert len(state.pools["f86"].damaged) == len(clone.pools["f86"].damaged) - 1
    assert state.intel.bda["suiho_dam"].damage != -5
