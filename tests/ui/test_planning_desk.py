"""The planning desk driven as a player drives it: posted mouse clicks and keys only.

The whole-game test builds every package through the controls and shows that the
events of the game played through the window equal a headless ``run_turn`` run of the
same orders and seed.
"""

from __future__ import annotations

import os
import time
import warnings

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pygame_gui
import pytest

from game.core.model import PressPolicy
from game.core.orders import StandingTasks, StrikePackage, TurnOrders
from game.core.turn import new_game, run_turn
from game.save import list_saves, saves_dir, state_digest
from game.ui.app import App
from game.ui.kit.panels import BAR_H

SIZES = [(1280, 720), (1920, 1080)]


# ----------------------------------------------------------------------- input


def settle(app: App, frames: int = 3) -> None:
    for _ in range(frames):
        app.step()


def click(app: App, pos: tuple[int, int]) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    settle(app)


def press(app: App, key: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode))
    settle(app, 2)


def resize_window(app: App, size: tuple[int, int]) -> None:
    """The window resized as the player's drag does it: the display, then the event."""
    pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    app.step()


def centre(element: pygame_gui.core.UIElement) -> tuple[int, int]:
    return element.get_abs_rect().center


def type_number(app: App, spinner, n: int) -> None:
    """Click the spinner's box, select what is there, type the number, press Enter."""
    click(app, centre(spinner.entry))
    press(app, pygame.K_a, pygame.KMOD_CTRL, "a")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=str(n)))
    settle(app, 2)
    press(app, pygame.K_RETURN, 0, "\r")


def to_desk(app: App, scenario: str = "suiho_1952") -> None:
    click(app, centre(app.scene.new_game))
    items = app.scene.list.item_list
    index = next(i for i, e in enumerate(app.scene.entries) if e.folder.name == scenario)
    click(app, centre(items[index]["button_element"]))
    click(app, centre(app.scene.start_button))
    assert app.scene.name == "planning"


def wait_for(app: App, name: str, limit_s: float = 15.0) -> None:
    deadline = time.monotonic() + limit_s
    while app.scene.name != name and time.monotonic() < deadline:
        app.step()
        time.sleep(0.005)
    assert app.scene.name == name


def click_target(app: App, target: str) -> None:
    """Scroll the map with the arrow keys until the target shows, then click it."""
    desk = app.scene
    position = desk.session.rules.targets[target].position
    area = desk.map.rect.copy()
    area.y += BAR_H + 50
    area.h -= BAR_H + 80
    area.inflate_ip(-40, 0)
    for _ in range(60):
        x, y = desk.map.to_screen(position)
        if area.collidepoint(x, y):
            break
        if y < area.top:
            press(app, pygame.K_UP)
        elif y > area.bottom:
            press(app, pygame.K_DOWN)
        elif x < area.left:
            press(app, pygame.K_LEFT)
        else:
            press(app, pygame.K_RIGHT)
    click(app, desk.map.to_screen(position))
    assert desk.plan.draft.target == target
    assert app.scene.tab == "package"


def build_package(
    app: App,
    target: str,
    strike: dict[str, int],
    suppression: dict[str, int] | None = None,
    escort: int = 0,
    night: bool = False,
    warning: bool = False,
) -> None:
    """Target by map click, counts typed, day or night and warning by buttons, then Add."""
    click_target(app, target)
    builder = app.scene.builder
    if night:
        click(app, centre(builder.night_button))
        builder = app.scene.builder
    if warning:
        click(app, centre(builder.warn_button))
    for pid, n in strike.items():
        type_number(app, builder.strike_spinners[pid], n)
    for pid, n in (suppression or {}).items():
        type_number(app, builder.supp_spinners[pid], n)
    if escort:
        type_number(app, builder.escort, escort)
    click(app, centre(builder.add_button))


def end_turn(app: App) -> None:
    desk = app.scene
    click(app, centre(desk.end_button))
    wait_for(app, "report")
    click(app, centre(app.scene.continue_button))


# ----------------------------------------------------------------------- tests


