"""One pygame_gui theme for every scene: each scene has its own manager, but the theme
(its fonts, colours and shapes, some twenty megabytes once its fonts are loaded) is
read and kept once for the whole window, not once per screen on the stack."""

from __future__ import annotations

import io
import os
from typing import Any

import pygame_gui
from pygame_gui.core.interfaces import IUIAppearanceThemeInterface

_themes: dict[str, IUIAppearanceThemeInterface] = {}


class SharedThemeManager(pygame_gui.UIManager):
    """A manager whose theme, for a theme file, is the one already loaded if any."""

    def create_new_theme(
        self, theme_path: str | os.PathLike[str] | io.StringIO | Any = None
    ) -> Any:
        if not isinstance(theme_path, str | os.PathLike):
            return super().create_new_theme(theme_path)
        key = os.fspath(theme_path)
        if key not in _themes:
            _themes[key] = super().create_new_theme(theme_path)
        return _themes[key]
