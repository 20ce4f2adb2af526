"""The air tasking order: budgets are per day, an overbooked plan is scaled down to
what can fly and says so, and the desk hears before End Turn what the turn will refuse."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.core.intel import player_view
from game.core.orders import (
    day_budgets,
    fit_to_capacity,
    preflight,
    validate_orders,
)
from game.core.planners import historical_planner
from game.core.turn import new_game, run_turn
from game.data.scenario import SCENARIOS_DIR, load_rules
from tests.core.conftest import make_rules, orders, package


def _capacity(rules, state):
    view = player_view(rules, state)
    return {pid: pv.sorties_per_day for pid, pv in view.pools.items()}


def test_packages_on_different_days_draw_on_separate_budgets():
    rules = make_rules(turn_days=7)
    state = new_game(rules)
    plan = orders(
        package("hydro", ("fb", 60), days=(0,)),
        package("yard", ("fb", 60), days=(1,)),
    )
    assert validate_orders(rules, state, plan) == []
    budgets = day_budgets(rules, _capacity(rules, state), plan)
    assert budgets[0]["fb"] == 20 and budgets[1]["fb"] == 20 and budgets[2]["fb"] == 80


def test_the_same_day_overbooked_is_scaled_down_and_said():
    rules = make_rules(turn_days=7)
    state = new_game(rules)
    plan = orders(
        package("hydro", ("fb", 60), escort=40, days=(2,)),
        package("yard", ("fb", 60), escort=40, days=(2,)),
        package("city", ("fb", 60), days=(3,)),
    )
    assert validate_orders(rules, state, plan), "120 F-84 sorties on day 3 of 80"
    fitted, notes = fit_to_capacity(rules, _capacity(rules, state), plan)
    assert validate_orders(rules, state, fitted) == []
    assert [p.strike for p in fitted.packages] == [(("fb", 40),), (("fb", 40),), (("fb", 60),)]
    assert [p.days for p in fitted.packages] == [(2,), (2,), (3,)]
    assert "F-84 on day 3: 120 asked, 80 fly" in notes
    assert any("F-86 on day 3" in n for n in notes)


def test_a_plan_that_fits_is_left_alone():
    rules = make_rules()
    state = new_game(rules)
    plan = orders(package("hydro", ("fb", 30)))
    assert fit_to_capacity(rules, _capacity(rules, state), plan) == (plan, [])


def test_the_historical_plan_fitted_always_stands():
    """Operation Strangle's second week asks more B-29 sorties than can fly (35 of 29);
    fitted to the pools, nothing is refused."""
    rules = load_rules(SCENARIOS_DIR / "strangle_1951")
    state = new_game(rules)
    rng = np.random.default_rng(1)
    for _ in range(3):
        plan = historical_planner(rules, player_view(rules, state))
        fitted, notes = fit_to_capacity(rules, _capacity(rules, state), plan)
        assert validate_orders(rules, state, fitted) == []
        if validate_orders(rules, state, plan):
            assert notes and all(" fly" in n or "no aircraft" in n for n in notes)
        state = run_turn(rules, state, plan, rng).state


def test_preflight_names_refusals_and_cuts():
    rules = make_rules(turn_days=7)
    state = new_game(rules)
    plan = orders(
        package("suiho", ("fb", 10), days=(0,)),  # a card forbids it
        package("hydro", ("fb", 50), days=(1,)),
        package("yard", ("fb", 50), days=(1,)),
    )
    notes = preflight(rules, state, plan)
    refused = [n for n in notes if n.cancels]
    cut = [n for n in notes if not n.cancels]
    assert len(refused) == 1 and refused[0].package == 0
    assert "Suiho prohibited" in refused[0].text and "will not fly" in refused[0].text
    assert len(cut) == 1 and "F-84, day 2: 100 sorties asked, 80" in cut[0].text
    assert preflight(rules, state, replace(plan, packages=plan.packages[1:2])) == []
