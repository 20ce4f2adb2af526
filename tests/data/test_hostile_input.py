"""Files built to crash the loader are refused with a line naming file and key."""

from __future__ import annotations

import base64
import shutil
import time
import zlib
from pathlib import Path

import pytest

from game.cli import main
from game.data.maps import MapError, load_map
from game.data.scenario import MAPS_DIR, SCENARIOS_DIR, ScenarioError, load_rules

SUIHO = SCENARIOS_DIR / "suiho_1952" / "scenario.toml"
KOREA = MAPS_DIR / "korea.tmx"


def scenario(tmp_path: Path, old: str = "", new: str = "", extra: str = "") -> Path:
    text = SUIHO.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    folder = tmp_path / "hostile"
    folder.mkdir(exist_ok=True)
    text = text.replace(old, new, 1) if old else text
    (folder / "scenario.toml").write_text(text + extra, encoding="utf-8")
    return folder


def problems(folder: Path, difficulty: str | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_rules(folder, difficulty)
    return info.value.problems


def one_with(found: list[str], *words: str) -> str:
    hits = [p for p in found if all(w in p for w in words)]
    assert hits, f"no problem with {words} in {found}"
    return hits[0]


# ------------------------------------------------------------------ TOML bombs


def test_deeply_nested_toml_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = scenario(tmp_path, extra="\nbomb = " + "[" * 3000 + "]" * 3000 + "\n")
    line = one_with(problems(folder), "nested more than")
    assert line.startswith(str(folder / "scenario.toml"))


def test_deep_inline_tables_are_refused(tmp_path: Path) -> None:
    folder = scenario(tmp_path, extra="\nbomb = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n")
    one_with(problems(folder), "nested more than")


def test_a_long_dotted_key_is_refused_quickly(tmp_path: Path) -> None:
    folder = scenario(tmp_path, extra="\n" + ".".join(["a"] * 100_000) + " = 1\n")
    start = time.perf_counter()
    one_with(problems(folder), "dotted key")
    assert time.perf_counter() - start < 5  # the parse itself would take minutes


def test_brackets_and_dots_inside_strings_are_text(tmp_path: Path) -> None:
    note = '"' + "[" * 100 + "a." * 40 + '"'
    folder = scenario(tmp_path, 'briefing = """', f'note_text = {note}\nbriefing = """')
    # Refused for the unknown key only, not as a hostile file.
    found = problems(folder)
    assert not any("nested" in p or "dotted" in p for p in found)
    one_with(found, "note_text", "unknown key")


# ------------------------------------------------------------------ files and paths


def test_a_sprite_that_is_a_folder_is_named(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    (folder / "sprites" / "city.png").mkdir(parents=True)
    one_with(problems(folder), "city.png", "sprites must be files")


def test_a_five_thousand_character_map_name_is_refused(tmp_path: Path) -> None:
    folder = scenario(tmp_path, 'map = "korea.tmx"', f'map = "{"m" * 5000}.tmx"')
    one_with(problems(folder), "scenario.map", "too long")


def test_a_long_scenario_name_on_the_command_line_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "x" * 5000]) == 1
    assert "too long" in capsys.readouterr().out


def test_a_symlinked_scenario_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "scenario.toml").symlink_to(SUIHO)
    one_with(problems(folder), "symlink")


def test_a_symlinked_map_is_refused(tmp_path: Path) -> None:
    folder = scenario(tmp_path, 'map = "korea.tmx"', 'map = "mine.tmx"')
    (folder / "mine.tmx").symlink_to(KOREA)
    one_with(problems(folder), "scenario.map", "no map 'mine.tmx'")


# ------------------------------------------------------------------ maps


def map_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    folder = tmp_path / "map"
    folder.mkdir(exist_ok=True)
    for name in ("terrain.tsx", "terrain.png"):
        shutil.copy(MAPS_DIR / name, folder / name)
    text = KOREA.read_text(encoding="utf-8")
    assert old in text
    (folder / "korea.tmx").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder / "korea.tmx"


def test_a_tileset_naming_itself_is_refused(tmp_path: Path) -> None:
    tmx = map_copy(tmp_path)
    tsx = tmx.parent / "terrain.tsx"
    text = tsx.read_text(encoding="utf-8")
    tsx.write_text(
        text.replace("<image", '<tileset firstgid="1" source="terrain.tsx"/>\n <image', 1),
        encoding="utf-8",
    )
    with pytest.raises(MapError, match="refers back to itself"):
        load_map(tmx)


def test_two_tilesets_naming_each_other_are_refused(tmp_path: Path) -> None:
    tmx = map_copy(tmp_path)
    (tmx.parent / "other.tsx").write_text(
        '<?xml version="1.0"?><tileset name="o" tilewidth="16" tileheight="16">'
        '<tileset firstgid="1" source="terrain.tsx"/></tileset>',
        encoding="utf-8",
    )
    tsx = tmx.parent / "terrain.tsx"
    text = tsx.read_text(encoding="utf-8")
    tsx.write_text(
        text.replace("<image", '<tileset firstgid="1" source="other.tsx"/>\n <image', 1),
        encoding="utf-8",
    )
    with pytest.raises(MapError, match="refers back to itself"):
        load_map(tmx)


