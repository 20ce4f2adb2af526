"""A scene drawn over the one below it (dimmed): reports and the end panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.kit.style import PAL
from game.ui.scenes import Scene

if TYPE_CHECKING:
    from game.ui.app import App


class OverlayScene(Scene):
    def __init__(self, app: App, below: Scene) -> None:
        self.below = below
        super().__init__(app)

    def panel_rect(self, max_w: int = 980) -> pygame.Rect:
        w, h = self.size
        rect = pygame.Rect(0, 0, min(max_w, w - 120), h - 80)
        rect.center = (w // 2, h // 2)
        return rect

    def draw_scene(self, surface: pygame.Surface) -> None:
        self.below.draw(surface)  # drawing only: the scene below changes nothing
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((12, 15, 18, 170))
        surface.blit(shade, (0, 0))
        rect = self.panel_rect()
        pygame.draw.rect(surface, PAL.PANEL, rect, border_radius=6)
        pygame.draw.rect(surface, PAL.ACCENT, rect, 1, border_radius=6)