@pytest.mark.slow  # a long interface game
def test_whole_suiho_game_through_the_controls_equals_a_headless_run(app):
    to_desk(app)
    desk = app.scene
    session = desk.session
    expected: list[TurnOrders] = []

    # Turn 1: two day packages typed in; standing tasks moved with the slider arrows.
    build_package(app, "chosin_plants", {"fifth_af_fb": 60}, {"fifth_af_fb": 8}, escort=20)
    build_package(app, "fusen_plants", {"tf77": 40})
    click(app, centre(desk.tab_buttons["tasks"]))
    slider = desk.tasks_tab.sliders["interdiction"]
    for _ in range(2):
        click(app, centre(slider.right_button))
    assert desk.orders.standing.interdiction == pytest.approx(0.6)
    expected.append(
        TurnOrders(
            packages=(
                StrikePackage(
                    "chosin_plants",
                    (("fifth_af_fb", 60),),
                    escort=20,
                    suppression=(("fifth_af_fb", 8),),
                ),
                StrikePackage("fusen_plants", (("tf77", 40),)),
            ),
            standing=StandingTasks(interdiction=0.6, close_support=0.2),
        )
    )
    assert desk.orders == expected[-1]
    end_turn(app)

    # Turn 2: a night package of B-29s; press silent.
    build_package(app, "pyongyang", {"b29": 20, "b26": 30}, night=True, warning=True)
    click(app, centre(desk.tab_buttons["politics"]))
    click(app, centre(desk.politics_tab.press_buttons[PressPolicy.SILENT]))
    expected.append(
        TurnOrders(
            packages=(
                StrikePackage("pyongyang", (("b26", 30), ("b29", 20)), night=True, warning=True),
            ),
            standing=StandingTasks(interdiction=0.6, close_support=0.2),
            press=PressPolicy.SILENT,
        )
    )
    assert desk.orders == expected[-1]
    end_turn(app)

    # Turn 3: last turn's plan repeated, then one more package by day.
    click(app, centre(desk.repeat_button))
    click(app, centre(desk.tab_buttons["package"]))
    click(app, centre(desk.builder.day_button))
    build_package(app, "wonsan_thermal", {"tf77": 24})
    expected.append(
        TurnOrders(
            packages=(
                *expected[-1].packages,
                StrikePackage("wonsan_thermal", (("tf77", 24),)),
            ),
            standing=expected[-1].standing,
            press=PressPolicy.SILENT,
        )
    )
    assert desk.orders == expected[-1]
    end_turn(app)

    # Turn 4: the historical plan filled in, its last package deleted from the list.
    click(app, centre(desk.historical_button))
    historical = desk.orders
    assert historical == session.historical_orders()
    click(app, centre(desk.tab_buttons["plan"]))
    items = desk.plan_tab.list.item_list
    click(app, centre(items[-1]["button_element"]))
    click(app, centre(desk.plan_tab.delete_button))
    expected.append(TurnOrders(historical.packages[:-1], historical.standing, historical.press))
    assert desk.orders == expected[-1]
    end_turn(app)

    # Turn 5 and any left: an edited package (select, Edit, retype, Update).
    while not session.over:
        build_package(app, "kyosen_plants", {"fifth_af_fb": 30})
        click(app, centre(desk.tab_buttons["plan"]))
        click(app, centre(desk.plan_tab.list.item_list[0]["button_element"]))
        click(app, centre(desk.plan_tab.edit_button))
        assert desk.tab == "package" and desk.plan.draft.editing == 0
        type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 45)
        click(app, centre(desk.builder.add_button))
        expected.append(
            TurnOrders(
                (StrikePackage("kyosen_plants", (("fifth_af_fb", 45),)),),
                expected[-1].standing,
                expected[-1].press,
            )
        )
        assert desk.orders == expected[-1]
        click(app, centre(desk.end_button))
        wait_for(app, "report")
        click(app, centre(app.scene.continue_button))
    assert app.scene.name == "end"
    assert session.record.orders == expected

    # The same orders and seed, headless.
    rules = session.rules
    state, rng = new_game(rules), np.random.default_rng(session.seed)
    headless = []
    for orders in expected:
        result = run_turn(rules, state, orders, rng)
        headless += [e.to_json() for e in result.events]
        state = result.state
    played = [e.to_json() for r in session.results for e in r.events]
    assert played == headless
    assert state_digest(state) == state_digest(session.state)
    assert sum(1 for e in list_saves() if e.autosave) >= 1  # autosaved every turn
    click(app, centre(app.scene.title_button))
    assert app.stack.names() == ["title"]


