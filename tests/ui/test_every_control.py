"""Every control on every screen explains itself when the pointer rests on it."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.ui.screenshot import SCENES, open_scene
from tests.ui.test_planning_desk import centre, click

# Widgets a player acts on; labels, text boxes and panels only show things.
CONTROLS = (
    pygame_gui.elements.UIButton,
    pygame_gui.elements.UITextEntryLine,
    pygame_gui.elements.UIDropDownMenu,
    pygame_gui.elements.UIHorizontalSlider,
)
# Parts of composite widgets: their owner carries the tooltip.
INNER = ("#drop_down_menu", "#scroll_bar", "#selection_list", "#sliding_button", "#arrow")


def _controls_without_tooltip(manager: pygame_gui.UIManager) -> list[str]:
    missing = []
    for element in manager.get_root_container().elements:
        ids = " ".join(str(i) for i in element.object_ids or ())
        if not isinstance(element, CONTROLS) or not element.visible:
            continue
        if element.parent_element is not None or any(part in ids for part in INNER):
            continue
        tip = getattr(element, "tool_tip_text", None)
        if isinstance(element, pygame_gui.elements.UIDropDownMenu):
            tip = tip or getattr(element.current_state, "tool_tip_text", None)
        if not tip:
            missing.append(f"{type(element).__name__} {getattr(element, 'text', '')!r} {ids}")
    return missing


@pytest.mark.parametrize("scene", SCENES)
def test_every_control_has_a_tooltip(shared_app, scene):
    shared_app.to_title()
    open_scene(shared_app, "campaign_1952", scene)
    shared_app.step([])
    managers = [shared_app.scene.manager]
    extras = getattr(shared_app.scene, "extras", None)
    if extras is not None:
        managers.append(extras.manager)
    missing = [m for manager in managers for m in _controls_without_tooltip(manager)]
    assert not missing, f"{scene}: controls without a tooltip: {missing}"


@pytest.mark.parametrize("key", [pygame.K_ESCAPE, pygame.K_F1])
def test_every_control_over_the_desk_has_a_tooltip(shared_app, key):
    shared_app.to_title()
    open_scene(shared_app, "campaign_1952", "planning")
    shared_app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)])
    assert shared_app.scene.name != "planning"
    missing = _controls_without_tooltip(shared_app.scene.manager)
    assert not missing, f"{shared_app.scene.name}: controls without a tooltip: {missing}"


@pytest.mark.parametrize("entry", ["Save game…", "Load game…", "Encyclopedia"])
def test_every_control_of_the_esc_menu_dialogs_has_a_tooltip(shared_app, entry):
    shared_app.to_title()
    open_scene(shared_app, "campaign_1952", "planning")
    shared_app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")])
    menu = shared_app.scene
    click(shared_app, centre(menu.buttons[entry]))
    assert shared_app.scene is not menu
    missing = _controls_without_tooltip(shared_app.scene.manager)
    assert not missing, f"{entry}: controls without a tooltip: {missing}"
