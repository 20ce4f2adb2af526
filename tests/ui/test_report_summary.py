"""The turn report summarises: one line per target and per target system, a cancelled
package first with its card and reason, what moved the enemy, and a day-by-day view."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from game.core.events import Category, Event
from game.core.planners import PLANNERS
from game.data.scenario import find_scenario, load_rules
from game.save import GameRecord
from game.ui.kit.style import STANDARD
from game.ui.screens.report import report_html
from game.ui.session import GameSession


@pytest.fixture(scope="module")
def week():
    """A week of campaign_1952 flown by the historical planner, with its report."""
    rules = load_rules(find_scenario("campaign_1952"))
    session = GameSession(GameRecord.new(rules), autosave_enabled=False)
    before = session.view
    result = session.record.play_turn(PLANNERS["historical"](rules, before))
    return session, result, before


def _with(result, *events: Event):
    return dataclasses.replace(result, events=(*events, *result.events))


def test_a_package_a_card_cancels_opens_the_report_with_the_card_and_reason(week):
    session, result, before = week
    rules = session.rules
    card = rules.cards["warnings_curtailed"]
    target = rules.targets["pyongyang"]
    cancelled = [
        Event(
            before.day + timedelta(days=day),
            Category.CARD,
            f"Package against {target.name} not flown: '{card.name}' came into force.",
            cause=card.reason,
            target="pyongyang",
            data={"card": card.id, "not_flown": True},
        )
        for day in range(1, 7)  # kept on the ground every day from the second
    ]
    html = report_html(session, _with(result, *cancelled), before, session.view, pal=STANDARD)
    opening = html.index("Not flown this turn")
    assert opening < html.index("Negotiation meter")
    assert opening < html.index(">Targets<")
    assert card.name in html[opening:] and card.reason[:40] in html
    assert html.count(f"the package against {target.name} was cancelled") == 1  # once a turn
    assert "pyongyang" not in html.replace("places.pyongyang", "")  # names, never ids


def test_the_week_is_summarised_with_nothing_hidden(week):
    session, result, before = week
    rules = session.rules
    html = report_html(session, result, before, session.view, pal=STANDARD)
    assert "more</i>" not in html and "… and" not in html
    assert "What moved the enemy this turn" in html
    assert html.count("Armed reconnaissance cut the rail lines") == 1
    struck = {e.target for e in result.events if e.category == Category.STRIKE and e.target}
    assert struck
    targets = html[html.index(">Targets<") : html.index(">Target systems<")]
    for tid in struck:
        assert (
            targets.count(f"{rules.targets[tid].name}</a></b>:")
            + targets.count(f"<b>{rules.targets[tid].name}</b>:")
            == 1
        ), tid
    systems = html[html.index(">Target systems<") :]
    for kind in {rules.targets[t].kind for t in struck}:
        from game.ui.kit.words import kind_name

        assert f"<b>{kind_name(kind)}</b>" in systems


def test_day_by_day_shows_every_report_under_its_day(week):
    session, result, before = week
    html = report_html(session, result, before, session.view, by_day=True, pal=STANDARD)
    from game.ui.kit.words import esc, long_date

    for ev in result.events:
        assert esc(ev.cause) in html, ev.text  # every event, with its why
    for day in {ev.day for ev in result.events}:
        assert long_date(day) in html


def test_a_package_refused_before_the_turn_is_named_not_by_its_id(week):
    from game.core.orders import StrikePackage, TurnOrders
    from game.core.turn import run_turn

    session, _, _ = week
    rules = session.rules
    fighters = rules.escort_pool  # fighters carry no bombs: refused before the turn flies
    orders = TurnOrders(packages=(StrikePackage("pyongyang", ((fighters, 4),)),))
    import numpy as np

    result = run_turn(rules, session.state, orders, np.random.default_rng(1))
    refused = [e for e in result.events if "not flown" in e.text]
    assert refused and all("pyongyang" not in e.text for e in refused)
    assert rules.targets["pyongyang"].name in refused[0].text
