"""The window headless: scenes render at both sizes, clicks reach the map, a turn runs."""

from __future__ import annotations

import os
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pygame_gui
import pytest

from game.ui.app import App
from tests.ui.test_planning_desk import resize_window

SIZES = [(1280, 720), (1920, 1080)]


def click(app: App, pos: tuple[int, int]) -> None:
    """A left click as the window would receive it, then let the UI react."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    for _ in range(3):
        app.step()


def centre(element: pygame_gui.core.UIElement) -> tuple[int, int]:
    return element.get_abs_rect().center


def to_map(app: App) -> None:
    click(app, centre(app.scene.new_game))
    assert app.scene.name == "scenario"
    items = app.scene.list.item_list
    suiho = next(i for i in items if "Suiho" in i["text"])
    click(app, centre(suiho["button_element"]))
    assert app.scene.entry.folder.name == "suiho_1952"
    click(app, centre(app.scene.start_button))
    assert app.scene.name == "planning"


def wait_for(app: App, name: str, limit_s: float = 10.0) -> None:
    deadline = time.monotonic() + limit_s
    while app.scene.name != name and time.monotonic() < deadline:
        app.step()
        time.sleep(0.01)
    assert app.scene.name == name


def test_app_starts_headless_on_the_title(app):
    assert app.stack.names() == ["title"]
    assert app.frames_drawn >= 1


def test_clicks_reach_the_map_scene(app):
    to_map(app)
    assert app.stack.names() == ["title", "planning"]


def test_escape_on_the_title_quits(app):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    app.step()
    assert not app.running


@pytest.mark.parametrize("size", SIZES)
def test_every_scene_renders_at_each_size(shared_app, size, monkeypatch):
    monkeypatch.setattr("game.ui.screens.planning.MIN_BANNER_S", 0.6)  # render the banner too
    a = shared_app
    a.to_title()
    resize_window(a, size)
    try:
        assert a.screen.get_size() == size
        rendered = []

        def render() -> None:
            a.dirty = True
            a.step([])
            rendered.append(a.scene.name)

        render()
        a.scene._new_game()
        render()
        a.scene._select(
            next(i for i, e in enumerate(a.scene.entries) if e.folder.name == "suiho_1952")
        )
        a.scene._start()
        render()
        a.scene.fly()
        render()  # "Enemy turn…" while the thread runs
        wait_for(a, "report")
        render()
        for _ in range(10):  # suiho_1952 has five daily turns
            if a.scene.session.over:
                break
            a.scene.close()
            a.step([])
            a.scene.fly()
            wait_for(a, "report")
        a.scene.close()
        render()
        assert a.scene.session.over
        assert rendered == ["title", "scenario", "planning", "planning", "report", "end"]
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        a._resized()


def test_fly_button_runs_a_turn_and_shows_the_report(app):
    to_map(app)
    planning = app.scene
    before = planning.session.state
    click(app, centre(planning.end_button))
    assert planning.session.busy or app.scene.name in ("resolution", "report")
    wait_for(app, "report")
    assert planning.session.state is not before
    assert planning.session.state.turn == before.turn + 1
    assert len(planning.session.results) == 1
    html = app.scene.text.html_text
    assert "Turn 1 report" in html and "why:" in html
    click(app, centre(app.scene.continue_button))
    assert app.scene is planning


def test_the_window_keeps_drawing_while_the_enemy_moves(app, monkeypatch):
    from game.ui import offload

    real = offload.run_turn

    def slow(*args, **kwargs):
        time.sleep(0.4)
        return real(*args, **kwargs)

    here = offload.Offload(in_process=True)  # a slow turn on this process's thread
    monkeypatch.setattr(app, "worker", here)
    monkeypatch.setattr(offload, "run_turn", slow)
    to_map(app)
    app.scene.fly()
    drawn = app.frames_drawn
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:
        app.step([])
    assert app.frames_drawn - drawn >= 3
    wait_for(app, "report")


def test_zoom_keeps_the_point_under_the_cursor(app):
    to_map(app)
    view = app.scene.map
    cursor = (view.rect.x + 300, view.rect.y + 250)
    for steps in (1, 1, -1, -1, -1):
        km_before = view.to_km(cursor)
        assert view.zoom_at(cursor, steps)
        km_after = view.to_km(cursor)
        assert km_after == pytest.approx(km_before, abs=1e-6)


def test_wheel_zooms_around_the_mouse(app):
    to_map(app)
    view = app.scene.map
    pos = (view.rect.x + 420, view.rect.y + 330)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.step()
    km = view.to_km(pos)
    zoom = view.zoom_index
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    app.step()
    assert view.zoom_index == zoom + 1
    assert view.to_km(pos) == pytest.approx(km, abs=1e-6)


def test_drag_and_keys_scroll_the_map(app):
    to_map(app)
    view = app.scene.map
    start = list(view.offset)
    pos = view.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(pos[0] + 40, pos[1] + 30), rel=(40, 30), buttons=(1, 0, 0)
        )
    )
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(pos[0] + 40, pos[1] + 30), button=1)
    )
    app.step()
    assert view.offset == [start[0] - 40, start[1] - 30]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_d, mod=0, unicode="d"))
    app.step()
    assert view.offset[0] > start[0] - 40


def test_hover_shows_the_estimate_not_the_truth(app):
    from game.ui.kit.panels import tooltip_lines

    to_map(app)
    planning = app.scene
    tid = next(
        t
        for t in planning.view.active_targets
        if planning.session.rules.targets[t].kind != "rail_segment"
    )
    pos = tuple(
        round(c) for c in planning.map.to_screen(planning.session.rules.targets[tid].position)
    )
    assert planning.map.target_at(planning.view, pos) == tid
    text = " ".join(s for s, _ in tooltip_lines(planning.session.rules, planning.view, tid))
    assert "not yet assessed" in text


def test_idle_window_sleeps(app):
    app.step()
    app._linger = 0
    app.dirty = False
    app.step([])
    assert app.idle()
