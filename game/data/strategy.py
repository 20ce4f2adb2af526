"""Strategy files: how a headless planner splits its effort, read and checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.content import content_dir
from game.core.model import PressPolicy, Role, Rules
from game.core.planners import (
    PRESSURE_KINDS,
    PackageRule,
    Period,
    Strategy,
)
from game.core.targets import TARGET_KINDS
from game.data.guards import loads_toml
from game.data.problems import known_keys, unknown_key, with_hint

STRATEGY_DIR = content_dir("assets") / "strategies"
KNOWN_KINDS = frozenset(TARGET_KINDS)
StrikeRole = Literal["fighter_bomber", "navy", "medium_bomber", "light_bomber"]


class StrategyError(Exception):
    """A strategy file that cannot be played, with one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_kinds(kinds: list[str] | None) -> list[str] | None:
    unknown = sorted(set(kinds or ()) - KNOWN_KINDS)
    if unknown:
        raise ValueError(f"unknown target kind(s) {', '.join(unknown)}")
    return kinds


class PackageEntry(_Strict):
    """A ``[[packages]]`` rule: targets by kind or id, the pools that fly, and how."""

    share: float = Field(ge=0.0, le=1.0, description="of the chosen pools' sorties, each day")
    kinds: list[str] | None = Field(
        default=None, description="target kinds; all pressure kinds if neither this nor targets"
    )
    targets: list[str] = Field(default_factory=list, description="target ids")
    roles: list[StrikeRole] = Field(default=["fighter_bomber", "navy"], min_length=1)
    pools: list[str] = Field(
        default_factory=list, description="pool ids (all of the roles if empty)"
    )
    night: bool = False
    moon_max: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description="night only: fly when the moon is at most this bright",
    )
    warn: bool = False
    escort: bool = True
    suppression: bool = True
    aim_damage: float = Field(default=80.0, gt=0.0, lt=100.0)
    start: date | None = Field(default=None, alias="from")
    until: date | None = None

    _known_kinds = field_validator("kinds")(classmethod(lambda cls, v: _check_kinds(v)))

    def rule(self) -> PackageRule:
        if self.start and self.until and self.until < self.start:
            raise ValueError("a package rule's until is before its from")
        kinds = self.kinds if self.kinds is not None else ([] if self.targets else PRESSURE_KINDS)
        return PackageRule(
            share=self.share,
            kinds=tuple(kinds),
            targets=tuple(self.targets),
            roles=tuple(Role(r) for r in self.roles),
            pools=tuple(self.pools),
            night=self.night,
            moon_max=self.moon_max,
            warn=self.warn,
            escort=self.escort,
            suppression=self.suppression,
            aim_damage=self.aim_damage,
            start=self.start,
            until=self.until,
        )


class PeriodEntry(_Strict):
    """A ``[[periods]]`` entry: standing shares from a date on."""

    start: date = Field(alias="from")
    interdiction: float = Field(ge=0.0, le=1.0)
    close_support: float = Field(ge=0.0, le=1.0)
    air_superiority: float = Field(default=1.0, ge=0.0, le=1.0)


