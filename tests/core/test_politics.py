"""The negotiation meter, face, world opinion, US patience and how the war ends."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest

from game.core import effects, politics
from game.core.events import Category
from game.core.model import Outcome, PressPolicy, TalksState
from game.core.turn import new_game, run_turn, score
from tests.core.conftest import END, orders, package, play_turns


def _battered(state):
    """A state where the war costs the enemy dearly: power, industry and cities wrecked."""
    for tid in ("hydro", "suiho", "factory", "city", "sinuiju"):
        state.targets[tid].damage = 100.0
    return state


def _meter_delta(rules, state, talks: TalksState, press=PressPolicy.ROUTINE) -> float:
    s = copy.deepcopy(state)
    s.talks = talks
    before = s.meter
    politics.daily_politics(rules, s, press, {}, [])
    return s.meter - before


def test_meter_rises_under_pressure_with_talks_in_session(rules, state):
    quiet = _meter_delta(rules, state, TalksState.IN_SESSION)
    pressed = _meter_delta(rules, _battered(state), TalksState.IN_SESSION)
    assert quiet < 0  # with no pressure the enemy's willingness decays
    assert pressed > 0
    assert politics.pressure_index(rules, state) > rules.meter.pressure_tolerance


def test_meter_moves_less_when_talks_are_recessed(rules, state):
    _battered(state)
    in_session = _meter_delta(rules, state, TalksState.IN_SESSION)
    recessed = _meter_delta(rules, state, TalksState.RECESSED)
    assert 0 < recessed < in_session
    assert recessed == pytest.approx(in_session * rules.meter.recess_factor)
    broken = _meter_delta(rules, state, TalksState.BROKEN_OFF)
    assert broken < recessed


def test_publicised_press_costs_meter_points(rules, state):
    _battered(state)
    routine = _meter_delta(rules, state, TalksState.IN_SESSION, PressPolicy.ROUTINE)
    publicised = _meter_delta(rules, state, TalksState.IN_SESSION, PressPolicy.PUBLICISED)
    assert publicised == pytest.approx(routine - rules.meter.face_penalty)


def test_publicised_press_costs_meter_over_a_turn_unless_a_card_forbids_it(rules):
    weekly = dataclasses.replace(rules, turn_days=7)

    def meter_after(press: PressPolicy, card: bool) -> float:
        state = _battered(new_game(weekly))
        state.cards["no_coercion"].in_force = card
        result = run_turn(weekly, state, orders(press=press), np.random.default_rng(0))
        return result.state.meter

    routine = meter_after(PressPolicy.ROUTINE, card=False)
    assert meter_after(PressPolicy.PUBLICISED, card=False) < routine - 0.5
    # With the card in force the forbidden policy is not carried out.
    assert meter_after(PressPolicy.PUBLICISED, card=True) == pytest.approx(routine)


def test_meter_rises_over_days_of_pressure(rules, state):
    _battered(state)
    start = state.meter
    rules = dataclasses.replace(rules, enemy=dataclasses.replace(rules.enemy, labour=0.0))
    state, _ = play_turns(rules, state, orders(), np.random.default_rng(1), 10)
    assert state.meter > start + 1.0


def test_recall_when_world_opinion_collapses(rules, state):
    state.world_opinion = rules.opinion.recall_world + 0.3
    city_raid = orders(package("city", ("fb", 70)))
    result = run_turn(rules, state, city_raid, np.random.default_rng(2))
    s = result.state
    assert s.civilian_casualties > 0
    assert s.outcome == Outcome.RECALL
    end = [e for e in result.events if e.category == Category.END]
    assert len(end) == 1 and "relieved" in end[0].text and "world opinion" in end[0].cause
    assert s.score == score(rules, s)


def test_no_recall_without_the_collapse(rules, state):
    state.world_opinion = rules.opinion.recall_world + 0.3
    result = run_turn(rules, state, orders(), np.random.default_rng(2))
    assert result.state.outcome == Outcome.ONGOING


def test_recall_when_us_patience_collapses(rules, state):
    state.us_patience = rules.opinion.recall_patience + 0.5
    rng = np.random.default_rng(3)
    s, events = play_turns(rules, state, orders(), rng, 30)
    assert s.outcome == Outcome.RECALL
    end = [e for e in events if e.category == Category.END]
    assert len(end) == 1 and "US patience" in end[0].cause
    # The game is over: further turns change nothing.
    after = run_turn(rules, s, orders(), rng)
    assert after.events == () and after.state.day == s.day


def test_armistice_after_the_meter_holds_and_the_face_saving_offensive(rules, state):
    m = rules.meter
    state.meter = 95.0
    rng = np.random.default_rng(4)
    days = 0
    offensive_day = None
    events = []
    while state.outcome == Outcome.ONGOING and days < 60:
        result = run_turn(rules, state, orders(), rng)
        state = result.state
        days += 1
        events += result.events
        if offensive_day is None and any("last offensive" in e.text for e in result.events):
            offensive_day = days
    assert state.outcome == Outcome.ARMISTICE
    assert offensive_day == m.hold_days
    assert days == m.hold_days + m.offensive_days
    assert state.offensive_done
    end = [e for e in events if e.category == Category.END]
    assert len(end) == 1 and "armistice" in end[0].text.lower() and end[0].cause
    assert state.score == score(rules, state)


def test_no_armistice_while_talks_are_recessed(rules, state):
    state.meter = 95.0
    state.talks = TalksState.RECESSED
    state.talks_locked = True
    s, _ = play_turns(rules, state, orders(), np.random.default_rng(4), 30)
    assert s.outcome == Outcome.ONGOING
    assert s.days_above_threshold == 0


def test_no_armistice_before_the_talks_open_and_an_event_opens_them(rules):
    """A scenario before the talks (``initial_talks = "not_opened"``): however willing the
    enemy, the war cannot end in an armistice until an event's talks effect opens them."""
    unopened = dataclasses.replace(rules, initial_talks=TalksState.NOT_OPENED)
    state = new_game(unopened)
    assert state.talks == TalksState.NOT_OPENED
    state.meter = 95.0
    rng = np.random.default_rng(4)
    s, _ = play_turns(unopened, state, orders(), rng, 40)
    assert s.outcome == Outcome.ONGOING
    assert s.talks == TalksState.NOT_OPENED  # nothing opens them by itself
    assert s.days_above_threshold == 0
    said = effects.apply(unopened, s, "talks", {"state": "in_session"})
    assert said == "The talks open." and s.talks == TalksState.IN_SESSION
    s.meter = 95.0
    m = unopened.meter
    s, _ = play_turns(unopened, s, orders(), rng, m.hold_days + m.offensive_days + 5)
    assert s.outcome == Outcome.ARMISTICE


