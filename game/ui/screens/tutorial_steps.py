"""The tutorial's script: the steps read from ``tutorial.toml``, and in code what the
steps name there: the conditions that complete a step (observed from the scenes and the
plan, never changed) and the controls a prompt points at."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pygame
from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from game.ui.kit.widgets import Spinner
    from game.ui.screens.tutorial import Tutorial

SCRIPT_PATH = Path(__file__).with_name("tutorial.toml")
NEXT = "next"  # a step the player completes with the Next button
TARGET_BOX_PX = 30  # the ring around a target on the map


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    # Longer words would push the prompt's box past a 1280x720 window.
    title: str = Field(min_length=1, max_length=60)
    text: str = Field(min_length=1, max_length=400)
    why: str = Field(min_length=1, max_length=300)
    done_when: str
    passed_when: str = ""  # a Next step is also passed once this holds
    point_at: str = ""
    # The screens of the tutorial's game; a prompt for any other would never show.
    scenes: tuple[Literal["planning", "resolution", "report"], ...] = ("planning",)
    side: Literal["left", "right", "above", "below"] = "left"
    place: Literal["centre", "low"] = "centre"


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scenario: str
    target: str
    strike_pool: str
    escort_at_least: int = Field(default=1, ge=1)
    card: str
    steps: tuple[Step, ...] = Field(min_length=1)


class ScriptError(Exception):
    """The tutorial file cannot be used; the message names the file and the key."""


def load_script(path: Path = SCRIPT_PATH) -> Script:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        script = Script.model_validate(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScriptError(f"{path.name}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ScriptError(f"{path.name}: {key}: {first['msg']}") from exc
    for i, step in enumerate(script.steps):
        if step.done_when != NEXT and step.done_when not in CONDITIONS:
            raise ScriptError(f"{path.name}: steps.{i}.done_when: unknown '{step.done_when}'")
        if step.passed_when and step.passed_when not in CONDITIONS:
            raise ScriptError(f"{path.name}: steps.{i}.passed_when: unknown '{step.passed_when}'")
        if step.point_at and step.point_at not in ANCHORS:
            raise ScriptError(f"{path.name}: steps.{i}.point_at: unknown '{step.point_at}'")
    if script.steps[-1].done_when != NEXT:
        raise ScriptError(f'{path.name}: the last step must end with done_when = "next"')
    return script


# ------------------------------------------------------------------ conditions
# Each holds once its step is done and stays true after the later steps are done too
# (the plan is emptied when the turn is flown), so a step is undone only when the
# player really takes back what it asked for.


def _flown(t: Tutorial) -> bool:
    return t.desk.session.busy or len(t.desk.session.results) > 0


def _added(t: Tutorial) -> bool:
    return _flown(t) or any(p.target == t.script.target for p in t.desk.orders.packages)


def _picked(t: Tutorial) -> bool:
    return _added(t) or t.desk.plan.draft.target == t.script.target


def _strike_set(t: Tutorial) -> bool:
    return _added(t) or (_picked(t) and sum(t.desk.plan.draft.strike.values()) > 0)


def _escort_set(t: Tutorial) -> bool:
    draft = t.desk.plan.draft
    escorted = not draft.night and draft.escort >= t.script.escort_at_least
    return _added(t) or (_strike_set(t) and escorted)


def _politics_open(t: Tutorial) -> bool:
    return _added(t) or (t.desk.tab == "politics" and t.app.scene is t.desk)


def _report_open(t: Tutorial) -> bool:
    scene = t.app.scene
    back = scene is t.desk and _flown(t) and not t.desk.session.busy
    return back or (scene is not None and scene.name == "report")


def _report_closed(t: Tutorial) -> bool:
    return t.app.scene is t.desk and _flown(t) and not t.desk.session.busy


@dataclass(frozen=True)
class Condition:
    test: Callable[[Tutorial], bool]
    undoable: bool = False  # the player can take it back: the tutorial steps back too


CONDITIONS: dict[str, Condition] = {
    "target_picked": Condition(_picked, undoable=True),
    "strike_set": Condition(_strike_set, undoable=True),
    "escort_set": Condition(_escort_set, undoable=True),
    "politics_open": Condition(_politics_open),
    "package_added": Condition(_added, undoable=True),
    "turn_flown": Condition(_flown),
    "report_open": Condition(_report_open),
    "report_closed": Condition(_report_closed),
}


# ------------------------------------------------------------------ anchors
# A control's rectangle on screen, or a detour: the tab to open first and why.


@dataclass(frozen=True)
class Pointer:
    rect: pygame.Rect
    detour: str = ""  # said first when the control is on another tab
    on_map: bool = False  # a point on the map: ringed by a circle


def _tab(t: Tutorial, key: str, why: str = "") -> Pointer | None:
    button = t.desk.tab_buttons.get(key)
    return Pointer(pygame.Rect(button.get_abs_rect()), why) if button is not None else None


def _package_control(t: Tutorial, pick: Callable[[Tutorial], pygame.Rect | None]) -> Pointer | None:
    if t.app.scene is not t.desk:
        return None
    if t.desk.builder is None:
        return _tab(t, "package", "First open the Package tab: your package is kept there.")
    if t.desk.plan.draft.night and pick is not _add_button:
        day = t.desk.builder.day_button.get_abs_rect()
        return Pointer(
            pygame.Rect(day), "First switch back to Day: Thunderjets and Sabres fly by day."
        )
    rect = pick(t)
    return Pointer(rect) if rect is not None else None


def _map_target(t: Tutorial) -> Pointer | None:
    desk = t.desk
    x, y = desk.map.to_screen(desk.session.rules.targets[t.script.target].position)
    rect = pygame.Rect(0, 0, TARGET_BOX_PX, TARGET_BOX_PX)
    rect.center = (round(x), round(y))
    return Pointer(rect, on_map=True) if desk.map.rect.contains(rect) else None


def _strike_box(t: Tutorial) -> pygame.Rect | None:
    builder = t.desk.builder
    spinner = builder.strike_spinners.get(t.script.strike_pool) if builder else None
    return _spinner_rect(spinner)


def _escort_box(t: Tutorial) -> pygame.Rect | None:
    builder = t.desk.builder
    return _spinner_rect(builder.escort if builder else None)


def _spinner_rect(spinner: Spinner | None) -> pygame.Rect | None:
    if spinner is None:
        return None
    return pygame.Rect(spinner.minus.get_abs_rect()).union(spinner.plus.get_abs_rect())


def _add_button(t: Tutorial) -> pygame.Rect | None:
    return pygame.Rect(t.desk.builder.add_button.get_abs_rect()) if t.desk.builder else None


def _card(t: Tutorial) -> Pointer | None:
    if t.app.scene is not t.desk:
        return None
    tab = t.desk.politics_tab
    if tab is None:
        return _tab(t, "politics", "First open the Politics tab again.")
    box = tab.card_boxes.get(t.script.card)
    return Pointer(pygame.Rect(box.get_abs_rect())) if box is not None else None


def _politics_tab(t: Tutorial) -> Pointer | None:
    return _tab(t, "politics") if t.app.scene is t.desk else None


def _desk_button(t: Tutorial, name: str) -> Pointer | None:
    if t.app.scene is not t.desk:
        return None
    return Pointer(getattr(t.desk, name).get_abs_rect())


def _report_part(t: Tutorial, name: str) -> Pointer | None:
    scene = t.app.scene
    if scene is None or scene.name != "report":
        return None
    return Pointer(getattr(scene, name).get_abs_rect())


ANCHORS: dict[str, Callable[[Tutorial], Pointer | None]] = {
    "map_target": _map_target,
    "strike_box": lambda t: _package_control(t, _strike_box),
    "escort_box": lambda t: _package_control(t, _escort_box),
    "add_button": lambda t: _package_control(t, _add_button),
    "politics_tab": _politics_tab,
    "card": _card,
    "end_turn": lambda t: _desk_button(t, "end_button"),
    "report_text": lambda t: _report_part(t, "text"),
    "continue_button": lambda t: _report_part(t, "continue_button"),
}
