"""The forecast flies the same rules as the real turn, over the player's picture."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.events import Category
from game.core.forecast import believed_state, forecast
from game.core.intel import player_view
from game.core.orders import StrikePackage, TurnOrders
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules


@pytest.fixture(scope="module")
def suiho():
    rules = load_rules(find_scenario("suiho_1952"))
    view = player_view(rules, new_game(rules))
    orders = PLANNERS["historical"](rules, view)
    return rules, view, orders


def test_forecast_distributions_match_repeated_real_turns_on_the_same_picture(suiho) -> None:
    rules, view, orders = suiho
    world = believed_state(rules, view)
    lost, civilians, suiho_damage = [], [], []
    for seed in range(300):
        result = run_turn(rules, world, orders, np.random.default_rng(seed))
        lost.append(result.state.aircraft_lost)
        civilians.append(result.state.civilian_casualties)
        strikes = [
            e for e in result.events if e.category == Category.STRIKE and e.target == "suiho_dam"
        ]
        suiho_damage.append(strikes[-1].data["after"])
    f = forecast(rules, view, orders, np.random.default_rng(1), replications=2000)

    lost_a = np.array(lost, dtype=float)
    se = np.sqrt(lost_a.var() / len(lost_a) + f.samples["losses"].var() / 2000)
    assert abs(lost_a.mean() - f.losses_total.mean) < 4 * se + 0.05

    real = np.percentile(suiho_damage, [10, 50, 90])
    predicted = f.damage_by_target["suiho_dam"]
    assert abs(real[1] - predicted.p50) < 4
    assert abs(real[0] - predicted.p10) < 6 and abs(real[2] - predicted.p90) < 4

    civ = np.array(civilians)
    assert abs(civ.mean() - f.civilian_casualties.mean) < 0.15 * civ.mean() + 2


def test_the_forecast_answers_the_plan(suiho) -> None:
    rules, view, orders = suiho
    rng = np.random.default_rng(3)
    bare = TurnOrders(
        packages=tuple(
            StrikePackage(p.target, p.strike, p.escort, (), p.night, p.warning, p.days)
            for p in orders.packages
        ),
        standing=orders.standing,
    )
    with_suppression = forecast(rules, view, orders, rng)
    without = forecast(rules, view, bare, rng)
    assert without.losses_total.mean > 1.3 * with_suppression.losses_total.mean
    half = TurnOrders(
        packages=tuple(
            StrikePackage(
                p.target, tuple((k, n // 2) for k, n in p.strike), p.escort, p.suppression
            )
            for p in orders.packages
        )
    )
    assert forecast(rules, view, half, rng).damage_by_target["suiho_dam"].p50 < (
        with_suppression.damage_by_target["suiho_dam"].p50 - 10
    )


def test_the_forecast_reads_the_picture_not_the_truth(suiho) -> None:
    rules, view, orders = suiho
    state = new_game(rules)
    state.targets["suiho_dam"].damage = 99.0  # the truth, unknown to the planner
    truthful_view = player_view(rules, state)
    a = forecast(rules, view, orders, np.random.default_rng(5))
    b = forecast(rules, truthful_view, orders, np.random.default_rng(5))
    assert a.damage_by_target == b.damage_by_target


def test_refused_packages_are_named_not_flown(suiho) -> None:
    rules, view, _ = suiho
    orders = TurnOrders(packages=(StrikePackage("suiho_dam", (("b29", 10),)),))  # B-29s by day
    f = forecast(rules, view, orders, np.random.default_rng(0))
    assert f.refused and "night" in f.refused[0]
    assert f.damage_by_target == {}


def test_the_forecast_charges_idle_squadrons_patience_as_the_turn_does(rules) -> None:
    """Both call the same opinion rule; a grounded air force costs what the turn charges.

    (The forecast leaves out the UN casualties at the front: about 0.1 points a day.)
    """
    import dataclasses

    from game.core.orders import StandingTasks

    o = dataclasses.replace(rules.opinion, idle_patience=2.0, idle_tolerance=0.0)
    r = dataclasses.replace(rules, opinion=o)
    state = new_game(r)
    grounded = TurnOrders(standing=StandingTasks(0.0, 0.0, air_superiority=0.0))
    flying = TurnOrders(standing=StandingTasks(0.6, 0.4, air_superiority=1.0))
    view = player_view(r, state)
    for orders in (grounded, flying):
        real = run_turn(r, state, orders, np.random.default_rng(3)).state.us_patience
        predicted = forecast(r, view, orders, np.random.default_rng(3), 200)
        assert predicted.us_patience_change.p50 == pytest.approx(real - state.us_patience, abs=0.25)
    idle = forecast(r, view, grounded, np.random.default_rng(3), 200).us_patience_change.p50
    busy = forecast(r, view, flying, np.random.default_rng(3), 200).us_patience_change.p50
    assert idle < busy - 1.5


def test_standing_sorties_counts_what_standing_tasks_fly(rules, state) -> None:
    from game.core.calendar import Weather
    from game.core.resolution import DayContext, standing_sorties, standing_tasks

    spare = {pid: 40 for pid in rules.pools}
    shares = (0.5, 0.3, 0.7)
    clear = {t.region: Weather.CLEAR for t in rules.targets.values()}
    ctx = DayContext(day=state.day, moon=0.5, weather=clear)
    flown = standing_tasks(
        rules, state, dict(spare), *shares, (), (), ctx, np.random.default_rng(1), []
    )
    assert standing_sorties(rules, spare, *shares) == pytest.approx(sum(flown.values()))
