"""Point-in-zone tests agree, whichever way they are computed."""

from __future__ import annotations

import numpy as np

from game.core.geometry import point_in_polygon
from game.data.maps import load_map
from game.data.scenario import MAPS_DIR


def test_the_vectorised_ring_test_agrees_with_the_plain_one_on_the_real_borders() -> None:
    geometry = load_map(MAPS_DIR / "korea.tmx")
    rng = np.random.default_rng(0)
    for zone_id in ("manchuria", "ussr", "yalu_buffer", "mig_alley"):
        zone = geometry.features[zone_id]
        x0, y0, x1, y1 = zone.bounds
        points = rng.uniform((x0, y0), (x1, y1), size=(400, 2))
        inside = 0
        for x, y in points:
            expected = point_in_polygon((x, y), zone.points)
            assert zone.contains((x, y)) == expected, (zone_id, x, y)
            inside += expected
        assert 0 < inside < 400  # the sample tested both sides of the border
