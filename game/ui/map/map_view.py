"""The campaign map as a viewport: pre-rendered terrain per zoom level, blitted by
viewport, with live layers on top (zones, rail, the front, target icons).

It draws the player's intelligence picture (:class:`~game.core.intel.PlayerView`),
never the true state.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame

from game.core.geometry import Layer, MapGeometry, Point
from game.core.intel import PlayerView
from game.core.model import Rules, TargetDef
from game.ui.kit.native_layer import NativeLayer, grown
from game.ui.kit.panels import BAR_H
from game.ui.kit.style import Palette, font
from game.ui.map import icons, overlays, sprites
from game.ui.map.map_cache import MapImages
from game.ui.map.map_render import ShapeCache, base_style, dashed_polyline
from game.ui.map.map_symbols import CASING, RAIL_INTACT, draw_front
from game.ui.map.place_labels import PlacedLabel, draw_place_labels, places_of

# Pixels per kilometre. The widest is not ZOOMS[0] but as much as shows the whole map's
# height (down to Pusan and Cheju) under the status bar, whatever the window's size, and
# never more than FIT_MAX_PPK, short of the next zoom.
ZOOMS = (0.6, 0.85, 1.2, 1.7, 2.4, 3.4)
FIT_MAX_PPK = 0.8
FIT_MARGIN_PX = 8  # below the status bar and above the window's bottom, at the widest zoom
DEFAULT_ZOOM = 2
KEY_SCROLL_PX = 60
HOVER_PX = 12
LABELLED = {"city", "hydro_plant", "thermal_plant", "industrial_complex", "dam", "refinery"}
SPREAD_ROUNDS = 160  # passes that push overlapping icons apart (they stop once apart)
WIDE_PPK = 0.7  # below this (the whole theatre in view) the icons are a size smaller
LEADER = (58, 50, 44)
LEADER_CASING = (240, 234, 214)


class MapView:
    """Viewport state (zoom, offset) and drawing; the offset is in map pixels at the
    current zoom, of the view's top-left corner.

    On a window scaled up, the map is drawn at the window's resolution by a twin of the
    view ``density`` times larger (see :meth:`draw`); positions, picking and what the
    last frame placed stay in the interface's pixels."""

    def __init__(self, maps: MapImages, tmx: Path, rules: Rules, rect: pygame.Rect) -> None:
        self.maps = maps
        self.tmx = tmx
        self.rules = rules
        self.geo: MapGeometry = rules.geometry
        self.rect = pygame.Rect(rect)
        self.zoom_index = DEFAULT_ZOOM
        self.offset = [0.0, 0.0]
        self.occupied: list[pygame.Rect] = []  # target icons and names of the last frame
        # Screen areas drawn over the map (status bar, hint, toggles) where no name goes.
        self.keep_clear: list[pygame.Rect] = []
        self.overlays: set[str] = set(overlays.DEFAULT_ON)  # toggles, by overlay key
        # Place names (the player's settings), and what the last frame drew.
        self.place_names = True
        self.hangul_names = False
        self.places: list[PlacedLabel] = []
        self._places = places_of(self.geo)
        self.target_labels: dict[str, pygame.Rect] = {}
        self.target_icons: set[str] = set()
        self._spread: dict[tuple[object, ...], dict[str, tuple[float, float]]] = {}
        self.icon_at: dict[str, tuple[float, float]] = {}  # screen centres of last frame's icons
        self.icon_boxes: list[pygame.Rect] = []
        # The front at each zoom, drawn once (a megabyte at the closest).
        self._fronts = FrontPictures()
        self._rail = {
            tid: self.geo.features[tid].points
            for tid, t in rules.targets.items()
            if t.kind == "rail_segment" and tid in self.geo.features
        }
        self._bases = self.geo.on_layer(Layer.BASES)
        self._barred: dict[tuple[str, ...], frozenset[str]] = {}  # by the cards in force
        self.density = 1.0  # drawn pixels per interface pixel (a twin's is above 1)
        self._twin_zoom: float | None = None  # a twin's zoom: its original's
        self.center_on(targets_centre(rules))

    @property
    def show_zones(self) -> bool:
        """Z: all the zone overlays at once (on when any is on)."""
        return bool(self.overlays & overlays.ZONE_OVERLAYS)

    @show_zones.setter
    def show_zones(self, on: bool) -> None:
        if on:
            self.overlays |= overlays.ZONE_OVERLAYS
        else:
            self.overlays -= overlays.ZONE_OVERLAYS

    # -- coordinates
    @property
    def ppk(self) -> float:
        """Drawn pixels per kilometre."""
        return self.zoom_ppk * self.density

    @property
    def zoom_ppk(self) -> float:
        """Interface pixels per kilometre: the zoom, which decides what the map shows."""
        if self._twin_zoom is not None:
            return self._twin_zoom
        if self.zoom_index == 0:
            return self.fit_ppk()
        return ZOOMS[self.zoom_index]

    def px(self, pixels: float) -> int:
        """A size in interface pixels, in drawn pixels."""
        return max(1, round(pixels * self.density))

    def fit_ppk(self) -> float:
        """The widest zoom: the whole map's height in the view below the status bar."""
        room = self.rect.h - BAR_H - 2 * FIT_MARGIN_PX
        return round(max(0.1, min(FIT_MAX_PPK, room / self.geo.height_km)), 4)

    def to_screen(self, p: Point) -> tuple[float, float]:
        k = self.ppk
        return (self.rect.x + p[0] * k - self.offset[0], self.rect.y + p[1] * k - self.offset[1])

    def to_km(self, s: tuple[float, float]) -> Point:
        return (
            (s[0] - self.rect.x + self.offset[0]) / self.ppk,
            (s[1] - self.rect.y + self.offset[1]) / self.ppk,
        )

    def center_on(self, p: Point) -> None:
        self.offset = [p[0] * self.ppk - self.rect.w / 2, p[1] * self.ppk - self.rect.h / 2]
        self._clamp()

    def set_rect(self, rect: pygame.Rect) -> None:
        centre = self.to_km(self.rect.center)
        self.rect = pygame.Rect(rect)
        self.center_on(centre)

    def _clamp(self) -> None:
        """At the widest zoom the whole map stands in the middle of the view, under the
        status bar. Closer in, the view keeps to what there is to see (the map and the
        seas and lands around it); the map's own edge may come to the view's middle."""
        ppk = self.ppk
        if self.zoom_index == 0:
            self.offset = [
                self.geo.width_km * ppk / 2 - self.rect.w / 2,
                self.geo.height_km * ppk / 2 - (self.rect.h + BAR_H) / 2,
            ]
            return
        x0, y0, x1, y1 = self.maps.world_km(self.tmx, self.geo)
        for axis, (lo_km, hi_km, extent, view) in enumerate(
            (
                (x0, x1, self.geo.width_km * ppk, self.rect.w),
                (y0, y1, self.geo.height_km * ppk, self.rect.h),
            )
        ):
            lo, hi = -view / 2, extent - view / 2
            if (lo_km, hi_km * ppk) != (0.0, extent):  # a surround: never past its edge
                lo, hi = max(lo, lo_km * ppk), min(hi, hi_km * ppk - view)
            self.offset[axis] = min(max(self.offset[axis], lo), max(lo, hi))

    # -- navigation
    def scroll(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) screen pixels (a drag to the right moves it right)."""
        self.offset[0] -= dx
        self.offset[1] -= dy
        self._clamp()

    def zoom_at(self, screen: tuple[float, float], steps: int) -> bool:
        """Zoom by ``steps`` levels keeping the map point under ``screen`` fixed."""
        new = min(max(self.zoom_index + steps, 0), len(ZOOMS) - 1)
        if new == self.zoom_index:
            return False
        km = self.to_km(screen)
        self.zoom_index = new
        self.offset = [
            km[0] * self.ppk - (screen[0] - self.rect.x),
            km[1] * self.ppk - (screen[1] - self.rect.y),
        ]
        self._clamp()
        return True

    # -- picking
    def target_at(self, view: PlayerView, pos: tuple[int, int]) -> str | None:
        """The active target under the mouse: icons first, then rail lines."""
        best, best_d = None, float(HOVER_PX)
        for tid, _, (x, y), (ix, iy) in icon_places(self, view):
            # The icon, or the foot of its leader line where it stands off its place.
            d = min(
                ((x - pos[0]) ** 2 + (y - pos[1]) ** 2) ** 0.5,
                ((ix - pos[0]) ** 2 + (iy - pos[1]) ** 2) ** 0.5,
            )
            if d < best_d:
                best, best_d = tid, d
        if best is not None:
            return best
        best_d = 6.0
        for tid, pts in self._rail.items():
            if tid not in view.active_targets:
                continue
            spts = [self.to_screen(p) for p in pts]
            for a, b in itertools.pairwise(spts):
                d = _seg_dist(pos, a, b)
                if d < best_d:
                    best, best_d = tid, d
        return best

    # -- drawing (reads the picture; changes nothing)
    def draw(
        self,
        surface: pygame.Surface,
        view: PlayerView,
        hover: str | None,
        pal: Palette,
        native: NativeLayer | None = None,
    ) -> None:
        """The map in ``pal``'s colours: on ``surface``, or at the window's resolution on
        ``native`` (the window beneath a scaled-up ``surface``), leaving ``surface`` clear."""
        if native is None:
            self._draw_on(surface, view, hover, pal)
            return
        twin = twin_of(self, native)
        twin._draw_on(native.window, view, hover, pal)
        take_back(self, twin)

    def _draw_on(
        self, surface: pygame.Surface, view: PlayerView, hover: str | None, pal: Palette
    ) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        self._draw_base(surface, view, pal)
        self._draw_rail(surface, view, hover, pal)
        corner = (self.rect.x - self.offset[0], self.rect.y - self.offset[1])
        self._fronts.blit(surface, self.geo, self.ppk, self.density, corner)
        self._draw_bases(surface)
        self._draw_targets(surface, view, hover, pal)
        if self.place_names:
            self.places = draw_place_labels(
                surface,
                self.geo,
                self._places,
                self.to_screen,
                self.ppk,
                self.rect,
                self.occupied,
                self.target_labels,
                self.target_icons,
                self.hangul_names,
                self.icon_at,
                self.icon_boxes,
                self.density,
            )
            self.occupied += [item.rect for item in self.places]
        else:
            self.places = []
        surface.set_clip(clip)

    def _draw_base(self, surface: pygame.Surface, view: PlayerView, pal: Palette) -> None:
        """The terrain, rivers, borders, bases and the overlays that are on, from tiles."""
        tiles = self.maps.tiles
        level = tiles.level(self.tmx, self.geo, self.ppk, self.density)
        # Where the map's corner lands; int() as blitting at a fractional place does.
        corner = (int(self.rect.x - self.offset[0]), int(self.rect.y - self.offset[1]))
        on = frozenset(self.overlays)
        key = overlays.overlay_key(self.rules, view, on, pal) if on else None
        paint = None
        if on:
            rules, ppk, density = self.rules, self.ppk, self.density

            def paint(layer: pygame.Surface, origin: tuple[int, int], shapes: ShapeCache) -> None:
                proj = overlays.Projection(ppk, origin, density)
                overlays.paint_overlays(layer, rules, view, on, proj, shapes, pal)

        tiles.draw(surface, self.rect, corner, level, self.geo, key, paint)

    def _draw_rail(
        self, surface: pygame.Surface, view: PlayerView, hover: str | None, pal: Palette
    ) -> None:
        w = self.px(2 if self.zoom_ppk < 1.5 else 3)
        halo, casing = self.px(6), self.px(2)
        dash, gap = self.px(8), self.px(6)
        k, (left, top), (ox, oy) = self.ppk, self.rect.topleft, self.offset
        for tid, pts in self._rail.items():
            spts = [(left + x * k - ox, top + y * k - oy) for x, y in pts]
            est = view.bda.get(tid)
            damage = est.damage if est is not None else 0.0
            color = (
                pal.RAIL_CUT if damage >= 50 else pal.RAIL_DAMAGED if damage >= 20 else RAIL_INTACT
            )
            if tid == hover:
                pygame.draw.lines(surface, (255, 240, 160), False, spts, w + halo)
            pygame.draw.lines(surface, CASING, False, spts, w + casing)
            if est is not None and est.confidence < icons.LOW_CONFIDENCE and damage >= 20:
                pygame.draw.lines(surface, RAIL_INTACT, False, spts, w)
                dashed_polyline(surface, color, spts, w, dash=dash, gap=gap)
            else:
                pygame.draw.lines(surface, color, False, spts, w)

    def icon_r(self) -> int:
        zoom = self.zoom_ppk
        return self.px(6 if zoom < WIDE_PPK else 7 if zoom < 1.0 else 8 if zoom < 2.0 else 10)

    def icon_gap(self) -> int:
        """How far apart two icons' centres stand at the least: their sprites' width
        (a plate 2r + 6 pixels wide), and with the whole theatre in view, where the
        north-west crowds, a little paper between them, so that crowded icons read one
        by one and their leader lines show."""
        return 2 * self.icon_r() + self.px(8 if self.zoom_ppk < WIDE_PPK else 6)

    def icon_shifts(self, view: PlayerView) -> dict[str, tuple[float, float]]:
        """How far (pixels) each active target's icon stands off its place so that no two
        icons overlap (a city and its bridges or yards): worked out once a zoom level."""
        ids = sorted(
            tid for tid in view.active_targets if self.rules.targets[tid].kind != "rail_segment"
        )
        key = (self.ppk, self.density, tuple(ids))
        if key not in self._spread:
            if len(self._spread) > 8:
                self._spread.clear()
            self._spread[key] = spread_icons(
                [self.rules.targets[tid].position for tid in ids],
                ids,
                self.ppk,
                self.icon_gap(),
            )
        return self._spread[key]

    def _off_limits(self, cards: tuple[str, ...]) -> frozenset[str]:
        """The targets barred to every package, worked out again only when the cards do."""
        if cards not in self._barred:
            self._barred.clear()  # the cards change a few times a game: keep the last
            self._barred[cards] = overlays.off_limits(self.rules, cards)
        return self._barred[cards]

    def _draw_bases(self, surface: pygame.Surface) -> None:
        """Our air bases' sprites, over the marks drawn with their names in the tiles and
        of the same size, so the names beside them stay clear."""
        r = base_style(self.ppk, self.density)[1]
        img = sprites.sprite("air_base", 2 * r + self.px(3), self.rules.sprites)
        area = self.rect.inflate(2 * r, 2 * r)
        for f in self._bases:
            x, y = self.to_screen(f.points[0])  # where the tiles put the mark
            if area.collidepoint(x, y):
                surface.blit(img, img.get_rect(center=(round(x), round(y))))

    def _draw_targets(
        self, surface: pygame.Surface, view: PlayerView, hover: str | None, pal: Palette
    ) -> None:
        r = self.icon_r()
        label_font = font(self.px(13 if self.zoom_ppk < 2.0 else 14), bold=True)
        show_labels = self.zoom_ppk >= 1.0
        near = self.rect.inflate(self.px(80), self.px(40))
        leader, dot, inset = self.px(3), self.px(2), self.px(6)
        placed: list[pygame.Rect] = list(self.keep_clear) + neutral_circles(self)
        labels: list[tuple[str, float, float, bool, str]] = []
        self.target_labels = {}
        self.target_icons = set()
        off = self._off_limits(view.cards_in_force)
        self.icon_at = {}
        self.icon_boxes = []
        for tid, t, (x0, y0), (x, y) in icon_places(self, view):
            if not near.collidepoint(x, y):
                continue
            self.icon_at[tid] = (x, y)
            if (x, y) != (x0, y0):  # a leader line from the place to its icon
                pygame.draw.line(surface, LEADER_CASING, (x0, y0), (x, y), leader)
                if self.density == 1:
                    pygame.draw.aaline(surface, LEADER, (x0, y0), (x, y))
                else:
                    pygame.draw.line(surface, LEADER, (x0, y0), (x, y), self.px(1))
                pygame.draw.circle(surface, LEADER_CASING, (x0, y0), leader)
                pygame.draw.circle(surface, LEADER, (x0, y0), dot)
            est = view.bda.get(tid)
            damage = est.damage if est is not None else None
            confidence = est.confidence if est is not None else 0.0
            own = self.rules.sprites.get(t.kind)
            barred = tid in off
            img = icons.target_icon(pal, t.kind, r, damage, confidence, tid == hover, own, barred)
            box = img.get_rect(center=(round(x), round(y)))
            surface.blit(img, box)
            self.icon_boxes.append(box)
            placed.append(box.inflate(-inset, -inset))
            self.target_icons.add(tid)
            if show_labels and (t.kind in LABELLED or tid == hover):
                labels.append((_short(t.name), x, y, tid == hover, tid))
        # The hovered target's label first, then the rest where they do not collide.
        for text, x, y, _, tid in sorted(labels, key=lambda lb: not lb[3]):
            w, h = label_font.size(text)
            for lx, ly in label_spots(x, y, r, w, h, self.density):
                rect = pygame.Rect(round(lx) - 1, round(ly - h / 2) - 1, w + 2, h + 2)
                if rect.collidelist(placed) < 0 and self.rect.contains(rect):
                    icons.blit_label(surface, label_font, text, (lx, ly))
                    placed.append(rect)
                    self.target_labels[tid] = rect
                    break
        # What is drawn where, so that later layers (result tags) can keep clear of it.
        self.occupied = placed


def targets_centre(rules: Rules) -> Point:
    """The middle of the targets (not the rail lines): where the view opens."""
    pts = [t.position for t in rules.targets.values() if t.kind != "rail_segment"]
    if not pts:
        return (rules.geometry.width_km / 2, rules.geometry.height_km / 2)
    return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))


def icon_places(
    mv: MapView, view: PlayerView
) -> Iterator[tuple[str, TargetDef, tuple[float, float], tuple[float, float]]]:
    """Each active target but the rail lines, with its place on screen and where its
    icon stands (off its place in a crowd)."""
    shifts = mv.icon_shifts(view)
    for tid in view.active_targets:
        t = mv.rules.targets[tid]
        if t.kind == "rail_segment":
            continue
        x, y = mv.to_screen(t.position)
        dx, dy = shifts.get(tid, (0.0, 0.0))
        yield tid, t, (x, y), (x + dx, y + dy)


def twin_of(view: MapView, native: NativeLayer) -> MapView:
    """``view`` at the window's resolution: the same map, ``factor`` times larger, on
    the part of the window under ``view``'s (now clear) part of the canvas."""
    k = native.factor
    twin = copy.copy(view)
    twin.density = k
    twin._twin_zoom = view.zoom_ppk
    twin.rect = native.open(view.rect)
    twin.offset = [view.offset[0] * k, view.offset[1] * k]
    twin.keep_clear = [native.window_rect(r) for r in view.keep_clear]
    return twin


