"""The scenarios as the choice screen lists them, shipped and from mods: playable or with their problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core.model import Rules
from game.data.mods import ScenarioSource
from game.data.scenario import ScenarioError, list_sources, load_rules


@dataclass
class ScenarioEntry:
    source: ScenarioSource
    rules: Rules | None = None
    problems: list[str] = field(default_factory=list)
    _by_level: dict[str, Rules] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.source.file.parent

    @property
    def ok(self) -> bool:
        return self.rules is not None

    @property
    def difficulties(self) -> list[str]:
        return list(self.rules.difficulties) if self.rules is not None else []

    @property
    def title(self) -> str:
        if self.rules is not None:
            return self.rules.name
        return f"{self.source.id} — invalid ({len(self.problems)} problems)"

    @property
    def alternatives(self) -> tuple[tuple[str, str, str], ...]:
        """The scenario's alternative histories: (id, name, text)."""
        return self.rules.alternatives if self.rules is not None else ()

    def rules_for(self, difficulty: str, option: str = "") -> Rules:
        """The rules for one difficulty and alternative history ("" as it happened)."""
        key = f"{difficulty}/{option}"
        if key not in self._by_level:
            options = (option,) if option else ()
            self._by_level[key] = load_rules(self.source, difficulty, options)
        return self._by_level[key]


def load_catalog(mods: tuple[Path, ...] = ()) -> list[ScenarioEntry]:
    """Every scenario; a broken one is listed with its problems, never a crash."""
    entries = []
    for source in list_sources(mods):
        entry = ScenarioEntry(source)
        try:
            entry.rules = load_rules(source)
            entry._by_level[f"{entry.rules.difficulty}/"] = entry.rules
        except ScenarioError as exc:
            entry.problems = list(exc.problems)
        entries.append(entry)
    return entries
