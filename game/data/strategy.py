"""Strategy files: how a headless planner splits its effort, read and checked."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.content import content_dir
from game.core.model import PressPolicy, Role
from game.core.planners import INTERDICTION_KINDS, PRESSURE_KINDS, Strategy, Style

STRATEGY_DIR = content_dir("assets") / "strategies"
KNOWN_KINDS = frozenset(PRESSURE_KINDS) | frozenset(INTERDICTION_KINDS)


class StrategyError(Exception):
    """A strategy file that cannot be played, with one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class StrategyFile(BaseModel):
    """The schema of a strategy file (TOML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    interdiction: float = Field(ge=0.0, le=1.0)
    close_support: float = Field(ge=0.0, le=1.0)
    pressure_share: float = Field(ge=0.0, le=1.0)
    kinds: list[str] = Field(default_factory=lambda: list(PRESSURE_KINDS))
    press: Literal["silent", "routine", "publicised"] = "routine"
    warn: bool = False
    escort: bool = True
    suppression: bool = True
    aim_damage: float = Field(default=80.0, gt=0.0, lt=100.0)
    roles: tuple[Literal["fighter_bomber", "navy", "medium_bomber"], ...] = Field(
        default=("fighter_bomber", "navy"), min_length=1
    )
    night: bool = False

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, kinds: list[str]) -> list[str]:
        unknown = sorted(set(kinds) - KNOWN_KINDS)
        if unknown:
            raise ValueError(f"unknown target kind(s) {', '.join(unknown)}")
        return kinds

    def strategy(self) -> Strategy:
        if self.interdiction + self.close_support > 1.0:
            raise ValueError("interdiction and close_support together exceed 1")
        return Strategy(
            name=self.name,
            style=Style(
                interdiction=self.interdiction,
                close_support=self.close_support,
                pressure_share=self.pressure_share,
                kinds=tuple(self.kinds),
                press=PressPolicy(self.press),
                warn=self.warn,
                escort=self.escort,
                suppression=self.suppression,
                aim_damage=self.aim_damage,
                roles=tuple(Role(r) for r in self.roles),
                night=self.night,
            ),
        )


def load_strategy(path: Path) -> Strategy:
    """Read a strategy file; every problem is named with the file and key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StrategyError([f"{path}: cannot read: {exc.strerror or exc}"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StrategyError([f"{path}: not valid TOML: {exc}"]) from exc
    try:
        return StrategyFile.model_validate(raw).strategy()
    except ValidationError as exc:
        raise StrategyError(
            [
                f"{path}: {'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
                for err in exc.errors()
            ]
        ) from exc
    except ValueError as exc:
        raise StrategyError([f"{path}: {exc}"]) from exc


def builtin_strategy(name: str) -> Strategy:
    return load_strategy(STRATEGY_DIR / f"{name}.toml")
