"""The tutorial: a guided first day of a real scenario, played at the planning desk.

It runs beside the scenes, not as one: the app gives it input first (only its own
prompt's clicks are taken), asks it after every frame whether the player has done
what the step asks, and draws its prompt over the top scene. It reads the scenes and
the plan and never changes the game; finishing or skipping it is remembered in the
player's settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pygame
from pygame_gui.core import UIContainer
from pygame_gui.elements import UILabel, UIPanel

from game.data.scenario import ScenarioError, find_scenario, load_rules
from game.ui.kit.panels import BAR_H
from game.ui.screens.tutorial_prompt import PromptLayout, draw_prompt, lay_out
from game.ui.screens.tutorial_steps import (
    ANCHORS,
    CONDITIONS,
    NEXT,
    Pointer,
    Script,
    ScriptError,
    Step,
    load_script,
)

if TYPE_CHECKING:
    from game.core.model import Rules
    from game.ui.app import App
    from game.ui.screens.planning import PlanningScene

HINT_H = 30  # the map's line of hints under the status bar


class Tutorial:
    def __init__(self, app: App, desk: PlanningScene, script: Script) -> None:
        self.app = app
        self.desk = desk
        self.script = script
        self.index = 0
        self.read: set[int] = set()  # steps passed with Next: not asked again
        self.mouse = (0, 0)
        self.layout: PromptLayout | None = None
        self._pressed: str | None = None
        self._enter()

    # -- the script
    @property
    def step(self) -> Step:
        return self.script.steps[self.index]

    @property
    def step_id(self) -> str:
        return self.step.id

    def _done(self, index: int) -> bool:
        step = self.script.steps[index]
        if step.done_when != NEXT:
            return CONDITIONS[step.done_when].test(self)
        # Read with Next, or gone past by doing what comes after it.
        return index in self.read or bool(
            step.passed_when and CONDITIONS[step.passed_when].test(self)
        )

    def pointer(self) -> Pointer | None:
        anchor = self.step.point_at
        return ANCHORS[anchor](self) if anchor else None

    def visible(self) -> bool:
        scene = self.app.scene
        return scene is not None and scene.name in self.step.scenes

    def _enter(self) -> None:
        """A step begins: bring what it points at into view."""
        if self.step.point_at == "map_target" and self.pointer() is None:
            target = self.desk.session.rules.targets[self.script.target]
            self.desk.map.center_on(target.position)

    # -- the loop
    def update(self) -> bool:
        """Step back if the player took back an earlier step, on when this one is done.
        True when the prompt changed."""
        if self.desk not in self.app.stack.scenes:  # the game was left: end quietly
            self.app.tutorial = None
            return True
        before = self.index
        for j in range(self.index):
            cond = self.script.steps[j].done_when
            if cond != NEXT and CONDITIONS[cond].undoable and not self._done(j):
                self.index = j
                break
        while self.index < len(self.script.steps) - 1 and self._done(self.index):
            self.index += 1
        if self.index != before:
            self._enter()
            return True
        return False

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Clicks on the prompt are the tutorial's; everything else goes to the scene."""
        event = self.app.to_canvas(event)  # the prompt is drawn on the scaled interface
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return False
        lay = self.layout
        if lay is None or not self.visible():
            return False
        if event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return False
        if not lay.box.collidepoint(event.pos):
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if lay.skip.collidepoint(event.pos):
                self.skip()
            elif lay.next is not None and lay.next.collidepoint(event.pos):
                self.next()
        self.app.dirty = True
        return True

    def next(self) -> None:
        if self.step.done_when != NEXT:
            return
        if self.index == len(self.script.steps) - 1:
            self.finish()
            return
        self.read.add(self.index)
        self.index += 1
        self._enter()
        self.update()

    def skip(self) -> None:
        self._close()
        self.desk.say("Tutorial skipped. The Tutorial button on the title screen plays it again.")

    def finish(self) -> None:
        self._close()
        self.desk.say("Tutorial done. Plan the next day as you see fit; F1 lists every key.")

    def _close(self) -> None:
        self.app.tutorial = None
        self.app.change_settings(self.app.settings.model_copy(update={"tutorial_done": True}))

    # -- drawing
    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible():
            self.layout = None
            return
        pointer = self.pointer()
        self.layout = lay_out(
            surface.get_size(),
            self.step,
            self.index + 1,
            len(self.script.steps),
            pointer.rect if pointer is not None else None,
            self._bounds(surface),
            pointer.detour if pointer is not None else "",
            pointer is not None and pointer.on_map,
            self._labels_near(pointer.rect) if pointer is not None else (),
            pal=self.app.palette,
        )
        draw_prompt(surface, self.layout, self.mouse, pal=self.app.palette)

    def _labels_near(self, target: pygame.Rect) -> tuple[pygame.Rect, ...]:
        """The scene's labels and controls other than the one pointed at (nor its
        parts, nor the panels holding it): the arrow keeps off them."""
        scene = self.app.scene
        if scene is None:
            return ()
        out = []
        for element in scene.manager.get_sprite_group().sprites():
            rect = pygame.Rect(element.rect)
            if isinstance(element, UIContainer | UIPanel) or not getattr(element, "visible", 1):
                continue
            if rect.w <= 0 or rect.h <= 0 or target.contains(rect) or rect.contains(target):
                continue
            out.append(_text_rect(element, rect))
        return tuple(out)

    def _bounds(self, surface: pygame.Surface) -> pygame.Rect:
        """Where the prompt may go: over the report anywhere; at the desk, on the map
        below its status bar and hint, never over the side panel."""
        if self.app.scene is not None and self.app.scene.name == "report":
            return surface.get_rect()
        area = self.desk.map.rect.copy()
        top = BAR_H + HINT_H
        area.h -= top - area.y
        area.y = top
        return area


