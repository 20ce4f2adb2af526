"""The causes of the meter's move in plain words, as intelligence estimates them.

The Pressure tab and the turn report both read the player's view: each cause's
estimated points with its error, never the true figures.
"""

from __future__ import annotations

from game.ui.kit.style import Palette
from game.ui.kit.words import esc

CAUSE_NAMES: dict[str, str] = {
    "pressure_power": "Power destroyed",
    "pressure_industry": "Industry destroyed",
    "pressure_supply": "Supply cut",
    "pressure_cities": "Towns destroyed",
    "pressure_food": "Rice lost",
    "pressure_air": "MiGs lost",
    "pressure_front": "Losses at the front",
    "time": "Time: resolve not yet broken",
    "talks": "The talks (recess, walk-out)",
    "face": "Loss of face (publicised)",
    "opinion": "World opinion",
    "events": "Events",
    "limits": "The meter at its limit",
    "revision": "Revised from agents' reports",
}
SHOWN_BELOW = 0.05  # causes estimated smaller than this (points) are left out


def cause_name(cause: str) -> str:
    return CAUSE_NAMES.get(cause, cause.replace("_", " ").capitalize())


def ordered(causes: dict[str, tuple[float, float]]) -> list[tuple[str, float, float]]:
    """The causes worth a line, largest first (pushes and pulls alike)."""
    rows = [(c, p, e) for c, (p, e) in causes.items() if abs(p) >= SHOWN_BELOW]
    return sorted(rows, key=lambda row: (-abs(row[1]), row[0]))


def signed(points: float, decimals: int = 1) -> str:
    return f"{points:+.{decimals}f}".replace("-", "−")


def cause_line(cause: str, points: float, error: float, *, pal: Palette) -> str:
    """``Power destroyed: +0.4 ± 0.2``, green for a push toward terms, red for a pull."""
    colour = pal.html("GOOD") if points > 0 else pal.html("DANGER")
    return (
        f"{esc(cause_name(cause))}: <font color='{colour}'><b>{signed(points)}</b></font>"
        f" ± {error:.1f}"
    )


def summed(turns: tuple[dict[str, tuple[float, float]], ...]) -> dict[str, tuple[float, float]]:
    """Several turns' estimates added up; independent errors add in quadrature."""
    total: dict[str, tuple[float, float]] = {}
    for turn in turns:
        for cause, (points, error) in turn.items():
            p, e = total.get(cause, (0.0, 0.0))
            total[cause] = (p + points, (e * e + error * error) ** 0.5)
    return total
