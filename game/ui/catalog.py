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

    def rules_for(self, difficulty: str) -> Rules:
        """The rules resolved for one difficulty (loaded once)."""
        if difficulty not in self._by_level:
            self._by_level[difficulty] = load_rules(self.source, difficulty)
        return self._by_level[difficulty]


def load_catalog(mods: tuple[Path, ...] = ()) -> list[ScenarioEntry]:
    """Every scenario; a broken one is listed with its problems, never a crash."""
    entries = []
    for source in list_sources(mods):
        entry = ScenarioEntry(source)
        try:
            entry.rules = load_rules(source)
            entry._by_level[entry.rules.difficulty] = entry.rules
        except ScenarioError as exc:
            entry.problems = list(exc.problems)
        entries.append(entry)
    return entries
