"""pygame_gui tooltips on the planning desk: beside their control, off the others, and
gone at the first click or key so that the input reaches the control meant."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.ui.desk.desk_input import open_menu
from game.ui.screens.planning import PlanningScene


def hover(desk: PlanningScene, element, monkeypatch) -> pygame_gui.elements.UITooltip:
    """Rest the pointer on ``element`` past the tooltip delay; return its tooltip."""
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: element.rect.center)
    for _ in range(4):
        desk.manager.update(0.5)
    assert element.tool_tip is not None
    return element.tool_tip


def test_a_tooltip_leaves_the_control_below_it_clear(desk, monkeypatch):
    tip = hover(desk, desk.end_button, monkeypatch)
    assert not tip.rect.colliderect(desk.historical_button.rect)
    assert not tip.rect.colliderect(desk.end_button.rect)
    tip = hover(desk, desk.builder.strike_spinners["fifth_af_fb"].entry, monkeypatch)
    assert not tip.rect.colliderect(desk.builder.escort.entry.rect)


def test_a_key_or_click_closes_the_tooltip_for_good(app, desk, monkeypatch):
    hover(desk, desk.historical_button, monkeypatch)
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=0, unicode="")])
    assert desk.historical_button.tool_tip is None
    desk.manager.update(2.0)  # still resting on it: the tooltip stays closed
    assert desk.historical_button.tool_tip is None
    hover(desk, desk.builder.add_button, monkeypatch)
    pos = desk.builder.add_button.rect.center
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    assert desk.builder.add_button.tool_tip is None


@pytest.mark.parametrize("key", ["mig", "flak", "restrict", "neutral", "buffer"])
def test_every_map_toggle_has_a_tooltip_shown_on_the_map(desk, monkeypatch, key):
    """The side panel is drawn over the map's widgets: their tooltips stay on the map."""
    button = desk.extras.toggles[key]
    assert button.tool_tip_text
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: button.rect.center)
    for _ in range(4):
        desk.extras.manager.update(0.5)
    assert button.tool_tip is not None
    assert desk.map.rect.contains(button.tool_tip.rect)


def test_a_toggle_that_is_on_still_shows_its_tooltip(desk, monkeypatch):
    day = desk.builder.day_button
    assert day.is_selected  # day is the default, shown pressed
    hover(desk, day, monkeypatch)
    assert day.is_selected


def test_a_dialog_over_the_desk_takes_the_desks_tooltips_away(app, desk, monkeypatch):
    """Tooltips of the desk must not show behind the Esc menu, the report or a dialog."""
    hover(desk, desk.end_button, monkeypatch)
    toggle = desk.extras.toggles["flak"]
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: toggle.rect.center)
    for _ in range(4):
        desk.extras.manager.update(0.5)
    assert toggle.tool_tip is not None
    desk.hover = next(iter(desk.session.rules.targets))
    open_menu(desk)
    assert app.scene is not desk
    assert desk.end_button.tool_tip is None and toggle.tool_tip is None
    assert desk.hover is None
