"""The sprite set: every picture the game asks for ships as a PNG the tool made, a
scenario's own replaces it by name, and a missing or broken one never stops the game."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.core.model import Role
from game.core.targets import TARGET_KINDS
from game.data.scenario import SCENARIOS_DIR, find_scenario, load_rules
from game.ui.kit.palettes import palette_for
from game.ui.kit.style import STANDARD
from game.ui.map import icons, sprites

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "assets" / "sprites"


@pytest.fixture(autouse=True)
def fresh_sprites():
    sprites.problems.clear()
    sprites.forget_sprites()
    icons.forget_icons()
    yield
    sprites.forget_sprites()
    icons.forget_icons()


def make_sprites_tool():
    spec = importlib.util.spec_from_file_location(
        "make_sprites", ROOT / "tools" / "make_sprites.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sprites"] = module
    spec.loader.exec_module(module)
    return module


def test_every_name_the_game_asks_for_ships_as_a_valid_png() -> None:
    shipped_pools = [
        pool
        for folder in sorted(SCENARIOS_DIR.iterdir())
        if (folder / "scenario.toml").is_file()
        for pool in load_rules(find_scenario(folder.name)).pools.values()
    ]
    asked = {*TARGET_KINDS, *sprites.MARKERS, *(sprites.aircraft_sprite(p) for p in shipped_pools)}
    assert asked <= set(sprites.SPRITE_NAMES)
    for name in sprites.SPRITE_NAMES:
        path = SHIPPED / f"{name}.png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        picture = pygame.image.load(str(path))
        assert picture.get_size() == (sprites.SPRITE_PX, sprites.SPRITE_PX), name
        assert picture.get_flags() & pygame.SRCALPHA, name
        assert picture.get_at((0, 0)).a == 0, f"{name}: its corner should be transparent"
        assert picture.get_bounding_rect().w > sprites.SPRITE_PX // 2, name
    assert sorted(p.name for p in SHIPPED.iterdir()) == sorted(
        [f"{n}.png" for n in sprites.SPRITE_NAMES] + ["README.md"]
    )
    assert not sprites.problems


def test_the_readme_lists_every_sprite_and_its_licence() -> None:
    text = (SHIPPED / "README.md").read_text("utf-8")
    assert "tools/make_sprites.py" in text and "LICENSE" in text
    for name in sprites.SPRITE_NAMES:
        assert f"`{name}.png`" in text, name


def test_the_tool_draws_every_name_and_the_files_are_its_output() -> None:
    tool = make_sprites_tool()
    drawings = tool.drawings()
    assert set(drawings) == set(sprites.SPRITE_NAMES)
    for name in ("dam", "f86", "b29", "mig_marker"):  # a sample: all of them take seconds
        made = drawings[name]().image()
        shipped = pygame.image.load(str(SHIPPED / f"{name}.png"))
        assert pygame.image.tobytes(made, "RGBA") == pygame.image.tobytes(shipped, "RGBA"), name


@pytest.mark.parametrize(
    ("aircraft", "role", "sprite"),
    [
        ("F-84 Thunderjet", Role.FIGHTER_BOMBER, "f84"),
        ("AD Skyraider, F9F Panther", Role.NAVY, "ad"),
        ("F4U Corsair, AD Skyraider", Role.NAVY, "ad"),
        ("F-86 Sabre", Role.INTERCEPTOR, "f86"),
        ("B-29 Superfortress", Role.MEDIUM_BOMBER, "b29"),
        ("B-26 Invader", Role.LIGHT_BOMBER, "b26"),
        ("F-80 Shooting Star, F-84 Thunderjet", Role.FIGHTER_BOMBER, "f84"),
        ("2 Sqn SAAF F-51 Mustangs, 77 Sqn RAAF Meteors", Role.FIGHTER_BOMBER, "f84"),
        ("Sea Furies", Role.NAVY, "ad"),
    ],
)
def test_a_pool_flies_the_silhouette_of_the_type_its_line_names_first(
    aircraft: str, role: Role, sprite: str
) -> None:
    pool = next(iter(load_rules(find_scenario("suiho_1952")).pools.values()))
    assert sprites.aircraft_sprite(replace(pool, aircraft=aircraft, role=role)) == sprite


def test_a_mixed_pool_flies_each_type_it_names_in_turn() -> None:
    pool = next(iter(load_rules(find_scenario("suiho_1952")).pools.values()))
    mixed = replace(pool, aircraft="AD Skyraider, F4U Corsair, F9F Panther", role=Role.NAVY)
    assert sprites.aircraft_sprites(mixed) == ("ad", "f9f")


def test_sprites_are_scaled_once_per_size_from_the_large_picture() -> None:
    small = sprites.sprite("city", 20)
    assert small.get_size() == (20, 20)
    assert sprites.sprite("city", 20) is small  # kept for the next frame
    assert sprites.sprite("city", 40).get_size() == (40, 40)


def test_a_scenario_sprite_replaces_the_game_one_by_name(tmp_path: Path) -> None:
    own = tmp_path / "air_base.png"
    red = pygame.Surface((32, 32))
    red.fill((220, 10, 10))
    pygame.image.save(red, str(own))
    picture = sprites.sprite("air_base", 16, {"air_base": str(own)})
    assert tuple(picture.get_at((8, 8)))[:3] == (220, 10, 10)
    assert tuple(sprites.sprite("air_base", 16).get_at((8, 8)))[:3] != (220, 10, 10)
    assert not sprites.problems


def test_a_broken_scenario_sprite_falls_back_to_the_game_one_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "city.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    sprites.problems.clear()
    picture = sprites.sprite("city", 24, {"city": str(broken)})
    game_own = sprites.sprite("city", 24)
    assert pygame.image.tobytes(picture, "RGBA") == pygame.image.tobytes(game_own, "RGBA")
    assert any(str(broken) in line for line in sprites.problems)
    assert "sprite 'city': cannot read" in capsys.readouterr().err


def test_a_missing_game_sprite_is_named_and_a_plain_marker_stands_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sprites, "sprites_dir", lambda: tmp_path)
    sprites.problems.clear()
    picture = sprites.sprite("dam", 30)
    assert picture.get_size() == (30, 30)
    assert picture.get_at((15, 15)).a > 200
    assert any(str(tmp_path / "dam.png") in line for line in sprites.problems)
    assert "plain marker" in capsys.readouterr().err
    icon = icons.target_icon(STANDARD, "dam", 8, 40.0, 0.9)  # the map still draws it
    assert icon.get_bounding_rect().w > 10


@pytest.mark.parametrize("colour_blind", [False, True])
def test_damaged_destroyed_guessed_and_unseen_icons_differ_in_both_palettes(
    colour_blind: bool,
) -> None:
    pal = palette_for(colour_blind)
    states = {
        "intact": (0.0, 0.9),
        "damaged": (50.0, 0.9),
        "destroyed": (100.0, 0.9),
        "guess": (50.0, 0.2),
        "unseen": (None, 0.0),
    }
    images = {
        name: pygame.image.tobytes(icons.target_icon(pal, "city", 10, dmg, conf), "RGBA")
        for name, (dmg, conf) in states.items()
    }
    barred = icons.target_icon(pal, "city", 10, 0.0, 0.9, restricted=True)
    images["restricted"] = pygame.image.tobytes(barred, "RGBA")
    assert len(set(images.values())) == len(states) + 1
    # Destroyed is struck through: its plate's middle is the cross's dark ink.
    destroyed = icons.target_icon(pal, "city", 10, 100.0, 0.9)
    c = destroyed.get_width() // 2
    assert tuple(destroyed.get_at((c, c)))[:3] == icons.CONFIDENT
    # Damage fills from the bottom: the plate's low edge takes the damage colour.
    damaged = icons.target_icon(pal, "city", 10, 50.0, 0.9)
    intact = icons.target_icon(pal, "city", 10, 0.0, 0.9)
    low = (c, c + 8)
    assert damaged.get_at(low) != intact.get_at(low)


def test_validate_warns_of_a_sprite_name_the_game_does_not_use() -> None:
    from game.data.lint import warnings

    rules = load_rules(find_scenario("suiho_1952"))
    own = {"b29": "/mod/b29.png", "bomber": "/mod/bomber.png", "port": "/mod/port.png"}
    found = warnings(replace(rules, sprites=own))
    assert any(
        line.startswith("/mod/bomber.png") and "no sprite 'bomber'" in line for line in found
    )
    assert not any(line.startswith("/mod/b29.png") for line in found)
    kinds = {t.kind for t in rules.targets.values()}
    assert ("port" in kinds) != any(line.startswith("/mod/port.png") for line in found)


def test_targets_a_card_bars_to_every_package_are_off_limits_on_the_map() -> None:
    from game.ui.map.overlays import off_limits

    rules = load_rules(find_scenario("campaign_1952"))
    in_force = tuple(cid for cid, card in sorted(rules.cards.items()) if card.in_force)
    barred = off_limits(rules, in_force)
    dams = {tid for tid, t in rules.targets.items() if t.kind == "dam"}
    assert dams <= barred  # "dams_as_interdiction" forbids the type
    assert "rashin" in barred and "kaesong" in barred  # by name; in a neutral zone
    assert "pyongyang" not in barred
    assert off_limits(rules, ()) == frozenset()


def test_a_scenario_sprite_of_any_png_depth_is_taken(tmp_path: Path) -> None:
    own = tmp_path / "port.png"
    pygame.image.save(pygame.Surface((24, 24), depth=8), str(own))  # a palette image
    assert sprites.sprite("port", 12, {"port": str(own)}).get_size() == (12, 12)
    assert not sprites.problems
