"""Resolution: after End Turn the packages fly over the map, then the report; Space skips."""

from __future__ import annotations

import time

import pygame
import pytest

from game.save import state_digest
from game.ui.app import App
from tests.ui.test_app import SIZES, to_map, wait_for

SKIP_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_ESCAPE)


@pytest.fixture
def app(shared_app, monkeypatch):
    """At the planning desk of a new suiho_1952 game, with the show at its real pace."""
    monkeypatch.setattr("game.ui.screens.resolution.DAY_S", 0.6)
    shared_app.to_title()
    shared_app.running = True
    shared_app.step([])
    to_map(shared_app)
    return shared_app


def key(app: App, k: int) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)])


def test_the_show_follows_end_turn_and_space_skips_to_the_report(app):
    planning = app.scene
    planning.fly()
    wait_for(app, "resolution")
    scene = app.scene
    assert scene.below is planning
    assert scene.days and scene.days[0].flights, "the historical plan flies packages"
    assert any(o.damage is not None for o in scene.days[0].outcomes.values())
    assert app.stack.names() == ["title", "planning", "resolution"]
    key(app, pygame.K_SPACE)
    assert app.stack.names() == ["title", "planning", "report"]
    assert "Turn 1 report" in app.scene.text.html_text
    key(app, pygame.K_RETURN)
    assert app.scene is planning


@pytest.mark.parametrize("k", SKIP_KEYS)
def test_every_skip_key_and_a_click_reach_the_report(app, k):
    app.scene.fly()
    wait_for(app, "resolution")
    key(app, k)
    assert app.scene.name == "report"


def test_a_click_skips(app):
    app.scene.fly()
    wait_for(app, "resolution")
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(300, 300), button=1)])
    assert app.scene.name == "report"


def test_the_show_ends_by_itself(app):
    app.scene.fly()
    wait_for(app, "resolution")
    assert 0 < app.scene.total_s < 5
    wait_for(app, "report", limit_s=app.scene.total_s + 5)


def test_it_reads_events_only_and_changes_no_state(app):
    planning = app.scene
    planning.fly()
    wait_for(app, "resolution")
    scene = app.scene
    digest = state_digest(planning.session.state)
    events = list(scene.result.events)
    plan = planning.orders
    deadline = time.monotonic() + 0.8
    while time.monotonic() < deadline and app.scene is scene:
        app.step([])
    for t in (0.1, 0.5, 0.8, scene.total_s - 0.01):
        scene.elapsed = t
        scene.draw(app.screen)
    assert state_digest(planning.session.state) == digest
    assert list(scene.result.events) == events
    assert planning.orders == plan


@pytest.mark.parametrize("size", SIZES)
def test_it_renders_at_each_size(shared_app, monkeypatch, size):
    monkeypatch.setattr("game.ui.screens.resolution.DAY_S", 0.6)
    a = shared_app
    a.to_title()
    a.running = True
    pygame.display.set_mode(size, pygame.RESIZABLE)
    a._resized()
    try:
        to_map(a)
        a.scene.fly()
        wait_for(a, "resolution")
        scene = a.scene
        assert scene.size == size
        map_rect = scene.below.map.rect
        for t in (0.2, 0.59, 0.8, scene.total_s - 0.05):
            scene.elapsed = t
            a.dirty = True
            a.draw()
            caption = scene.caption_rect
            assert map_rect.contains(caption) and caption.w > 200
            assert a.screen.get_at(caption.center)[:3] != (150, 170, 178)
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        a._resized()


def test_result_tags_leave_target_names_readable(app):
    """Each result tag keeps clear of the other tags and of the names on the map."""
    app.scene.fly()
    wait_for(app, "resolution")
    scene = app.scene
    scene.elapsed = scene.total_s - 0.01  # the whole turn's results at once
    app.dirty = True
    app.draw()
    names = scene.below.map.occupied
    tags = scene.tag_rects
    assert len(tags) >= 3 and names
    for i, tag in enumerate(tags):
        assert tag.collidelist(tags[i + 1 :]) < 0, "two result tags overlap"
        assert tag.collidelist(names) < 0, "a result tag covers a target's icon or name"
        assert tag.collidelist(scene.below.map.keep_clear) < 0, "a tag under the toolbar"
        assert scene.below.map.rect.contains(tag)


