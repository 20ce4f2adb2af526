"""The war turn by turn: the seven charts side by side, and the CSV of the same figures.

During play the meter, power and front supply are the intelligence estimates the planner
has; once the war is over, the truth is drawn beside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.aar import timeline
from game.ui.kit.style import font, wrap
from game.ui.scenes import OverlayScene, Scene, centred_rect
from game.ui.screens.chart_pages import draw_charts, export_message, grid_cells
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App

DURING_PLAY_NOTE = (
    "Dashed lines are your intelligence estimates: the enemy's willingness to sign, the "
    "power destroyed as the photographs show it, and the supply reaching the front. The "
    "true figures come out when the war ends."
)
REVEALED_NOTE = (
    "Solid lines are the true figures, revealed now the war is over; dashed lines are "
    "what your intelligence estimated at the time."
)


class HistoryScene(OverlayScene):
    """All seven charts over the desk or the end screen, with the CSV button."""

    name = "history"

    def __init__(self, app: App, below: Scene, session: GameSession) -> None:
        self.session = session
        self.timeline = timeline(session.rules, session.state)
        self.mouse: tuple[int, int] | None = None
        self.message = ""
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 1500) -> pygame.Rect:
        w, h = self.size
        return centred_rect(self.size, min(max_w, w - 80), min(900, h - 60))

    def chart_area(self) -> pygame.Rect:
        rect = self.panel_rect()
        return pygame.Rect(rect.x + 24, rect.y + 64, rect.w - 48, rect.h - 64 - 84)

    def build(self) -> None:
        rect = self.panel_rect()
        self.add_close_button((rect.right - 24, rect.bottom - 20), "Back (Esc or Enter)")
        self.csv_button = self.button(
            pygame.Rect(rect.right - 384, rect.bottom - 64, 184, 44),
            "Export CSV",
            self.export,
            tooltip="Write these figures, turn by turn, to a CSV file for a spreadsheet",
            enabled=bool(len(self.timeline)),
        )

    def export(self) -> None:
        self.message = export_message(self.session, self.timeline)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type == pygame.KEYDOWN and event.key in (
            pygame.K_ESCAPE,
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
        ):
            self.app.pop()

    def draw_scene(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        super().draw_scene(surface)
        rect = self.panel_rect()
        heading = "The war, turn by turn" if self.timeline.revealed else "The war so far"
        surface.blit(
            font(24, bold=True).render(heading, True, pal.TEXT), (rect.x + 24, rect.y + 18)
        )
        area = self.chart_area()
        cells = grid_cells(area, 8, 4)
        note = REVEALED_NOTE if self.timeline.revealed else DURING_PLAY_NOTE
        y = cells[7].y + 8
        for line in wrap(note, font(13), cells[7].w - 8):
            surface.blit(font(13).render(line, True, pal.MUTED), (cells[7].x + 4, y))
            y += font(13).get_linesize()
        if self.message:
            width = self.csv_button.get_abs_rect().x - rect.x - 48
            y = rect.bottom - 66
            for line in wrap(self.message, font(13), int(width))[:3]:
                surface.blit(font(13).render(line, True, pal.TEXT), (rect.x + 24, y))
                y += font(13).get_linesize()
        draw_charts(surface, cells[:7], self.timeline, None, self.mouse, rect, pal=self.app.palette)
