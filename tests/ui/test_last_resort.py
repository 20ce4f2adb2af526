"""An error no scene caught: logged, the game autosaved, the player told, the title near."""

from __future__ import annotations

import pygame
import pytest

from game.save import list_saves, load_save
from game.ui.crash import CrashScene, log_path


class Boom(RuntimeError):
    pass


def test_an_error_in_a_scene_autosaves_logs_and_offers_the_title(app, desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    desk.session.autosave_enabled = True
    before = {e.path for e in list_saves() if e.autosave}

    def fail(dt: float) -> bool:
        raise Boom("a scene went wrong")

    monkeypatch.setattr(desk, "update", fail)
    app.safe_step([])
    assert app.running, "the window stays open"
    crash = app.scene
    assert isinstance(crash, CrashScene)
    saved = {e.path for e in list_saves() if e.autosave} - before
    assert len(saved) == 1 and crash.saved in saved
    assert load_save(crash.saved, desk.session.rules).state == desk.session.state
    log = log_path()
    assert "Boom: a scene went wrong" in log.read_text(encoding="utf-8")
    message = crash.message()
    assert "a scene went wrong" in message and str(log) in message
    assert crash.saved.stem in message
    app.safe_step([])  # the crash screen itself draws and updates
    app.step([pygame.event.Event(pygame.USEREVENT)])
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEBUTTONDOWN, pos=crash.title_button.get_abs_rect().center, button=1
        )
    )
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEBUTTONUP, pos=crash.title_button.get_abs_rect().center, button=1
        )
    )
    for _ in range(3):
        app.safe_step()
    assert app.stack.names() == ["title"]


def test_an_error_on_the_crash_screen_itself_closes_cleanly(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app.scene, "update", lambda dt: (_ for _ in ()).throw(Boom("first")))
    app.safe_step([])
    crash = app.scene
    assert isinstance(crash, CrashScene) and crash.saved is None
    assert "no game in progress" in crash.message()
    monkeypatch.setattr(crash, "update", lambda dt: (_ for _ in ()).throw(Boom("again")))
    app.safe_step([])
    assert not app.running
    app.to_title()


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_leaving_on_purpose_is_not_caught(app, monkeypatch, error) -> None:  # type: ignore[no-untyped-def]
    def leave(dt: float) -> bool:
        raise error()

    monkeypatch.setattr(app.scene, "update", leave)
    with pytest.raises(error):
        app.safe_step([])
