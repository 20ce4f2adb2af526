"""Interface scale: scenes lay out on a logical canvas of the window's size divided by
the scale, never smaller than the layouts' 1280×720, and the canvas is stretched to the
window. Mouse positions go the other way, from the window to the canvas."""

from __future__ import annotations

import pygame

from game.settings import UI_SCALES
from game.ui.kit.style import MIN_SIZE

Size = tuple[int, int]
MOUSE_EVENTS = frozenset({pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP})


def effective_scale(window: Size, wanted: int) -> int:
    """The largest scale step up to ``wanted`` (percent) that keeps the canvas at least
    1280×720 in this window; 100 when none does."""
    best = 100
    for step in UI_SCALES:
        if step <= wanted and all(window[i] * 100 // step >= MIN_SIZE[i] for i in (0, 1)):
            best = step
    return best


def canvas_size(window: Size, percent: int) -> Size:
    """Never below 1280×720: a window made smaller shows that canvas shrunk to fit."""
    return (
        max(MIN_SIZE[0], window[0] * 100 // percent),
        max(MIN_SIZE[1], window[1] * 100 // percent),
    )


def needed_window(percent: int) -> Size:
    return (MIN_SIZE[0] * percent // 100, MIN_SIZE[1] * percent // 100)


def scale_note(window: Size, wanted: int) -> str:
    """Why the scale in use is not the one asked for, in the player's words ('' if it is)."""
    used = effective_scale(window, wanted)
    if used >= wanted:
        return ""
    w, h = needed_window(wanted)
    return f"{wanted}% needs a {w}×{h} window; {used}% is used"


def to_canvas(event: pygame.event.Event, factor: tuple[float, float]) -> pygame.event.Event:
    """A mouse event with its position (and motion) on the canvas; others unchanged."""
    if event.type not in MOUSE_EVENTS or factor == (1.0, 1.0) or not hasattr(event, "pos"):
        return event
    fx, fy = factor
    data = dict(event.dict)
    data["pos"] = (int(event.pos[0] / fx), int(event.pos[1] / fy))
    if "rel" in data:
        data["rel"] = (event.rel[0] / fx, event.rel[1] / fy)  # floats: slow drags still move
    return pygame.event.Event(event.type, data)


def to_window(event: pygame.event.Event, factor: tuple[float, float]) -> pygame.event.Event:
    """The inverse of :func:`to_canvas`, for a manager that reads window positions."""
    return to_canvas(event, (1 / factor[0], 1 / factor[1]))


def match_manager(manager: object, factor: tuple[float, float]) -> None:
    """Let a pygame_gui manager read window positions (events, the mouse) on the canvas."""
    manager.mouse_pos_scale_factor = [1 / factor[0], 1 / factor[1]]  # type: ignore[attr-defined]


def desktop_size() -> tuple[int, int] | None:
    """The first desktop's size, or None where the display cannot say."""
    try:
        return pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return None
