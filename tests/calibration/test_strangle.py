"""Operation Strangle, 1951-52, against the record, and with interdiction dropped (GAME.md §9).

Twenty-four seeds per variant, spread over the machine's cores.
"""

from __future__ import annotations

import pytest

from game.calibration.common import CheckResult
from game.calibration.strangle import strangle_checks

pytestmark = pytest.mark.slow  # calibration: many seeded campaigns


@pytest.fixture(scope="module")
def checks() -> dict[str, CheckResult]:
    return {c.name: c for c in strangle_checks(runs=24)}


def test_every_strangle_target_is_checked(checks: dict[str, CheckResult]) -> None:
    assert len(checks) == 5


@pytest.mark.parametrize(
    "name",
    [
        "Strangle, historical: rail cuts over the campaign",
        "Strangle, historical: aircraft lost",
        "Strangle, historical: mean weekly front supply (%)",
        "Strangle, no interdiction: artillery after 13 weeks (x start)",
        "Strangle, historical: ends by time out (%)",
    ],
)
def test_strangle_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) outside {check.band}"
    )
