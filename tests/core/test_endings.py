"""A scenario's own endings: conditions or an event end the game with their outcome."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np

from game.core.model import Condition, Effect, EndingDef, EventDef, Outcome
from game.core.turn import run_turn, score
from tests.core.conftest import orders


def _with(rules, *endings, events=()):
    return dataclasses.replace(rules, endings=endings, events=(*rules.events, *events))


BROKEN = EndingDef(
    id="power_broken",
    outcome=Outcome.VICTORY,
    title="The North's lights go out.",
    text="Nine-tenths of the power is gone.",
    conditions=(Condition("turn", ">=", 2),),
    score=150.0,
)


def test_an_ending_whose_conditions_hold_ends_the_game_with_its_outcome(rules, state):
    r = _with(rules, BROKEN)
    first = run_turn(r, state, orders(), np.random.default_rng(1)).state
    assert first.outcome == Outcome.ONGOING  # turn 1 is over: the condition holds next
    done = run_turn(r, first, orders(), np.random.default_rng(1))
    assert done.state.outcome == Outcome.VICTORY
    assert done.state.ending == "power_broken"
    end = [e for e in done.events if e.category.value == "end"]
    assert end and end[0].text == BROKEN.title and end[0].cause == BROKEN.text
    plain = dataclasses.replace(done.state, ending="")
    assert done.state.score == score(r, plain) + 150.0


def test_an_event_can_end_the_game_with_an_ending_that_has_no_conditions(rules, state):
    ceasefire = EndingDef(id="ceasefire", outcome=Outcome.DEFEAT, title="A ceasefire.")
    event = EventDef(
        id="truce",
        title="A truce is called",
        text="",
        start=state.day,
        effects=(Effect("end_game", {"ending": "ceasefire"}),),
    )
    result = run_turn(
        _with(rules, ceasefire, events=(event,)), state, orders(), np.random.default_rng(2)
    )
    assert result.state.outcome == Outcome.DEFEAT
    assert result.state.end_date == state.day
    assert result.state.ending == "ceasefire"


def test_a_recall_comes_before_the_scenario_endings(rules, state):
    state.us_patience = rules.opinion.recall_patience  # relieved on the first day
    result = run_turn(_with(rules, BROKEN), state, orders(), np.random.default_rng(3))
    assert result.state.outcome == Outcome.RECALL
    assert result.state.ending == ""


def test_endings_without_conditions_never_end_the_game_by_themselves(rules, state):
    quiet = EndingDef(id="quiet", outcome=Outcome.VICTORY, title="Never.")
    r = dataclasses.replace(_with(rules, quiet), end=state.day + timedelta(days=30))
    result = run_turn(r, state, orders(), np.random.default_rng(4))
    assert result.state.outcome == Outcome.ONGOING


def test_a_scenario_ending_comes_before_the_armistice_on_the_same_day(rules, state):
    now = dataclasses.replace(BROKEN, conditions=(Condition("turn", ">=", 1),))
    r = _with(rules, now)
    r = dataclasses.replace(r, meter=dataclasses.replace(r.meter, hold_days=1, offensive_days=0))
    state.meter = 99.0
    state.pow_settled = True
    result = run_turn(r, state, orders(), np.random.default_rng(5))
    assert result.state.outcome == Outcome.VICTORY and result.state.ending == "power_broken"
    without = _with(r)  # the same day with no endings: the armistice is signed
    assert without.endings == ()
    signed = run_turn(without, state, orders(), np.random.default_rng(5))
    assert signed.state.outcome == Outcome.ARMISTICE