def test_undo_and_redo_walk_the_plan(app):
    to_desk(app)
    desk = app.scene
    build_package(app, "chosin_plants", {"fifth_af_fb": 50})
    build_package(app, "fusen_plants", {"tf77": 30})
    two = desk.orders
    assert len(two.packages) == 2
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    assert [p.target for p in desk.orders.packages] == ["chosin_plants"]
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    assert desk.orders.packages == ()
    assert not desk.undo_button.is_enabled
    press(app, pygame.K_y, pygame.KMOD_CTRL)
    press(app, pygame.K_y, pygame.KMOD_CTRL)
    assert desk.orders == two
    click(app, centre(desk.tab_buttons["plan"]))
    click(app, centre(desk.plan_tab.list.item_list[0]["button_element"]))
    click(app, centre(desk.plan_tab.delete_button))
    assert [p.target for p in desk.orders.packages] == ["fusen_plants"]
    click(app, centre(desk.undo_button))
    assert desk.orders == two
    click(app, centre(desk.redo_button))
    assert len(desk.orders.packages) == 1
    # A new edit after an undo drops the redo branch.
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    build_package(app, "kyosen_plants", {"tf77": 10})
    assert not desk.plan.history.can_redo
    assert len(desk.orders.packages) == 3


def test_a_refused_package_shows_the_cards_reason_next_to_add(app):
    to_desk(app)
    desk = app.scene
    build_package(app, "kaesong", {"fifth_af_fb": 40})
    card = desk.session.rules.cards["neutral_zones"]
    verdict = desk.builder.verdict.html_text
    assert "Refused" in verdict and card.name in verdict and card.reason.split()[0] in verdict
    assert desk.orders.packages == ()  # Add changed nothing
    box, add = desk.builder.verdict.get_abs_rect(), desk.builder.add_button.get_abs_rect()
    assert 0 <= add.top - box.bottom <= 16  # right above the button
    # Asking more than a pool has left is refused in plain words too.
    click_target(app, "chosin_plants")
    type_number(app, desk.builder.strike_spinners["fifth_af_fb"], 9999)
    assert desk.plan.draft.strike["fifth_af_fb"] == desk.view.pools["fifth_af_fb"].sorties_per_day


def test_forbidden_press_policy_says_why(app):

    to_desk(app, "dams_1953")
    desk = app.scene
    click(app, centre(desk.tab_buttons["politics"]))
    tab = desk.politics_tab
    click(app, centre(tab.press_buttons[PressPolicy.PUBLICISED]))
    assert desk.orders.press != PressPolicy.PUBLICISED
    assert "Refused" in tab.press_note.html_text
    assert "airfield_dams" in tab.jcs_boxes
    click(app, centre(tab.jcs_boxes["airfield_dams"]))
    assert desk.orders.jcs_requests == ("airfield_dams",)


def test_escape_menu_opens_and_resumes(app):
    to_desk(app)
    desk = app.scene
    press(app, pygame.K_ESCAPE)
    assert app.stack.names() == ["title", "planning", "menu"]
    assert app.scene.buttons["Settings…"].tool_tip_text
    click(app, centre(app.scene.buttons["Settings…"]))
    assert app.stack.names() == ["title", "planning", "menu", "settings"]
    press(app, pygame.K_ESCAPE)  # Esc leaves the settings for the menu
    assert app.stack.names() == ["title", "planning", "menu"]
    click(app, centre(app.scene.buttons["Resume"]))
    assert app.scene is desk
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.scene is desk


def test_f1_lists_every_key(app):
    from game.ui.desk.desk_input import KEY_HELP

    to_desk(app)
    press(app, pygame.K_F1)
    assert app.scene.name == "help"
    html = app.scene.text.html_text
    for keys, _ in KEY_HELP:
        assert keys in html
    press(app, pygame.K_F1)
    assert app.scene.name == "planning"


