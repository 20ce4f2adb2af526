"""Opening a saved game, and the quick save (F5) and quick load (F9) every screen shares.
A file the game refuses gives the reason and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.data.scenario import ScenarioError
from game.save import Reason, SaveError, save_slot, slot_path
from game.save.opening import open_save
from game.ui.session import QUICK_SLOT, GameSession

if TYPE_CHECKING:
    from game.ui.app import App


def quick_save(session: GameSession) -> str:
    """F5: the quick-save slot; returns what to tell the player."""
    try:
        save_slot(QUICK_SLOT, session.record, replace=True)
    except OSError as exc:
        return f"Quick save failed: {exc.strerror or exc}"
    return f"Saved to '{QUICK_SLOT}' (F9 loads it)."


def quick_load(app: App) -> str:
    """F9: the quick-save slot; returns an error to show, or '' once loaded."""
    path = slot_path(QUICK_SLOT)
    if not path.is_file():
        return "No quick save yet: F5 makes one."
    refusal = open_game(app, path)
    if refusal is None:
        return ""
    if refusal.scenario_changed:
        return refusal.message + " Load it from Esc, Load game… to play it on."
    return refusal.message


def read_game(
    path: Path, like: GameSession | None = None, allow_changed: bool = False
) -> GameSession:
    """The game saved in ``path``; raises SaveError or ScenarioError and changes nothing.

    The same checks as ``python main.py validate SAVE.json`` (``game.save.opening``).
    """
    rules = like.rules if like is not None else None
    return GameSession(open_save(path, rules=rules, allow_changed_scenario=allow_changed))


@dataclass(frozen=True)
class Refusal:
    """Why a save was not loaded; nothing changed."""

    message: str
    scenario_changed: bool = False  # the player may load it anyway, by the new rules
    hint: str = ""  # what the player can do about it


def open_game(app: App, path: Path, allow_changed: bool = False) -> Refusal | None:
    """Load ``path`` and open its planning desk; on refusal return why (nothing changed).

    ``allow_changed`` loads a game whose scenario files changed since it was saved (a
    new version of the game or of a mod): the rest of it is played by the new rules.
    """
    desks = (s for s in app.stack.scenes if s.name == "planning")
    current: GameSession | None = next((getattr(s, "session", None) for s in desks), None)
    try:
        session = read_game(path, current, allow_changed)
    except SaveError as exc:
        if exc.reason == Reason.SCENARIO_CHANGED:
            changed = f"{path.name}: its scenario has changed since it was saved."
            return Refusal(changed, scenario_changed=True)
        why = exc.detail.split(": ", 1)[-1]
        return Refusal(f"Cannot load {path.name}: {why}", hint=exc.hint)
    except ScenarioError as exc:
        why = exc.problems[0] if exc.problems else "scenario"
        return Refusal(f"Cannot load {path.name}: {why}")
    except OSError as exc:
        return Refusal(f"Cannot load {path.name}: {exc.strerror or exc}")
    app.to_title()
    desk = app.routes["planning"](app, session)
    app.push(desk)
    if session.over:
        app.push(app.routes["end"](app, desk, session))
    return None
