"""Sorties a day left: in a week-long turn, packages flown on different days do not add
up, as the turn itself counts them (the historical plan puts each operation on its day)."""

from __future__ import annotations

import pytest

from game.core.orders import StandingTasks, StrikePackage, TurnOrders, capacity_per_day
from game.core.turn import new_game
from game.data.scenario import find_scenario, load_rules
from game.ui.desk.plan_state import check_package, sorties_left


@pytest.fixture(scope="module")
def week():
    rules = load_rules(find_scenario("campaign_1952"))
    assert rules.turn_days == 7
    return rules, new_game(rules)


def _plan(*packages: StrikePackage) -> TurnOrders:
    return TurnOrders(packages=packages, standing=StandingTasks(0.0, 0.0))


def _strike(rules, n: int, days: tuple[int, ...]) -> StrikePackage:
    pool = next(iter(rules.pools))
    target = next(t for t, d in rules.targets.items() if d.kind == "city")
    return StrikePackage(target=target, strike=((pool, n),), days=days)


def test_packages_on_different_days_take_the_busiest_day_not_the_sum(week):
    rules, state = week
    pool = next(iter(rules.pools))
    cap = capacity_per_day(rules, state, pool)
    n = cap // 2 + 1  # two of them on one day would be too many
    apart = _plan(_strike(rules, n, (0,)), _strike(rules, n, (3,)))
    together = _plan(_strike(rules, n, (0,)), _strike(rules, n, (0,)))
    assert sorties_left(apart, rules, state)[pool] == cap - n
    assert sorties_left(together, rules, state)[pool] == cap - 2 * n < 0


def test_a_package_fits_on_a_free_day_but_not_on_a_busy_one(week):
    rules, state = week
    pool = next(iter(rules.pools))
    cap = capacity_per_day(rules, state, pool)
    plan = _plan(_strike(rules, cap, (0,)))
    assert check_package(rules, state, plan, _strike(rules, cap, (1,))) is None
    busy = check_package(rules, state, plan, _strike(rules, 1, (0,)))
    assert busy is not None and "sorties a day left" in busy.reason
    every_day = check_package(rules, state, plan, _strike(rules, 1, ()))
    assert every_day is not None