def test_offensive_spends_the_stockpile_and_costs_un_lives(rules, state):
    state.meter = 95.0
    quiet = copy.deepcopy(state)
    quiet.meter = 50.0
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    n = rules.meter.hold_days + 2
    hot, _ = play_turns(rules, state, orders(), rng_a, n)
    calm, _ = play_turns(rules, quiet, orders(), rng_b, n)
    assert hot.offensive_days_left > 0
    assert hot.un_casualties > calm.un_casualties
    assert hot.stockpile < calm.stockpile


def test_time_out_at_the_end_date_with_a_score(rules):
    short = dataclasses.replace(rules, turn_days=7)
    state = new_game(short)
    rng = np.random.default_rng(6)
    turns = 0
    while state.outcome == Outcome.ONGOING and turns < 100:
        state = run_turn(short, state, orders(package("hydro", ("fb", 20))), rng).state
        turns += 1
    assert state.outcome == Outcome.TIME_OUT
    assert state.end_date == END
    expected_turns = -(-((END - short.start).days + 1) // 7)
    assert turns == expected_turns
    assert state.score == score(short, state)
    assert state.aircraft_lost > 0
    # The score responds to what happened: each aircraft lost costs per_aircraft.
    worse = copy.deepcopy(state)
    worse.aircraft_lost += 10
    assert score(short, worse) == pytest.approx(state.score - 10 * short.score.per_aircraft)


def test_score_penalises_recall_more_than_time_out(rules, state):
    recalled = copy.deepcopy(state)
    recalled.outcome = Outcome.RECALL
    timed_out = copy.deepcopy(state)
    timed_out.outcome = Outcome.TIME_OUT
    assert score(rules, recalled) < score(rules, timed_out) < score(rules, state)


def test_forbidden_publicity_does_not_count_as_publicised_warnings(rules, state):
    warned = orders(package("city", ("fb", 20), warning=True), press=PressPolicy.PUBLICISED)
    assert state.cards["no_coercion"].in_force
    held = run_turn(rules, state, warned, np.random.default_rng(0)).state
    assert held.warnings_publicised_turns == 0  # the card kept the policy from being carried out
    state.cards["no_coercion"].in_force = False
    free = run_turn(rules, state, warned, np.random.default_rng(0)).state
    assert free.warnings_publicised_turns == 1
