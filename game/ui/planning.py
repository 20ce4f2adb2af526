"""The planning desk, first slice: the map, the status column and "Fly the historical
plan", which runs the turn off the window's thread and then shows the report."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.core.turn import TurnResult
from game.ui.map_view import KEY_SCROLL_PX, MapView
from game.ui.panels import PAD, draw_legend, draw_status, draw_tooltip, tooltip_lines
from game.ui.scenes import Scene
from game.ui.session import GameSession
from game.ui.style import PAL, font
from game.ui.title import KOREA_TMX
from game.ui.words import esc

if TYPE_CHECKING:
    from game.ui.app import App

MIN_BANNER_S = 0.6  # show "Enemy turn…" at least this long, so it can be read
KEY_MOVES = {
    pygame.K_LEFT: (1, 0),
    pygame.K_a: (1, 0),
    pygame.K_RIGHT: (-1, 0),
    pygame.K_d: (-1, 0),
    pygame.K_UP: (0, 1),
    pygame.K_w: (0, 1),
    pygame.K_DOWN: (0, -1),
    pygame.K_s: (0, -1),
}
LEGEND_KINDS_ORDER = (
    "city",
    "hydro_plant",
    "thermal_plant",
    "airfield",
    "rail_bridge",
    "dam",
    "marshalling_yard",
    "industrial_complex",
)


class PlanningScene(Scene):
    name = "planning"

    def __init__(self, app: App, session: GameSession) -> None:
        self.session = session
        self._view_cache: tuple[int, PlayerView] | None = None
        self.map = MapView(app.maps, KOREA_TMX, session.rules, self._map_rect(app.size))
        self.hover: str | None = None
        self.mouse = (0, 0)
        self.dragging = False
        self.show_legend = True
        self._started = 0.0
        self._before: PlayerView | None = None
        super().__init__(app)

    # -- what the desk shows
    @property
    def view(self) -> PlayerView:
        key = id(self.session.state)
        if self._view_cache is None or self._view_cache[0] != key:
            self._view_cache = (key, self.session.view)
        return self._view_cache[1]

    @staticmethod
    def _panel_width(size: tuple[int, int]) -> int:
        return 380 if size[0] < 1600 else 440

    def _map_rect(self, size: tuple[int, int]) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - self._panel_width(size), size[1])

    def panel_rect(self) -> pygame.Rect:
        w, h = self.size
        pw = self._panel_width(self.size)
        return pygame.Rect(w - pw, 0, pw, h)

    # -- layout
    def build(self) -> None:
        self.map.set_rect(self._map_rect(self.size))
        panel = self.panel_rect()
        x, w = panel.x + PAD, panel.w - 2 * PAD
        h = self.size[1]
        self.cards_top = 350  # below the status block (see draw_status)
        self.cards = pygame_gui.elements.UITextBox(
            self._cards_html(),
            pygame.Rect(x, self.cards_top + 26, w, h - self.cards_top - 26 - 132),
            self.manager,
        )
        self.fly_button = self.button(
            pygame.Rect(x, h - 118, w, 52),
            "Fly the historical plan",
            self.fly,
            tooltip="Fly this turn with the orders FEAF actually gave (the built-in "
            "historical planner), then read the report. Enter.",
            object_id="@primary",
        )
        self.title_button = self.button(
            pygame.Rect(x, h - 56, w, 40),
            "Quit to title",
            self.app.to_title,
            tooltip="Abandon this game and return to the title screen (Esc)",
        )
        self._sync_buttons()

    def _cards_html(self) -> str:
        rules, view = self.session.rules, self.view
        if not view.cards_in_force:
            return "<i>No restrictions in force.</i>"
        parts = []
        for cid in view.cards_in_force:
            card = rules.cards[cid]
            verb = "forbids" if card.effect == "forbid" else "burdens"
            parts.append(
                f"<b>{esc(card.name)}</b> <font color='#b8ab87'>({verb})</font><br>"
                f"<font color='#b8ab87' size=3>{esc(card.reason)}</font>"
            )
        return "<br>".join(parts)

    def _sync_buttons(self) -> None:
        if self.session.busy or self.session.over:
            self.fly_button.disable()
        else:
            self.fly_button.enable()

    # -- orders
    def fly(self) -> None:
        """Hand the historical planner's orders to run_turn, off the window's thread."""
        if self.session.busy or self.session.over:
            return
        self._before = self.view
        self.session.fly(self.session.historical_orders())
        self._started = time.monotonic()
        self.fly_button.set_text("Enemy turn…")
        self.fly_button.disable()

    def update(self, dt: float) -> bool:
        super().update(dt)
        if not self.session.busy:
            return False
        if time.monotonic() - self._started < MIN_BANNER_S:
            return True
        result = self.session.collect()
        if result is None:
            return True
        self._turn_done(result)
        return True

    def _turn_done(self, result: TurnResult) -> None:
        from game.ui.report import ReportScene

        self.fly_button.enable()
        self.fly_button.set_text(
            "The war is over" if self.session.over else "Fly the historical plan"
        )
        self.cards.set_text(self._cards_html())
        self._sync_buttons()
        self.hover = None
        before = self._before or self.view
        self.app.push(ReportScene(self.app, self, self.session, result, before))

    # -- input
    def on_event(self, event: pygame.event.Event) -> None:
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event)

    def _mouse_down(self, event: pygame.event.Event) -> None:
        if event.button == 1 and self.map.rect.collidepoint(event.pos):
            self.dragging = True

    def _mouse_up(self, event: pygame.event.Event) -> None:
        if event.button == 1:
            self.dragging = False

    def _mouse_move(self, event: pygame.event.Event) -> None:
        self.mouse = event.pos
        if self.dragging:
            self.map.scroll(*event.rel)
            self.hover = None
        elif self.map.rect.collidepoint(event.pos):
            self.hover = self.map.target_at(self.view, event.pos)
        else:
            self.hover = None

    def _wheel(self, event: pygame.event.Event) -> None:
        if self.map.rect.collidepoint(self.mouse) and event.y:
            self.map.zoom_at(self.mouse, 1 if event.y > 0 else -1)
            self.hover = self.map.target_at(self.view, self.mouse)

    def _key(self, event: pygame.event.Event) -> None:
        if event.key in KEY_MOVES:
            dx, dy = KEY_MOVES[event.key]
            self.map.scroll(dx * KEY_SCROLL_PX, dy * KEY_SCROLL_PX)
        elif event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.map.zoom_at(self.map.rect.center, 1)
        elif event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.map.zoom_at(self.map.rect.center, -1)
        elif event.key == pygame.K_z:
            self.map.show_zones = not self.map.show_zones
        elif event.key == pygame.K_l:
            self.show_legend = not self.show_legend
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.fly()
        elif event.key == pygame.K_ESCAPE:
            self.app.to_title()

    # -- drawing
    def draw_scene(self, surface: pygame.Surface) -> None:
        view = self.view
        self.map.draw(surface, view, self.hover)
        if self.show_legend:
            kinds = {self.session.rules.targets[t].kind for t in view.active_targets}
            ordered = [k for k in LEGEND_KINDS_ORDER if k in kinds]
            draw_legend(surface, (self.map.rect.x + 12, self.map.rect.bottom - 12), ordered)
        self._draw_scale_hint(surface)
        draw_status(surface, self.panel_rect(), self.session.rules, view)
        panel = self.panel_rect()
        head = font(15, bold=True).render("Restrictions in force", True, PAL.ACCENT)
        surface.blit(head, (panel.x + PAD, self.cards_top))
        if self.session.busy:
            self._draw_banner(surface)
        elif self.hover is not None and not self.dragging:
            lines = tooltip_lines(self.session.rules, view, self.hover)
            draw_tooltip(surface, self.mouse, lines, self.map.rect)

    def _draw_scale_hint(self, surface: pygame.Surface) -> None:
        text = "Drag or arrow keys: move · wheel or +/-: zoom · hover a target for intelligence"
        img = font(13).render(text, True, PAL.TEXT)
        box = img.get_rect(topleft=(self.map.rect.x + 12, self.map.rect.y + 10)).inflate(16, 8)
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((24, 30, 34, 200))
        surface.blit(shade, box)
        surface.blit(img, (box.x + 8, box.y + 4))

    def _draw_banner(self, surface: pygame.Surface) -> None:
        dots = "." * (1 + int(time.monotonic() * 3) % 3)
        title = font(26, bold=True).render(f"Enemy turn{dots}", True, PAL.TEXT)
        sub = font(15).render("Packages in the air; the enemy repairs and replies", True, PAL.MUTED)
        box = pygame.Rect(0, 0, max(title.get_width(), sub.get_width()) + 80, 96)
        box.center = self.map.rect.center
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((20, 26, 30, 235))
        surface.blit(shade, box)
        pygame.draw.rect(surface, PAL.ACCENT, box, 1)
        surface.blit(title, (box.x + 40, box.y + 16))
        surface.blit(sub, (box.x + 40, box.y + 58))


_HANDLERS = {
    pygame.MOUSEBUTTONDOWN: PlanningScene._mouse_down,
    pygame.MOUSEBUTTONUP: PlanningScene._mouse_up,
    pygame.MOUSEMOTION: PlanningScene._mouse_move,
    pygame.MOUSEWHEEL: PlanningScene._wheel,
    pygame.KEYDOWN: PlanningScene._key,
}
