"""Opening a planning desk on a new game, as the interface tests need it."""

from __future__ import annotations

from pathlib import Path

from game.data.scenario import load_rules
from game.ui.app import App
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def open_desk(app: App, folder: Path, seed: int) -> PlanningScene:
    """The desk of a new game of the scenario in ``folder``, drawn once; autosave off."""
    session = GameSession.start(load_rules(folder), seed=seed)
    session.autosave_enabled = False
    desk = PlanningScene(app, session)
    app.push(desk)
    app.step([])
    app.draw()
    return desk
