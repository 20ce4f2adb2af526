"""Mods add scenarios, override shipped values by id, delete ids, and bring their own maps."""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.data.mods import HOME_VARIABLE, user_mods_dir
from game.data.scenario import (
    MAPS_DIR,
    SCENARIOS_DIR,
    ScenarioError,
    find_scenario,
    list_sources,
    load_rules,
)
from game.data.schema import scenario_schema


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return tmp_path / "home"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_changes_values_by_id_and_leaves_the_rest() -> None:
    write(
        user_mods_dir() / "tougher_flak" / "overrides" / "suiho_1952.toml",
        "[targets.suiho_dam]\nflak = 60\n\n[pools.f86]\ninitial_ready = 100\n",
    )
    shipped = load_rules(SCENARIOS_DIR / "suiho_1952")
    modded = load_rules(find_scenario("suiho_1952"))
    assert modded.targets["suiho_dam"].flak == 60
    assert modded.pools["f86"].initial_ready == 100
    assert modded.targets["suiho_dam"].capacity == shipped.targets["suiho_dam"].capacity
    assert modded.pools["f86"].sortie_rate == shipped.pools["f86"].sortie_rate


def test_an_override_can_delete_ids_and_merge_events_by_id() -> None:
    write(
        user_mods_dir() / "no_london" / "overrides" / "suiho_1952.toml",
        'delete = ["events.london_protest", "targets.wonsan_thermal", "cards.prisoner_camps"]\n',
    )
    rules = load_rules(find_scenario("suiho_1952"))
    assert "wonsan_thermal" not in rules.targets
    assert "prisoner_camps" not in rules.cards
    assert all(e.id != "london_protest" for e in rules.events)

    write(
        user_mods_dir() / "no_london" / "overrides" / "suiho_1952.toml",
        '[[events]]\nid = "london_protest"\ntitle = "A quieter London"\n',
    )
    rules = load_rules(find_scenario("suiho_1952"))
    [london] = [e for e in rules.events if e.id == "london_protest"]
    assert london.title == "A quieter London"
    assert london.effects  # the rest of the event is kept


def test_a_bad_value_in_an_override_names_the_override_file_and_its_line() -> None:
    override = write(
        user_mods_dir() / "broken" / "overrides" / "suiho_1952.toml",
        '# my tweaks\n[pools.f86]\nsortie_rate = "lots"\n',
    )
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("suiho_1952"))
    [line] = info.value.problems
    assert line.startswith(f"{override}: pools.f86.sortie_rate:")
    assert line.endswith("(line 3)")


def test_deleting_what_is_not_there_is_reported() -> None:
    override = write(
        user_mods_dir() / "typo" / "overrides" / "suiho_1952.toml",
        'delete = ["targets.suiho_damm"]\n',
    )
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("suiho_1952"))
    [line] = info.value.problems
    assert line.startswith(f"{override}: delete: nothing called 'targets.suiho_damm' to delete")
    assert line.endswith("(line 1)")  # the line of the override that asks for it


def test_a_mod_scenario_with_its_own_map_is_listed_and_loads(tmp_path: Path) -> None:
    mod = tmp_path / "my_mod"
    folder = mod / "scenarios" / "my_raid"
    folder.mkdir(parents=True)
    shutil.copy(MAPS_DIR / "korea.tmx", folder / "my_korea.tmx")
    shutil.copy(MAPS_DIR / "terrain.tsx", folder / "terrain.tsx")
    shutil.copy(MAPS_DIR / "terrain.png", folder / "terrain.png")
    text = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text(encoding="utf-8")
    text = text.replace('id = "suiho_1952"', 'id = "my_raid"').replace(
        'map = "korea.tmx"', 'map = "my_korea.tmx"'
    )
    write(folder / "scenario.toml", text)
    ids = {s.id: s for s in list_sources((mod,))}
    assert ids["my_raid"].origin == "my_mod"
    rules = load_rules(find_scenario("my_raid", (mod,)))
    assert rules.scenario_id == "my_raid"


def test_a_map_outside_the_scenario_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mod" / "scenarios" / "sneaky"
    text = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text(encoding="utf-8")
    text = text.replace('id = "suiho_1952"', 'id = "sneaky"')
    write(folder / "scenario.toml", text.replace('map = "korea.tmx"', 'map = "../../../x.tmx"'))
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("sneaky", (tmp_path / "mod",)))
    assert "must be a file name inside the scenario folder" in info.value.problems[0]


def _json_ready(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _json_ready(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_ready(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    return node


@pytest.mark.parametrize("scenario", sorted(p.name for p in SCENARIOS_DIR.iterdir()))
def test_every_shipped_scenario_fits_the_published_schema(scenario: str) -> None:
    schema = scenario_schema()
    json.dumps(schema)  # plain JSON
    data = tomllib.loads((SCENARIOS_DIR / scenario / "scenario.toml").read_text("utf-8"))
    jsonschema.validate(_json_ready(data), schema)


def test_the_schema_rejects_a_misspelt_section_key() -> None:
    schema = scenario_schema()
    data = tomllib.loads((SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text("utf-8"))
    data["meter"]["treshold"] = 70
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_json_ready(data), schema)
