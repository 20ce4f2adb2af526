"""Map geometry as the rules see it: features in kilometres, no pixels, no files.

The Tiled map is read by ``game.data.maps`` and turned into a :class:`MapGeometry`.
Coordinates are kilometres from the map's top-left corner, x to the east and y to
the south, on an equirectangular projection whose standard parallel is stated by the
map (so a kilometre east is as long as a kilometre north).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, ClassVar

import numpy as np

from game.core.input_config import STRICT_INPUT

Point = tuple[float, float]


class Shape(StrEnum):
    POINT = "point"
    POLYLINE = "polyline"
    POLYGON = "polygon"
    ELLIPSE = "ellipse"


class Layer(StrEnum):
    """The object layers of a game map; each feature lives on exactly one."""

    TARGETS = "targets"
    RAIL = "rail"
    ZONES = "zones"
    BASES = "bases"
    FRONT = "front"
    # Decoration the rules ignore but the map view draws.
    RIVERS = "rivers"
    BORDERS = "borders"
    PLACES = "places"  # named places for map labels (``name_ko``: Hangul; ``rank``: 1 major)


@dataclass(frozen=True)
class MapFeature:
    """One named object of the map: a target, a rail segment, a zone, a base or the front."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    id: str
    layer: Layer
    kind: str  # the Tiled class: target type, zone kind, "air_base", ...
    shape: Shape
    points: tuple[Point, ...]  # one point; a line's vertices; a polygon's ring
    # For ellipses: centre in points[0] and the semi-axes in km.
    radii: tuple[float, float] = (0.0, 0.0)
    name: str = ""
    properties: dict[str, str | int | float | bool] = field(default_factory=dict)

    @property
    def anchor(self) -> Point:
        """A representative point: the point itself, a line's midpoint, a shape's centre."""
        if self.shape in (Shape.POINT, Shape.ELLIPSE):
            return self.points[0]
        if self.shape == Shape.POLYLINE:
            return polyline_midpoint(self.points)
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (sum(xs) / len(xs), sum(ys) / len(ys))

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        xs = [q[0] for q in self.points]
        ys = [q[1] for q in self.points]
        return (min(xs), min(ys), max(xs), max(ys))

    @cached_property
    def _ring_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        ring = np.asarray(self.points, dtype=float)
        nxt = np.roll(ring, -1, axis=0)
        return ring[:, 0], ring[:, 1], nxt[:, 0], nxt[:, 1]

    def _inside_large_ring(self, p: Point) -> bool:
        """The even-odd rule over all edges at once (borders have thousands of vertices)."""
        x1, y1, x2, y2 = self._ring_arrays
        x, y = p
        spans = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        return bool(np.count_nonzero(spans & (x < cross)) % 2)

    def contains(self, p: Point) -> bool:
        if self.shape == Shape.POLYGON:
            x0, y0, x1, y1 = self.bounds
            if not (x0 <= p[0] <= x1 and y0 <= p[1] <= y1):
                return False
            if len(self.points) > 32:
                return self._inside_large_ring(p)
            return point_in_polygon(p, self.points)
        if self.shape == Shape.ELLIPSE:
            (cx, cy), (rx, ry) = self.points[0], self.radii
            if rx <= 0 or ry <= 0:
                return False
            return ((p[0] - cx) / rx) ** 2 + ((p[1] - cy) / ry) ** 2 <= 1.0
        return False

    def reach_to(self, p: Point) -> float:
        """Kilometres flown from this feature to ``p``, counting an off-map leg."""
        return self.distance_to(p) + float(self.properties.get("offmap_km", 0.0))

    def distance_to(self, p: Point) -> float:
        """Kilometres from ``p`` to the feature (0 inside an area)."""
        if self.contains(p):
            return 0.0
        if self.shape == Shape.POINT:
            return dist(p, self.points[0])
        if self.shape == Shape.ELLIPSE:
            # Close enough for circles, which is what the neutral zones are.
            cx, cy = self.points[0]
            r = (self.radii[0] + self.radii[1]) / 2
            return max(0.0, dist(p, (cx, cy)) - r)
        ring = self.points + (self.points[:1] if self.shape == Shape.POLYGON else ())
        return min(
            (segment_distance(p, ring[i], ring[i + 1]) for i in range(len(ring) - 1)),
            default=dist(p, self.points[0]),
        )


@dataclass(frozen=True)
class MapGeometry:
    """Everything the rules need from a map."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    width_km: float
    height_km: float
    cell_km: float
    features: dict[str, MapFeature]
    # Projection, so places given in degrees can be put on the map.
    lat_top: float = 0.0
    lon_left: float = 0.0
    standard_parallel: float = 0.0

    def feature(self, feature_id: str) -> MapFeature:
        return self.features[feature_id]

    def on_layer(self, layer: Layer) -> list[MapFeature]:
        return list(self._by_layer.get(layer, ()))

    @cached_property
    def _by_layer(self) -> dict[Layer, tuple[MapFeature, ...]]:
        """The features of each layer, in the map's order, sorted out once (a map's
        features never change once read)."""
        out: dict[Layer, list[MapFeature]] = {}
        for f in self.features.values():
            out.setdefault(f.layer, []).append(f)
        return {layer: tuple(fs) for layer, fs in out.items()}

    def to_km(self, lat: float, lon: float) -> Point:
        return latlon_to_km(lat, lon, self.lat_top, self.lon_left, self.standard_parallel)


KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320


def latlon_to_km(
    lat: float, lon: float, lat_top: float, lon_left: float, standard_parallel: float
) -> Point:
    """Equirectangular projection: kilometres east and south of the map's corner."""
    x = (lon - lon_left) * KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(standard_parallel))
    y = (lat_top - lat) * KM_PER_DEG_LAT
    return (x, y)


def dist(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return dist(p, (ax + t * dx, ay + t * dy))


def point_in_polygon(p: Point, ring: tuple[Point, ...]) -> bool:
    """Even-odd rule; the ring need not repeat its first vertex."""
    x, y = p
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def polyline_length(points: tuple[Point, ...]) -> float:
    return sum(dist(points[i], points[i + 1]) for i in range(len(points) - 1))


def polyline_midpoint(points: tuple[Point, ...]) -> Point:
    if len(points) == 1:
        return points[0]
    half = polyline_length(points) / 2
    for i in range(len(points) - 1):
        seg = dist(points[i], points[i + 1])
        if seg >= half and seg > 0:
            t = half / seg
            (ax, ay), (bx, by) = points[i], points[i + 1]
            return (ax + t * (bx - ax), ay + t * (by - ay))
        half -= seg
    return points[-1]
