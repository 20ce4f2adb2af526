"""Map images rendered once and kept: the terrain at its natural size, whole small
maps for the title and the scenario choice, and the map view's tiles."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

from game.core.geometry import MapGeometry
from game.data.scenario import MAPS_DIR
from game.ui.map.map_render import MapPictures, Surround, draw_overlay, load_pictures
from game.ui.map.map_tiles import STATIC_LAYERS, MapTiles

KOREA_TMX = MAPS_DIR / "korea.tmx"  # the one map every scenario is played on

MAX_CACHED = 3  # whole maps: the title's and the scenario choice's
MAX_TERRAINS = 2  # the shipped map and a mod's


class Terrains:
    """Each map's terrain pictures, rendered once: they never change, so windows opened
    one after another (the tests') may share one store."""

    def __init__(self, most: int = MAX_TERRAINS) -> None:
        self.most = most
        self._pictures: OrderedDict[Path, MapPictures] = OrderedDict()

    def get(self, tmx: Path) -> MapPictures:
        if tmx not in self._pictures:
            self._pictures[tmx] = load_pictures(tmx)
            while len(self._pictures) > self.most:
                self._pictures.popitem(last=False)
        self._pictures.move_to_end(tmx)
        return self._pictures[tmx]


class MapImages:
    def __init__(self, terrains: Terrains | None = None) -> None:
        self.terrains = terrains if terrains is not None else Terrains()
        self._scaled: OrderedDict[tuple[Path, float, int, bool], pygame.Surface] = OrderedDict()
        self.tiles = MapTiles(self.terrain, surround=self.surround)

    def forget_zooms(self) -> None:
        """Drop the scaled images (the benchmark times drawing a new zoom level)."""
        self._scaled.clear()
        self.tiles.forget()

    def pictures(self, tmx: Path) -> MapPictures:
        return self.terrains.get(tmx)

    def terrain(self, tmx: Path) -> pygame.Surface:
        return self.pictures(tmx).terrain

    def surround(self, tmx: Path) -> Surround | None:
        """The seas and lands beyond the map, if the map has them."""
        return self.pictures(tmx).surround

    def world_km(self, tmx: Path, geo: MapGeometry) -> tuple[float, float, float, float]:
        """Left, top, right, bottom (km) of all there is to see: the map and its surround."""
        surround = self.surround(tmx)
        box = (0.0, 0.0, geo.width_km, geo.height_km)
        if surround is None:
            return box
        x0, y0, x1, y1 = surround.box_km
        return (min(x0, 0.0), min(y0, 0.0), max(x1, box[2]), max(y1, box[3]))

    def scaled(
        self, tmx: Path, geo: MapGeometry, px_per_km: float, *, dim: int = 0, static: bool = True
    ) -> pygame.Surface:
        """The map at ``px_per_km`` (with its static layers unless ``static`` is False);
        ``dim`` darkens it (0-255)."""
        key = (tmx, round(px_per_km, 4), dim, static)
        if key in self._scaled:
            self._scaled.move_to_end(key)
            return self._scaled[key]
        full = self.terrain(tmx)
        size = (max(1, round(geo.width_km * px_per_km)), max(1, round(geo.height_km * px_per_km)))
        out = pygame.transform.smoothscale(full, size)
        if static:
            draw_overlay(out, geo, px_per_km, STATIC_LAYERS)
        if dim:
            shade = pygame.Surface(size, pygame.SRCALPHA)
            shade.fill((16, 20, 24, dim))
            out.blit(shade, (0, 0))
        if pygame.display.get_surface() is not None:
            out = out.convert()
        self._scaled[key] = out
        while len(self._scaled) > MAX_CACHED:
            self._scaled.popitem(last=False)
        return out
