"""The map's line colours and the symbols of its key, shared by the map and its key."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.kit.style import Palette
from game.ui.kit.words import kind_name
from game.ui.map import icons, sprites
from game.ui.map.map_render import _walk

FRONT_CASING = (255, 232, 220)
FRONT = (176, 30, 30)
RAIL_INTACT = (52, 44, 40)
CASING = (236, 228, 205)

TOOTH_EVERY = 14.0  # pixels between the front's teeth
TOOTH_SIZE = (7.0, 5.0)  # base and height


def draw_front(
    surface: pygame.Surface, pts: Sequence[tuple[float, float]], density: float = 1.0
) -> None:
    """The front: a broad dark-red line on a light casing with teeth on its northern
    side, facing the enemy, so that it never reads as a thin line (rail, a zone's edge).
    ``density`` is the surface's pixels per interface pixel."""
    if len(pts) < 2:
        return
    base, height = (v * density for v in TOOTH_SIZE)
    teeth = []
    for (x, y), (ux, uy) in _walk(list(pts), TOOTH_EVERY * density):
        nx, ny = (uy, -ux) if ux > 0 or (ux == 0 and uy < 0) else (-uy, ux)
        if ny > 0:  # the side facing north
            nx, ny = -nx, -ny
        a = (x - ux * base / 2, y - uy * base / 2)
        b = (x + ux * base / 2, y + uy * base / 2)
        tip = (x + nx * (height + 2 * density), y + ny * (height + 2 * density))
        teeth.append((a, b, tip))
    for a, b, tip in teeth:
        pygame.draw.polygon(surface, FRONT_CASING, [a, b, tip], 0)
        pygame.draw.aalines(surface, FRONT_CASING, True, [a, b, tip])
    pygame.draw.lines(surface, FRONT_CASING, False, pts, round(8 * density))
    for a, b, tip in teeth:
        inset = [(p[0] * 0.8 + tip[0] * 0.2, p[1] * 0.8 + tip[1] * 0.2) for p in (a, b)]
        pygame.draw.polygon(surface, FRONT, [*inset, tip])
    pygame.draw.lines(surface, FRONT, False, pts, round(4 * density))


LEGEND_ZONES = (
    ("mig_alley", "MiG Alley"),
    ("border_buffer", "Yalu border buffer"),
    ("neutral_zone", "Truce-talk neutral zone"),
    ("pow_camp", "Prisoner camp"),
    ("naval_area", "Task Force 77 waters"),
)


def draw_key_item(
    surface: pygame.Surface,
    what: str,
    key: str,
    mid: tuple[int, int],
    pal: Palette,
    density: float = 1.0,
) -> str:
    """Draws a map-key symbol centred on mid, in ``pal``'s colours, ``density`` times
    its size in interface pixels, and returns its words."""
    x, y = mid

    def d(n: float) -> int:
        return round(n * density)

    if what == "icon":
        img = icons.target_icon(pal, key, d(6), 0.0, 1.0)
        surface.blit(img, img.get_rect(center=mid))
        return kind_name(key)
    if what == "base":
        img = sprites.sprite("air_base", d(16))
        surface.blit(img, img.get_rect(center=mid))
        return "Our air base"
    if what == "bda":
        damage, conf = {
            "confident": (60.0, 0.9),
            "guess": (60.0, 0.2),
            "destroyed": (100.0, 0.9),
            "restricted": (0.0, 0.9),
            "unseen": (None, 0.0),
        }[key]
        barred = key == "restricted"
        img = icons.target_icon(pal, "industrial_complex", d(6), damage, conf, restricted=barred)
        surface.blit(img, img.get_rect(center=mid))
        return {
            "confident": "Damage estimate, confident",
            "guess": "Damage estimate, a guess",
            "destroyed": "Destroyed (est.)",
            "restricted": "Off limits (a card in force)",
            "unseen": "Not yet assessed",
        }[key]
    if what == "zone":
        colour = pal.zone(key)
        box = pygame.Rect(x - d(8), y - d(6), d(16), d(12))
        sw = pygame.Surface(box.size, pygame.SRCALPHA)
        sw.fill((*colour[:3], max(colour[3], 110)))
        surface.blit(sw, box)
        pygame.draw.rect(surface, colour[:3], box, d(1))
        return dict(LEGEND_ZONES)[key]
    if what == "rail":
        rail = {"intact": RAIL_INTACT, "damaged": pal.RAIL_DAMAGED, "cut": pal.RAIL_CUT}[key]
        pygame.draw.line(surface, CASING, (x - d(9), y), (x + d(9), y), d(5))
        pygame.draw.line(surface, rail, (x - d(9), y), (x + d(9), y), d(3))
        return {
            "intact": "Rail line",
            "damaged": "Rail, damaged (est.)",
            "cut": "Rail, cut (est.)",
        }[key]
    draw_front(surface, [(x - d(10), y + d(2)), (x + d(10), y + d(2))], density)
    return "Front line"
