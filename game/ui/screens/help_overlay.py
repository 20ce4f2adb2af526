"""F1: every key binding of the planning desk in one list."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui.kit.words import esc
from game.ui.scenes import OverlayScene, centred_rect

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes import Scene


class HelpOverlay(OverlayScene):
    name = "help"

    def __init__(self, app: App, below: Scene, keys: tuple[tuple[str, str], ...]) -> None:
        self.keys = keys  # (keys, what they do), from the scene it helps with
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 900) -> pygame.Rect:
        w, h = self.size
        return centred_rect(self.size, min(max_w, w - 120), min(760, h - 24))

    def build(self) -> None:
        rect = self.panel_rect()
        # One line a key, so that the whole list shows without scrolling.
        rows = "<br>".join(
            f"<b>{esc(keys)}</b>   <font color='#b8ab87'>{esc(what)}</font>"
            for keys, what in self.keys
        )
        self.text = pygame_gui.elements.UITextBox(
            "<font size=5><b>Keys</b></font><br>" + rows,
            pygame.Rect(rect.x + 20, rect.y + 10, rect.w - 40, rect.h - 74),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@plain"),
        )
        pygame_gui.elements.UILabel(
            pygame.Rect(rect.x + 30, rect.bottom - 56, rect.w - 240, 36),
            "Every control also explains itself when the mouse rests on it.",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@caption"),
        )
        self.add_close_button(
            (rect.right - 20, rect.bottom - 16), "Back to the planning desk (F1 or Esc)"
        )

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_F1,
            pygame.K_ESCAPE,
            pygame.K_RETURN,
        ):
            self.app.pop()
