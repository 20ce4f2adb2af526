"""A game started in an alternative history is saved, and opened again, in that history."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord, Reason, SaveError, load_save, read_header, save_game
from game.save.opening import open_save


@pytest.fixture(scope="module")
def stalin_lives():
    return load_rules(find_scenario("campaign_1952"), "normal", ("stalin_lives",))


def _saved(rules, tmp_path: Path) -> Path:
    record = GameRecord.new(rules, seed=3)
    record.play_turn(PLANNERS["historical"](rules, player_view(rules, record.state)))
    path = tmp_path / "stalin.json"
    save_game(path, record)
    return path


def test_the_history_chosen_is_in_the_save_and_opens_again(stalin_lives, tmp_path) -> None:
    path = _saved(stalin_lives, tmp_path)
    assert read_header(path).options == ("stalin_lives",)
    reopened = open_save(path)
    assert reopened.rules.options == ("stalin_lives",)
    assert all(e.id != "stalin_dies" for e in reopened.rules.events)
    assert reopened.state.turn == 2


def test_a_save_is_refused_under_the_other_history(stalin_lives, tmp_path) -> None:
    path = _saved(stalin_lives, tmp_path)
    as_it_happened = load_rules(find_scenario("campaign_1952"), "normal")
    with pytest.raises(SaveError) as info:
        load_save(path, as_it_happened)
    assert info.value.reason == Reason.WRONG_SCENARIO
    assert "stalin_lives" in str(info.value)


def test_a_save_as_it_happened_names_no_history(tmp_path) -> None:
    rules = load_rules(find_scenario("suiho_1952"))
    path = tmp_path / "plain.json"
    save_game(path, GameRecord.new(rules, seed=1))
    assert read_header(path).options == ()
    assert '"options"' not in path.read_text(encoding="utf-8")
