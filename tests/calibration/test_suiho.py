"""The Suiho raids against the record and its counterfactuals, over 50 seeds (GAME.md §9)."""

from __future__ import annotations

import pytest

from game.calibration import CheckResult
from game.calibration.raids_1952 import suiho_checks

pytestmark = pytest.mark.slow  # calibration: many seeded campaigns


@pytest.fixture(scope="module")
def checks() -> dict[str, CheckResult]:
    return {c.name: c for c in suiho_checks(runs=50)}


@pytest.mark.parametrize(
    "name",
    [
        "Suiho: power destroyed",
        "Suiho: spread of power destroyed",
        "Suiho: aircraft lost",
        "Suiho, half the strike sorties: power destroyed",
        "Suiho, no flak suppression: aircraft lost",
    ],
)
def test_suiho_calibration_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: median {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) "
        f"outside {check.band}"
    )
