"""Draw a whole game map (terrain tiles and overlay objects) into one pygame Surface.

Used for the map view's background and for previews. Tile images are loaded with
``pytmx.util_pygame.load_pygame``, which needs a pygame display: the caller must have
one. Headless callers set ``SDL_VIDEODRIVER=dummy`` before importing pygame; if no
display mode is set yet, :func:`render_map_image` opens a 1x1 one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar, cast
from xml.etree import ElementTree as ET

import numpy as np
import pygame

from game.core.geometry import Layer, MapFeature, MapGeometry, Shape
from game.data.maps import load_map
from game.ui.kit.style import STANDARD, Palette
from game.ui.map import sprites

_T = TypeVar("_T")
Color = tuple[int, int, int]
ColorA = tuple[int, int, int, int]
Piece = tuple[tuple[float, float], tuple[float, float]]
BASE_NAMES_MIN_PPK = 0.85
LABEL_REACH_PX = 320  # how far a base's label may run beside its mark

SEA = (182, 203, 206)  # where a map has no picture, and beyond its surround
RIVER = (84, 118, 150)
BORDER = (62, 50, 58)
BORDER_CASING = (236, 230, 214)
BORDER_PATTERN = (11.0, 3.0, 2.0, 3.0)  # dash, gap, dot, gap (pixels at 1 px/km)
RAIL = (52, 44, 40)
FRONT = (176, 30, 30)
LABEL = (40, 32, 28)
BASE_INK = (20, 40, 120)
_LABELLED = {"city", "industrial_complex", "refinery", "mine", "hydro_plant"}


def _ensure_display() -> None:
    if not pygame.get_init():
        pygame.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


@dataclass(frozen=True)
class Surround:
    """The seas and lands beyond a map, at a smaller scale: ``image``'s top-left corner
    lies ``x_km``, ``y_km`` from the map's, at ``ppk`` pixels a kilometre."""

    image: pygame.Surface
    x_km: float
    y_km: float
    ppk: float

    @property
    def box_km(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom in the map's kilometres."""
        w, h = self.image.get_size()
        return (self.x_km, self.y_km, self.x_km + w / self.ppk, self.y_km + h / self.ppk)


@dataclass(frozen=True)
class MapPictures:
    terrain: pygame.Surface  # the map at its natural size (one pixel per tile pixel)
    surround: Surround | None


SURROUND_LAYER = "surround"


@dataclass(frozen=True)
class _ImageLayer:
    name: str
    shown: bool
    offset: tuple[int, int]
    properties: dict[str, str]
    image: pygame.Surface


def _image_layers(tmx_path: Path, root: ET.Element) -> list[_ImageLayer]:
    """The map's image layers whose pictures open (beside the map only; one that does
    not open is left out, and the tiles show instead)."""
    folder = tmx_path.parent.resolve()
    out = []
    for element in root.iter("imagelayer"):
        image = element.find("image")
        source = image.get("source", "") if image is not None else ""
        path = (tmx_path.parent / source).resolve()
        if not source or not path.is_relative_to(folder) or not path.is_file():
            continue
        try:
            picture = pygame.image.load(str(path)).convert()
            offset = (
                round(float(element.get("offsetx", 0))),
                round(float(element.get("offsety", 0))),
            )
        except (pygame.error, ValueError):
            continue
        props = {
            str(q.get("name")): str(q.get("value", ""))
            for q in element.iter("property")
            if q.get("name")
        }
        shown = element.get("visible", "1") != "0"
        out.append(_ImageLayer(element.get("name", ""), shown, offset, props, picture))
    return out


def load_pictures(tmx_path: Path) -> MapPictures:
    """The map's picture: its image layers (a painted relief) over its tile layers, which
    are drawn only where no picture covers the whole map; and its surround, if any."""
    _ensure_display()
    tmx_path = Path(tmx_path)
    root = ET.parse(tmx_path).getroot()
    tw, th = int(root.get("tilewidth", 16)), int(root.get("tileheight", 16))
    size = (int(root.get("width", 1)) * tw, int(root.get("height", 1)) * th)
    layers = _image_layers(tmx_path, root)
    painted = [layer for layer in layers if layer.name != SURROUND_LAYER and layer.shown]
    full = pygame.Surface(size)
    full.fill(SEA)
    if not any(lay.image.get_size() == size and lay.offset == (0, 0) for lay in painted):
        _draw_tiles(tmx_path, full)
    for layer in painted:
        full.blit(layer.image, layer.offset)
    return MapPictures(full, _surround(layers))


def _draw_tiles(tmx_path: Path, full: pygame.Surface) -> None:
    import pytmx
    from pytmx.util_pygame import pygame_image_loader

    def loader(filename: str, colorkey: object, **kwargs: object) -> Callable[..., object]:
        if not Path(filename).is_file():  # an image layer's picture left out: no matter
            blank = pygame.Surface((1, 1))
            return lambda *_args, **_kw: blank
        return pygame_image_loader(filename, colorkey, **kwargs)

    tiled = pytmx.TiledMap(str(tmx_path), image_loader=loader)
    tw, th = int(tiled.tilewidth), int(tiled.tileheight)
    for layer in tiled.layers:
        if hasattr(layer, "tiles") and str(getattr(layer, "visible", 1)) != "0":
            for x, y, image in layer.tiles():
                full.blit(image, (x * tw, y * th))


def _surround(layers: list[_ImageLayer]) -> Surround | None:
    for layer in layers:
        if layer.name != SURROUND_LAYER:
            continue
        try:
            ppk = float(layer.properties["px_per_km"])
            x_km = float(layer.properties.get("x_km", 0.0))
            y_km = float(layer.properties.get("y_km", 0.0))
        except (KeyError, ValueError):
            return None  # without its scale the picture cannot be placed: leave it out
        if 0 < ppk < 100 and math.isfinite(x_km) and math.isfinite(y_km):
            return Surround(layer.image, x_km, y_km, ppk)
    return None


def render_terrain(tmx_path: Path) -> pygame.Surface:
    """The map's picture at its natural size (one pixel per tile pixel)."""
    return load_pictures(tmx_path).terrain


def render_map_image(
    tmx_path: Path, width_px: int, *, show_objects: bool = True, pal: Palette = STANDARD
) -> pygame.Surface:
    """Render the map at ``width_px`` wide (height keeps the aspect ratio), its zones in
    ``pal``'s colours."""
    full = render_terrain(tmx_path)
    scale = width_px / full.get_width()
    height_px = max(1, round(full.get_height() * scale))
    out = pygame.transform.smoothscale(full, (width_px, height_px))
    if show_objects:
        geometry = load_map(Path(tmx_path))
        draw_overlay(out, geometry, width_px / geometry.width_km, pal=pal)
    return out


def save_map_preview(tmx_path: Path, out_png: Path, width_px: int = 1100) -> Path:
    """Write a PNG preview of the map ``width_px`` wide and return its path."""
    surface = render_map_image(tmx_path, width_px)
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out_png))
    return out_png


