"""The New game screen offers a scenario's alternative histories, and starts the one chosen."""

from __future__ import annotations

import pygame
import pygame_gui

from tests.ui.test_app import centre, click


def _choose(app, folder: str) -> None:
    click(app, centre(app.scene.new_game))
    assert app.scene.name == "scenario"
    index = next(i for i, e in enumerate(app.scene.entries) if e.folder.name == folder)
    item = app.scene.list.item_list[index]
    click(app, centre(item["button_element"]))
    assert app.scene.entry.folder.name == folder


def test_an_alternative_history_chosen_is_the_game_started(app) -> None:
    _choose(app, "campaign_1952")
    scene = app.scene
    offered = [oid for oid, _, _ in scene.entry.alternatives]
    assert "stalin_lives" in offered
    assert scene.history_menu is not None and scene.history_menu.is_enabled
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
            ui_element=scene.history_menu,
            text="Stalin lives",
            selected_option_id="stalin_lives",
        )
    )
    app.step()
    assert "Stalin lives" in scene.text.html_text
    click(app, centre(scene.start_button))
    assert app.scene.name == "planning"
    rules = app.scene.session.rules
    assert rules.options == ("stalin_lives",)
    assert all(e.id != "stalin_dies" for e in rules.events)


def test_a_scenario_without_alternatives_offers_only_the_record(app) -> None:
    _choose(app, "suiho_1952")
    menu = app.scene.history_menu
    assert menu is not None and not menu.is_enabled
    assert app.scene.option == ""
