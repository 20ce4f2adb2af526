"""The end panel: how the war ended for this planner, the score, the key figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.summary import summary
from game.ui.overlay import OverlayScene
from game.ui.scenes import Scene
from game.ui.session import GameSession
from game.ui.words import OUTCOME_NAMES, esc, long_date

if TYPE_CHECKING:
    from game.ui.app import App

FIGURES = (
    ("aircraft_lost", "Aircraft lost", "{:,.0f}"),
    ("civilian_casualties", "Civilian casualties", "{:,.0f}"),
    ("power_destroyed_pct", "Power destroyed", "{:.0f}%"),
    ("rail_cuts", "Rail cuts", "{:,.0f}"),
    ("cities_half_destroyed", "Main cities half destroyed", "{:,.0f}"),
    ("negotiation_meter", "Enemy's willingness to sign", "{:.0f}"),
    ("world_opinion", "World opinion", "{:.0f}"),
    ("us_patience", "US patience", "{:.0f}"),
)


def end_html(session: GameSession) -> str:
    rules, state = session.rules, session.state
    row = summary(rules, state, "player", session.seed)
    outcome = OUTCOME_NAMES.get(row["outcome"], row["outcome"])
    end_day = state.end_date or state.day
    lines = [
        f"<font size=6><b>{esc(outcome)}</b></font><br>",
        f"<font color='#b8ab87'>{esc(rules.name)} · ended {esc(long_date(end_day))} "
        f"after {row['turns_played']} turn{'s' if row['turns_played'] != 1 else ''}</font><br><br>",
        f"<font size=5>Score: <b>{row['score']:.0f}</b></font><br><br>",
    ]
    for key, label, fmt in FIGURES:
        lines.append(f"{esc(label)}: <b>{esc(fmt.format(row[key]))}</b><br>")
    lines.append(
        "<br><font color='#b8ab87'><i>The war's end reveals the true figures, not the "
        "intelligence estimates the planner worked from.</i></font>"
    )
    return "".join(lines)


class EndScene(OverlayScene):
    name = "end"

    def __init__(self, app: App, below: Scene, session: GameSession) -> None:
        self.session = session
        super().__init__(app, below)

    def panel_rect(self, max_w: int = 640) -> pygame.Rect:
        w, h = self.size
        rect = pygame.Rect(0, 0, min(max_w, w - 120), min(560, h - 80))
        rect.center = (w // 2, h // 2)
        return rect

    def build(self) -> None:
        rect = self.panel_rect()
        self.text = pygame_gui.elements.UITextBox(
            end_html(self.session),
            pygame.Rect(rect.x + 20, rect.y + 20, rect.w - 40, rect.h - 100),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@plain"),
        )
        self.title_button = self.button(
            pygame.Rect(rect.centerx - 130, rect.bottom - 68, 260, 48),
            "Back to title",
            self.app.to_title,
            tooltip="Return to the title screen (Enter)",
            object_id="@primary",
        )

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_ESCAPE):
            self.app.to_title()
