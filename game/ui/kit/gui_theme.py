"""One pygame_gui theme for every scene: each scene has its own manager, but the theme
(its fonts, colours and shapes, some twenty megabytes once its fonts are loaded) is
read and kept once for the whole window, not once per screen on the stack."""

from __future__ import annotations

import io
import os
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core.interfaces import IUIAppearanceThemeInterface

from game.ui.kit.tooltips import DISMISSING_EVENTS, close_tooltips, place_clear

_themes: dict[str, IUIAppearanceThemeInterface] = {}


class SharedThemeManager(pygame_gui.UIManager):
    """A manager whose theme, for a theme file, is the one already loaded if any, and
    whose tooltips keep off the other controls and close on any click or key.

    ``tip_area`` keeps the tooltips inside part of the window: the map's own controls
    are drawn under the side panel, so their tooltips stay on the map.
    """

    tip_area: pygame.Rect | None = None

    def create_tool_tip(
        self,
        text: str,
        position: Any,
        hover_distance: Any,
        parent_element: Any,
        object_id: Any,
        **kwargs: Any,
    ) -> Any:
        tip = super().create_tool_tip(
            text, position, hover_distance, parent_element, object_id, **kwargs
        )
        if isinstance(tip, pygame_gui.elements.UITooltip):
            place_clear(tip, parent_element, self, self.tip_area)
        return tip

    def process_events(self, event: pygame.event.Event) -> bool:
        if event.type in DISMISSING_EVENTS:
            close_tooltips(self)
        return super().process_events(event)

    def create_new_theme(
        self, theme_path: str | os.PathLike[str] | io.StringIO | Any = None
    ) -> Any:
        if not isinstance(theme_path, str | os.PathLike):
            return super().create_new_theme(theme_path)
        key = os.fspath(theme_path)
        if key not in _themes:
            _themes[key] = super().create_new_theme(theme_path)
        return _themes[key]
