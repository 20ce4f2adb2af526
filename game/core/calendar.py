"""The real calendar: moon phase from the date and the weather of a day."""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum

import numpy as np

# A new moon, 2000-01-06 18:14 UT, and the mean synodic month.
_REFERENCE_NEW_MOON = date(2000, 1, 6).toordinal() + 18.23 / 24
SYNODIC_MONTH_DAYS = 29.530588853


def moon_age_days(day: date) -> float:
    """Days since the last new moon (0 = new, ~14.8 = full)."""
    return (day.toordinal() + 0.5 - _REFERENCE_NEW_MOON) % SYNODIC_MONTH_DAYS


def moon_illumination(day: date) -> float:
    """Illuminated fraction of the moon's disc at local midnight, 0 (new) to 1 (full)."""
    phase = 2 * math.pi * moon_age_days(day) / SYNODIC_MONTH_DAYS
    return (1 - math.cos(phase)) / 2


def moon_phase_name(day: date) -> str:
    age = moon_age_days(day)
    names = (
        "new moon",
        "waxing crescent",
        "first quarter",
        "waxing gibbous",
        "full moon",
        "waning gibbous",
        "last quarter",
        "waning crescent",
    )
    return names[int((age / SYNODIC_MONTH_DAYS) * 8 + 0.5) % 8]


class Weather(StrEnum):
    CLEAR = "clear"
    OVERCAST = "overcast"
    STORM = "storm"


WEATHER_ORDER = (Weather.CLEAR, Weather.OVERCAST, Weather.STORM)


def draw_weather(
    rng: np.random.Generator, month_odds: dict[int, tuple[float, float, float]], day: date
) -> Weather:
    """One region's weather for a day, from the scenario's monthly odds (clear, overcast, storm)."""
    odds = month_odds.get(day.month, (0.6, 0.3, 0.1))
    total = sum(odds)
    roll = rng.random() * total
    for kind, p in zip(WEATHER_ORDER, odds, strict=True):
        if roll < p:
            return kind
        roll -= p
    return Weather.STORM
