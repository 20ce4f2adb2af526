"""The map as a map: painted relief without the 5 km cells' steps, the whole theatre at
the widest zoom, lines told apart by their style, icons and names kept apart."""

from __future__ import annotations

import itertools

import numpy as np
import pygame
import pytest

from game.data.scenario import find_scenario, load_rules
from game.ui.app import App
from game.ui.kit.panels import BAR_H
from game.ui.map import overlays
from game.ui.map.map_cache import KOREA_TMX
from game.ui.map.map_render import BORDER_PATTERN, load_pictures, pattern_pieces
from game.ui.map.map_symbols import FRONT, draw_front
from game.ui.map.map_view import ZOOMS, spread_icons
from game.ui.screens.planning import PlanningScene
from game.ui.screenshot import open_scene
from tests.ui.desks import open_desk

CELL_PX = 16  # a terrain cell in the map's own pixels


def _desk(app: App, scenario: str = "campaign_1952") -> PlanningScene:
    return open_desk(app, find_scenario(scenario), seed=3)


def _step_ratio(picture: np.ndarray, axis: int) -> float:
    """How much larger the colour steps are across the cells' edges than within cells."""
    steps = np.abs(np.diff(picture.astype(int), axis=axis)).sum(axis=2)
    steps = steps.mean(axis=1 - axis)  # one mean step per column (axis 0) or row
    at_edges = steps[CELL_PX - 1 :: CELL_PX]
    inside = np.delete(steps, np.s_[CELL_PX - 1 :: CELL_PX])
    return float(at_edges.mean() / inside.mean())


def test_the_terrain_has_no_steps_at_the_cells_edges(app: App) -> None:
    # The painting's JPEG blocks (8 px) leave a trace of some 1.2 at every 8th pixel,
    # cells' edges or not; tiles of flat colour would measure 3 and more.
    terrain = pygame.surfarray.array3d(app.maps.terrain(KOREA_TMX))  # (x, y, rgb)
    for axis in (0, 1):
        assert _step_ratio(terrain, axis) < 1.3, axis


def test_the_step_check_catches_cell_blocks(app: App) -> None:
    """The measure itself: flat cells of random colours show their edges."""
    rng = np.random.default_rng(1)
    cells = rng.integers(100, 200, (20, 20, 3))
    blocks = np.repeat(np.repeat(cells, CELL_PX, axis=0), CELL_PX, axis=1)
    blocks = blocks + rng.integers(0, 3, blocks.shape)
    assert _step_ratio(blocks, 0) > 3 and _step_ratio(blocks, 1) > 3


@pytest.mark.parametrize("view", [(840, 720), (560, 420), (1400, 1080)])
def test_the_widest_zoom_fills_the_view_and_shows_the_whole_peninsula(
    app: App, view: tuple[int, int]
) -> None:
    m = _desk(app).map
    m.set_rect(pygame.Rect((0, 0), view))
    m.zoom_at(m.rect.center, -len(ZOOMS))
    assert m.zoom_index == 0
    level = app.maps.tiles.level(m.tmx, m.geo, m.ppk)
    corner = (int(m.rect.x - m.offset[0]), int(m.rect.y - m.offset[1]))
    assert level.bounds.move(corner).contains(m.rect), "the surround fills the view"
    below_bar = pygame.Rect(m.rect.x, m.rect.y + BAR_H, m.rect.w, m.rect.h - BAR_H)
    for lat, lon in ((35.10, 129.04), (33.40, 126.55), (42.9, 129.9), (40.1, 124.4)):
        x, y = m.to_screen(m.geo.to_km(lat, lon))  # Pusan, Cheju, the Tumen, Sinuiju
        assert below_bar.collidepoint(x, y), (lat, lon)
    surface = pygame.Surface(m.rect.size)
    surface.fill((255, 0, 255))
    app.maps.tiles.draw(surface, surface.get_rect(), corner, level, m.geo)
    pixels = pygame.surfarray.array3d(surface)
    assert not np.all(pixels == (255, 0, 255), axis=2).any(), "every pixel drawn"


def test_the_surround_lies_around_the_map(app: App) -> None:
    surround = app.maps.surround(KOREA_TMX)
    assert surround is not None
    geo = load_rules(find_scenario("campaign_1952")).geometry
    x0, y0, x1, y1 = surround.box_km
    assert x0 < -300 and y0 < -100 and x1 > geo.width_km + 300 and y1 > geo.height_km + 100


@pytest.mark.parametrize("zoom", range(len(ZOOMS)))
def test_names_do_not_overlap_at_any_zoom(app: App, zoom: int) -> None:
    desk = _desk(app)
    m = desk.map
    m.zoom_at(m.rect.center, zoom - m.zoom_index)
    app.dirty = True
    app.step([])
    app.draw()
    rects = [item.rect for item in m.places] + list(m.target_labels.values())
    assert rects
    assert [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)] == []
    assert all(m.rect.contains(r) for r in rects)