class StrategyFile(_Strict):
    """The schema of a strategy file (TOML).

    The top-level shares are the standing tasks from the start; ``[[periods]]`` change
    them from a date on. The top-level package keys (``pressure_share``, ``kinds`` and
    the rest) are a first package rule; ``[[packages]]`` add more, flown in order.
    """

    name: str = Field(min_length=1)
    historical_operations: bool = Field(
        default=False,
        description="fly the scenario's own historical plan: its operations, then its shares",
    )
    interdiction: float | None = Field(default=None, ge=0.0, le=1.0)
    close_support: float | None = Field(default=None, ge=0.0, le=1.0)
    air_superiority: float = Field(default=1.0, ge=0.0, le=1.0)
    pressure_share: float = Field(default=0.0, ge=0.0, le=1.0)
    kinds: list[str] = Field(default_factory=lambda: list(PRESSURE_KINDS))
    press: Literal["silent", "routine", "publicised"] = "routine"
    warn: bool = False
    escort: bool = True
    suppression: bool = True
    aim_damage: float = Field(default=80.0, gt=0.0, lt=100.0)
    roles: tuple[StrikeRole, ...] = Field(default=("fighter_bomber", "navy"), min_length=1)
    night: bool = False
    periods: list[PeriodEntry] = Field(default_factory=list, max_length=200)
    packages: list[PackageEntry] = Field(default_factory=list, max_length=50)

    _known_kinds = field_validator("kinds")(classmethod(lambda cls, v: _check_kinds(v)))

    def strategy(self) -> Strategy:
        if self.historical_operations:
            extra = sorted(self.model_fields_set - {"name", "historical_operations"})
            if extra:
                raise ValueError(
                    f"historical_operations flies the scenario's own plan; leave out "
                    f"{', '.join(extra)}"
                )
            return Strategy(name=self.name, interdiction=0.0, close_support=0.0, historical=True)
        missing = [k for k in ("interdiction", "close_support") if getattr(self, k) is None]
        if missing:
            raise ValueError(f"{' and '.join(missing)}: the standing shares are required")
        assert self.interdiction is not None and self.close_support is not None
        problems = []
        if self.interdiction + self.close_support > 1.0:
            problems.append("interdiction and close_support together exceed 1")
        for i, p in enumerate(self.periods):
            if p.interdiction + p.close_support > 1.0:
                problems.append(f"periods.{i}: interdiction and close_support together exceed 1")
        if problems:
            raise ValueError("; ".join(problems))
        first = PackageEntry(
            share=self.pressure_share,
            kinds=self.kinds,
            roles=list(self.roles),
            night=self.night,
            warn=self.warn,
            escort=self.escort,
            suppression=self.suppression,
            aim_damage=self.aim_damage,
        )
        rules = [first.rule()] if self.pressure_share > 0 else []
        rules += [entry.rule() for entry in self.packages]
        return Strategy(
            name=self.name,
            interdiction=self.interdiction,
            close_support=self.close_support,
            air_superiority=self.air_superiority,
            package_rules=tuple(rules),
            periods=tuple(
                Period(p.start, p.interdiction, p.close_support, p.air_superiority)
                for p in sorted(self.periods, key=lambda p: p.start)
            ),
            press=PressPolicy(self.press),
        )


def load_strategy(path: Path) -> Strategy:
    """Read a strategy file; every problem is named with the file and key."""
    try:
        raw = loads_toml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StrategyError([f"{path}: cannot read: {exc.strerror or exc}"]) from exc
    except (ValueError, UnicodeDecodeError) as exc:  # TOMLDecodeError and HostileText
        raise StrategyError([f"{path}: not valid TOML: {exc}"]) from exc
    try:
        return StrategyFile.model_validate(raw).strategy()
    except ValidationError as exc:
        raise StrategyError([_problem(path, err) for err in exc.errors()]) from exc
    except ValueError as exc:
        raise StrategyError([f"{path}: {exc}"]) from exc


def _problem(path: Path, err: Any) -> str:
    """One problem line: the file, the key path, the message and a hint at the fix."""
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc) or "(top)"
    if err["type"] == "extra_forbidden" and loc:
        message = unknown_key(str(loc[-1]), known_keys(StrategyFile, loc[:-1]), _GUIDE)
    else:
        message = with_hint(err["msg"])
    return f"{path}: {where}: {message}"


_GUIDE = "step 11 of docs/MODDING.md"


def strategy_problems(strategy: Strategy, rules: Rules, path: Path) -> list[str]:
    """Target and pool ids a strategy names that the scenario does not have."""
    out = []
    for rule in strategy.package_rules:
        for tid in rule.targets:
            if tid not in rules.targets:
                out.append(f"{path}: packages: target '{tid}' is not in {rules.scenario_id}")
        for pid in rule.pools:
            if pid not in rules.pools:
                out.append(f"{path}: packages: pool '{pid}' is not in {rules.scenario_id}")
    return out
