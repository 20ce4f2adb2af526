"""At 150% the interface is a canvas stretched to the window, but the map (and the
sprites flown over it) is drawn at the window's own resolution beneath the canvas: it
is sharper than the stretch, shows the same things, and whatever the desk draws over it
still shows above it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.settings import Settings
from game.ui.app import App
from game.ui.desk.desk_input import open_menu
from game.ui.kit.panels import BAR_H
from game.ui.map.map_view import ZOOMS
from game.ui.screens.planning import PlanningScene
from tests.ui.desks import open_desk
from tests.ui.test_app import wait_for

SUIHO = Path(__file__).resolve().parents[2] / "scenarios" / "suiho_1952"
WINDOW = (1920, 1080)


@pytest.fixture(scope="module")
def scaled(worker, terrains):
    """A 1920×1080 window at 150%: a 1280×720 canvas, 1.5 times smaller."""
    app = App(WINDOW, settings=Settings(ui_scale=150), worker=worker, terrains=terrains)
    yield app
    pygame.display.quit()


@pytest.fixture
def desk(scaled):
    scaled.to_title()
    scaled.running = True
    return open_desk(scaled, SUIHO, seed=7)


def window_pixels(app: App) -> np.ndarray:
    return pygame.surfarray.array3d(app.window).astype(float)


def stretched(app: App, scene: PlanningScene) -> np.ndarray:
    """The same frame as the interface alone draws it: on the canvas, stretched."""
    canvas = pygame.Surface(app.size)
    scene.draw(canvas)
    return pygame.surfarray.array3d(pygame.transform.smoothscale(canvas, WINDOW)).astype(float)


def map_area(app: App, scene: PlanningScene) -> tuple[slice, slice]:
    """The map below the status bar and hint, in window pixels (x, y slices)."""
    r = scene.map.rect
    k = app.scale[0]
    return slice(round(r.x * k) + 10, round(r.right * k) - 10), slice(
        round((r.y + BAR_H + 40) * k), round(r.bottom * k) - 10
    )


def sharpness(picture: np.ndarray, area: tuple[slice, slice]) -> float:
    """The mean difference between neighbouring pixels: a soft picture's is small."""
    part = picture[area].mean(axis=2)
    return float(np.abs(np.diff(part, axis=0)).mean() + np.abs(np.diff(part, axis=1)).mean())


def test_at_100_percent_the_scenes_draw_on_the_window_itself(shared_app):
    assert shared_app.native is None and shared_app.screen is shared_app.window


def test_scaled_up_the_map_is_sharper_than_the_stretched_interface(desk):
    app = desk.app
    assert app.scale_percent == 150 and app.native is not None
    area = map_area(app, desk)
    native, soft = sharpness(window_pixels(app), area), sharpness(stretched(app, desk), area)
    assert native > 1.15 * soft, (native, soft)  # about 1.3 drawn natively, 1.0 stretched


def test_the_map_shows_at_the_window_resolution_what_it_shows_on_the_canvas(desk):
    app, m = desk.app, desk.map
    at_scale = (set(m.target_icons), dict(m.icon_at), [p.place.name for p in m.places])
    canvas = pygame.Surface(app.size)
    m.draw(canvas, desk.view, None, app.palette)  # no window beneath: drawn on the canvas
    assert at_scale[0] == m.target_icons, "the same targets' icons"
    for tid, (x, y) in m.icon_at.items():  # where they stand, in the canvas's pixels
        ax, ay = at_scale[1][tid]
        assert abs(ax - x) <= 1 and abs(ay - y) <= 1, tid
    same = set(at_scale[2]) & {p.place.name for p in m.places}
    assert len(same) >= 0.8 * len(at_scale[2]), "mostly the same places named"


@pytest.mark.parametrize("zoom", range(len(ZOOMS)))
def test_what_the_scaled_map_placed_is_taken_back_to_the_canvas_without_overlaps(desk, zoom):
    app, m = desk.app, desk.map
    m.zoom_at(m.rect.center, zoom - m.zoom_index)
    app.draw()
    assert m.places, "places are named at every zoom"
    rects = [p.rect for p in m.places] + list(m.target_labels.values())
    for i, a in enumerate(rects):
        assert m.rect.contains(a), a
        assert a.collidelist(rects[i + 1 :]) < 0, a


def test_what_the_desk_draws_over_the_map_still_shows_above_it(desk):
    app = desk.app
    native, soft = window_pixels(app), stretched(app, desk)
    k = app.scale[0]
    bar = (slice(0, round(desk.map.rect.right * k)), slice(0, round(BAR_H * k) - 2))
    panel = (slice(round(desk.map.rect.right * k) + 4, WINDOW[0]), slice(0, WINDOW[1]))
    for part in (bar, panel):
        assert np.abs(native[part] - soft[part]).mean() < 2.0


def test_a_dialog_over_the_desk_shades_the_map_drawn_beneath(desk):
    app = desk.app
    area = map_area(app, desk)
    bright = window_pixels(app)[area].mean()
    open_menu(desk)
    app.draw()
    assert app.scene.name != "planning"
    assert window_pixels(app)[area].mean() < 0.6 * bright
    app.pop()


def test_the_resolution_show_flies_its_sprites_at_the_window_resolution(desk, monkeypatch):
    from game.ui.screens import resolution

    monkeypatch.setattr(resolution, "DAY_S", 0.6)
    pens = []
    real = resolution._aircraft

    def record(pen, *args):
        pens.append((pen.surface, pen.k))
        real(pen, *args)

    monkeypatch.setattr(resolution, "_aircraft", record)
    desk.fly()
    wait_for(desk.app, "resolution")
    show = desk.app.scene
    show.elapsed = resolution.DAY_S * 0.8  # the formations in the air
    desk.app.draw()
    assert pens and all(s is desk.app.window and k == 1.5 for s, k in pens)


def test_the_map_key_over_the_map_is_drawn_at_the_window_resolution_too(desk):
    app = desk.app
    desk.show_legend = True
    app.draw()
    r, k = desk.map.rect, app.scale[0]
    corner = (r.x + 20, r.bottom - 20)  # inside the key, drawn from the map's corner
    assert app.screen.get_at(corner).a == 0, "the canvas is clear over the key"
    key = (slice(round(r.x * k), round((r.x + 300) * k)), slice(round((r.bottom - 200) * k), 1080))
    assert sharpness(window_pixels(app), key) > 1.15 * sharpness(stretched(app, desk), key)
    desk.show_legend = False