def take_back(view: MapView, twin: MapView) -> None:
    """What ``twin`` placed, in ``view``'s pixels (for picking and the later layers)."""
    k = twin.density

    def back(r: pygame.Rect) -> pygame.Rect:
        return grown(r, 1 / k)

    view.occupied = [back(r) for r in twin.occupied]
    view.target_labels = {tid: back(r) for tid, r in twin.target_labels.items()}
    view.target_icons = twin.target_icons
    view.icon_at = {tid: (x / k, y / k) for tid, (x, y) in twin.icon_at.items()}
    view.icon_boxes = [back(r) for r in twin.icon_boxes]
    view.places = [dataclasses.replace(p, rect=back(p.rect)) for p in twin.places]


def neutral_circles(view: MapView) -> list[pygame.Rect]:
    """The neutral circles on screen, when shown: no name goes over them."""
    if "neutral" not in view.overlays:
        return []
    out = []
    for f in view.geo.on_layer(Layer.ZONES):
        if f.kind == "neutral_zone" and f.radii:
            x, y = view.to_screen(f.points[0])
            side = max(view.px(overlays.MIN_CIRCLE_PX), 2 * max(f.radii) * view.ppk)
            rect = pygame.Rect(0, 0, round(side * 0.85), round(side * 0.85))
            rect.center = (round(x), round(y))
            out.append(rect)
    return out