ALL_LAYERS = frozenset(Layer)


def draw_overlay(
    out: pygame.Surface,
    geo: MapGeometry,
    px_per_km: float,
    layers: frozenset[Layer] = ALL_LAYERS,
    origin: tuple[int, int] | None = None,
    shapes: ShapeCache | None = None,
    pal: Palette = STANDARD,
    density: float = 1.0,
) -> None:
    """Draw the map's object layers (only those in ``layers``) at ``px_per_km``; the
    zones take ``pal``'s colours (no other layer depends on the palette). ``density``
    is ``out``'s pixels per interface pixel (above 1 on a window scaled up): lines,
    marks and names grow by it, and what shows at which zoom does not change.

    ``out`` may be one piece of the map: ``origin`` is where its top-left corner lies on
    the whole map at this scale (labels still keep inside the whole map, not the piece);
    ``shapes`` keeps the borders' dashes for the next piece.
    """
    s = max(px_per_km, 0.4 * density)
    if origin is None:
        ox, oy, whole = 0, 0, out.get_rect()
    else:
        ox, oy = origin
        size = (round(geo.width_km * px_per_km), round(geo.height_km * px_per_km))
        whole = pygame.Rect((-ox, -oy), size)

    def on(layer: Layer) -> list[MapFeature]:
        if layer not in layers:
            return []
        return geo.on_layer(layer) if shapes is None else shapes.on_layer(geo, layer)

    def px(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * px_per_km - ox, p[1] * px_per_km - oy)

    def width(w: float) -> int:
        return max(round(density), round(w * s))

    zones = pygame.Surface(out.get_size() if Layer.ZONES in layers else (1, 1), pygame.SRCALPHA)
    for f in on(Layer.ZONES):
        color = pal.zone(f.kind)
        edge = (*color[:3], min(255, color[3] * 4))
        if f.shape == Shape.POLYGON:
            pts = [px(p) for p in f.points]
            if f.kind != "sanctuary":
                pygame.draw.polygon(zones, color, pts)
            pygame.draw.polygon(zones, edge, pts, width(0.8))
        elif f.shape == Shape.ELLIPSE:
            (cx, cy), (rx, ry) = px(f.points[0]), f.radii
            rect = pygame.Rect(0, 0, max(2, rx * 2 * px_per_km), max(2, ry * 2 * px_per_km))
            rect.center = (round(cx), round(cy))
            pygame.draw.ellipse(zones, color, rect)
            pygame.draw.ellipse(zones, edge, rect, round(density))
    out.blit(zones, (0, 0))

    rivers = on(Layer.RIVERS)
    if shapes is None:
        for f in rivers:
            smooth_line(out, RIVER, [px(p) for p in f.points], width(0.45))
    elif rivers:  # all the rivers' sides in one array: one look-up a piece of the map
        sides = shapes.pieces(("rivers",), partial(_all_segments, rivers, px_per_km))
        smooth_pieces(out, RIVER, near_pieces(sides, out, (ox, oy), 4), width(0.45))
    for f in on(Layer.BORDERS):
        # A national border: dash-dot, on a light casing, as printed maps draw it.
        bw = max(round(2 * density), width(0.6))
        pattern = tuple(v * max(s, density) for v in BORDER_PATTERN)
        if shapes is None:
            pts = [px(p) for p in f.points]
            pygame.draw.lines(out, BORDER_CASING, False, pts, bw + 2)
            for a, b in pattern_pieces(pts, pattern):
                pygame.draw.line(out, BORDER, a, b, bw)
            continue
        sides = shapes.pieces(("border_line", f.id), partial(_scaled_segments, f.points, px_per_km))
        draw_pieces(out, BORDER_CASING, sides, (ox, oy), bw + 2)
        border = partial(_scaled_pattern, f.points, px_per_km, pattern)
        dashes = shapes.pieces(("border", f.id), border)
        draw_pieces(out, BORDER, dashes, (ox, oy), bw)
    for f in on(Layer.RAIL):
        _rail(out, [px(p) for p in f.points], s, density)
    for f in on(Layer.FRONT):
        pts = [px(p) for p in f.points]
        pygame.draw.lines(out, (255, 230, 220), False, pts, width(1.4))
        pygame.draw.lines(out, FRONT, False, pts, width(0.8))

    font_size, r = base_style(px_per_km, density)
    font = _font(font_size)
    near = out.get_rect().inflate(2 * LABEL_REACH_PX * density, 40 * density)
    rim = round(density)
    for f in on(Layer.BASES):
        x, y = px(f.points[0])
        if not near.collidepoint(x, y):  # neither its mark nor its label reaches ``out``
            continue
        if _offmap(f):  # on the map's edge, pointing to where the base lies beyond it
            pygame.draw.polygon(out, BASE_INK, offmap_arrow(geo, f, (x, y), r))
            pygame.draw.polygon(out, (240, 240, 240), offmap_arrow(geo, f, (x, y), r), rim)
        pygame.draw.circle(out, BASE_INK, (x, y), r)
        pygame.draw.circle(out, (240, 240, 240), (x, y), r, rim)
        if origin is not None and not base_names_at(px_per_km / density) and not _offmap(f):
            continue
        outward = offmap_direction(geo, f) if _offmap(f) else None
        _label(out, font, base_label(f), (x, y), r, BASE_INK, whole, outward)
    for f in on(Layer.TARGETS):  # the same sprites as the map view's icons
        x, y = px(f.points[0])
        r = max(2, round(1.9 * s))
        icon = sprites.sprite(f.kind, 2 * r + 3)
        out.blit(icon, icon.get_rect(center=(round(x), round(y))))
        if f.kind in _LABELLED:
            _label(out, font, _short(f), (x, y), r, LABEL, whole)


