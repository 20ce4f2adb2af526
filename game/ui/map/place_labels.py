"""Place names on the planning map: the map's ``places`` layer, drawn lighter than the
target labels (italic, smaller, no bold) and thinned out by rank as the map zooms out.

A place that is also a target is named once: when the target's own label is drawn,
the place adds nothing but, if asked, its Hangul beside that label. Labels never
overlap each other, the target icons and labels, or the air bases' names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pygame

from game.core.geometry import Layer, MapGeometry, Point
from game.ui.kit.style import font, korean_font_files
from game.ui.map.map_render import _font as base_label_font
from game.ui.map.map_render import base_label_rect, base_names_at, base_style

# Smallest zoom (pixels per km) at which a place of each rank is named.
MIN_PPK_BY_RANK = {1: 0.0, 2: 1.15, 3: 1.65}
INK = (58, 50, 44)
RIVER_INK = (40, 78, 118)
HALO = (240, 234, 214)
ToScreen = Callable[[Point], tuple[float, float]]
DOT_R = 3
HANGUL_SIZE = 14  # beside a target's label


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_ko: str
    rank: int
    style: str  # capital, city, town, river, foreign
    target: str  # the target at the same spot, if any
    position: Point


def places_of(geo: MapGeometry) -> tuple[Place, ...]:
    """The map's places, most important first (a modded map's odd rank counts as 3)."""
    out = []
    for f in geo.on_layer(Layer.PLACES):
        if not f.name:  # nothing to label
            continue
        p = f.properties
        rank = p.get("rank", 3)
        out.append(
            Place(
                id=f.id,
                name=f.name,
                name_ko=str(p.get("name_ko", "") or ""),
                rank=rank if type(rank) is int and rank in MIN_PPK_BY_RANK else 3,
                style=str(p.get("style", "town")),
                target=str(p.get("target", "") or ""),
                position=f.anchor,
            )
        )
    return tuple(sorted(out, key=lambda p: (p.rank, p.style != "capital", p.name)))


def shown_at(place: Place, ppk: float) -> bool:
    return ppk >= MIN_PPK_BY_RANK.get(place.rank, MIN_PPK_BY_RANK[3])


@cache
def _korean_font(size: int) -> pygame.font.Font | None:
    files = korean_font_files()
    if files is None:
        return None
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(files[0], size)


def _size(place: Place, density: float = 1.0) -> int:
    return round((15 if place.style == "capital" else 14 if place.rank == 1 else 13) * density)


_HALO_STEPS = ((-1, 0), (1, 0), (0, -1), (0, 1))


@cache
def label_image(
    name: str, name_ko: str, size: int, river: bool, halo_px: int = 1
) -> pygame.Surface:
    """The label with its halo (``halo_px`` wide): English in italic, then the Hangul
    (if any) beside it."""
    ink = RIVER_INK if river else INK
    parts = [font(size, italic=True).render(name, True, ink)] if name else []
    halos = [font(size, italic=True).render(name, True, HALO)] if name else []
    ko = _korean_font(size) if name_ko else None
    if ko is not None:
        parts.append(ko.render(name_ko, True, ink))
        halos.append(ko.render(name_ko, True, HALO))
    if not parts:  # only Hangul asked for, and no Hangul typeface
        return pygame.Surface((0, 0), pygame.SRCALPHA)
    gap = 5 * halo_px
    w = sum(p.get_width() for p in parts) + gap * (len(parts) - 1) + 2 * halo_px
    h = max(p.get_height() for p in parts) + 2 * halo_px
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    x = halo_px
    around = [(dx * k, dy * k) for k in range(1, halo_px + 1) for dx, dy in _HALO_STEPS]
    for img, halo in zip(parts, halos, strict=True):
        y = (h - img.get_height()) // 2
        for dx, dy in around:
            out.blit(halo, (x + dx, y + dy))
        out.blit(img, (x, y))
        x += img.get_width() + gap
    # Trim the fonts' empty line spacing: the rectangle is what the label covers.
    edge = 2 * halo_px
    return out.subsurface(out.get_bounding_rect().inflate(edge, edge).clip(out.get_rect())).copy()


def base_label_rects(
    geo: MapGeometry, ppk: float, origin: tuple[float, float], density: float = 1.0
) -> list[pygame.Rect]:
    """Where the air bases' names sit in the pre-drawn map (``map_render.draw_overlay``):
    the off-map bases' at every zoom, the others' from the zoom their names show."""
    font_size, r = base_style(ppk, density)
    fnt = base_label_font(font_size)
    size = (round(geo.width_km * ppk), round(geo.height_km * ppk))
    whole = pygame.Rect((round(origin[0]), round(origin[1])), size)
    named = base_names_at(ppk / density)
    rects = []
    for f in geo.on_layer(Layer.BASES):
        if not named and not f.properties.get("offmap", False):
            continue
        at = (origin[0] + f.points[0][0] * ppk, origin[1] + f.points[0][1] * ppk)
        rects.append(base_label_rect(geo, f, at, r, fnt, whole))
        rects.append(pygame.Rect(round(at[0] - r), round(at[1] - r), 2 * r, 2 * r))
    return rects


def _spots(rect: pygame.Rect, x: float, y: float, off: int) -> list[pygame.Rect]:
    """Places to try, best first: beside the point, above or below it, then at its
    corners and a little farther out (crowded places near icons and other names)."""
    w, h = rect.w, rect.h
    out = []
    for dx, dy in (
        (off, -h / 2),
        (-off - w, -h / 2),
        (-w / 2, -off - h + 2),
        (-w / 2, off - 2),
        (off - 2, -off - h + 4),
        (-off - w + 2, -off - h + 4),
        (off - 2, off - 4),
        (-off - w + 2, off - 4),
        (2 * off, -h / 2),
        (-2 * off - w, -h / 2),
    ):
        out.append(rect.move(round(x + dx), round(y + dy)))
    return out


FAR_STEP_PX = 12


def _far_spots(
    rect: pygame.Rect, x: float, y: float, off: int, step: int = FAR_STEP_PX
) -> list[pygame.Rect]:
    """Farther out to either side, then above and below: where a major place's name
    goes when the icons crowded round it leave no room beside it."""
    w, h = rect.w, rect.h
    out = []
    for k in range(1, 5):
        side = off + k * step
        for dx, dy in ((-side - w, -h / 2), (side, -h / 2)):
            out.append(rect.move(round(x + dx), round(y + dy)))
    for k in range(1, 4):
        side = off + k * step
        for top in (-side - h, side):
            out.append(rect.move(round(x - w / 2), round(y + top)))
    return out


@dataclass(frozen=True)
class PlacedLabel:
    place: Place
    rect: pygame.Rect
    hangul_only: bool = False  # the Hangul beside a target's own label


def layout_labels(
    places: tuple[Place, ...],
    to_screen: ToScreen,
    ppk: float,
    view: pygame.Rect,
    occupied: list[pygame.Rect],
    target_labels: dict[str, pygame.Rect],
    icons: set[str],
    hangul: bool,
    icon_at: dict[str, tuple[float, float]] | None = None,
    density: float = 1.0,
) -> list[PlacedLabel]:
    """Choose where each place's label goes, or leave it out when there is no room.
    A place that is a target is named beside the target's icon (``icon_at``: where it
    stands, when it stands off its place). ``density``: as for :func:`draw_place_labels`."""
    taken = list(occupied)
    out: list[PlacedLabel] = []
    halo = round(density)
    inner = view.inflate(-round(4 * density), -round(4 * density))
    for place in places:
        x, y = (icon_at or {}).get(place.target) or to_screen(place.position)
        if not inner.collidepoint(x, y):
            continue
        if place.target in target_labels:
            if hangul and place.name_ko:  # the target's label names it; add the Hangul
                size = round(HANGUL_SIZE * density)
                rect = label_image("", place.name_ko, size, False, halo).get_rect()
                if not rect.w:
                    continue
                by = target_labels[place.target]
                left_of_icon = by.centerx < x
                sideways = [
                    rect.move(by.right + 1, by.centery - rect.h // 2),
                    rect.move(by.x - rect.w - 1, by.centery - rect.h // 2),
                ]
                for spot in (
                    *(sideways[::-1] if left_of_icon else sideways),
                    rect.move(by.centerx - rect.w // 2, by.bottom),
                    rect.move(by.centerx - rect.w // 2, by.y - rect.h),
                ):
                    if spot.collidelist(taken) < 0 and view.contains(spot):
                        taken.append(spot)
                        out.append(PlacedLabel(place, spot, hangul_only=True))
                        break
            continue
        if not shown_at(place, ppk / density):
            continue
        img = label_image(
            place.name,
            place.name_ko if hangul else "",
            _size(place, density),
            place.style == "river",
            halo,
        )
        rect = img.get_rect()
        if place.style == "river":
            spots = [rect.move(round(x - rect.w / 2), round(y - rect.h / 2))]
        else:
            off = round((11 if place.target in icons else DOT_R + 4) * density)
            spots = _spots(rect, x, y, off)
            if place.rank == 1:  # a capital or a great city is named even in a crowd
                spots += _far_spots(rect, x, y, off, round(FAR_STEP_PX * density))
            if place.style == "foreign":  # across the Yalu: name it on the far side
                h = rect.h
                spots = [spots[1], spots[5], spots[5].move(0, -h), spots[7], spots[7].move(0, h)]
        for spot in spots:
            if spot.collidelist(taken) < 0 and view.contains(spot):
                taken.append(spot)
                out.append(PlacedLabel(place, spot))
                break
    return out


def draw_place_labels(
    surface: pygame.Surface,
    geo: MapGeometry,
    places: tuple[Place, ...],
    to_screen: ToScreen,
    ppk: float,
    view: pygame.Rect,
    occupied: list[pygame.Rect],
    target_labels: dict[str, pygame.Rect],
    icons: set[str],
    hangul: bool,
    icon_at: dict[str, tuple[float, float]] | None = None,
    icon_boxes: list[pygame.Rect] | None = None,
    density: float = 1.0,
) -> list[PlacedLabel]:
    """Draw the labels; returns what was placed (tests check it for overlaps). A
    place's dot is left out where a target's icon (``icon_boxes``) or a base's name
    covers it. ``density`` is the surface's pixels per interface pixel: the names grow
    by it, and which show at a zoom does not change (``ppk`` is the drawn zoom)."""
    origin = to_screen((0.0, 0.0))
    bases = base_label_rects(geo, ppk, origin, density)
    blocked = occupied + bases
    placed = layout_labels(
        places, to_screen, ppk, view, blocked, target_labels, icons, hangul, icon_at, density
    )
    halo = round(density)
    dot_r = round(DOT_R * density)
    for item in placed:
        p = item.place
        if item.hangul_only:
            hangul_size = round(HANGUL_SIZE * density)
            surface.blit(label_image("", p.name_ko, hangul_size, False, halo), item.rect)
            continue
        name_ko = p.name_ko if hangul else ""
        if p.style != "river" and p.target not in icons:
            x, y = to_screen(p.position)
            dot = pygame.Rect(round(x) - dot_r, round(y) - dot_r, 2 * dot_r, 2 * dot_r)
            if dot.collidelist([*(icon_boxes or []), *bases]) >= 0:
                surface.blit(label_image(p.name, name_ko, _size(p, density), False, halo),
                             item.rect)  # fmt: skip
                continue
            centre = (round(x), round(y))
            pygame.draw.circle(surface, HALO, centre, dot_r + halo)
            pygame.draw.circle(surface, INK, centre, dot_r - halo * (p.style == "town"))
        img = label_image(p.name, name_ko, _size(p, density), p.style == "river", halo)
        surface.blit(img, item.rect)
    return placed
