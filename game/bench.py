"""``python main.py bench``: how fast the game is, measured, with baselines in the same run.

Each timing is repeated and reported as median, 95th percentile and maximum. The
window's figures use the dummy video driver, so they measure the game's drawing, not
the display's. Run it on a quiet machine: other processes inflate every figure.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from game.timing import summarise, timed

ROOT = Path(__file__).resolve().parents[1]
MID_CAMPAIGN_SAVE = ROOT / "tests" / "fixtures" / "mid_campaign_1952.json"


def bench_rules(quick: bool = False) -> dict[str, Any]:
    """Loading, a turn, a whole campaign and the forecast: no window needed."""
    from game.core.forecast import forecast
    from game.core.intel import player_view
    from game.core.planners import PLANNERS
    from game.core.summary import play
    from game.core.turn import run_turn
    from game.data.scenario import find_scenario, load_rules
    from game.save import load_save

    source = find_scenario("campaign_1952")
    out: dict[str, Any] = {}
    out["scenario_load_ms"] = timed(lambda: load_rules(source, "normal"), 3 if quick else 10)
    rules = load_rules(source, "normal")

    record = load_save(MID_CAMPAIGN_SAVE, rules, allow_changed_scenario=True)
    orders = PLANNERS["historical"](rules, player_view(rules, record.state))
    state = record.state
    seeds = iter(range(10_000))
    out["turn_ms"] = timed(
        lambda: run_turn(rules, state, orders, np.random.default_rng(next(seeds))),
        5 if quick else 30,
    )
    out["campaign_s"] = timed(
        lambda: play(rules, "historical", next(seeds)), 1 if quick else 5, scale=1.0
    )
    view = player_view(rules, state)
    suiho = load_rules(find_scenario("suiho_1952"), "normal")
    from game.core.turn import new_game

    suiho_view = player_view(suiho, new_game(suiho))
    suiho_orders = PLANNERS["historical"](suiho, suiho_view)
    forecasts = [
        lambda: forecast(rules, view, orders, np.random.default_rng(next(seeds))),
        lambda: forecast(suiho, suiho_view, suiho_orders, np.random.default_rng(next(seeds))),
    ]
    # The heavier of a campaign week and the Suiho day, each with 1,000 replications.
    runs = [timed(f, 3 if quick else 15) for f in forecasts]
    out["forecast_1000_ms"] = max(runs, key=lambda r: r["median"])
    return out


def startup_first_frame_ms(repeat: int) -> dict[str, float]:
    """From launching ``python main.py`` to the title screen's first drawn frame."""
    samples = []
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "AIR_PRESSURE_EXIT_AFTER_FIRST_FRAME": "1",
    }
    for _ in range(repeat):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "game"],
            cwd=ROOT,  # the folder holding the game package, in a clone or installed
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        stamp = [ln for ln in done.stdout.splitlines() if ln.startswith("first-frame ")]
        if done.returncode != 0 or not stamp:
            raise RuntimeError(f"the game did not draw a frame: {done.stderr[-500:]}")
        samples.append((float(stamp[-1].split()[1]) - start) * 1000)
    return summarise(samples)


def peak_rss_mb() -> float:
    """The largest resident size of this process so far (Linux reports kilobytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / 1024 if sys.platform != "darwin" else peak / 2**20, 1)


def run(quick: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["startup_first_frame_ms"] = startup_first_frame_ms(2 if quick else 5)
    out.update(bench_rules(quick))
    from game.ui.bench_frames import bench_window

    out.update(bench_window(quick))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def report(results: dict[str, Any]) -> str:
    lines = [f"{'measure':28} {'median':>10} {'p95':>10} {'max':>10}"]
    for key, value in results.items():
        if isinstance(value, dict):
            lines.append(
                f"{key:28} {value['median']:10.2f} {value['p95']:10.2f} {value['max']:10.2f}"
            )
        else:
            lines.append(f"{key:28} {value:10.2f}")
    blit = results.get("blit_720p_ms", {}).get("median")
    frame = results.get("frame_720p_ms", {}).get("median")
    if blit and frame:
        lines.append(f"planning frame / bare blit at 1280x720: {frame / blit:.1f}x")
    return "\n".join(lines)


def main(as_json: bool, quick: bool) -> int:
    if not MID_CAMPAIGN_SAVE.is_file():  # an installed game has no tests folder
        print(f"error: bench runs in a clone of the source: {MID_CAMPAIGN_SAVE} not found")
        return 1
    results = run(quick)
    print(json.dumps(results) if as_json else report(results))
    return 0
