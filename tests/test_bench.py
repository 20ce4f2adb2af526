"""The benchmark command prints every figure the performance issue names, as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the whole benchmark

ROOT = Path(__file__).resolve().parents[1]
TIMINGS = [
    "startup_first_frame_ms",
    "scenario_load_ms",
    "frame_720p_ms",
    "frame_1080p_ms",
    "blit_720p_ms",
    "blit_1080p_ms",
    "zoom_change_ms",
    "scroll_frame_ms",
    "turn_ms",
    "campaign_s",
    "forecast_1000_ms",
    "max_frame_while_busy_ms",
    "frame_gap_while_busy_ms",
]


def test_bench_json_has_every_measure_with_median_p95_and_max() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run(
        [sys.executable, "main.py", "bench", "--quick", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    for key in TIMINGS:
        figure = results[key]
        assert set(figure) == {"median", "p95", "max"}, key
        assert 0 < figure["median"] <= figure["p95"] <= figure["max"], key
    assert results["idle_cpu_pct"] >= 0
    assert results["peak_rss_mb"] > 10
    # The baseline is measured in the same run: a bare blit is cheaper than a full frame.
    assert results["blit_720p_ms"]["median"] < results["frame_720p_ms"]["median"]
