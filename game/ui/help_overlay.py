"""F1: every key binding of the planning desk in one list."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.overlay import OverlayScene
from game.ui.words import esc


class HelpOverlay(OverlayScene):
    name = "help"

    def panel_rect(self, max_w: int = 640) -> pygame.Rect:
        w, h = self.size
        rect = pygame.Rect(0, 0, min(max_w, w - 120), min(600, h - 60))
        rect.center = (w // 2, h // 2)
        return rect

    def build(self) -> None:
        from game.ui.planning import KEY_HELP

        rect = self.panel_rect()
        rows = "".join(
            f"<b>{esc(keys)}</b><br><font color='#b8ab87'>    {esc(what)}</font><br>"
            for keys, what in KEY_HELP
        )
        self.text = pygame_gui.elements.UITextBox(
            "<font size=5><b>Keys</b></font><br>"
            "<font color='#b8ab87'>Every control also explains itself when the mouse "
            "rests on it.</font><br><br>" + rows,
            pygame.Rect(rect.x + 20, rect.y + 16, rect.w - 40, rect.h - 84),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@plain"),
        )
        self.close_button = self.button(
            pygame.Rect(rect.right - 180, rect.bottom - 60, 160, 44),
            "Close",
            self.app.pop,
            tooltip="Back to the planning desk (F1 or Esc)",
            object_id="@primary",
        )

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_F1,
            pygame.K_ESCAPE,
            pygame.K_RETURN,
        ):
            self.app.pop()
