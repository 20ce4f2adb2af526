"""A few runs of the shipped Suiho scenario through the same run_turn as everything else."""

from __future__ import annotations

import copy
import os

# Loading a scenario reads its Tiled map with pytmx, which imports pygame.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np
import pytest

from game.core.intel import player_view
from game.core.model import Outcome
from game.core.orders import StrikePackage, validate_package
from game.core.planners import PLANNERS
from game.core.summary import play, summary
from game.core.turn import new_game, run_turn


@pytest.fixture(scope="module")
def suiho():
    from game.data.scenario import find_scenario, load_rules

    return load_rules(find_scenario("suiho_1952"))


def test_suiho_loads_into_rules_the_engine_accepts(suiho):
    state = new_game(suiho)
    assert suiho.turn_days == 1 and suiho.start < suiho.end
    assert set(state.targets) == set(suiho.targets)
    assert all(ts.active for ts in state.targets.values())
    foreign = [t for t in suiho.targets.values() if t.foreign]
    for t in foreign:
        strike_pool = next(p.id for p in suiho.strike_pools)
        verdict = validate_package(suiho, state, StrikePackage(t.id, ((strike_pool, 1),)))
        assert not verdict.ok


def test_suiho_historical_plan_plays_to_an_end_with_causes(suiho):
    state, events = play(suiho, "historical", seed=1)
    assert state.outcome != Outcome.ONGOING
    assert events and all(e.cause.strip() for e in events)
    assert 0 < state.power_destroyed_pct <= 100
    keys = summary(suiho, state, "historical", 1)
    assert keys["outcome"] == state.outcome.value and keys["scenario"] == suiho.scenario_id


def test_suiho_same_seed_same_game(suiho):
    _, first = play(suiho, "historical", seed=7)
    _, second = play(suiho, "historical", seed=7)
    assert [e.to_json() for e in first] == [e.to_json() for e in second]


def test_suiho_historical_destroys_more_power_than_minimal(suiho):
    assert "minimal" in PLANNERS and "historical" in PLANNERS
    hist = [play(suiho, "historical", seed=s)[0].power_destroyed_pct for s in range(8)]
    mini = [play(suiho, "minimal", seed=s)[0].power_destroyed_pct for s in range(8)]
    assert np.median(hist) > np.median(mini) + 20


def test_suiho_turn_does_not_mutate_input(suiho):
    state = new_game(suiho)
    before = copy.deepcopy(state)
    orders = PLANNERS["historical"](suiho, player_view(suiho, state))
    run_turn(suiho, state, orders, np.random.default_rng(0))
    assert state == before
