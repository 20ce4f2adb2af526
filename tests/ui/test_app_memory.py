"""Opening the planning desk sets what it keeps aside from the collector's passes, and a
desk left behind is still freed when the next one opens."""

from __future__ import annotations

import gc
import weakref

from game.data.scenario import find_scenario, load_rules
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession


def test_a_desk_sets_its_objects_aside_and_an_old_desk_is_still_freed(app):
    rules = load_rules(find_scenario("suiho_1952"), "normal")
    first = PlanningScene(app, GameSession.start(rules))
    assert gc.get_freeze_count() > 10_000  # the rules, the map and the widgets
    gone = weakref.ref(first)
    del first
    second = PlanningScene(app, GameSession.start(rules))
    assert gone() is None  # the old desk (its cycles too) was collected, not kept frozen
    assert second.map is not None
