"""The map's overlays (MiG Alley, flak rings, restriction zones, neutral circles, the
border buffer), each with its own toggle, key and colour, the map key that lists them,
and edge scrolling.

Flak rings come from the intelligence picture (the flak estimate), and restriction
zones from the cards in force the player holds; nothing here reads hidden truth.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.core.geometry import Layer, MapFeature, Shape
from game.core.intel import PlayerView
from game.core.model import Rules
from game.ui.kit.native_layer import NativeLayer, grown
from game.ui.kit.style import Palette, font
from game.ui.map import sprites
from game.ui.map.map_render import (
    Pieces,
    ShapeCache,
    draw_pieces,
    km_array,
    near_pieces,
    pattern_array,
    pattern_pieces,
)
from game.ui.map.map_symbols import draw_key_item

if TYPE_CHECKING:
    from game.ui.map.map_view import MapView

ColorA = tuple[int, int, int, int]


@dataclass(frozen=True)
class Overlay:
    key: str
    label: str
    short: str  # the toggle button's text
    shortcut: int  # pygame key
    letter: str
    paint: str  # a zone kind of the palette's ZONES, or "flak"
    tip: str

    def colour(self, pal: Palette) -> ColorA:
        """The overlay's colour in ``pal``."""
        if self.paint == "flak":
            return flak_colour(pal)
        return pal.zone(self.paint)


MIN_CIRCLE_PX = 32
FLAK_ALPHA = 60


def flak_colour(pal: Palette) -> ColorA:
    return (*pal.FLAK, FLAK_ALPHA)


OVERLAYS: tuple[Overlay, ...] = (
    Overlay(
        "mig",
        "MiG Alley",
        "MiG",
        pygame.K_m,
        "M",
        "mig_alley",
        "MiG Alley: where MiG-15s from Manchuria meet our aircraft (M)",
    ),
    Overlay(
        "flak",
        "Flak rings (estimate)",
        "Flak",
        pygame.K_f,
        "F",
        "flak",
        "Flak rings: circles around targets sized by the estimated heavy guns (F)",
    ),
    Overlay(
        "restrict",
        "Restriction zones",
        "Limits",
        pygame.K_x,
        "X",
        "sanctuary",
        "Restriction zones: places a card in force forbids (the darker, redder edge) or "
        "burdens (the lighter, yellower edge): Manchuria, prisoner camps, the border (X)",
    ),
    Overlay(
        "neutral",
        "Truce-talk neutral circles",
        "Neutral",
        pygame.K_n,
        "N",
        "neutral_zone",
        "Neutral circles: the truce-talk zones around Kaesong, Panmunjom and Munsan (N)",
    ),
    Overlay(
        "buffer",
        "Yalu border buffer",
        "Border",
        pygame.K_b,
        "B",
        "border_buffer",
        "Border buffer: the strip along the Yalu where bombs may stray into China (B)",
    ),
)
BY_SHORTCUT = {o.shortcut: o.key for o in OVERLAYS}
ZONE_OVERLAYS = frozenset({"mig", "restrict", "neutral", "buffer"})  # Z: all of these
DEFAULT_ON = ZONE_OVERLAYS

# Which overlay draws which zone kind.
ZONE_GROUP = {
    "mig_alley": "mig",
    "neutral_zone": "neutral",
    "border_buffer": "buffer",
    "sanctuary": "restrict",
    "pow_camp": "restrict",
    "naval_area": "restrict",
}


# --------------------------------------------------------------------------- drawing


def off_limits(rules: Rules, cards: tuple[str, ...]) -> frozenset[str]:
    """The targets a forbidding card in force bars to every package: by target, type or
    zone, with no condition on the aircraft or the hour."""
    out: set[str] = set()
    for cid in cards:
        card = rules.cards.get(cid)
        scope = card.scope if card is not None else None
        if card is None or scope is None or card.effect != "forbid":
            continue
        if not scope.is_order_scope() or scope.pools or scope.roles or scope.time != "any":
            continue
        for tid, t in rules.targets.items():
            inside = rules.zones_of.get(tid, ())
            if (
                (not scope.targets or tid in scope.targets)
                and (not scope.target_kinds or t.kind in scope.target_kinds)
                and (not scope.zones or any(z.id in scope.zones for z in inside))
                and (not scope.zone_kinds or any(z.kind in scope.zone_kinds for z in inside))
            ):
                out.add(tid)
    return frozenset(out)


