"""Small faults a player met: no display, the README's turn lengths, too few calibration runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import cli
from game.__main__ import no_display
from game.calibration.common import CheckResult
from game.data.scenario import find_scenario, load_rules

ROOT = Path(__file__).resolve().parents[1]


def test_without_a_display_the_game_says_so_and_exits_2() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "no display" in done.stderr


def test_a_display_or_a_chosen_driver_lets_the_window_open() -> None:
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display({"SDL_VIDEODRIVER": "dummy"}, "linux") is None
    assert no_display({}, "win32") is None
    assert no_display({}, "linux")


def test_the_readme_gives_each_scenario_its_turn_length() -> None:
    rows = re.findall(r"^\| `(\w+)` \|.*\| (\w[\w ]*) \|$", (ROOT / "README.md").read_text(), re.M)
    assert len(rows) >= 5
    words = {1: "daily", 7: "weekly"}
    for scenario, length in rows:
        turn_days = load_rules(find_scenario(scenario)).turn_days
        assert length == words.get(turn_days, f"{turn_days} days"), scenario


def _failing(runs: int) -> list[CheckResult]:
    return [CheckResult("a band", "1–2", 5.0, 4.0, 6.0, "1–2", False)]


@pytest.mark.parametrize(("runs", "warned"), [(5, True), (50, False)])
def test_a_failed_band_on_few_runs_says_the_runs_are_too_few(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], runs: int, warned: bool
) -> None:
    import game.calibration

    monkeypatch.setattr(game.calibration, "ALL_CHECKS", {"fake": _failing})
    assert cli.main(["calibrate", "--runs", str(runs)]) == 1
    err = capsys.readouterr().err
    assert ("too few" in err) is warned