def smooth_line(out: pygame.Surface, color: Color, pts: Sequence[Sequence[float]], w: int) -> None:
    """A polyline with anti-aliased edges: one smooth line, or a line a pixel narrower
    with smooth lines along its two sides."""
    if len(pts) < 2:
        return
    if w <= 1:
        aa_polyline(out, color, pts)
        return
    pygame.draw.lines(out, color, False, pts, w - 1)
    h = (w - 1) / 2
    for d in (-h, h):
        aa_polyline(out, color, [(x + d, y + d) for x, y in pts])


def smooth_pieces(out: pygame.Surface, color: Color, ends: np.ndarray, w: int) -> None:
    """:func:`smooth_line` for each two-point piece of ``ends`` ((n, 4): x0, y0, x1, y1),
    pixel for pixel, without a call and a list for every piece (a tile draws hundreds)."""
    aaline, line = pygame.draw.aaline, pygame.draw.lines
    if w <= 1:
        for x0, y0, x1, y1 in ends.tolist():
            aaline(out, color, (x0, y0), (x1, y1))
            aaline(out, color, (x0, y0), (x1, y1))
        return
    h = (w - 1) / 2
    for x0, y0, x1, y1 in ends.tolist():
        line(out, color, False, [(x0, y0), (x1, y1)], w - 1)
        for d in (-h, h):
            a, b = (x0 + d, y0 + d), (x1 + d, y1 + d)
            aaline(out, color, a, b)
            aaline(out, color, a, b)


