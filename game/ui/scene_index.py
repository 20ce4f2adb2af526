"""Every scene by name: scenes ask the app for one another instead of importing each other."""

from __future__ import annotations

from typing import Any

from game.ui.screens.planning import PlanningScene
from game.ui.screens.title import TitleScene


def scene_index() -> dict[str, Any]:
    """The scenes the app can open by name, and what makes each."""
    return {"title": TitleScene, "planning": PlanningScene}
