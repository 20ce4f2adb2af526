"""Shared fixtures: the Suiho rules, a game of a few recorded turns, a private saves folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.intel import player_view
from game.core.model import Rules
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test saves into its own data folder, never the player's."""
    folder = tmp_path / "home"
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def suiho() -> Rules:
    return load_rules(find_scenario("suiho_1952"))


def play(record: GameRecord, turns: int, planner: str = "historical") -> GameRecord:
    for _ in range(turns):
        rules = record.rules
        record.play_turn(PLANNERS[planner](rules, player_view(rules, record.state)))
    return record


@pytest.fixture
def record(suiho: Rules) -> GameRecord:
    """Suiho after two turns of the historical plan, seed 11."""
    return play(GameRecord.new(suiho, 11), 2)
