"""The player's picture is an estimate: noisy BDA that photo reconnaissance sharpens."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.core import intel
from game.core.intel import PlayerView, player_view
from game.core.turn import new_game, run_turn
from tests.core.conftest import START, orders, package


def _no_recon(rules):
    return dataclasses.replace(rules, pools={k: v for k, v in rules.pools.items() if k != "recon"})


def test_player_view_carries_estimates_not_truth(rules):
    rules = _no_recon(rules)  # only the strike photos: low confidence
    state = new_game(rules)
    field_names = {f.name for f in dataclasses.fields(PlayerView)}
    # No field of the view hands over the true damage or the true meter.
    assert "targets" not in field_names and "meter" not in field_names
    result = run_turn(rules, state, orders(package("hydro", ("fb", 40))), np.random.default_rng(9))
    s = result.state
    view = player_view(rules, s)
    est = view.bda["hydro"]
    # Strike photos give low confidence, and a day's decay has already set in.
    assert est.confidence == pytest.approx(rules.bda_strike_confidence - rules.bda_decay)
    assert est.damage != s.targets["hydro"].damage
    assert view.meter_estimate != s.meter
    # The view is a copy: changing it leaves the game alone.
    believed = s.intel.bda["hydro"].damage
    view.bda["hydro"].damage = believed + 1.0
    assert s.intel.bda["hydro"].damage == believed


def _bda_error(rules, confidence: float, seeds: int) -> float:
    errors = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        state = new_game(rules)
        state.targets["city"].damage = 50.0
        intel.observe(rules, state, "city", confidence, START, rng)
        errors.append(state.intel.bda["city"].damage - 50.0)
    return float(np.sqrt(np.mean(np.square(errors))))


def test_bda_estimate_converges_as_confidence_rises(rules):
    low = _bda_error(rules, 0.0, 300)
    mid = _bda_error(rules, rules.bda_strike_confidence, 300)
    high = _bda_error(rules, rules.bda_recon_confidence, 300)
    assert low > mid > high
    # The spread is what the rules say: bda_noise at zero confidence, shrinking with it.
    assert abs(low - rules.bda_noise) < 0.15 * rules.bda_noise
    assert high < 0.25 * low


def _recon_error(rules, recon: bool, seed: int) -> float:
    """How far the estimate is from the truth at the time of the last look."""
    r = rules if recon else _no_recon(rules)
    o = orders(package("hydro", ("fb", 40)), recon_targets=("hydro",) if recon else ())
    result = run_turn(r, new_game(r), o, np.random.default_rng(seed))
    looked_at = next(e for e in result.events if e.target == "hydro" and "after" in e.data)
    return abs(result.state.intel.bda["hydro"].damage - looked_at.data["after"])


def test_photo_reconnaissance_sharpens_bda(rules):
    without = [_recon_error(rules, False, seed) for seed in range(150)]
    with_recon = [_recon_error(rules, True, seed) for seed in range(150)]
    assert np.mean(with_recon) < 0.5 * np.mean(without)


def test_bda_confidence_decays_without_new_looks(rules):
    rules = _no_recon(rules)
    state = new_game(rules)
    state = run_turn(
        rules, state, orders(package("hydro", ("fb", 40))), np.random.default_rng(1)
    ).state
    first = state.intel.bda["hydro"].confidence
    for _ in range(3):
        state = run_turn(rules, state, orders(), np.random.default_rng(2)).state
    assert state.intel.bda["hydro"].confidence < first
