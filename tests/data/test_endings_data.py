"""``[[endings]]`` in a scenario file: read, checked like events, and refused when wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.core.model import Outcome
from game.data.scenario import ScenarioError, load_rules

SUIHO = Path(__file__).resolve().parents[2] / "scenarios" / "suiho_1952"

GOOD = """
[[endings]]
id = "lights_out"
outcome = "victory"
title = "The lights go out across the North."
text = "The hydroelectric complex is wrecked."
conditions = [{ metric = "power_destroyed_pct", op = ">=", value = 90 }]
score = 100

[[endings]]
id = "called_off"
outcome = "defeat"
title = "The raids are called off."
"""


def _scenario(tmp_path: Path, extra: str, event: str = "") -> Path:
    folder = tmp_path / "suiho_1952"
    shutil.copytree(SUIHO, folder)
    toml = folder / "scenario.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + event + extra, encoding="utf-8")
    return folder


def test_endings_are_read_with_their_outcome_conditions_and_score(tmp_path: Path) -> None:
    rules = load_rules(_scenario(tmp_path, GOOD))
    by_id = {e.id: e for e in rules.endings}
    assert by_id["lights_out"].outcome == Outcome.VICTORY
    assert by_id["lights_out"].conditions[0].metric == "power_destroyed_pct"
    assert by_id["lights_out"].score == 100
    assert by_id["called_off"].conditions == ()


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        ('outcome = "victory"', 'outcome = "triumph"'),
        ('metric = "power_destroyed_pct"', 'metric = "power_destroyd"'),
        ('id = "called_off"', 'id = "lights_out"'),
        ('outcome = "defeat"', 'outcome = "ongoing"'),
    ],
)
def test_a_wrong_ending_is_named_with_its_key(tmp_path: Path, bad: str, key: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_rules(_scenario(tmp_path, GOOD.replace(bad, key, 1)))
    assert any("endings." in line for line in err.value.problems), err.value.problems


def test_an_end_game_effect_must_name_an_ending(tmp_path: Path) -> None:
    event = """
[[events]]
id = "truce"
title = "A truce"
text = "Both sides stop."
start = 1952-06-24
effects = [{ kind = "end_game", ending = "no_such_end" }]
"""
    with pytest.raises(ScenarioError) as err:
        load_rules(_scenario(tmp_path, GOOD, event))
    assert any("ending" in line and "no_such_end" in line for line in err.value.problems)
