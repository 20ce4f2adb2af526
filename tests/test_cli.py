"""The headless commands as a user runs them: exit codes and output, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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


def test_scenarios_lists_suiho() -> None:
    out = run("scenarios")
    assert out.returncode == 0
    assert "suiho_1952" in out.stdout


def test_validate_accepts_the_shipped_scenarios() -> None:
    out = run("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "suiho_1952: ok" in out.stdout


def test_validate_reports_file_key_and_message_for_a_broken_scenario(tmp_path: Path) -> None:
    text = (ROOT / "scenarios/suiho_1952/scenario.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "scenario.toml").write_text(
        text.replace("sortie_rate = 1.2", 'sortie_rate = "x"'), encoding="utf-8"
    )
    out = run("validate", str(bad), str(ROOT / "scenarios/suiho_1952"))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert f"{bad / 'scenario.toml'}: pools.f86.sortie_rate:" in out.stdout
    assert "suiho_1952: ok" in out.stdout


def test_validate_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "scenario.toml"
    bad.write_bytes(b"\x00\x01 not toml [[[")
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert str(bad) in out.stdout


def test_simulate_json_prints_one_object_per_run_with_the_summary_keys() -> None:
    out = run("simulate", "suiho_1952", "--seed", "3", "--runs", "2", "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["seed"] for r in rows] == [3, 4]
    keys = {
        "scenario", "seed", "planner", "difficulty", "outcome", "turns_played", "end_date",
        "score", "negotiation_meter", "world_opinion", "us_patience", "front_supply_pct",
        "aircraft_lost", "civilian_casualties", "power_destroyed_pct", "rail_cuts",
        "cities_half_destroyed", "targets",
    }  # fmt: skip
    assert keys <= set(rows[0])
    assert rows[0]["outcome"] == "time_out"
    assert rows[0]["turns_played"] == 5


def test_simulate_is_reproducible_for_a_seed() -> None:
    a = run("simulate", "suiho_1952", "--seed", "7", "--json").stdout
    b = run("simulate", "suiho_1952", "--seed", "7", "--json").stdout
    assert a == b and a


@pytest.mark.slow  # whole campaigns, every planner
def test_simulate_every_planner_plays_to_an_end() -> None:
    for planner in ("historical", "interdiction", "greedy", "balanced", "minimal"):
        out = run("simulate", "suiho_1952", "--planner", planner, "--json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["outcome"] in ("armistice", "recall", "time_out")


def test_simulate_unknown_scenario_is_a_clear_error() -> None:
    out = run("simulate", "atlantis_1952")
    assert out.returncode == 1
    assert "no such scenario" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow  # a calibration run
def test_calibrate_prints_each_target_with_record_band_and_verdict() -> None:
    out = run("calibrate", "--runs", "30", "--only", "suiho,namsi", "--json")
    rows = json.loads(out.stdout)
    assert {r["name"] for r in rows} >= {"Suiho: power destroyed", "Suiho: aircraft lost"}
    assert all({"record", "median", "p10", "p90", "band", "passed"} <= set(r) for r in rows)
    assert out.returncode == (0 if all(r["passed"] for r in rows) else 1)


def test_simulate_writes_the_turn_history_as_csv(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "suiho.csv"
    done = subprocess.run(
        [sys.executable, "main.py", "simulate", "suiho_1952", "--csv", str(out)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Turn", "Last day of the turn (year-month-day)"]
    assert [r[1] for r in rows[1:]] == [f"1952-06-{d}" for d in range(23, 28)]


def test_simulate_says_plainly_when_the_csv_cannot_be_written(tmp_path: Path) -> None:
    in_the_way = tmp_path / "a_file"
    in_the_way.write_text("")
    done = subprocess.run(
        [sys.executable, "main.py", "simulate", "suiho_1952", "--csv", str(in_the_way / "x.csv")],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert f"could not write {in_the_way / 'x.csv'}" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_names_the_file_and_key_of_a_broken_mod_article(tmp_path: Path) -> None:
    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "encyclopedia.toml").write_text(
        '[places.depot]\ntitle = "Depot"\nsource = "E"\n\n'
        '[places.yard]\ntitle = "Yard"\ntext = "Rails."\nsource = "E"\nrelated = ["places.nowhere"]\n'
    )
    out = run("validate", "suiho_1952", "--mods", str(mod))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert f"{mod / 'encyclopedia.toml'}: places.depot.text: Field required" in out.stdout
    assert (
        f"{mod / 'encyclopedia.toml'}: places.yard.related: 'places.nowhere' is not an entry"
        in out.stdout
    )
    assert "suiho_1952: ok" in out.stdout  # the scenarios are still checked
