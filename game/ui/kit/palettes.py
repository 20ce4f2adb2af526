"""The standard colours and a colour-blind-safe set (Okabe and Ito's eight colours),
switched in place: every reader of ``PAL`` and ``ZONE_COLORS`` sees the change at its
next frame. Pairs that red-green colour blindness confuses (red and orange edges, the
amber-to-red damage ramp, green and red talk states) become pairs that differ in hue
towards blue and in lightness.
"""

from __future__ import annotations

from game.ui.kit.style import PAL
from game.ui.map import icons
from game.ui.map.map_render import ZONE_COLORS

Color = tuple[int, int, int]

ORANGE = (230, 159, 0)
SKY_BLUE = (86, 180, 233)
BLUISH_GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
REDDISH_PURPLE = (204, 121, 167)

COLOUR_BLIND: dict[str, Color] = {
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
COLOUR_BLIND_ZONES: dict[str, tuple[int, int, int, int]] = {
    "mig_alley": (*VERMILLION, 44),
    "border_buffer": (*REDDISH_PURPLE, 60),
    "naval_area": (*BLUE, 40),
    "pow_camp": (*YELLOW, 120),
}

_standard: dict[str, Color] = {}
_standard_zones: dict[str, tuple[int, int, int, int]] = dict(ZONE_COLORS)
_current = {"colour_blind": False}


def colour_blind_on() -> bool:
    return _current["colour_blind"]


def apply_palette(colour_blind: bool) -> bool:
    """Switch to the colour-blind palette or back; True when anything changed."""
    if colour_blind == _current["colour_blind"]:
        return False
    if not _standard:  # remember the standard colours before the first switch
        _standard.update({name: getattr(PAL, name) for name in vars(PAL) if name.isupper()})
    values = COLOUR_BLIND if colour_blind else _standard
    for name, colour in values.items():
        setattr(PAL, name, colour)
    ZONE_COLORS.update(COLOUR_BLIND_ZONES if colour_blind else _standard_zones)
    _current["colour_blind"] = colour_blind
    icons.forget_icons()
    return True
