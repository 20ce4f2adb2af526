"""The enemy repairs by priority, moves flak, disperses industry and handles its dams."""

from __future__ import annotations

import dataclasses
import math
from datetime import timedelta

import numpy as np
import pytest

from game.core import enemy
from game.core.events import Category
from game.core.targets import effective_flak
from game.core.turn import new_game, run_turn
from tests.core.conftest import (
    START,
    make_rules,
    orders,
    package,
    play_turns,
    with_enemy,
    with_target,
)


def test_repair_spends_limited_labour_on_rail_before_city():
    # Labour for exactly one crew: the rail segment is mended, the city waits.
    rules = with_enemy(make_rules(main_cities=()), labour=2000.0)
    state = new_game(rules)
    state.targets["seg_north"].damage = 50.0
    state.targets["city"].damage = 50.0
    spent = enemy.repair(rules, state, [], START)
    assert list(spent) == ["seg_north"]
    assert state.targets["seg_north"].damage < 50.0
    assert state.targets["city"].damage == 50.0


def test_repair_follows_the_priority_list_order():
    rules = with_enemy(make_rules(main_cities=()), labour=2500.0)
    state = new_game(rules)
    for tid in ("city", "bridge", "seg_south", "hydro"):
        state.targets[tid].damage = 40.0
    spent = enemy.repair(rules, state, [], START)
    order = [rules.targets[t].kind for t in spent]
    ranks = [rules.enemy.priorities.index(k) for k in order]
    assert ranks == sorted(ranks)
    assert order[0] == "rail_segment"
    assert "city" not in order  # labour ran out before the town's turn


def test_repair_crew_caps_a_targets_daily_repair():
    rules = with_enemy(make_rules(main_cities=()), labour=1_000_000.0)
    state = new_game(rules)
    bridge = rules.targets["bridge"]
    state.targets["bridge"].damage = 80.0
    enemy.repair(rules, state, [], START)
    per_day = bridge.repair_crew / bridge.repair_labour
    assert state.targets["bridge"].damage == pytest.approx(80.0 - per_day)
    # Plenty of labour left over does not speed it up.
    enemy.repair(rules, state, [], START)
    assert state.targets["bridge"].damage == pytest.approx(80.0 - 2 * per_day)


def test_mobile_flak_moves_toward_the_kind_being_struck(rules, state):
    rng = np.random.default_rng(2)
    before = effective_flak(rules, state, "hydro")
    state, _ = play_turns(rules, state, orders(package("hydro", ("fb", 30))), rng, 10)
    assert state.mobile_flak["hydro_plant"] > 0.5 * rules.enemy.flak_mobile
    assert state.mobile_flak["hydro_plant"] == max(state.mobile_flak.values())
    assert effective_flak(rules, state, "hydro") > before + 10
    hydro_guns = state.mobile_flak["hydro_plant"]
    # Switch to the city: the guns follow.
    state, _ = play_turns(rules, state, orders(package("city", ("fb", 30))), rng, 15)
    assert state.mobile_flak["city"] > state.mobile_flak["hydro_plant"]
    assert state.mobile_flak["hydro_plant"] < hydro_guns
    assert sum(state.mobile_flak.values()) <= rules.enemy.flak_mobile + 1e-6


def test_adapt_flak_does_nothing_without_strikes(rules, state):
    enemy.adapt_flak(rules, state)
    assert sum(state.mobile_flak.values()) == 0.0


def test_industry_disperses_after_heavy_damage_over_enough_days(rules, state):
    state.targets["factory"].damage = 10.0  # below the threshold: never moves
    for _ in range(300):
        enemy.disperse(rules, state, [], START)
    assert state.targets["factory"].active

    state.targets["factory"].damage = 80.0
    events: list = []
    days = 0
    while state.targets["factory"].active and days < 1000:
        enemy.disperse(rules, state, events, START)
        days += 1
    assert not state.targets["factory"].active
    # One plant past the threshold moves after 1 / rate days of the engineers' work.
    assert days == math.ceil(1 / rules.enemy.dispersal_rate)
    assert events and events[0].target == "factory" and events[0].cause
    assert "underground" in events[0].text
    assert events[0].data["decision"] == "disperse"


