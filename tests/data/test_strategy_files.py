"""Strategy files: checked with errors naming file and key, and played like the built-ins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.core.planners import strategy_planner
from game.core.summary import play, summary
from game.data.scenario import find_scenario, load_rules
from game.data.strategy import STRATEGY_DIR, StrategyError, load_strategy

GOOD = 'name = "test"\ninterdiction = 0.2\nclose_support = 0.1\npressure_share = 0.5\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("bogus = 1\n", "bogus"),
        ('kinds = ["castle"]\n', "kinds"),
        ('press = "shouted"\n', "press"),
    ],
)
def test_a_bad_key_or_value_is_named_with_the_file(tmp_path: Path, extra: str, key: str) -> None:
    path = _write(tmp_path, GOOD + extra)
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert any(str(path) in line and key in line for line in err.value.problems)


def test_a_share_outside_zero_to_one_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("0.2", "1.5"))
    with pytest.raises(StrategyError) as err:
        load_strategy(path)
    assert any("interdiction" in line for line in err.value.problems)


def test_standing_shares_over_the_whole_force_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("0.2", "0.95"))
    with pytest.raises(StrategyError, match="exceed"):
        load_strategy(path)


@pytest.mark.parametrize("name", ["minimal", "interdiction", "greedy", "balanced"])
def test_a_builtin_planner_and_its_file_play_identical_games(name: str) -> None:
    rules = load_rules(find_scenario("suiho_1952"))
    plan = strategy_planner(load_strategy(STRATEGY_DIR / f"{name}.toml"))
    for seed in (1, 2):
        builtin, _ = play(rules, name, seed)
        from_file, _ = play(rules, name, seed, plan=plan)
        assert summary(rules, from_file, name, seed) == summary(rules, builtin, name, seed)


@pytest.mark.parametrize("path", sorted(STRATEGY_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_each_shipped_strategy_validates_and_plays_a_turn(path: Path) -> None:
    strategy = load_strategy(path)
    assert strategy.name == path.stem
    rules = load_rules(find_scenario("suiho_1952"))
    state, _ = play(rules, "", 1, max_turns=1, plan=strategy_planner(strategy))
    assert state.turn == 2


def test_the_schema_command_describes_the_strategy_format(tmp_path: Path) -> None:
    from game.cli import main

    out = tmp_path / "strategy.schema.json"
    assert main(["schema", "--strategy", "--out", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert {"name", "pressure_share", "kinds", "aim_damage"} <= set(schema["properties"])
