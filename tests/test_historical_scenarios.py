"""The shipped historical raid scenarios: they validate, list the 22 main cities, carry
sourced notes, and play to an end state headless with every built-in planner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("pressure_pump_1952", "dams_1953", "strangle_1951", "campaign_1952")
PLANNERS = ("historical", "minimal", "interdiction", "greedy", "balanced")
MAIN_CITIES = {
    "pyongyang", "sinuiju", "wonsan", "hamhung", "chongjin", "sariwon", "haeju", "kanggye",
    "sinanju", "sunchon", "kaechon", "huichon", "chongju", "yangdok", "kowon", "hongwon",
    "kilju", "songjin", "pukchong", "manpojin", "chinnampo", "pyonggang",
}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def raw(scenario: str) -> dict:
    return tomllib.loads((ROOT / "scenarios" / scenario / "scenario.toml").read_text("utf-8"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_validates(scenario: str) -> None:
    out = run("validate", f"scenarios/{scenario}")
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{scenario}: ok" in out.stdout


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_names_the_22_main_cities_and_has_briefing_plan_and_notes(scenario: str) -> None:
    data = raw(scenario)
    assert set(data["scenario"]["main_cities"]) == MAIN_CITIES
    assert len(data["scenario"]["main_cities"]) == 22
    assert data["scenario"]["briefing"].strip()
    assert data["plan"]["operations"] and data["plan"]["fallback"]
    assert all(op.get("source") for op in data["plan"]["operations"])
    notes = data["notes"]
    assert len(notes) >= 5
    for note_id, note in notes.items():
        assert note["text"].strip(), note_id
        assert set(note["source"].replace(",", " ").split()) <= {"A", "V", "E"}, note_id


@pytest.mark.slow  # whole campaigns, every planner
@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("planner", PLANNERS)
def test_scenario_plays_to_an_end_headless(scenario: str, planner: str) -> None:
    out = run("simulate", scenario, "--planner", planner, "--json")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout.strip().splitlines()[-1])
    assert row["scenario"] == scenario and row["planner"] == planner
    assert row["outcome"] in ("armistice", "recall", "time_out")
    assert set(row["targets"]) >= MAIN_CITIES
