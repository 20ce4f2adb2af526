"""Errors aimed at the right place: every problem at once, each naming the file that
holds it (a mod's override, not the scenario it changes), events by their id, and a
value keyed by a difficulty the scenario does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.data.mods import user_mods_dir
from game.data.problems import parse
from game.data.scenario import ScenarioError, find_scenario, load_rules
from tests.data.test_hostile_input import event, one_with, problems, scenario


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    return tmp_path / "home"


def _override(text: str) -> Path:
    path = user_mods_dir() / "tweaks" / "overrides" / "suiho_1952.toml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems_of_suiho() -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("suiho_1952"))
    return info.value.problems


def test_an_event_problem_names_the_event_by_its_id(tmp_path: Path) -> None:
    found = problems(scenario(tmp_path, extra=event("chance = 3")))
    line = one_with(found, "chance")
    assert "events.probe.chance" in line
    assert "events.1" not in line and "line " in line


def test_all_problems_come_at_once_shapes_and_numbers_together(tmp_path: Path) -> None:
    folder = scenario(
        tmp_path,
        "[pools.b29]",
        "[pools.b29]\nsortie_rate_typo = 1",
        extra='\n[[events]]\nid = "probe"\ntext = "no title"\n',
    )
    text = (folder / "scenario.toml").read_text(encoding="utf-8")
    text = text.replace("stray_chance_day = 0.01", "stray_chance_day = 3", 1)
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    found = problems(folder)
    one_with(found, "pools.b29.sortie_rate_typo", "unknown key")  # a shape
    one_with(found, "events.probe.title", "required")  # an event's shape
    one_with(found, "rules.stray_chance_day", "between 0 and 1")  # and a number, too


def test_an_out_of_bounds_number_in_an_override_names_the_override() -> None:
    override = _override("[pools.f86]\naccuracy = 45\n")
    [line] = _problems_of_suiho()
    assert line.startswith(f"{override}: pools.f86.accuracy: must lie between 0 and 1")
    assert "write 45% as 0.45" in line and line.endswith("(line 2)")


def test_an_event_an_override_adds_is_named_by_id_in_the_override() -> None:
    override = _override('[[events]]\nid = "riot"\ntext = "t"\n')
    line = one_with(_problems_of_suiho(), "title")
    assert line.startswith(f"{override}: events.riot.title: Field required")


def test_a_value_keyed_by_an_undeclared_difficulty_says_so(tmp_path: Path) -> None:
    folder = scenario(
        tmp_path,
        "[enemy]",
        "[enemy]\nmig_max = { easy = 400, normal = 500, brutal = 600 }",
    )
    found = problems(folder)
    line = one_with(found, "enemy.mig_max")
    assert "'brutal' is not a declared difficulty" in line
    assert "easy, normal, hard" in line and "missing hard" in line
    assert not any("valid number" in p for p in found), found


def _mod_scenario(folder_name: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from game.cli import main
    from game.data.scenario import SCENARIOS_DIR

    folder = user_mods_dir() / "mine" / "scenarios" / folder_name
    folder.mkdir(parents=True)
    text = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text(encoding="utf-8")
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["validate", folder_name])
    return code, capsys.readouterr().out


def test_a_mod_scenario_whose_id_is_not_its_folder_name_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _mod_scenario("my_copy", capsys)
    assert code == 1
    assert "scenario.id: 'suiho_1952' is not the name of its folder 'my_copy'" in out


def test_a_mod_scenario_never_replaces_a_shipped_one_in_silence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _mod_scenario("suiho_1952", capsys)
    assert code == 1
    assert "'suiho_1952' is the id of a shipped scenario" in out and "overrides/" in out
    source = find_scenario("suiho_1952")
    assert source.origin == "shipped" and "mine" not in str(source.file)


def test_a_duplicate_event_points_to_the_other_by_its_title_not_its_place(
    tmp_path: Path,
) -> None:
    first = '\n[[events]]\nid = "riot"\ntitle = "Riot in Pusan"\ntext = "t"\n'
    second = '\n[[events]]\nid = "riot"\ntitle = "Riot again"\ntext = "t"\n'
    folder = scenario(tmp_path, extra=first + second)
    line = one_with(problems(folder), "events.riot.id", "also the id")
    assert "an earlier event, 'Riot in Pusan'" in line
    assert "events.1" not in line and "events.2" not in line
    text = (folder / "scenario.toml").read_text(encoding="utf-8").splitlines()
    number = parse(line).line
    assert number is not None  # the second event's id line, just above its title
    assert text[number - 1] == 'id = "riot"' and "Riot again" in text[number]


@pytest.mark.parametrize(
    ("old", "new", "key", "meant"),
    [
        ("[weather]", "[wether]", "wether", "weather"),
        ("[pools.b29]", "[pools.b29]\nsortie_rat = 1", "pools.b29.sortie_rat", "sortie_rate"),
        ("[rules]", "[rules]\nflak_lethalty = 0.1", "rules.flak_lethalty", "flak_lethality"),
        ("[plan]", "[plan]\ninterdicton = 0.3", "plan.interdicton", "interdiction"),
        (
            'scope = { zone_kinds = ["pow_camp"] }',
            'scope = { zone_kind = ["pow_camp"] }',
            "cards.prisoner_camps.scope.zone_kind",
            "zone_kinds",
        ),
        (
            'op = ">=", value = 30 }',
            'opp = ">=", value = 30 }',
            "events.london_protest.conditions.0.opp",
            "op",
        ),
        (
            "[target_defaults.city]",
            "[target_defaults.city]\nhardnes = 3",
            "target_defaults.city.hardnes",
            "hardness",
        ),
    ],
)
def test_an_unknown_key_suggests_the_nearest_known_one(
    tmp_path: Path, old: str, new: str, key: str, meant: str
) -> None:
    line = one_with(problems(scenario(tmp_path, old, new)), f": {key}: unknown key")
    assert parse(line).hint == f"did you mean '{meant}'?"
    assert parse(line).line is not None


def test_an_unknown_key_far_from_any_says_where_to_look(tmp_path: Path) -> None:
    found = problems(scenario(tmp_path, "[pools.b29]", "[pools.b29]\nzzzz = 1"))
    assert "check the spelling" in parse(one_with(found, "pools.b29.zzzz")).hint
