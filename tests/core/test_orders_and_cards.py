"""Orders are refused with reasons; restriction cards forbid, burden, and leave play."""

from __future__ import annotations

import numpy as np

from game.core.events import Category
from game.core.geometry import dist
from game.core.model import PressPolicy, TalksState
from game.core.orders import Accepted, Refused, TurnOrders, validate_orders, validate_package
from game.core.turn import new_game, run_turn
from tests.core.conftest import BASE_POS, mean_and_se, orders, package


def test_forbidding_card_refuses_package_and_names_card(rules, state):
    verdict = validate_package(rules, state, package("suiho", ("fb", 20)))
    assert isinstance(verdict, Refused)
    assert verdict.card == "suiho_prohibited"
    assert "Suiho prohibited" in verdict.reason
    # The same package is legal once the card is out of play.
    state.cards["suiho_prohibited"].in_force = False
    assert isinstance(validate_package(rules, state, package("suiho", ("fb", 20))), Accepted)


def test_refused_package_is_not_flown_and_the_event_names_the_card(rules, state):
    result = run_turn(rules, state, orders(package("suiho", ("fb", 20))), np.random.default_rng(1))
    assert result.state.targets["suiho"].damage == 0.0
    refusals = [e for e in result.events if e.category == Category.CARD and e.target == "suiho"]
    assert refusals and "Suiho prohibited" in refusals[0].cause


def _strike_sinuiju(rules, state, seed: int) -> tuple[float, int]:
    """Damage and border incidents from one big day strike on Sinuiju."""
    result = run_turn(
        rules, state, orders(package("sinuiju", ("fb", 60))), np.random.default_rng(seed)
    )
    damage = result.state.targets["sinuiju"].damage
    border = sum(
        1
        for e in result.events
        if e.category == Category.INCIDENT and e.data.get("zone") == "manchuria"
    )
    return damage, border


def test_burden_card_lowers_damage_and_raises_strays_over_seeds(rules, state):
    assert validate_package(rules, state, package("sinuiju", ("fb", 60))).ok
    free = new_game(rules)
    free.cards["yalu_approach"].in_force = False
    burdened = [_strike_sinuiju(rules, state, seed) for seed in range(150)]
    unburdened = [_strike_sinuiju(rules, free, seed) for seed in range(150)]
    dmg_b, se_b = mean_and_se([d for d, _ in burdened])
    dmg_u, se_u = mean_and_se([d for d, _ in unburdened])
    assert dmg_b < dmg_u - 3 * np.hypot(se_b, se_u)
    strays_b = sum(n for _, n in burdened)
    strays_u = sum(n for _, n in unburdened)
    assert strays_b > 1.5 * strays_u
    # The strike event says the card burdened it.
    result = run_turn(
        rules, state, orders(package("sinuiju", ("fb", 60))), np.random.default_rng(0)
    )
    strike = next(e for e in result.events if e.category == Category.STRIKE)
    assert "Manchurian airspace" in strike.cause


def test_card_press_scope_forbids_press_policy(rules, state):
    problems = validate_orders(rules, state, TurnOrders(press=PressPolicy.PUBLICISED))
    assert [p.card for p in problems] == ["no_coercion"]
    assert "No statements of coercive intent" in problems[0].reason
    assert validate_orders(rules, state, TurnOrders(press=PressPolicy.ROUTINE)) == []
    state.cards["no_coercion"].in_force = False
    assert validate_orders(rules, state, TurnOrders(press=PressPolicy.PUBLICISED)) == []


def _jcs_approval_rate(rules, talks: TalksState, seeds: int) -> float:
    approved = 0
    for seed in range(seeds):
        state = new_game(rules)
        state.talks = talks
        state.talks_until = None
        state.talks_locked = True
        result = run_turn(
            rules, state, orders(jcs_requests=("suiho_prohibited",)), np.random.default_rng(seed)
        )
        lifted = not result.state.cards["suiho_prohibited"].in_force
        decided = [e for e in result.events if e.data.get("card") == "suiho_prohibited"]
        assert len(decided) == 1 and decided[0].data["approved"] == lifted
        approved += lifted
    return approved / seeds


def test_jcs_request_can_lift_card_and_is_likelier_when_talks_stall(rules):
    seeds = 400
    in_session = _jcs_approval_rate(rules, TalksState.IN_SESSION, seeds)
    recessed = _jcs_approval_rate(rules, TalksState.RECESSED, seeds)
    assert 0.0 < in_session < 1.0
    se = np.sqrt(in_session * (1 - in_session) / seeds + recessed * (1 - recessed) / seeds)
    assert recessed > in_session + 2 * se


