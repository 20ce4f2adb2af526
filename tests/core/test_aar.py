"""The after-action record: chart series from the turn history, the CSV that matches
them, and the player's figures for the historical record."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from game.core import aar
from game.core.model import Outcome, Rules
from game.core.summary import play
from game.data.scenario import SCENARIOS_DIR, load_rules


@pytest.fixture(scope="module")
def suiho() -> Rules:
    return load_rules(SCENARIOS_DIR / "suiho_1952")


@pytest.fixture(scope="module")
def finished(suiho: Rules):
    state, _ = play(suiho, "historical", seed=7)
    assert state.outcome != Outcome.ONGOING
    return state


def test_every_turn_has_a_point_on_every_chart_dated_by_its_last_day(suiho, finished):
    tl = aar.timeline(suiho, finished)
    assert len(tl) == len(finished.history) == 5
    assert tl.dates == tuple(date(1952, 6, d) for d in range(23, 28))
    assert [c.series.key for c in tl.charts] == [s.key for s in aar.SERIES]
    for chart in tl.charts:
        for line in chart.lines:
            assert len(line.values) == 5 and None not in line.values
    lost = next(c for c in tl.charts if c.series.key == "aircraft_lost").lines[0]
    assert lost.values == tuple(float(r["aircraft_lost"]) for r in finished.history)
    assert lost.values[-1] == finished.aircraft_lost


def test_during_play_the_charts_show_the_estimates_never_the_truth(suiho, finished):
    hidden = aar.timeline(suiho, finished, reveal=False)
    meter = hidden.charts[0]
    assert [ln.label for ln in meter.lines] == [aar.ESTIMATE_LABEL]
    assert meter.lines[0].values == tuple(round(r["meter_estimate"], 1) for r in finished.history)
    assert meter.lines[0].values != tuple(round(r["meter"], 1) for r in finished.history)
    keys = {ln.key for c in hidden.charts for ln in c.lines}
    assert not keys & {"meter", "power", "front_supply"}
    revealed = aar.timeline(suiho, finished)  # the war is over: truth beside the estimate
    assert revealed.revealed
    assert [ln.label for ln in revealed.charts[0].lines] == [aar.TRUTH_LABEL, aar.ESTIMATE_LABEL]


def test_the_power_estimate_follows_the_photographs_not_the_truth(suiho, finished):
    row = finished.history[-1]
    assert row["power_estimate_pct"] != row["power_destroyed_pct"]
    assert abs(row["power_estimate_pct"] - row["power_destroyed_pct"]) < 25


@pytest.mark.parametrize("reveal", [False, True])
def test_the_csv_parses_and_equals_the_chart_series(suiho, finished, reveal):
    tl = aar.timeline(suiho, finished, reveal=reveal)
    table = list(csv.reader(io.StringIO(aar.csv_text(tl))))
    header, rows = table[0], table[1:]
    lines = [ln for c in tl.charts for ln in c.lines]
    assert len(header) == 2 + len(lines)
    assert header[1] == "Last day of the turn (year-month-day)"
    assert any("percent of pre-war capacity" in h for h in header)
    assert len(rows) == len(tl)
    for i, row in enumerate(rows):
        assert int(row[0]) == tl.turns[i]
        assert date.fromisoformat(row[1]) == tl.dates[i]
        for line, cell in zip(lines, row[2:], strict=True):
            assert float(cell) == line.values[i], (line.key, i)


def test_an_old_save_without_estimates_leaves_empty_cells_and_gaps(suiho, finished):
    old = finished.clone()
    old.history = [
        {k: v for k, v in r.items() if not k.endswith(("estimate", "estimate_pct"))}
        for r in finished.history
    ]
    tl = aar.timeline(suiho, old, reveal=False)
    assert tl.charts[0].lines[0].values == (None,) * 5
    rows = list(csv.reader(io.StringIO(aar.csv_text(tl))))[1:]
    assert rows[0][2] == ""


def test_the_file_name_comes_from_the_scenario_and_the_game_date(suiho, finished):
    assert aar.csv_file_name(suiho, finished) == "suiho_1952_1952-06-27.csv"


def test_campaign_figures_for_the_record(suiho, finished):
    assert aar.campaign_figure(suiho, finished, "end_date") == "27 June 1952"
    assert aar.campaign_figure(suiho, finished, "armistice_date") == "Not signed"
    assert aar.campaign_figure(suiho, finished, "aircraft_lost") == f"{finished.aircraft_lost:,}"
    cities = aar.campaign_figure(suiho, finished, "cities_half_destroyed")
    assert cities.endswith(f"of {len(suiho.main_cities)}")
    for metric in aar.METRICS:
        assert aar.campaign_figure(suiho, finished, metric)


def test_the_strike_dates_are_the_days_the_players_packages_flew(suiho):
    """A player who struck only on the first two days is not credited with the last."""
    from dataclasses import replace as _replace

    import numpy as np

    from game.core.intel import player_view
    from game.core.planners import historical_planner
    from game.core.turn import new_game, run_turn

    state = new_game(suiho)
    rng = np.random.default_rng(3)
    flown = 0
    while state.outcome == Outcome.ONGOING:
        orders = historical_planner(suiho, player_view(suiho, state))
        if state.turn > 2:
            orders = _replace(orders, packages=())
        flown += sum(p.strike_sorties() for p in orders.packages)
        state = run_turn(suiho, state, orders, rng).state
    assert aar.campaign_figure(suiho, state, "strike_dates") == "23 to 24 June 1952"
    assert aar.campaign_figure(suiho, state, "first_strike_date") == "23 June 1952"
    assert aar.sorties_flown(state) >= flown > 0
    assert (
        aar.campaign_figure(suiho, state, "sorties_flown")
        == f"{aar.sorties_flown(state):,} with escorts"
    )


def test_a_campaign_with_no_packages_says_so(suiho):
    import numpy as np

    from game.core.orders import TurnOrders
    from game.core.turn import new_game, run_turn

    state = new_game(suiho)
    assert aar.campaign_figure(suiho, state, "strike_dates") == "—"  # nothing counted yet
    state = run_turn(suiho, state, TurnOrders(), np.random.default_rng(1)).state
    assert aar.campaign_figure(suiho, state, "strike_dates") == "No packages flown"
    assert aar.campaign_figure(suiho, state, "sorties_flown") == "0 with escorts"


def test_power_at_its_height_and_at_the_end_are_both_named_when_they_differ(suiho, finished):
    from game.core.targets import power_destroyed_pct

    peak = aar.power_peak_pct(finished)
    now = power_destroyed_pct(suiho, finished)
    words = aar.campaign_figure(suiho, finished, "power_destroyed_pct")
    if round(peak) != round(now):
        assert words == f"{peak:.0f}% at most; {now:.0f}% at the end"
    else:
        assert words == f"{now:.0f}%"


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        (900, "better than it almost ever does"),
        (810, "as good as it usually does, or better"),
        (730, "a little short of it, within its usual range"),
        (100, "worse than it almost ever does"),
    ],
)
def test_the_score_is_set_beside_the_historical_plan(suiho, score, verdict):
    ps = suiho.record.plan_score
    assert ps is not None and ps.low < ps.median < ps.high
    words = aar.score_yardstick(suiho, score)
    assert f"about {ps.median:.0f}" in words and words.endswith(verdict + ".")
