"""JSON Schemas of the modding formats, for editors' completion and generic checkers.

Three schemas: ``scenario.toml``, a mod's override file (the same tables, nothing
required, and ``delete``) and ``encyclopedia.toml``. Every enumeration the loader
knows is spelt out: effect kinds with their parameters, condition metrics and
operators, target and zone kinds, roles, talks states. ``docs/schemas/`` holds them as
files and ``.taplo.toml`` points editors (Even Better TOML) at them; a test keeps those
files equal to what this module makes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import TypeAdapter

from game.core import model
from game.core.conditions import METRICS, OPERATORS
from game.core.effects import EFFECT_PARAMS
from game.core.targets import TARGET_KINDS, ZONE_KINDS
from game.data import scenario as scenario_file
from game.data.bounds import EFFECT_LIMITS, OPTIONAL_EFFECT_PARAMS
from game.data.encyclopedia import CATEGORIES, _EntryFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"

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


DIFFICULTY_NAME = r"^[a-z][a-z0-9_]*$"  # a level's name, as scenario.difficulties declares


def _levels(node: Any) -> Any:
    """Every number may also be given per difficulty: ``{ easy = 1, normal = 2, hard = 3 }``,
    each value bounded as the plain number is, each key a snake_case level name."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer") and "oneOf" not in node:
            plain = {k: v for k, v in node.items() if k not in ("description", "title", "default")}
            return {
                "oneOf": [
                    plain,
                    {
                        "type": "object",
                        "description": "one value per difficulty level",
                        "minProperties": 1,
                        "propertyNames": {"pattern": DIFFICULTY_NAME},
                        "additionalProperties": plain,
                    },
                ],
                **{k: node[k] for k in ("description", "title", "default") if k in node},
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
        "items": {"oneOf": [_effect_schema(kind) for kind in sorted(EFFECT_PARAMS)]},
    }
    ending = _dataclass_schema(model.EndingDef, defs)
    _spell_out_enumerations(defs)
    props["events"] = {"type": "array", "items": event}
    props["endings"] = {
        "type": "array",
        "description": "the scenario's own ends of the game: victory, defeat or another outcome",
        "items": ending,
    }
    knobs = {
        f.name: {"type": "number"}
        for f in dataclasses.fields(model.Rules)
        if f.name in scenario_file.RULE_KNOBS
    }
    props["rules"] = {"type": "object", "properties": knobs, "additionalProperties": False}
    schema["title"] = "Air Pressure scenario (scenario.toml)"
    schema["$schema"] = DRAFT
    return _levels(schema)


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _param_schema(kind: str, name: str, typ: Any) -> dict[str, Any]:
    types = typ if isinstance(typ, tuple) else (typ,)
    names = sorted({_JSON_TYPES[t] for t in types})
    out: dict[str, Any] = {"type": "number" if "number" in names else names[0]}
    low_high = EFFECT_LIMITS.get(kind, {}).get(name)
    if low_high is not None:
        out["minimum"], out["maximum"] = low_high
    if kind == "talks" and name == "state":
        out["enum"] = [t.value for t in model.TalksState]
    return out


def _effect_schema(kind: str) -> dict[str, Any]:
    """One effect kind: ``kind`` and its parameters, each typed and bounded."""
    required = EFFECT_PARAMS[kind]
    optional = OPTIONAL_EFFECT_PARAMS.get(kind, {})
    props: dict[str, Any] = {"kind": {"const": kind}}
    for name, typ in {**required, **optional}.items():
        props[name] = _param_schema(kind, name, typ)
    return {
        "type": "object",
        "title": f"effect {kind}",
        "properties": props,
        "required": ["kind", *required],
        "additionalProperties": False,
    }


def _spell_out_enumerations(defs: dict[str, Any]) -> None:
    """Fields the loader checks against a list, given that list in the schema."""
    condition = defs["Condition"]["properties"]
    condition["metric"] = {"enum": sorted(METRICS), "description": "what the condition reads"}
    condition["op"] = {"enum": list(OPERATORS), "description": "how it compares"}
    scope = defs["CardScope"]["properties"]
    scope["target_kinds"]["items"] = {"enum": list(TARGET_KINDS)}
    scope["zone_kinds"]["items"] = {"enum": list(ZONE_KINDS)}
    scope["roles"]["items"] = {"enum": [r.value for r in model.Role]}
    scope["press"]["items"] = {"enum": [p.value for p in model.PressPolicy]}
    scope["time"]["enum"] = ["day", "night", "any"]


def _nothing_required(node: Any) -> Any:
    """An override may give any part of a table: every ``required`` list is dropped."""
    if isinstance(node, dict):
        return {k: _nothing_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_nothing_required(v) for v in node]
    return node


def override_schema() -> dict[str, Any]:
    """A mod's ``overrides/<scenario id>.toml``: values laid over the scenario's, key by key."""
    schema = _nothing_required(scenario_schema())
    schema["properties"]["delete"] = {
        "type": "array",
        "description": "ids to remove, as 'section.id', e.g. 'targets.kaesong' or 'events.x'",
        "items": {"type": "string", "pattern": r"^[a-z_]+\.[A-Za-z0-9_-]+$"},
    }
    # Events merge by id: an entry names the event it changes.
    schema["properties"]["events"]["items"]["required"] = ["id"]
    schema["title"] = "Air Pressure scenario override (a mod's overrides/<id>.toml)"
    return schema


def encyclopedia_schema() -> dict[str, Any]:
    """``encyclopedia.toml``: articles by category and key."""
    entry = _EntryFile.model_json_schema()
    return {
        "$schema": DRAFT,
        "title": "Air Pressure encyclopedia (encyclopedia.toml)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            category: {
                "type": "object",
                "description": heading,
                "propertyNames": {"pattern": r"^[A-Za-z0-9_-]+$"},
                "additionalProperties": {"$ref": "#/$defs/Entry"},
            }
            for category, heading in CATEGORIES.items()
        },
        "$defs": {"Entry": entry},
    }


SCHEMAS = {
    "scenario": scenario_schema,
    "override": override_schema,
    "encyclopedia": encyclopedia_schema,
}