def test_a_zlib_bomb_layer_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = base64.b64encode(zlib.compress(b"\0" * 80_000_000, 9)).decode()
    tmx = map_copy(tmp_path)
    text = tmx.read_text(encoding="utf-8")
    start = text.index('<data encoding="csv">')
    end = text.index("</data>", start)
    tmx.write_text(
        text[:start] + f'<data encoding="base64" compression="zlib">{bomb}' + text[end:],
        encoding="utf-8",
    )
    started = time.perf_counter()
    with pytest.raises(MapError, match="inflates to more than"):
        load_map(tmx)
    assert time.perf_counter() - started < 5


def test_a_huge_map_is_refused(tmp_path: Path) -> None:
    tmx = map_copy(tmp_path, 'width="132" height="232"', 'width="100000" height="100000"')
    with pytest.raises(MapError, match="map width 100000"):
        load_map(tmx)


@pytest.mark.parametrize("value", ["nan", "inf", "1e300"])
def test_a_coordinate_that_is_not_finite_is_refused(tmp_path: Path, value: str) -> None:
    text = KOREA.read_text(encoding="utf-8")
    start = text.index("<object ", text.index('name="targets"'))
    x = text.index(' x="', start)
    x_end = text.index('"', x + 4)
    tmx = map_copy(tmp_path, text[start : x_end + 1], text[start:x] + f' x="{value}"')
    with pytest.raises(MapError, match="not a finite number"):
        load_map(tmx)


def test_a_target_without_a_class_is_refused(tmp_path: Path) -> None:
    tmx = map_copy(tmp_path, 'name="suiho_dam" type="hydro_plant"', 'name="suiho_dam"')
    folder = tmx.parent
    shutil.copy(SUIHO, folder / "scenario.toml")
    one_with(problems(folder), "targets.suiho_dam", "no class")


def test_an_unknown_target_class_is_refused(tmp_path: Path) -> None:
    tmx = map_copy(tmp_path, 'name="suiho_dam" type="hydro_plant"', 'name="suiho_dam" type="hydro"')
    shutil.copy(SUIHO, tmx.parent / "scenario.toml")
    one_with(problems(tmx.parent), "targets.suiho_dam", "'hydro'")


# ------------------------------------------------------------------ difficulties


def test_a_difficulty_that_is_a_table_is_named(tmp_path: Path) -> None:
    folder = scenario(
        tmp_path,
        'difficulties = ["easy", "normal", "hard"]',
        'difficulties = ["easy", { a = 1 }, "hard"]',
    )
    one_with(problems(folder), "scenario.difficulties", "list of names")


def test_validate_checks_every_difficulty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = scenario(
        tmp_path,
        "labour = { easy = 15000, normal = 20000, hard = 26000 }",
        "labour = { easy = 15000, normal = 20000, hard = -5 }",
    )
    load_rules(folder)  # the default level is fine
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "enemy.labour" in out and "hard" in out


# ------------------------------------------------------------------ values validate let through


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("accuracy = 0.45", "accuracy = 45", "pools.fifth_af_fb.accuracy"),
        ("accuracy = 0.45", "accuracy = inf", "pools.fifth_af_fb.accuracy"),
        ("sortie_rate = 1.0", "sortie_rate = 9e18", "pools.fifth_af_fb.sortie_rate"),
        ("establishment = 300", "establishment = 9223372036854775807", "establishment"),
        ("initial_ready = 260", "initial_ready = -4", "pools.fifth_af_fb.initial_ready"),
        ("mig_strength = 400", "mig_strength = -400", "enemy.mig_strength"),
        ("initial = 25", "initial = 250", "meter.initial"),
        ("stray_chance_day = 0.01", "stray_chance_day = 1e400", "rules.stray_chance_day"),
        (
            "weights = { power = 0.5,",
            "weights = { power = 2.0,",
            "meter.weights",
        ),
    ],
)
def test_numbers_out_of_bounds_are_named(tmp_path: Path, old: str, new: str, key: str) -> None:
    one_with(problems(scenario(tmp_path, old, new)), key)


def test_percent_written_for_a_share_gets_a_hint(tmp_path: Path) -> None:
    line = one_with(problems(scenario(tmp_path, "accuracy = 0.45", "accuracy = 45")), "accuracy")
    assert "0.45" in line and "(line " in line


def event(body: str) -> str:
    return f'\n[[events]]\nid = "probe"\ntitle = "Probe"\ntext = "t"\n{body}\n'


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('conditions = [{ metric = "target_damage", op = ">=", value = 60 }]', "target_id"),
        ('conditions = [{ metric = "meter", op = ">=", value = [1, 2, 3] }]', "finite number"),
        ('conditions = [{ metric = "meter", op = ">=", value = "high" }]', "finite number"),
        ('conditions = [{ metric = "event_fired", op = "is", value = "nothing" }]', "no event"),
        ('conditions = [{ metric = "talks", op = ">", value = "recessed" }]', "== or !="),
        ('effects = [{ kind = "meter", delta = 1e300 }]', "between"),
        ('effects = [{ kind = "pool", pool = "f86", ready = 1e12 }]', "between"),
        ('effects = [{ kind = "labour", factor = -2 }]', "between"),
        ("chance = 3", "events."),
    ],
)
def test_event_values_of_the_wrong_shape_are_named(tmp_path: Path, body: str, words: str) -> None:
    one_with(problems(scenario(tmp_path, extra=event(body))), words)


