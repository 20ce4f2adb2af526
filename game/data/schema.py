"""A JSON Schema of the scenario format, for editors' completion and checking."""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import TypeAdapter

from game.core import model
from game.core.effects import EFFECT_PARAMS
from game.data import scenario as scenario_file

# Sections of scenario.toml that are core dataclasses, with the keys the table name supplies.
_SECTIONS: dict[str, tuple[type, tuple[str, ...]]] = {
    "meter": (model.MeterRules, ()),
    "opinion": (model.OpinionRules, ()),
    "supply": (model.SupplyRules, ()),
    "enemy": (model.EnemyRules, ()),
    "score": (model.ScoreRules, ()),
}


def _without(schema: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    props = {k: v for k, v in schema.get("properties", {}).items() if k not in keys}
    required = [k for k in schema.get("required", []) if k not in keys]
    return {**schema, "properties": props, "required": required}


def _levels(node: Any) -> Any:
    """Every number may also be given per difficulty: ``{ easy = 1, normal = 2, hard = 3 }``."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer") and "anyOf" not in node:
            plain = dict(node)
            return {
                "anyOf": [
                    plain,
                    {
                        "type": "object",
                        "description": "one value per difficulty level",
                        "additionalProperties": {"type": plain["type"]},
                    },
                ],
                **({"description": node["description"]} if "description" in node else {}),
            }
        return {k: _levels(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_levels(v) for v in node]
    return node


def _dataclass_schema(
    cls: type, defs: dict[str, Any], drop: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A dataclass's schema; its shared definitions move to the top-level ``$defs``."""
    schema = TypeAdapter(cls).json_schema()
    defs.update(schema.pop("$defs", {}))
    return _without(schema, drop)


def scenario_schema() -> dict[str, Any]:
    schema = scenario_file.ScenarioFile.model_json_schema()
    props = schema["properties"]
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    for name, (cls, drop) in _SECTIONS.items():
        props[name] = _dataclass_schema(cls, defs, drop)
    props["pools"] = {
        "type": "object",
        "description": "aircraft pools by id",
        "additionalProperties": _dataclass_schema(model.PoolDef, defs, ("id",)),
    }
    props["cards"] = {
        "type": "object",
        "description": "restriction cards by id",
        "additionalProperties": _dataclass_schema(model.CardDef, defs, ("id",)),
    }
    event = _dataclass_schema(model.EventDef, defs)
    event["properties"]["effects"] = {
        "type": "array",
        "description": "what the event does; each effect's parameters beside its kind",
        "items": {
            "type": "object",
            "properties": {"kind": {"enum": sorted(EFFECT_PARAMS)}},
            "required": ["kind"],
        },
    }
    props["events"] = {"type": "array", "items": event}
    knobs = {
        f.name: {"type": "number"}
        for f in dataclasses.fields(model.Rules)
        if f.name in scenario_file.RULE_KNOBS
    }
    props["rules"] = {"type": "object", "properties": knobs, "additionalProperties": False}
    schema["title"] = "Air Pressure scenario (scenario.toml)"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return _levels(schema)
