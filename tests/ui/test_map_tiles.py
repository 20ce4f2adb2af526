"""The map view's tiles: scaled piece by piece as the whole map would be, only those in
view made when the zoom changes, and the least recently used ones forgotten."""

from __future__ import annotations

import random

import numpy as np
import pygame
import pytest

from game.ui.map.map_cache import KOREA_TMX
from game.ui.map.map_tiles import MapTiles, terrain_tile, tile_step
from game.ui.map.map_view import ZOOMS
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession


@pytest.fixture
def desk(app, campaign_rules):
    scene = PlanningScene(app, GameSession.start(campaign_rules))
    scene.session.autosave_enabled = False
    app.push(scene)
    app.maps.forget_zooms()
    return scene


@pytest.fixture(scope="module")
def campaign_rules():
    from game.data.scenario import find_scenario, load_rules

    return load_rules(find_scenario("campaign_1952"), "normal")


def _pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).astype(int)


def test_tile_edges_fall_on_whole_terrain_pixels():
    assert tile_step(2112, 396) == 255  # 16 terrain pixels to 3: tiles of 3k pixels
    assert tile_step(2112, 2244) == 255
    assert tile_step(1000, 997) == 256  # no useful alignment: the plain size


@pytest.mark.parametrize("ppk", ZOOMS[:-1])
def test_tiles_scaled_alone_match_the_whole_map_scaled_at_once(app, desk, ppk):
    terrain = app.maps.terrain(KOREA_TMX)
    level = app.maps.tiles.level(KOREA_TMX, desk.map.geo, ppk)
    whole = _pixels(pygame.transform.smoothscale(terrain, level.size))
    for col, row in [(0, 0), (1, 1), (2, 3)]:
        rect = level.tile_rect(col, row).clip(pygame.Rect((0, 0), level.size))  # the map's part
        if rect.w <= 0 or rect.h <= 0:
            continue
        tile = _pixels(terrain_tile(terrain, level.size, rect))
        part = whole[rect.left : rect.right, rect.top : rect.bottom]
        assert tile.shape == part.shape
        assert np.abs(tile - part).max() <= 4  # rounding in the filter, never a shift


def test_a_new_zoom_makes_only_the_tiles_in_view_and_draws_them_whole(app, desk):
    tiles = app.maps.tiles
    desk.map.zoom_index = len(ZOOMS) - 1
    desk.map.center_on((300.0, 500.0))
    app.draw()
    level = tiles.level(KOREA_TMX, desk.map.geo, desk.map.ppk)
    columns = -(-level.size[0] // level.step[0])
    rows = -(-level.size[1] // level.step[1])
    r, off = desk.map.rect, desk.map.offset
    seen = r.move(-int(r.x - off[0]), -int(r.y - off[1]))  # the view in the level's pixels
    in_view = len(list(level.tiles_in(seen)))
    assert tiles.rendered <= in_view  # none ahead in a frame that made the view's tiles
    assert tiles.rendered < columns * rows / 4
    # The map alone: the side panel may change between the two frames (a forecast
    # arriving from the worker), the map may not.
    first = _pixels(app.screen.subsurface(desk.map.rect))
    app.maps.forget_zooms()
    for col in range(columns):  # every tile made beforehand: the same picture
        for row in range(rows):
            tiles.bare(level, desk.map.geo, col, row)
    app.draw()
    assert np.array_equal(first, _pixels(app.screen.subsurface(desk.map.rect)))


def test_tiles_not_seen_for_a_while_are_forgotten(app, desk):
    tiles = MapTiles(app.maps.terrain, max_tiles=6, max_bare=6)
    level = tiles.level(KOREA_TMX, desk.map.geo, ZOOMS[2])
    for col in range(4):
        for row in range(3):
            tiles.bare(level, desk.map.geo, col, row)
    assert len(tiles) == 6
    assert tiles.has(level, 3, 2, None, dressed=False)
    assert not tiles.has(level, 0, 0, None, dressed=False)
    tiles.bare(level, desk.map.geo, 3, 0)  # used again: kept over older ones
    tiles.bare(level, desk.map.geo, 0, 0)
    assert tiles.has(level, 3, 0, None, dressed=False)
    assert not tiles.has(level, 2, 0, None, dressed=False)  # the oldest went


def test_overlay_toggles_change_the_tiles_drawn(app, desk):
    desk.map.overlays = set()
    app.draw()
    bare = _pixels(app.screen)
    desk.map.overlays = {"mig", "flak", "restrict", "neutral", "buffer"}
    app.draw()
    dressed = _pixels(app.screen)
    desk.map.overlays = set()
    app.draw()
    assert not np.array_equal(bare, dressed)
    assert np.array_equal(bare, _pixels(app.screen))


def test_a_view_larger_than_the_caches_grows_them(app, desk):
    tiles = MapTiles(app.maps.terrain, max_tiles=4, max_bare=4)
    level = tiles.level(KOREA_TMX, desk.map.geo, ZOOMS[-1])
    screen = pygame.Surface((3300, 2160))  # a 4K window's map
    view = screen.get_rect()
    tiles.draw(screen, view, (0, 0), level, desk.map.geo)
    made = tiles.rendered
    tiles.draw(screen, view, (0, 0), level, desk.map.geo)
    assert tiles.rendered <= made + 1  # the second frame makes at most one tile ahead
    assert tiles.max_tiles >= 13 * 9


def test_tiles_never_ask_pygame_for_a_smooth_line_of_two_points(app, desk, monkeypatch):
    """pygame's aalines given two points reads past the end of its copy of them (to
    decide on the far end's pixel), so the same river piece came out differently as
    memory happened to lie: the whole-map redraw above failed in some orders of the
    suite. The tiles draw such pieces another way."""
    calls: list[int] = []
    real = pygame.draw.aalines

    def spy(surface, color, closed, points, *args):
        calls.append(len(points))
        return real(surface, color, closed, points, *args)

    monkeypatch.setattr(pygame.draw, "aalines", spy)
    tiles = app.maps.tiles
    made = 0
    for ppk in (desk.map.fit_ppk(), *ZOOMS):
        level = tiles.level(KOREA_TMX, desk.map.geo, ppk)
        for col in range(3):
            for row in range(4):
                if level.tile_rect(col, row).w > 0 and level.tile_rect(col, row).h > 0:
                    tiles.bare(level, desk.map.geo, col, row)
                    made += 1
    assert made > 20
    assert calls == [n for n in calls if n >= 3]


def test_a_smooth_piece_of_line_is_the_same_however_memory_lies(app):
    from game.ui.map.map_render import smooth_line

    rng = random.Random(7)
    pieces = [((10.2 + i, 0.5 + i / 3), (12.3 + i, 30.7)) for i in range(0, 24, 3)]
    seen: list[set[bytes]] = [set() for _ in pieces]
    junk: list[object] = []
    for _ in range(60):
        junk.extend(object() for _ in range(rng.randrange(60)))  # small blocks come and go
        rng.shuffle(junk)
        del junk[: rng.randrange(len(junk) + 1)]
        for i, (a, b) in enumerate(pieces):
            for width in (1, 2, 3):
                out = pygame.Surface((48, 40))
                out.fill((255, 255, 255))
                smooth_line(out, (20, 40, 60), [a, b], width)
                seen[i].add(pygame.image.tobytes(out, "RGB") + bytes([width]))
    assert all(len(s) == 3 for s in seen)  # one picture for each width
