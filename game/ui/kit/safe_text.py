"""Text of any Unicode on screen: SDL_ttf refuses to render text with no width.

A string of only zero-width characters (U+200B, U+200D, U+202E, U+FEFF...) makes
``pygame.font.Font.render`` raise "Text has zero width", and pygame_gui renders every
keystroke of a text box and every label through it, so one such character typed or
written in a mod would close the game. The fonts pygame_gui makes are given a
``render`` that answers such text with an empty, transparent surface instead.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui.core.gui_font_pygame as gui_font_pygame


class SafeFont(pygame.font.Font):
    """A font whose ``render`` of invisible text is an empty surface, not an error."""

    def render(self, text: Any, antialias: Any, color: Any, bg: Any = None, *args: Any) -> Any:
        try:
            return super().render(text, antialias, color, bg, *args)
        except pygame.error as exc:
            if "zero width" not in str(exc):
                raise
            return pygame.Surface((0, self.get_height()), pygame.SRCALPHA)


def install() -> None:
    """Every font pygame_gui makes from now on is a :class:`SafeFont` (idempotent)."""
    gui_font_pygame.Font = SafeFont  # type: ignore[misc]