def test_lifted_card_makes_the_package_legal(rules, state):
    rng = np.random.default_rng(3)
    for _ in range(40):
        result = run_turn(rules, state, orders(jcs_requests=("suiho_prohibited",)), rng)
        state = result.state
        if not state.cards["suiho_prohibited"].in_force:
            break
    assert not state.cards["suiho_prohibited"].in_force
    assert validate_package(rules, state, package("suiho", ("fb", 20))).ok
    # A request for a card not in force is itself refused.
    problems = validate_orders(rules, state, orders(jcs_requests=("suiho_prohibited",)))
    assert problems and "not in force" in problems[0].reason


def test_card_leaves_play_by_circumstance_with_an_event(rules, state):
    rng = np.random.default_rng(0)
    in_session = run_turn(rules, state, orders(), rng)
    assert in_session.state.cards["factory_held"].in_force
    assert not any(e.data.get("card") == "factory_held" for e in in_session.events)

    state.talks = TalksState.RECESSED
    state.talks_locked = True
    result = run_turn(rules, state, orders(), rng)
    assert not result.state.cards["factory_held"].in_force
    lifted = [e for e in result.events if e.data.get("card") == "factory_held"]
    assert len(lifted) == 1
    assert lifted[0].category == Category.CARD
    assert "Factory held in reserve" in lifted[0].text
    assert "talks" in lifted[0].cause


def test_night_only_pool_refused_by_day(rules, state):
    verdict = validate_package(rules, state, package("hydro", ("b29", 10), night=False))
    assert isinstance(verdict, Refused) and "only at night" in verdict.reason
    assert validate_package(rules, state, package("hydro", ("b29", 10), night=True)).ok


def test_day_only_pool_refused_by_night(rules, state):
    verdict = validate_package(rules, state, package("hydro", ("fb", 10), night=True))
    assert isinstance(verdict, Refused) and "night" in verdict.reason
    assert "F-84" in verdict.reason


def test_out_of_range_target_refused_with_distance(rules, state):
    verdict = validate_package(rules, state, package("far_mine", ("fb", 10)))
    assert isinstance(verdict, Refused)
    reach = dist(BASE_POS, rules.targets["far_mine"].position)
    assert reach > rules.pools["fb"].range_km
    assert f"{reach:.0f} km" in verdict.reason
    assert "400 km" in verdict.reason
    # The long-range bombers reach it.
    assert validate_package(rules, state, package("far_mine", ("b29", 5), night=True)).ok


def test_foreign_target_refused(rules, state):
    verdict = validate_package(rules, state, package("antung", ("b29", 5), night=True))
    assert isinstance(verdict, Refused) and "outside Korea" in verdict.reason


def test_inactive_dispersed_target_refused(rules, state):
    state.cards["factory_held"].in_force = False
    assert validate_package(rules, state, package("factory", ("fb", 10))).ok
    state.targets["factory"].active = False
    verdict = validate_package(rules, state, package("factory", ("fb", 10)))
    assert isinstance(verdict, Refused) and "no longer on the target list" in verdict.reason


def test_package_over_daily_capacity_refused(rules, state):
    too_many = rules.pools["fb"].initial_ready + 1
    verdict = validate_package(rules, state, package("hydro", ("fb", too_many)))
    assert isinstance(verdict, Refused) and f"{too_many} asked" in verdict.reason


def test_package_is_cut_down_not_cancelled_when_pools_are_short(rules, state):
    ready = state.pools["fb"].ready
    first, second = package("hydro", ("fb", 60)), package("city", ("fb", 60))
    assert validate_package(rules, state, first).ok and validate_package(rules, state, second).ok
    result = run_turn(rules, state, orders(first, second), np.random.default_rng(5))
    cut = [e for e in result.events if e.category == Category.FORCES and e.target == "city"]
    assert len(cut) == 1
    assert f"cut down to {ready - 60} of 60 sorties" in cut[0].text
    assert cut[0].cause
    strikes = {e.target for e in result.events if e.category == Category.STRIKE}
    assert strikes == {"hydro", "city"}
    city_strike = next(
        e for e in result.events if e.category == Category.STRIKE and e.target == "city"
    )
    assert city_strike.data["after"] > 0  # (the day's repairs may mend it afterwards)


def test_packages_together_may_not_overbook_a_pool(rules, state) -> None:
    from game.core.orders import StrikePackage, TurnOrders, capacity_per_day, validate_orders

    pool = next(p for p in rules.pools.values() if p.bomb_tons > 0 and p.day)
    target = next(t for t, d in rules.targets.items() if not d.foreign and d.kind != "rail_segment")
    half = capacity_per_day(rules, state, pool.id) // 2 + 1
    one = StrikePackage(target, ((pool.id, half),))
    assert not [p for p in validate_orders(rules, state, TurnOrders((one,))) if "ask" in p.reason]
    problems = validate_orders(rules, state, TurnOrders((one, one)))
    assert any(pool.name in p.reason and f"ask {2 * half} sorties" in p.reason for p in problems)
