"""Where the game's own files are: the scenarios, the map and the encyclopedia.

A clone keeps them at the top of the source tree, beside ``game/``. The installed wheel
and the standalone build carry the same folders inside the ``game`` package (setup.py
maps them there), so the game finds them through :mod:`importlib.resources` wherever it
was installed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

FOLDERS = ("scenarios", "assets")


class MissingContent(RuntimeError):
    """The game's files are not beside its code: a broken install or an incomplete clone."""


@cache
def content_root() -> Path:
    """The folder holding ``scenarios/`` and ``assets/``."""
    package = Path(str(resources.files("game")))
    if any((package / name).is_dir() for name in FOLDERS):
        return package  # an installed wheel or the standalone build
    return package.parent  # a clone, or an editable install of one


def content_dir(name: str) -> Path:
    return content_root() / name


def check_content() -> None:
    """Stop with a clear message, rather than start a game with no scenarios or map."""
    root = content_root()
    missing = [name for name in FOLDERS if not (root / name).is_dir()]
    if missing:
        folders = " and ".join(f"{name}/" for name in missing)
        raise MissingContent(
            f"the game's {folders} not found in {root}: the install is incomplete. "
            "Reinstall the game (pip install, pipx install or the standalone build), "
            "or in a clone restore the folders with git."
        )
