"""Target icons: shape by kind, fill by the estimated damage, outline by confidence.

A solid dark outline means a confident assessment; a faint dashed one, a guess; an icon
with no fill and a grey outline has never been assessed.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

import pygame

from game.ui.map_render import TARGET_COLORS
from game.ui.style import PAL

ColorValue = tuple[int, int, int] | tuple[int, int, int, int]

LOW_CONFIDENCE = 0.5
PAPER = (244, 236, 214)
UNSEEN = (130, 126, 116)
CONFIDENT = (28, 24, 22)
HIGHLIGHT = (255, 228, 120)


def damage_colour(damage: float) -> tuple[int, int, int]:
    """Amber at light damage to deep red when destroyed (or the colour-blind ramp)."""
    t = max(0.0, min(1.0, damage / 100))
    lo, hi = PAL.DAMAGE_LOW, PAL.DAMAGE_HIGH
    return (
        round(lo[0] + (hi[0] - lo[0]) * t),
        round(lo[1] + (hi[1] - lo[1]) * t),
        round(lo[2] + (hi[2] - lo[2]) * t),
    )


def _shape(kind: str, c: float, r: float) -> list[tuple[float, float]] | None:
    """The icon's outline as a polygon, or None for a circle."""
    if kind in ("city", "airfield"):
        return None
    if kind in ("hydro_plant", "thermal_plant"):
        return [(c, c - r - 1), (c + r + 1, c), (c, c + r + 1), (c - r - 1, c)]
    if kind == "dam":
        return [
            (c - r - 2, c - r * 0.55),
            (c + r + 2, c - r * 0.55),
            (c + r * 0.7, c + r * 0.7),
            (c - r * 0.7, c + r * 0.7),
        ]
    if kind == "rail_bridge":
        return [
            (c - r, c - r * 0.45),
            (c + r, c - r * 0.45),
            (c + r, c + r * 0.45),
            (c - r, c + r * 0.45),
        ]
    return [(c - r, c - r), (c + r, c - r), (c + r, c + r), (c - r, c + r)]


def _draw_shape(
    surf: pygame.Surface, kind: str, c: float, r: float, color: ColorValue, width: int = 0
) -> None:
    pts = _shape(kind, c, r)
    if pts is None:
        pygame.draw.circle(surf, color, (c, c), r, width)
    else:
        pygame.draw.polygon(surf, color, pts, width)


def _dashed_outline(surf: pygame.Surface, kind: str, c: float, r: float, color: ColorValue) -> None:
    pts = _shape(kind, c, r)
    if pts is None:
        n = 10
        for i in range(0, n, 2):
            a0, a1 = 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n
            rect = pygame.Rect(0, 0, 2 * r, 2 * r)
            rect.center = (round(c), round(c))
            pygame.draw.arc(surf, color, rect, a0, a1, 2)
        return
    ring = [*pts, pts[0]]
    for (ax, ay), (bx, by) in itertools.pairwise(ring):
        for k in range(0, 4, 2):
            t0, t1 = k / 4, (k + 1) / 4
            pygame.draw.line(
                surf,
                color,
                (ax + (bx - ax) * t0, ay + (by - ay) * t0),
                (ax + (bx - ax) * t1, ay + (by - ay) * t1),
                2,
            )


@cache
def target_icon(
    kind: str, r: int, damage: float | None, confidence: float, highlight: bool = False
) -> pygame.Surface:
    """The icon for a target; ``damage`` None means never assessed."""
    dmg_step = None if damage is None else round(damage / 5) * 5
    return _make_icon(kind, r, dmg_step, confidence >= LOW_CONFIDENCE, highlight)


def sprite_icon(
    path: str, kind: str, r: int, damage: float | None, confidence: float, highlight: bool = False
) -> pygame.Surface:
    """A mod's own icon for a target type, with the same damage and confidence marks.

    A sprite that will not decode falls back to the drawn icon: a modder's file never
    stops the game.
    """
    dmg_step = None if damage is None else round(damage / 5) * 5
    try:
        return _make_sprite_icon(path, r, dmg_step, confidence >= LOW_CONFIDENCE, highlight)
    except (pygame.error, OSError, ValueError):
        return target_icon(kind, r, damage, confidence, highlight)


