"""One gate: whatever ``validate`` accepts loads, plays at every difficulty and renders.

Hypothesis writes mods: an override of the Suiho scenario that sets numbers anywhere
in it to values from the sensible to the absurd, and adds an event with generated
conditions and effects. Each mod is either refused with problems that name a file,
or it passes every check ``validate`` makes; then a game at each difficulty plays two
turns, of the historical plan and of random orders, without an error and without a
state the save loader would refuse, and the planning desk draws it. A few examples run
by default; ``-m slow`` runs a longer fuzz (``GATE_EXAMPLES`` sets how many).
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import _other_levels
from game.core.conditions import METRICS, OPERATORS
from game.core.effects import EFFECT_PARAMS
from game.core.intel import player_view
from game.core.planners import PLANNERS
from game.core.turn import new_game, run_turn
from game.data.scenario import SCENARIOS_DIR, ScenarioError, find_scenario, load_rules
from game.save.invariants import state_problems
from game.soak import invariant_problems, random_planner

SUIHO = tomllib.loads((SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text("utf-8"))


def _numbers(node: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every number of the scenario by its key path (lists of numbers left out)."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _numbers(v, (*path, str(k)))]
    if isinstance(node, int | float) and not isinstance(node, bool) and path[0] != "events":
        return [path]
    return []


KNOBS = _numbers(SUIHO)
WILD = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, 1, -1, 0.5, 45, 100, 1e6, 2**63, 1e-9]),
)
PARAMS = st.one_of(st.integers(-1000, 1000), st.floats(-1e4, 1e4), st.sampled_from(
    ['"f86"', '"b29"', '"in_session"', '"recessed"', '"broken_off"', '"nothing"', "true"]
))  # fmt: skip


def _toml(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    return str(value)


@st.composite
def mods(draw: st.DrawFn) -> str:
    """The text of an override file for suiho_1952."""
    tables: dict[tuple[str, ...], list[str]] = {}
    for path in draw(st.lists(st.sampled_from(KNOBS), max_size=4, unique=True)):
        header, key = path[:-1], path[-1]
        tables.setdefault(header, []).append(f'"{key}" = {_toml(draw(WILD))}')
    text = "".join(
        f"[{'.'.join(chr(34) + p + chr(34) for p in header)}]\n" + "\n".join(lines) + "\n"
        for header, lines in tables.items()
    )
    if draw(st.booleans()):
        effects = []
        for kind in draw(st.lists(st.sampled_from(sorted(EFFECT_PARAMS)), max_size=3)):
            params = [f"{name} = {_toml(draw(PARAMS))}" for name in EFFECT_PARAMS[kind]]
            effects.append("{ " + ", ".join([f'kind = "{kind}"', *params]) + " }")
        metric = draw(st.sampled_from(sorted(METRICS)))
        op = draw(st.sampled_from(sorted(OPERATORS)))
        value = _toml(draw(st.one_of(WILD, PARAMS)))
        text += (
            '[[events]]\nid = "generated"\ntitle = "Generated"\ntext = "An event."\n'
            f"chance = {_toml(draw(st.floats(0, 1)))}\n"
            f'conditions = [{{ metric = "{metric}", op = "{op}", value = {value} }}]\n'
            f"effects = [{', '.join(effects)}]\n"
        )
    return text


def _through_the_gate(mod: Path) -> list[str]:
    """The checks ``validate suiho_1952 --mods MOD`` makes; [] when it says ok."""
    try:
        source = find_scenario("suiho_1952", (mod,))
        rules = load_rules(source)
    except ScenarioError as exc:
        return exc.problems
    return _other_levels(source, rules)


def _check(app: Any, tmp_path: Path, text: str) -> None:
    mod = tmp_path / "generated_mod"
    (mod / "overrides").mkdir(parents=True, exist_ok=True)
    override = mod / "overrides" / "suiho_1952.toml"
    override.write_text(text, encoding="utf-8")
    problems = _through_the_gate(mod)
    if problems:
        assert all(line.startswith(("/", str(tmp_path))) for line in problems), problems
        return
    source = find_scenario("suiho_1952", (mod,))
    first = None
    for level in load_rules(source).difficulties:
        rules = load_rules(source, level)
        first = first or rules
        for seed, planner in enumerate(("historical", "random")):
            rng = np.random.default_rng(seed)
            chooser = random_planner(np.random.default_rng(seed + 1))
            state = new_game(rules)
            for _ in range(2):
                view = player_view(rules, state)
                orders = (
                    chooser(rules, state, view)
                    if planner == "random"
                    else PLANNERS[planner](rules, view)
                )
                result = run_turn(rules, state, orders, rng)
                state = result.state
                assert state_problems(state, rules) == [], (level, planner, text)
                assert invariant_problems(rules, state, result.events) == [], (level, text)
    from game.ui.screens.planning import PlanningScene
    from game.ui.session import GameSession

    assert first is not None
    session = GameSession.start(first, seed=1)
    session.autosave_enabled = False
    app.push(PlanningScene(app, session))
    app.step([])
    app.draw()
    app.to_title()


FAST = settings(
    max_examples=int(os.environ.get("GATE_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FAST
@given(text=mods())
def test_what_validate_accepts_plays_at_every_difficulty_and_renders(
    shared_app: Any, tmp_path: Path, text: str
) -> None:
    _check(shared_app, tmp_path, text)


@pytest.mark.slow  # the longer fuzz that finds new cases
@settings(
    max_examples=int(os.environ.get("GATE_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mods())
def test_the_gate_holds_over_a_long_fuzz(shared_app: Any, tmp_path: Path, text: str) -> None:
    _check(shared_app, tmp_path, text)
