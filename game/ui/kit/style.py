"""One visual style: the theme file for pygame_gui, and the same palette and fonts for
what the interface draws itself (map, gauges, tooltips)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import pygame

THEME_PATH = Path(__file__).with_name("theme.json")
MIN_SIZE = (1280, 720)

Color = tuple[int, int, int]


def _hex(value: str) -> Color:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


@cache
def _theme_colours() -> dict[str, Color]:
    data = json.loads(THEME_PATH.read_text(encoding="utf-8"))
    return {k: _hex(v) for k, v in data["defaults"]["colours"].items()}


class Palette:
    """Colours named for their use; the basic ones come from the theme file."""

    WINDOW = (24, 30, 34)
    PANEL = (32, 39, 44)
    PANEL_EDGE = (77, 81, 71)
    TEXT = _theme_colours()["normal_text"]
    MUTED = (184, 171, 135)
    ACCENT = (216, 194, 122)
    DANGER = (206, 110, 88)
    GOOD = (140, 170, 110)
    BAR_BG = (22, 27, 31)
    TOOLTIP = (20, 26, 30)
    SEA = (150, 170, 178)
    # After-action charts: one hue per series, told apart by shape too (markers, dashes).
    SERIES_METER = (230, 159, 0)
    SERIES_OPINION = (86, 180, 233)
    SERIES_PATIENCE = (0, 178, 130)
    SERIES_POWER = (240, 228, 66)
    SERIES_SUPPLY = (120, 150, 235)
    SERIES_LOSSES = (225, 110, 40)
    SERIES_CASUALTIES = (214, 135, 180)
    SERIES_ESTIMATE = (205, 205, 195)  # the planner's estimate beside the truth
    CHART_GRID = (52, 60, 64)
    CHART_AXIS = (110, 114, 100)
    # Map and gauge colours; the colour-blind palette (game.ui.kit.palettes) replaces them.
    FLAK = (226, 92, 40)
    FORBID = (200, 40, 30)
    BURDEN = (226, 150, 40)
    RAIL_DAMAGED = (200, 130, 30)
    RAIL_CUT = (190, 30, 24)
    DAMAGE_LOW = (226, 164, 60)
    DAMAGE_HIGH = (150, 24, 20)
    GAUGE_OPINION = (120, 150, 170)
    GAUGE_PATIENCE = (150, 160, 110)
    RESULT = (255, 170, 60)  # a strike's flash and damage during the turn's replay
    INCIDENT = (230, 70, 60)
    LOSS = (236, 120, 96)


PAL = Palette  # the class itself: switching palettes sets its attributes in place


def html_colour(name: str) -> str:
    """A palette colour for pygame_gui's HTML (``#rrggbb``), read when the text is made."""
    r, g, b = getattr(PAL, name)
    return f"#{r:02x}{g:02x}{b:02x}"


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


def preload_fonts() -> list[dict[str, str | int | float]]:
    """Font styles the HTML text boxes use, so pygame_gui does not warn or stall."""
    out: list[dict[str, str | int | float]] = []
    for size in (12, 14, 15, 16, 18, 24):
        for style in ("regular", "bold", "italic", "bold_italic"):
            out.append({"name": "noto_sans", "point_size": size, "style": style})
    return out


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
