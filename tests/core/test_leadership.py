"""The enemy's leadership: hidden resolve, the meter's causes, and the talks as decisions."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from functools import cache

import numpy as np
import pytest

from game.core import enemy, leadership
from game.core.intel import player_view
from game.core.model import GameState, Outcome, PressPolicy, Rules, TalksState
from game.core.orders import StandingTasks, TurnOrders
from game.core.planners import PLANNERS
from game.core.resolution import mig_reach
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules


@cache
def campaign(options: tuple[str, ...] = ()) -> Rules:
    return load_rules(find_scenario("campaign_1952"), "normal", options)


def _started(rules: Rules, seed: int = 0) -> GameState:
    state = new_game(rules)
    state.resolve = leadership.draw_resolve(rules, np.random.default_rng(seed))
    return state


def test_meter_causes_add_up_to_the_meter_change_every_turn():
    rules = campaign()
    state, rng = new_game(rules), np.random.default_rng(3)
    for _ in range(20):
        result = run_turn(
            rules, state, PLANNERS["historical"](rules, player_view(rules, state)), rng
        )
        log = result.report["log"]
        assert abs(sum(log["meter_causes"].values()) - log["meter_change"]) <= 0.01
        assert abs(result.state.meter - state.meter - log["meter_change"]) <= 0.001
        state = result.state
    pressure = [k for k in log["meter_causes"] if k.startswith("pressure_")]
    assert pressure, "the player's strikes show as pressure causes"


def test_hidden_resolve_differs_by_seed_and_repeats_for_the_same_seed():
    rules = campaign()
    a = leadership.draw_resolve(rules, np.random.default_rng(1))
    b = leadership.draw_resolve(rules, np.random.default_rng(2))
    assert a == leadership.draw_resolve(rules, np.random.default_rng(1))
    assert a != b
    assert set(a) == {"pyongyang", "beijing", "moscow"}


def _day_causes(rules: Rules, parts: dict[str, float], talks: TalksState) -> dict:
    resolve = leadership.resolve_of(rules, new_game(rules))
    return leadership.meter_causes(rules, resolve, talks, parts, PressPolicy.ROUTINE, 60.0)


def test_a_capital_under_its_resolve_lets_the_meter_erode_and_one_over_it_pushes():
    rules = campaign()
    parts = {k: 0.0 for k in ("power", "industry", "supply", "cities", "food", "air", "front")}
    calm = _day_causes(rules, parts, TalksState.IN_SESSION)
    assert sum(calm.values()) < 0 and calm["time"] < 0
    hurt = {**parts, "power": 0.9, "cities": 0.9, "supply": 0.6}
    pushed = _day_causes(rules, hurt, TalksState.IN_SESSION)
    assert pushed["pressure_power"] > 0 and pushed["pressure_cities"] > 0
    assert sum(pushed.values()) > 0
    # A recess damps the push.
    damped = _day_causes(rules, hurt, TalksState.RECESSED)
    assert 0 < sum(damped.values()) < sum(pushed.values())


def test_deadlock_recesses_the_talks_and_enough_willingness_brings_the_enemy_back():
    rules = campaign()
    L = rules.leadership
    state, events = _started(rules), []
    state.meter = L.deadlock_below - 5
    day = rules.start
    for i in range(L.deadlock_days):
        leadership.decide_talks(rules, state, events, day + timedelta(days=i))
    assert state.talks == TalksState.RECESSED
    assert events[-1].data["decision"] == "recess" and "deadlocked" in events[-1].text
    state.meter = L.return_above - 1
    leadership.decide_talks(rules, state, events, day)
    assert state.talks == TalksState.RECESSED
    state.meter = L.return_above + 1
    leadership.decide_talks(rules, state, events, day)
    assert state.talks == TalksState.IN_SESSION
    assert "return_to_talks" in state.decisions


def test_the_enemy_concedes_on_prisoners_only_when_willing_and_signing_waits_for_it():
    rules = campaign()
    L = rules.leadership
    state, events = _started(rules), []
    state.meter = L.concede_above - 1
    assert leadership.decide_talks(rules, state, events, rules.start) == 0.0
    assert not state.pow_settled
    state.meter = L.concede_above + 1
    assert leadership.decide_talks(rules, state, events, rules.start) == L.concession_meter
    assert state.pow_settled and events[-1].data["decision"] == "concede_prisoners"


def test_no_signing_while_the_prisoner_question_is_open():
    rules = campaign()
    state = _started(rules)
    state.meter, state.days_above_threshold = 95.0, 0
    state.resolve = {k: 0.0 for k in state.resolve}
    rules_no_concession = dataclasses.replace(
        rules, leadership=dataclasses.replace(rules.leadership, concede_above=101.0)
    )
    rng = np.random.default_rng(0)
    for _ in range(10):
        state = run_turn(rules_no_concession, state, TurnOrders(), rng).state
    assert state.outcome != Outcome.ARMISTICE
    assert state.days_above_threshold == 0


def test_stalins_death_weighs_more_after_a_costly_war():
    rules = campaign()
    light, heavy = _started(rules), _started(rules)
    for s, felt in ((light, 0.05), (heavy, 0.6)):
        s.strain_total["moscow"], s.strain_days = felt * 200, 200
    before = light.resolve["moscow"]
    leadership.succession(rules, light, "moscow", 0.5)
    leadership.succession(rules, heavy, "moscow", 0.5)
    assert heavy.resolve["moscow"] < light.resolve["moscow"] < before


def test_stalin_lives_removes_his_death_and_hardline_beijing_raises_its_resolve():
    base, lives, hard = campaign(), campaign(("stalin_lives",)), campaign(("hardline_beijing",))
    assert "stalin_dies" in {e.id for e in base.events}
    assert "stalin_dies" not in {e.id for e in lives.events}
    beijing = {ld.id: ld for ld in base.leaders}["beijing"]
    assert {ld.id: ld for ld in hard.leaders}["beijing"].resolve > beijing.resolve
    assert lives.options == ("stalin_lives",)


def test_migs_move_forward_to_a_repaired_airfield_and_reach_further_south():
    rules = campaign()
    state, events = _started(rules), []
    south = rules.targets["haeju"].position
    far = mig_reach(rules, state, south)
    state.targets["sunan_af"].damage = 0.0
    leadership.forward_bases(rules, state, events, rules.start)
    assert "sunan_af" in state.forward_bases and events[-1].data["decision"] == "forward_base"
    assert mig_reach(rules, state, south) > far
    state.targets["sunan_af"].damage = 80.0
    leadership.forward_bases(rules, state, events, rules.start)
    assert "sunan_af" not in state.forward_bases


def test_a_supplied_enemy_that_is_not_ready_to_sign_stockpiles_then_attacks():
    rules = campaign()
    L = rules.leadership
    state, events = _started(rules), []
    state.meter = L.offensive_below - 10
    state.front_supply_pct = 100.0
    leadership.plan_front(rules, state, events, rules.start)
    assert state.front_plan == "stockpile"
    state.stockpile = rules.supply.initial_stockpile * (L.offensive_stockpile + 0.1)
    leadership.plan_front(rules, state, events, rules.start)
    assert state.front_plan == "attack" and state.front_offensive_days_left == L.offensive_days
    assert {e.data["decision"] for e in events} == {"stockpile", "front_offensive"}


def test_a_starved_front_rations_its_fire_rather_than_falling_silent():
    rules = campaign()
    state = _started(rules)
    state.stockpile = 0.0
    tallies: dict[str, float] = {}
    enemy.supply_the_front(rules, state, tallies, 0.0)
    assert state.artillery > 0.0


def test_idle_squadrons_cost_us_patience():
    rules = campaign()
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    idle = TurnOrders(
        standing=StandingTasks(interdiction=0.0, close_support=0.0, air_superiority=0.0)
    )
    busy = TurnOrders()
    a = run_turn(rules, new_game(rules), idle, rng_a).state
    b = run_turn(rules, new_game(rules), busy, rng_b).state
    assert a.us_patience < b.us_patience


def test_asking_the_jcs_spends_patience():
    rules = campaign()
    card = next(cid for cid, c in rules.cards.items() if c.jcs_approval > 0 and c.in_force)
    quiet = run_turn(rules, new_game(rules), TurnOrders(), np.random.default_rng(2))
    asked = run_turn(
        rules, new_game(rules), TurnOrders(jcs_requests=(card,)), np.random.default_rng(2)
    )
    assert asked.report["log"]["jcs_patience"] == pytest.approx(-rules.opinion.jcs_request_patience)
    assert quiet.report["log"]["jcs_patience"] == 0.0


def test_the_turn_log_names_packages_days_and_decisions():
    rules = campaign()
    state = new_game(rules)
    orders = PLANNERS["historical"](rules, player_view(rules, state))
    log = run_turn(rules, state, orders, np.random.default_rng(1)).report["log"]
    assert log["packages"] and all("days" in p for p in log["packages"])
    assert set(log) >= {"meter_change", "meter_causes", "enemy_labour", "refused", "decisions"}
    assert log["enemy_labour"], "a week of strikes leaves the enemy something to repair"
    for d in log["decisions"]:
        assert d["reason"] and date.fromisoformat(d["day"]) >= rules.start


def test_a_package_a_card_cancels_during_the_turn_is_said_not_dropped():
    """The protest comes in on the first day; the warned raid planned for day 3 is named."""
    from game.core.orders import StrikePackage

    rules = campaign()
    state = new_game(rules)
    state.warnings_publicised_turns = 2  # the State Department protests on day 1
    raid = StrikePackage(target="sariwon", strike=(("fifth_af_fb", 40),), warning=True, days=(2,))
    result = run_turn(rules, state, TurnOrders(packages=(raid,)), np.random.default_rng(4))
    cancelled = [e for e in result.events if e.data.get("not_flown")]
    assert len(cancelled) == 1 and "Mass warnings curtailed" in cancelled[0].text
    assert cancelled[0].data["card"] == "warnings_curtailed"
    log = result.report["log"]
    assert [r["target"] for r in log["refused"]] == ["sariwon"]
    assert log["packages"][0]["days"] == [2]