def guarded_zones(rules: Rules, cards: tuple[str, ...]) -> dict[str, str]:
    """Zone id -> "forbid" or "burden" for zones covered by a card in force: worked out
    again only when the rules or the cards do (each frame and each tile asks)."""
    last = _guarded[0]
    if last is None or last[0] is not rules or last[1] != cards:
        _guarded[0] = last = (rules, tuple(cards), _guarded_zones(rules, cards))
    return dict(last[2])


_guarded: list[tuple[Rules, tuple[str, ...], dict[str, str]] | None] = [None]


def _guarded_zones(rules: Rules, cards: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid in cards:
        card = rules.cards.get(cid)
        if card is None or not card.scope.is_order_scope():
            continue
        for f in rules.geometry.on_layer(Layer.ZONES):
            covered = f.id in card.scope.zones or f.kind in card.scope.zone_kinds
            if covered and out.get(f.id) != "forbid":
                out[f.id] = card.effect
    return out


@dataclass(frozen=True)
class Projection:
    """Kilometres to the pixels of one layer: ``p * ppk - origin``."""

    ppk: float
    origin: tuple[float, float]
    density: float = 1.0  # layer pixels per interface pixel: widths and patterns grow by it

    def px(self, p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * self.ppk - self.origin[0], p[1] * self.ppk - self.origin[1])

    def w(self, pixels: float) -> int:
        """A width or length given in interface pixels, in this layer's pixels."""
        return max(1, round(pixels * self.density))

    def pattern(self, pattern: tuple[float, ...]) -> tuple[float, ...]:
        return tuple(v * self.density for v in pattern)


def overlay_key(
    rules: Rules, view: PlayerView, on: frozenset[str], pal: Palette
) -> tuple[object, ...]:
    """Everything :func:`paint_overlays` draws from: equal keys, equal pictures."""
    guarded = guarded_zones(rules, view.cards_in_force) if "restrict" in on else {}
    flak = tuple(_flak_guns(rules, view)) if "flak" in on else ()
    return (tuple(sorted(on)), tuple(sorted(guarded.items())), flak, pal)


def paint_overlays(
    layer: pygame.Surface,
    rules: Rules,
    view: PlayerView,
    on: frozenset[str],
    proj: Projection,
    shapes: ShapeCache,
    pal: Palette,
) -> None:
    """The overlays that are on, in ``pal``'s colours, onto a transparent ``layer`` (it
    goes under the rail, the front and the targets); ``layer`` may be any piece of the
    map, and ``shapes`` keeps the outlines at this scale for the next piece."""
    if not on:
        return
    guarded = guarded_zones(rules, view.cards_in_force) if "restrict" in on else {}
    geo_size = (rules.geometry.width_km, rules.geometry.height_km)
    for f in rules.geometry.on_layer(Layer.ZONES):
        if ZONE_GROUP.get(f.kind, "restrict") in on:
            _zone(proj, layer, f, shapes, geo_size, pal)
        if f.id in guarded:
            _zone_edge(proj, layer, f, guarded[f.id], shapes, geo_size, pal)
    if "flak" in on:
        _flak_rings(proj, layer, _flak_guns(rules, view), pal)


def _outline(proj: Projection, f: MapFeature, shapes: ShapeCache) -> np.ndarray:
    """A zone's outline in whole-map pixels at this scale."""
    ppk = proj.ppk
    return shapes.points(("zone", f.id), lambda: km_array(f.points) * ppk)


def _ellipse_rect(proj: Projection, f: MapFeature) -> pygame.Rect:
    cx, cy = proj.px(f.points[0])
    rx, ry = f.radii[0] * proj.ppk, f.radii[1] * proj.ppk
    # Never smaller than a ring around a target's icon, so a small circle still shows.
    least = proj.w(MIN_CIRCLE_PX)
    r = pygame.Rect(0, 0, max(least, round(2 * rx)), max(least, round(2 * ry)))
    r.center = (round(cx), round(cy))
    return r


# Each kind of zone has its own line, so that none is told apart by colour alone:
# (on, off...) lengths in pixels and the width; a solid line has no pattern.
EDGE_STYLE: dict[str, tuple[tuple[float, ...], int]] = {
    "mig_alley": ((14.0, 6.0), 3),  # long dashes
    "border_buffer": ((2.0, 4.0), 2),  # dots
    "naval_area": ((), 1),
    "sanctuary": ((), 1),  # with a hatched band inside
}
CARD_EDGE: dict[str, tuple[tuple[float, ...], int]] = {
    "forbid": ((10.0, 7.0), 3),  # dashes
    "burden": ((3.0, 5.0), 3),  # dots
}
HATCH_BAND_PX = 12  # how far into a restricted area its hatching reaches
HATCH_PERIOD = 7  # pixels between the hatch lines


def _runs(f: MapFeature, geo_size: tuple[float, float]) -> list[list[tuple[float, float]]]:
    """A zone's outline (km) as open runs, leaving out the sides that lie on the map's
    edge (where a zone was cut to the map): no line is drawn along the map's edge."""
    return _runs_of(tuple(f.points), geo_size)


@cache
def _runs_of(
    points: tuple[tuple[float, float], ...], geo_size: tuple[float, float]
) -> list[list[tuple[float, float]]]:
    w, h = geo_size
    pts = [*points, points[0]]

    def on_edge(a: tuple[float, float], b: tuple[float, float]) -> bool:
        eps = 0.6
        return any(
            abs(a[i] - v) < eps and abs(b[i] - v) < eps
            for i, v in ((0, 0.0), (0, w), (1, 0.0), (1, h))
        )

    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(pts):
        if on_edge(a, b):
            if len(current) > 1:
                runs.append(current)
            current = []
            continue
        if not current:
            current = [a]
        current.append(b)
    if len(current) > 1:
        runs.append(current)
    if len(runs) > 1 and runs[-1][-1] == runs[0][0]:  # the ring closes through its start
        runs[0] = runs.pop() + runs[0][1:]
    return runs


@cache
def _ring_pieces(
    w: int, h: int, pattern: tuple[float, ...]
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """A pattern along an ellipse of ``w`` by ``h`` pixels, from its box's corner."""
    rx, ry = w / 2, h / 2
    n = max(12, round(2 * math.pi * max(rx, ry) / 4))
    ring = [
        (rx + rx * math.cos(2 * math.pi * i / n), ry + ry * math.sin(2 * math.pi * i / n))
        for i in range(n + 1)
    ]
    return pattern_pieces(ring, pattern)


def _run_pieces(
    proj: Projection,
    f: MapFeature,
    shapes: ShapeCache,
    geo_size: tuple[float, float],
    pattern: tuple[float, ...],
    key: str,
) -> Pieces:
    """The pattern's pieces along a zone's runs, in whole-map pixels at this scale."""
    ppk = proj.ppk

    def make() -> np.ndarray:
        out = [np.zeros((0, 4))]
        for run in _runs(f, geo_size):
            px = km_array(run) * ppk
            out.append(pattern_array(px, pattern) if pattern else np.hstack([px[:-1], px[1:]]))
        return np.vstack(out)

    return shapes.pieces((key, f.id, pattern, proj.density), make)


@cache
def _hatch(size: tuple[int, int], colour: ColorA, period: int, width: int) -> pygame.Surface:
    """Diagonal hatching, ``period`` wider than ``size`` to be shifted into line."""
    w, h = size[0] + period, size[1]
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    for c in range(-h, w + h, period):
        pygame.draw.line(out, colour, (c, 0), (c - h, h), width)
    return out


def _run_sides(run: np.ndarray) -> np.ndarray:
    return np.hstack([run[:-1], run[1:]])


def _hatched_band(
    layer: pygame.Surface,
    proj: Projection,
    f: MapFeature,
    geo_size: tuple[float, float],
    colour: ColorA,
    shapes: ShapeCache,
) -> None:
    """Hatching along the inside of a restricted area's edge (its runs), on the pieces
    of the map a run passes near (the band is HATCH_BAND_PX wide about it)."""
    ox, oy = proj.origin
    runs = []
    band_px = proj.w(HATCH_BAND_PX)
    inner = shapes.memo(
        ("inner_runs", f.id), lambda: _inner_runs(tuple(f.points), geo_size, proj.ppk, band_px)
    )
    for i, (run, _box) in enumerate(inner):
        sides = shapes.pieces(("hatch_run", f.id, i), partial(_run_sides, run))
        if len(near_pieces(sides, layer, proj.origin, 2 * band_px)):
            runs.append((run - (ox, oy)).tolist())
    if not runs:  # the edge is far from this piece of the map
        return
    size = layer.get_size()
    band = pygame.Surface(size, pygame.SRCALPHA)
    for pts in runs:
        pygame.draw.lines(band, (255, 255, 255, 255), False, pts, band_px)
    period = proj.w(HATCH_PERIOD)
    shift = int(ox + oy) % period  # the lines run on from one tile to the next
    lined = pygame.Surface(size, pygame.SRCALPHA)
    lined.blit(_hatch(size, colour, period, proj.w(1)), (-shift, 0))
    lined.blit(band, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    layer.blit(lined, (0, 0))


@cache
def _inner_runs(
    points: tuple[tuple[float, float], ...],
    geo_size: tuple[float, float],
    ppk: float,
    band_px: int,
) -> list[tuple[np.ndarray, pygame.Rect]]:
    """A zone's runs (whole-map pixels at ``ppk``) moved half the hatched band inwards,
    each with its box: drawn that wide, they cover the band inside the edge."""
    ring = np.asarray(points, dtype=float)
    out = []
    for run in _runs_of(points, geo_size):
        p = np.asarray(run, dtype=float)
        d = np.gradient(p, axis=0)
        n = np.stack([-d[:, 1], d[:, 0]], axis=1)
        n /= np.maximum(np.hypot(n[:, 0], n[:, 1]), 1e-9)[:, None]
        mid = len(p) // 2
        probe = p[mid] + n[mid] * 0.5
        if not _inside(probe, ring):
            n = -n
        moved = p * ppk + n * (band_px / 2)
        lo, hi = moved.min(axis=0), moved.max(axis=0)
        box = pygame.Rect(int(lo[0]), int(lo[1]), int(hi[0] - lo[0]) + 2, int(hi[1] - lo[1]) + 2)
        out.append((moved, box))
    return out


def _inside(p: np.ndarray, ring: np.ndarray) -> bool:
    x, y = float(p[0]), float(p[1])
    xs, ys = ring[:, 0], ring[:, 1]
    xn, yn = np.roll(xs, -1), np.roll(ys, -1)
    crosses = (ys > y) != (yn > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = xs + (y - ys) * (xn - xs) / (yn - ys)
    return bool(np.count_nonzero(crosses & (x < at)) % 2)


def _zone(
    proj: Projection,
    layer: pygame.Surface,
    f: MapFeature,
    shapes: ShapeCache,
    geo_size: tuple[float, float],
    pal: Palette,
) -> None:
    color = pal.zone(f.kind)
    edge = (*color[:3], min(255, color[3] * 4 + 40))
    if f.shape == Shape.POLYGON:
        outline = _outline(proj, f, shapes)
        if not shapes.meets(("zone", f.id), layer, proj.origin, proj.w(HATCH_BAND_PX + 4)):
            return
        if f.kind != "sanctuary":
            _fill_zone(layer, proj, f, shapes, color, outline)
        else:
            _hatched_band(layer, proj, f, geo_size, (*color[:3], 150), shapes)
        pattern, width = EDGE_STYLE.get(f.kind, ((), 2))
        pieces = _run_pieces(proj, f, shapes, geo_size, proj.pattern(pattern), "zone_edge")
        draw_pieces(layer, edge, pieces, proj.origin, proj.w(width))
    elif f.shape == Shape.ELLIPSE:
        r = _ellipse_rect(proj, f)
        if not layer.get_rect().colliderect(r):
            return
        pygame.draw.ellipse(layer, (*color[:3], max(color[3], 90)), r)
        ring = (120, 40, 30, 230)
        if f.kind == "neutral_zone":  # a double ring: nothing else on the map has one
            pygame.draw.ellipse(layer, ring, r, proj.w(1))
            if min(r.size) > proj.w(10):
                gap = proj.w(6)
                pygame.draw.ellipse(layer, ring, r.inflate(-gap, -gap), proj.w(1))
        else:
            pygame.draw.ellipse(layer, ring, r, proj.w(2))


FILL_MARGIN_PX = 3  # a polygon's filled pixels never lie farther than this off its sides


def _fill_zone(
    layer: pygame.Surface,
    proj: Projection,
    f: MapFeature,
    shapes: ShapeCache,
    color: ColorA,
    outline: np.ndarray,
) -> None:
    """A zone's polygon filled on ``layer``. Where no side of it crosses this piece of
    the map, the piece lies wholly inside (filled at once) or wholly outside (left):
    the same pixels as filling the whole outline, without walking its hundreds of sides
    for every piece of the Yalu's strip."""

    def ring() -> np.ndarray:
        closed = np.vstack([outline, outline[:1]])
        return np.hstack([closed[:-1], closed[1:]])

    sides = shapes.pieces(("zone_ring", f.id), ring)
    if len(near_pieces(sides, layer, proj.origin, FILL_MARGIN_PX)):
        w, h = layer.get_size()
        local = outline - proj.origin
        kept = _local_ring(
            local, (-FILL_MARGIN_PX, -FILL_MARGIN_PX, w + FILL_MARGIN_PX, h + FILL_MARGIN_PX)
        )
        pygame.draw.polygon(layer, color, kept.tolist())
        return
    w, h = layer.get_size()
    centre = np.array([proj.origin[0] + w / 2, proj.origin[1] + h / 2])
    if _inside(centre, outline):
        layer.fill(color)


def _local_ring(ring: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """``ring`` with the vertices that cannot change a pixel inside ``box`` left out.

    A filled polygon's pixels on a row depend only on the sides that cross that row. A
    run of vertices wholly above the box (or wholly below it) can go but its two ends:
    the sides it leaves out crossed no row of the box, nor does the side that replaces
    them. The topmost and bottommost vertices stay, as the fill's first and last rows
    are theirs. For the Yalu's strip, a piece of the map keeps a few dozen of its
    hundreds of vertices, and is filled pixel for pixel as by the whole ring."""
    if len(ring) <= 4:
        return ring
    y = ring[:, 1]
    side = np.where(y < box[1], -1, np.where(y > box[3], 1, 0))
    keep = (side == 0) | (np.roll(side, 1) != side) | (np.roll(side, -1) != side)
    keep[int(np.argmin(y))] = keep[int(np.argmax(y))] = True
    return ring[keep] if keep.sum() >= 3 else ring


def _zone_edge(
    proj: Projection,
    layer: pygame.Surface,
    f: MapFeature,
    effect: str,
    shapes: ShapeCache,
    geo_size: tuple[float, float],
    pal: Palette,
) -> None:
    """A card's edge: dashes where the card forbids, dots where it burdens."""
    colour = (*(pal.FORBID if effect == "forbid" else pal.BURDEN), 230)
    pattern, width = CARD_EDGE["forbid" if effect == "forbid" else "burden"]
    pattern = proj.pattern(pattern)
    if f.shape == Shape.POLYGON:
        _outline(proj, f, shapes)
        pieces = _run_pieces(proj, f, shapes, geo_size, pattern, "card_edge")
        draw_pieces(layer, colour, pieces, proj.origin, proj.w(width))
    elif f.shape == Shape.ELLIPSE:
        r = _ellipse_rect(proj, f).inflate(proj.w(6), proj.w(6))
        if not layer.get_rect().colliderect(r):
            return
        for (ax, ay), (bx, by) in _ring_pieces(r.w, r.h, pattern):
            pygame.draw.line(layer, colour, (r.x + ax, r.y + ay), (r.x + bx, r.y + by), proj.w(2))


def flak_radius_px(mv: MapView, guns: float) -> float:
    """A ring's radius: grows with the square root of the estimated guns (2-14 km)."""
    return flak_radius_km(guns) * mv.ppk


def flak_radius_km(guns: float) -> float:
    return min(14.0, 2.0 + 1.6 * math.sqrt(max(guns, 0.0)))


def _flak_guns(rules: Rules, view: PlayerView) -> list[tuple[tuple[float, float], float]]:
    """(position, estimated guns) of each active target with a ring."""
    out = []
    for tid in view.active_targets:
        t = rules.targets[tid]
        guns = view.flak_estimate.get(tid, t.flak)  # before any report: the briefing
        if guns < 1 or t.kind == "rail_segment":
            continue
        out.append((t.position, guns))
    return out


def _flak_rings(
    proj: Projection,
    layer: pygame.Surface,
    rings: list[tuple[tuple[float, float], float]],
    pal: Palette,
) -> None:
    for position, guns in rings:
        centre = proj.px(position)
        r = flak_radius_km(guns) * proj.ppk
        if not layer.get_rect().inflate(2 * r, 2 * r).collidepoint(centre):
            continue
        pygame.draw.circle(layer, flak_colour(pal), centre, r)
        pygame.draw.circle(layer, (*pal.FLAK, 200), centre, r, proj.w(2))


# --------------------------------------------------------------------------- the map key


NAVAL_SWATCH, NAVAL_EDGE = (120, 146, 188), (40, 70, 140)  # as the area on the map


def draw_map_key(
    surface: pygame.Surface,
    bottom_left: tuple[int, int],
    kinds: list[str],
    on: set[str],
    pal: Palette,
    native: NativeLayer | None = None,
) -> pygame.Rect:
    """The key to the map: target icons and estimates on the left, the overlays (with
    their keys, dimmed when off) and the lines on the right. Each column is as wide as
    its longest line, so no label runs past the panel's edge. Drawn once for each set of
    overlays and each palette, then blitted; over a map drawn on the window beneath
    (``native``), it is drawn there too, at the window's resolution. Returns where it
    lies on ``surface``."""
    picture = _key_picture(tuple(kinds), frozenset(on), pal, 1.0)
    rect = picture.get_rect(bottomleft=bottom_left)
    if native is None:
        return surface.blit(picture, rect)
    sharp = _key_picture(tuple(kinds), frozenset(on), pal, native.factor)
    at = sharp.get_rect(bottomleft=native.window_rect(rect).bottomleft)
    covered = grown(at, 1 / native.factor)  # its fonts grow a little more than the rest
    native.open(covered)
    native.window.blit(sharp, at)
    return covered


@lru_cache(maxsize=32)
def _key_picture(
    kinds: tuple[str, ...], on: frozenset[str], pal: Palette, density: float
) -> pygame.Surface:
    """The key, ``density`` times its size in interface pixels."""

    def d(n: float) -> int:
        return round(n * density)

    f = font(d(13))
    row = d(19)
    left: list[tuple[str, str]] = [("icon", k) for k in kinds]
    left += [("bda", "confident"), ("bda", "guess"), ("bda", "destroyed")]
    left += [("bda", "restricted"), ("bda", "unseen")]
    left += [("base", "air_base")]
    right: list[tuple[str, str]] = [("overlay", o.key) for o in OVERLAYS]
    right += [("sea", "naval_area"), ("rail", "intact"), ("rail", "cut"), ("front", "")]
    shown = set(on)
    columns = [
        [_key_label(what, key, shown, pal) for what, key in items] for items in (left, right)
    ]
    widths = [d(26) + max(f.size(text)[0] for text, _ in labels) for labels in columns]
    rows = max(len(left), len(right))
    rect = pygame.Rect(0, 0, widths[0] + widths[1] + d(30), rows * row + d(38))
    panel = pygame.Surface(rect.size, pygame.SRCALPHA)
    panel.fill((24, 30, 34, 225))
    pygame.draw.rect(panel, pal.PANEL_EDGE, rect, d(1))
    heading = font(d(13), bold=True).render("MAP KEY", True, pal.ACCENT)
    panel.blit(heading, (rect.x + d(10), rect.y + d(7)))
    hint = f.render("Z: all zones · L: key", True, pal.MUTED)
    panel.blit(hint, (rect.right - hint.get_width() - d(10), rect.y + d(7)))
    by_key = {o.key: o for o in OVERLAYS}
    x0 = rect.x + d(10)
    for col, items in enumerate((left, right)):
        for i, (what, key) in enumerate(items):
            y = rect.y + d(30) + i * row
            mid = (x0 + d(10), y + row // 2)
            _key_symbol(panel, what, key, mid, by_key, pal, density)
            text, colour = columns[col][i]
            panel.blit(f.render(text, True, colour), (x0 + d(26), y + d(1)))
        x0 += widths[col] + d(10)
    return panel


def _key_label(what: str, key: str, on: set[str], pal: Palette) -> tuple[str, tuple[int, int, int]]:
    """A map-key line's words and colour: dimmed, and said to be off, for a hidden overlay."""
    if what == "overlay":
        o = next(o for o in OVERLAYS if o.key == key)
        shown = key in on
        return f"{o.letter}  {o.label}" + ("" if shown else " (off)"), _shown_colour(shown, pal)
    if what == "sea":  # the carriers' area, drawn with the Limits overlay
        shown = "restrict" in on
        words = "Task Force 77 carriers' waters" + ("" if shown else " (off)")
        return words, _shown_colour(shown, pal)
    return draw_key_item(pygame.Surface((1, 1)), what, key, (0, 0), pal), pal.TEXT


def _shown_colour(shown: bool, pal: Palette) -> tuple[int, int, int]:
    return pal.TEXT if shown else pal.MUTED


def _key_symbol(
    surface: pygame.Surface,
    what: str,
    key: str,
    mid: tuple[int, int],
    by_key: dict[str, Overlay],
    pal: Palette,
    density: float,
) -> None:
    if what == "overlay":
        _overlay_swatch(surface, by_key[key], mid, pal, density)
    elif what == "sea":
        swatch = pygame.Rect(0, 0, round(18 * density), round(14 * density))
        swatch.center = mid
        pygame.draw.rect(surface, NAVAL_SWATCH, swatch)
        pygame.draw.rect(surface, NAVAL_EDGE, swatch, round(density))
    else:
        draw_key_item(surface, what, key, mid, pal, density)


def _overlay_swatch(
    surface: pygame.Surface, o: Overlay, mid: tuple[int, int], pal: Palette, density: float
) -> None:
    """The overlay's swatch, with the same line as on the map (dashes, dots, hatching,
    a double ring), so that the key tells them apart without colour too."""

    def d(n: float) -> int:
        return round(n * density)

    x, y = mid
    w, h = d(18), d(14)
    sw = pygame.Surface((w, h), pygame.SRCALPHA)
    lo, right, bottom = 0.5 * density, w - 0.5 * density, h - 0.5 * density
    box = [(lo, lo), (right, lo), (right, bottom), (lo, bottom), (lo, lo)]
    centre = (w // 2, h // 2)
    colour = o.colour(pal)
    if o.key == "flak":
        pygame.draw.circle(sw, (*colour[:3], 110), centre, d(6))
        pygame.draw.circle(sw, colour[:3], centre, d(6), d(2))
        burst = sprites.sprite("flak", d(10))
        sw.blit(burst, burst.get_rect(center=centre))
    elif o.key == "neutral":
        pygame.draw.circle(sw, (*colour[:3], max(colour[3], 150)), centre, d(6))
        pygame.draw.circle(sw, (120, 40, 30), centre, d(7), d(1))
        pygame.draw.circle(sw, (120, 40, 30), centre, d(4), d(1))
    elif o.key == "restrict":
        sw.blit(_hatch((w, h), (*colour[:3], 255), d(HATCH_PERIOD), d(1)), (0, 0))
        forbid = tuple(v * density for v in CARD_EDGE["forbid"][0])
        for a, b in pattern_pieces(box, forbid):
            pygame.draw.line(sw, pal.FORBID, a, b, d(2))
    else:
        kind = "mig_alley" if o.key == "mig" else "border_buffer"
        pattern, width = EDGE_STYLE[kind]
        sw.fill((*colour[:3], max(colour[3], 110)))
        for a, b in pattern_pieces(box, tuple(v / 2 * density for v in pattern)):
            pygame.draw.line(sw, colour[:3], a, b, d(width))
    surface.blit(sw, (x - w // 2, y - h // 2))


# --------------------------------------------------------------------------- edge scrolling

EDGE_PX = 14  # the band along the window's edge that scrolls the map
EDGE_SPEED = 320.0  # pixels a second at the very edge: gentle
EDGE_DELAY_S = 0.25  # the mouse must rest in the band this long first


def window_focused() -> bool:
    """The window has the keyboard focus and the mouse is inside it."""
    return bool(pygame.key.get_focused() and pygame.mouse.get_focused())


def edge_velocity(
    pos: tuple[int, int], map_rect: pygame.Rect, window: tuple[int, int]
) -> tuple[float, float]:
    """Scroll speed (screen pixels a second, in :meth:`MapView.scroll`'s sense) for the
    mouse at ``pos``: only near a window edge the map touches, and only over the map."""
    if not map_rect.collidepoint(pos):
        return (0.0, 0.0)
    w, h = window
    vx = vy = 0.0

    def ramp(depth: float) -> float:  # 0 at the band's inner edge .. 1 at the edge
        return EDGE_SPEED * (0.4 + 0.6 * max(0.0, min(1.0, 1 - depth / EDGE_PX)))

    if map_rect.left <= 0 and pos[0] < EDGE_PX:
        vx = ramp(pos[0])
    elif map_rect.right >= w and pos[0] >= w - EDGE_PX:
        vx = -ramp(w - 1 - pos[0])
    if map_rect.top <= 0 and pos[1] < EDGE_PX:
        vy = ramp(pos[1])
    elif map_rect.bottom >= h and pos[1] >= h - EDGE_PX:
        vy = -ramp(h - 1 - pos[1])
    return (vx, vy)


class EdgeScroller:
    """Scrolls a map view while the mouse rests near the window's edge."""

    def __init__(self) -> None:
        self.mouse: tuple[int, int] | None = None  # None: not in the window
        self.rest = 0.0

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type in (pygame.WINDOWLEAVE, pygame.WINDOWFOCUSLOST):
            self.mouse = None
            self.rest = 0.0

    def step(self, mv: MapView, window: tuple[int, int], dt: float, enabled: bool) -> bool:
        """Scroll for ``dt`` seconds; True while the mouse is in the band (keep ticking)."""
        if not enabled or self.mouse is None or not window_focused():
            self.rest = 0.0
            return False
        vx, vy = edge_velocity(self.mouse, mv.rect, window)
        if not vx and not vy:
            self.rest = 0.0
            return False
        dt = min(dt, 0.05)  # after a nap the clock's step is long: no jumps
        self.rest += dt
        if self.rest < EDGE_DELAY_S:
            return True
        before = tuple(mv.offset)
        mv.scroll(vx * dt, vy * dt)
        return tuple(mv.offset) != before
