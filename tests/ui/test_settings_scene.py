"""The Settings screen: changes made with the mouse are applied, saved and back after a
restart; the interface scale is clamped to the window; clicks land where the player
points at 150%; the colour-blind palette reaches the map; F11 is remembered."""

from __future__ import annotations

import dataclasses
import json
import time

import numpy as np
import pygame
import pygame_gui
import pytest

from game.settings import Settings, load_settings, save_settings
from game.ui.app import App
from game.ui.desk.pressure_tab import pressure_html
from game.ui.kit.palettes import COLOUR_BLIND, COLOUR_BLIND_COLOURS, COLOUR_BLIND_ZONES
from game.ui.kit.panels import BAR_H
from game.ui.kit.style import STANDARD, Palette
from game.ui.kit.ui_scale import canvas_size, effective_scale, scale_note, to_canvas
from game.ui.map import icons, overlays


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh data home for each test."""
    monkeypatch.setenv("AIR_PRESSURE_HOME", str(tmp_path))
    return tmp_path


def open_app(size: tuple[int, int]) -> App:
    app = App(size)
    app.step([])
    return app


def post_click(pos: tuple[float, float]) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def click(app: App, element: pygame_gui.core.UIElement) -> None:
    """Click an element's centre as the window sees it (scaled by the interface scale)."""
    x, y = element.get_abs_rect().center
    post_click((x * app.scale[0] + 0.5, y * app.scale[1] + 0.5))
    for _ in range(3):
        app.step()


def key(app: App, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))
    app.step()


def test_settings_made_on_the_screen_are_back_after_a_restart(home):
    app = open_app((1280, 720))
    click(app, app.scene.settings_button)
    assert app.stack.names() == ["title", "settings"]
    screen = app.scene
    click(app, screen.toggles["colour_blind"])
    click(app, screen.toggles["default_difficulty:hard"])
    click(app, screen.toggles["place_names"])
    click(app, screen.toggles["hangul_names"])
    click(app, screen.toggles["scale150"])
    slider = screen.volume_slider
    pygame.event.post(
        pygame.event.Event(pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, ui_element=slider, value=35)
    )
    app.step()
    assert app.settings == Settings()  # nothing applied before Apply
    click(app, screen.apply_button)
    saved = json.loads((home / "settings.json").read_text())
    assert saved["colour_blind"] is True and saved["default_difficulty"] == "hard"
    assert saved["volume"] == 35 and saved["ui_scale"] == 150
    assert saved["place_names"] is False and saved["hangul_names"] is True
    assert app.palette == COLOUR_BLIND and app.sound.volume == 35
    assert app.scale_percent == 100  # 150% does not fit 1280×720: the screen says so
    assert "150% needs a 1920×1080 window; 100% is used" in app.scene.scale_label.text
    key(app, pygame.K_ESCAPE)
    assert app.stack.names() == ["title"]
    pygame.display.quit()

    again = open_app((1920, 1080))
    assert again.settings.model_dump() == {**Settings().model_dump(), **saved}
    assert again.palette == COLOUR_BLIND
    assert again.scale_percent == 150 and again.size == (1280, 720)
    click(again, again.scene.new_game)
    assert again.scene.name == "scenario" and again.scene.difficulty == "hard"
    pygame.display.quit()


def test_back_drops_changes_not_applied(home):
    app = open_app((1280, 720))
    click(app, app.scene.settings_button)
    click(app, app.scene.toggles["colour_blind"])
    click(app, app.scene.back_button)
    assert app.stack.names() == ["title"]
    assert app.settings == Settings() and not (home / "settings.json").exists()
    pygame.display.quit()


def test_a_damaged_settings_file_is_shown_on_the_screen(home):
    (home / "settings.json").write_text("{not json")
    app = open_app((1280, 720))
    click(app, app.scene.settings_button)
    assert "could not be read" in app.scene.problem_box.html_text
    pygame.display.quit()