def aa_polyline(out: pygame.Surface, color: Color, pts: Sequence[Sequence[float]]) -> None:
    """``pygame.draw.aalines``, the same on every call. Given only two points, pygame's
    aalines reads past the end of its copy of them to decide whether to draw the far
    end's pixel: what lies there differs from one call to the next, and so did that
    pixel, along every river and border piece a tile draws. A single side is drawn as
    aalines draws it, twice over (its weight on the map), both times whole."""
    if len(pts) == 2:
        a, b = pts
        pygame.draw.aaline(out, color, a, b)
        pygame.draw.aaline(out, color, a, b)
    else:
        pygame.draw.aalines(out, color, False, pts)


def base_style(px_per_km: float, density: float = 1.0) -> tuple[int, int]:
    """The air bases' name size and mark radius at a zoom, in pixels ``density`` times
    the interface's."""
    s = max(px_per_km, 0.4 * density)
    return max(round(11 * density), round(6.5 * s)), max(round(3 * density), round(2.6 * s))


def base_names_at(px_per_km: float) -> bool:
    """The map view names its air bases from this zoom in; wider out, their names would
    crowd out Seoul's and Kaesong's."""
    return px_per_km >= BASE_NAMES_MIN_PPK


def _scaled(points: Sequence[tuple[float, float]], px_per_km: float) -> list[tuple[float, float]]:
    return [(x * px_per_km, y * px_per_km) for x, y in points]


_km_arrays: dict[int, tuple[Sequence[tuple[float, float]], np.ndarray]] = {}


def km_array(points: Sequence[tuple[float, float]]) -> np.ndarray:
    """A feature's points (km) as an (n, 2) array, made once: every zoom level scales
    the same array (a map's features never change once read)."""
    hit = _km_arrays.get(id(points))
    if hit is None or hit[0] is not points:
        if len(_km_arrays) > 4096:  # many maps read in one process (the tests)
            _km_arrays.clear()
        hit = (points, np.asarray(points, dtype=float).reshape(-1, 2))
        _km_arrays[id(points)] = hit
    return hit[1]


def _scaled_pattern(
    points: Sequence[tuple[float, float]], px_per_km: float, pattern: Sequence[float]
) -> np.ndarray:
    return pattern_array(km_array(points) * px_per_km, pattern)


def _all_segments(features: Sequence[MapFeature], px_per_km: float) -> np.ndarray:
    return np.vstack([np.zeros((0, 4))] + [_scaled_segments(f.points, px_per_km) for f in features])


def _scaled_segments(points: Sequence[tuple[float, float]], px_per_km: float) -> np.ndarray:
    """A polyline's sides as (n, 4) pieces, so that a tile draws only those near it."""
    p = km_array(points) * px_per_km
    return np.hstack([p[:-1], p[1:]])


def _offmap(f: MapFeature) -> bool:
    return bool(f.properties.get("offmap", False))


def base_label(f: MapFeature) -> str:
    """A base's name; an off-map one's with how far beyond the edge it lies."""
    if _offmap(f):
        return f"{f.name}, {f.properties.get('offmap_km', 0):.0f} km"
    return f.name


