"""Every label holds its text: pygame_gui cuts a too-long one off (and warns, which the
test settings turn into an error) on every tab of every shipped scenario's desk."""

from __future__ import annotations

import warnings

import pytest

from game.data.scenario import find_scenario, list_scenarios, load_rules
from game.save import GameRecord
from game.ui.planning import TABS, PlanningScene
from game.ui.session import GameSession


@pytest.mark.parametrize("scenario", [p.name for p in list_scenarios()])
def test_no_label_on_the_desk_is_too_small_for_its_text(app, scenario):
    rules = load_rules(find_scenario(scenario))
    desk = PlanningScene(app, GameSession(GameRecord.new(rules), autosave_enabled=False))
    app.push(desk)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", "Label Rect is too small")
        desk.fill_historical()
        for key, *_ in TABS:
            desk.show_tab(key)
            app.step([])
        for tid in sorted(rules.targets)[:12]:
            desk.pick_target(tid)
    app.to_title()
