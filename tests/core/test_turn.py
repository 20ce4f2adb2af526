"""run_turn: reproducible, pure, turn length does not change the odds, invariants hold."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import Condition, Effect, EventDef, PressPolicy, Rules
from game.core.orders import StandingTasks, StrikePackage, TurnOrders, validate_package
from game.core.politics import card_forbidding_press
from game.core.turn import new_game, run_turn
from tests.core.conftest import make_rules, mean_and_se, package, play_turns

PLAN = TurnOrders(
    packages=(
        package("hydro", ("fb", 25), escort=10, suppression=(("fb", 5),)),
        package("city", ("b29", 8), night=True),
    ),
    standing=StandingTasks(interdiction=0.5, close_support=0.2),
    recon_targets=("hydro",),
)


def test_same_seed_and_orders_give_identical_events(rules):
    def game(seed: int) -> list[dict]:
        _state, events = play_turns(rules, new_game(rules), PLAN, np.random.default_rng(seed), 10)
        return [e.to_json() for e in events]

    first, second = game(42), game(42)
    assert first and first == second
    assert game(43) != first


def test_run_turn_does_not_mutate_the_state_it_is_given(rules, state):
    before = copy.deepcopy(state)
    result = run_turn(rules, state, PLAN, np.random.default_rng(1))
    assert state == before
    assert result.state is not state
    assert result.state != before  # the turn did change its own copy
    assert result.state.day > state.day


def _seven_days(rules: Rules, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    state, _ = play_turns(rules, new_game(rules), PLAN, rng, 7 // rules.turn_days)
    assert (state.day - rules.start).days == 7
    return {
        "hydro": state.targets["hydro"].damage,
        "city": state.targets["city"].damage,
        "lost": float(state.aircraft_lost),
        "cuts": float(state.rail_cuts),
        "stockpile": state.stockpile,
        "meter": state.meter,
        "civilians": state.civilian_casualties,
    }


def test_seven_daily_turns_match_one_weekly_turn_in_distribution():
    daily, weekly = make_rules(turn_days=1), make_rules(turn_days=7)
    seeds = range(200)
    d = [_seven_days(daily, s) for s in seeds]
    w = [_seven_days(weekly, s) for s in seeds]
    for key in d[0]:
        md, sed = mean_and_se([x[key] for x in d])
        mw, sew = mean_and_se([x[key] for x in w])
        tolerance = 4 * float(np.hypot(sed, sew)) + 1e-6 * max(abs(md), 1.0)
        assert abs(md - mw) <= tolerance, (key, md, mw, tolerance)
    # The comparison has teeth: doubling the strike would be noticed.
    heavier = dataclasses.replace(
        PLAN, packages=(package("hydro", ("fb", 50), escort=10), *PLAN.packages[1:])
    )
    rng = np.random.default_rng(0)
    heavy = [
        play_turns(weekly, new_game(weekly), heavier, rng, 1)[0].targets["hydro"].damage
        for _ in range(50)
    ]
    md, sed = mean_and_se([x["hydro"] for x in w])
    assert np.mean(heavy) > md + 4 * sed


def test_oversized_package_is_cut_down_in_daily_turns_as_in_a_weekly_turn():
    # Mid-month, so no replacements arrive: losses leave fewer than 75 sorties a day.
    start = date(1952, 7, 5)
    big = TurnOrders(packages=(package("hydro", ("fb", 75)),), standing=PLAN.standing)
    for turn_days in (1, 7):
        rules = make_rules(turn_days=turn_days, start=start)
        state, events = play_turns(
            rules, new_game(rules), big, np.random.default_rng(0), 7 // turn_days
        )
        assert state.targets["hydro"].times_struck == 7, turn_days
        assert not [e for e in events if "not flown" in e.text], turn_days
        assert [e for e in events if "cut down" in e.text], turn_days


# ----------------------------------------------------------- random legal orders

CAMPAIGN = make_rules(
    turn_days=7,
    start=date(1952, 7, 1),
    end=date(1952, 7, 28),
    stray_chance_day=0.05,
    close_support_stray_chance=0.01,
    events=(
        EventDef(
            id="pow_question",
            title="Talks recessed over the prisoners",
            text="The POW question deadlocks the talks.",
            start=date(1952, 7, 10),
            chance=0.5,
            effects=(Effect("talks", {"state": "recessed", "days": 7}),),
        ),
        EventDef(
            id="reinforcements",
            title="MiG reinforcements",
            text="",
            conditions=(Condition("aircraft_lost", ">=", 5),),
            effects=(Effect("mig_strength", {"delta": 50}), Effect("meter", {"delta": -3})),
        ),
    ),
)
TARGET_IDS = sorted(CAMPAIGN.targets)
STRIKE_POOLS = sorted(p.id for p in CAMPAIGN.strike_pools)


@st.composite
def packages(draw: st.DrawFn) -> StrikePackage:
    """Packages built the way a planner would: pools that fly at the chosen time."""
    pool = CAMPAIGN.pools[draw(st.sampled_from(STRIKE_POOLS))]
    night = not pool.day if pool.day != pool.night else draw(st.booleans())
    same_time = [
        p for p in STRIKE_POOLS if (CAMPAIGN.pools[p].night if night else CAMPAIGN.pools[p].day)
    ]
    return StrikePackage(
        target=draw(st.sampled_from(TARGET_IDS)),
        strike=((pool.id, draw(st.integers(1, 25))),),
        escort=0 if night else draw(st.integers(0, 30)),
        suppression=tuple(
            draw(st.lists(st.tuples(st.sampled_from(same_time), st.integers(1, 8)), max_size=1))
        ),
        night=night,
        warning=draw(st.booleans()),
        days=tuple(draw(st.lists(st.integers(0, 6), max_size=3, unique=True))),
    )


@st.composite
def turn_orders(draw: st.DrawFn) -> TurnOrders:
    interdiction = draw(st.floats(0.0, 1.0))
    close_support = draw(st.floats(0.0, 1.0 - interdiction))
    return TurnOrders(
        packages=tuple(draw(st.lists(packages(), max_size=4))),
        standing=StandingTasks(
            interdiction=interdiction,
            close_support=close_support,
            air_superiority=draw(st.floats(0.0, 1.0)),
        ),
        press=draw(st.sampled_from(list(PressPolicy))),
        jcs_requests=tuple(draw(st.lists(st.just("suiho_prohibited"), max_size=1))),
        recon_targets=tuple(draw(st.lists(st.sampled_from(TARGET_IDS), max_size=2))),
    )


def _legal(rules: Rules, state, o: TurnOrders) -> TurnOrders:
    """Keep what the planning desk would accept: refused packages are dropped."""
    press = o.press if card_forbidding_press(rules, state, o.press) is None else PressPolicy.ROUTINE
    jcs = tuple(c for c in o.jcs_requests if state.cards[c].in_force)
    kept = tuple(p for p in o.packages if validate_package(rules, state, p).ok)
    return dataclasses.replace(o, packages=kept, press=press, jcs_requests=jcs)


def _check_invariants(state) -> None:
    for pid, ps in state.pools.items():
        assert ps.ready >= 0, pid
        assert ps.lost >= 0 and all(d >= 0 for d in ps.damaged), pid
    for tid, ts in state.targets.items():
        assert 0.0 <= ts.damage <= 100.0, tid
        assert 0.0 <= ts.reservoir <= 1.0, tid
        assert ts.flak >= 0.0, tid
    for name in ("meter", "world_opinion", "us_patience"):
        assert 0.0 <= getattr(state, name) <= 100.0, name
    assert state.stockpile >= 0.0
    assert state.mig_strength >= 0.0
    assert state.civilian_casualties >= 0.0 and state.un_casualties >= 0.0
    assert 0.0 <= state.intel.meter_estimate <= 100.0
    for est in state.intel.bda.values():
        assert 0.0 <= est.damage <= 100.0 and 0.0 <= est.confidence <= 1.0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=st.lists(turn_orders(), min_size=4, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_random_legal_orders_keep_the_game_sane(plan, seed):
    rules = CAMPAIGN
    rng = np.random.default_rng(seed)
    state = new_game(rules)
    _check_invariants(state)
    for raw in plan:
        result = run_turn(rules, state, _legal(rules, state, raw), rng)
        for event in result.events:
            assert event.cause.strip(), event
            assert event.text.strip(), event
        state = result.state
        _check_invariants(state)
    assert state.outcome.value in ("time_out", "recall", "armistice")
