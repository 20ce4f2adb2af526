"""The Pressure tab shows the meter's estimated causes with their errors, never the truth."""

from __future__ import annotations

from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord
from game.ui.desk.meter_words import cause_name
from game.ui.desk.pressure_tab import pressure_html
from game.ui.kit.style import STANDARD
from game.ui.screens.planning import PlanningScene
from game.ui.session import GameSession


def _played(turns: int) -> GameSession:
    rules = load_rules(find_scenario("campaign_1952"))
    session = GameSession(GameRecord.new(rules), autosave_enabled=False)
    for _ in range(turns):
        session.record.play_turn(PLANNERS["historical"](rules, session.view))
    return session


def test_before_the_first_turn_it_says_the_causes_come_later():
    session = _played(0)
    html = pressure_html(session.view, session.rules.meter.threshold, pal=STANDARD)
    assert "No turn flown yet" in html


def test_it_gives_each_estimated_cause_with_its_error_not_the_true_one():
    session = _played(3)
    view = session.view
    html = pressure_html(view, session.rules.meter.threshold, pal=STANDARD)
    last = view.meter_causes[-1]
    shown = [c for c, (p, _) in last.items() if abs(p) >= 0.05]
    assert shown
    for cause in shown:
        assert cause_name(cause) in html
    assert f"{view.meter_estimate:.0f}</b> ± {view.meter_estimate_sd:.1f}" in html
    assert "Since the start</b> (3 turns)" in html
    true_last = session.state.history[-1]
    assert f"{true_last['meter']:.2f}" not in html  # the true meter never shows


def test_the_tab_opens_with_key_5(app):
    import pygame

    desk = PlanningScene(app, _played(2))
    app.push(desk)
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_5, mod=0, unicode="5")])
    assert desk.tab == "pressure" and desk.pressure_tab is not None
    app.to_title()
