"""Tension, not a dominant strategy: the shipped strategies measured over seeds (GAME.md §9).

The same table as ``docs/STRATEGIES.md``, at fewer seeds: doing nothing is the worst
plan, no plan is best on score, date, losses and opinion at once, sparing the towns is
slower but kinder, and the B-29s at night are worth flying.
"""

from __future__ import annotations

import dataclasses
import statistics
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from game.core.orders import TurnOrders
from game.core.planners import strategy_planner
from game.core.summary import play
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules
from game.data.strategy import STRATEGY_DIR, load_strategy
from game.strategies import strategy_rows

pytestmark = pytest.mark.slow

RUNS = 6
LATEST = date(1954, 1, 1)  # a game that never signs ranks after every armistice


@pytest.fixture(scope="module")
def table() -> dict[str, dict]:
    return {row["strategy"]: row for row in strategy_rows(RUNS)}


def test_doing_nothing_scores_below_every_active_plan_and_is_recalled(table) -> None:
    idle = table["do_nothing"]
    assert idle["recall_pct"] == 100
    for name, row in table.items():
        if name != "do_nothing":
            assert row["score"] > idle["score"], f"{name} scores no better than doing nothing"


def _signed(row: dict) -> date:
    return (
        LATEST if row["median_armistice"] == "none" else date.fromisoformat(row["median_armistice"])
    )


def test_no_plan_is_best_on_score_date_losses_and_opinion_at_once(table) -> None:
    active = {n: r for n, r in table.items() if n != "do_nothing"}
    best = {
        "score": max(active, key=lambda n: active[n]["score"]),
        "date": min(active, key=lambda n: _signed(active[n])),
        "losses": min(active, key=lambda n: active[n]["aircraft_lost"]),
        "opinion": max(active, key=lambda n: active[n]["world_opinion"]),
    }
    assert len(set(best.values())) > 1, f"{best['score']} is best on everything: {best}"


def test_sparing_the_towns_is_slower_but_kinder_than_striking_them(table) -> None:
    spared, struck = table["towns_spared"], table["balanced"]
    assert _signed(spared) > _signed(struck)
    assert spared["civilian_casualties"] < struck["civilian_casualties"] / 4
    assert spared["world_opinion"] > struck["world_opinion"]


def _night_lever(tmp_path: Path) -> tuple[list[float], list[float]]:
    rules = load_rules(find_scenario("campaign_1952"))
    with_b29s = load_strategy(STRATEGY_DIR / "night_b29s.toml")
    text = (STRATEGY_DIR / "night_b29s.toml").read_text(encoding="utf-8")
    kept = text.split("[[packages]]")
    # The same plan without its two B-29 rules: the fighter-bombers' rule alone.
    grounded = tmp_path / "grounded.toml"
    grounded.write_text(kept[0] + "[[packages]]" + kept[3], encoding="utf-8")
    without = load_strategy(grounded)
    meters: tuple[list[float], list[float]] = ([], [])
    for seed in range(4):
        for out, strategy in zip(meters, (with_b29s, without), strict=True):
            state, _ = play(rules, "", seed, plan=strategy_planner(strategy))
            out.append(state.score)
    return meters


def test_bomber_commands_night_raids_are_a_real_lever(tmp_path: Path) -> None:
    flown, grounded = _night_lever(tmp_path)
    assert statistics.median(flown) > statistics.median(grounded) + 25


DAM_PLAN = """name = "dams"
interdiction = 0.4
close_support = 0.15
pressure_share = 0.3
[[packages]]
share = 0.3
kinds = ["dam"]
"""


def test_lifting_a_card_is_worth_pressure_and_costs_opinion(tmp_path: Path) -> None:
    """The dams card lifted: the floods press the enemy harder, and the world notices."""
    rules = load_rules(find_scenario("campaign_1952"))
    card = "dams_as_interdiction"
    lifted = dataclasses.replace(
        rules, cards={**rules.cards, card: dataclasses.replace(rules.cards[card], in_force=False)}
    )
    path = tmp_path / "dams.toml"
    path.write_text(DAM_PLAN, encoding="utf-8")
    plan = strategy_planner(load_strategy(path))
    meter: dict[str, list[float]] = {"in force": [], "lifted": []}
    opinion: dict[str, list[float]] = {"in force": [], "lifted": []}
    for name, r in (("in force", rules), ("lifted", lifted)):
        for seed in range(4):
            state, _ = play(r, "dams", seed, max_turns=30, plan=plan)
            meter[name].append(state.meter)
            opinion[name].append(state.world_opinion)
    assert statistics.median(meter["lifted"]) > statistics.median(meter["in force"]) + 3
    assert statistics.median(opinion["lifted"]) < statistics.median(opinion["in force"]) - 1


def test_a_jcs_request_spends_patience_granted_or_not() -> None:
    rules = load_rules(find_scenario("campaign_1952"))
    state = new_game(rules)
    quiet = run_turn(rules, state, TurnOrders(), np.random.default_rng(5)).state
    asked = run_turn(
        rules,
        state,
        TurnOrders(jcs_requests=("dams_as_interdiction",)),
        np.random.default_rng(5),
    ).state
    spent = quiet.us_patience - asked.us_patience
    assert spent == pytest.approx(rules.opinion.jcs_request_patience)
    assert spent > 0
