"""The meter estimate follows the truth: its weekly moves track the true ones, honestly."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.core import intel
from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules


def _campaign(rules, seed: int, planner: str) -> list[dict[str, float]]:
    """campaign_1952 played to its end by a planner, one row a turn."""
    rng = np.random.default_rng(seed)
    state = new_game(rules)
    while state.outcome.value == "ongoing":
        orders = PLANNERS[planner](rules, player_view(rules, state))
        state = run_turn(rules, state, orders, rng).state
    return state.history


@pytest.mark.slow
@pytest.mark.parametrize("planner", ["historical", "balanced"])
def test_weekly_estimated_moves_follow_the_true_ones(planner):
    rules = load_rules(find_scenario("campaign_1952"))
    assert rules.turn_days == 7
    for seed in (1, 2, 3):
        history = _campaign(rules, seed, planner)
        true_moves = np.diff([row["meter"] for row in history])
        estimated_moves = np.diff([row["meter_estimate"] for row in history])
        correlation = np.corrcoef(true_moves, estimated_moves)[0, 1]
        assert correlation >= 0.5, f"{planner}, seed {seed}: correlation {correlation:.2f}"
        # Honest: the estimate is never the truth itself.
        errors = [row["meter_estimate"] - row["meter"] for row in history]
        assert np.std(errors) > 0.2


def test_estimated_causes_add_up_to_the_estimates_move(rules):
    state = new_game(rules)
    state.meter = 40.0
    causes = {"pressure_power": 1.5, "time": -0.4}
    picture = intel.meter_picture(rules, state, causes, 7, np.random.default_rng(3))
    estimated = intel.estimated_causes(picture)
    assert set(estimated) == {"pressure_power", "time", intel.REVISION}
    moved = sum(points for points, _ in estimated.values())
    assert picture["meter_estimate"] == pytest.approx(state.intel.meter_estimate + moved, abs=0.01)
    # Each cause carries its error: a share of its size plus a floor for the days.
    assert estimated["pressure_power"][1] == pytest.approx(
        rules.meter_cause_noise * 1.5 + rules.meter_cause_floor * 7
    )


def test_noise_comes_from_the_rules(rules):
    """With no error anywhere the estimate is the truth: the numbers are the scenario's."""
    exact = dataclasses.replace(
        rules, meter_noise=0.0, meter_cause_noise=0.0, meter_cause_floor=0.0
    )
    state = new_game(exact)
    state.intel.meter_estimate = state.meter = 30.0
    state.meter = 31.0
    picture = intel.meter_picture(
        exact, state, {"pressure_power": 1.0}, 7, np.random.default_rng(5)
    )
    assert picture["meter_estimate"] == pytest.approx(31.0)
    assert picture["meter_estimate_sd"] == 0.0
    noisy = dataclasses.replace(rules, meter_cause_noise=1.0)
    spread = [
        intel.meter_picture(noisy, state, {"pressure_power": 1.0}, 7, np.random.default_rng(s))[
            "meter_est.pressure_power"
        ]
        for s in range(200)
    ]
    assert np.std(spread) == pytest.approx(1.0 + rules.meter_cause_floor * 7, rel=0.2)
