""" "Fill in the historical plan" says plainly what it filled in, and why a day is empty."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from game.core.intel import player_view
from game.core.model import Rules
from game.core.planners import historical_fill_note, historical_planner
from game.core.turn import new_game
from game.data.scenario import SCENARIOS_DIR, load_rules


@pytest.fixture(scope="module")
def suiho() -> Rules:
    return load_rules(SCENARIOS_DIR / "suiho_1952")


def _note_on(rules: Rules, day: date) -> tuple[str, int]:
    state = new_game(rules)
    state.day = day
    view = player_view(rules, state)
    orders = historical_planner(rules, view)
    return historical_fill_note(rules, view, orders), len(orders.packages)


def test_the_plan_flies_every_day_of_the_record(suiho):
    """HISTORY.md: the raids ran 23 to 27 June 1952; the plan has strikes on each day."""
    days = {op.day for op in suiho.plan.operations}
    assert min(days) == date(1952, 6, 23) and max(days) == date(1952, 6, 27)
    assert days == {date(1952, 6, d) for d in range(23, 28)}


def test_a_filled_day_counts_its_packages(suiho):
    note, count = _note_on(suiho, date(1952, 6, 23))
    assert count == 3
    assert note.startswith("The orders FEAF actually gave are filled in (3 packages)")


def test_a_day_without_operations_says_feaf_flew_none(suiho):
    rules = replace(
        suiho,
        plan=replace(
            suiho.plan,
            operations=tuple(o for o in suiho.plan.operations if o.day != date(1952, 6, 25)),
        ),
    )
    note, count = _note_on(rules, date(1952, 6, 25))
    assert count == 0
    assert "FEAF flew no strike packages this day" in note
    assert "23 to 27 June 1952" in note
    assert "actually gave are filled in" not in note


def test_planned_strikes_on_destroyed_targets_are_said_to_be_left_out(suiho):
    state = new_game(suiho)
    state.day = date(1952, 6, 27)
    view = player_view(suiho, state)
    orders = replace(historical_planner(suiho, view), packages=())
    note = historical_fill_note(suiho, view, orders)
    assert "are left out" in note and "believed destroyed" in note