def test_icons_never_overlap_at_any_zoom(app: App) -> None:
    desk = _desk(app)
    m, view = desk.map, desk.session.view
    ids = [t for t in view.active_targets if m.rules.targets[t].kind != "rail_segment"]
    for zoom in range(len(ZOOMS)):
        m.zoom_index = zoom
        assert m.icon_gap() >= 2 * m.icon_r() + 6  # wider than a sprite's plate
        shifts = m.icon_shifts(view)
        at = {}
        for tid in ids:
            x, y = m.rules.targets[tid].position
            dx, dy = shifts.get(tid, (0.0, 0.0))
            at[tid] = (x * m.ppk + dx, y * m.ppk + dy)
        gap = m.icon_gap()
        close = [
            (a, b)
            for a, b in itertools.combinations(ids, 2)
            if np.hypot(at[a][0] - at[b][0], at[a][1] - at[b][1]) < gap - 1.5
        ]
        assert close == [], (zoom, close[:3])


def test_icons_on_one_spot_part_and_lone_icons_stay() -> None:
    shifts = spread_icons([(10.0, 10.0), (10.0, 10.0), (200.0, 50.0)], ["a", "b", "c"], 1.0, 19)
    (ax, ay), (bx, by) = shifts["a"], shifts["b"]
    assert np.hypot(10 + ax - 10 - bx, 10 + ay - 10 - by) >= 18
    assert "c" not in shifts


def test_the_lines_differ_in_style_not_only_colour() -> None:
    styles = {
        "border": tuple(BORDER_PATTERN),
        "mig_alley": overlays.EDGE_STYLE["mig_alley"],
        "border_buffer": overlays.EDGE_STYLE["border_buffer"],
        "forbid": overlays.CARD_EDGE["forbid"],
        "burden": overlays.CARD_EDGE["burden"],
    }
    assert len(set(styles.values())) == len(styles)
    # The front is broad and toothed: far thicker than a rail line's 3 pixels.
    surface = pygame.Surface((120, 40))
    surface.fill((0, 0, 0))
    draw_front(surface, [(10, 25), (110, 25)])
    rows = np.any(np.all(pygame.surfarray.array3d(surface) == FRONT, axis=2), axis=0)
    assert rows.sum() >= 7


def test_a_pattern_runs_on_across_the_vertices() -> None:
    pieces = pattern_pieces([(0, 0), (5, 0), (5, 30)], (4, 2, 1, 2))
    drawn = sum(np.hypot(b[0] - a[0], b[1] - a[1]) for a, b in pieces)
    assert drawn == pytest.approx(35 * 5 / 9, abs=2.5)


def test_a_zone_cut_by_the_map_edge_draws_no_line_along_it() -> None:
    geo = load_rules(find_scenario("campaign_1952")).geometry
    manchuria = geo.feature("manchuria")
    runs = overlays._runs(manchuria, (geo.width_km, geo.height_km))
    assert runs
    for run in runs:
        for (ax, ay), (bx, by) in itertools.pairwise(run):
            on_left = ax < 0.6 and bx < 0.6
            on_top = ay < 0.6 and by < 0.6
            assert not (on_left or on_top)


@pytest.mark.parametrize("zoom", ["out", "in"])
def test_screenshot_zoom_takes_the_map_to_either_end(app: App, zoom: str) -> None:
    open_scene(app, "suiho_1952", "planning", zoom)
    desk = app.stack.top
    assert isinstance(desk, PlanningScene)
    assert desk.map.zoom_index == (0 if zoom == "out" else len(ZOOMS) - 1)


def test_a_map_without_its_pictures_shows_its_tiles(tmp_path) -> None:
    import shutil

    for name in ("korea.tmx", "terrain.tsx", "terrain.png"):
        shutil.copy(KOREA_TMX.parent / name, tmp_path / name)
    pictures = load_pictures(tmp_path / "korea.tmx")
    assert pictures.surround is None
    assert pictures.terrain.get_size() == (132 * 16, 232 * 16)


def test_no_seam_where_the_map_meets_its_surround(app: App) -> None:
    """Along the map's left edge (Manchuria and the Yellow Sea) the surround carries on
    the map's colours: the step across the edge is like the steps beside it."""
    geo = load_rules(find_scenario("campaign_1952")).geometry
    level = app.maps.tiles.level(KOREA_TMX, geo, ZOOMS[2])
    surface = pygame.Surface((120, level.size[1]))
    corner = (60, 0)  # the map's left edge at x = 60
    app.maps.tiles.draw(surface, surface.get_rect(), corner, level, geo, ahead=0)
    pixels = pygame.surfarray.array3d(surface).astype(int)
    steps = np.abs(np.diff(pixels, axis=0)).sum(axis=2)  # (column, row): R+G+B steps
    edge = np.median(steps[59])  # from the surround's last column to the map's first
    beside = np.median(steps[40:58]), np.median(steps[61:80])
    # Under 3 levels a channel: no line shows (the coast, drawn from a coarser coastline
    # in the surround, may step where it crosses the edge).
    assert edge <= max(beside) + 8, (edge, beside)
