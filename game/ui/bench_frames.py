"""The window's share of ``python main.py bench``: frames, zooms, busy frames, idle CPU.

Runs with the dummy video driver. The planning scene is drawn with every widget and
overlay (zones, legend, rail, front, targets) while the map scrolls, against a bare
full-window blit measured in the same run.
"""

from __future__ import annotations

import gc
import os
import time
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.core.orders import TurnOrders
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.settings import Settings
from game.timing import summarise, timed
from game.ui.app import IDLE_WAIT_MS, App, wait_for_input
from game.ui.desk.forecasting import Forecaster
from game.ui.map.map_cache import Terrains
from game.ui.offload import Offload
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession


def _planning(app: App, scenario: str = "campaign_1952") -> PlanningScene:
    rules = load_rules(find_scenario(scenario), "normal")
    scene = PlanningScene(app, GameSession.start(rules))
    app.to_title()
    app.push(scene)
    scene.map.show_zones = True
    scene.show_legend = True
    app.draw()
    return scene


def _frames_while_scrolling(app: App, scene: PlanningScene, count: int) -> dict[str, float]:
    step = [12.0, 7.0]

    def frame() -> None:
        scene.map.scroll(step[0], step[1])
        if abs(scene.map.offset[0]) > 600:
            step[0] = -step[0]
        if abs(scene.map.offset[1]) > 900:
            step[1] = -step[1]
        app.draw()

    return timed(frame, count)


def _bare_blit(app: App, count: int) -> dict[str, float]:
    picture = app.screen.copy()

    def frame() -> None:
        app.screen.blit(picture, (0, 0))
        pygame.display.flip()

    return timed(frame, count)


def _zoom_changes(app: App, scene: PlanningScene, repeat: int) -> dict[str, float]:
    samples = []
    centre = scene.map.rect.center
    for _ in range(repeat):
        app.maps.forget_zooms()
        scene.map.zoom_index = 0
        for steps in (1, 1, 1, 1, 1):
            start = time.perf_counter()
            scene.map.zoom_at(centre, steps)
            app.draw()
            samples.append((time.perf_counter() - start) * 1000)
    return summarise(samples)


def _frames_while_busy(app: App, scene: PlanningScene, seconds: float) -> dict[str, Any]:
    """Frames drawn while enemy turns and forecasts compute one after another, handed
    off as End Turn and the Forecast tab hand them (to the worker process, started as
    the planning desk opens it).

    A frame's time is what the window spends on it: input, the game's bookkeeping and
    drawing, not the pause the loop takes to hold its pace (30 frames a second while
    nothing is touched). The gap between frames, pause included, is given apart.
    """
    rules = scene.session.rules
    app.worker.wait_ready()
    game = GameSession.start(rules)
    game.autosave_enabled = False
    forecaster = Forecaster(rules, app.worker, debounce_s=0.0)
    plans = [PLANNERS["historical"](rules, game.view), TurnOrders()]
    work, gaps = [], []
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    while time.perf_counter() < end:
        if game.over:
            game = GameSession.start(rules)
            game.autosave_enabled = False
        if not game.busy:
            plans[0] = PLANNERS["historical"](rules, game.view)  # the player's planning
        start = time.perf_counter()
        if game.collect() is None and not game.busy:
            game.fly(plans[0], app.worker)
        if not forecaster.poll():
            plans.reverse()  # another plan: the forecast runs again
            forecaster.want(game.view, plans[0])
        scene.map.scroll(5, 3)
        app.step([])
        app.draw()
        now = time.perf_counter()
        paused = max(0, app.clock.get_time() - app.clock.get_rawtime())  # the pacing's
        work.append((now - start) * 1000 - paused)
        gaps.append((now - last) * 1000)
        last = now
    while game.busy and game.collect() is None:
        time.sleep(0.01)
    forecaster.wait()
    return {"max_frame_while_busy_ms": summarise(work), "frame_gap_while_busy_ms": summarise(gaps)}


def _idle_cpu_pct(app: App, seconds: float) -> float:
    """CPU used by the running loop while nothing changes, in percent of one core.

    The loop first finishes what the last input started (hover fades), then is left
    alone: that quiet stretch is what is measured.
    """
    settle = time.perf_counter() + 3.0
    app.step()  # take what the window has queued (shown, focus) before measuring
    while time.perf_counter() < settle and not app.idle():
        app.step()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    end = wall0 + seconds
    while time.perf_counter() < end:
        if app.idle():
            app.step(wait_for_input(IDLE_WAIT_MS))
        else:
            app.step([])
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return round(100 * cpu / wall, 2)


def bench_window(quick: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    frames = 30 if quick else 120
    # One worker and one set of terrain pictures for both windows, as one game has.
    worker, terrains = Offload(), Terrains()
    # At 150% the canvas is stretched to the window and the map drawn beneath it at
    # the window's resolution.
    for label, size, scale in (
        ("720p", (1280, 720), 100),
        ("1080p", (1920, 1080), 100),
        ("1080p_150pct", (1920, 1080), 150),
    ):
        settings = Settings(ui_scale=scale)
        app = App(size, settings=settings, worker=worker, terrains=terrains)
        scene = _planning(app)
        _frames_while_scrolling(app, scene, 10)  # warm the caches
        out[f"frame_{label}_ms"] = _frames_while_scrolling(app, scene, frames)
        if scale == 100:
            out[f"blit_{label}_ms"] = _bare_blit(app, frames)
        if label == "720p":
            out["scroll_frame_ms"] = _frames_while_scrolling(app, scene, frames)
            out["zoom_change_ms"] = _zoom_changes(app, scene, 1 if quick else 3)
            scene.map.zoom_index = 2
            out.update(_frames_while_busy(app, scene, 2 if quick else 6))
            out["idle_cpu_pct"] = _idle_cpu_pct(app, 2 if quick else 6)
        pygame.display.quit()
        del app, scene  # one window at a time, as the game has
        gc.unfreeze()  # the desk set its objects aside from collection (app_memory)
        gc.collect()
    worker.close()
    return out
