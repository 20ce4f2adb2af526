"""The carriers' operating areas at sea (zones of kind ``naval_area``): a name on the
map, a tooltip that says what the area is, drawn with the Limits overlay that shows
them. The name is the air pool flying from the area ("Task Force 77"), so a mod's
area is named by its own data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.geometry import Layer, MapFeature
from game.core.model import Rules
from game.ui.kit.style import font

if TYPE_CHECKING:
    from game.ui.map.map_view import MapView

KIND = "naval_area"
OVERLAY = "restrict"  # the Limits toggle draws these areas
INK = (28, 52, 112)
HALO = (214, 224, 238)


def naval_areas(rules: Rules) -> list[MapFeature]:
    return [f for f in rules.geometry.on_layer(Layer.ZONES) if f.kind == KIND]


def area_name(rules: Rules, area: MapFeature) -> str:
    """The pools flying from the area ("Task Force 77"), else the area's own label."""
    pools = [p.name for p in rules.pools.values() if p.base == area.id]
    return " and ".join(pools) or str(area.properties.get("label", "") or area.id)


def area_at(rules: Rules, view: MapView, pos: tuple[int, int]) -> MapFeature | None:
    if OVERLAY not in view.overlays or not view.rect.collidepoint(pos):
        return None
    km = view.to_km(pos)
    return next((a for a in naval_areas(rules) if a.contains(km)), None)


def area_tooltip(rules: Rules, area: MapFeature) -> list[tuple[str, bool]]:
    pools = [p for p in rules.pools.values() if p.base == area.id]
    lines = [(str(area.properties.get("label", "") or area_name(rules, area)), True)]
    lines.append(("The Navy's fast carriers steam here, off the enemy's coast.", False))
    for p in pools:
        lines.append((f"{p.name} ({p.aircraft}) flies from it: {p.range_km:.0f} km reach.", False))
    return lines


def draw_area_names(
    surface: pygame.Surface, rules: Rules, view: MapView, keep_clear: list[pygame.Rect]
) -> list[pygame.Rect]:
    """Each area's name, small, inside the top of the area; returns where they went."""
    if OVERLAY not in view.overlays:
        return []
    f = font(13, italic=True)
    out = []
    for area in naval_areas(rules):
        pts = [view.to_screen(p) for p in area.points]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        box = pygame.Rect(round(min(xs)), round(min(ys)), round(max(xs) - min(xs)), 0)
        box.h = round(max(ys)) - box.y
        region = box.clip(view.rect.inflate(-8, -8))  # the part of the area in view
        text = area_name(rules, area)
        img = f.render(text, True, INK)
        rect = img.get_rect(midtop=(region.centerx, region.y + 6))
        blocking = [r for r in keep_clear if r.colliderect(rect)]
        if blocking:  # under the status bar or the toggles: just below them
            rect.y = max(r.bottom for r in blocking) + 4
        if not region.contains(rect) or rect.collidelist(keep_clear) >= 0:
            continue
        halo = f.render(text, True, HALO)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            surface.blit(halo, rect.move(dx, dy))
        surface.blit(img, rect)
        out.append(rect)
    return out
