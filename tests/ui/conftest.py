"""Headless pygame for the interface tests: set before pygame is imported anywhere.

Saves (autosaves after every turn, F5) go to a throwaway folder, never the player's.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["AIR_PRESSURE_HOME"] = tempfile.mkdtemp(prefix="air-pressure-ui-tests-")


@pytest.fixture(autouse=True)
def no_banner_pause(monkeypatch):
    """The "Enemy turn…" banner's minimum showing time is for people, not for tests."""
    import game.ui.screens.planning

    monkeypatch.setattr(game.ui.screens.planning, "MIN_BANNER_S", 0.0)


@pytest.fixture(autouse=True)
def no_resolution_show(monkeypatch):
    """The packages' flight after End Turn is skipped at once: tests reach the report."""
    import game.ui.screens.resolution

    monkeypatch.setattr(game.ui.screens.resolution, "DAY_S", 0.0)


@pytest.fixture(scope="session")
def worker():
    """One worker process for every window of the run: starting one is slow."""
    from game.ui.offload import Offload

    w = Offload()
    yield w
    w.close()


@pytest.fixture(scope="session")
def terrains():
    """The maps' terrain pictures, rendered once for every window of the run."""
    from game.ui.map.map_cache import Terrains

    return Terrains()


@pytest.fixture(scope="module")
def shared_app(worker, terrains):
    """One window per test module: opening one is slow."""
    from game.ui.app import App

    a = App((1280, 720), worker=worker, terrains=terrains)
    yield a
    import pygame

    pygame.display.quit()


@pytest.fixture
def app(shared_app):
    """Each test starts at the title screen of the module's window."""
    shared_app.to_title()
    shared_app.running = True
    shared_app.step([])
    return shared_app


@pytest.fixture
def desk(app):
    """The planning desk of a new ``suiho_1952`` game (seed 7), autosave off."""
    from pathlib import Path

    from game.data.scenario import load_rules
    from game.ui.screens.planning import PlanningScene
    from game.ui.session import GameSession

    suiho = Path(__file__).resolve().parents[2] / "scenarios" / "suiho_1952"
    session = GameSession.start(load_rules(suiho), seed=7)
    session.autosave_enabled = False
    scene = PlanningScene(app, session)
    app.push(scene)
    app.step([])
    return scene


@pytest.fixture(autouse=True)
def settings_stay_with_their_test():
    """A test that applies settings (the monkey presses Apply on the Settings screen)
    leaves no settings file to the tests after it (the palette lives in the app)."""
    yield
    from game.settings import settings_path

    settings_path().unlink(missing_ok=True)