def offmap_direction(geo: MapGeometry, f: MapFeature) -> tuple[float, float]:
    """Out of the map through the edge nearest an off-map base's mark: where it lies."""
    x, y = f.points[0]
    gaps = {(-1.0, 0.0): x, (1.0, 0.0): geo.width_km - x, (0.0, -1.0): y}
    gaps[(0.0, 1.0)] = geo.height_km - y
    return min(gaps, key=lambda d: gaps[d])


def offmap_arrow(
    geo: MapGeometry, f: MapFeature, at: tuple[float, float], r: int
) -> list[tuple[float, float]]:
    """An arrowhead beside an off-map base's mark, pointing out of the map towards it."""
    dx, dy = offmap_direction(geo, f)
    px_, py_ = -dy, dx  # across the arrow
    base = (at[0] + dx * (r + 1), at[1] + dy * (r + 1))
    tip = (at[0] + dx * (2.6 * r + 4), at[1] + dy * (2.6 * r + 4))
    half = r + 1
    return [
        (base[0] + px_ * half, base[1] + py_ * half),
        tip,
        (base[0] - px_ * half, base[1] - py_ * half),
    ]


def base_label_rect(
    geo: MapGeometry,
    f: MapFeature,
    at: tuple[float, float],
    r: int,
    font: pygame.font.Font,
    whole: pygame.Rect,
) -> pygame.Rect:
    """Where :func:`draw_overlay` writes a base's name (for the place names to avoid)."""
    w, h = font.size(base_label(f))
    outward = offmap_direction(geo, f) if _offmap(f) else None
    x, y = _label_xy(at, r, (w, h), whole, outward)
    return pygame.Rect(round(x) - 1, round(y) - 1, w + 2, h + 2)


def _short(f: MapFeature) -> str:
    label = f.name
    return label.split(" (")[0] if f.kind == "city" else label.replace(" plants", "")


_fonts: dict[int, pygame.font.Font] = {}


def _font(size: int) -> pygame.font.Font:
    if size not in _fonts:
        if not pygame.font.get_init():
            pygame.font.init()
        _fonts[size] = pygame.font.Font(None, size + 3)
    return _fonts[size]


def _label(
    out: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    at: tuple[float, float],
    r: int,
    color: Color,
    whole: pygame.Rect,
    outward: tuple[float, float] | None = None,
) -> None:
    """A label right of ``at`` (left of it at the map's right edge), kept inside ``whole``."""
    img, halo = _label_images(font, text, color)
    x, y = _label_xy(at, r, img.get_size(), whole, outward)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        out.blit(halo, (x + dx, y + dy))
    out.blit(img, (x, y))