@cache
def _make_sprite_icon(
    path: str, r: int, damage: int | None, confident: bool, highlight: bool
) -> pygame.Surface:
    size = 2 * r + 10
    surf = pygame.Surface((size, size + 5), pygame.SRCALPHA)
    if highlight:
        pygame.draw.circle(surf, (*HIGHLIGHT, 150), (size / 2, size / 2), r + 5)
    picture = pygame.image.load(path)
    side = 2 * r + 4
    surf.blit(pygame.transform.smoothscale(picture, (side, side)), (3, 3))
    # Damage as a bar under the picture: its colour and length, dashed if a guess.
    bar = pygame.Rect(3, size, side, 4)
    pygame.draw.rect(surf, (*PAPER, 255), bar)
    if damage is not None:
        filled = bar.copy()
        filled.w = round(side * damage / 100)
        pygame.draw.rect(surf, (*damage_colour(damage), 255), filled)
        pygame.draw.rect(surf, (*CONFIDENT, 255 if confident else 90), bar, 1)
    else:
        pygame.draw.rect(surf, (*UNSEEN, 255), bar, 1)
    return surf


@cache
def _make_icon(
    kind: str, r: int, damage: int | None, confident: bool, highlight: bool
) -> pygame.Surface:
    size = 2 * r + 10
    c = size / 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    if highlight:
        pygame.draw.circle(surf, (*HIGHLIGHT, 150), (c, c), r + 5)
    _draw_shape(surf, kind, c, r + 1.5, (*PAPER, 255))
    _draw_shape(surf, kind, c, r, (*PAPER, 255))
    if damage is not None and damage > 0:
        fill = pygame.Surface((size, size), pygame.SRCALPHA)
        _draw_shape(fill, kind, c, r, (*damage_colour(damage), 255))
        top = round(c + r - (2 * r) * damage / 100)
        surf.blit(fill, (0, top), pygame.Rect(0, top, size, size - top))
    kind_col = TARGET_COLORS.get(kind, (80, 80, 80))
    if kind == "airfield":
        pygame.draw.line(surf, kind_col, (c - r + 2, c), (c + r - 2, c), 2)
        pygame.draw.line(surf, kind_col, (c, c - r + 2), (c, c + r - 2), 2)
    elif damage is None or damage < 50:
        pygame.draw.circle(surf, kind_col, (c, c), max(1.5, r / 3.2))
    if damage is None:
        _dashed_outline(surf, kind, c, r, (*UNSEEN, 255))
    elif confident:
        _draw_shape(surf, kind, c, r, (*CONFIDENT, 255), 2)
    else:
        _draw_shape(surf, kind, c, r, (*CONFIDENT, 90), 1)
        _dashed_outline(surf, kind, c, r, (*CONFIDENT, 255))
    return surf


_labels: dict[tuple[str, int, int], tuple[pygame.Surface, pygame.Surface]] = {}


def blit_label(
    surface: pygame.Surface, fnt: pygame.font.Font, text: str, at: tuple[float, float]
) -> None:
    """A map label with a light halo, left-aligned at ``at`` and centred vertically."""
    key = (text, fnt.get_height(), id(fnt))
    if key not in _labels:
        _labels[key] = (
            fnt.render(text, True, (40, 32, 28)),
            fnt.render(text, True, (246, 240, 222)),
        )
    img, halo = _labels[key]
    x, y = round(at[0]), round(at[1] - img.get_height() / 2)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (1, -1), (-1, 1)):
        surface.blit(halo, (x + dx, y + dy))
    surface.blit(img, (x, y))


def forget_icons() -> None:
    """Drop the drawn icons: their damage colours change with the palette."""
    target_icon.cache_clear()
    _make_sprite_icon.cache_clear()
    _make_icon.cache_clear()
