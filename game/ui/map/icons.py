"""Target icons: the type's sprite, filled by the estimated damage, ringed by confidence.

A plain icon is a confident assessment; one in a dashed dark ring, a guess; a greyed one
in a dashed grey ring has never been assessed. A struck-through one is destroyed.
"""

from __future__ import annotations

import math
from functools import cache

import pygame

from game.ui.kit.style import Palette
from game.ui.map import sprites

ColorValue = tuple[int, int, int] | tuple[int, int, int, int]

LOW_CONFIDENCE = 0.5
PAPER = (244, 236, 214)
UNSEEN = (130, 126, 116)
CONFIDENT = (28, 24, 22)
HIGHLIGHT = (255, 228, 120)


def damage_colour(pal: Palette, damage: float) -> tuple[int, int, int]:
    """Amber at light damage to deep red when destroyed (or the colour-blind ramp)."""
    t = max(0.0, min(1.0, damage / 100))
    lo, hi = pal.DAMAGE_LOW, pal.DAMAGE_HIGH
    return (
        round(lo[0] + (hi[0] - lo[0]) * t),
        round(lo[1] + (hi[1] - lo[1]) * t),
        round(lo[2] + (hi[2] - lo[2]) * t),
    )


DESTROYED = 90.0  # an estimate this high is drawn struck through: nothing left to hit
UNSEEN_TINT = (196, 192, 182)  # a plate never assessed: greyed, its damage unknown


@cache
def target_icon(
    pal: Palette,
    kind: str,
    r: int,
    damage: float | None,
    confidence: float,
    highlight: bool = False,
    sprite_path: str | None = None,
    restricted: bool = False,
) -> pygame.Surface:
    """The icon for a target in ``pal``'s colours (kept for each palette); ``damage``
    None means never assessed. ``sprite_path`` is a scenario's own picture for the type
    (the game's is used otherwise); ``restricted`` badges a target a card in force puts
    off limits."""
    dmg_step = None if damage is None else round(damage / 5) * 5
    overrides = {kind: sprite_path} if sprite_path else None
    surf = _make_icon(pal, kind, r, dmg_step, confidence >= LOW_CONFIDENCE, highlight, overrides)
    if restricted:
        surf = surf.copy()
        _no_entry(surf, (surf.get_width() / 2 + r * 0.8, surf.get_height() / 2 - r * 0.8), r, pal)
    return surf


def _no_entry(surf: pygame.Surface, at: tuple[float, float], r: int, pal: Palette) -> None:
    """A no-entry badge: a disc in the forbidding colour with a white bar across."""
    rb = max(3.5, r * 0.5)
    pygame.draw.circle(surf, CONFIDENT, at, rb + 1)
    pygame.draw.circle(surf, pal.FORBID, at, rb)
    bar = pygame.Rect(0, 0, round(rb * 1.3), max(2, round(rb * 0.4)))
    bar.center = (round(at[0]), round(at[1]))
    pygame.draw.rect(surf, (250, 248, 240), bar)


def _make_icon(
    pal: Palette,
    kind: str,
    r: int,
    damage: int | None,
    confident: bool,
    highlight: bool,
    overrides: dict[str, str] | None,
) -> pygame.Surface:
    """The type's sprite, its plate filled from the bottom up by the damage estimate in
    the damage colour (multiplied in, so the pictogram stays dark), struck through when
    destroyed, ringed with a dashed line when the estimate is a guess or there is none."""
    size = 2 * r + 10
    c = size / 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    if highlight:
        pygame.draw.circle(surf, (*HIGHLIGHT, 150), (c, c), r + 5)
    picture = sprites.sprite(kind, 2 * r + 6, overrides).copy()
    box = picture.get_bounding_rect()
    if damage is None:
        picture.fill(UNSEEN_TINT, special_flags=pygame.BLEND_RGB_MULT)
    elif damage > 0:
        top = round(box.bottom - box.h * damage / 100)
        band = pygame.Rect(0, top, picture.get_width(), picture.get_height() - top)
        picture.fill(damage_colour(pal, damage), band, special_flags=pygame.BLEND_RGB_MULT)
    at = picture.get_rect(center=(round(c), round(c)))
    surf.blit(picture, at)
    if damage is not None and damage >= DESTROYED:
        _strike_through(surf, box.move(at.topleft), max(2, round(r / 4)))
    if damage is None:
        _dashed_ring(surf, c, r + 4, UNSEEN)
    elif not confident:
        _dashed_ring(surf, c, r + 4, CONFIDENT)
    return surf


def _strike_through(surf: pygame.Surface, rect: pygame.Rect, width: int) -> None:
    """A paper-cased dark cross over the plate: destroyed, in any palette."""
    inner = rect.inflate(-rect.w // 4, -rect.h // 4)
    for a, b in ((inner.topleft, inner.bottomright), (inner.topright, inner.bottomleft)):
        pygame.draw.line(surf, PAPER, a, b, width + 2)
    for a, b in ((inner.topleft, inner.bottomright), (inner.topright, inner.bottomleft)):
        pygame.draw.line(surf, CONFIDENT, a, b, width)


def _dashed_ring(surf: pygame.Surface, c: float, r: float, colour: ColorValue) -> None:
    n = 12
    rect = pygame.Rect(0, 0, round(2 * r), round(2 * r))
    rect.center = (round(c), round(c))
    for i in range(0, n, 2):
        a0, a1 = 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n
        pygame.draw.arc(surf, colour, rect, a0, a1, 2)


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
    """Drop the drawn icons (their sprites changed)."""
    target_icon.cache_clear()
