"""Thousands of random clicks, drags, wheels and keys on every scene: no exception."""

from __future__ import annotations

import random
import time

import pygame
import pytest

from game.ui.app import App
from game.ui.screenshot import SCENES, open_scene

pytestmark = pytest.mark.slow  # thousands of random inputs on every scene

# Scenes opened over the planning desk, each with the desk's own action.
OVERLAYS = ("menu", "help", "save", "load", "target")

EVENTS_PER_SCENE = 2000
KEYS = [
    pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_SPACE, pygame.K_TAB, pygame.K_BACKSPACE,
    pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_w, pygame.K_a,
    pygame.K_s, pygame.K_d, pygame.K_z, pygame.K_l, pygame.K_PLUS, pygame.K_MINUS,
    pygame.K_F1, pygame.K_F5, pygame.K_F9, pygame.K_0, pygame.K_5, pygame.K_9,
    pygame.K_g, pygame.K_c, pygame.K_F2, pygame.K_p, pygame.K_k,
]  # fmt: skip


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    kind = rng.random()
    if kind < 0.35:
        return pygame.event.Event(
            pygame.MOUSEMOTION,
            pos=pos,
            rel=(rng.randint(-40, 40), rng.randint(-40, 40)),
            buttons=(rng.random() < 0.3, 0, 0),
        )
    if kind < 0.55:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3)))
    if kind < 0.75:
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)
    if kind < 0.82:
        return pygame.event.Event(
            pygame.MOUSEWHEEL,
            x=0,
            y=rng.choice((-1, 1)),
            precise_x=0.0,
            precise_y=float(rng.choice((-1, 1))),
            flipped=False,
        )
    key = rng.choice(KEYS)
    mod = rng.choice((0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_SHIFT))
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


@pytest.fixture(scope="module")
def app(worker, terrains):
    a = App((1280, 720), worker=worker, terrains=terrains)
    yield a
    pygame.display.quit()


def open_any(app: App, scene: str) -> None:
    if scene in SCENES:
        open_scene(app, "suiho_1952", scene)
        return
    from game.ui.desk.desk_input import open_help, open_menu
    from game.ui.screens.save_dialog import LoadDialog, SaveDialog

    open_scene(app, "suiho_1952", "planning")
    desk = app.scene
    actions = {
        "menu": lambda: open_menu(desk),
        "help": lambda: open_help(desk),
        "save": lambda: app.push(SaveDialog(app, desk, desk.session)),
        "load": lambda: app.push(LoadDialog(app, desk)),
        "target": lambda: desk.pick_target("chosin_plants"),
    }
    actions[scene]()
    app.step([])


@pytest.mark.parametrize("scene", (*SCENES, *OVERLAYS))
def test_random_input_never_raises(app: App, scene: str) -> None:
    rng = random.Random(f"monkey-{scene}")
    open_any(app, scene)
    sent = 0
    while sent < EVENTS_PER_SCENE:
        if not app.running or app.scene is None:  # the monkey quit or left: start again
            app.running = True
            open_any(app, scene)
        batch = [random_event(rng, app.size) for _ in range(20)]
        app.step(batch)
        sent += len(batch)
        deadline = time.monotonic() + 5
        while (
            app.scene is not None
            and getattr(app.scene, "session", None) is not None
            and app.scene.session.busy
        ):
            app.step([])  # let a turn that the monkey started finish
            if time.monotonic() > deadline:
                break
    assert sent >= EVENTS_PER_SCENE
