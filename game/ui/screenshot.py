"""``python main.py screenshot``: a scene rendered without a display, for docs and tests."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord
from game.settings import Settings
from game.ui.app import App
from game.ui.desk.desk_input import open_menu, open_target_list
from game.ui.session import GameSession

SCENES = (
    "title",
    "scenario",
    "planning",
    "plan",
    "politics",
    "forecast",
    "pressure",
    "tasks",
    "targets",
    "target",
    "report",
    "end",
    "history",
    "encyclopedia",
    "settings",
    "tutorial",
    "save",
    "load",
    "menu",
)
DESK_TABS = {
    "plan": "plan",
    "politics": "politics",
    "forecast": "forecast",
    "pressure": "pressure",
    "tasks": "tasks",
}
ZOOMS = ("out", "in")  # the map's widest and closest zoom
HISTORY_TURNS = 12  # turns flown before the "history" scene shows its charts
PRESSURE_TURNS = 3  # turns flown before the "pressure" tab has causes to show
FORECAST_WAIT_S = 30.0
SHOWN_TARGET = "pyongyang"  # the target whose panel the "target" scene opens


def open_scene(app: App, scenario: str, scene: str, zoom: str | None = None) -> None:
    """Bring ``app`` to a scene as a player would reach it, with the historical turns;
    ``zoom`` ("out" or "in") takes the map to one end of its zoom."""
    if scene not in SCENES:
        raise ValueError(f"no scene '{scene}' (known: {', '.join(SCENES)})")
    if zoom is not None and zoom not in ZOOMS:
        raise ValueError(f"no zoom '{zoom}' (known: {', '.join(ZOOMS)})")
    app.to_title()
    if scene == "settings":
        from game.ui.screens.settings_scene import SettingsScene

        app.push(SettingsScene(app, app.stack.scenes[0]))
    elif scene == "scenario":
        from game.ui.screens.choose import ScenarioScene

        chooser = ScenarioScene(app)
        app.push(chooser)
        ids = [e.source.id for e in chooser.entries]
        if scenario in ids:
            chooser._select(ids.index(scenario))
    elif scene == "tutorial":
        _open_tutorial(app)
    elif scene != "title":
        _open_game_scene(app, scenario, scene, zoom)
    for _ in range(3):  # let the widgets lay themselves out
        app.step([])
    app.draw()


def _open_tutorial(app: App) -> None:
    from game.ui.screens.planning import PlanningScene
    from game.ui.screens.tutorial import Tutorial, tutorial_rules
    from game.ui.screens.tutorial_steps import load_script

    script = load_script()
    rules = tutorial_rules(script, app.settings.default_difficulty)
    desk = PlanningScene(app, GameSession(GameRecord.new(rules), autosave_enabled=False))
    app.push(desk)
    app.tutorial = Tutorial(app, desk, script)


def _turns_before(scene: str) -> int:
    return {"history": HISTORY_TURNS, "pressure": PRESSURE_TURNS}.get(scene, 0)


def _open_game_scene(app: App, scenario: str, scene: str, zoom: str | None = None) -> None:
    from game.ui.screens.end import EndScene
    from game.ui.screens.planning import PlanningScene
    from game.ui.screens.report import ReportScene

    rules = load_rules(find_scenario(scenario))
    session = GameSession(GameRecord.new(rules), autosave_enabled=False)
    historical = PLANNERS["historical"]
    before = session.view
    result = None
    if scene == "report":
        result = session.record.play_turn(historical(rules, session.view))
    elif scene == "end":
        while not session.over:
            result = session.record.play_turn(historical(rules, session.view))
    for _ in range(_turns_before(scene)):
        if not session.over:
            session.record.play_turn(historical(rules, session.view))
    planning = PlanningScene(app, session)
    app.push(planning)
    if zoom is not None:
        planning.map.zoom_at(planning.map.rect.center, -99 if zoom == "out" else 99)
    if scene in DESK_TABS:
        if scene == "forecast":
            planning.act(planning.plan.fill_historical)
        planning.show_tab(DESK_TABS[scene])
        if scene == "forecast":
            planning.plan.forecaster.want(planning.view, planning.orders)
            planning.plan.forecaster.wait(FORECAST_WAIT_S)
    elif scene == "targets":  # the sortable list of every target
        open_target_list(planning)
    elif scene == "target":  # one target's panel
        shown = SHOWN_TARGET if SHOWN_TARGET in rules.targets else min(rules.targets)
        planning.extras.open(shown)
    elif scene == "report" and result is not None:
        app.push(ReportScene(app, planning, session, result, before))
    elif scene == "end":
        app.push(EndScene(app, planning, session))
    elif scene == "history":
        from game.ui.screens.history_view import HistoryScene

        app.push(HistoryScene(app, planning, session))
    elif scene == "encyclopedia":
        planning.open_encyclopedia("places.pyongyang")
    elif scene in ("save", "load"):
        from game.ui.screens.save_dialog import LoadDialog, SaveDialog

        dialog = (
            SaveDialog(app, planning, session) if scene == "save" else LoadDialog(app, planning)
        )
        app.push(dialog)
    elif scene == "menu":
        open_menu(planning)


def screenshot_settings(scale: int = 100, colour_blind: bool = False) -> Settings:
    """The settings a screenshot is taken with: never the player's, never full screen."""
    return Settings(ui_scale=scale, colour_blind=colour_blind, tutorial_done=True)


def render_scene(
    scenario: str,
    scene: str,
    size: tuple[int, int],
    settings: Settings | None = None,
    zoom: str | None = None,
) -> pygame.Surface:
    app = App(size, settings=settings or screenshot_settings())
    open_scene(app, scenario, scene, zoom)
    picture = app.window.copy()  # what the window shows, at the interface scale
    app.worker.close()  # a picture taken: its window's worker has nothing more to do
    return picture


def save_screenshot(
    scenario: str,
    scene: str,
    out: Path,
    size: tuple[int, int],
    settings: Settings | None = None,
    zoom: str | None = None,
) -> Path:
    picture = render_scene(scenario, scene, size, settings, zoom)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(picture, str(out))
    pygame.display.quit()
    return out
