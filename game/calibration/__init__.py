"""Every calibration target of GAME.md §9, by name."""

from __future__ import annotations

from collections.abc import Callable

from game.calibration.campaign import campaign_checks
from game.calibration.common import CheckResult
from game.calibration.dams import dams_checks
from game.calibration.pressure_pump import pressure_pump_checks
from game.calibration.raids_1952 import namsi_checks, suiho_checks
from game.calibration.strangle import strangle_checks

ALL_CHECKS: dict[str, Callable[[int], list[CheckResult]]] = {
    "suiho": suiho_checks,
    "namsi": lambda runs: namsi_checks(max(runs, 100)),
    "campaign": campaign_checks,
    "pressure_pump": pressure_pump_checks,
    "dams": dams_checks,
    "strangle": strangle_checks,
}

__all__ = ["ALL_CHECKS", "CheckResult"]
