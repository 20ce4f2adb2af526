"""The encyclopedia's articles, loaded once a run, and how any screen opens it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from game.data.encyclopedia import Encyclopedia, read_encyclopedia

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes import Scene


@cache
def loaded_book() -> Encyclopedia:
    """Loaded once a run, with the player's mods; bad articles are left out, with why."""
    return read_encyclopedia(mods=())


def encyclopedia() -> Encyclopedia | None:
    book = loaded_book()
    return book if book.entries else None


def open_encyclopedia(app: App, below: Scene, ref: str | None = None) -> None:
    """Open it over ``below``; in a game, with that scenario's own notes."""
    session = getattr(below, "session", None)
    notes = session.rules.notes if session is not None else None
    app.push(app.routes["encyclopedia"](app, below, ref, notes))