def test_a_display_that_refuses_full_screen_opens_a_window(home, monkeypatch):
    save_settings(Settings(fullscreen=True))
    real = pygame.display.set_mode

    def no_full_screen(size=(0, 0), flags=0, *rest, **kw):
        if flags & pygame.FULLSCREEN:
            raise pygame.error("no full screen here")
        return real(size, flags, *rest, **kw)

    monkeypatch.setattr(pygame.display, "set_mode", no_full_screen)
    app = open_app((1280, 720))
    assert not app.fullscreen and not app.settings.fullscreen
    assert app.window.get_size() == (1280, 720)
    assert "Full screen could not be used" in (app.settings_problem or "")
    assert load_settings()[0].fullscreen  # the player's choice is kept for next time
    pygame.display.quit()


@pytest.mark.parametrize(
    ("window", "wanted", "used"),
    [
        ((1280, 720), 200, 100),
        ((1920, 1080), 200, 150),
        ((1920, 1080), 150, 150),
        ((1920, 1200), 175, 150),
        ((2560, 1440), 200, 200),
        ((2560, 1440), 125, 125),
        ((1600, 900), 150, 125),
    ],
)
def test_the_scale_is_the_largest_that_keeps_1280_by_720(window, wanted, used):
    assert effective_scale(window, wanted) == used
    canvas = canvas_size(window, used)
    assert canvas[0] >= 1280 and canvas[1] >= 720
    assert bool(scale_note(window, wanted)) == (used < wanted)


def test_mouse_positions_are_read_onto_the_canvas():
    event = pygame.event.Event(pygame.MOUSEMOTION, pos=(300, 150), rel=(3, -6), buttons=(1, 0, 0))
    moved = to_canvas(event, (1.5, 1.5))
    assert moved.pos == (200, 100) and moved.rel == (2.0, -4.0)
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1)
    assert to_canvas(wheel, (1.5, 1.5)) is wheel


def test_at_150_percent_clicks_and_the_map_land_where_the_player_points(home):
    save_settings(Settings(ui_scale=150))
    app = open_app((1920, 1080))
    assert app.scale_percent == 150 and app.size == (1280, 720)
    assert app.screen.get_size() == (1280, 720) and app.window.get_size() == (1920, 1080)
    # A click at the button's place in the window opens the settings; beside it, nothing.
    button = app.scene.settings_button.get_abs_rect()
    post_click((button.right * 1.5 + 40, button.centery * 1.5))
    app.step()
    app.step()
    assert app.stack.names() == ["title"]
    click(app, app.scene.settings_button)
    assert app.stack.names() == ["title", "settings"]
    key(app, pygame.K_ESCAPE)
    # On the desk: a target under the window's mouse is the one hovered and picked.
    click(app, app.scene.new_game)
    click(app, app.scene.start_button)
    desk = app.scene
    assert desk.name == "planning"
    tid, target = next(
        (tid, t)
        for tid, t in desk.session.rules.targets.items()
        if t.kind != "rail_segment"
        and desk.map.rect.collidepoint(desk.map.to_screen(t.position))
        and desk.map.target_at(desk.view, desk.map.to_screen(t.position)) == tid
        and not desk.extras.toggles_rect().collidepoint(desk.map.to_screen(t.position))
    )
    x, y = desk.map.to_screen(target.position)
    window_pos = (x * 1.5, y * 1.5)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=window_pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.step()
    assert desk.hover == tid
    post_click(window_pos)
    for _ in range(3):
        app.step()
    assert desk.plan.draft.target == tid
    pygame.display.quit()


def test_the_colour_blind_palette_names_only_colours_the_palette_has():
    names = {f.name for f in dataclasses.fields(Palette)}
    assert [name for name in COLOUR_BLIND_COLOURS if name not in names] == []
    kinds = {kind for kind, _ in STANDARD.ZONES}
    assert [kind for kind in COLOUR_BLIND_ZONES if kind not in kinds] == []
    assert {kind for kind, _ in COLOUR_BLIND.ZONES} == kinds


