"""Whatever a modder writes, the loader returns rules or a clear error, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import Rules
from game.data.scenario import SCENARIOS_DIR, ScenarioError, load_rules

BASE = (SCENARIOS_DIR / "suiho_1952" / "scenario.toml").read_text(encoding="utf-8")
LINES = BASE.splitlines()
VALUES = st.sampled_from(
    ['"x"', "-1", "0", "1e308", "nan", "inf", "[]", "{}", "true", "1952-13-01", '{ easy = 1 }',
     '"../../etc/passwd"', "[[", '"rashin"', "99999999999999999999", '"\\u0000"']
)  # fmt: skip


def mutate(data: st.DataObject) -> str:
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "value", "garble"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {data.draw(VALUES)}"
        else:
            text = data.draw(st.text(max_size=12))
            lines[i] = lines[i][: len(lines[i]) // 2] + text
        if not lines:
            break
    return "\n".join(lines)


@pytest.mark.slow  # a long fuzz
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_scenario_loads_or_is_refused_with_file_and_key(
    tmp_path: Path, data: st.DataObject
) -> None:
    folder = tmp_path / "mutant"
    folder.mkdir(exist_ok=True)
    file = folder / "scenario.toml"
    file.write_text(mutate(data), encoding="utf-8")
    try:
        rules = load_rules(folder)
    except ScenarioError as exc:
        assert exc.problems
        assert all(line.startswith(str(file)) for line in exc.problems), exc.problems
    else:
        assert isinstance(rules, Rules)
