"""Whatever orders arrive (a save's, a script's), validation answers; it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.model import PressPolicy
from game.core.orders import Refused, StandingTasks, StrikePackage, TurnOrders, validate_orders
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules

RULES = load_rules(find_scenario("suiho_1952"))
IDS = st.sampled_from([*sorted(RULES.targets), "atlantis", "", "antung_af", "kaesong"])
POOLS = st.sampled_from([*sorted(RULES.pools), "zeppelins", ""])
COUNTS = st.integers(min_value=-50, max_value=5000)
SHARES = st.floats(min_value=-1, max_value=2, allow_nan=False)

PACKAGES = st.builds(
    StrikePackage,
    target=IDS,
    strike=st.lists(st.tuples(POOLS, COUNTS), max_size=3).map(tuple),
    escort=COUNTS,
    suppression=st.lists(st.tuples(POOLS, COUNTS), max_size=2).map(tuple),
    night=st.booleans(),
    warning=st.booleans(),
    days=st.lists(st.integers(-3, 9), max_size=3).map(tuple),
)
ORDERS = st.builds(
    TurnOrders,
    packages=st.lists(PACKAGES, max_size=5).map(tuple),
    standing=st.builds(
        StandingTasks, interdiction=SHARES, close_support=SHARES, air_superiority=SHARES
    ),
    press=st.sampled_from(list(PressPolicy)),
    jcs_requests=st.lists(st.sampled_from([*RULES.cards, "nothing"]), max_size=2).map(tuple),
    recon_targets=st.lists(IDS, max_size=2).map(tuple),
)


@pytest.mark.slow  # a long fuzz
@settings(max_examples=300, deadline=None)
@given(orders=ORDERS)
def test_validation_returns_reasons_for_any_orders(orders: TurnOrders) -> None:
    state = new_game(RULES)
    problems = validate_orders(RULES, state, orders)
    assert all(isinstance(p, Refused) and p.reason for p in problems)


@settings(max_examples=80, deadline=None)
@given(orders=ORDERS, seed=st.integers(0, 2**32 - 1))
def test_a_turn_runs_on_any_orders_and_reports_what_it_refused(
    orders: TurnOrders, seed: int
) -> None:
    import numpy as np

    state = new_game(RULES)
    result = run_turn(RULES, state, orders, np.random.default_rng(seed))
    assert all(e.cause for e in result.events)
    refused = [e for e in result.events if e.text.endswith("not flown.")]
    assert len(refused) <= len(orders.packages)
    for pool in result.state.pools.values():
        assert pool.ready >= 0
