"""Rail throughput and the front's stockpile: interdiction starves the enemy artillery."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.orders import StandingTasks
from game.core.targets import rail_throughput
from game.core.turn import new_game
from tests.core.conftest import orders, play_turns


def test_rail_throughput_is_the_bottleneck_of_the_line(rules, state):
    # yalu_st -(2500)-> mid_st -(2000)-> front_st, 3000 entering: the south segment limits.
    assert rail_throughput(rules, state) == pytest.approx(2000.0)


def test_rail_throughput_falls_when_a_segment_is_damaged(rules, state):
    intact = rail_throughput(rules, state)
    state.targets["seg_north"].damage = 60.0
    cut = rail_throughput(rules, state)
    assert cut == pytest.approx(2500.0 * 0.4)
    assert cut < intact
    state.targets["seg_north"].damage = 100.0
    assert rail_throughput(rules, state) == pytest.approx(0.0)


def test_rail_throughput_falls_when_the_bridge_carrying_a_segment_is_damaged(rules, state):
    intact = rail_throughput(rules, state)
    state.targets["bridge"].damage = 50.0
    assert rail_throughput(rules, state) == pytest.approx(intact * 0.5)
    # A bridge that carries nothing on the line would not matter: undamaged segment still 2000.
    state.targets["bridge"].damage = 0.0
    state.targets["seg_south"].damage = 25.0
    assert rail_throughput(rules, state) == pytest.approx(1500.0)


def test_wrecked_marshalling_yard_slows_its_station(rules, state):
    intact = rail_throughput(rules, state)
    state.targets["yard"].damage = 100.0
    assert rail_throughput(rules, state) < intact


def _artillery_after(rules, interdiction: float, days: int, seed: int) -> float:
    standing = StandingTasks(interdiction=interdiction, close_support=0.0)
    state, _ = play_turns(
        rules, new_game(rules), orders(standing=standing), np.random.default_rng(seed), days
    )
    return state.artillery


def test_dropping_interdiction_lets_artillery_grow_versus_steady_interdiction(rules):
    days = 60
    dropped = [_artillery_after(rules, 0.0, days, seed) for seed in range(6)]
    steady = [_artillery_after(rules, 0.8, days, seed) for seed in range(6)]
    start = new_game(rules).artillery
    assert min(dropped) > 2 * start  # fire grows with an unhindered stockpile
    assert max(steady) < start  # and withers under steady armed reconnaissance
    assert min(dropped) > 3 * max(steady)


def test_interdiction_cuts_rail_and_is_counted(rules):
    standing = StandingTasks(interdiction=0.8, close_support=0.0)
    state, events = play_turns(
        rules, new_game(rules), orders(standing=standing), np.random.default_rng(1), 5
    )
    cuts = sum(e.data.get("cuts", 0) for e in events)
    assert cuts > 0 and state.rail_cuts == cuts
    assert state.front_supply_pct < 100.0
