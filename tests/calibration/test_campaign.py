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


STRATEGIES = ("historical", "minimal", "interdiction", "greedy", "balanced", "towns_spared")
NAMES = [
    "Campaign, historical: armistice reached",
    "Campaign, historical: armistice date (days from 27 July 1953)",
    "Campaign, historical: spread of armistice dates (interquartile days)",
    *[f"Campaign, {p}: share of armistices on its most common date (%)" for p in STRATEGIES],
    "Campaign, historical: main cities half destroyed",
    "Campaign, historical: the player's pressure in the meter's gains (%)",
    "Interdiction, historical effort: rail cuts in 26 weeks",
    "Interdiction, historical effort: front supply, weeks 5-26 (%)",
    "Interdiction, three times the effort: front supply, weeks 5-26 (%)",
    "No interdiction: enemy artillery fire after 13 weeks (x start)",
    "Minimal planner: armistice rate (%)",
    "More pressure from the start (balanced): median end of the war (days after the historical plan's)",
    "Stalin lives: median end of the war (days after the historical plan's)",
    "Sparing the towns: median end of the war (days after the historical plan's)",
    "Greedy planner: recalled (%)",
    "Balanced planner: median score",
]


def test_every_campaign_target_is_checked(checks: dict[str, CheckResult]) -> None:
    assert sorted(checks) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_campaign_target(checks: dict[str, CheckResult], name: str) -> None:
    check = checks[name]
    assert check.passed, (
        f"{name}: {check.median:.1f} (p10 {check.p10:.1f}, p90 {check.p90:.1f}) outside {check.band}"
    )
