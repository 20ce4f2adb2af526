"""The map key (L) keeps every line inside its panel, with the overlays on or off."""

from __future__ import annotations

import pygame
import pytest

from game.ui.kit.palettes import COLOUR_BLIND
from game.ui.kit.style import STANDARD, Palette
from game.ui.map.overlays import OVERLAYS, draw_map_key

KINDS = ["city", "hydro_plant", "airfield", "marshalling_yard", "irrigation_dam"]
BACKDROP = (255, 0, 255)


@pytest.mark.parametrize("pal", [STANDARD, COLOUR_BLIND], ids=["standard", "colour-blind"])
@pytest.mark.parametrize("on", [set(), {o.key for o in OVERLAYS}], ids=["all off", "all on"])
def test_no_line_of_the_key_runs_past_its_panel(on: set[str], pal: Palette) -> None:
    pygame.init()
    surface = pygame.Surface((1280, 720))
    surface.fill(BACKDROP)
    rect = draw_map_key(surface, (10, 710), KINDS, on, pal)
    assert surface.get_rect().contains(rect)
    pixels = pygame.surfarray.pixels3d(surface)
    outside = pixels.copy()
    outside[rect.left : rect.right, rect.top : rect.bottom] = BACKDROP
    del pixels
    painted = (outside != BACKDROP).any(axis=2)
    assert not painted.any(), (
        f"drawn outside the key at columns {sorted(set(painted.nonzero()[0]))[:5]}"
    )


@pytest.mark.parametrize("window", [(1920, 1080), (2560, 1440)], ids=["150%", "200%"])
def test_over_a_map_drawn_at_the_window_resolution_the_key_is_drawn_there_too(window) -> None:
    from game.ui.kit.native_layer import NativeLayer, grown

    pygame.init()
    canvas = pygame.Surface((1280, 720), pygame.SRCALPHA)
    canvas.fill((*BACKDROP, 255))
    beneath = pygame.Surface(window)
    beneath.fill(BACKDROP)
    native = NativeLayer(beneath, canvas)
    rect = draw_map_key(canvas, (10, 710), KINDS, {o.key for o in OVERLAYS}, STANDARD, native)
    assert native.used and canvas.get_at(rect.center).a == 0, "the canvas is clear over it"
    area = grown(rect, native.factor).inflate(2, 2)
    assert beneath.get_rect().contains(area)
    pixels = pygame.surfarray.pixels3d(beneath)
    outside = pixels.copy()
    inside = (outside[area.left : area.right, area.top : area.bottom] != BACKDROP).any(axis=2)
    outside[area.left : area.right, area.top : area.bottom] = BACKDROP
    del pixels
    assert inside.mean() > 0.9, "the key itself is on the window"
    assert not (outside != BACKDROP).any(), "and nothing of it beyond the place it says"
