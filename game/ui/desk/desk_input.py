"""The planning desk's mouse and keys: clicks on the map pick targets, drags and keys move
it, and the key tables (with their F1 help beside them) open the desk's other screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.core.model import Rules
from game.ui.desk.plan_state import short_name
from game.ui.desk.saving import quick_load, quick_save
from game.ui.kit.panels import BAR_H
from game.ui.map.map_view import KEY_SCROLL_PX, MapView

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

CLICK_SLOP_PX = 5  # a press and release closer than this is a click, not a drag
SAME_SPOT_PX = 12  # targets this close on screen are one click's choice: clicks cycle
KEY_MOVES = {
    pygame.K_LEFT: (1, 0),
    pygame.K_a: (1, 0),
    pygame.K_RIGHT: (-1, 0),
    pygame.K_d: (-1, 0),
    pygame.K_UP: (0, 1),
    pygame.K_w: (0, 1),
    pygame.K_DOWN: (0, -1),
    pygame.K_s: (0, -1),
}


def targets_near(rules: Rules, view: PlayerView, map_view: MapView, target: str) -> list[str]:
    """The active targets drawn on the same spot as ``target`` (a town and its bridges),
    nearest first, starting with ``target`` itself."""
    if rules.targets[target].kind == "rail_segment":
        return [target]
    x, y = map_view.to_screen(rules.targets[target].position)
    near = []
    for tid in view.active_targets:
        t = rules.targets[tid]
        if t.kind == "rail_segment" or t.foreign != rules.targets[target].foreign:
            continue
        tx, ty = map_view.to_screen(t.position)
        d = ((tx - x) ** 2 + (ty - y) ** 2) ** 0.5
        if d < SAME_SPOT_PX:
            near.append((d, tid))
    return [tid for _, tid in sorted(near)]


class DeskInput:
    """Turns the desk's raw events into map moves, target picks and plan commands."""

    def __init__(self, desk: PlanningScene) -> None:
        self.desk = desk
        self._press_at: tuple[int, int] | None = None

    def handle(self, event: pygame.event.Event) -> None:
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event)

    def over_map(self, pos: tuple[int, int]) -> bool:
        rect = self.desk.map.rect
        return rect.collidepoint(pos) and pos[1] > rect.y + BAR_H

    def typing(self) -> bool:
        focus = self.desk.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus or ())

    def cancel_drag(self) -> None:
        self._press_at = None
        self.desk.dragging = False

    def targets_near(self, target: str) -> list[str]:
        desk = self.desk
        return targets_near(desk.session.rules, desk.view, desk.map, target)

    # -- the mouse
    def _mouse_down(self, event: pygame.event.Event) -> None:
        if event.button == 1 and self.over_map(event.pos):
            self.desk.dragging = True
            self._press_at = event.pos

    def _mouse_up(self, event: pygame.event.Event) -> None:
        if event.button != 1:
            return
        desk = self.desk
        start, self._press_at = self._press_at, None
        desk.dragging = False
        if start is None or not self.over_map(event.pos):
            return
        if abs(event.pos[0] - start[0]) + abs(event.pos[1] - start[1]) > CLICK_SLOP_PX:
            return
        target = desk.map.target_at(desk.view, event.pos)
        if target is not None and not desk.session.busy:
            here = self.targets_near(target)
            chosen = desk.plan.draft.target
            if chosen in here and len(here) > 1:  # a click again: the next one
                target = here[(here.index(chosen) + 1) % len(here)]
            desk.pick_target(target)
            if len(here) > 1:
                names = " · ".join(short_name(desk.session.rules, t) for t in here)
                desk.say(f"{len(here)} targets here ({names}): click again for the next.")

    def _mouse_move(self, event: pygame.event.Event) -> None:
        desk = self.desk
        desk.mouse = event.pos
        if desk.dragging and self._press_at is not None:
            moved = abs(event.pos[0] - self._press_at[0]) + abs(event.pos[1] - self._press_at[1])
            if moved > CLICK_SLOP_PX:
                desk.map.scroll(*event.rel)
                desk.hover = None
        elif self.over_map(event.pos):
            desk.hover = desk.map.target_at(desk.view, event.pos)
        else:
            desk.hover = None

    def _wheel(self, event: pygame.event.Event) -> None:
        desk = self.desk
        if self.over_map(desk.mouse) and event.y:
            desk.map.zoom_at(desk.mouse, 1 if event.y > 0 else -1)
            desk.hover = desk.map.target_at(desk.view, desk.mouse)

    # -- the keys
    def _key(self, event: pygame.event.Event) -> None:
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if ctrl:
            action = _CTRL_KEYS.get((event.key, shift))
            if action is not None:
                action(self.desk)
            return
        action = _KEYS.get(event.key)
        if action is not None:
            action(self.desk)
            return
        if self.typing():
            return
        if event.key in KEY_MOVES:
            dx, dy = KEY_MOVES[event.key]
            self.desk.map.scroll(dx * KEY_SCROLL_PX, dy * KEY_SCROLL_PX)
            return
        action = _PLAIN_KEYS.get(event.key)
        if action is not None:
            action(self.desk)


# -- what the keys do: each takes the desk
DeskAction = Callable[["PlanningScene"], None]


def open_menu(desk: PlanningScene) -> None:
    if not desk.session.busy:
        desk.app.push(desk.make("menu", desk, desk.session))


def open_help(desk: PlanningScene) -> None:
    desk.app.push(desk.make("help", desk, KEY_HELP))


