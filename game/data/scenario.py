"""Scenario files -> :class:`~game.core.model.Rules`.

A scenario is a folder with ``scenario.toml``. Every problem is reported with the
file and the key path (``file: key.path: message``), all at once, never as a
traceback. Numbers may be given per difficulty side by side:
``labour = { easy = 15000, normal = 20000, hard = 26000 }``.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from game.content import content_dir
from game.core import model
from game.core.aar import METRICS as RECORD_METRICS
from game.core.conditions import METRICS, NAMING_METRICS, OPERATORS
from game.core.effects import EFFECT_PARAMS
from game.core.geometry import KM_PER_DEG_LON_EQUATOR, Layer, MapGeometry, polyline_length
from game.core.leadership import DECISIONS
from game.core.model import (
    COST_KINDS,
    CardDef,
    EnemyRules,
    EventDef,
    HistoricalPlan,
    LeaderDef,
    LeadershipRules,
    MeterRules,
    Operation,
    OpinionRules,
    PoolDef,
    Rules,
    ScoreRules,
    SupplyRules,
    TargetDef,
)
from game.core.targets import TARGET_KINDS, ZONE_KINDS
from game.data.bounds import OPTIONAL_EFFECT_PARAMS, effect_problems, rule_problems
from game.data.guards import HostileText, check_toml_text, inside, name_problem
from game.data.maps import MapError, load_map
from game.data.mods import Merge, ScenarioSource, apply_override, discover
from game.data.problems import known_keys, locate_line, unknown_key, with_hint
from game.data.syntax import parse_recovering

SCENARIOS_DIR = content_dir("scenarios")
MAPS_DIR = content_dir("assets") / "maps"
SCENARIO_FILE = "scenario.toml"
MAX_SCENARIO_BYTES = 2_000_000


class ScenarioError(Exception):
    """A scenario that cannot be played; ``problems`` are ``file: key.path: message`` lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Header(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    map: str
    start: date
    end: date
    turn_days: int = Field(ge=1, le=31)
    difficulties: list[str] = ["easy", "normal", "hard"]
    default_difficulty: str = "normal"
    briefing: str = ""
    main_cities: list[str] = []
    escort_pool: str = ""
    initial_talks: model.TalksState = model.TalksState.IN_SESSION
    talks_name: str = Field("Armistice talks", min_length=1, max_length=40)
    navy_cooperation: float = Field(0.8, ge=0, le=1)
    cooperation_gain: float = Field(0.02, ge=0, le=1)
    seed: int = 1


class TargetDefaults(_Strict):
    capacity: float = Field(0.0, ge=0)
    value: float = Field(1.0, ge=0)
    hardness: float = Field(50.0, gt=0)
    flak: float = Field(0.0, ge=0)
    civilians: float = Field(0.0, ge=0)
    repair_labour: float = Field(100.0, gt=0)
    repair_crew: float = Field(2000.0, gt=0)
    initial_damage: float = Field(0.0, ge=0, le=100)


class TargetEntry(_Strict):
    name: str | None = None
    capacity: float | None = Field(None, ge=0)
    value: float | None = Field(None, ge=0)
    hardness: float | None = Field(None, gt=0)
    flak: float | None = Field(None, ge=0)
    civilians: float | None = Field(None, ge=0)
    repair_labour: float | None = Field(None, gt=0)
    repair_crew: float | None = Field(None, gt=0)
    initial_damage: float | None = Field(None, ge=0, le=100)
    carries: str = ""
    floods: list[str] = []
    rice_tons: float = Field(0.0, ge=0)
    note: str = ""


class OperationEntry(_Strict):
    day: date
    target: str
    strike: dict[str, int]
    escort: int = Field(0, ge=0)
    suppression: dict[str, int] = {}
    night: bool = False
    warning: bool = False
    name: str = ""
    source: str = ""


class PlanEntry(_Strict):
    operations: list[OperationEntry] = []
    interdiction: float = Field(0.5, ge=0, le=1)
    close_support: float = Field(0.2, ge=0, le=1)
    city_attacks: float = Field(0.2, ge=0, le=1)
    press: model.PressPolicy = model.PressPolicy.ROUTINE
    warnings_until: date | None = None
    fallback: Literal["next_in_kind", "standing_tasks"] = "next_in_kind"
    summary: str = ""


class WeatherEntry(_Strict):
    east_of_lon: float = 127.3
    odds: dict[int, tuple[float, float, float]] = {}
    accuracy: dict[str, float] = {}


class RecordFigureEntry(_Strict):
    label: str = Field(min_length=1)
    record: str = Field(min_length=1)
    # Tags of the history brief: A (the article), V (verified elsewhere), E (estimate).
    source: str = Field(pattern=r"^[AVE](, [AVE])*$")
    metric: str = ""  # the player's figure set beside it; "" for none

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value and value not in RECORD_METRICS:
            known = ", ".join(RECORD_METRICS)
            raise ValueError(f"unknown metric '{value}' (known: {known})")
        return value


class PlanScoreEntry(_Strict):
    """What the historical planner scores here over many seeds: the player's yardstick."""

    median: float
    low: float  # the 10th percentile
    high: float  # the 90th percentile
    seeds: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> PlanScoreEntry:
        if not self.low <= self.median <= self.high:
            raise ValueError("plan_score needs low <= median <= high")
        return self


class RecordEntry(_Strict):
    summary: str = ""
    figures: list[RecordFigureEntry] = Field(min_length=1)
    plan_score: PlanScoreEntry | None = None

    def resolve(self) -> model.HistoricalRecord:
        ps = self.plan_score
        return model.HistoricalRecord(
            self.summary.strip(),
            tuple(model.RecordFigure(f.label, f.record, f.source, f.metric) for f in self.figures),
            model.PlanScore(ps.median, ps.low, ps.high, ps.seeds) if ps else None,
        )


class PoolEntry(_Strict):
    """A pool as written: ``PoolDef`` without its id, which is the table's key."""

    model_config = ConfigDict(extra="allow")


class OptionEntry(_Strict):
    """An alternative history: changes to the scenario a player may choose."""

    name: str
    text: str = ""
    set: dict[str, Any] = {}  # tables merged over the scenario's own, key by key
    remove_events: list[str] = []


class ScenarioFile(_Strict):
    scenario: Header
    rules: dict[str, Any] = {}
    weather: WeatherEntry = WeatherEntry()
    meter: dict[str, Any] = {}
    opinion: dict[str, Any] = {}
    supply: dict[str, Any]
    enemy: dict[str, Any] = {}
    score: dict[str, Any] = {}
    pools: dict[str, dict[str, Any]]
    target_defaults: dict[str, TargetDefaults] = {}
    targets: dict[str, TargetEntry]
    cards: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    endings: list[dict[str, Any]] = []
    plan: PlanEntry = PlanEntry()
    notes: dict[str, dict[str, str]] = {}
    historical_record: RecordEntry | None = None
    leadership: dict[str, Any] = {}
    options: dict[str, OptionEntry] = {}


# Fields of Rules a scenario may set in [rules].
RULE_KNOBS = {
    f.name
    for f in dataclasses.fields(Rules)
    if f.type in ("float", "int")
    and f.name not in ("turn_days", "navy_cooperation", "cooperation_gain")
}


def scenario_file(path: Path) -> Path:
    return path / SCENARIO_FILE if path.is_dir() else path


def list_scenarios(root: Path = SCENARIOS_DIR) -> list[Path]:
    if not root.is_dir():
        raise ScenarioError([f"{root}: the scenarios folder is missing; reinstall the game"])
    return sorted(p for p in root.iterdir() if (p / SCENARIO_FILE).is_file())


def list_sources(mods: tuple[Path, ...] = ()) -> list[ScenarioSource]:
    """Shipped scenarios and those the player's mods add or override, by id."""
    return sorted(discover(list_scenarios(), mods).values(), key=lambda s: s.id)


def find_scenario(name_or_path: str, mods: tuple[Path, ...] = ()) -> ScenarioSource:
    """A scenario by id (shipped or from a mod) or by folder or file path."""
    candidate = Path(name_or_path)
    why = name_problem(name_or_path)
    if why:
        raise ScenarioError([f"{name_or_path[:60]}...: scenario name {why}"])
    if candidate.exists():
        file = scenario_file(candidate)
        return ScenarioSource(file.parent.name, file, (), "file")
    sources = discover(list_scenarios(), mods)
    if name_or_path in sources:
        return sources[name_or_path]
    known = ", ".join(sorted(sources)) or "none"
    raise ScenarioError([f"{name_or_path}: no such scenario (known: {known})"])


def load_rules(
    source: Path | ScenarioSource, difficulty: str | None = None, options: tuple[str, ...] = ()
) -> Rules:
    """Read, check and resolve a scenario; raise :class:`ScenarioError` with every problem.

    ``options`` names alternative histories from the scenario's ``[options]``.
    """
    if isinstance(source, Path):
        file = scenario_file(source)
        source = ScenarioSource(file.parent.name, file)
    file = source.file
    problems: list[str] = []
    lost: list[tuple[str, ...]] = []
    base = _read_toml(file, problems, lost)
    if base is None:
        raise ScenarioError(problems)
    merge = Merge(base)
    for override in source.overrides:
        laid = _read_toml(override, problems, [])
        if laid is not None:
            apply_override(merge, laid, override, problems)
    raw = _with_options(file, merge.data, options, problems)
    header = raw.get("scenario")
    named = header.get("id") if isinstance(header, dict) else None
    if source.origin not in ("file", "shipped") and isinstance(named, str) and named != source.id:
        problems.append(
            f"{file}: scenario.id: '{named}' is not the name of its folder '{source.id}'; "
            "a mod scenario's id is its folder's name"
        )
    try:
        rules = _load_merged(file, raw, difficulty, problems)
    except ScenarioError as exc:
        problems.extend(exc.problems)
        rules = None
    if problems or rules is None:
        problems = _without_echoes(problems, file, lost)
        raise ScenarioError(_attribute(problems, file, merge, raw.get("events")))
    files = (str(file), *(str(o) for o in source.overrides), *rules.content_files)
    mods = tuple(o for o in source.origin.split(" + ") if o not in ("shipped", "file"))
    sprites = _sprites(file.parent, problems)
    if problems:
        raise ScenarioError(_attribute(problems, file, merge, raw.get("events")))
    offered = merge.data.get("options", {})
    alternatives = tuple(
        (oid, str(o.get("name", oid)), str(o.get("text", "")))
        for oid, o in sorted(offered.items())
        if isinstance(o, dict)
    )
    return dataclasses.replace(
        rules,
        content_files=files,
        mods=mods,
        sprites=sprites,
        options=tuple(options),
        alternatives=alternatives,
    )


def _with_options(
    file: Path, raw: dict[str, Any], chosen: tuple[str, ...], problems: list[str]
) -> dict[str, Any]:
    """The scenario as the chosen alternative histories change it."""
    offered = raw.get("options", {})
    if not isinstance(offered, dict):
        return raw
    out = raw
    for name in chosen:
        option = offered.get(name)
        if not isinstance(option, dict):
            known = ", ".join(sorted(offered)) or "none"
            problems.append(f"{file}: options: no option '{name}' (known: {known})")
            continue
        patch = option.get("set", {})
        if isinstance(patch, dict):
            out = _merged(out, patch)
        drop = option.get("remove_events", [])
        if isinstance(drop, list):
            events = out.get("events", [])
            out = {
                **out,
                "events": [e for e in events if not (isinstance(e, dict) and e.get("id") in drop)],
            }
    return out


def _merged(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


MAX_SPRITE_BYTES = 256_000
MAX_SPRITE_SIDE = 128  # pixels


def _sprites(folder: Path, problems: list[str]) -> dict[str, str]:
    """Icons a scenario brings: ``sprites/<target type>.png`` beside its scenario.toml.

    Only PNG files of modest size are taken; their dimensions are read from the PNG
    header so a bad file is named here, before the interface ever decodes it.
    """
    sprites_dir = folder / "sprites"
    if not sprites_dir.is_dir():
        return {}
    found: dict[str, str] = {}
    if sprites_dir.is_symlink():
        problems.append(
            f"{sprites_dir}: sprites must be files inside the scenario folder; copy them in"
        )
        return {}
    for png in sorted(sprites_dir.glob("*.png")):
        if (
            png.is_symlink()
            or not png.is_file()
            or not png.resolve().is_relative_to(folder.resolve())
        ):
            problems.append(
                f"{png}: sprites must be files inside the scenario folder; copy the PNG in"
            )
            continue
        if png.stat().st_size > MAX_SPRITE_BYTES:
            problems.append(
                f"{png}: larger than {MAX_SPRITE_BYTES:,} bytes; save it smaller (at most "
                f"{MAX_SPRITE_SIDE}x{MAX_SPRITE_SIDE} pixels)"
            )
            continue
        content = png.read_bytes()
        head = content[:24]
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
            problems.append(f"{png}: not a PNG image; save the picture as PNG")
            continue
        if content[-8:-4] != b"IEND":  # a file cut short: the decoder would fail in play
            problems.append(
                f"{png}: the PNG file is cut short (no IEND chunk); save or copy it again"
            )
            continue
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if not (0 < width <= MAX_SPRITE_SIDE and 0 < height <= MAX_SPRITE_SIDE):
            problems.append(
                f"{png}: {width}x{height} pixels; sprites may be at most "
                f"{MAX_SPRITE_SIDE}x{MAX_SPRITE_SIDE}; scale it down"
            )
            continue
        found[png.stem] = str(png)
    return found


DEFAULT_LEVELS = ["easy", "normal", "hard"]


def _load_merged(
    file: Path, raw: dict[str, Any], difficulty: str | None, problems: list[str]
) -> Rules | None:
    """Check and build the merged data. A broken table does not stop the checks of the
    others: its bad values are named and left out, and the rest is checked as usual."""
    header = raw.get("scenario", {})
    header = dict(header) if isinstance(header, dict) else header
    levels = header.get("difficulties", DEFAULT_LEVELS) if isinstance(header, dict) else []
    if not isinstance(levels, list) or not levels or not all(isinstance(v, str) for v in levels):
        if isinstance(header, dict):
            problems.append(
                f"{file}: scenario.difficulties: expected a list of names (found {levels!r}); "
                'write e.g. difficulties = ["easy", "normal", "hard"]'
            )
            header.pop("difficulties")
        levels = DEFAULT_LEVELS
    chosen = difficulty or (
        header.get("default_difficulty", "normal") if isinstance(header, dict) else "normal"
    )
    if difficulty is not None and difficulty not in levels:
        raise ScenarioError(
            [
                f"{file}: scenario.difficulties: no difficulty '{difficulty}' in {levels}; "
                f"pick one of {', '.join(levels)}"
            ]
        )
    if not isinstance(chosen, str) or chosen not in levels:
        problems.append(
            f"{file}: scenario.default_difficulty: no difficulty '{chosen}' in {levels}; "
            f"pick one of {', '.join(levels)}"
        )
        assert isinstance(header, dict)
        header.pop("default_difficulty", None)
        chosen = "normal" if "normal" in levels else levels[0]
    if isinstance(header, dict):
        header.setdefault("difficulties", levels)
        header.setdefault("default_difficulty", chosen)
        raw = {**raw, "scenario": header}
    resolved = _pick_difficulty(raw, levels, chosen, problems, file)
    data, broken = _validated(file, resolved, problems)
    if data is None:
        return None
    geometry = None
    map_path = None
    if ("scenario", "map") not in broken and ("scenario",) not in broken:
        map_path = _map_path(file, data.scenario.map, problems)
    if map_path is not None:
        try:
            geometry = load_map(map_path)
        except MapError as exc:
            problems.append(f"{file}: scenario.map: {exc}; check the map in Tiled")
    rules = _build(file, data, chosen, geometry, problems)
    if rules is None or geometry is None or broken:
        return None
    return dataclasses.replace(rules, content_files=(str(map_path),))


# What a required [scenario] field that is missing or broken stands in by, so the
# other tables are still checked; the problem itself is named.
_HEADER_STAND_INS: dict[str, Any] = {
    "id": "scenario",
    "name": "",
    "map": "",
    "start": date(1950, 1, 1),
    "end": date(1950, 1, 1),
    "turn_days": 1,
}
_MAX_REPAIRS = 4


def _validated(
    file: Path, resolved: dict[str, Any], problems: list[str]
) -> tuple[ScenarioFile | None, set[tuple[Any, ...]]]:
    """The file's tables as models; a bad value is named and left out (or, for a
    required ``[scenario]`` field, stood in for), then the rest is checked again."""
    broken: set[tuple[Any, ...]] = set()
    data: Any = resolved
    for _ in range(_MAX_REPAIRS):
        try:
            return ScenarioFile.model_validate(data), broken
        except ValidationError as exc:
            errors = exc.errors()
        for err in errors:
            loc = tuple(err["loc"])
            if not any(loc[: len(b)] == b for b in broken):
                problems.append(_format(file, err, (), ScenarioFile))
            broken.add(loc)
        data = _repaired(data, [tuple(e["loc"]) for e in errors], [e["type"] for e in errors])
    return None, broken  # repairs that do not settle: what was named is all there is


def _repaired(
    data: Any, locs: list[tuple[Any, ...]], kinds: list[str], top: bool = True
) -> dict[str, Any]:
    """``data`` without the values at ``locs``, in a copy. ``top``: ``data`` is a whole
    scenario file, whose ``[scenario]`` fields are stood in for and whose required
    tables are left empty rather than out."""
    out = copy.deepcopy(data) if isinstance(data, dict) else {}
    gone = object()
    for loc, kind in zip(locs, kinds, strict=True):
        if not loc:
            continue
        if top and loc[0] == "scenario":
            header = out.get("scenario")
            if len(loc) == 1 or not isinstance(header, dict):
                out["scenario"] = {
                    **_HEADER_STAND_INS,
                    **(header if isinstance(header, dict) else {}),
                }
                if len(loc) == 1:
                    continue
                header = out["scenario"]
            if loc[1] in _HEADER_STAND_INS:
                header[loc[1]] = _HEADER_STAND_INS[loc[1]]
            else:
                header.pop(loc[1], None)
            continue
        if len(loc) == 1:
            if kind == "extra_forbidden" or not top:
                out.pop(loc[0], None)
            else:
                out[loc[0]] = {}  # a required table left out, or one of the wrong type
            continue
        # A missing field: the entry that lacks it goes. Otherwise the value goes; in a
        # list of plain values (a tuple, coordinates), the whole list.
        path = loc[:-1] if kind == "missing" else loc
        parent: Any = out
        for part in path[:-1]:
            parent = (
                parent.get(part)
                if isinstance(parent, dict)
                else (
                    parent[part]
                    if isinstance(parent, list) and isinstance(part, int) and part < len(parent)
                    else None
                )
            )
            if parent is None:
                break
        else:
            last = path[-1]
            if isinstance(parent, dict):
                parent.pop(last, None)
            elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                parent[last] = gone
    return _drop(out, gone)


def _drop(node: Any, gone: object) -> Any:
    if isinstance(node, dict):
        return {k: _drop(v, gone) for k, v in node.items() if v is not gone}
    if isinstance(node, list):
        return [_drop(v, gone) for v in node if v is not gone]
    return node


def _without_echoes(problems: list[str], file: Path, lost: list[tuple[str, ...]]) -> list[str]:
    """Problems that only echo another: a field 'missing' inside a table already named
    missing, or blanked out to read past a syntax error, or a reference to such a table."""
    prefix = f"{file}: "
    missing = {
        tuple(line[len(prefix) :].partition(": ")[0].split("."))
        for line in problems
        if line.startswith(prefix) and line.endswith(": Field required")
    } | {tuple(p) for p in lost if p}
    lost_ids = {p[1] for p in lost if len(p) == 2 and p[0] in ("pools", "cards", "targets")}
    out = []
    for line in problems:
        key, _, message = line[len(prefix) :].partition(": ")
        parts = tuple(key.split("."))
        if line.startswith(prefix) and "TOML syntax" not in message:
            if message.startswith("Field required") and any(
                parts[: len(m)] == m and len(parts) >= len(m) and (parts != m or m in lost)
                for m in missing
            ):
                continue
            if any(f"'{i}'" in message for i in lost_ids):
                continue
        out.append(line)
    return out


def _attribute(problems: list[str], base: Path, merge: Merge, events: Any = None) -> list[str]:
    """Name the file that set each bad key (a mod's override or the base), with its line,
    each event by its id rather than its place in the list, and a hint at every fix."""
    out = []
    prefix = f"{base}: "
    texts: dict[Path, str] = {}
    for line in problems:
        file_name, _, rest = line.partition(": ")
        key, sep, message = rest.partition(": ")
        if not sep or " " in key:
            out.append(f"{file_name}: {with_hint(rest)}")
            continue
        if _HAS_LINE.search(message):
            out.append(f"{file_name}: {key}: {with_hint(message)}")
            continue
        parts = tuple(key.split("."))
        file = merge.file_for(parts, base) if line.startswith(prefix) else Path(file_name)
        if file not in texts:
            try:
                texts[file] = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                texts[file] = ""
        number = locate_line(texts[file], parts)
        where = f" (line {number})" if number else ""
        out.append(f"{file}: {_event_by_id(key, events)}: {with_hint(message)}{where}")
    return out


_HAS_LINE = re.compile(r"\(line \d+")


def _event_by_id(key: str, events: Any) -> str:
    """``events.3.chance`` as ``events.stalin_dies.chance`` when event 3 has a usable id."""
    parts = key.split(".")
    if len(parts) < 2 or parts[0] != "events" or not parts[1].isdigit():
        return key
    index = int(parts[1])
    entry = events[index] if isinstance(events, list) and index < len(events) else None
    ident = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        return key
    return ".".join(["events", ident, *parts[2:]])


def _read_toml(
    file: Path, problems: list[str], lost: list[tuple[str, ...]]
) -> dict[str, Any] | None:
    """A TOML file's data, read past its syntax errors (each one named in ``problems``).

    None when the file cannot be read at all (missing, too large, not text, hostile).
    ``lost`` gains the key paths of lines blanked to read past a syntax error.
    """
    try:
        if file.is_symlink():
            problems.append(
                f"{file}: a symlink; scenario files must be plain files (copy the file in)"
            )
            return None
        if not file.is_file():
            problems.append(f"{file}: file not found; check the name and the folder")
            return None
        if file.stat().st_size > MAX_SCENARIO_BYTES:
            problems.append(
                f"{file}: larger than {MAX_SCENARIO_BYTES:,} bytes; split it or trim it"
            )
            return None
        text = file.read_text(encoding="utf-8")
        check_toml_text(text)
    except UnicodeDecodeError as exc:
        problems.append(f"{file}: not UTF-8 text ({exc.reason}); save the file as UTF-8")
        return None
    except HostileText as exc:
        problems.append(f"{file}: refused before reading: {exc}; write the values out flat")
        return None
    except OSError as exc:
        problems.append(
            f"{file}: cannot be read ({exc.strerror or exc}); check the file's permissions"
        )
        return None
    data, found, blanked = parse_recovering(text)
    problems.extend(p.problem_line(file) for p in found)
    if found and not data:
        return None
    lost.extend(blanked)
    return data


def _pick_difficulty(
    node: Any,
    levels: list[str],
    chosen: str,
    problems: list[str] | None = None,
    file: Path | None = None,
    path: tuple[str, ...] = (),
) -> Any:
    """Replace every ``{ easy = .., normal = .., hard = .. }`` by the chosen level's value.

    A table of numbers keyed by some of the difficulties, or by one not declared, is
    named in ``problems`` (it would otherwise read as a table where a number belongs).
    """
    if isinstance(node, dict):
        if node and set(node) == set(levels):
            return _pick_difficulty(node[chosen], levels, chosen, problems, file, path)
        if problems is not None and _looks_levelled(node, levels):
            where = ".".join(path) or "(top)"
            odd = sorted(set(node) - set(levels))
            missing = [v for v in levels if v not in node]
            said = f"'{odd[0]}' is not a declared difficulty" if odd else "some are missing"
            problems.append(
                f"{file}: {where}: a value by difficulty, but {said} (declared in "
                f"scenario.difficulties: {', '.join(levels)}; give each of them"
                f"{', missing ' + ', '.join(missing) if missing else ''})"
            )
            return node.get(chosen, next(iter(node.values())))  # one message, not two
        return {
            k: _pick_difficulty(v, levels, chosen, problems, file, (*path, str(k)))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [
            _pick_difficulty(v, levels, chosen, problems, file, (*path, str(i)))
            for i, v in enumerate(node)
        ]
    return node


_LEVEL_WORDS = {"easy", "normal", "hard", "veteran", "novice", "hardest", "easiest"}


def _looks_levelled(node: dict[str, Any], levels: list[str]) -> bool:
    """Numbers keyed by difficulty names (the declared ones or the usual words)."""
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in node.values()):
        return False
    keys = set(node)
    return (
        bool(keys & set(levels))
        and bool(keys & (set(levels) | _LEVEL_WORDS))
        and len(keys & set(levels)) >= max(1, len(keys) - 1)
    )


def _format(file: Path, err: Any, prefix: tuple[Any, ...] = (), cls: Any = None) -> str:
    loc = ".".join(str(p) for p in (*prefix, *err["loc"]))
    message = err["msg"]
    found = err.get("input")
    if err["type"] == "extra_forbidden" or "Unexpected keyword" in message:
        word = str(err["loc"][-1]) if err["loc"] else ""
        return f"{file}: {loc}: {unknown_key(word, known_keys(cls, tuple(err['loc'])[:-1]))}"
    if err["type"] != "missing" and not isinstance(found, dict | list):
        message += f" (found {found!r})"
    return f"{file}: {loc}: {message}"


def _map_path(file: Path, name: str, problems: list[str]) -> Path | None:
    """A scenario's map lies in its own folder or among the shipped maps; nowhere else."""
    why = name_problem(name)
    if why:
        problems.append(f"{file}: scenario.map: {why}")
        return None
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts:
        problems.append(
            f"{file}: scenario.map: '{name}' must be a file name inside the scenario folder"
        )
        return None
    for folder in (file.parent, MAPS_DIR):
        candidate = folder / rel
        if candidate.is_file() and inside(candidate, folder):
            return candidate
    problems.append(f"{file}: scenario.map: no map '{name}' in the scenario folder or assets/maps")
    return None


def _build(
    file: Path,
    data: ScenarioFile,
    difficulty: str,
    geometry: MapGeometry | None,
    problems: list[str],
) -> Rules | None:
    """Rules from checked tables. With no usable map (``geometry`` None, its problem
    already named) every check that does not need the map is still made."""

    def section(name: str, cls: type, raw: dict[str, Any]) -> Any:
        """The table as ``cls``; with a bad value, the problem is named and the table
        is made again without it, so its other values are still checked (bounds, ids)."""
        adapter: TypeAdapter[Any] = TypeAdapter(cls)
        prefix = tuple(name.split("."))
        named: set[tuple[Any, ...]] = set()
        for _ in range(3):
            try:
                made = adapter.validate_python(raw)
            except ValidationError as exc:
                errors = exc.errors()
            else:
                return made
            for e in errors:
                if tuple(e["loc"]) not in named:
                    problems.append(_format(file, e, prefix, cls))
                    named.add(tuple(e["loc"]))
            if any(e["type"] == "missing" for e in errors):
                return None  # a required value: nothing to make the table of
            raw = _repaired(
                raw, [tuple(e["loc"]) for e in errors], [e["type"] for e in errors], top=False
            )
        return None

    meter = section("meter", MeterRules, data.meter) or MeterRules()
    opinion = section("opinion", OpinionRules, data.opinion) or OpinionRules()
    supply = section("supply", SupplyRules, data.supply)
    enemy = section("enemy", EnemyRules, data.enemy) or EnemyRules()
    score = section("score", ScoreRules, data.score) or ScoreRules()
    leadership = _leadership(file, data.leadership, section, problems)

    pools: dict[str, PoolDef] = {}
    for pid, raw in data.pools.items():
        pool = section(f"pools.{pid}", PoolDef, {"id": pid, **raw})
        if isinstance(pool, PoolDef):
            pools[pid] = pool
            if geometry is not None and pool.base not in geometry.features:
                problems.append(f"{file}: pools.{pid}.base: no feature '{pool.base}' on the map")

    targets = _targets(file, data, geometry, problems) if geometry is not None else {}
    target_ids = set(targets) if geometry is not None else set(data.targets)

    cards: dict[str, CardDef] = {}
    for cid, raw in data.cards.items():
        card = section(f"cards.{cid}", CardDef, {"id": cid, **raw})
        if isinstance(card, CardDef):
            cards[cid] = card
            _check_card(file, card, geometry, set(data.pools), problems)

    events: list[EventDef] = []
    event_keys: list[str] = []
    seen_ids: dict[str, EventDef] = {}
    for i, raw in enumerate(data.events):
        ev = section(f"events.{i}", EventDef, _effects_as_params(raw))
        if isinstance(ev, EventDef):
            events.append(ev)
            event_keys.append(f"events.{i}")
            first = seen_ids.setdefault(ev.id, ev)
            if first is not ev:
                problems.append(
                    f"{file}: events.{i}.id: '{ev.id}' is also the id of an earlier event, "
                    f"{first.title!r}; give each event its own id"
                )
    names = _Names(target_ids, set(cards), {e.id for e in events})
    for key, ev in zip(event_keys, events, strict=True):
        _check_event(file, int(key.split(".")[1]), ev, cards, set(data.pools), problems, names)
    for cid, card in cards.items():
        _check_conditions(f"{file}: cards.{cid}.lifted_when", card.lifted_when, problems, names)
    endings = _endings(file, data.endings, section, problems, names)
    ending_ids = {e.id for e in endings}
    for key, ev in zip(event_keys, events, strict=True):
        for j, eff in enumerate(ev.effects):
            called = eff.params.get("ending")
            if eff.kind == "end_game" and isinstance(called, str) and called not in ending_ids:
                known = ", ".join(sorted(ending_ids)) or "none: add an [[endings]] entry"
                problems.append(
                    f"{file}: {key}.effects.{j}.ending: no ending '{called}' (known: {known})"
                )
    for cid in cards.keys() & data.pools.keys():
        problems.append(f"{file}: cards.{cid}: '{cid}' is also the id of a pool")
    for ident, key in [
        *((p, "pools") for p in data.pools),
        *((c, "cards") for c in data.cards),
        *((t, "targets") for t in data.targets),
        *((e.id, f"events.{k.split('.')[1]}") for k, e in zip(event_keys, events, strict=True)),
    ]:
        if not _ID.fullmatch(ident):
            where = f"{key}.id" if key.startswith("events.") else f"{key}.{ident}"
            problems.append(
                f"{file}: {where}: '{ident}' is not a lower-case snake_case id "
                "(letters a-z, digits and _)"
            )

    rule_knobs: dict[str, Any] = {}
    for key, value in data.rules.items():
        if key not in RULE_KNOBS:
            where = "the [rules] table in docs/MODDING.md"
            problems.append(f"{file}: rules.{key}: {unknown_key(key, RULE_KNOBS, where)}")
        elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            problems.append(
                f"{file}: rules.{key}: expected a non-negative number (found {value!r})"
            )
        else:
            rule_knobs[key] = float(value)

    # A pool that failed its own checks still exists: no second message for each use.
    plan = _plan(file, data.plan, target_ids, set(data.pools), problems)
    header = data.scenario
    for i, city in enumerate(header.main_cities):
        if city not in target_ids:
            problems.append(
                f"{file}: scenario.main_cities.{i}: '{city}' is not a target of this scenario"
            )
    if header.escort_pool and header.escort_pool not in data.pools:
        problems.append(f"{file}: scenario.escort_pool: no pool '{header.escort_pool}'")
    if header.end < header.start:
        problems.append(f"{file}: scenario.end: the end {header.end} is before the start")
    if supply is not None and geometry is not None:
        stations = {t.rail_from for t in targets.values() if t.kind == "rail_segment"} | {
            t.rail_to for t in targets.values() if t.kind == "rail_segment"
        }
        for station in [*supply.entries, *supply.depots]:
            if station not in stations:
                problems.append(
                    f"{file}: supply: '{station}' is not a station of the scenario's rail segments"
                )
    # The numbers are checked even when something else is wrong: every problem at once.
    rules = Rules(
        scenario_id=header.id,
        name=header.name,
        start=header.start,
        end=header.end,
        turn_days=header.turn_days,
        difficulty=difficulty,
        geometry=geometry or MapGeometry(0.0, 0.0, 1.0, {}),
        pools=pools,
        targets=targets,
        cards=cards,
        events=tuple(events),
        endings=tuple(endings),
        meter=meter,
        opinion=opinion,
        supply=supply or SupplyRules(entries={}, depots=()),
        enemy=enemy,
        score=score,
        weather=dict(data.weather.odds),
        weather_accuracy=dict(data.weather.accuracy),
        plan=plan,
        main_cities=tuple(header.main_cities),
        escort_pool=header.escort_pool,
        navy_cooperation=header.navy_cooperation,
        cooperation_gain=header.cooperation_gain,
        initial_talks=header.initial_talks,
        talks_name=header.talks_name,
        briefing=header.briefing.strip(),
        source_file=str(file),
        seed=header.seed,
        difficulties=tuple(header.difficulties),
        record=data.historical_record.resolve() if data.historical_record else None,
        notes={k: dict(v) for k, v in data.notes.items()},
        leadership=leadership,
        **rule_knobs,
    )
    problems.extend(f"{file}: {line}" for line in rule_problems(rules, event_keys))
    return None if problems or supply is None else rules


_ID = re.compile(r"[a-z][a-z0-9_]*")


def _endings(
    file: Path,
    entries: list[dict[str, Any]],
    section: Any,
    problems: list[str],
    names: _Names,
) -> list[model.EndingDef]:
    """The scenario's ``[[endings]]``: checked like events, ids unique and snake_case."""
    out: list[model.EndingDef] = []
    seen: set[str] = set()
    for i, raw in enumerate(entries):
        ending = section(f"endings.{i}", model.EndingDef, raw)
        if not isinstance(ending, model.EndingDef):
            continue
        key = f"{file}: endings.{i}"
        if not _ID.fullmatch(ending.id):
            problems.append(f"{key}.id: '{ending.id}' is not a lower-case snake_case id")
        if ending.id in seen:
            problems.append(f"{key}.id: '{ending.id}' is the id of another ending")
        seen.add(ending.id)
        if ending.outcome == model.Outcome.ONGOING:
            problems.append(f"{key}.outcome: an ending cannot leave the game ongoing")
        _check_conditions(f"{key}.conditions", ending.conditions, problems, names)
        out.append(ending)
    return out


@dataclasses.dataclass(frozen=True)
class _Names:
    """Ids a condition may name."""

    targets: set[str]
    cards: set[str]
    events: set[str]


def _leadership(
    file: Path, raw: dict[str, Any], section: Any, problems: list[str]
) -> LeadershipRules:
    """``[leadership]`` with its ``[leadership.leaders.<id>]`` tables, ids from the keys."""
    body = {k: v for k, v in raw.items() if k != "leaders"}
    rules = section("leadership", LeadershipRules, body) or LeadershipRules()
    leaders = []
    table = raw.get("leaders", {})
    for lid, entry in table.items() if isinstance(table, dict) else ():
        entry = entry if isinstance(entry, dict) else {}
        leader = section(f"leadership.leaders.{lid}", LeaderDef, {"id": lid, **entry})
        if isinstance(leader, LeaderDef):
            leaders.append(leader)
            for kind in sorted(set(leader.weights) - set(COST_KINDS)):
                problems.append(
                    f"{file}: leadership.leaders.{lid}.weights.{kind}: unknown cost "
                    f"(known: {', '.join(COST_KINDS)})"
                )
    return dataclasses.replace(rules, leaders=tuple(leaders))


def _effects_as_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Effects are written flat (``{ kind = "meter", delta = 5 }``); the core keeps params apart."""
    effects = raw.get("effects")
    if not isinstance(effects, list):
        return raw
    flat = [
        {"kind": e.get("kind"), "params": {k: v for k, v in e.items() if k != "kind"}}
        if isinstance(e, dict)
        else e
        for e in effects
    ]
    return {**raw, "effects": flat}


def _targets(
    file: Path, data: ScenarioFile, geometry: MapGeometry, problems: list[str]
) -> dict[str, TargetDef]:
    """Targets named in the scenario, placed by the map; map targets not named are inactive."""
    out: dict[str, TargetDef] = {}
    east = data.weather.east_of_lon
    x_east = (
        (east - geometry.lon_left)
        * KM_PER_DEG_LON_EQUATOR
        * math.cos(math.radians(geometry.standard_parallel))
    )
    for tid, entry in data.targets.items():
        key = f"{file}: targets.{tid}"
        feature = geometry.features.get(tid)
        if feature is None or feature.layer not in (Layer.TARGETS, Layer.RAIL):
            problems.append(f"{key}: no target '{tid}' on the map")
            continue
        kind = feature.kind
        if kind not in TARGET_KINDS:
            found = f"'{kind}'" if kind else "no class"
            problems.append(
                f"{key}: the map object has {found}; a target's Tiled class (or type) is one of "
                f"{', '.join(TARGET_KINDS)}"
            )
            continue
        defaults = data.target_defaults.get(kind, TargetDefaults())
        values = {
            k: getattr(entry, k) if getattr(entry, k) is not None else getattr(defaults, k)
            for k in TargetDefaults.model_fields
        }
        props = feature.properties
        out[tid] = TargetDef(
            id=tid,
            name=entry.name or str(props.get("label") or feature.name or tid),
            kind=kind,
            position=feature.anchor,
            region="east" if feature.anchor[0] > x_east else "west",
            carries=entry.carries,
            floods=tuple(entry.floods),
            rice_tons=entry.rice_tons,
            rail_from=str(props.get("from", "")),
            rail_to=str(props.get("to", "")),
            length_km=polyline_length(feature.points) if feature.layer == Layer.RAIL else 0.0,
            foreign=bool(props.get("foreign", False)),
            note=entry.note,
            **values,
        )
    for tid, t in out.items():
        if t.carries and t.carries not in out:
            problems.append(f"{file}: targets.{tid}.carries: '{t.carries}' is not a target here")
        for i, victim in enumerate(t.floods):
            if victim not in out:
                problems.append(
                    f"{file}: targets.{tid}.floods.{i}: '{victim}' is not a target here"
                )
        if t.kind == "rail_segment":
            for end in (t.rail_from, t.rail_to):
                if not end:
                    problems.append(f"{file}: targets.{tid}: the map gives no station at one end")
    return out


def _check_card(
    file: Path,
    card: CardDef,
    geometry: MapGeometry | None,
    pools: set[str],
    problems: list[str],
) -> None:
    key = f"{file}: cards.{card.id}"
    if card.effect not in ("forbid", "burden"):
        problems.append(f"{key}.effect: expected 'forbid' or 'burden' (found {card.effect!r})")
    features = geometry.features if geometry is not None else None
    for i, tid in enumerate(card.scope.targets):
        if features is not None and tid not in features:
            problems.append(f"{key}.scope.targets.{i}: no feature '{tid}' on the map")
    for i, zid in enumerate(card.scope.zones):
        if features is not None and (zid not in features or features[zid].layer != Layer.ZONES):
            problems.append(f"{key}.scope.zones.{i}: no zone '{zid}' on the map")
    for i, pid in enumerate(card.scope.pools):
        if pid not in pools:
            problems.append(f"{key}.scope.pools.{i}: no pool '{pid}'")
    if card.scope.time not in ("any", "day", "night"):
        problems.append(f"{key}.scope.time: expected any, day or night (found {card.scope.time!r})")
    for field_name, known in (
        ("target_kinds", TARGET_KINDS),
        ("zone_kinds", ZONE_KINDS),
        ("roles", tuple(r.value for r in model.Role)),
        ("press", tuple(p.value for p in model.PressPolicy)),
    ):
        for i, value in enumerate(getattr(card.scope, field_name)):
            if value not in known:
                problems.append(
                    f"{key}.scope.{field_name}.{i}: unknown '{value}' (known: {', '.join(known)})"
                )


def _check_conditions(
    key: str, conditions: tuple[model.Condition, ...], problems: list[str], names: _Names
) -> None:
    for i, c in enumerate(conditions):
        if c.metric not in METRICS:
            problems.append(
                f"{key}.{i}.metric: unknown metric '{c.metric}' (known: {', '.join(sorted(METRICS))})"
            )
        if c.op not in OPERATORS:
            problems.append(
                f"{key}.{i}.op: unknown operator '{c.op}' (known: {', '.join(OPERATORS)})"
            )
        if c.metric not in NAMING_METRICS and c.metric in METRICS and c.op in ("is", "is_not"):
            problems.append(
                f"{key}.{i}.op: '{c.op}' only fits {', '.join(sorted(NAMING_METRICS - {'target_damage'}))}"
            )
        why = _value_problem(c, names)
        if why:
            problems.append(f"{key}.{i}.value: {why} (found {c.value!r})")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _value_problem(c: model.Condition, names: _Names) -> str | None:
    """Why a condition's value does not fit its metric, or None."""
    if c.metric in ("event_fired", "card_in_force"):
        known = names.events if c.metric == "event_fired" else names.cards
        if not isinstance(c.value, str):
            return "expected the id of an event or card"
        if c.value not in known:
            return f"no {'event' if c.metric == 'event_fired' else 'card'} '{c.value}'"
        return None
    if c.metric == "target_damage":
        value = c.value
        if not (isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], str)):
            return 'expected ["target_id", damage]'
        if value[0] not in names.targets:
            return f"'{value[0]}' is not a target of this scenario"
        return None if _is_number(value[1]) else "the damage must be a finite number"
    if c.metric == "enemy_decided":
        if c.value not in DECISIONS:
            return f"expected one of the enemy's decisions: {', '.join(DECISIONS)}"
        return None
    if c.metric == "pow_settled":
        return None if isinstance(c.value, bool) else "expected true or false"
    if c.metric == "talks":
        states = [t.value for t in model.TalksState]
        if c.value not in states:
            return f"expected one of {', '.join(states)}"
        return None if c.op in ("==", "!=") else "talks are compared with == or !="
    if c.metric in METRICS and not _is_number(c.value):
        return "expected a finite number"
    return None


