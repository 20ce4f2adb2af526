"""The irrigation dams of 1953 against the record and its counterfactuals, over 30 seeds."""

from __future__ import annotations

import pytest

from game.calibration import CheckResult
from game.calibration.dams import dams_checks

pytestmark = pytest.mark.slow  # calibration: many seeded campaigns


@pytest.fixture(scope="module")
def checks() -> dict[str, CheckResult]:
    return {c.name: c for c in dams_checks(runs=30)}


@pytest.mark.parametrize(
    "name",
    [
        "Dams: Toksan struck before the lowering floods",
        "Dams: Kuwonga struck after the lowering",
        "Dams, Kuwonga struck on 13-14 May: floods",
        "Dams: days to close Toksan again",
        "Dams, 2,000 labourers on it: days to close Toksan",
        "Dams, 2,000 labourers in all: days to close Toksan",
        "Dams, 8,000 labourers on it: days to close Toksan",
    ],
)
def test_dams_calibration_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: median {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) "
        f"outside {check.band}"
    )