def test_duplicate_event_ids_are_refused(tmp_path: Path) -> None:
    folder = scenario(tmp_path, extra=event("") + event(""))
    one_with(problems(folder), "'probe' is also the id of")


def test_ids_must_be_snake_case_ascii(tmp_path: Path) -> None:
    folder = scenario(tmp_path, "[pools.b29]", "[pools.B29]")
    one_with(problems(folder), "not a lower-case snake_case id")


def test_typos_in_card_scopes_are_named(tmp_path: Path) -> None:
    folder = scenario(tmp_path, extra='\n[cards.probe]\nname = "p"\nreason = "r"\n'
                      'effect = "forbid"\nscope = { zone_kinds = ["sanctuar"], roles = ["navvy"] }\n')  # fmt: skip
    found = problems(folder)
    one_with(found, "scope.zone_kinds.0", "sanctuar")
    one_with(found, "scope.roles.0", "navvy")


def test_a_deeply_nested_encyclopedia_file_is_named_not_a_crash(tmp_path: Path) -> None:
    from game.data.encyclopedia import EncyclopediaError, load_encyclopedia

    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "encyclopedia.toml").write_text("x = " + "[" * 3000 + "]" * 3000, encoding="utf-8")
    with pytest.raises(EncyclopediaError) as info:
        load_encyclopedia(mods=(mod,))
    one_with(info.value.problems, "encyclopedia.toml", "nested more than")


def test_a_truncated_png_sprite_is_named(tmp_path: Path) -> None:
    import pygame

    folder = scenario(tmp_path)
    (folder / "sprites").mkdir()
    whole = tmp_path / "whole.png"
    pygame.image.save(pygame.Surface((16, 16)), str(whole))
    (folder / "sprites" / "city.png").write_bytes(whole.read_bytes()[:-20])
    one_with(problems(folder), "city.png", "cut short")


def test_sprite_limits_of_the_guide_are_enforced_each_with_a_hint(tmp_path: Path) -> None:
    import pygame

    from game.data.problems import parse

    folder = scenario(tmp_path)
    sprites = folder / "sprites"
    sprites.mkdir()
    pygame.image.save(pygame.Surface((128, 128)), str(sprites / "city.png"))  # the largest
    pygame.image.save(pygame.Surface((129, 16)), str(sprites / "dam.png"))
    big = sprites / "port.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(256_001))
    (sprites / "mine.png").write_bytes(b"GIF89a")
    found = problems(folder)
    for name, words in (
        ("dam.png", "at most 128x128"),
        ("port.png", "larger than 256,000 bytes"),
        ("mine.png", "not a PNG"),
    ):
        line = one_with(found, name, words)
        assert parse(line).hint, line
    assert not any("city.png" in p for p in found)


def test_symlinks_in_the_mods_are_left_out_and_named_by_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.data.scenario import list_sources

    home, outside = tmp_path / "home", tmp_path / "outside"
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(home))
    monkeypatch.delenv("AIR_PRESSURE_MODS", raising=False)
    real = outside / "real" / "scenarios" / "far_away"
    real.mkdir(parents=True)
    (real / "scenario.toml").write_text(
        SUIHO.read_text("utf-8").replace('id = "suiho_1952"', 'id = "far_away"'), "utf-8"
    )
    (outside / "over.toml").write_text("[targets.suiho_dam]\nflak = 45\n", "utf-8")
    (outside / "overrides").mkdir()
    (outside / "overrides" / "dams_1953.toml").write_text("[meter]\ninitial = 1\n", "utf-8")
    (outside / "ency.toml").write_text(
        '[places.x]\ntitle = "X"\ntext = "t"\nsource = "E"\n', "utf-8"
    )
    mods = home / "mods"
    links = {
        mods / "linked_mod": outside / "real",
        mods / "plain" / "scenarios" / "far_away": real,
        mods / "plain" / "overrides" / "suiho_1952.toml": outside / "over.toml",
        mods / "other" / "overrides": outside / "overrides",
        mods / "other" / "scenarios": outside / "real" / "scenarios",
    }
    for link, target in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
    (mods / "plain" / "encyclopedia.toml").symlink_to(outside / "ency.toml")
    sources = {s.id: s for s in list_sources()}
    assert "far_away" not in sources
    assert sources["suiho_1952"].overrides == () and sources["dams_1953"].overrides == ()
    capsys.readouterr()
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    for link in links:
        assert f"{link}: a symlink, left out" in out
    assert f"{mods / 'plain' / 'encyclopedia.toml'}: a symlink" in out
    guide = (SCENARIOS_DIR.parent / "docs" / "MODDING.md").read_text("utf-8")
    assert "leaves a symlink out\nand `validate` names it" in guide
