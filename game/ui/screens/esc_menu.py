"""The Esc menu over the planning desk: resume, save, load, settings, quit to title."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui.scenes import OverlayScene, Scene
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App


class EscMenu(OverlayScene):
    name = "menu"

    def __init__(self, app: App, below: Scene, session: GameSession) -> None:
        self.session = session
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 360) -> pygame.Rect:
        rect = pygame.Rect(0, 0, max_w, 428)
        rect.center = (self.size[0] // 2, self.size[1] // 2)
        return rect

    def build(self) -> None:
        rect = self.panel_rect()
        pygame_gui.elements.UILabel(
            pygame.Rect(rect.x + 30, rect.y + 18, rect.w - 60, 36),
            "Menu",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@heading"),
        )
        bw, bh, gap = rect.w - 60, 46, 12
        x, y = rect.x + 30, rect.y + 70
        rows = (
            ("Resume", self.app.pop, "Back to the planning desk (Esc)", "@primary", True),
            (
                "Save game…",
                self.save,
                "Save this game in a named slot (F5: quick save)",
                None,
                True,
            ),
            ("Load game…", self.load, "Continue a saved game (F9: quick load)", None, True),
            (
                "Encyclopedia",
                self.encyclopedia,
                "Articles on every target, aircraft, restriction, event and place (F2)",
                None,
                True,
            ),
            (
                "Settings…",
                self.settings,
                "Window, interface scale, colours, sound, default difficulty, map labels",
                None,
                True,
            ),
            (
                "Quit to title",
                self.app.to_title,
                "Leave this game for the title screen (it was autosaved after the last "
                "turn; save first to keep this turn's plan)",
                None,
                True,
            ),
        )
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        for label, action, tip, style, enabled in rows:
            self.buttons[label] = self.button(
                pygame.Rect(x, y, bw, bh),
                label,
                action,
                tooltip=tip,
                object_id=style,
                enabled=enabled,
            )
            y += bh + gap

    def encyclopedia(self) -> None:
        notes = self.session.rules.notes
        self.app.replace(self.make("encyclopedia", self.below, notes=notes))

    def save(self) -> None:
        # Pushed over the menu, so that Esc in the dialog comes back to it.
        self.app.push(self.make("save", self.below, self.session))

    def settings(self) -> None:
        self.app.push(self.make("settings", self.below))

    def load(self) -> None:
        self.app.push(self.make("load", self.below))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
