"""The save dialog keeps any name the player types, and asks before it replaces a save."""

from __future__ import annotations

import pygame
import pytest

from game.save import saves_dir
from game.ui.screens.save_dialog import SaveDialog

INVISIBLE = "\u200b\u200d\u202e\ufeff"


def _type(app, text: str) -> None:  # type: ignore[no-untyped-def]
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)])
    app.step([])


def _dialog(app, desk) -> SaveDialog:  # type: ignore[no-untyped-def]
    app.push(SaveDialog(app, desk, desk.session))
    app.step([])
    dialog = app.scene
    assert isinstance(dialog, SaveDialog)
    return dialog


@pytest.mark.parametrize("typed", ["日本", "한국", f"a{INVISIBLE}b", INVISIBLE, "e\u0301\u0301"])
def test_any_unicode_typed_into_the_name_is_kept_or_dropped_never_a_crash(
    app, desk, typed: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(app, desk)
    dialog.name_entry.set_text("")
    _type(app, typed)
    for _ in range(3):
        app.step([])
    assert app.running
    dialog.save()
    saved = {p.stem for p in saves_dir().iterdir() if p.is_file()}
    visible = "".join(ch for ch in typed if ch not in INVISIBLE)
    assert (visible or "save") in saved or visible.startswith("e")


def test_a_name_of_another_save_asks_first_then_replaces(app, desk) -> None:  # type: ignore[no-untyped-def]
    taken = saves_dir() / "a_b.json"
    taken.parent.mkdir(parents=True, exist_ok=True)
    taken.write_text("not a save", encoding="utf-8")
    dialog = _dialog(app, desk)
    dialog.name_entry.set_text("a:b")
    dialog.save()
    assert app.scene is dialog, "the dialog stays open to ask"
    assert "exists" in dialog.error and "again" in dialog.error
    assert taken.read_text(encoding="utf-8") == "not a save"
    dialog.save()
    assert app.scene is desk
    assert taken.read_text(encoding="utf-8") != "not a save"
    taken.unlink()


def test_invisible_characters_in_the_encyclopedia_search_are_no_crash(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.screens.encyclopedia import EncyclopediaScene

    scene = EncyclopediaScene(app, app.scene)  # type: ignore[arg-type]
    app.push(scene)
    app.step([])
    scene.manager.set_focus_set(scene.search)
    for ch in INVISIBLE:
        _type(app, ch)
    assert app.running and app.scene is scene
    assert scene.search.get_text() == INVISIBLE
    app.pop()


def test_a_window_made_smaller_than_1280x720_shows_the_whole_canvas_shrunk(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.kit.style import MIN_SIZE

    try:
        pygame.display.set_mode((900, 500), pygame.RESIZABLE)  # as a tiling window manager might
        app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(900, 500), w=900, h=500)])
        assert app.size == MIN_SIZE and app.screen.get_size() == MIN_SIZE
        assert app.window.get_size() == (900, 500)
        for _ in range(3):
            app.step([])
        assert app.running
    finally:
        app.set_window_size(MIN_SIZE)
    assert app.size == MIN_SIZE and app.screen is app.window
