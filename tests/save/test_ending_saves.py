"""A game a scenario ending ended is saved and opened again as it ended."""

from __future__ import annotations

from pathlib import Path

from game.core.model import Outcome
from game.core.orders import TurnOrders
from game.data.scenario import load_rules
from game.save import GameRecord, load_save, save_game
from tests.data.test_endings_data import _scenario

ENDS_AT_ONCE = """
[[endings]]
id = "over"
outcome = "victory"
title = "Over at once."
conditions = [{ metric = "turn", op = ">=", value = 1 }]
"""


def test_a_game_ended_by_a_scenario_ending_round_trips(tmp_path: Path) -> None:
    rules = load_rules(_scenario(tmp_path, ENDS_AT_ONCE))
    record = GameRecord.new(rules, seed=2)
    record.play_turn(TurnOrders())
    assert record.state.outcome == Outcome.VICTORY and record.state.ending == "over"
    path = tmp_path / "ended.json"
    save_game(path, record)
    again = load_save(path, rules)
    assert again.state.outcome == Outcome.VICTORY
    assert again.state.ending == "over"
    assert again.state.score == record.state.score