def open_history(desk: PlanningScene) -> None:
    if not desk.session.busy:
        desk.app.push(desk.make("history", desk, desk.session))


def open_target_list(desk: PlanningScene) -> None:
    if not desk.session.busy:
        desk.app.push(desk.make("targets", desk))


def save_quickly(desk: PlanningScene) -> None:
    if not desk.session.busy:
        desk.say(quick_save(desk.session))


def load_quickly(desk: PlanningScene) -> None:
    if not desk.session.busy:
        error = quick_load(desk.app)
        if error:
            desk.say(error)


def zoom(steps: int) -> DeskAction:
    def zoom_by(desk: PlanningScene) -> None:
        desk.map.zoom_at(desk.map.rect.center, steps)

    return zoom_by


def toggle_zones(desk: PlanningScene) -> None:
    desk.map.show_zones = not desk.map.show_zones
    desk.extras.sync_toggles()


def toggle_setting(name: str) -> DeskAction:
    """P and K: place names and their Hangul, kept in the settings."""

    def toggle(desk: PlanningScene) -> None:
        on = not getattr(desk.app.settings, name)
        desk.app.change_settings(desk.app.settings.model_copy(update={name: on}))

    return toggle


def toggle_legend(desk: PlanningScene) -> None:
    desk.show_legend = not desk.show_legend


def tab(key: str) -> DeskAction:
    return lambda desk: desk.show_tab(key)


_HANDLERS: dict[int, Callable[[DeskInput, pygame.event.Event], None]] = {
    pygame.MOUSEBUTTONDOWN: DeskInput._mouse_down,
    pygame.MOUSEBUTTONUP: DeskInput._mouse_up,
    pygame.MOUSEMOTION: DeskInput._mouse_move,
    pygame.MOUSEWHEEL: DeskInput._wheel,
    pygame.KEYDOWN: DeskInput._key,
}
# Keys with Ctrl (and whether Shift is held): the plan's history and End Turn.
_CTRL_KEYS: dict[tuple[int, bool], DeskAction] = {
    (pygame.K_z, False): lambda desk: desk.act(desk.plan.undo),
    (pygame.K_z, True): lambda desk: desk.act(desk.plan.redo),
    (pygame.K_y, False): lambda desk: desk.act(desk.plan.redo),
    (pygame.K_RETURN, False): lambda desk: desk.end_turn(),
    (pygame.K_KP_ENTER, False): lambda desk: desk.end_turn(),
}
# Keys that work even while a number is being typed.
_KEYS: dict[int, DeskAction] = {
    pygame.K_ESCAPE: open_menu,
    pygame.K_F1: open_help,
    pygame.K_F2: lambda desk: desk.open_encyclopedia(),
    pygame.K_F5: save_quickly,
    pygame.K_F9: load_quickly,
}
# Plain keys, ignored while a number is being typed.
_PLAIN_KEYS: dict[int, DeskAction] = {
    pygame.K_PLUS: zoom(1),
    pygame.K_EQUALS: zoom(1),
    pygame.K_KP_PLUS: zoom(1),
    pygame.K_MINUS: zoom(-1),
    pygame.K_KP_MINUS: zoom(-1),
    pygame.K_z: toggle_zones,
    pygame.K_l: toggle_legend,
    pygame.K_p: toggle_setting("place_names"),
    pygame.K_k: toggle_setting("hangul_names"),
    pygame.K_1: tab("package"),
    pygame.K_2: tab("plan"),
    pygame.K_3: tab("politics"),
    pygame.K_4: tab("forecast"),
    pygame.K_5: tab("pressure"),
    pygame.K_6: tab("tasks"),
    pygame.K_r: lambda desk: desk.act(desk.plan.repeat_last),
    pygame.K_h: lambda desk: desk.act(desk.plan.fill_historical),
    pygame.K_g: open_history,
    pygame.K_t: open_target_list,
}

# Every binding, for the F1 overlay (kept next to the tables it describes).
KEY_HELP: tuple[tuple[str, str], ...] = (
    ("Click a target", "Plan a package on it (Package tab)"),
    ("Drag · arrows · WASD", "Move the map"),
    ("Wheel · + / −", "Zoom the map"),
    ("1 · 2 · 3 · 4 · 5 · 6", "Package, Plan, Politics, Forecast, Pressure and Tasks tabs"),
    ("Ctrl+Z", "Undo a change to the plan"),
    ("Ctrl+Y · Ctrl+Shift+Z", "Redo"),
    ("R", "Repeat last turn's plan"),
    ("H", "Fill in the historical plan"),
    ("Ctrl+Enter", "End Turn: fly the plan"),
    ("Right-click a target · I", "Its panel: estimates, flak, repairs, restrictions"),
    ("M · F · X · N · B", "MiG Alley, flak rings, restriction zones, neutral, border"),
    ("Z", "Show or hide all the map's zones"),
    ("G · T", "Charts of the war so far, and their CSV · every target in a sortable table"),
    ("L", "Show or hide the map key"),
    ("P · K", "Show or hide place names · their Korean (Hangul) names"),
    ("F5 · F9", "Quick save · quick load"),
    ("Esc", "Menu: resume, save, load, settings, quit to title"),
    ("F1", "This list of keys"),
    ("F2", "Encyclopedia: targets, aircraft, restrictions, events, places"),
    ("F11", "Full screen or window (remembered)"),
    ("Space · Enter", "Close the turn report"),
)