def test_the_colour_blind_palette_changes_the_overlays_and_back(home):
    standard = {o.key: o.colour(STANDARD) for o in overlays.OVERLAYS}
    changed = {o.key: o.colour(COLOUR_BLIND) for o in overlays.OVERLAYS}
    assert all(changed[k] != standard[k] for k in ("mig", "flak", "buffer"))
    assert icons.damage_colour(COLOUR_BLIND, 80) != icons.damage_colour(STANDARD, 80)
    assert COLOUR_BLIND.GOOD != STANDARD.GOOD
    assert COLOUR_BLIND.zone("mig_alley") != STANDARD.zone("mig_alley")
    # The replay's incidents no longer red beside orange.
    assert COLOUR_BLIND.INCIDENT != STANDARD.INCIDENT
    app = open_app((1280, 720))
    assert app.palette is STANDARD
    app.change_settings(app.settings.model_copy(update={"colour_blind": True}))
    assert app.palette is COLOUR_BLIND
    app.change_settings(app.settings.model_copy(update={"colour_blind": False}))
    assert app.palette is STANDARD
    pygame.display.quit()


def test_a_palette_is_a_value_no_one_can_change():
    with pytest.raises(dataclasses.FrozenInstanceError):
        STANDARD.GOOD = (0, 0, 0)  # type: ignore[misc]
    assert Palette() == STANDARD and hash(STANDARD) == hash(Palette())
    assert STANDARD != COLOUR_BLIND
    r, g, b = STANDARD.DANGER
    assert STANDARD.html("DANGER") == f"#{r:02x}{g:02x}{b:02x}"
    assert STANDARD.zone("no_such_kind") == STANDARD.zone("another") != STANDARD.zone("pow_camp")
    with pytest.raises(KeyError):
        STANDARD.colour("ZONES")


def _screen(app) -> np.ndarray:
    app.dirty = True
    app.draw()
    return pygame.surfarray.array3d(app.screen)


def _inside_zone(desk, kind: str) -> list[tuple[int, int]]:
    """Screen pixels inside the first zone of ``kind`` on the desk's map, a grid of them."""
    from game.core.geometry import Layer

    m = desk.map
    zone = next(f for f in m.geo.on_layer(Layer.ZONES) if f.kind == kind)
    ring = np.asarray([m.to_screen(p) for p in zone.points])
    x0, y0 = ring.min(axis=0)
    x1, y1 = ring.max(axis=0)
    out = []
    for x in np.linspace(x0, x1, 24)[1:-1]:
        for y in np.linspace(y0, y1, 24)[1:-1]:
            if m.rect.collidepoint(x, y) and overlays._inside(np.array([x, y]), ring):
                out.append((int(x), int(y)))
    return out


def test_switching_the_palette_in_the_settings_redraws_the_desk_and_back_exactly(desk):
    """The app holds the palette: Apply with colour-blind on draws the map's zones and the
    gauges in the other colours, and switching back draws the very same pixels again."""
    app = desk.app
    desk.map.zoom_index = 0  # the whole theatre: MiG Alley is on the screen
    desk.map.center_on((desk.map.geo.width_km / 2, desk.map.geo.height_km / 2))
    desk.hover = None
    before = _screen(app)
    try:
        app.change_settings(app.settings.model_copy(update={"colour_blind": True}))
        changed = _screen(app)
    finally:
        app.change_settings(app.settings.model_copy(update={"colour_blind": False}))
    back = _screen(app)
    assert np.array_equal(back, before)
    # A gauge of the status bar: its fill takes the colour-blind colour, pixel for pixel.
    gauge = (before == STANDARD.GAUGE_OPINION).all(axis=2)
    bar = desk.map.rect
    gauge[:, : bar.y] = gauge[:, bar.y + BAR_H :] = False  # the bar across the map's top
    assert gauge.sum() > 50
    assert (changed[gauge] == COLOUR_BLIND.GAUGE_OPINION).all()
    # MiG Alley's fill on the map: a new tint over the same terrain.
    spots = _inside_zone(desk, "mig_alley")
    assert len(spots) > 20
    moved = [p for p in spots if tuple(changed[p]) != tuple(before[p])]
    assert len(moved) > 0.6 * len(spots)  # the rest: under icons, names and the rail


