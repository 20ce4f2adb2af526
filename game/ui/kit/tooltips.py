"""Where pygame_gui's tooltips go, and when they go away.

pygame_gui puts a tooltip straight under its control, where it hides the next control
down and takes the click meant for it. Here a tooltip goes to whichever side of its
control covers the fewest other controls, and any click, key or wheel turn closes the
open tooltips first (they come back only when the pointer enters a control again).
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIPanel, UITooltip

GAP = 4  # pixels between a control and its tooltip
# Input after which an open tooltip is in the way.
DISMISSING_EVENTS = frozenset(
    {pygame.MOUSEBUTTONDOWN, pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEWHEEL}
)


def _controls(manager: pygame_gui.UIManager, skip: Any) -> list[pygame.Rect]:
    """The rectangles of the visible controls a tooltip should not cover."""
    rects = []
    for element in manager.get_sprite_group().sprites():
        if element is skip or isinstance(element, UITooltip | UIContainer | UIPanel):
            continue
        if isinstance(getattr(element, "parent_element", None), UITooltip):
            continue  # the tooltip's own text
        if getattr(element, "visible", True) and element.rect.w > 0 and element.rect.h > 0:
            rects.append(element.rect)
    return rects


def _covered(rect: pygame.Rect, controls: list[pygame.Rect]) -> int:
    area = 0
    for c in controls:
        clip = rect.clip(c)
        area += clip.w * clip.h
    return area


def place_clear(
    tip: UITooltip, parent: Any, manager: pygame_gui.UIManager, area: pygame.Rect | None = None
) -> None:
    """Move ``tip`` beside ``parent`` where it hides the least of the other controls:
    below, right, left or above, in that order of preference, inside ``area`` (the
    window when None)."""
    root = manager.get_root_container()
    if root is None:
        return
    window = area if area is not None else root.get_rect()
    size = tip.rect.size
    p = parent.rect
    candidates = [
        pygame.Rect((tip.rect.x, p.bottom + GAP), size),
        pygame.Rect((p.right + GAP, p.y), size),
        pygame.Rect((p.x - GAP - size[0], p.y), size),
        pygame.Rect((tip.rect.x, p.y - GAP - size[1]), size),
    ]
    controls = _controls(manager, parent)
    best, best_cost = None, None
    for rect in candidates:
        rect.clamp_ip(window)
        # Covering its own control is as bad as covering another.
        cost = _covered(rect, controls) + _covered(rect, [p])
        if best_cost is None or cost < best_cost:
            best, best_cost = rect, cost
    if best is not None:
        tip.set_position(best.topleft)


def close_tooltips(manager: pygame_gui.UIManager) -> None:
    """Close every open tooltip; each stays closed until its control is entered again."""
    for element in manager.get_sprite_group().sprites():
        tip = getattr(element, "tool_tip", None)
        if isinstance(tip, UITooltip):
            tip.kill()
            setattr(element, "tool_tip", None)  # noqa: B010 (a UIElement attribute)
        if hasattr(element, "hover_time"):
            element.hover_time = float("-inf")  # entering it again starts from zero