def test_dispersal_moves_what_hurts_most_first(rules, state):
    """Two battered plants: the enemy moves the more valuable damage first, by choice."""
    extra = dataclasses.replace(rules.targets["factory"], id="works", value=9.0)
    rules = dataclasses.replace(rules, targets={**rules.targets, "works": extra})
    state.targets["works"] = dataclasses.replace(state.targets["factory"])
    state.targets["factory"].damage = 90.0
    state.targets["works"].damage = 60.0  # less damaged, but worth far more
    moved: list = []
    for _ in range(1000):
        enemy.disperse(rules, state, moved, START)
        if moved:
            break
    assert moved[0].target == "works"
    assert state.targets["factory"].active


def _big_dam_strike():
    return orders(package("dam", ("fb", 70)))


def test_dam_breach_with_full_reservoir_floods_listed_targets_and_loses_rice(rules, state):
    result = run_turn(rules, state, _big_dam_strike(), np.random.default_rng(4))
    s = result.state
    assert s.targets["dam"].breached
    floods = [e for e in result.events if e.category == Category.FLOOD]
    assert len(floods) == 1 and "breached" in floods[0].text and floods[0].cause
    assert set(floods[0].data["flooded"]) == {"seg_south", "village"}
    # Flood damage (before a day's repair) went onto what the dam floods.
    assert s.targets["village"].damage > 0.5 * rules.enemy.flood_damage
    assert s.targets["seg_south"].damage > 0
    assert s.rice_lost == pytest.approx(rules.targets["dam"].rice_tons)
    assert s.targets["bridge"].damage == 0.0  # not on the list


def test_breach_after_reservoir_lowered_does_not_flood(rules, state):
    state.reservoir_alert_day = START
    state, events = play_turns(rules, state, orders(), np.random.default_rng(0), 10)
    assert state.targets["dam"].reservoir == pytest.approx(rules.enemy.reservoir_floor)
    assert any("lowering the reservoir" in e.text for e in events)
    result = run_turn(rules, state, _big_dam_strike(), np.random.default_rng(4))
    s = result.state
    assert s.targets["dam"].breached
    flood = next(e for e in result.events if e.category == Category.FLOOD)
    assert "no flood" in flood.text
    assert s.rice_lost == 0.0
    assert s.targets["village"].damage == 0.0


def test_first_dam_strike_sets_the_reservoir_alert(rules, state):
    result = run_turn(rules, state, orders(package("dam", ("fb", 5))), np.random.default_rng(1))
    assert result.state.reservoir_alert_day == START + timedelta(
        days=rules.enemy.reservoir_alert_delay
    )


@pytest.mark.parametrize("crew", [2000.0, 4000.0])
def test_breached_dam_closes_again_after_labour_over_crew_days(crew):
    rules = with_target(make_rules(main_cities=()), "dam", repair_crew=crew)
    rules = with_enemy(rules, labour=1_000_000.0)
    state = new_game(rules)
    dam = rules.targets["dam"]
    state.targets["dam"].damage = 90.0
    state.targets["dam"].breached = True
    events: list = []
    day = 0
    while state.targets["dam"].breached and day < 100:
        enemy.repair(rules, state, events, START + timedelta(days=day))
        day += 1
    to_close = math.ceil((90.0 - rules.enemy.breach_damage) * dam.repair_labour / crew)
    assert abs(day - to_close) <= 1
    closed = [e for e in events if e.category == Category.REPAIR]
    assert len(closed) == 1 and closed[0].target == "dam"
    # Fully rebuilt after about damage * labour / crew days in all.
    while state.targets["dam"].damage > 0 and day < 200:
        enemy.repair(rules, state, events, START + timedelta(days=day))
        day += 1
    assert abs(day - math.ceil(90.0 * dam.repair_labour / crew)) <= 1


def test_breached_dam_jumps_the_repair_queue():
    rules = with_enemy(make_rules(main_cities=()), labour=4000.0)
    state = new_game(rules)
    state.targets["seg_north"].damage = 50.0
    state.targets["dam"].damage = 80.0
    state.targets["dam"].breached = True
    spent = enemy.repair(rules, state, [], START)
    assert next(iter(spent)) == "dam"
