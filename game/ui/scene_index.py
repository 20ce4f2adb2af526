"""Every scene by name: scenes ask the app for one another instead of importing each other.

A scene opens another with ``self.make(name, ...)``: the app looks the name up here, so
the only module that knows every scene is this one.
"""

from __future__ import annotations

from collections.abc import Callable

from game.ui.desk.target_list import TargetListScene
from game.ui.scenes import Scene
from game.ui.screens.choose import ScenarioScene
from game.ui.screens.encyclopedia import EncyclopediaScene
from game.ui.screens.end import EndScene
from game.ui.screens.esc_menu import EscMenu
from game.ui.screens.help_overlay import HelpOverlay
from game.ui.screens.history_view import HistoryScene
from game.ui.screens.planning import PlanningScene
from game.ui.screens.report import ReportScene
from game.ui.screens.resolution import ResolutionScene
from game.ui.screens.save_dialog import LoadDialog, SaveDialog
from game.ui.screens.settings_scene import SettingsScene
from game.ui.screens.title import TitleScene

SceneMaker = Callable[..., Scene]


def scene_index() -> dict[str, SceneMaker]:
    """The scenes the app can open by name (each scene's ``name``), and what makes each;
    each is called with the app first."""
    return {
        "title": TitleScene,
        "scenario": ScenarioScene,
        "planning": PlanningScene,
        "resolution": ResolutionScene,
        "report": ReportScene,
        "end": EndScene,
        "history": HistoryScene,
        "targets": TargetListScene,
        "encyclopedia": EncyclopediaScene,
        "menu": EscMenu,
        "help": HelpOverlay,
        "settings": SettingsScene,
        "save": SaveDialog,
        "load": LoadDialog,
    }