class FrontPictures:
    """The front drawn once for each zoom and density (its teeth take a while)."""

    def __init__(self) -> None:
        self._made: dict[tuple[float, float], tuple[pygame.Surface, tuple[int, int]] | None] = {}

    def blit(
        self,
        surface: pygame.Surface,
        geo: MapGeometry,
        ppk: float,
        density: float,
        corner: tuple[float, float],
    ) -> None:
        """The front onto ``surface``, the whole map's top-left corner at ``corner``."""
        key = (ppk, density)
        if key not in self._made:
            if len(self._made) >= len(ZOOMS) + 2:  # a window resized many times
                self._made.clear()
            self._made[key] = front_image(geo, ppk, density)
        image = self._made[key]
        if image is not None:
            picture, (x, y) = image
            surface.blit(picture, (round(corner[0] + x), round(corner[1] + y)))


def front_image(
    geo: MapGeometry, ppk: float, density: float = 1.0
) -> tuple[pygame.Surface, tuple[int, int]] | None:
    """The front lines at ``ppk`` on a transparent picture, and where its top-left
    corner lies on the whole map (pixels at this zoom); ``density`` as for the view."""
    lines = [[(x * ppk, y * ppk) for x, y in f.points] for f in geo.on_layer(Layer.FRONT)]
    lines = [line for line in lines if len(line) > 1]
    if not lines:
        return None
    pad = round(12 * density)  # the casing and the teeth
    xs = [p[0] for line in lines for p in line]
    ys = [p[1] for line in lines for p in line]
    left, top = int(min(xs)) - pad, int(min(ys)) - pad
    size = (int(max(xs)) - left + pad, int(max(ys)) - top + pad)
    picture = pygame.Surface(size, pygame.SRCALPHA)
    for line in lines:
        draw_front(picture, [(x - left, y - top) for x, y in line], density)
    return picture, (left, top)


