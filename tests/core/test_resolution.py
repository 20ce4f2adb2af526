"""Strike resolution: flak, MiGs, escort, the moon and stray bombs near the talks."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np

from game.core.calendar import moon_illumination
from game.core.events import Category
from game.core.geometry import dist
from game.core.model import TalksState
from game.core.turn import new_game, run_turn
from tests.core.conftest import NEUTRAL_CENTRE, NEUTRAL_RADIUS, START, mean_and_se, orders, package

SEEDS = 200


def _losses(rules, state, pkg, seed: int, pool: str) -> int:
    """Aircraft of ``pool`` lost over one day's strike."""
    result = run_turn(rules, state, orders(pkg), np.random.default_rng(seed))
    return sum(
        e.data["lost"].get(pool, 0)
        for e in result.events
        if e.category == Category.LOSSES and "lost" in e.data
    )


def _clearly_lower(low: list[float], high: list[float]) -> bool:
    m_low, se_low = mean_and_se(low)
    m_high, se_high = mean_and_se(high)
    return m_low < m_high - 3 * float(np.hypot(se_low, se_high))


def test_flak_suppression_lowers_losses_over_seeds(rules, state):
    # Only flak: no MiGs rise. The same 70 aircraft fly, with or without 40 on the guns.
    state.mig_strength = 0.0
    bare = package("yard", ("fb", 70))
    suppressed = package("yard", ("fb", 30), suppression=(("fb", 40),))
    seeds = 400
    without = [_losses(rules, state, bare, s, "fb") for s in range(seeds)]
    with_supp = [_losses(rules, state, suppressed, s, "fb") for s in range(seeds)]
    assert np.mean(without) > 0
    assert _clearly_lower(with_supp, without)


def test_escorts_lower_mig_losses_over_seeds(rules, state):
    state.targets["hydro"].flak = 0.0  # only MiGs can shoot strikers down here
    bare = package("hydro", ("fb", 40))
    escorted = package("hydro", ("fb", 40), escort=40)
    without = [_losses(rules, state, bare, s, "fb") for s in range(SEEDS)]
    with_escort = [_losses(rules, state, escorted, s, "fb") for s in range(SEEDS)]
    assert np.mean(without) > 0
    assert _clearly_lower(with_escort, without)


def _moon_days(year: int, month: int) -> tuple[date, date]:
    days = [date(year, month, 1) + timedelta(days=i) for i in range(30)]
    return min(days, key=moon_illumination), max(days, key=moon_illumination)


def test_night_in_dark_of_moon_loses_fewer_bombers_to_migs_than_full_moon(rules):
    new_moon, full_moon = _moon_days(1952, 7)
    assert moon_illumination(new_moon) < 0.05 < 0.95 < moon_illumination(full_moon)
    raid = package("hydro", ("b29", 20), night=True)

    def losses_on(day: date) -> list[int]:
        r = dataclasses.replace(rules, start=day)
        out = []
        for seed in range(SEEDS):
            s = new_game(r)
            s.targets["hydro"].flak = 0.0
            out.append(_losses(r, s, raid, seed, "b29"))
        return out

    dark, bright = losses_on(new_moon), losses_on(full_moon)
    assert np.mean(bright) > 0
    assert _clearly_lower(dark, bright)


def test_daylight_bombers_in_mig_alley_lose_more_than_at_night(rules):
    # A fixture version of the Namsi calibration: B-29s by day vs at night, dark moon.
    new_moon, _ = _moon_days(1952, 7)
    r = dataclasses.replace(rules, start=new_moon)
    b29_day = dataclasses.replace(r.pools["b29"], day=True)
    r = dataclasses.replace(r, pools={**r.pools, "b29": b29_day})
    day_losses, night_losses = [], []
    for seed in range(SEEDS):
        s = new_game(r)
        s.targets["hydro"].flak = 0.0
        day_losses.append(_losses(r, s, package("hydro", ("b29", 20)), seed, "b29"))
        night_losses.append(_losses(r, s, package("hydro", ("b29", 20), night=True), seed, "b29"))
    assert _clearly_lower(night_losses, day_losses)


def test_stray_bomb_in_neutral_zone_recesses_the_talks(rules):
    depot = rules.targets["depot"].position
    gap = dist(depot, NEUTRAL_CENTRE) - NEUTRAL_RADIUS
    assert 0 < gap < rules.stray_spread_km  # next to the circle, not inside it
    r = dataclasses.replace(rules, stray_chance_day=1.0)  # every stick goes astray
    state = new_game(r)
    assert state.talks == TalksState.IN_SESSION
    result = run_turn(r, state, orders(package("depot", ("fb", 40))), np.random.default_rng(7))
    incident = [e for e in result.events if e.category == Category.INCIDENT]
    assert incident and incident[0].data["zone"] == "neutral"
    talks = [e for e in result.events if e.category == Category.TALKS]
    assert len(talks) == 1
    assert "Talks recessed" in talks[0].text
    assert talks[0].cause.strip()
    s = result.state
    assert s.talks == TalksState.RECESSED
    assert s.talks_until == START + timedelta(days=r.enemy.walkout_days)
    assert s.world_opinion < r.opinion.world_initial  # the incident costs opinion


def test_no_strays_no_walkout(rules):
    r = dataclasses.replace(rules, stray_chance_day=0.0)
    result = run_turn(
        r, new_game(r), orders(package("depot", ("fb", 40))), np.random.default_rng(7)
    )
    assert result.state.talks == TalksState.IN_SESSION
    assert not [e for e in result.events if e.category == Category.INCIDENT]


def test_recessed_talks_resume_after_the_walkout(rules):
    r = dataclasses.replace(rules, stray_chance_day=1.0)
    result = run_turn(
        r, new_game(r), orders(package("depot", ("fb", 40))), np.random.default_rng(7)
    )
    state = result.state
    assert state.talks == TalksState.RECESSED
    rng = np.random.default_rng(8)
    resumed = []
    for _ in range(r.enemy.walkout_days + 1):
        res = run_turn(r, state, orders(), rng)
        state = res.state
        resumed += [e for e in res.events if e.text.startswith("Talks resume")]
    assert state.talks == TalksState.IN_SESSION
    assert len(resumed) == 1 and resumed[0].cause


def test_more_sorties_do_more_damage(rules, state):
    small = [
        run_turn(rules, state, orders(package("hydro", ("fb", 10))), np.random.default_rng(s))
        .state.targets["hydro"]
        .damage
        for s in range(100)
    ]
    big = [
        run_turn(rules, state, orders(package("hydro", ("fb", 40))), np.random.default_rng(s))
        .state.targets["hydro"]
        .damage
        for s in range(100)
    ]
    assert _clearly_lower(small, big)
