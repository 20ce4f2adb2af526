"""The turn's events read plainly: claims under air combat, numbers that add up."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.core.events import Category
from game.core.intel import player_view
from game.core.model import Rules
from game.core.orders import StandingTasks, TurnOrders
from game.core.planners import historical_planner
from game.core.resolution import _mig_fight
from game.core.turn import new_game, run_turn
from game.data.scenario import SCENARIOS_DIR, load_rules


@pytest.fixture(scope="module")
def suiho() -> Rules:
    return load_rules(SCENARIOS_DIR / "suiho_1952")


@pytest.fixture(scope="module")
def events(suiho):
    out = []
    for seed in range(4):
        state = new_game(suiho)
        rng = np.random.default_rng(seed)
        for _ in range(2):
            result = run_turn(
                suiho, state, historical_planner(suiho, player_view(suiho, state)), rng
            )
            out.extend(result.events)
            state = result.state
    return out


def test_kill_claims_are_air_combat_not_our_losses(events):
    claims = [e for e in events if "claims" in e.text]
    assert claims, "four seeds of the Suiho raids give at least one claim"
    for e in claims:
        assert e.category == Category.AIR_COMBAT
        n = int(re.search(r"claims (\d+) MiG", e.text).group(1))
        assert e.text.endswith("MiG-15s." if n != 1 else "MiG-15.")


def test_the_mig_fight_numbers_add_up():
    words = _mig_fight(100.4, 61.6, 60)
    assert words == (
        "100 MiGs rose against the raid; 60 escorts turned back 38 of them and 62 got "
        "through to the bombers"
    )
    assert "no escort" in _mig_fight(40, 40, 0)


def test_weather_is_in_plain_words(events):
    strikes = [e for e in events if e.category == Category.STRIKE and "aiming point" in e.cause]
    assert strikes
    for e in strikes:
        assert "weather " not in e.cause
        assert any(w in e.cause for w in ("clear skies", "overcast skies", "storms over"))


def test_armed_reconnaissance_says_it_is_the_standing_task(suiho):
    state = new_game(suiho)
    orders = TurnOrders(standing=StandingTasks(interdiction=0.5, close_support=0.0))
    result = run_turn(suiho, state, orders, np.random.default_rng(2))
    recce = [e for e in result.events if e.category == Category.INTERDICTION]
    assert recce
    assert all("standing interdiction task, set on the Tasks tab" in e.text for e in recce)


def test_the_front_supply_line_is_the_charts_estimate_not_the_truth(suiho):
    state = new_game(suiho)
    orders = historical_planner(suiho, player_view(suiho, state))
    result = run_turn(suiho, state, orders, np.random.default_rng(5))
    (line,) = [e for e in result.events if e.category == Category.SUPPLY]
    row = result.state.history[-1]
    assert round(row["front_supply_estimate"]) != round(row["front_supply_pct"])  # seed check
    assert f"about {row['front_supply_estimate']:.0f}% of what it needs" in line.text
    assert "estimate" in line.text


def test_counts_of_one_read_in_the_singular(events):
    for e in events:
        assert not re.search(r"\b1 civilians\b|\b1 MiG-15s\b", e.text), e.text
