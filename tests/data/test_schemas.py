"""The published schemas hold every shipped file, refuse what the loader refuses, and
are the files ``.taplo.toml`` points editors at."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.data.encyclopedia import ENCYCLOPEDIA_FILE
from game.data.scenario import SCENARIOS_DIR
from game.data.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
SUIHO = SCENARIOS_DIR / "suiho_1952" / "scenario.toml"


def _json_ready(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _json_ready(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_ready(v) for v in node]
    return node.isoformat() if isinstance(node, date) else node


def _check(kind: str, data: dict[str, Any]) -> None:
    jsonschema.validate(_json_ready(data), SCHEMAS[kind]())


def _suiho() -> dict[str, Any]:
    return tomllib.loads(SUIHO.read_text(encoding="utf-8"))


@pytest.mark.parametrize("scenario", sorted(p.name for p in SCENARIOS_DIR.iterdir()))
def test_every_shipped_scenario_fits_the_scenario_and_override_schemas(scenario: str) -> None:
    data = tomllib.loads((SCENARIOS_DIR / scenario / "scenario.toml").read_text("utf-8"))
    _check("scenario", data)
    _check("override", data)  # a whole scenario is also a (very full) override


def test_the_shipped_encyclopedia_fits_its_schema() -> None:
    _check("encyclopedia", tomllib.loads(ENCYCLOPEDIA_FILE.read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        _check("encyclopedia", {"weapons": {"x": {"title": "X", "text": "t", "source": "A"}}})


def test_a_partial_override_fits_and_a_whole_table_is_not_required() -> None:
    _check(
        "override",
        {
            "pools": {"f86": {"accuracy": 0.4}},
            "events": [{"id": "london_protest", "title": "Quieter"}],
            "delete": ["targets.kaesong"],
        },
    )
    with pytest.raises(jsonschema.ValidationError):
        _check("scenario", {"pools": {"f86": {"accuracy": 0.4}}})


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["events"][0]["effects"].append({"kind": "meter", "delta": 1, "deltaa": 2}),
        lambda d: d["events"][0]["effects"].append({"kind": "metre", "delta": 1}),
        lambda d: d["events"][0]["effects"].append({"kind": "talks", "state": "paused"}),
        lambda d: d["events"][0]["conditions"].append({"metric": "meterr", "op": ">=", "value": 1}),
        lambda d: d["events"][0]["conditions"].append({"metric": "meter", "op": "=>", "value": 1}),
        lambda d: (
            next(iter(d["cards"].values())).setdefault("scope", {}).update(zone_kinds=["sanctuar"])
        ),
    ],
)
def test_the_schema_refuses_misspelt_enumerations_and_effect_parameters(edit) -> None:  # type: ignore[no-untyped-def]
    data = _suiho()
    edit(data)
    for kind in ("scenario", "override"):
        with pytest.raises(jsonschema.ValidationError):
            _check(kind, data)


def test_the_loader_refuses_an_unknown_effect_parameter_too(tmp_path: Path) -> None:
    from tests.data.test_hostile_input import event, one_with, problems, scenario

    body = 'effects = [{ kind = "meter", delta = 1, deltaa = 2 }]'
    line = one_with(problems(scenario(tmp_path, extra=event(body))), "deltaa")
    assert "unknown parameter" in line and "delta" in line


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_the_shipped_schema_files_are_the_ones_the_game_makes(kind: str) -> None:
    shipped = json.loads((ROOT / "docs" / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    assert shipped == json.loads(json.dumps(SCHEMAS[kind]())), (
        f"run: python main.py schema {kind} --out docs/schemas/{kind}.schema.json"
    )


def test_the_taplo_configuration_points_every_modding_file_at_its_schema() -> None:
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    by_schema = {Path(r["schema"]["path"]).name: r["include"] for r in config["rule"]}
    assert set(by_schema) == {f"{k}.schema.json" for k in SCHEMAS}
    for name, patterns in by_schema.items():
        assert (ROOT / "docs" / "schemas" / name).is_file()
        assert any(pattern.startswith("**/") for pattern in patterns)  # mods, anywhere
    scenario_files = {
        p for pattern in by_schema["scenario.schema.json"] for p in ROOT.glob(pattern)
    }
    assert {SCENARIOS_DIR / p.name / "scenario.toml" for p in SCENARIOS_DIR.iterdir()} <= {
        p.resolve() for p in scenario_files
    }
    assert any(ROOT.glob(by_schema["encyclopedia.schema.json"][0]))


@pytest.mark.skipif(shutil.which("taplo") is None, reason="taplo (pip install taplo) not installed")
def test_taplo_checks_the_shipped_files_by_the_configuration(tmp_path: Path) -> None:
    files = [*(str(p) for p in SCENARIOS_DIR.glob("*/scenario.toml")), str(ENCYCLOPEDIA_FILE)]
    done = subprocess.run(["taplo", "check", *files], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    probe = ROOT / "scenarios" / "zz_schema_probe"
    probe.mkdir()
    try:
        text = SUIHO.read_text(encoding="utf-8").replace("[meter]", "[meter]\ntreshold = 1", 1)
        (probe / "scenario.toml").write_text(text, encoding="utf-8")
        done = subprocess.run(
            ["taplo", "check", str(probe / "scenario.toml")],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode != 0 and "treshold" in done.stderr
    finally:
        shutil.rmtree(probe)


@pytest.mark.parametrize(
    ("value", "fits"),
    [
        ({"easy": 10, "normal": 20, "hard": 30}, True),
        ({"easy": 10, "normal": 200}, False),  # out of the plain field's bounds (0-100)
        ({"easy": 10, "Normal": 20}, False),  # not a snake_case level name
        ({"easy": "ten"}, False),
        ({}, False),
        (200, False),
    ],
)
def test_a_value_by_difficulty_is_bounded_like_the_plain_value(value: Any, fits: bool) -> None:
    for kind in ("scenario", "override"):
        data = _suiho()
        next(iter(data["targets"].values()))["initial_damage"] = value
        if fits:
            _check(kind, data)
        else:
            with pytest.raises(jsonschema.ValidationError):
                _check(kind, data)


def test_an_effect_parameter_by_difficulty_keeps_the_effects_bounds() -> None:
    data = _suiho()
    data["events"][0]["effects"] = [{"kind": "meter", "delta": {"easy": 1, "hard": 5}}]
    _check("scenario", data)
    data["events"][0]["effects"] = [{"kind": "meter", "delta": {"easy": 1, "hard": 500}}]
    with pytest.raises(jsonschema.ValidationError):
        _check("scenario", data)