def test_quick_save_and_quick_load_restore_the_game(app):
    to_desk(app)
    desk = app.scene
    build_package(app, "chosin_plants", {"fifth_af_fb": 40})
    end_turn(app)
    press(app, pygame.K_F5)
    saved = state_digest(desk.session.state)
    assert "Saved" in desk.message
    end_turn(app)
    assert desk.session.state.turn == 3
    press(app, pygame.K_F9)
    loaded = app.scene
    assert loaded is not desk and loaded.name == "planning"
    assert app.stack.names() == ["title", "planning"]
    assert loaded.session.state.turn == 2
    assert state_digest(loaded.session.state) == saved
    assert len(loaded.session.record.orders) == 1


def test_save_and_load_dialogs_restore_the_game_and_refuse_bad_files(app):
    to_desk(app)
    desk = app.scene
    end_turn(app)
    saved = state_digest(desk.session.state)
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Save game…"]))
    dialog = app.scene
    assert dialog.name == "scenario" or dialog.title == "Save game"
    click(app, centre(dialog.name_entry))
    press(app, pygame.K_a, pygame.KMOD_CTRL, "a")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Dialog test"))
    settle(app)
    click(app, centre(dialog.save_button))
    assert app.scene is desk
    assert (saves_dir() / "Dialog test.json").is_file()
    (saves_dir() / "broken.json").write_text('{"header": {"format": "air-pressure-save"')
    end_turn(app)
    # A refused file: the reason is shown and nothing changes.
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Load game…"]))
    dialog = app.scene
    names = [e.path.name for e in dialog.entries]
    broken = dialog.list.item_list[names.index("broken.json")]
    assert "cannot be loaded" in broken["text"]
    click(app, centre(broken["button_element"]))
    click(app, centre(dialog.load_button))
    assert app.scene is dialog and "Cannot load broken.json" in dialog.error
    assert desk.session.state.turn == 3
    good = dialog.list.item_list[names.index("Dialog test.json")]
    assert "turn 2" in good["text"] and "Suiho" in good["text"]
    click(app, centre(good["button_element"]))
    click(app, centre(dialog.load_button))
    assert app.stack.names() == ["title", "planning"]
    assert state_digest(app.scene.session.state) == saved


def _widgets(scene) -> list[pygame_gui.core.UIElement]:
    root = scene.manager.get_root_container()
    # Top-level widgets only: parts of a composite widget sit inside it by design.
    return [e for e in root.elements if e.visible and e.parent_element is None]


@pytest.mark.parametrize("size", SIZES)
def test_every_tab_fits_the_window_without_overlap_or_clipped_labels(shared_app, size):
    a = shared_app
    a.to_title()
    resize_window(a, size)
    try:
        to_desk(a, "campaign_1952")
        desk = a.scene
        desk.act(desk.plan.fill_historical)
        for tab in ("package", "plan", "politics", "tasks"):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                desk.show_tab(tab)
                if tab == "package":
                    desk.pick_target(desk.orders.packages[0].target)
                a.step([])
            clipped = [str(w.message) for w in caught if "too small" in str(w.message)]
            assert clipped == [], (tab, clipped)
            screen = pygame.Rect((0, 0), size)
            panel = desk.panel_rect()
            rects = []
            for element in _widgets(desk):
                r = element.get_abs_rect()
                assert screen.contains(r), (tab, element, r)
                assert panel.contains(r), (tab, element, r)
                rects.append((element, r))
            for i, (e1, r1) in enumerate(rects):
                for e2, r2 in rects[i + 1 :]:
                    nested = r1.contains(r2) or r2.contains(r1)  # a composite's own parts
                    assert nested or not r1.colliderect(r2), (tab, e1, r1, e2, r2)
            for button in desk._buttons:
                assert button.tool_tip_text, button.text
        for spinner in desk.builder.spinners if desk.builder else ():
            assert spinner.entry.tool_tip_text
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        a._resized()


