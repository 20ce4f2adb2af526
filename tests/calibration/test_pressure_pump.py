"""Operation Pressure Pump against the record and its counterfactuals, over 50 seeds."""

from __future__ import annotations

import pytest

from game.calibration import CheckResult
from game.calibration.pressure_pump import pressure_pump_checks

pytestmark = pytest.mark.slow  # calibration: many seeded campaigns


@pytest.fixture(scope="module")
def checks() -> dict[str, CheckResult]:
    return {c.name: c for c in pressure_pump_checks(runs=50)}


@pytest.mark.parametrize(
    "name",
    [
        "Pressure Pump: installations damaged %",
        "Pressure Pump: aircraft lost by day",
        "Pressure Pump: B-29s lost at night",
        "Pressure Pump: civilian casualties",
        "Pressure Pump, no warning: civilian casualties",
        "Pressure Pump, half the sorties: installations %",
    ],
)
def test_pressure_pump_calibration_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: median {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) "
        f"outside {check.band}"
    )
