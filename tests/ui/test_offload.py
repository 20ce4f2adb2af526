"""Turns and forecasts computed in the worker process give exactly what the same calls
give in this process, and the game falls back to a thread when no process can run."""

from __future__ import annotations

import dataclasses
import os
import signal

import numpy as np
import pytest

from game.core.forecast import forecast
from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import find_scenario, load_rules
from game.save.codec import state_digest
from game.ui import offload


@pytest.fixture(scope="module")
def rules():
    return load_rules(find_scenario("campaign_1952"), "normal")


@pytest.fixture(scope="module")
def worker():
    w = offload.Offload()
    assert w.wait_ready(), "no worker process could start"
    yield w
    w.close()


def _same_forecast(a, b) -> bool:
    return dataclasses.replace(a, samples={}) == dataclasses.replace(b, samples={}) and (
        a.samples.keys() == b.samples.keys()
        and all(np.array_equal(a.samples[k], b.samples[k]) for k in a.samples)
    )


def test_turns_in_the_worker_equal_turns_run_here(rules, worker):
    state = here_state = new_game(rules)
    rng, here_rng = np.random.default_rng(11), np.random.default_rng(11)
    for _ in range(3):  # the later turns run on the state the worker kept
        orders = PLANNERS["historical"](rules, player_view(rules, state))
        result, digest = worker.turn(rules, state, orders, rng).result(timeout=60)
        expected = run_turn(rules, here_state, orders, here_rng)
        assert result == expected
        assert digest == state_digest(expected.state)
        assert rng.bit_generator.state == here_rng.bit_generator.state
        state, here_state = result.state, expected.state
    assert worker.uses_process


def test_a_state_and_rules_the_worker_forgot_are_sent_whole(rules, worker):
    state = new_game(rules)
    orders = PLANNERS["historical"](rules, player_view(rules, state))
    first, _ = worker.turn(rules, state, orders, np.random.default_rng(3)).result(timeout=60)
    assert worker._pool is not None
    worker._pool.submit(offload.forget_states).result(timeout=60)
    rng, here_rng = np.random.default_rng(4), np.random.default_rng(4)
    second, _ = worker.turn(rules, first.state, orders, rng).result(timeout=60)
    assert second == run_turn(rules, first.state, orders, here_rng)


def test_forecasts_in_the_worker_equal_forecasts_made_here(rules, worker):
    state = new_game(rules)
    view = player_view(rules, state)
    orders = PLANNERS["historical"](rules, view)
    got = worker.forecast(rules, view, orders, np.random.default_rng(7), 300).result(timeout=60)
    assert _same_forecast(got, forecast(rules, view, orders, np.random.default_rng(7), 300))


def test_without_a_worker_process_the_jobs_run_here(rules, monkeypatch):
    def no_processes():
        raise OSError("no processes here")

    monkeypatch.setattr(offload, "_context", no_processes)
    w = offload.Offload()
    assert not w.wait_ready()
    state = new_game(rules)
    orders = PLANNERS["historical"](rules, player_view(rules, state))
    result, _ = w.turn(rules, state, orders, np.random.default_rng(5)).result(timeout=60)
    assert result == run_turn(rules, state, orders, np.random.default_rng(5))
    assert not w.uses_process
    w.close()


def test_a_worker_that_dies_hands_its_job_to_this_process(rules):
    w = offload.Offload()
    assert w.wait_ready()
    assert w._pool is not None
    for pid in list(w._pool._processes):  # type: ignore[attr-defined]
        os.kill(pid, signal.SIGKILL)
    state = new_game(rules)
    orders = PLANNERS["historical"](rules, player_view(rules, state))
    result, _ = w.turn(rules, state, orders, np.random.default_rng(6)).result(timeout=60)
    assert result == run_turn(rules, state, orders, np.random.default_rng(6))
    assert not w.uses_process
    w.close()


def test_a_failing_job_reports_its_error(rules, worker):
    state = new_game(rules)
    orders = PLANNERS["historical"](rules, player_view(rules, state))
    broken = dataclasses.replace(rules, turn_days="seven")  # not rules the worker accepts
    job = worker.turn(broken, state, orders, np.random.default_rng(1))
    with pytest.raises(Exception, match="turn_days"):
        job.result(timeout=60)
    assert worker.uses_process  # the worker is still there for the next job


def test_the_worker_loads_no_pygame():
    import subprocess
    import sys

    code = "import game.ui.offload, sys; print('pygame' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr[-500:]
