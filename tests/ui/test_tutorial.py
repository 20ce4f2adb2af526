"""The tutorial driven as a newcomer drives it: posted clicks and keys from the title to
the first report. Each step goes on only when its own action is done; the prompt points
at the right control at both window sizes, beside it and with its text whole; skipping
and finishing are remembered in the settings file; the title replays it."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from pathlib import Path

import pygame
import pytest

from game.settings import Settings, load_settings
from game.ui.app import App
from game.ui.screens.tutorial_steps import SCRIPT_PATH, ScriptError, load_script
from tests.ui.test_planning_desk import (
    centre,
    click,
    press,
    resize_window,
    settle,
    type_number,
    wait_for,
)

SIZES = [(1280, 720), (1920, 1080)]


# ----------------------------------------------------------------------- helpers


def fresh(app: App) -> None:
    """A first start: the settings as a new player has them."""
    app.change_settings(Settings())
    app.to_title()
    settle(app, 2)


def start(app: App) -> None:
    click(app, centre(app.scene.tutorial_button))
    assert app.tutorial is not None
    assert app.stack.names() == ["title", "planning"]


def at(app: App) -> str:
    settle(app, 2)
    return app.tutorial.step_id if app.tutorial is not None else "(none)"


def prompt_button(app: App, which: str) -> None:
    lay = app.tutorial.layout
    rect = lay.next if which == "next" else lay.skip
    assert rect is not None, f"no {which} button on step {at(app)}"
    click(app, rect.center)


def check_prompt(app: App, control: pygame.Rect | None) -> None:
    """The ring is around the control and the box beside it, whole and on the window."""
    app.dirty = True
    settle(app, 1)
    lay = app.tutorial.layout
    assert lay is not None, f"no prompt on step {at(app)}"
    screen = app.screen.get_rect()
    assert screen.contains(lay.box)
    for img, pos in lay.texts:  # no line cut at the box's edge or under its buttons
        line = img.get_rect(topleft=pos)
        assert lay.box.contains(line), at(app)
        assert line.bottom <= lay.skip.top, at(app)
    if control is None:
        assert lay.ring is None
        return
    assert lay.ring is not None and lay.ring.contains(control), at(app)
    assert not lay.box.colliderect(control) and not lay.box.colliderect(lay.ring), at(app)
    assert lay.arrow is not None


def rect_of(element) -> pygame.Rect:
    return pygame.Rect(element.get_abs_rect())


def suiho_on_screen(app: App) -> tuple[int, int]:
    desk = app.scene
    x, y = desk.map.to_screen(desk.session.rules.targets["suiho_dam"].position)
    return round(x), round(y)


# ----------------------------------------------------------------------- tests


@pytest.mark.slow  # a long interface game
@pytest.mark.parametrize("size", SIZES)
def test_the_tutorial_from_the_title_to_the_report(shared_app, size):
    app = shared_app
    app.running = True
    resize_window(app, size)
    try:
        fresh(app)
        start(app)
        desk = app.scene
        assert at(app) == "welcome"
        check_prompt(app, None)
        click(app, (desk.map.rect.x + 30, desk.map.rect.bottom - 30))  # not the Next button
        assert at(app) == "welcome"
        prompt_button(app, "next")

        assert at(app) == "pick_target"
        suiho = suiho_on_screen(app)
        check_prompt(app, pygame.Rect(suiho[0] - 8, suiho[1] - 8, 16, 16))
        assert app.tutorial.layout.next is None  # this step needs the player's action
        chosin = desk.map.to_screen(desk.session.rules.targets["chosin_plants"].position)
        click(app, chosin)  # another target does not do
        assert desk.plan.draft.target == "chosin_plants" and at(app) == "pick_target"
        click(app, suiho)
        assert desk.plan.draft.target == "suiho_dam"

        assert at(app) == "strike"
        check_prompt(app, rect_of(desk.builder.strike_spinners["fifth_af_fb"].entry))
        type_number(app, desk.builder.supp_spinners["fifth_af_fb"], 10)  # flak, not strike
        assert at(app) == "strike"
        type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 120)

        assert at(app) == "escort"
        check_prompt(app, rect_of(desk.builder.escort.entry))
        click(app, centre(desk.builder.warn_button))  # a warning is not an escort
        assert at(app) == "escort"
        type_number(app, desk.builder.escort, 80)

        assert at(app) == "politics"
        check_prompt(app, rect_of(desk.tab_buttons["politics"]))
        click(app, centre(desk.tab_buttons["plan"]))
        assert at(app) == "politics"
        click(app, centre(desk.tab_buttons["politics"]))

        assert at(app) == "card"
        card = desk.politics_tab.card_boxes["manchurian_airspace"]
        check_prompt(app, rect_of(card))
        assert "Manchurian" in card.html_text
        settle(app, 5)
        assert at(app) == "card"  # read at the player's pace: Next goes on
        prompt_button(app, "next")

        assert at(app) == "add"
        check_prompt(app, rect_of(desk.tab_buttons["package"]))  # first back to the tab
        assert "Package tab" in app.tutorial.pointer().detour
        click(app, centre(desk.tab_buttons["package"]))
        assert at(app) == "add" and desk.plan.draft.escort == 80  # the package was kept
        check_prompt(app, rect_of(desk.builder.add_button))
        click(app, centre(desk.builder.add_button))

        assert at(app) == "end_turn"
        check_prompt(app, rect_of(desk.end_button))
        press(app, pygame.K_z, pygame.KMOD_CTRL)  # undo the package: back to building it
        assert desk.orders.packages == () and at(app) == "pick_target"
        press(app, pygame.K_y, pygame.KMOD_CTRL)  # redo: straight back, the card read
        assert at(app) == "end_turn"
        click(app, centre(desk.end_button))

        wait_for(app, "report")
        assert at(app) == "report"
        report = app.scene
        check_prompt(app, rect_of(report.text))
        assert "Sup'ung (Suiho) dam" in report.text.html_text
        prompt_button(app, "next")

        assert at(app) == "continue"
        check_prompt(app, rect_of(report.continue_button))
        click(app, centre(report.continue_button))

        assert app.scene is desk and at(app) == "finish"
        check_prompt(app, None)
        assert app.tutorial.layout.next_label == "Finish"
        assert not app.settings.tutorial_done
        prompt_button(app, "next")
        assert app.tutorial is None
        assert app.settings.tutorial_done and load_settings()[0].tutorial_done
        assert len(desk.session.results) == 1 and not desk.session.over  # the game goes on
    finally:
        resize_window(app, (1280, 720))


def test_skip_is_remembered_and_the_title_replays_it(app):
    fresh(app)
    assert app.scene.name == "title"
    start(app)
    click(app, suiho_on_screen(app))  # a step done, then skipped
    assert at(app) == "strike"
    prompt_button(app, "skip")
    assert app.tutorial is None
    assert "skipped" in app.scene.message
    saved, problem = load_settings()
    assert problem is None and saved.tutorial_done
    assert app.settings == saved
    app.dirty = True
    settle(app, 2)
    assert app.tutorial is None  # it stays gone while the game goes on

    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Quit to title"]))
    assert app.stack.names() == ["title"]
    start(app)  # replayed from the title, from the first step, in a new game
    assert at(app) == "welcome"
    assert app.scene.session.results == [] and app.scene.orders.packages == ()


def test_taking_a_step_back_takes_the_tutorial_back(app):
    fresh(app)
    start(app)
    desk = app.scene
    click(app, suiho_on_screen(app))
    type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 100)
    assert at(app) == "escort"
    type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 0)
    assert at(app) == "strike"
    click(app, centre(desk.builder.clear_button))
    assert at(app) == "pick_target"


def test_night_sends_the_player_back_to_day_for_the_thunderjets(app):
    fresh(app)
    start(app)
    desk = app.scene
    click(app, suiho_on_screen(app))
    click(app, centre(desk.builder.night_button))
    assert desk.plan.draft.night and "fifth_af_fb" not in desk.builder.strike_spinners
    assert at(app) == "strike"
    assert "Day" in app.tutorial.pointer().detour
    check_prompt(app, rect_of(desk.builder.day_button))
    click(app, centre(desk.builder.day_button))
    assert not desk.plan.draft.night and app.tutorial.pointer().detour == ""
    check_prompt(app, rect_of(desk.builder.strike_spinners["fifth_af_fb"].entry))


def test_the_prompt_takes_clicks_at_an_interface_scale(shared_app):
    app = shared_app
    app.running = True
    resize_window(app, (1920, 1080))
    try:
        fresh(app)
        app.change_settings(Settings(ui_scale=150))
        assert app.size == (1280, 720) and app.scale == (1.5, 1.5)
        bx, by = centre(app.scene.tutorial_button)  # canvas positions; the window's are 1.5x
        click(app, (bx * 3 // 2, by * 3 // 2))
        assert at(app) == "welcome"
        at_next = app.tutorial.layout.next.center  # on the 1280x720 canvas
        click(app, (at_next[0] * 3 // 2, at_next[1] * 3 // 2))  # where the window gets it
        assert at(app) == "pick_target"
        x, y = suiho_on_screen(app)
        click(app, (x * 3 // 2, y * 3 // 2))
        assert at(app) == "strike"
    finally:
        app.change_settings(Settings())
        resize_window(app, (1280, 720))


def test_the_prompt_hides_under_menus_and_leaving_the_game_ends_it_unfinished(app):
    fresh(app)
    start(app)
    press(app, pygame.K_F1)
    assert app.scene.name == "help"
    assert not app.tutorial.visible()
    app.dirty = True
    settle(app, 1)
    assert app.tutorial.layout is None
    press(app, pygame.K_ESCAPE)
    assert app.tutorial.visible()
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Quit to title"]))
    assert app.stack.names() == ["title"] and app.tutorial is None
    assert not app.settings.tutorial_done  # not finished: still offered


def test_the_first_start_offer_shows_beside_the_button_until_the_tutorial_is_done(app):
    fresh(app)
    title = app.scene
    h = app.size[1]
    for button in (title.new_game, title.tutorial_button, title.quit_button):
        assert rect_of(button).bottom < h - 44 - 16  # the column clears the footer
    beside = rect_of(title.tutorial_button)
    mark = (beside.right + 16, beside.centery)  # the little arrow of the offer

    def offered() -> bool:
        app.dirty = True
        settle(app, 1)
        return tuple(app.screen.get_at(mark))[:3] == app.palette.ACCENT

    assert not app.settings.tutorial_done and offered()
    app.change_settings(Settings(tutorial_done=True))
    assert load_settings()[0].tutorial_done and not offered()
    assert title.tutorial_button.is_enabled  # replay stays on offer


def test_the_shipped_script_loads_and_a_bad_one_names_file_and_key(tmp_path: Path):
    script = load_script()
    assert script.steps[0].id == "welcome" and script.steps[-1].done_when == "next"
    assert all(step.why for step in script.steps)  # every prompt says why
    text = SCRIPT_PATH.read_text(encoding="utf-8")
    bad = tmp_path / "tutorial.toml"
    bad.write_text(text.replace('"escort_set"', '"escort_sett"'), encoding="utf-8")
    with pytest.raises(ScriptError, match=r"tutorial\.toml: steps\.3\.done_when"):
        load_script(bad)
    bad.write_text(text.replace('id = "welcome"', 'ident = "welcome"'), encoding="utf-8")
    with pytest.raises(ScriptError, match=r"tutorial\.toml: steps\.0"):
        load_script(bad)
    bad.write_text(text.replace('scenes = ["report"]', 'scenes = ["reports"]', 1), "utf-8")
    with pytest.raises(
        ScriptError, match=r"tutorial\.toml: steps\.\d+\.scenes\.0: Input should be"
    ):
        load_script(bad)
    long_text = text.replace('why = "', 'why = "' + "Too long. " * 40, 1)
    bad.write_text(long_text, encoding="utf-8")
    with pytest.raises(ScriptError, match=r"tutorial\.toml: steps\.0\.why: String should have"):
        load_script(bad)
    bad.write_bytes(b'scenario = "\xff"\n')  # not UTF-8: said, never a traceback
    with pytest.raises(ScriptError, match=r"tutorial\.toml: 'utf-8' codec"):
        load_script(bad)


def _clear_of_words(app: App) -> int:
    """The ring and the arrow leave the labels beside the control readable."""
    app.dirty = True
    settle(app, 1)
    tutorial = app.tutorial
    lay, pointer = tutorial.layout, tutorial.pointer()
    from pygame_gui.elements import UILabel

    from game.ui.screens.tutorial import _text_rect

    others = tutorial._labels_near(pointer.rect)  # labels' words and other controls
    for rect in others:
        assert not rect.clipline(*lay.arrow), (at(app), rect)
    labels = [e for e in app.scene.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
    words = [_text_rect(e, pygame.Rect(e.rect)) for e in labels if e.visible and e.text]
    ring = lay.ring.inflate(2, 2)  # with its outline
    near = [w for w in words if w.colliderect(ring.inflate(160, 60))]
    for rect in near:
        assert not ring.colliderect(rect), (at(app), rect)
    return len(near)


@pytest.mark.parametrize("size", SIZES)
def test_the_ring_and_arrow_leave_the_labels_readable(shared_app, size):
    app = shared_app
    app.running = True
    resize_window(app, size)
    try:
        fresh(app)
        start(app)
        desk = app.scene
        prompt_button(app, "next")
        click(app, suiho_on_screen(app))
        assert at(app) == "strike"
        assert _clear_of_words(app) >= 2  # "Strike" above, "F-84 Thunderjet" beside
        type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 120)
        assert at(app) == "escort"
        _clear_of_words(app)
        type_number(app, desk.builder.escort, 80)
        # The verdict naming the restriction fits its box: no scroll bar.
        assert "Respect Manchurian airspace" in desk.builder.verdict.html_text
        assert desk.builder.verdict.scroll_bar is None
        click(app, centre(desk.tab_buttons["politics"]))
        assert at(app) == "card"
        assert _clear_of_words(app) >= 1  # "Restrictions in force" above
    finally:
        app.tutorial = None
        resize_window(app, (1280, 720))