def _label_xy(
    at: tuple[float, float],
    r: int,
    size: tuple[int, int],
    whole: pygame.Rect,
    outward: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """The top-left corner of a label beside ``at``: to its right, or to its left where
    it would run past the map's right edge. An off-map base's (``outward``: the way it
    lies) runs on past its arrow beyond an edge at the side, and stands inside the map
    above or below its mark at the top or the foot."""
    w, h = size
    if outward is not None:
        dx, dy = outward
        reach = 2.6 * r + 7
        if dx:
            x = at[0] + reach if dx > 0 else at[0] - reach - w
            return x, at[1] - h / 2
        return at[0] - w / 2, (at[1] - r - 2 - h) if dy > 0 else (at[1] + r + 2)
    x = at[0] + r + 2
    y = at[1] - h / 2
    if x + w > whole.right:
        x = at[0] - r - 2 - w
    return x, min(max(whole.top, y), whole.bottom - h)


_label_cache: dict[tuple[int, str, Color], tuple[pygame.Surface, pygame.Surface]] = {}


def _label_images(
    font: pygame.font.Font, text: str, color: Color
) -> tuple[pygame.Surface, pygame.Surface]:
    """A label's words and their halo, rendered once (each piece of the map near a
    base draws its name again)."""
    key = (id(font), text, color)
    if key not in _label_cache:
        if len(_label_cache) > 512:
            _label_cache.clear()
        _label_cache[key] = (
            font.render(text, True, color),
            font.render(text, True, (240, 234, 214)),
        )
    return _label_cache[key]


def _walk(pts: Sequence[tuple[float, float]], step: float):
    """Yield (point, unit direction) every ``step`` pixels along a polyline."""
    carry = 0.0
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        seg = math.hypot(bx - ax, by - ay)
        if seg == 0:
            continue
        ux, uy = (bx - ax) / seg, (by - ay) / seg
        t = carry
        while t < seg:
            yield (ax + ux * t, ay + uy * t), (ux, uy)
            t += step
        carry = t - seg


def _rail(out: pygame.Surface, pts: list[tuple[float, float]], s: float, density: float) -> None:
    pygame.draw.lines(out, RAIL, False, pts, max(round(density), round(0.45 * s)))
    half = max(1.5 * density, 1.1 * s)
    for (x, y), (ux, uy) in _walk(pts, max(4.0 * density, 3.2 * s)):
        nx, ny = -uy * half, ux * half
        pygame.draw.line(out, RAIL, (x - nx, y - ny), (x + nx, y + ny), round(density))


def dashed_polyline(
    out: pygame.Surface,
    color: Color,
    pts: list[tuple[float, float]],
    w: int,
    *,
    dash: float,
    gap: float,
) -> None:
    """Dashes along a polyline, the pattern running on across its vertices."""
    for a, b in dash_pieces(pts, dash, gap):
        pygame.draw.line(out, color, a, b, w)


def dash_pieces(
    pts: Sequence[tuple[float, float]], dash: float, gap: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The (start, end) of each dash along a polyline, split where it turns a vertex."""
    return pattern_pieces(pts, (dash, gap))


def pattern_pieces(
    pts: Sequence[Sequence[float]] | np.ndarray, pattern: Sequence[float]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The drawn pieces of a line pattern (lengths: on, off, on, off...) along a
    polyline, running on across its vertices: dashes, dots, dash-dots. Each piece lies
    on one side of the line; one that turns a vertex is split there."""
    ends = pattern_array(pts, pattern).reshape(-1, 2, 2).tolist()
    return [((x0, y0), (x1, y1)) for (x0, y0), (x1, y1) in ends]


def pattern_array(
    pts: Sequence[Sequence[float]] | np.ndarray, pattern: Sequence[float]
) -> np.ndarray:
    """:func:`pattern_pieces` as an (n, 4) array: x0, y0, x1, y1."""
    lengths = [max(float(v), 0.5) for v in pattern] or [1.0, 1.0]
    if len(lengths) % 2:
        lengths.append(lengths[-1])
    p = np.asarray(pts, dtype=float).reshape(-1, 2)
    step = np.diff(p, axis=0)
    side = np.hypot(step[:, 0], step[:, 1])
    keep = side > 0
    start, step, side = p[:-1][keep], step[keep], side[keep]
    if not len(side):
        return np.zeros((0, 4))
    at = np.concatenate([[0.0], np.cumsum(side)])  # the length run at each vertex
    total, period = float(at[-1]), sum(lengths)
    offsets = np.cumsum([0.0, *lengths])[:-1][0::2]  # where each "on" starts in a period
    ons = np.asarray(lengths[0::2])
    n = int(total // period) + 1
    s0 = (np.arange(n)[:, None] * period + offsets[None, :]).ravel()
    s1 = np.minimum(s0 + np.tile(ons, n), total)
    shown = s0 < total
    s0, s1 = s0[shown], s1[shown]
    last = len(side) - 1
    j0 = np.clip(np.searchsorted(at, s0, "right") - 1, 0, last)
    j1 = np.clip(np.searchsorted(at, s1, "left") - 1, j0, last)
    count = j1 - j0 + 1
    piece = np.repeat(np.arange(len(s0)), count)
    j = (
        np.repeat(j0, count)
        + np.arange(int(count.sum()))
        - np.repeat(np.cumsum(count) - count, count)
    )
    a = np.maximum(s0[piece], at[j]) - at[j]
    b = np.minimum(s1[piece], at[j + 1]) - at[j]
    real = b > a
    j, a, b = j[real], a[real], b[real]
    unit = step[j] / side[j, None]
    return np.hstack([start[j] + unit * a[:, None], start[j] + unit * b[:, None]])


@dataclass(frozen=True)
class Pieces:
    """A line's pieces, (n, 8): x0, y0, x1, y1 and each one's box (left, top, right,
    bottom), in whole-map pixels; and the box of them all (None when there are none),
    so that a piece of the map far from the line passes it by at once."""

    rows: np.ndarray
    box: tuple[float, float, float, float] | None


class ShapeCache:
    """A map's lines, outlines and dashes at one scale, in whole-map pixels, worked out
    once so that each piece of the map only shifts them and draws those that cross it."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[object, ...], np.ndarray] = {}
        self._boxes: dict[tuple[object, ...], tuple[float, float, float, float]] = {}
        self._layers: dict[tuple[object, ...], tuple[MapGeometry, list[MapFeature]]] = {}
        self._pieces: dict[tuple[object, ...], Pieces] = {}
        self._memo: dict[tuple[object, ...], object] = {}

    def points(
        self, key: tuple[object, ...], make: Callable[[], list[tuple[float, float]] | np.ndarray]
    ) -> np.ndarray:
        """(n, 2) points."""
        if key not in self._arrays:
            pts = np.asarray(make(), dtype=float).reshape(-1, 2)
            self._arrays[key] = pts
            lo, hi = pts.min(axis=0), pts.max(axis=0)
            self._boxes[key] = (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
        return self._arrays[key]

    def meets(
        self, key: tuple[object, ...], out: pygame.Surface, origin: tuple[float, float], margin: int
    ) -> bool:
        """Whether the points under ``key`` (made already) come within ``margin`` pixels
        of ``out``, whose top-left corner is at ``origin``."""
        x0, y0, x1, y1 = self._boxes[key]
        w, h = out.get_size()
        ox, oy = origin
        return (
            x1 - ox >= -margin
            and x0 - ox <= w + margin
            and y1 - oy >= -margin
            and (y0 - oy <= h + margin)
        )

    def pieces(
        self, key: tuple[object, ...], make: Callable[[], list[Piece] | np.ndarray]
    ) -> Pieces:
        """Dashes: x0, y0, x1, y1, then their box: left, top, right, bottom."""
        if key not in self._pieces:
            ends = np.asarray(make(), dtype=float).reshape(-1, 4)
            xs, ys = ends[:, 0::2], ends[:, 1::2]
            box = np.stack([xs.min(axis=1), ys.min(axis=1), xs.max(axis=1), ys.max(axis=1)], 1)
            rows = np.hstack([ends, box.reshape(-1, 4)])
            whole = (
                (
                    float(box[:, 0].min()),
                    float(box[:, 1].min()),
                    float(box[:, 2].max()),
                    float(box[:, 3].max()),
                )
                if len(rows)
                else None
            )
            self._pieces[key] = Pieces(rows, whole)
        return self._pieces[key]

    def memo(self, key: tuple[object, ...], make: Callable[[], _T]) -> _T:
        """Anything else worked out once at this scale."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(_T, self._memo[key])

    def on_layer(self, geo: MapGeometry, layer: Layer) -> list[MapFeature]:
        """``geo.on_layer(layer)``, looked up once."""
        key = ("layer", id(geo), layer)
        if key not in self._layers:
            self._layers[key] = (geo, geo.on_layer(layer))
        return self._layers[key][1]


def draw_pieces(
    out: pygame.Surface,
    color: Color | ColorA,
    pieces: Pieces,
    origin: tuple[float, float],
    w: int,
) -> None:
    """Draw the dashes of ``pieces`` (from :meth:`ShapeCache.pieces`, whole-map pixels)
    that cross ``out``, placed at ``origin``."""
    for x0, y0, x1, y1 in near_pieces(pieces, out, origin, w + 1).tolist():
        pygame.draw.line(out, color, (x0, y0), (x1, y1), w)


def near_pieces(
    pieces: Pieces, out: pygame.Surface, origin: tuple[float, float], m: float
) -> np.ndarray:
    """The (n, 4) ends of ``pieces`` (whole-map pixels) within ``m`` of ``out``, in its own
    pixels."""
    ox, oy = origin
    width, height = out.get_size()
    box = pieces.box
    if (
        box is None
        or box[2] < ox - m
        or box[0] > ox + width + m
        or box[3] < oy - m
        or box[1] > oy + height + m
    ):
        return _NONE
    rows = pieces.rows
    near = (
        (rows[:, 6] >= ox - m)
        & (rows[:, 4] <= ox + width + m)
        & (rows[:, 7] >= oy - m)
        & (rows[:, 5] <= oy + height + m)
    )
    return rows[near, :4] - (ox, oy, ox, oy)


_NONE = np.zeros((0, 4))
