"""Levers that keep one strategy from dominating: night roads, idle squadrons, recalls.

Each is a number in the scenario's data; these tests hold the cause to its effect.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import pytest

from game.core import enemy, politics
from game.core.model import Outcome, PressPolicy, Role
from game.core.orders import StandingTasks, TurnOrders
from game.core.resolution import migs_committed, strike_odds
from game.core.turn import run_turn, score, sorties_available
from tests.core.conftest import orders, package


def _delivered(rules, state, interdiction_sorties: float) -> float:
    tallies = {"interdiction_sorties": interdiction_sorties}
    enemy.supply_the_front(rules, state, tallies, 0.0)
    return tallies["delivered"]


def test_armed_reconnaissance_stops_no_more_of_the_road_traffic_than_road_kill_max(rules, state):
    for seg in ("seg_north", "seg_south"):  # the railway is down: only the roads carry
        state.targets[seg].damage = 100.0
    s = rules.supply
    lots = 100 * s.road_capacity / s.truck_kill_per_sortie
    everything = dataclasses.replace(rules, supply=dataclasses.replace(s, road_kill_max=1.0))
    assert _delivered(everything, state, lots) == pytest.approx(0.0)
    half = dataclasses.replace(rules, supply=dataclasses.replace(s, road_kill_max=0.5))
    assert _delivered(half, state, lots) == pytest.approx(0.5 * s.road_capacity)
    # Below the cap, each sortie still kills its trucks.
    few = 0.1 * s.road_capacity / s.truck_kill_per_sortie
    assert _delivered(half, state, few) == pytest.approx(0.9 * s.road_capacity)


def _patience_after_a_day(rules, state, effort: float) -> float:
    before = state.us_patience
    politics.daily_politics(rules, state, PressPolicy.ROUTINE, {"effort": effort}, [])
    return before - state.us_patience


def test_idle_squadrons_cost_patience_only_beyond_the_tolerance(rules, state):
    o = dataclasses.replace(rules.opinion, idle_patience=1.5, idle_tolerance=0.35)
    r = dataclasses.replace(rules, opinion=o)
    stalemate = o.stalemate_per_day
    assert _patience_after_a_day(r, state, effort=0.65) == pytest.approx(stalemate)
    assert _patience_after_a_day(r, state, effort=1.0) == pytest.approx(stalemate)
    assert _patience_after_a_day(r, state, effort=0.0) == pytest.approx(stalemate + 1.5)
    halfway = 1 - 0.35 - 0.65 / 2
    assert _patience_after_a_day(r, state, effort=halfway) == pytest.approx(stalemate + 0.75)


def test_an_earlier_recall_scores_lower_by_the_weeks_it_leaves(rules, state):
    sc = dataclasses.replace(rules.score, per_week_left_at_recall=40.0)
    r = dataclasses.replace(rules, score=sc)
    state.outcome = Outcome.RECALL
    state.end_date = sc.historical_end - timedelta(weeks=30)
    early = score(r, state)
    state.end_date = sc.historical_end - timedelta(weeks=10)
    late = score(r, state)
    assert late - early == pytest.approx(20 * 40.0)
    state.end_date = sc.historical_end + timedelta(weeks=5)
    assert score(r, state) == pytest.approx(late + 10 * 40.0)  # none left after the record


def test_task_force_77_commits_its_cooperation_plus_the_margin(rules, state):
    pid = next(pid for pid, p in rules.pools.items() if p.role == Role.FIGHTER_BOMBER)
    navy = dataclasses.replace(rules.pools[pid], role=Role.NAVY)
    with_navy = dataclasses.replace(rules, pools={**rules.pools, pid: navy})
    state.navy_cooperation = 0.5
    full = int(state.pools[pid].ready * navy.sortie_rate)
    for margin in (0.0, 0.2, 0.5):
        r = dataclasses.replace(with_navy, navy_commit_margin=margin)
        assert sorties_available(r, state)[pid] == int(full * min(1.0, 0.5 + margin))


def test_a_jcs_request_never_beats_its_ceiling(rules, state):
    rng = np.random.default_rng(1)
    card_id = next(cid for cid, c in rules.cards.items() if c.jcs_approval > 0)
    card = dataclasses.replace(rules.cards[card_id], jcs_approval=1.0)
    capped = dataclasses.replace(rules, cards={**rules.cards, card_id: card}, jcs_max_chance=0.0)
    state.cards[card_id].in_force = True
    politics.resolve_jcs_requests(capped, state, (card_id,), rng, [])
    assert state.cards[card_id].in_force  # a ceiling of 0: never lifted
    sure = dataclasses.replace(capped, jcs_max_chance=1.0, jcs_repeat_factor=1.0)
    state.world_opinion = rules.opinion.world_initial
    politics.resolve_jcs_requests(sure, state, (card_id,), rng, [])
    assert not state.cards[card_id].in_force


def test_the_turn_log_counts_sorties_by_role(rules, state):
    orders = TurnOrders(standing=StandingTasks(0.5, 0.2))
    result = run_turn(rules, state, orders, np.random.default_rng(1))
    flown = result.report["log"]["sorties_by_role"]
    assert flown.get("fighter_bomber", 0) > 0
    assert set(flown) <= {r.value for r in {p.role for p in rules.pools.values()}}


def _night_rules(rules):
    e = dataclasses.replace(
        rules.enemy, night_adaptation=0.01, night_defence_flak=2.0, night_defence_migs=0.5
    )
    return dataclasses.replace(rules, enemy=e)


def test_night_raids_build_night_defences_that_fade_when_they_stop(rules, state):
    r = _night_rules(rules)
    raid = package("hydro", ("b29", 20), night=True)
    state = run_turn(r, state, orders(raid), np.random.default_rng(2)).state
    built = state.night_defence
    assert 0 < built <= 1
    quiet = run_turn(r, state, orders(), np.random.default_rng(2)).state
    assert quiet.night_defence < built


def test_night_defences_raise_the_odds_against_a_night_raid(rules, state):
    r = _night_rules(rules)
    raid = package("hydro", ("b29", 20), night=True)
    dark = strike_odds(r, state, raid, {"b29": 20}, {}, 0, moon=0.0)
    state.night_defence = 1.0
    defended = strike_odds(r, state, raid, {"b29": 20}, {}, 0, moon=0.0)
    assert defended.p_flak["b29"] > dark.p_flak["b29"]
    assert defended.p_mig["b29"] >= dark.p_mig["b29"]
    assert migs_committed(r, state, 1.0, True, 0.0) > 0  # night fighters without a moon
