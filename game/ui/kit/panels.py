"""Custom-drawn panels: the planner's status column, gauges, the moon, the legend and
the hover tooltip. Pure drawing from values; nothing here changes game state."""

from __future__ import annotations

import math
from datetime import date

import pygame

from game.core.calendar import moon_illumination, moon_phase_name
from game.core.intel import PlayerView, flak_picture
from game.core.model import Rules, TalksState
from game.ui.kit.style import Palette, font
from game.ui.kit.words import kind_name, short_date

PAD = 18
BAR_H = 58  # the desk's status bar over the map's top: the map centres below it
TALKS_PAINT = {  # names in the palette, looked up when drawn
    TalksState.NOT_OPENED: "MUTED",
    TalksState.IN_SESSION: "GOOD",
    TalksState.RECESSED: "ACCENT",
    TalksState.BROKEN_OFF: "DANGER",
}


def talks_colour(state: TalksState, *, pal: Palette) -> tuple[int, int, int]:
    name = TALKS_PAINT.get(state)
    return pal.colour(name) if name else pal.TEXT


def draw_moon(surface: pygame.Surface, centre: tuple[int, int], r: int, day: date) -> None:
    """The moon's disc lit as on ``day`` (waxing lit on the right)."""
    lit = moon_illumination(day)
    waxing = moon_phase_name(day).startswith(("waxing", "first", "new"))
    size = 2 * r + 2
    img = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    pygame.draw.circle(img, (58, 64, 70), (c, c), r)
    light = (236, 228, 200)
    # The terminator is an ellipse of half-width |1 - 2*lit| * r.
    for row in range(-r, r + 1):
        half = math.sqrt(max(0.0, r * r - row * row))
        term = (1 - 2 * lit) * half
        if waxing:
            x0, x1 = c + term, c + half
        else:
            x0, x1 = c - half, c - term
        if x1 > x0:
            pygame.draw.line(img, light, (x0, c + row), (x1, c + row))
    pygame.draw.circle(img, (150, 146, 130), (c, c), r, 1)
    surface.blit(img, (centre[0] - c, centre[1] - c))


def draw_gauge(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    value: float,
    *,
    colour: tuple[int, int, int] | None = None,
    mark: float | None = None,
    mark_colour: tuple[int, int, int] | None = None,
    note: str = "",
    pal: Palette,
) -> None:
    """A labelled 0-100 bar; ``mark`` draws a tick (a threshold). The bar is ``colour``
    (the accent unless given), the tick ``mark_colour`` (the text's unless given)."""
    f = font(15)
    surface.blit(f.render(label, True, pal.TEXT), (rect.x, rect.y))
    val = font(15, bold=True).render(f"{value:.0f}{note}", True, pal.TEXT)
    surface.blit(val, (rect.right - val.get_width(), rect.y))
    bar = pygame.Rect(rect.x, rect.y + 24, rect.w, 10)
    pygame.draw.rect(surface, pal.BAR_BG, bar, border_radius=2)
    fill = bar.copy()
    fill.w = round(bar.w * max(0.0, min(100.0, value)) / 100)
    if fill.w > 0:
        pygame.draw.rect(surface, colour or pal.ACCENT, fill, border_radius=2)
    pygame.draw.rect(surface, pal.PANEL_EDGE, bar, 1, border_radius=2)
    if mark is not None:
        x = bar.x + round(bar.w * mark / 100)
        pygame.draw.line(surface, mark_colour or pal.TEXT, (x, bar.y - 3), (x, bar.bottom + 2), 2)


def tooltip_lines(rules: Rules, view: PlayerView, target_id: str) -> list[tuple[str, bool]]:
    """(text, is_title) lines for a target: what the planner's desk knows of it."""
    t = rules.targets[target_id]
    lines = [(t.name, True), (kind_name(t.kind), False)]
    est = view.bda.get(target_id)
    if est is None:
        lines.append(("Damage: not yet assessed", False))
    else:
        conf = "high" if est.confidence >= 0.7 else "fair" if est.confidence >= 0.4 else "low"
        seen = f", seen {short_date(est.seen)}" if est.seen else ""
        lines.append((f"Damage (estimate): {est.damage:.0f}%", False))
        lines.append((f"Confidence: {conf} ({est.confidence * 100:.0f}%){seen}", False))
    flak, briefed = flak_picture(rules, view, target_id)  # the package panel's figure too
    source = "briefing" if briefed else "estimate"
    lines.append((f"Flak ({source}): about {flak:.0f} heavy guns", False))
    return lines


def draw_tooltip(
    surface: pygame.Surface,
    at: tuple[int, int],
    lines: list[tuple[str, bool]],
    bounds: pygame.Rect,
    *,
    pal: Palette,
) -> pygame.Rect:
    imgs = [
        font(15, bold=True).render(s, True, pal.ACCENT)
        if title
        else font(14).render(s, True, pal.TEXT)
        for s, title in lines
    ]
    w = max(i.get_width() for i in imgs) + 24
    h = sum(i.get_height() + 2 for i in imgs) + 18
    rect = pygame.Rect(at[0] + 18, at[1] + 18, w, h)
    if rect.right > bounds.right - 6:
        rect.right = at[0] - 12
    if rect.bottom > bounds.bottom - 6:
        rect.bottom = at[1] - 12
    rect.clamp_ip(bounds)
    pygame.draw.rect(surface, pal.TOOLTIP, rect, border_radius=4)
    pygame.draw.rect(surface, pal.ACCENT, rect, 1, border_radius=4)
    y = rect.y + 9
    for img in imgs:
        surface.blit(img, (rect.x + 12, y))
        y += img.get_height() + 2
    return rect
