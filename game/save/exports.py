"""Files the player takes away: the turn history as CSV, in ``<data home>/exports``."""

from __future__ import annotations

from pathlib import Path

from game.core.aar import Timeline, csv_file_name, csv_text, timeline
from game.core.model import GameState, Rules
from game.save.storage import atomic_write, data_home


def exports_dir() -> Path:
    return data_home() / "exports"


def write_history_csv(path: Path, tl: Timeline) -> Path:
    """Write the timeline as CSV (UTF-8 with a byte-order mark, which spreadsheets on
    Windows need to read the dashes and accents right)."""
    atomic_write(path, csv_text(tl).encode("utf-8-sig"))
    return path


def export_history(
    rules: Rules, state: GameState, reveal: bool | None = None, folder: Path | None = None
) -> Path:
    """The turn history, as the charts show it, to ``<scenario>_<game date>.csv``."""
    path = (folder or exports_dir()) / csv_file_name(rules, state)
    return write_history_csv(path, timeline(rules, state, reveal))
