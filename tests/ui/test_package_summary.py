"""A planned package's line is short enough for the side panel and says its day."""

from __future__ import annotations

import numpy as np

from game.core.intel import player_view
from game.core.orders import StrikePackage
from game.core.planners import historical_planner
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules
from game.ui.desk.plan_state import package_summary, short_name
from game.ui.kit.style import font
from game.ui.screenshot import open_scene


def test_a_line_gives_the_day_in_a_week_long_turn_and_drops_the_bracketed_name():
    rules = load_rules(find_scenario("campaign_1952"))
    target = next(t for t, d in rules.targets.items() if " (" in d.name)
    pool = next(iter(rules.pools))
    line = package_summary(rules, StrikePackage(target=target, strike=((pool, 40),), days=(2,)))
    assert line.endswith("day 3") and "(" not in line
    both = StrikePackage(target=target, strike=((pool, 40),), days=(0, 3))
    assert package_summary(rules, both).endswith("days 1,4")
    every = StrikePackage(target=target, strike=((pool, 40),))
    assert package_summary(rules, every).endswith("all 7 days")


def test_co_located_targets_keep_names_apart():
    """Sinanju town and the Ch'ongch'on bridges at Sinanju are two lines, not two "Sinanju"."""
    rules = load_rules(find_scenario("campaign_1952"))
    pool = next(iter(rules.pools))
    town, bridges = (
        package_summary(rules, StrikePackage(target=t, strike=((pool, 40),), days=(0,)))
        for t in ("sinanju", "sinanju_bridges")
    )
    assert town.startswith("Sinanju:") and bridges.startswith("Sinanju bridges:")
    names = {short_name(rules, t) for t in rules.targets}
    assert len(names) == len(rules.targets)


def _text_width_of_the_list(app) -> int:
    """The Plan tab's list at 1280x720, less its scroll bar and the rows' padding."""
    open_scene(app, "campaign_1952", "planning")
    desk = app.scene
    desk.act(desk.plan.fill_historical)
    desk.show_tab("plan")
    app.step([])
    plan_list = desk.plan_tab.list
    bar = plan_list.scroll_bar.rect.w if plan_list.scroll_bar is not None else 0
    return plan_list.rect.w - bar - 2 * 10 - 2


def test_the_historical_weeks_fit_the_list(shared_app):
    width = _text_width_of_the_list(shared_app)
    rules = load_rules(find_scenario("campaign_1952"))
    state, rng = new_game(rules), np.random.default_rng(5)
    row_font = font(14)  # the theme's @packages item font
    lines = 0
    for _ in range(6):  # the summer of 1952's big raids
        plan = historical_planner(rules, player_view(rules, state))
        for i, package in enumerate(plan.packages):
            text = f"{i + 1}. {package_summary(rules, package)}"
            assert row_font.size(text)[0] <= width, text
            lines += 1
        state = run_turn(rules, state, plan, rng).state
    assert lines >= 10