def _check_event(
    file: Path,
    index: int,
    ev: EventDef,
    cards: dict[str, CardDef],
    pools: set[str],
    problems: list[str],
    names: _Names,
) -> None:
    key = f"{file}: events.{index}"
    _check_conditions(f"{key}.conditions", ev.conditions, problems, names)
    for j, eff in enumerate(ev.effects):
        spec = EFFECT_PARAMS.get(eff.kind)
        if spec is None:
            problems.append(
                f"{key}.effects.{j}.kind: unknown effect '{eff.kind}' (known: {', '.join(sorted(EFFECT_PARAMS))})"
            )
            continue
        for name, typ in spec.items():
            if name not in eff.params:
                problems.append(f"{key}.effects.{j}.{name}: missing")
            elif not isinstance(eff.params[name], typ) or isinstance(eff.params[name], bool):
                problems.append(
                    f"{key}.effects.{j}.{name}: wrong type (found {eff.params[name]!r})"
                )
        optional = OPTIONAL_EFFECT_PARAMS.get(eff.kind, {})
        for name in sorted(set(eff.params) - set(spec) - set(optional)):
            known = ", ".join(["kind", *spec, *optional])
            problems.append(
                f"{key}.effects.{j}.{name}: unknown parameter of a '{eff.kind}' effect "
                f"(it takes {known})"
            )
        problems.extend(effect_problems(f"{key}.effects.{j}", eff.kind, eff.params))
        if "card" in eff.params and eff.params["card"] not in cards:
            problems.append(f"{key}.effects.{j}.card: no card '{eff.params['card']}'")
        if "pool" in eff.params and eff.params["pool"] not in pools:
            problems.append(f"{key}.effects.{j}.pool: no pool '{eff.params['pool']}'")
        if eff.kind == "talks" and eff.params.get("state") not in [
            t.value for t in model.TalksState
        ]:
            states = ", ".join(t.value for t in model.TalksState)
            problems.append(f"{key}.effects.{j}.state: expected one of {states}")


