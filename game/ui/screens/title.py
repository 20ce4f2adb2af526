"""The title screen: the game's name, New game, Quit."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.desk.saving import quick_load
from game.ui.kit.encyclopedia_book import open_encyclopedia
from game.ui.kit.style import font
from game.ui.map.map_cache import KOREA_TMX
from game.ui.scenes import Scene

SUBTITLE = "The Far East Air Forces' air-pressure campaign — an operational wargame"


FIRST_START_NOTE = "New here? Start with your first day"


class TitleScene(Scene):
    name = "title"
    notice = ""  # why the tutorial could not start

    def build(self) -> None:
        w, h = self.size
        col = pygame.Rect(0, 0, min(640, w // 2), h)
        col.centerx = w // 3 if w >= 1400 else w * 3 // 8
        bw, bh, gap = 280, 46, 12
        rows = 6  # the buttons below: the column rises so they and the note clear the footer
        top = min(h // 2 - 210, h - 44 - 36 - 190 - rows * (bh + gap) + gap)
        pygame_gui.elements.UILabel(
            pygame.Rect(col.x, top, col.w, 80),
            "AIR PRESSURE",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@title"),
        )
        pygame_gui.elements.UILabel(
            pygame.Rect(col.x, top + 78, col.w, 36),
            "Korea 1952–53",
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@kicker"),
        )
        sub_w = min(w - 40, max(col.w + 80, 720))  # the whole line, even on a small screen
        pygame_gui.elements.UILabel(
            pygame.Rect(max(20, col.centerx - sub_w // 2), top + 120, sub_w, 30),
            SUBTITLE,
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@subtitle"),
        )
        x = col.centerx - bw // 2
        y = top + 190
        self.new_game = self.button(
            pygame.Rect(x, y, bw, bh),
            "New game",
            self._new_game,
            tooltip="Choose a scenario and a difficulty",
            object_id="@primary",
        )
        menu = (
            (
                "Tutorial",
                self._tutorial,
                "A guided first game: the first day of the Suiho raids, step by step "
                "(it can be skipped at any time)",
            ),
            (
                "Load game",
                self._load_game,
                "Continue a saved game: your saves and the autosaves (F9: quick load)",
            ),
            (
                "Encyclopedia",
                self._encyclopedia,
                "The campaign's targets, aircraft, restrictions, events and places (F2)",
            ),
            (
                "Settings",
                self._settings,
                "Window, interface scale, colours, sound, default difficulty, map labels",
            ),
        )
        made = []
        for label, action, tip in menu:
            y += bh + gap
            made.append(self.button(pygame.Rect(x, y, bw, bh), label, action, tooltip=tip))
        self.tutorial_button, self.load_button, self.encyclopedia_button, self.settings_button = (
            made
        )
        y += bh + gap
        self.quit_button = self.button(
            pygame.Rect(x, y, bw, bh), "Quit", self.app.quit, tooltip="Close the game (Esc)"
        )
        self.note_at = (col.centerx, y + bh + 10)

    def _tutorial(self) -> None:
        from game.ui.screens.tutorial import start_tutorial

        self.notice = start_tutorial(self.app) or ""

    def _new_game(self) -> None:
        self.app.push(self.make("scenario"))

    def _encyclopedia(self) -> None:
        open_encyclopedia(self.app, self)

    def _settings(self) -> None:
        self.app.push(self.make("settings", self))

    def _load_game(self) -> None:
        self.app.push(self.make("load", self))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F9:
            quick_load(self.app)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            self._encyclopedia()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_n):
            self._new_game()

    def draw_scene(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        w, h = surface.get_size()
        geo = self.app.korea_geometry()
        ppk = h / geo.height_km
        img = self.app.maps.scaled(KOREA_TMX, geo, ppk, dim=150, static=False)
        x = w - img.get_width()
        surface.blit(img, (x, 0))
        edge = pygame.Surface((160, h), pygame.SRCALPHA)
        for i in range(160):
            pygame.draw.line(edge, (*pal.WINDOW, 255 - i * 255 // 160), (i, 0), (i, h))
        surface.blit(edge, (x, 0))
        foot = font(14).render(
            "Enter: new game   ·   F2: encyclopedia   ·   F9: quick load   ·   F11: full screen"
            "   ·   Esc: quit",
            True,
            pal.MUTED,
        )
        surface.blit(foot, (24, h - foot.get_height() - 16))
        if self.notice:
            img = font(14).render(self.notice, True, pal.DANGER)
            surface.blit(img, img.get_rect(midtop=self.note_at))
        if not self.app.settings.tutorial_done:  # the offer, beside the button it points at
            img = font(15, italic=True).render(FIRST_START_NOTE, True, pal.ACCENT)
            beside = pygame.Rect(self.tutorial_button.get_abs_rect())
            ax, ay = beside.right + 12, beside.centery
            pygame.draw.polygon(surface, pal.ACCENT, [(ax, ay), (ax + 9, ay - 6), (ax + 9, ay + 6)])
            surface.blit(img, img.get_rect(midleft=(ax + 16, ay)))
        pygame.draw.line(surface, pal.PANEL_EDGE, (24, h - 44), (w - 24, h - 44))
