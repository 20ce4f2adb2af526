"""The strategy table in docs/ is produced by a command, not typed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.strategies import STRATEGIES, strategies_markdown

pytestmark = pytest.mark.slow  # plays every planner's campaign

DOC = Path(__file__).resolve().parents[1] / "docs" / "STRATEGIES.md"


def test_the_command_writes_a_row_per_planner_in_the_documented_layout() -> None:
    text = strategies_markdown(runs=2)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split("|")[1].strip() for r in rows[1:]] == list(STRATEGIES)
    documented = DOC.read_text(encoding="utf-8").splitlines()
    # Same table header and columns as the committed file, which came from this command.
    assert text.splitlines()[5:7] == documented[5:7]
    assert len(documented) == len(text.splitlines())