def _plan(
    file: Path,
    entry: PlanEntry,
    targets: set[str],
    pools: set[str],
    problems: list[str],
) -> HistoricalPlan:
    ops = []
    for i, op in enumerate(entry.operations):
        key = f"{file}: plan.operations.{i}"
        if op.target not in targets:
            problems.append(f"{key}.target: '{op.target}' is not a target of this scenario")
        for field_name, table in (("strike", op.strike), ("suppression", op.suppression)):
            for pid, n in table.items():
                if pid not in pools:
                    problems.append(f"{key}.{field_name}.{pid}: no pool '{pid}'")
                if n <= 0:
                    problems.append(f"{key}.{field_name}.{pid}: sorties must be positive")
        ops.append(
            Operation(
                day=op.day,
                target=op.target,
                strike=tuple(sorted(op.strike.items())),
                escort=op.escort,
                suppression=tuple(sorted(op.suppression.items())),
                night=op.night,
                warning=op.warning,
                name=op.name,
                source=op.source,
            )
        )
    return HistoricalPlan(
        operations=tuple(sorted(ops, key=lambda o: o.day)),
        interdiction=entry.interdiction,
        close_support=entry.close_support,
        city_attacks=entry.city_attacks,
        press=entry.press,
        warnings_until=entry.warnings_until,
        fallback=entry.fallback,
        summary=entry.summary,
    )
