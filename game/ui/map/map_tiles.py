"""The map view's picture in tiles. Each zoom level is cut into squares of about 256
pixels; a square is scaled from the terrain, with the rivers, borders and bases, only
when it first comes into view, and the zone overlays are laid on a copy of it. Squares
not seen for a while are forgotten, so a new zoom level costs the squares on screen,
not the whole map, and memory holds a few screens' worth of squares, not whole maps.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.core.geometry import Layer, MapGeometry
from game.ui.map.map_render import SEA, ShapeCache, Surround, draw_overlay

# Drawn into the tiles under everything live (zones, rail, the front, targets).
STATIC_LAYERS = frozenset({Layer.RIVERS, Layer.BORDERS, Layer.BASES})
TILE_PX = 256
MAX_ALIGNED_TILE_PX = 400  # above this a tile's edges may fall between terrain pixels
MAX_TILES = 80  # with the overlays laid on: a 1920x1080 view and those around it (20 MB)
MAX_BARE_TILES = 48  # bare, to lay other overlays on at once (12 MB)
BACKGROUND = SEA
SOURCE_MARGIN = 2  # terrain pixels read beyond a tile where its edges do not align

# Draws the overlays onto a transparent piece of the map whose top-left corner is at
# the given pixel of the whole map at this zoom, with the level's shapes.
Painter = Callable[[pygame.Surface, tuple[int, int], ShapeCache], None]


@dataclass(frozen=True)
class Level:
    """One zoom level of one map: its size in pixels and how it is cut."""

    tmx: Path
    ppk: float
    size: tuple[int, int]
    step: tuple[int, int]  # tile width and height
    # All there is to draw, in this level's pixels: the map (at 0, 0, of ``size``) and
    # the surround around it, when the map has one.
    bounds_xywh: tuple[int, int, int, int]
    density: float = 1.0  # pixels per interface pixel: how broad its lines and names are

    @property
    def bounds(self) -> pygame.Rect:
        return pygame.Rect(self.bounds_xywh)

    def tiles_in(self, box: pygame.Rect) -> Iterator[tuple[int, int]]:
        """(column, row) of the tiles that meet ``box`` (in this level's pixels)."""
        box = box.clip(self.bounds)
        if box.w <= 0 or box.h <= 0:
            return
        sx, sy = self.step
        for row in range(box.top // sy, (box.bottom - 1) // sy + 1):
            for col in range(box.left // sx, (box.right - 1) // sx + 1):
                yield col, row

    def tile_rect(self, col: int, row: int) -> pygame.Rect:
        sx, sy = self.step
        rect = pygame.Rect(col * sx, row * sy, sx, sy)
        return rect.clip(self.bounds)


def tile_step(source: int, level: int) -> int:
    """A tile side near :data:`TILE_PX` whose edges fall on whole terrain pixels, so a
    tile scaled on its own matches the same part of the whole map scaled at once."""
    unit = level // math.gcd(source, level)  # level pixels per whole terrain pixels
    if unit > MAX_ALIGNED_TILE_PX:
        return TILE_PX
    return unit * max(1, round(TILE_PX / unit))


def _span(a: int, b: int, source: int, level: int) -> tuple[int, int, int, int]:
    """Level pixels [a, b) as terrain pixels [lo, hi) scaled to ``n`` pixels, of which
    the tile starts at ``skip``: (lo, hi, n, skip)."""
    if a * source % level == 0 and b * source % level == 0 and level <= source:
        lo, hi = a * source // level, b * source // level
        return lo, hi, b - a, 0
    lo = max(0, math.floor(a * source / level) - SOURCE_MARGIN)
    hi = min(source, math.ceil(b * source / level) + SOURCE_MARGIN)
    skip = round(a - lo * level / source)
    n = max(round((hi - lo) * level / source), skip + b - a)
    return lo, hi, n, skip


def terrain_tile(
    terrain: pygame.Surface, size: tuple[int, int], box: pygame.Rect
) -> pygame.Surface:
    """The part ``box`` of ``terrain`` scaled to ``size``, reading only the terrain under it."""
    (sw, sh), (w, h) = terrain.get_size(), size
    x0, x1, nx, skip_x = _span(box.left, box.right, sw, w)
    y0, y1, ny, skip_y = _span(box.top, box.bottom, sh, h)
    part = terrain.subsurface(pygame.Rect(x0, y0, x1 - x0, y1 - y0))
    scaled = pygame.transform.smoothscale(part, (nx, ny))
    if (skip_x, skip_y) == (0, 0) and (nx, ny) == box.size:
        return scaled
    out = pygame.Surface(box.size)
    out.blit(scaled, (-skip_x, -skip_y))
    return out


def surround_tile(tile: pygame.Surface, surround: Surround, ppk: float, rect: pygame.Rect) -> None:
    """Paint the part ``rect`` (level pixels at ``ppk``) of the surround onto ``tile``."""
    k = surround.ppk / ppk  # surround pixels per level pixel
    sw, sh = surround.image.get_size()
    u0 = (rect.left / ppk - surround.x_km) * surround.ppk
    v0 = (rect.top / ppk - surround.y_km) * surround.ppk
    lo_u, lo_v = max(0, math.floor(u0) - 1), max(0, math.floor(v0) - 1)
    hi_u = min(sw, math.ceil(u0 + rect.w * k) + 2)
    hi_v = min(sh, math.ceil(v0 + rect.h * k) + 2)
    if hi_u <= lo_u or hi_v <= lo_v:
        return
    part = surround.image.subsurface(pygame.Rect(lo_u, lo_v, hi_u - lo_u, hi_v - lo_v))
    size = (max(1, round((hi_u - lo_u) / k)), max(1, round((hi_v - lo_v) / k)))
    tile.blit(
        pygame.transform.smoothscale(part, size), (round((lo_u - u0) / k), round((lo_v - v0) / k))
    )


class MapTiles:
    """Tiles of the map at any zoom, bare (terrain and static layers) and with the
    overlays of a given key; least recently used ones are dropped past ``max_tiles``."""

    def __init__(
        self,
        terrain: Callable[[Path], pygame.Surface],
        max_tiles: int = MAX_TILES,
        max_bare: int = MAX_BARE_TILES,
        surround: Callable[[Path], Surround | None] | None = None,
    ) -> None:
        self._terrain = terrain
        self._surround = surround or (lambda _tmx: None)
        self.max_tiles = max_tiles
        self.max_bare = max_bare
        self._bare: OrderedDict[tuple[Level, int, int], pygame.Surface] = OrderedDict()
        self._dressed: OrderedDict[tuple[Level, Hashable, int, int], pygame.Surface] = OrderedDict()
        self._levels: dict[tuple[Path, float, tuple[int, int], float], Level] = {}
        self._shapes: dict[Level, ShapeCache] = {}
        self.rendered = 0  # bare tiles made (tests count them)

    def __len__(self) -> int:
        return len(self._bare) + len(self._dressed)

    def forget(self) -> None:
        self._bare.clear()
        self._dressed.clear()
        self._shapes.clear()

    def shapes(self, level: Level) -> ShapeCache:
        """The level's lines in its own pixels, kept while the level is in use."""
        if level not in self._shapes:
            if len(self._shapes) >= 3:  # the levels just left may come back soon
                self._shapes.pop(next(iter(self._shapes)))
            self._shapes[level] = ShapeCache()
        return self._shapes[level]

    def level(self, tmx: Path, geo: MapGeometry, ppk: float, density: float = 1.0) -> Level:
        size = (max(1, round(geo.width_km * ppk)), max(1, round(geo.height_km * ppk)))
        key = (tmx, round(ppk, 4), size, density)
        if key not in self._levels:
            sw, sh = self._terrain(tmx).get_size()
            step = (tile_step(sw, size[0]), tile_step(sh, size[1]))
            bounds = pygame.Rect((0, 0), size)
            surround = self._surround(tmx)
            if surround is not None:
                x0, y0, x1, y1 = surround.box_km
                left, top = math.floor(x0 * ppk), math.floor(y0 * ppk)
                around = pygame.Rect(
                    left, top, math.ceil(x1 * ppk) - left, math.ceil(y1 * ppk) - top
                )
                bounds = bounds.union(around)
            self._levels[key] = Level(
                tmx, key[1], size, step, (bounds.x, bounds.y, bounds.w, bounds.h), density
            )
        return self._levels[key]

    # -- tiles
    def bare(self, level: Level, geo: MapGeometry, col: int, row: int) -> pygame.Surface:
        key = (level, col, row)
        tile = self._bare.get(key)
        if tile is not None:
            self._bare.move_to_end(key)
            return tile
        rect = level.tile_rect(col, row)
        inner = rect.clip(pygame.Rect((0, 0), level.size))
        if inner == rect:
            tile = terrain_tile(self._terrain(level.tmx), level.size, rect)
        else:  # beyond the map's edge: the surround, then whatever of the map there is
            tile = pygame.Surface(rect.size)
            tile.fill(BACKGROUND)
            surround = self._surround(level.tmx)
            if surround is not None:
                surround_tile(tile, surround, level.ppk, rect)
            if inner.w > 0 and inner.h > 0:
                part = terrain_tile(self._terrain(level.tmx), level.size, inner)
                tile.blit(part, (inner.x - rect.x, inner.y - rect.y))
        shapes = self.shapes(level)
        draw_overlay(
            tile,
            geo,
            level.ppk,
            STATIC_LAYERS,
            origin=rect.topleft,
            shapes=shapes,
            density=level.density,
        )
        if pygame.display.get_surface() is not None:
            tile = tile.convert()
        self.rendered += 1
        _remember(self._bare, key, tile, self.max_bare)
        return tile

    def dressed(
        self,
        level: Level,
        geo: MapGeometry,
        col: int,
        row: int,
        key: Hashable,
        paint: Painter | None,
    ) -> pygame.Surface:
        """The bare tile with the overlays ``paint`` draws (``key`` names them)."""
        if paint is None:
            return self.bare(level, geo, col, row)
        full_key = (level, key, col, row)
        tile = self._dressed.get(full_key)
        if tile is not None:
            self._dressed.move_to_end(full_key)
            return tile
        rect = level.tile_rect(col, row)
        tile = self.bare(level, geo, col, row).copy()
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        paint(layer, rect.topleft, self.shapes(level))
        tile.blit(layer, (0, 0))
        _remember(self._dressed, full_key, tile, self.max_tiles)
        return tile

    def has(self, level: Level, col: int, row: int, key: Hashable, dressed: bool) -> bool:
        return (
            ((level, key, col, row) in self._dressed)
            if dressed
            else ((level, col, row) in self._bare)
        )

    # -- drawing
    def draw(
        self,
        surface: pygame.Surface,
        view: pygame.Rect,
        corner: tuple[int, int],
        level: Level,
        geo: MapGeometry,
        key: Hashable = None,
        paint: Painter | None = None,
        ahead: int = 1,
    ) -> None:
        """Fill ``view`` with the map, its top-left pixel at ``corner`` on ``surface``;
        then make up to ``ahead`` of the tiles just outside the view, ready for a scroll,
        unless this frame had to make tiles for the view already (a new zoom level)."""
        whole = level.bounds.move(corner)
        if not whole.contains(view):
            surface.fill(BACKGROUND, view)
        seen = view.move(-corner[0], -corner[1])
        sx, sy = level.step
        around = seen.inflate(2 * sx, 2 * sy)
        # A view larger than the caches were sized for (a 4K screen) grows them: a frame
        # must never drop the tiles the next one needs.
        wanted = -(-around.w // sx) * -(-around.h // sy)
        self.max_tiles = max(self.max_tiles, wanted)
        self.max_bare = max(self.max_bare, wanted)
        busy = False  # tiles were made for the view: none ahead in the same frame
        for col, row in level.tiles_in(seen):
            rect = level.tile_rect(col, row)
            busy = busy or not self.has(level, col, row, key, paint is not None)
            tile = self.dressed(level, geo, col, row, key, paint)
            surface.blit(tile, (corner[0] + rect.x, corner[1] + rect.y))
        if busy:
            return
        for col, row in level.tiles_in(around):
            if ahead <= 0:
                break
            if not self.has(level, col, row, key, paint is not None):
                self.dressed(level, geo, col, row, key, paint)
                ahead -= 1


def _remember(cache: OrderedDict, key: Hashable, tile: pygame.Surface, limit: int) -> None:
    cache[key] = tile
    while len(cache) > limit:
        cache.popitem(last=False)