def _text_rect(element: object, rect: pygame.Rect) -> pygame.Rect:
    """Where a label's words are (its widget is wider and taller than they are)."""
    text, face = getattr(element, "text", None), getattr(element, "font", None)
    if not isinstance(element, UILabel) or not text or face is None:
        return rect
    w, h = face.size(text)
    words = pygame.Rect(0, 0, min(w + 4, rect.w), min(h, rect.h))
    align = getattr(element, "text_horiz_alignment", "left")
    words.center = rect.center
    if align == "left":
        words.left = rect.left
    elif align == "right":
        words.right = rect.right
    return words


def tutorial_rules(script: Script, difficulty: str) -> Rules:
    """The scenario the tutorial plays, checked against what the script names."""
    source = find_scenario(script.scenario)
    rules = load_rules(source)
    if difficulty in rules.difficulties and difficulty != rules.difficulty:
        rules = load_rules(source, difficulty)
    missing = [
        f"{key} '{value}'"
        for key, value, table in (
            ("target", script.target, rules.targets),
            ("strike_pool", script.strike_pool, rules.pools),
            ("card", script.card, rules.cards),
        )
        if value not in table
    ]
    if missing:
        raise ScriptError(f"tutorial.toml: {script.scenario} has no " + ", ".join(missing))
    return rules


def start_tutorial(app: App) -> str | None:
    """A new game of the tutorial's scenario with the tutorial running; or what went wrong."""
    from game.ui.session import GameSession

    try:
        script = load_script()
        rules = tutorial_rules(script, app.settings.default_difficulty)
    except ScriptError as exc:
        return f"The tutorial cannot start: {exc}"
    except ScenarioError as exc:
        first = exc.problems[0] if exc.problems else ""
        return f"The tutorial cannot start: its scenario has problems ({first})"
    app.to_title()
    desk = cast("PlanningScene", app.routes["planning"](app, GameSession.start(rules)))
    app.push(desk)
    app.tutorial = Tutorial(app, desk, script)
    return None