def label_spots(
    x: float, y: float, r: int, w: int, h: int, density: float = 1.0
) -> list[tuple[float, float]]:
    """Where a target's label may go (its left end and middle), best first: beside the
    icon, then above or below it, then farther out to the side. The gaps are in
    interface pixels, ``density`` times larger where the map is drawn larger."""

    def g(n: float) -> float:
        return n * density

    return [
        (x + r + g(5), y),
        (x - r - g(5) - w, y),
        (x - w / 2, y - r - g(2) - h / 2),
        (x - w / 2, y + r + g(2) + h / 2),
        (x + r + g(18), y),
        (x - r - g(18) - w, y),
        (x + r + g(30), y),
        (x - r - g(30) - w, y),
        (x + r + g(4), y - r - h / 2),
        (x + r + g(4), y + r + h / 2),
        (x - r - g(4) - w, y - r - h / 2),
        (x - r - g(4) - w, y + r + h / 2),
        (x - w / 2, y - r - g(14) - h / 2),
        (x + r + g(4), y - r - g(12) - h / 2),
        (x - r - g(4) - w, y - r - g(12) - h / 2),
        (x - w / 2, y + r + g(14) + h / 2),
    ]


def spread_icons(
    positions: list[Point], ids: list[str], ppk: float, gap: float
) -> dict[str, tuple[float, float]]:
    """Offsets (pixels) that push icons closer than ``gap`` apart, each pair by half its
    overlap a pass; icons that overlap nothing stay where they are."""
    if len(positions) < 2:
        return {}
    every = np.asarray(positions, dtype=float) * ppk
    # Only icons in a crowd move: those with a neighbour within a few icons' width.
    d0 = np.hypot(*(every[:, None, :] - every[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d0, np.inf)
    crowd = np.flatnonzero(d0.min(axis=1) < gap)
    if not len(crowd):
        return {}
    near = np.flatnonzero(d0[crowd].min(axis=0) < 3 * gap)
    members = np.union1d(crowd, near)
    ids = [ids[i] for i in members.tolist()]
    at = every[members]
    p = at.copy()
    # Icons on the very same spot part in a fixed direction each (by their order).
    angles = np.arange(len(p)) * 2.399963
    p += np.stack([np.cos(angles), np.sin(angles)], axis=1) * 0.01
    # Each pass pushes a pair a little past the gap, so that the crowd comes apart in
    # a few dozen passes rather than creeping towards it.
    aim = gap + 1.0
    for _ in range(SPREAD_ROUNDS):
        d = p[:, None, :] - p[None, :, :]
        dist = np.hypot(d[..., 0], d[..., 1])
        np.fill_diagonal(dist, np.inf)
        if dist.min() >= gap:
            break
        push = np.clip(aim - dist, 0.0, None) / 2
        step = (d / dist[..., None] * push[..., None]).sum(axis=1)
        p += step * 0.7
    moved = p - at
    return {
        tid: (float(dx), float(dy))
        for tid, (dx, dy) in zip(ids, moved.tolist(), strict=True)
        if abs(dx) > 0.5 or abs(dy) > 0.5
    }


def _short(name: str) -> str:
    return name.split(" (")[0]


def _seg_dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    cx, cy = ax + t * dx, ay + t * dy
    return float(((p[0] - cx) ** 2 + (p[1] - cy) ** 2) ** 0.5)
