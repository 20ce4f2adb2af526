"""Scenario files: the shipped one loads; every broken one is named by file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.data.scenario import SCENARIOS_DIR, ScenarioError, load_rules

SUIHO = SCENARIOS_DIR / "suiho_1952" / "scenario.toml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SUIHO.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "scenario.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_rules(path)
    return info.value.problems


def test_shipped_suiho_loads_with_its_targets_placed_by_the_map() -> None:
    rules = load_rules(SUIHO.parent)
    assert rules.scenario_id == "suiho_1952"
    assert rules.turn_days == 1
    assert rules.targets["suiho_dam"].kind == "hydro_plant"
    assert rules.targets["suiho_dam"].capacity == 540
    # A map target the scenario does not mention is inactive: not in the rules at all.
    assert "aoji" in rules.geometry.features
    assert "aoji" not in rules.targets
    segment = rules.targets["rail_sinuiju_yangsi"]
    assert (segment.rail_from, segment.rail_to) == ("sinuiju", "yangsi")
    assert segment.length_km > 10


def test_difficulty_values_stand_side_by_side() -> None:
    easy = load_rules(SUIHO, "easy")
    hard = load_rules(SUIHO, "hard")
    assert easy.enemy.labour < hard.enemy.labour
    assert easy.flak_lethality < hard.flak_lethality


def test_unknown_difficulty_is_refused() -> None:
    assert any("no difficulty 'brutal'" in p for p in problems_of_difficulty("brutal"))


def problems_of_difficulty(level: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_rules(SUIHO, level)
    return info.value.problems


def test_bad_toml_names_the_file_and_the_syntax_error(tmp_path: Path) -> None:
    folder = broken(tmp_path, "turn_days = 1 ", "turn_days = = 1 ")
    [line] = problems_of(folder)
    assert line.startswith(str(folder / "scenario.toml"))
    assert "TOML syntax" in line and "line" in line


def test_unknown_target_id_is_named_with_its_key(tmp_path: Path) -> None:
    folder = broken(tmp_path, "wonsan_thermal = {", "atlantis_plant = {")
    lines = problems_of(folder)
    assert any("targets.atlantis_plant: no target 'atlantis_plant' on the map" in p for p in lines)


def test_wrong_type_says_what_was_found(tmp_path: Path) -> None:
    folder = broken(tmp_path, "sortie_rate = 1.2", 'sortie_rate = "often"')
    lines = problems_of(folder)
    assert any("pools.f86.sortie_rate" in p and "'often'" in p for p in lines)


def test_misspelt_key_is_reported(tmp_path: Path) -> None:
    folder = broken(tmp_path, "establishment = 180", "establishmnet = 180")
    lines = problems_of(folder)
    assert any("pools.f86.establishmnet: unknown key" in p for p in lines)


def test_missing_map_is_reported(tmp_path: Path) -> None:
    folder = broken(tmp_path, 'map = "korea.tmx"', 'map = "atlantis.tmx"')
    [line] = problems_of(folder)
    assert "scenario.map" in line and "atlantis.tmx" in line


def test_map_path_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = broken(tmp_path, 'map = "korea.tmx"', 'map = "../../assets/maps/korea.tmx"')
    [line] = problems_of(folder)
    assert "must be a file name inside the scenario folder" in line


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = broken(tmp_path, "sortie_rate = 1.2", 'sortie_rate = "often"')
    text = (folder / "scenario.toml").read_text(encoding="utf-8")
    text = text.replace('target = "chosin_plants"', 'target = "nowhere"', 1)
    text = text.replace('kind = "world_opinion"', 'kind = "earthquake"', 1)
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    lines = problems_of(folder)
    assert len(lines) >= 1
    # Structural errors stop before cross-checks; fix the type and the rest appear together.
    (folder / "scenario.toml").write_text(
        text.replace('sortie_rate = "often"', "sortie_rate = 1.2"), encoding="utf-8"
    )
    lines = problems_of(folder)
    assert any("plan.operations" in p and "'nowhere'" in p for p in lines)
    assert any("effects.0.kind: unknown effect 'earthquake'" in p for p in lines)


def test_card_scope_must_name_real_zones(tmp_path: Path) -> None:
    folder = broken(
        tmp_path, 'scope = { zones = ["yalu_buffer"] }', 'scope = { zones = ["yalu_bufer"] }'
    )
    lines = problems_of(folder)
    assert any("cards.manchurian_airspace.scope.zones.0: no zone 'yalu_bufer'" in p for p in lines)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "latin"
    folder.mkdir()
    (folder / "scenario.toml").write_bytes(b'[scenario]\nname = "\xe9t\xe9"\n')
    [line] = problems_of(folder)
    assert "not UTF-8" in line


def test_missing_file_is_reported(tmp_path: Path) -> None:
    [line] = problems_of(tmp_path / "nothing_here")
    assert "file not found" in line


def test_every_shipped_scenario_has_a_sourced_historical_record() -> None:
    for folder in sorted(SCENARIOS_DIR.iterdir()):
        if not (folder / "scenario.toml").is_file():
            continue
        rules = load_rules(folder)
        assert rules.record is not None, folder.name
        assert rules.record.summary
        metrics = {f.metric for f in rules.record.figures}
        assert "armistice_date" in metrics or "end_date" in metrics, folder.name
        assert all(f.source for f in rules.record.figures)


def test_a_historical_record_metric_that_does_not_exist_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, 'metric = "aircraft_lost"', 'metric = "aircraft_lots"')
    problems = problems_of(path)
    assert any(
        "historical_record.figures.3.metric" in p and "unknown metric 'aircraft_lots'" in p
        for p in problems
    ), problems


def test_a_historical_record_without_a_source_tag_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, 'record = "5"\nsource = "V"', 'record = "5"\nsource = "Wikipedia"')
    problems = problems_of(path)
    assert any("historical_record.figures.3.source" in p for p in problems), problems
