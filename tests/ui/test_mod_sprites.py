"""A mod's scenario may bring its own icons; bad ones are refused by name, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.data.scenario import MAPS_DIR, SCENARIOS_DIR, ScenarioError, find_scenario, load_rules
from game.save import GameRecord
from game.ui.app import App
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession

RED = (220, 10, 10)


def is_red(colour: pygame.Color) -> bool:
    """Red, or red as tinted grey on a target never assessed."""
    return colour.r > 150 and colour.g < 40 and colour.b < 40


def mod_scenario(root: Path) -> Path:
    folder = root / "sprite_mod" / "scenarios" / "suiho_sprites"
    folder.mkdir(parents=True)
    for name in ("korea.tmx", "terrain.tsx", "terrain.png"):
        shutil.copy(MAPS_DIR / name, folder / name)
    text = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text("utf-8")
    (folder / "scenario.toml").write_text(
        text.replace('id = "suiho_1952"', 'id = "suiho_sprites"'), "utf-8"
    )
    (folder / "sprites").mkdir()
    return folder


def test_a_mod_sprite_replaces_the_game_sprite_of_the_same_name(
    tmp_path: Path, worker, terrains
) -> None:
    folder = mod_scenario(tmp_path)
    picture = pygame.Surface((32, 32))
    picture.fill(RED)
    for name in ("hydro_plant", "air_base"):
        pygame.image.save(picture, str(folder / "sprites" / f"{name}.png"))
    rules = load_rules(find_scenario("suiho_sprites", (tmp_path,)))
    assert rules.sprites == {
        name: str(folder / "sprites" / f"{name}.png") for name in ("air_base", "hydro_plant")
    }
    assert rules.mods == ("sprite_mod",)
    assert GameRecord.new(rules).mods == ("sprite_mod",)  # recorded in a save's header

    app = App((1280, 720), worker=worker, terrains=terrains)
    try:
        scene = PlanningScene(app, GameSession(GameRecord.new(rules), autosave_enabled=False))
        app.push(scene)
        app.draw()
        x, y = scene.map.to_screen(rules.targets["chosin_plants"].position)
        assert is_red(app.screen.get_at((round(x), round(y))))
        x, y = scene.map.to_screen(rules.targets["sinuiju"].position)
        assert not is_red(app.screen.get_at((round(x), round(y))))  # cities keep their icon
        kimpo = rules.geometry.features["k14_kimpo"].points[0]
        scene.map.center_on(kimpo)
        app.dirty = True
        app.draw()
        x, y = scene.map.to_screen(kimpo)
        assert is_red(app.screen.get_at((round(x), round(y))))  # and so do the air bases
    finally:
        pygame.display.quit()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a png at all", "not a PNG image"), (None, "at most 128x128")],
)
def test_a_bad_sprite_is_named_with_its_file(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    folder = mod_scenario(tmp_path)
    target = folder / "sprites" / "city.png"
    if content is None:
        pygame.image.save(pygame.Surface((400, 20)), str(target))
    else:
        target.write_bytes(content)
    with pytest.raises(ScenarioError) as info:
        load_rules(find_scenario("suiho_sprites", (tmp_path,)))
    assert any(line.startswith(str(target)) and message in line for line in info.value.problems)
