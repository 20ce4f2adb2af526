"""Open a save file: its header, the rules it names by id, then the whole game checked.

One function for the Load dialog, ``validate SAVE.json`` and ``replay``, so all three
refuse the same files for the same reasons. A save names its scenario by id, never by
path: the id is looked up among the shipped scenarios and the player's mods.
"""

from __future__ import annotations

from pathlib import Path

from game.core.model import Rules
from game.data.scenario import ScenarioError, list_sources, load_rules
from game.save.document import SaveHeader, read_header
from game.save.errors import Reason, SaveError
from game.save.record import GameRecord
from game.save.storage import load_save


def rules_for(header: SaveHeader, mods: tuple[Path, ...] = (), name: str = "save") -> Rules:
    """The rules a save was played by; ScenarioError when that scenario cannot be loaded."""
    sources = {s.id: s for s in list_sources(mods)}
    source = sources.get(header.scenario)
    if source is None:
        raise SaveError(
            Reason.WRONG_SCENARIO,
            f"{name}: a save of scenario '{header.scenario}', which is not installed "
            f"(installed: {', '.join(sorted(sources)) or 'none'})",
        )
    return load_rules(source, header.difficulty, tuple(header.options))


def open_save(
    path: Path,
    mods: tuple[Path, ...] = (),
    *,
    rules: Rules | None = None,
    allow_changed_scenario: bool = False,
) -> GameRecord:
    """The game in ``path``, checked whole; raises SaveError or ScenarioError.

    ``rules`` are used when they are the save's scenario and difficulty (the game in
    progress), so loading it again does not read the scenario again.
    """
    path = Path(path)
    header = read_header(path)
    if rules is None or (rules.scenario_id, rules.difficulty, rules.options) != (
        header.scenario,
        header.difficulty,
        tuple(header.options),
    ):
        rules = rules_for(header, mods, str(path))
    return load_save(path, rules, allow_changed_scenario=allow_changed_scenario)


__all__ = ["ScenarioError", "open_save", "rules_for"]
