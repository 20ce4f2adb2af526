"""Daylight B-29s in MiG Alley are ruinous; the same raid in the dark of the moon is not."""

from __future__ import annotations

import numpy as np
import pytest

from game.calibration.raids_1952 import namsi_raid_losses

pytestmark = pytest.mark.slow  # calibration: many seeded raids


def test_namsi_daylight_raid_loses_a_fifth_to_nearly_half() -> None:
    mean = float(np.mean(namsi_raid_losses(night=False, runs=300)))
    assert 20 <= mean <= 45


def test_namsi_raid_at_night_in_the_dark_of_the_moon_loses_under_five_percent() -> None:
    mean = float(np.mean(namsi_raid_losses(night=True, runs=300)))
    assert mean < 5