def test_a_crowded_spot_moves_the_tag_out_and_not_onto_another():
    from game.ui.screens.resolution import _free_spot

    at = (400.0, 300.0)
    names = [pygame.Rect(410, 290, 80, 20), pygame.Rect(320, 290, 70, 20)]
    placed = [pygame.Rect(370, 260, 60, 20)]
    bounds = pygame.Rect(0, 0, 800, 600)
    box = _free_spot(at, 50, 20, placed, names, bounds)
    assert box.collidelist(names) < 0 and box.collidelist(placed) < 0 and bounds.contains(box)
    # A target at the edge of the view gets its tag inside the view.
    edge = _free_spot((790.0, 300.0), 50, 20, [], [], bounds)
    assert bounds.contains(edge)
    # With names everywhere, a tag still avoids the other tags.
    everything = [pygame.Rect(0, 0, 800, 600)]
    crowded = _free_spot(at, 50, 20, placed, everything, bounds)
    assert crowded.collidelist(placed) < 0


def test_the_desk_behind_the_show_no_longer_reads_enemy_turn(app):
    """Covered scenes get no updates: the desk must be up to date when the show starts."""
    desk = app.scene
    desk.fly()
    wait_for(app, "resolution")
    assert desk.end_button.text == "End Turn"

    def button_on_screen() -> bytes:
        app.dirty = True
        app.draw()
        return pygame.image.tobytes(app.screen.subsurface(desk.end_button.rect), "RGB")

    as_drawn = button_on_screen()
    desk.manager.update(0.0)  # anything still pending would change the picture now
    assert button_on_screen() == as_drawn


def test_the_status_bar_shows_the_day_being_flown_until_the_report(app, monkeypatch):
    """The session already holds the next turn; the header keeps the replayed day."""
    drawn: list = []
    import game.ui.desk.desk_drawing as planning_module

    real = planning_module.draw_status_bar

    def spy(surface, rect, rules, view, pal):
        drawn.append(view.day)
        return real(surface, rect, rules, view, pal=pal)

    monkeypatch.setattr(planning_module, "draw_status_bar", spy)
    desk = app.scene
    start = desk.view.day
    desk.fly()
    wait_for(app, "resolution")
    assert app.scene.session.state.day > start  # the turn is already resolved
    drawn.clear()
    app.dirty = True
    app.draw()
    assert drawn and set(drawn) == {start}
    assert desk.status_view is None  # set only while the show draws the desk
    key(app, pygame.K_SPACE)
    drawn.clear()
    app.dirty = True
    app.draw()
    assert drawn and drawn[-1] == app.scene.session.state.day  # the report: the new day


def test_the_show_flies_each_pool_in_its_own_silhouette(app, monkeypatch):
    from game.ui.map import sprites
    from game.ui.screens import resolution

    drawn: list[str] = []
    real = resolution._aircraft

    def record(surface, name, *args):
        drawn.append(name)
        real(surface, name, *args)

    monkeypatch.setattr(resolution, "_aircraft", record)
    app.scene.fly()
    wait_for(app, "resolution")
    scene = app.scene
    rules = scene.session.rules
    flown = {name for day in scene.days for f in day.flights for name in f.aircraft}
    assert flown and flown <= set(sprites.AIRCRAFT)
    assert flown <= {name for p in rules.pools.values() for name in sprites.aircraft_sprites(p)}
    scene.elapsed = resolution.DAY_S * 0.8  # the formations in the air
    scene.draw(app.screen)
    assert flown <= set(drawn)