def test_widgets_built_in_the_old_colours_are_built_again_in_the_new(desk):
    """The Pressure tab writes its text in palette colours when it is built: after the
    colour-blind palette is applied the tab is built again, in the new colours."""
    app = desk.app
    desk.fly()  # a turn flown: the tab then names its causes in good and bad colours
    deadline = time.monotonic() + 30
    while app.scene is desk or app.scene.name != "report":
        assert time.monotonic() < deadline, "the turn did not come back"
        app.step([])
    app.pop()
    assert app.scene is desk
    desk.show_tab("pressure")
    expected = pressure_html(desk.view, desk.session.rules.meter.threshold, pal=COLOUR_BLIND)
    assert desk.pressure_tab is not None
    assert desk.pressure_tab.text.html_text != expected  # the standard colours first
    try:
        app.change_settings(app.settings.model_copy(update={"colour_blind": True}))
        assert desk.pressure_tab is not None
        assert desk.pressure_tab.text.html_text == expected
    finally:
        app.change_settings(app.settings.model_copy(update={"colour_blind": False}))
    assert desk.pressure_tab.text.html_text == pressure_html(
        desk.view, desk.session.rules.meter.threshold, pal=STANDARD
    )


def test_f11_switches_full_screen_and_remembers_it(home):
    app = open_app((1280, 720))
    key(app, pygame.K_F11)
    assert app.fullscreen and load_settings()[0].fullscreen
    key(app, pygame.K_F11)
    assert not app.fullscreen and not load_settings()[0].fullscreen
    assert app.window.get_size() == (1280, 720) and app.size == (1280, 720)
    pygame.display.quit()


def test_f1_lists_the_full_screen_key_and_the_menu_settings():
    from game.ui.desk.desk_input import KEY_HELP

    keys = dict(KEY_HELP)
    assert "remembered" in keys["F11"]
    assert "settings" in keys["Esc"]


def test_the_settings_screen_follows_the_window_and_f11(home):
    save_settings(Settings(ui_scale=150))
    app = open_app((1920, 1080))
    click(app, app.scene.settings_button)
    screen = app.scene
    assert "150% in use" in screen.scale_label.text
    app.set_window_size((1600, 900))  # the same 1280×720 canvas, stretched less
    app.step()
    assert app.scale_percent == 125 and app.size == (1280, 720)
    assert "150% needs a 1920×1080 window; 125% is used" in app.scene.scale_label.text
    key(app, pygame.K_F11)
    app.step()
    assert app.fullscreen and app.scene.pending.fullscreen
    key(app, pygame.K_F11)
    app.step()
    assert not app.fullscreen and not app.scene.pending.fullscreen
    assert app.window.get_size() == (1600, 900)
    pygame.display.quit()


def test_the_settings_panel_fits_its_rows(home):
    """No empty band under the last row: the buttons follow it, inside the panel."""
    app = open_app((1280, 720))
    try:
        click(app, app.scene.settings_button)
        screen = app.scene
        panel = screen.panel_rect()
        last = screen.toggles["hangul_names"].get_abs_rect()
        buttons = screen.apply_button.get_abs_rect()
        assert panel.contains(buttons) and buttons.top > last.bottom
        assert buttons.top - last.bottom <= 48
        assert panel.bottom - buttons.bottom <= 24
    finally:
        pygame.display.quit()


def test_a_window_resized_by_hand_opens_at_that_size_next_time(home, monkeypatch):
    app = open_app((1280, 720))
    app.remember_window_size()
    assert load_settings()[0].window_size is None, "an untouched window keeps Automatic"
    pygame.display.set_mode((1500, 850), pygame.RESIZABLE)  # the player drags the corner
    app._resized()
    app.remember_window_size()
    assert load_settings()[0].window_size == (1500, 850)
    pygame.display.quit()
    monkeypatch.setattr("game.ui.app.desktop_size", lambda: (1920, 1080))
    again = App()
    assert again.window.get_size() == (1500, 850)
    pygame.display.quit()
