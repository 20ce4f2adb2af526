"""The shipped scenarios as the choice screen lists them: playable or with their problems."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from game.core.model import Rules
from game.data.scenario import SCENARIO_FILE, ScenarioError, list_scenarios, load_rules


@dataclass
class ScenarioEntry:
    folder: Path
    rules: Rules | None = None
    problems: list[str] = field(default_factory=list)
    difficulties: list[str] = field(default_factory=list)
    _by_level: dict[str, Rules] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.rules is not None

    @property
    def title(self) -> str:
        if self.rules is not None:
            return self.rules.name
        return f"{self.folder.name} — invalid ({len(self.problems)} problems)"

    def rules_for(self, difficulty: str) -> Rules:
        """The rules resolved for one difficulty (loaded once)."""
        if difficulty not in self._by_level:
            self._by_level[difficulty] = load_rules(self.folder, difficulty)
        return self._by_level[difficulty]


def _difficulties(folder: Path) -> list[str]:
    # The header's list; load_rules checks it, here it only fills the selector.
    try:
        raw = tomllib.loads((folder / SCENARIO_FILE).read_text(encoding="utf-8"))
        levels = raw.get("scenario", {}).get("difficulties", ["easy", "normal", "hard"])
        return [str(x) for x in levels] if isinstance(levels, list) else []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []


def load_catalog(root: Path | None = None) -> list[ScenarioEntry]:
    """Every scenario folder; a broken one is listed with its problems, never a crash."""
    folders = list_scenarios(root) if root is not None else list_scenarios()
    entries = []
    for folder in folders:
        entry = ScenarioEntry(folder)
        try:
            entry.rules = load_rules(folder)
            entry._by_level[entry.rules.difficulty] = entry.rules
            entry.difficulties = _difficulties(folder) or [entry.rules.difficulty]
        except ScenarioError as exc:
            entry.problems = list(exc.problems)
        entries.append(entry)
    return entries
