"""The strip across the top of the map: the date, the moon, the talks, and gauges for
the negotiation meter (the player's estimate), world opinion and US patience.
Pure drawing from the player's view; returns hover regions for tooltips."""

from __future__ import annotations

import pygame

from game.core.calendar import moon_illumination, moon_phase_name
from game.core.intel import PlayerView
from game.core.model import Rules
from game.ui.kit.panels import draw_moon, talks_colour
from game.ui.kit.style import Palette, fitted, font, text
from game.ui.kit.words import TALKS_NAMES, long_date

TALKS_W = 130  # the talks' column, before the gauges


def _gauge(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    value: float,
    colour: tuple[int, int, int],
    mark: float,
    mark_colour: tuple[int, int, int],
    *,
    pal: Palette,
) -> None:
    surface.blit(text(label, 13, pal.MUTED), (rect.x, rect.y))
    val = text(f"{value:.0f}", 14, pal.TEXT, bold=True)
    surface.blit(val, (rect.right - val.get_width(), rect.y - 1))
    bar = pygame.Rect(rect.x, rect.y + 21, rect.w, 8)
    pygame.draw.rect(surface, pal.BAR_BG, bar, border_radius=2)
    fill = bar.copy()
    fill.w = round(bar.w * max(0.0, min(100.0, value)) / 100)
    if fill.w > 0:
        pygame.draw.rect(surface, colour, fill, border_radius=2)
    pygame.draw.rect(surface, pal.PANEL_EDGE, bar, 1, border_radius=2)
    x = bar.x + round(bar.w * mark / 100)
    pygame.draw.line(surface, mark_colour, (x, bar.y - 3), (x, bar.bottom + 2), 2)


def draw_status_bar(
    surface: pygame.Surface, rect: pygame.Rect, rules: Rules, view: PlayerView, *, pal: Palette
) -> list[tuple[pygame.Rect, list[tuple[str, bool]]]]:
    """Draw the strip in ``rect``; returns (region, tooltip lines) for hovering."""
    shade = pygame.Surface(rect.size, pygame.SRCALPHA)
    shade.fill((*pal.PANEL, 236))
    surface.blit(shade, rect)
    pygame.draw.line(surface, pal.PANEL_EDGE, rect.bottomleft, rect.bottomright)
    tips: list[tuple[pygame.Rect, list[tuple[str, bool]]]] = []
    x, y = rect.x + 14, rect.y + 7
    date_img = text(long_date(view.day), 18, pal.TEXT, bold=True)
    surface.blit(date_img, (x, y))
    lit = moon_illumination(view.day)
    draw_moon(surface, (x + 9, y + 35), 8, view.day)
    moon = f"{moon_phase_name(view.day).capitalize()}, {lit * 100:.0f}% lit"
    moon_img = text(moon, 13, pal.MUTED)
    surface.blit(moon_img, (x + 22, y + 27))
    moon_rect = pygame.Rect(x, y + 25, 22 + moon_img.get_width(), 20)
    tips.append(
        (
            moon_rect,
            [
                ("Moon", True),
                (moon, False),
                (
                    "Dark nights: B-29s can reach the Yalu."
                    if lit < 0.3
                    else "Moonlit nights favour MiG night fighters.",
                    False,
                ),
            ],
        )
    )
    left_w = max(date_img.get_width(), moon_rect.w) + 24
    tx = x + left_w
    talks = TALKS_NAMES.get(view.talks.value, view.talks.value)
    name = fitted(rules.talks_name, font(13), TALKS_W - 10)
    surface.blit(text(name, 13, pal.MUTED), (tx, y))
    surface.blit(
        text(talks, 15, talks_colour(view.talks, pal=pal), bold=True),
        (tx, y + 20),
    )
    tips.append(
        (
            pygame.Rect(tx, y, TALKS_W - 10, 40),
            [(rules.talks_name, True), (f"The talks are {talks}.", False)],
        )
    )
    gx = tx + TALKS_W
    gauges = (
        (
            "Meter (est.)",
            view.meter_estimate,
            pal.ACCENT,
            rules.meter.threshold,
            pal.TEXT,
            [
                ("Negotiation meter (your estimate)", True),
                ("The enemy's willingness to sign, as intelligence judges it;", False),
                (
                    f"it lags a turn. Armistice when it holds above {rules.meter.threshold:.0f}.",
                    False,
                ),
            ],
        ),
        (
            "World opinion",
            view.world_opinion,
            pal.GAUGE_OPINION,
            rules.opinion.recall_world,
            pal.DANGER,
            [
                ("World opinion", True),
                ("Falls with civilian casualties and incidents.", False),
                (f"Below {rules.opinion.recall_world:.0f} the planner is recalled.", False),
            ],
        ),
        (
            "US patience",
            view.us_patience,
            pal.GAUGE_PATIENCE,
            rules.opinion.recall_patience,
            pal.DANGER,
            [
                ("US patience", True),
                ("Falls with UN casualties, aircraft lost and stalemate.", False),
                (f"Below {rules.opinion.recall_patience:.0f} the planner is recalled.", False),
            ],
        ),
    )
    gw = max(90, min(170, (rect.right - 14 - gx - 2 * 16) // 3))
    for label, value, colour, mark, mark_colour, tip in gauges:
        g = pygame.Rect(gx, y + 4, gw, 32)
        _gauge(surface, g, label, value, colour, mark, mark_colour, pal=pal)
        tips.append((g, tip))
        gx += gw + 16
    return tips
