"""The standard colours and a colour-blind-safe set (Okabe and Ito's eight colours), as
two :class:`~game.ui.kit.style.Palette` values: the app holds the one the settings ask
for and hands it to what draws. Pairs that red-green colour blindness confuses (red and
orange edges, the amber-to-red damage ramp, green and red talk states) become pairs
that differ in hue towards blue and in lightness.
"""

from __future__ import annotations

from dataclasses import replace

from game.ui.kit.style import STANDARD, ColorA, Palette

Color = tuple[int, int, int]

ORANGE = (230, 159, 0)
SKY_BLUE = (86, 180, 233)
BLUISH_GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
REDDISH_PURPLE = (204, 121, 167)

COLOUR_BLIND_COLOURS: dict[str, Color] = {
    "GOOD": SKY_BLUE,
    "DANGER": (236, 128, 40),  # an orange light enough to read on the dark panels
    "FLAK": SKY_BLUE,
    "FORBID": VERMILLION,
    "BURDEN": YELLOW,
    "RAIL_DAMAGED": ORANGE,
    "RAIL_CUT": BLUE,
    "DAMAGE_LOW": YELLOW,  # light to dark: readable by lightness alone
    "DAMAGE_HIGH": (20, 60, 150),
    "GAUGE_OPINION": SKY_BLUE,
    "GAUGE_PATIENCE": BLUISH_GREEN,
    "RESULT": ORANGE,
    "INCIDENT": REDDISH_PURPLE,
    "LOSS": SKY_BLUE,
    # The charts' series are Okabe-Ito hues already; these are the ones that were not.
    "SERIES_PATIENCE": BLUISH_GREEN,
    "SERIES_SUPPLY": BLUE,
    "SERIES_LOSSES": VERMILLION,
    "SERIES_CASUALTIES": REDDISH_PURPLE,
}
COLOUR_BLIND_ZONES: dict[str, ColorA] = {
    "mig_alley": (*VERMILLION, 44),
    "border_buffer": (*REDDISH_PURPLE, 60),
    "naval_area": (*BLUE, 40),
    "pow_camp": (*YELLOW, 120),
}

COLOUR_BLIND: Palette = replace(
    STANDARD,
    **COLOUR_BLIND_COLOURS,
    ZONES=tuple((kind, COLOUR_BLIND_ZONES.get(kind, c)) for kind, c in STANDARD.ZONES),
)


def palette_for(colour_blind: bool) -> Palette:
    """The palette the colour-blind setting asks for."""
    return COLOUR_BLIND if colour_blind else STANDARD