def test_a_game_whose_scenario_changed_loads_after_a_warning(app, monkeypatch):
    to_desk(app)
    desk = app.scene
    end_turn(app)
    press(app, pygame.K_F5)
    saved = state_digest(desk.session.state)
    end_turn(app)
    # A new version of the scenario: the save's fingerprint of it no longer matches.
    monkeypatch.setattr("game.save.record.scenario_hash", lambda rules: "a newer scenario")
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Load game…"]))
    dialog = app.scene
    names = [e.path.name for e in dialog.entries]
    quick = dialog.list.item_list[names.index("Quick save.json")]
    click(app, centre(quick["button_element"]))
    click(app, centre(dialog.load_button))
    assert app.scene is dialog, "the first press only warns"
    assert "scenario has changed" in dialog.error and "Load again" in dialog.error
    assert desk.session.state.turn == 3
    click(app, centre(dialog.load_button))
    assert app.stack.names() == ["title", "planning"]
    assert state_digest(app.scene.session.state) == saved


def test_a_weekly_report_spans_the_days_flown(app):
    to_desk(app, "campaign_1952")
    click(app, centre(app.scene.end_button))
    wait_for(app, "report")
    html = app.scene.text.html_text
    assert "1 Jul 1952 – 7 Jul 1952" in html and "7 days flown" in html
    click(app, centre(app.scene.continue_button))


def test_save_dialog_takes_typing_at_once_and_esc_goes_back_to_the_menu(app):
    to_desk(app)
    desk = app.scene
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Load game…"]))
    assert app.scene.title == "Load game"
    press(app, pygame.K_ESCAPE)  # back to the menu, not the map
    assert app.stack.names() == ["title", "planning", "menu"]
    click(app, centre(app.scene.buttons["Save game…"]))
    dialog = app.scene
    assert dialog.name_entry.get_text() == "The Suiho Raids - 23 Jun 1952"
    press(app, pygame.K_ESCAPE)
    assert app.stack.names() == ["title", "planning", "menu"]
    click(app, centre(app.scene.buttons["Save game…"]))
    # No click in the box: the typing replaces the suggested name, Enter saves.
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Typed at once"))
    settle(app)
    press(app, pygame.K_RETURN, 0, "\r")
    assert app.scene is desk
    assert (saves_dir() / "Typed at once.json").is_file()
    assert "Saved" in desk.message


def test_the_package_panel_and_the_map_tooltip_give_the_same_flak(app):
    """Before the first report both show the briefing's guns, never "flak unknown"."""
    from game.ui.kit.panels import tooltip_lines

    to_desk(app)
    desk = app.scene
    click_target(app, "suiho_dam")
    rules, view = desk.session.rules, desk.view
    assert "suiho_dam" not in view.flak_estimate  # no report yet
    guns = rules.targets["suiho_dam"].flak
    info = desk.builder.info.text
    assert "flak unknown" not in info and f"~{guns:.0f} guns (briefing)" in info
    tip = [text for text, _ in tooltip_lines(rules, view, "suiho_dam")]
    assert f"Flak (briefing): about {guns:.0f} heavy guns" in tip


def test_the_target_menu_reads_in_the_panels_own_type(app):
    """A closed drop-down shows its choice in the type of the panel's other choices
    (Day, Night), not in the big buttons' bold."""
    to_desk(app)
    builder = app.scene.builder
    state = builder.target_menu.menu_states["closed"]
    shown = state.selected_option_button
    day = builder.day_button
    assert shown.font.size("Choose a target") == day.font.size("Choose a target")
    assert shown.text_horiz_alignment == "left" and shown.text_horiz_alignment_padding >= 8


def test_the_save_dialog_is_as_tall_as_its_list_needs(app):
    to_desk(app)
    press(app, pygame.K_ESCAPE)
    click(app, centre(app.scene.buttons["Save game…"]))
    dialog = app.scene
    rows = max(len(dialog.entries), 4)
    list_rect = dialog.list.get_abs_rect()
    assert list_rect.h <= min(rows, 12) * 30 + 8
    assert dialog.panel_rect().bottom - dialog.save_button.get_abs_rect().bottom <= 24


def test_the_desk_paints_every_pixel_so_the_app_may_skip_the_clear(desk):
    """The desk says it is opaque, so the app does not clear the window first: the map
    and the panel must then cover it, or the last frame would show through."""
    assert desk.opaque
    surface = pygame.Surface(desk.size)
    surface.fill((255, 0, 255))  # a colour the desk never draws
    desk.draw(surface)
    mask = pygame.mask.from_threshold(surface, (255, 0, 255), (1, 1, 1, 255))
    assert mask.count() == 0
