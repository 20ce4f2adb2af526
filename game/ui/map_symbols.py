"""The map's line colours and the symbols of its key, shared by the map and its key."""

from __future__ import annotations

import pygame

from game.ui import icons, sprites
from game.ui.map_render import ZONE_COLORS
from game.ui.style import PAL
from game.ui.words import kind_name

FRONT_CASING = (255, 232, 220)
FRONT = (176, 30, 30)
RAIL_INTACT = (52, 44, 40)
CASING = (236, 228, 205)

LEGEND_ZONES = (
    ("mig_alley", "MiG Alley"),
    ("border_buffer", "Yalu border buffer"),
    ("neutral_zone", "Truce-talk neutral zone"),
    ("pow_camp", "Prisoner camp"),
    ("naval_area", "Task Force 77 waters"),
)


def draw_key_item(surface: pygame.Surface, what: str, key: str, mid: tuple[int, int]) -> str:
    """Draws a map-key symbol centred on mid and returns its words."""
    x, y = mid
    if what == "icon":
        img = icons.target_icon(key, 6, 0.0, 1.0)
        surface.blit(img, img.get_rect(center=mid))
        return kind_name(key)
    if what == "base":
        img = sprites.sprite("air_base", 16)
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
        img = icons.target_icon("industrial_complex", 6, damage, conf, restricted=barred)
        surface.blit(img, img.get_rect(center=mid))
        return {
            "confident": "Damage estimate, confident",
            "guess": "Damage estimate, a guess",
            "destroyed": "Destroyed (est.)",
            "restricted": "Off limits (a card in force)",
            "unseen": "Not yet assessed",
        }[key]
    if what == "zone":
        colour = ZONE_COLORS.get(key, (80, 80, 80, 40))
        sw = pygame.Surface((16, 12), pygame.SRCALPHA)
        sw.fill((*colour[:3], max(colour[3], 110)))
        surface.blit(sw, (x - 8, y - 6))
        pygame.draw.rect(surface, colour[:3], pygame.Rect(x - 8, y - 6, 16, 12), 1)
        return dict(LEGEND_ZONES)[key]
    if what == "rail":
        rail = {"intact": RAIL_INTACT, "damaged": PAL.RAIL_DAMAGED, "cut": PAL.RAIL_CUT}[key]
        pygame.draw.line(surface, CASING, (x - 9, y), (x + 9, y), 5)
        pygame.draw.line(surface, rail, (x - 9, y), (x + 9, y), 3)
        return {
            "intact": "Rail line",
            "damaged": "Rail, damaged (est.)",
            "cut": "Rail, cut (est.)",
        }[key]
    pygame.draw.line(surface, FRONT_CASING, (x - 9, y), (x + 9, y), 6)
    pygame.draw.line(surface, FRONT, (x - 9, y), (x + 9, y), 3)
    return "Front line"
