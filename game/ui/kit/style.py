"""One visual style: the theme file for pygame_gui, and the same palette and fonts for
what the interface draws itself (map, gauges, tooltips)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

import pygame

THEME_PATH = Path(__file__).with_name("theme.json")
MIN_SIZE = (1280, 720)

Color = tuple[int, int, int]
ColorA = tuple[int, int, int, int]
# The zones' colours on the standard map (a zone's edge is the same hue, more opaque).
STANDARD_ZONES: tuple[tuple[str, ColorA], ...] = (
    ("mig_alley", (170, 60, 40, 36)),
    ("border_buffer", (120, 70, 110, 46)),
    ("neutral_zone", (245, 245, 240, 150)),
    ("naval_area", (40, 70, 140, 34)),
    ("sanctuary", (90, 90, 90, 26)),
    ("pow_camp", (200, 150, 40, 110)),
)
UNKNOWN_ZONE: ColorA = (80, 80, 80, 40)


def _hex(value: str) -> Color:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


@cache
def _theme_colours() -> dict[str, Color]:
    data = json.loads(THEME_PATH.read_text(encoding="utf-8"))
    return {k: _hex(v) for k, v in data["defaults"]["colours"].items()}


@dataclass(frozen=True)
class Palette:
    """Colours named for their use; the basic ones come from the theme file. A value:
    the app holds the one in use and hands it to what draws, and the caches of drawn
    pictures are keyed by it (it is hashable)."""

    WINDOW: Color = (24, 30, 34)
    PANEL: Color = (32, 39, 44)
    PANEL_EDGE: Color = (77, 81, 71)
    TEXT: Color = _theme_colours()["normal_text"]
    MUTED: Color = (184, 171, 135)
    ACCENT: Color = (216, 194, 122)
    DANGER: Color = (206, 110, 88)
    GOOD: Color = (140, 170, 110)
    BAR_BG: Color = (22, 27, 31)
    TOOLTIP: Color = (20, 26, 30)
    SEA: Color = (150, 170, 178)
    # After-action charts: one hue per series, told apart by shape too (markers, dashes).
    SERIES_METER: Color = (230, 159, 0)
    SERIES_OPINION: Color = (86, 180, 233)
    SERIES_PATIENCE: Color = (0, 178, 130)
    SERIES_POWER: Color = (240, 228, 66)
    SERIES_SUPPLY: Color = (120, 150, 235)
    SERIES_LOSSES: Color = (225, 110, 40)
    SERIES_CASUALTIES: Color = (214, 135, 180)
    SERIES_ESTIMATE: Color = (205, 205, 195)  # the planner's estimate beside the truth
    CHART_GRID: Color = (52, 60, 64)
    CHART_AXIS: Color = (110, 114, 100)
    # Map and gauge colours; the colour-blind palette (game.ui.kit.palettes) has others.
    FLAK: Color = (226, 92, 40)
    FORBID: Color = (200, 40, 30)
    BURDEN: Color = (226, 150, 40)
    RAIL_DAMAGED: Color = (200, 130, 30)
    RAIL_CUT: Color = (190, 30, 24)
    DAMAGE_LOW: Color = (226, 164, 60)
    DAMAGE_HIGH: Color = (150, 24, 20)
    GAUGE_OPINION: Color = (120, 150, 170)
    GAUGE_PATIENCE: Color = (150, 160, 110)
    RESULT: Color = (255, 170, 60)  # a strike's flash and damage during the turn's replay
    INCIDENT: Color = (230, 70, 60)
    LOSS: Color = (236, 120, 96)
    # The map's zones: (kind, RGBA) in the order the map draws them.
    ZONES: tuple[tuple[str, ColorA], ...] = STANDARD_ZONES

    @cached_property
    def _hash(self) -> int:
        return hash(tuple(vars(self)[f.name] for f in fields(self)))

    def __hash__(self) -> int:  # worked out once: a palette keys caches looked up each frame
        return self._hash

    def zone(self, kind: str) -> ColorA:
        """A zone kind's fill colour (a grey for a kind the palette does not know)."""
        return next((c for k, c in self.ZONES if k == kind), UNKNOWN_ZONE)

    def colour(self, name: str) -> Color:
        """A colour by its field's name, e.g. ``"DANGER"``."""
        value = getattr(self, name)
        if name == "ZONES" or not isinstance(value, tuple):
            raise KeyError(name)
        return value

    def html(self, name: str) -> str:
        """A colour for pygame_gui's HTML (``#rrggbb``)."""
        r, g, b = self.colour(name)
        return f"#{r:02x}{g:02x}{b:02x}"


STANDARD = Palette()


def _font_file(bold: bool, italic: bool) -> str:
    name = (
        "NotoSans-"
        + {
            (False, False): "Regular",
            (True, False): "Bold",
            (False, True): "Italic",
            (True, True): "BoldItalic",
        }[(bold, italic)]
    )
    return str(resources.files("pygame_gui.data") / f"{name}.ttf")


def korean_font_files() -> tuple[str, str] | None:
    """The Hangul typeface shipped with pygame_gui (regular, bold), or None where this
    install lacks it: Noto Sans has no Hangul, so the names are then left out."""
    data = resources.files("pygame_gui.data")
    files = (data / "NotoSansKR-Regular.ttf", data / "NotoSansKR-Bold.ttf")
    return (str(files[0]), str(files[1])) if all(f.is_file() for f in files) else None


@cache
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """The theme's typeface (Noto Sans, shipped with pygame_gui) for custom drawing."""
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(_font_file(bold, italic), size)


@lru_cache(maxsize=512)
def text(
    words: str, size: int, colour: Color, *, bold: bool = False, italic: bool = False
) -> pygame.Surface:
    """``words`` rendered once in the theme's typeface: a line drawn every frame (the
    status bar, the desk's heading) is not rendered again each time. Blit it, never
    draw on it: the same picture is handed to every caller."""
    return font(size, bold, italic).render(words, True, colour)


def preload_fonts() -> list[dict[str, str | int | float]]:
    """Font styles the HTML text boxes use, so pygame_gui does not warn or stall."""
    out: list[dict[str, str | int | float]] = []
    for size in (12, 14, 15, 16, 18, 24):
        for style in ("regular", "bold", "italic", "bold_italic"):
            out.append({"name": "noto_sans", "point_size": size, "style": style})
    return out


@lru_cache(maxsize=256)  # the status bar asks each frame
def fitted(text: str, fnt: pygame.font.Font, width: int) -> str:
    """``text``, cut with "…" where it would be wider than ``width`` pixels."""
    if fnt.size(text)[0] <= width:
        return text
    while len(text) > 1 and fnt.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if fnt.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines
