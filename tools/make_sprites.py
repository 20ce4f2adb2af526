"""Draw the game's sprite set: ``assets/sprites/<name>.png``, one for each name the game
asks for (``game.ui.map.sprites.SPRITE_NAMES``).

Every sprite is drawn from shapes at four times its size and averaged down, so its edges
are smooth; each is 128×128 pixels, the size for the largest interface scale, and the
game scales it down. The style is a map counter's: a light plate with a dark outline and
a bold pictogram, readable on any terrain. Aircraft are top-down silhouettes, nose up,
light grey with a dark outline, which the game turns and tints by side. Target plates
are a warm paper colour that the game tints with the damage estimate.

Deterministic, no inputs: ``python tools/make_sprites.py`` from the repository root.
The game never imports this file.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

import pygame

from game.ui.map.sprites import AIRCRAFT, SPRITE_NAMES, SPRITE_PX

OUT_DIR = Path(__file__).resolve().parents[1] / "assets" / "sprites"
SUPER = 4  # drawn at this multiple of the final size, then averaged down
BIG = SPRITE_PX * SUPER

INK = (28, 24, 22)  # outlines and pictograms
PAPER = (244, 236, 214)  # target plates: the game multiplies the damage colour into it
METAL = (226, 228, 224)  # aircraft: the game multiplies the side's colour into it
PANEL = (150, 152, 150)  # canopies and engine details on aircraft
FRIEND = (28, 58, 140)  # our air bases
KIND_INK = {
    "hydro_plant": (30, 90, 170),
    "thermal_plant": (150, 60, 30),
    "industrial_complex": (120, 60, 40),
    "refinery": (120, 40, 90),
    "mine": (90, 70, 40),
    "supply_complex": (140, 100, 20),
    "marshalling_yard": (50, 50, 50),
    "rail_bridge": (40, 40, 40),
    "rail_segment": (40, 40, 40),
    "dam": (20, 110, 140),
    "airfield": (150, 20, 20),
    "port": (30, 60, 110),
    "city": (60, 50, 45),
}

Pt = tuple[float, float]
Mask = np.ndarray  # bool, BIG x BIG, indexed [x, y] as pygame's surfarray


# --------------------------------------------------------------------------- canvas


class Canvas:
    """An RGBA picture at the large size, painted mask by mask, in unit coordinates
    (0..1 across, 0..1 down)."""

    def __init__(self) -> None:
        self.rgb = np.zeros((BIG, BIG, 3), dtype=np.float64)
        self.alpha = np.zeros((BIG, BIG), dtype=np.float64)

    def paint(self, mask: Mask, colour: Sequence[int], alpha: float = 1.0) -> None:
        a = mask.astype(np.float64) * alpha
        col = np.array(colour[:3], dtype=np.float64)
        self.rgb = self.rgb * (1 - a[..., None]) + col * a[..., None]
        self.alpha = self.alpha * (1 - a) + a

    def outlined(self, shape: Mask, fill: Sequence[int], ink: Sequence[int], width: float) -> None:
        """``shape`` filled with ``fill`` inside an outline ``width`` units wide."""
        self.paint(dilate(shape, width), ink)
        self.paint(shape, fill)

    def shorten(self, k: float) -> Canvas:
        """The picture squeezed to ``k`` of its height about its middle: the bombers'
        spans are wider than they are long."""
        rows = np.arange(BIG)
        source = np.round(BIG / 2 + (rows + 0.5 - BIG / 2) / k - 0.5).astype(int)
        inside = (source >= 0) & (source < BIG)
        rgb = np.zeros_like(self.rgb)
        alpha = np.zeros_like(self.alpha)
        rgb[:, inside] = self.rgb[:, source[inside]]
        alpha[:, inside] = self.alpha[:, source[inside]]
        self.rgb, self.alpha = rgb, alpha
        return self

    def image(self) -> pygame.Surface:
        """Averaged down to the sprite's size, with the colour weighted by coverage so
        the transparent surround leaves no dark fringe."""
        n = SPRITE_PX
        a = self.alpha.reshape(n, SUPER, n, SUPER).mean(axis=(1, 3))
        premult = (self.rgb * self.alpha[..., None]).reshape(n, SUPER, n, SUPER, 3)
        rgb = premult.mean(axis=(1, 3)) / np.maximum(a, 1e-9)[..., None]
        surf = pygame.Surface((n, n), pygame.SRCALPHA)
        pygame.surfarray.pixels3d(surf)[...] = np.clip(np.round(rgb), 0, 255).astype(np.uint8)
        pygame.surfarray.pixels_alpha(surf)[...] = np.clip(np.round(a * 255), 0, 255).astype(
            np.uint8
        )
        return surf


def px(p: Pt) -> tuple[float, float]:
    return (p[0] * BIG, p[1] * BIG)


def mask_of(draw: Callable[[pygame.Surface], None]) -> Mask:
    surf = pygame.Surface((BIG, BIG))
    surf.fill((0, 0, 0))
    draw(surf)
    return pygame.surfarray.pixels_red(surf) > 127


def polygon(points: Sequence[Pt]) -> Mask:
    return mask_of(lambda s: pygame.draw.polygon(s, (255, 255, 255), [px(p) for p in points]))


def circle(centre: Pt, r: float) -> Mask:
    return mask_of(lambda s: pygame.draw.circle(s, (255, 255, 255), px(centre), r * BIG))


def ellipse(centre: Pt, rx: float, ry: float) -> Mask:
    rect = pygame.Rect(0, 0, round(2 * rx * BIG), round(2 * ry * BIG))
    rect.center = (round(centre[0] * BIG), round(centre[1] * BIG))
    return mask_of(lambda s: pygame.draw.ellipse(s, (255, 255, 255), rect))


def line(a: Pt, b: Pt, width: float) -> Mask:
    """A stroke with round ends."""

    def draw(s: pygame.Surface) -> None:
        w = width * BIG
        pygame.draw.line(s, (255, 255, 255), px(a), px(b), max(1, round(w)))
        pygame.draw.circle(s, (255, 255, 255), px(a), w / 2)
        pygame.draw.circle(s, (255, 255, 255), px(b), w / 2)

    return mask_of(draw)


def polyline(points: Sequence[Pt], width: float) -> Mask:
    out = np.zeros((BIG, BIG), dtype=bool)
    for a, b in itertools.pairwise(points):
        out |= line(a, b, width)
    return out


def rect(x0: float, y0: float, x1: float, y1: float) -> Mask:
    return polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def dilate(mask: Mask, width: float) -> Mask:
    """The mask grown by ``width`` units in every direction (a round brush)."""
    r = max(1, round(width * BIG))
    out = mask.copy()
    padded = np.pad(mask, r)
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            if dx * dx + dy * dy <= r * r and (dx or dy):
                out |= padded[r + dx : r + dx + BIG, r + dy : r + dy + BIG]
    return out


def mirrored(right_half: Sequence[Pt]) -> list[Pt]:
    """A symmetric outline from its right half, listed nose to tail (x >= 0.5)."""
    left = [(1 - x, y) for x, y in reversed(right_half)]
    return [*right_half, *left]


# --------------------------------------------------------------------------- plates

OUTLINE = 0.045  # the plates' dark rim, in units of the sprite's side
M = 0.07  # margin around a plate, for the outline and the smoothing


def plate(kind: str) -> Mask:
    """The plate's shape by target type: the old icons' shape language, kept so a shape
    still says the class at a glance (circle: town or airfield; diamond: power; ...)."""
    lo, hi = M, 1 - M
    if kind in ("city", "airfield", "air_base"):
        return circle((0.5, 0.5), 0.5 - M)
    if kind in ("hydro_plant", "thermal_plant"):
        return polygon([(0.5, lo - 0.01), (hi + 0.01, 0.5), (0.5, hi + 0.01), (lo - 0.01, 0.5)])
    if kind == "dam":
        return polygon([(lo, 0.2), (hi, 0.2), (0.8, 0.82), (0.2, 0.82)])
    if kind == "rail_bridge":
        return rect(lo, 0.24, hi, 0.76)
    r = 0.1  # a square with rounded corners
    body = rect(lo + r, lo, hi - r, hi) | rect(lo, lo + r, hi, hi - r)
    for cx in (lo + r, hi - r):
        for cy in (lo + r, hi - r):
            body |= circle((cx, cy), r)
    return body


def target_sprite(kind: str, picture: Callable[[Canvas, tuple[int, int, int]], None]) -> Canvas:
    c = Canvas()
    body = plate(kind)
    c.outlined(body, PAPER, INK, OUTLINE)
    picture(c, KIND_INK.get(kind, INK))
    return c


def bolt(c: Canvas, ink: tuple[int, int, int], scale: float = 1.0, at: Pt = (0.5, 0.5)) -> None:
    pts = [(0.06, -0.34), (-0.14, 0.04), (0.0, 0.04), (-0.08, 0.34), (0.16, -0.06), (0.02, -0.06),
           (0.12, -0.34)]  # fmt: skip
    c.paint(polygon([(at[0] + x * scale, at[1] + y * scale) for x, y in pts]), ink)


def draw_hydro(c: Canvas, ink: tuple[int, int, int]) -> None:
    # A lightning bolt over water.
    bolt(c, ink, 1.0, (0.5, 0.45))
    c.paint(polyline(wave(0.34, 0.66, 0.7, 0.03), 0.045), ink)


def wave(x0: float, x1: float, y: float, amp: float, n: int = 24) -> list[Pt]:
    return [
        (x0 + (x1 - x0) * i / n, y + amp * math.sin(2 * math.pi * 2 * i / n)) for i in range(n + 1)
    ]


def draw_thermal(c: Canvas, ink: tuple[int, int, int]) -> None:
    # A power house with a tall stack and smoke, and a bolt on its wall.
    c.paint(rect(0.3, 0.5, 0.66, 0.7), ink)
    c.paint(rect(0.56, 0.26, 0.64, 0.5), ink)
    c.paint(circle((0.64, 0.2), 0.045) | circle((0.71, 0.16), 0.035), ink)
    bolt(c, PAPER, 0.36, (0.43, 0.6))


def draw_industry(c: Canvas, ink: tuple[int, int, int]) -> None:
    # A sawtooth-roofed works with a chimney.
    roof = [(0.2, 0.76), (0.2, 0.5), (0.34, 0.4), (0.34, 0.5), (0.48, 0.4), (0.48, 0.5),
            (0.62, 0.4), (0.62, 0.5), (0.68, 0.5), (0.68, 0.22), (0.78, 0.22), (0.78, 0.76)]  # fmt: skip
    c.paint(polygon(roof), ink)
    for x in (0.27, 0.41, 0.55):
        c.paint(rect(x, 0.58, x + 0.06, 0.66), PAPER)


def draw_refinery(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Two storage tanks and a cracking tower.
    c.paint(rect(0.2, 0.52, 0.44, 0.76) | ellipse((0.32, 0.52), 0.12, 0.04), ink)
    c.paint(rect(0.46, 0.58, 0.64, 0.76) | ellipse((0.55, 0.58), 0.09, 0.03), ink)
    c.paint(rect(0.68, 0.22, 0.78, 0.76), ink)
    c.paint(polygon([(0.66, 0.22), (0.8, 0.22), (0.73, 0.15)]), ink)
    c.paint(rect(0.22, 0.6, 0.42, 0.63), PAPER)


def draw_mine(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Crossed pick and hammer.
    c.paint(line((0.28, 0.74), (0.7, 0.3), 0.07), ink)
    c.paint(line((0.72, 0.74), (0.3, 0.3), 0.07), ink)
    pick = [(0.55, 0.22), (0.68, 0.24), (0.78, 0.34), (0.8, 0.45), (0.72, 0.35), (0.62, 0.3)]
    c.paint(polygon(pick), ink)
    c.paint(polygon([(0.2, 0.3), (0.32, 0.18), (0.42, 0.28), (0.3, 0.4)]), ink)


def draw_supply(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Stacked crates.
    for x0, y0 in ((0.2, 0.52), (0.5, 0.52), (0.35, 0.26)):
        c.paint(rect(x0, y0, x0 + 0.28, y0 + 0.24), ink)
        c.paint(line((x0 + 0.05, y0 + 0.05), (x0 + 0.23, y0 + 0.19), 0.03), PAPER)
        c.paint(line((x0 + 0.23, y0 + 0.05), (x0 + 0.05, y0 + 0.19), 0.03), PAPER)


def draw_city(c: Canvas, ink: tuple[int, int, int]) -> None:
    # A cluster of roofs and a tower: the town.
    c.paint(rect(0.26, 0.5, 0.4, 0.72) | polygon([(0.24, 0.5), (0.33, 0.4), (0.42, 0.5)]), ink)
    c.paint(rect(0.43, 0.3, 0.56, 0.72), ink)
    c.paint(rect(0.59, 0.46, 0.75, 0.72) | polygon([(0.57, 0.46), (0.67, 0.36), (0.77, 0.46)]), ink)
    for x, y in ((0.46, 0.36), (0.46, 0.48), (0.46, 0.6)):
        c.paint(rect(x, y, x + 0.07, y + 0.06), PAPER)


def tracks(c: Canvas, ink: tuple[int, int, int], y0: float, y1: float, x0: float, x1: float):
    for y in (y0, y1):
        c.paint(line((x0, y), (x1, y), 0.035), ink)
    n = 6
    for i in range(n):
        x = x0 + 0.03 + (x1 - x0 - 0.06) * i / (n - 1)
        c.paint(line((x, y0 - 0.05), (x, y1 + 0.05), 0.03), ink)


def draw_rail_segment(c: Canvas, ink: tuple[int, int, int]) -> None:
    tracks(c, ink, 0.42, 0.58, 0.2, 0.8)


def draw_yard(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Tracks fanning out from a throat into sidings.
    throat = (0.2, 0.5)
    for y in (0.28, 0.42, 0.58, 0.72):
        c.paint(polyline([throat, (0.42, y), (0.8, y)], 0.045), ink)
    c.paint(line((0.14, 0.5), (0.26, 0.5), 0.05), ink)
    for x in (0.55, 0.68):
        c.paint(rect(x, 0.25, x + 0.09, 0.31) | rect(x, 0.55, x + 0.09, 0.61), ink)


def draw_bridge(c: Canvas, ink: tuple[int, int, int]) -> None:
    # A truss span on two piers.
    c.paint(line((0.14, 0.58), (0.86, 0.58), 0.05), ink)
    c.paint(line((0.2, 0.38), (0.8, 0.38), 0.04), ink)
    xs = [0.2 + 0.12 * i for i in range(6)]
    for a, b in itertools.pairwise(xs):
        c.paint(line((a, 0.58), (b, 0.38), 0.03) | line((a, 0.38), (a, 0.58), 0.03), ink)
    c.paint(line((0.8, 0.38), (0.8, 0.58), 0.03), ink)
    for x in (0.3, 0.7):
        c.paint(rect(x - 0.03, 0.58, x + 0.03, 0.7), ink)


def draw_airfield(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Two crossing runways and the enemy's star.
    c.paint(line((0.22, 0.66), (0.78, 0.34), 0.09), ink)
    c.paint(line((0.3, 0.26), (0.7, 0.74), 0.09), ink)
    c.paint(star((0.5, 0.5), 0.13), PAPER)
    c.paint(star((0.5, 0.5), 0.09), ink)


def star(centre: Pt, r: float) -> Mask:
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.42
        pts.append((centre[0] + rr * math.cos(a), centre[1] + rr * math.sin(a)))
    return polygon(pts)


def draw_dam(c: Canvas, ink: tuple[int, int, int]) -> None:
    # Water held behind a wall.
    c.paint(polygon([(0.24, 0.4), (0.76, 0.4), (0.7, 0.72), (0.3, 0.72)]), ink)
    for y in (0.26, 0.33):
        c.paint(polyline(wave(0.22, 0.78, y, 0.02), 0.035), ink)
    c.paint(rect(0.33, 0.5, 0.67, 0.54), PAPER)


def draw_port(c: Canvas, ink: tuple[int, int, int]) -> None:
    # An anchor.
    c.paint(line((0.5, 0.3), (0.5, 0.74), 0.07), ink)
    ring = circle((0.5, 0.24), 0.08) & ~circle((0.5, 0.24), 0.04)
    c.paint(ring, ink)
    c.paint(line((0.36, 0.4), (0.64, 0.4), 0.06), ink)
    arc = [(0.5 + 0.26 * math.sin(a), 0.5 + 0.24 * math.cos(a))
           for a in np.linspace(-1.45, 1.45, 20)]  # fmt: skip
    c.paint(polyline(arc, 0.07), ink)
    for side in (-1, 1):
        tip = (0.5 + side * 0.27, 0.52)
        c.paint(polygon([tip, (tip[0] - side * 0.08, 0.5), (tip[0] + side * 0.02, 0.42)]), ink)


PICTURES: dict[str, Callable[[Canvas, tuple[int, int, int]], None]] = {
    "hydro_plant": draw_hydro,
    "thermal_plant": draw_thermal,
    "industrial_complex": draw_industry,
    "refinery": draw_refinery,
    "mine": draw_mine,
    "supply_complex": draw_supply,
    "city": draw_city,
    "rail_segment": draw_rail_segment,
    "rail_bridge": draw_bridge,
    "marshalling_yard": draw_yard,
    "airfield": draw_airfield,
    "dam": draw_dam,
    "port": draw_port,
}


def air_base() -> Canvas:
    """Our air bases: a blue disc with a white aircraft, not a target plate."""
    c = Canvas()
    disc = plate("air_base")
    c.outlined(disc, FRIEND, (246, 242, 230), OUTLINE)
    c.paint(dilate(disc, OUTLINE) & ~dilate(disc, OUTLINE * 0.55), INK)
    c.paint(straight_jet(0.7, span=0.86, tip_tanks=False), (246, 242, 230))
    return c


def flak() -> Canvas:
    """A shell burst: a dark puff with spikes, lit at its heart."""
    c = Canvas()
    spikes = []
    for i in range(16):
        a = i * math.pi / 8 + 0.1
        r = 0.42 if i % 2 == 0 else 0.2
        spikes.append((0.5 + r * math.cos(a), 0.5 + r * math.sin(a)))
    puff = polygon(spikes)
    for cx, cy, r in ((0.5, 0.5, 0.22), (0.36, 0.44, 0.14), (0.62, 0.4, 0.15), (0.58, 0.62, 0.15),
                      (0.4, 0.62, 0.13)):  # fmt: skip
        puff |= circle((cx, cy), r)
    c.outlined(puff, (70, 66, 62), (246, 242, 230), 0.035)
    c.paint(dilate(puff, 0.035) & ~dilate(puff, 0.02), INK)
    c.paint(circle((0.5, 0.5), 0.11), (250, 190, 60))
    c.paint(circle((0.5, 0.5), 0.05), (255, 244, 200))
    return c


def mig_marker() -> Canvas:
    """The MiG counter: a light disc (the game tints it) with a MiG-15 on it."""
    c = Canvas()
    c.outlined(circle((0.5, 0.5), 0.43), (246, 242, 236), INK, OUTLINE)
    plane = fit(mig15_shape(), 0.5, 0.5, 0.62)
    c.paint(plane, INK)
    return c


# --------------------------------------------------------------------------- aircraft
# Outlines are right halves, nose (y = 0) to tail (y = 1), x from the centre line 0.5.


def fit(points: Sequence[Pt], cx: float, cy: float, size: float) -> Mask:
    """A unit-box outline scaled to ``size`` and centred on (cx, cy)."""
    return polygon([(cx + (x - 0.5) * size, cy + (y - 0.5) * size) for x, y in points])


def swept(fuselage: float, root: Pt, tip: Pt, tip_chord: float, tail: Pt, tail_tip: Pt,
          nose: float = 0.02, end: float = 0.98) -> list[Pt]:  # fmt: skip
    """A swept-wing jet: wing from ``root`` (y of the leading edge, its chord) out to
    ``tip``; tailplane likewise."""
    w = fuselage
    (ry, rc), (tx, ty) = root, tip
    (sy, sc), (ux, uy) = tail, tail_tip
    half = [
        (0.5, nose),
        (0.5 + w * 0.7, nose + 0.05),
        (0.5 + w, ry),
        (0.5 + tx, ty),
        (0.5 + tx, ty + tip_chord),
        (0.5 + w, ry + rc),
        (0.5 + w * 0.8, sy),
        (0.5 + ux, uy),
        (0.5 + ux, uy + 0.06),
        (0.5 + w * 0.45, sy + sc),
        (0.5 + w * 0.4, end),
    ]
    return mirrored(half)


def f86_shape() -> list[Pt]:
    return swept(0.055, (0.36, 0.2), (0.46, 0.6), 0.09, (0.8, 0.14), (0.19, 0.92))


def mig15_shape() -> list[Pt]:
    # Stubbier than the Sabre, its wing further aft and more sharply swept; a small,
    # high tailplane right at the tail.
    return swept(0.07, (0.4, 0.22), (0.46, 0.68), 0.08, (0.84, 0.1), (0.15, 0.96), 0.05, 0.94)


def straight_jet(length: float = 1.0, span: float = 0.92, tip_tanks: bool = True) -> Mask:
    """F-84 / base-badge shape: straight wing at mid-length, long nose."""
    half = [(0.5, 0.02), (0.545, 0.08), (0.56, 0.38), (0.5 + span / 2, 0.42),
            (0.5 + span / 2, 0.54), (0.56, 0.56), (0.545, 0.8), (0.72, 0.86), (0.72, 0.94),
            (0.52, 0.96), (0.51, 1.0)]  # fmt: skip
    body = fit(mirrored(half), 0.5, 0.5, length)
    if tip_tanks:
        for side in (-1, 1):
            body |= ellipse((0.5 + side * (span / 2) * length, 0.48), 0.035, 0.14)
    return body


def aircraft(shape: Mask, details: Mask | None = None) -> Canvas:
    c = Canvas()
    c.outlined(shape, METAL, INK, 0.03)
    if details is not None:
        c.paint(details & shape, PANEL)
    return c


def canopy(y: float, length: float = 0.08, width: float = 0.03) -> Mask:
    return ellipse((0.5, y), width, length / 2)


def sprite_f86() -> Canvas:
    return aircraft(fit(f86_shape(), 0.5, 0.5, 0.92), canopy(0.24))


def sprite_mig15() -> Canvas:
    return aircraft(fit(mig15_shape(), 0.5, 0.5, 0.92), canopy(0.3))


def sprite_f84() -> Canvas:
    return aircraft(straight_jet(0.92), canopy(0.3))


def sprite_f9f() -> Canvas:
    # The Panther: a shorter, stouter fuselage, wing-root intakes, tip tanks, and a
    # tailplane set high on its fin.
    half = [(0.5, 0.06), (0.55, 0.12), (0.565, 0.36), (0.62, 0.34), (0.94, 0.42),
            (0.94, 0.52), (0.6, 0.56), (0.56, 0.58), (0.545, 0.8), (0.72, 0.84),
            (0.72, 0.92), (0.52, 0.94), (0.51, 0.98)]  # fmt: skip
    body = fit(mirrored(half), 0.5, 0.5, 0.92)
    for side in (-1, 1):
        body |= ellipse((0.5 + side * 0.405, 0.46), 0.04, 0.12)
    return aircraft(body, canopy(0.27))


def sprite_ad() -> Canvas:
    # The Skyraider: a big straight, tapered wing, a fat radial-engined nose and a
    # propeller disc.
    half = [(0.5, 0.1), (0.58, 0.12), (0.59, 0.3), (0.97, 0.4), (0.97, 0.47), (0.59, 0.52),
            (0.55, 0.78), (0.74, 0.82), (0.74, 0.9), (0.52, 0.93), (0.51, 0.97)]  # fmt: skip
    body = fit(mirrored(half), 0.5, 0.5, 0.94)
    prop = ellipse((0.5, 0.1), 0.2, 0.022)
    c = aircraft(body | prop, canopy(0.32, 0.09, 0.035))
    c.paint(ellipse((0.5, 0.1), 0.2, 0.012) & ~ellipse((0.5, 0.1), 0.05, 0.012), PANEL)
    return c.shorten(0.8)  # 15 m across, 12 m long


def engine(x: float, y: float, length: float, width: float) -> Mask:
    return ellipse((x, y), width, length / 2)


def sprite_b29() -> Canvas:
    # The Superfortress: a long round fuselage, a very long, slender tapered wing with
    # four engines, and a big tailplane.
    half = [(0.5, 0.04), (0.535, 0.07), (0.545, 0.3), (0.985, 0.39), (0.985, 0.43),
            (0.545, 0.47), (0.54, 0.8), (0.74, 0.84), (0.74, 0.9), (0.52, 0.93),
            (0.51, 0.97)]  # fmt: skip
    body = fit(mirrored(half), 0.5, 0.5, 0.98)
    nacelles = np.zeros_like(body)
    for x in (0.2, 0.33, 0.67, 0.8):
        nacelles |= engine(x, 0.34, 0.2, 0.028)
    c = aircraft(body | nacelles)
    for x in (0.2, 0.33, 0.67, 0.8):
        c.paint(ellipse((x, 0.255), 0.06, 0.01), PANEL)
    c.paint(ellipse((0.5, 0.075), 0.02, 0.025), PANEL)  # the glazed nose
    return c.shorten(0.72)  # 43 m across, 30 m long


def sprite_b26() -> Canvas:
    # The Invader: a straight wing with two big engine nacelles forward of it, a solid
    # nose and a broad tailplane.
    half = [(0.5, 0.06), (0.545, 0.1), (0.555, 0.34), (0.96, 0.4), (0.96, 0.47),
            (0.555, 0.5), (0.545, 0.8), (0.78, 0.83), (0.78, 0.91), (0.52, 0.94),
            (0.51, 0.98)]  # fmt: skip
    body = fit(mirrored(half), 0.5, 0.5, 0.94)
    nacelles = engine(0.27, 0.38, 0.32, 0.05) | engine(0.73, 0.38, 0.32, 0.05)
    c = aircraft(body | nacelles, canopy(0.22, 0.08, 0.03))
    for x in (0.27, 0.73):
        c.paint(ellipse((x, 0.235), 0.08, 0.012), PANEL)
    return c.shorten(0.76)  # 21 m across, 16 m long


AIRCRAFT_SPRITES: dict[str, Callable[[], Canvas]] = {
    "f84": sprite_f84,
    "f86": sprite_f86,
    "b29": sprite_b29,
    "ad": sprite_ad,
    "f9f": sprite_f9f,
    "b26": sprite_b26,
    "mig15": sprite_mig15,
}


def drawings() -> dict[str, Callable[[], Canvas]]:
    out: dict[str, Callable[[], Canvas]] = {
        kind: (lambda kind=kind, pic=pic: target_sprite(kind, pic))
        for kind, pic in PICTURES.items()
    }
    out.update(AIRCRAFT_SPRITES)
    out["air_base"] = air_base
    out["flak"] = flak
    out["mig_marker"] = mig_marker
    return out


def main() -> None:
    pygame.display.init()
    made = drawings()
    missing = sorted(set(SPRITE_NAMES) - set(made))
    if missing or set(AIRCRAFT) - set(made):
        sys.exit(f"no drawing for: {', '.join(missing)}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in SPRITE_NAMES:
        pygame.image.save(made[name]().image(), str(OUT_DIR / f"{name}.png"))
    print(f"wrote {len(SPRITE_NAMES)} sprites to {OUT_DIR}")


if __name__ == "__main__":
    main()
