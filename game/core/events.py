"""What happened, and why: every outcome of a turn is an :class:`Event` with its cause."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    STRIKE = "strike"
    AIR_COMBAT = "air_combat"
    LOSSES = "losses"
    CIVILIANS = "civilians"
    INCIDENT = "incident"
    INTERDICTION = "interdiction"
    SUPPLY = "supply"
    ENEMY = "enemy"
    REPAIR = "repair"
    FLOOD = "flood"
    POLITICS = "politics"
    CARD = "card"
    TALKS = "talks"
    FORCES = "forces"
    WEATHER = "weather"
    END = "end"


@dataclass(frozen=True)
class Event:
    """One thing that happened on ``day``: ``text`` says what, ``cause`` says why."""

    day: date
    category: Category
    text: str
    cause: str
    target: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "category": self.category.value,
            "text": self.text,
            "cause": self.cause,
            "target": self.target,
            "data": self.data,
        }
