"""The names of the pictures the game reads from ``assets/sprites/``; a scenario's own
``sprites/<name>.png`` replaces the one of the same name. Kept apart from the interface
so that ``validate`` can check a scenario's sprites without loading pygame."""

from __future__ import annotations

from game.core.targets import TARGET_KINDS

AIRCRAFT = ("f84", "f86", "b29", "ad", "f9f", "b26", "mig15")
MARKERS = ("air_base", "flak", "mig_marker")
SPRITE_NAMES = (*TARGET_KINDS, *MARKERS, *AIRCRAFT)
