"""The 1952-53 campaign against the record, and the other planners' outcomes (GAME.md §9).

Thirty seeds per planner and variant, spread over the machine's cores.
"""

from __future__ import annotations

import pytest

from game.calibration.campaign import campaign_checks
from game.calibration.common import CheckResult

pytestmark = pytest.mark.slow  # calibration: many seeded campaigns


@pytest.fixture(scope="module")
def checks() -> dict[str, CheckResult]:
    return {c.name: c for c in campaign_checks(runs=30)}


def test_every_campaign_target_is_checked(checks: dict[str, CheckResult]) -> None:
    assert len(checks) == 10


@pytest.mark.parametrize(
    "name",
    [
        "Campaign, historical: armistice reached",
        "Campaign, historical: armistice date (days from 27 July 1953)",
        "Campaign, historical: main cities half destroyed",
        "Interdiction, historical effort: rail cuts in 26 weeks",
        "Interdiction, historical effort: front supply, weeks 5-26 (%)",
        "Interdiction, three times the effort: front supply, weeks 5-26 (%)",
        "No interdiction: enemy artillery fire after 13 weeks (x start)",
        "Minimal planner: armistice rate (%)",
        "Greedy planner: recalled (%)",
        "Balanced planner: median score",
    ],
)
def test_campaign_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) outside {check.band}"
    )
