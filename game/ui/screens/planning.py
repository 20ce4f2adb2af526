"""The planning desk: the map with the intelligence picture, and the side panel where the
turn's plan is built (packages, standing tasks, press, JCS requests), undone and
redone, and committed with End Turn, which runs the turn off the window's thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.core.orders import Preflight, TurnOrders, fit_to_capacity, preflight, validate_orders
from game.core.planners import historical_fill_note
from game.core.turn import TurnResult
from game.ui.app_memory import settle_heap
from game.ui.desk import forecast_panel
from game.ui.desk.forecast_panel import Forecaster, ForecastTab
from game.ui.desk.orders_panel import PlanTab, PoliticsTab
from game.ui.desk.package_builder import Draft, PackageBuilder
from game.ui.desk.plan_state import PlanHistory, carry_over, press_refusal, short_name
from game.ui.desk.pressure_tab import PressureTab
from game.ui.desk.status_bar import BAR_H, draw_status_bar
from game.ui.desk.target_panel import MapExtras
from game.ui.desk.tasks_tab import TasksTab
from game.ui.kit.panels import PAD, draw_tooltip, tooltip_lines
from game.ui.kit.style import PAL, font, wrap
from game.ui.kit.words import short_date
from game.ui.map import naval_areas
from game.ui.map.map_cache import KOREA_TMX
from game.ui.map.map_view import KEY_SCROLL_PX, MapView
from game.ui.map.overlays import draw_map_key
from game.ui.scenes import Scene, drop_tooltips
from game.ui.screens.encyclopedia_book import open_encyclopedia
from game.ui.screens.saving import quick_load, quick_save
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App

MIN_BANNER_S = 0.6  # show "Enemy turn…" at least this long, so it can be read
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
LEGEND_KINDS_ORDER = (
    "city",
    "hydro_plant",
    "thermal_plant",
    "airfield",
    "rail_bridge",
    "dam",
    "marshalling_yard",
    "industrial_complex",
)
TABS = (
    ("package", "Package", "Build a strike package: target, aircraft, escort, time", "1"),
    ("plan", "Plan", "The planned packages, sorties left and standing tasks", "2"),
    ("politics", "Politics", "Press policy, restrictions in force and JCS requests", "3"),
    (
        "forecast",
        "Forecast",
        "The plan flown many times on your intelligence: likely losses, "
        "damage, civilians, opinion and talks, as ranges",
        "4",
    ),
    (
        "pressure",
        "Pressure",
        "What moves the enemy's willingness to sign, cause by cause, as your "
        "intelligence estimates it",
        "5",
    ),
    (
        "tasks",
        "Tasks",
        "Standing tasks' shares, the rail lines interdiction concentrates on, and the "
        "targets to photograph",
        "6",
    ),
)
TAB_GAP = 4


def tab_widths(total: int) -> list[int]:
    """Each tab as wide as its name, and the room left shared out, so no name is cut."""
    label_font = font(15, bold=True)  # the theme's @tab font
    natural = [label_font.size(label)[0] for _, label, _, _ in TABS]
    spare = total - TAB_GAP * (len(TABS) - 1) - sum(natural)
    widths = [n + spare // len(TABS) for n in natural]
    widths[-1] += total - TAB_GAP * (len(TABS) - 1) - sum(widths)
    return widths


HISTORICAL_LABEL = "Fill in the historical plan"
END_TURN_LABEL = "End Turn"


def confirm_words(notes: list[Preflight]) -> str:
    """The message when End Turn would fly a plan the turn partly refuses."""
    refused = sum(1 for n in notes if n.cancels)
    cut = len(notes) - refused
    parts = []
    if refused:
        parts.append(f"{refused} package{'s' if refused != 1 else ''} will not fly")
    if cut:
        parts.append("some will be cut down")
    return "; ".join(parts).capitalize() + " (Plan tab). End Turn again flies the rest."


class PlanningScene(Scene):
    name = "planning"

    def __init__(self, app: App, session: GameSession) -> None:
        self.session = session
        self._view_cache: tuple[int, PlayerView] | None = None
        # While a turn is replayed the status bar shows the day being flown, not the next.
        self.status_view: PlayerView | None = None
        self.map = MapView(app.maps, KOREA_TMX, session.rules, self._map_rect(app.size))
        self.history = PlanHistory()
        self.draft = Draft()
        self.tab = "package"
        self.message = ""
        self.confirmation = ""  # the last package added, shown above the Add button
        self._confirm_refusals: TurnOrders | None = None  # End Turn pressed once on these
        self.hover: str | None = None
        self.mouse = (0, 0)
        self.dragging = False
        self._press_at: tuple[int, int] | None = None
        self.show_legend = app.size[1] >= 900  # L shows it; it hides targets when small
        self._started = 0.0
        self._before: PlayerView | None = None
        self._status_tips: list[tuple[pygame.Rect, list[tuple[str, bool]]]] = []
        self.builder: PackageBuilder | None = None
        self.plan_tab: PlanTab | None = None
        self.politics_tab: PoliticsTab | None = None
        self.tasks_tab: TasksTab | None = None
        self.extras = MapExtras(self)  # target panel, overlay toggles, edge scrolling
        self.forecast_tab: ForecastTab | None = None
        self.pressure_tab: PressureTab | None = None
        self.forecaster = Forecaster(session.rules)
        self._new_turn()
        super().__init__(app)
        settle_heap()  # the desk's rules, map and widgets stay: keep them out of GC passes

    # -- what the desk shows
    @property
    def view(self) -> PlayerView:
        key = id(self.session.state)
        if self._view_cache is None or self._view_cache[0] != key:
            self._view_cache = (key, self.session.view)
        return self._view_cache[1]

    @property
    def orders(self) -> TurnOrders:
        return self.history.current

    @staticmethod
    def _panel_width(size: tuple[int, int]) -> int:
        return 440 if size[0] < 1600 else 520

    def _map_rect(self, size: tuple[int, int]) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - self._panel_width(size), size[1])

    def panel_rect(self) -> pygame.Rect:
        w, h = self.size
        pw = self._panel_width(self.size)
        return pygame.Rect(w - pw, 0, pw, h)

    # -- layout
    def build(self) -> None:
        self.map.set_rect(self._map_rect(self.size))
        panel = self.panel_rect()
        x, w = panel.x + PAD, panel.w - 2 * PAD
        h = self.size[1]
        self.header_h = 58
        y = self.header_h
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        tab_x = x
        for (key, label, tip, hotkey), tw in zip(TABS, tab_widths(w), strict=True):
            b = self.button(
                pygame.Rect(tab_x, y, tw, 32),
                label,
                partial(self.show_tab, key),
                tooltip=f"{tip}. Key: {hotkey}",
                object_id="@tab",
            )
            tab_x += tw + TAB_GAP
            if key == self.tab:
                b.select()
            self.tab_buttons[key] = b
        y += 42
        # The actions at the bottom, from the bottom up.
        end_y = h - 14 - 48
        hist_y = end_y - 8 - 34
        row_y = hist_y - 6 - 34
        self.message_rect = pygame.Rect(x, row_y - 46, w, 40)
        content = pygame.Rect(x, y, w, self.message_rect.y - 14 - y)
        self.builder = self.plan_tab = self.politics_tab = self.forecast_tab = None
        self.tasks_tab = None
        self.pressure_tab = None
        if self.tab == "package":
            self.builder = PackageBuilder(self, content)
        elif self.tab == "plan":
            self.plan_tab = PlanTab(self, content)
        elif self.tab == "forecast":
            self.forecast_tab = ForecastTab(self, content)
        elif self.tab == "tasks":
            self.tasks_tab = TasksTab(self, content)
        elif self.tab == "pressure":
            self.pressure_tab = PressureTab(self, content)
        else:
            self.politics_tab = PoliticsTab(self, content)
        self.undo_button = self.button(
            pygame.Rect(x, row_y, 80, 34),
            "Undo",
            self.undo,
            tooltip="Undo the last change to the plan (Ctrl+Z)",
            object_id="@small",
        )
        self.redo_button = self.button(
            pygame.Rect(x + 86, row_y, 80, 34),
            "Redo",
            self.redo,
            tooltip="Redo the change just undone (Ctrl+Y)",
            object_id="@small",
        )
        self.repeat_button = self.button(
            pygame.Rect(x + 172, row_y, w - 172, 34),
            "Repeat last turn's plan",
            self.repeat_last,
            tooltip="Fill in last turn's orders again (packages that are no longer allowed "
            "are left out, and the panel says why) (R)",
            object_id="@small",
        )
        self.historical_button = self.button(
            pygame.Rect(x, hist_y, w, 34),
            HISTORICAL_LABEL,
            self.fill_historical,
            tooltip="Replace the plan with the orders FEAF actually gave this turn (the "
            "historical planner), to study or edit before End Turn (H)",
            object_id="@small",
        )
        self.end_button = self.button(
            pygame.Rect(x, end_y, w, 48),
            END_TURN_LABEL,
            self.end_turn,
            tooltip="Commit the plan: the packages fly, the enemy replies, then the report "
            "(Ctrl+Enter)",
            object_id="@primary",
        )
        self.fly_button = self.end_button  # the first slice's name for the main action
        self.sync_actions()
        self.extras.build()

    def rebuild(self) -> None:
        """Recreate the widgets from the plan and the draft (after a structural change)."""
        self.resize(self.size)
        self.app.dirty = True

    def show_tab(self, key: str) -> None:
        self.tab = key
        self.rebuild()

    def sync_actions(self) -> None:
        busy, over = self.session.busy, self.session.over
        for b, on in (
            (self.undo_button, self.history.can_undo and not busy),
            (self.redo_button, self.history.can_redo and not busy),
            (self.repeat_button, self.session.last_orders is not None and not busy and not over),
            (self.historical_button, not busy and not over),
            (self.end_button, not busy and not over),
        ):
            b.enable() if on else b.disable()
        if busy:
            self.end_button.set_text("Enemy turn…")
        elif over:
            self.end_button.set_text("The war is over")
        elif self._confirm_refusals is not None and self._confirm_refusals == self.orders:
            self.end_button.set_text("End Turn anyway")
        else:
            self.end_button.set_text(END_TURN_LABEL)

    def say(self, text: str) -> None:
        """A line in the panel's message area (not a game event)."""
        self.message = text
        self.app.dirty = True

    # -- plan edits
    def _new_turn(self) -> None:
        """A fresh plan: standing tasks, press and photographs carried over, no packages."""
        last = self.session.last_orders
        plan = TurnOrders()
        if last is not None:
            press = last.press
            if press_refusal(self.session.rules, self.session.state, press) is not None:
                press = plan.press
            active = set(self.view.active_targets)  # photographs asked stay asked
            recon = tuple(t for t in last.recon_targets if t in active)
            plan = TurnOrders(standing=last.standing, press=press, recon_targets=recon)
        self.history.reset(plan)
        # In a turn of several days a new package flies on the first day until told
        # otherwise: one raid, as the historical operations are.
        self.draft = Draft(days=(0,) if self.session.rules.turn_days > 1 else ())
        self.confirmation = ""

    def _changed(self) -> None:
        self.draft = self.draft.next()
        self.confirmation = ""
        self.rebuild()

    def undo(self) -> None:
        if not self.session.busy and self.history.undo():
            self._changed()
            self.say("Undone.")

    def redo(self) -> None:
        if not self.session.busy and self.history.redo():
            self._changed()
            self.say("Redone.")

    def repeat_last(self) -> None:
        last = self.session.last_orders
        if last is None or self.session.busy:
            return
        rules, view = self.session.rules, self.view
        capacity = {pid: pv.sorties_per_day for pid, pv in view.pools.items()}
        fitted, cuts = fit_to_capacity(rules, capacity, last)  # last turn's losses
        plan, dropped = carry_over(rules, self.session.state, fitted)
        self.history.push(plan)
        self._changed()
        cut = ("Scaled down to the aircraft ready (" + "; ".join(cuts) + "). ") if cuts else ""
        if dropped:
            self.say(f"{cut}Last turn's plan, without {len(dropped)}: " + "; ".join(dropped))
        else:
            self.say(f"{cut}Last turn's plan filled in: edit it, then End Turn.")

    def fill_historical(self) -> None:
        if self.session.busy or self.session.over:
            return
        rules, view = self.session.rules, self.view
        capacity = {pid: pv.sorties_per_day for pid, pv in view.pools.items()}
        orders, cuts = fit_to_capacity(rules, capacity, self.session.historical_orders())
        self.history.push(orders)
        self._changed()
        note = historical_fill_note(rules, view, orders)
        if cuts:  # FEAF planned for aircraft the player no longer has ready
            count = len(orders.packages)
            note = (
                f"FEAF's orders filled in ({count} package{'s' if count != 1 else ''}), "
                "scaled down to the aircraft ready: " + "; ".join(cuts) + "."
            )
        self.say(note)

    def end_turn(self) -> None:
        """Hand the player's orders to run_turn, off the window's thread."""
        if self.session.busy or self.session.over:
            return
        orders = self.orders
        rules, state = self.session.rules, self.session.state
        # Packages the turn refuses or cuts down are the player's to accept (below);
        # orders the turn cannot read at all are not.
        problems = validate_orders(rules, state, replace(orders, packages=()))
        if problems:
            self.say("Cannot fly yet: " + problems[0].reason)
            self.app.sound.play("refused")
            return
        notes = preflight(rules, state, orders)
        if notes and self._confirm_refusals != orders:
            self._confirm_refusals = orders
            self.tab = "plan"
            self.rebuild()  # the Plan tab lists them
            self.say(confirm_words(notes))
            self.end_button.set_text("End Turn anyway")
            self.app.sound.play("refused")
            return
        self._confirm_refusals = None
        self._before = self.view
        self.session.fly(orders)
        self.app.sound.play("end_turn")
        self._started = time.monotonic()
        self.message = ""
        self.sync_actions()

    def fly(self) -> None:
        """Fly the historical plan at once (for the screenshot command and tests)."""
        self.fill_historical()
        self.end_turn()
        if not self.session.busy:  # End Turn asked about refusals: fly them anyway
            self.end_turn()

    def update(self, dt: float) -> bool:
        super().update(dt)
        scrolling = self.extras.update(dt)
        forecasting = forecast_panel.tick(self)
        if not self.session.busy:
            return forecasting or scrolling
        if time.monotonic() - self._started < MIN_BANNER_S:
            return True
        result = self.session.collect()
        if result is None:
            return True
        self._turn_done(result)
        return True

    def _turn_done(self, result: TurnResult) -> None:
        self.hover = None
        before = self._before or self.view
        flown = self.orders
        self._new_turn()
        self.message = self.session.autosave_error
        self.rebuild()
        self.manager.update(0.0)  # covered scenes get no updates: show the new turn's desk now
        self.app.push(self.make("resolution", self, self.session, result, before, flown))

    # -- input
    def on_event(self, event: pygame.event.Event) -> None:
        if self.extras.handle(event):  # the target panel and overlay toggles
            return
        parts = (self.builder, self.plan_tab, self.politics_tab, self.forecast_tab)
        for part in (*parts, self.pressure_tab, self.tasks_tab):
            if part is not None and part.handle(event):
                return
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event)

    def _over_map(self, pos: tuple[int, int]) -> bool:
        return self.map.rect.collidepoint(pos) and pos[1] > self.map.rect.y + BAR_H

    def covered(self) -> None:
        super().covered()
        drop_tooltips(self.extras.manager)  # the map's toggles
        self.hover = None  # and the map's own tooltip

    def _mouse_down(self, event: pygame.event.Event) -> None:
        if event.button == 1 and self._over_map(event.pos):
            self.dragging = True
            self._press_at = event.pos

    def _mouse_up(self, event: pygame.event.Event) -> None:
        if event.button != 1:
            return
        start, self._press_at = self._press_at, None
        self.dragging = False
        if start is None or not self._over_map(event.pos):
            return
        if abs(event.pos[0] - start[0]) + abs(event.pos[1] - start[1]) > CLICK_SLOP_PX:
            return
        target = self.map.target_at(self.view, event.pos)
        if target is not None and not self.session.busy:
            here = self.targets_near(target)
            if self.draft.target in here and len(here) > 1:  # a click again: the next one
                target = here[(here.index(self.draft.target) + 1) % len(here)]
            self.pick_target(target)
            if len(here) > 1:
                names = " · ".join(short_name(self.session.rules, t) for t in here)
                self.say(f"{len(here)} targets here ({names}): click again for the next.")

    def targets_near(self, target: str) -> list[str]:
        """The active targets drawn on the same spot as ``target`` (a town and its
        bridges), nearest first, starting with ``target`` itself."""
        rules = self.session.rules
        if rules.targets[target].kind == "rail_segment":
            return [target]
        x, y = self.map.to_screen(rules.targets[target].position)
        near = []
        for tid in self.view.active_targets:
            t = rules.targets[tid]
            if t.kind == "rail_segment" or t.foreign != rules.targets[target].foreign:
                continue
            tx, ty = self.map.to_screen(t.position)
            d = ((tx - x) ** 2 + (ty - y) ** 2) ** 0.5
            if d < SAME_SPOT_PX:
                near.append((d, tid))
        return [tid for _, tid in sorted(near)]

    def pick_target(self, target: str) -> None:
        """A target clicked on the map goes into the package builder."""
        self.draft.target = target
        self.confirmation = ""
        self.tab = "package"
        self.rebuild()

    def _mouse_move(self, event: pygame.event.Event) -> None:
        self.mouse = event.pos
        if self.dragging and self._press_at is not None:
            moved = abs(event.pos[0] - self._press_at[0]) + abs(event.pos[1] - self._press_at[1])
            if moved > CLICK_SLOP_PX:
                self.map.scroll(*event.rel)
                self.hover = None
        elif self._over_map(event.pos):
            self.hover = self.map.target_at(self.view, event.pos)
        else:
            self.hover = None

    def _wheel(self, event: pygame.event.Event) -> None:
        if self._over_map(self.mouse) and event.y:
            self.map.zoom_at(self.mouse, 1 if event.y > 0 else -1)
            self.hover = self.map.target_at(self.view, self.mouse)

    def _typing(self) -> bool:
        focus = self.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus or ())

    def _key(self, event: pygame.event.Event) -> None:
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if ctrl:
            action = _CTRL_KEYS.get((event.key, shift))
            if action is not None:
                action(self)
            return
        action = _KEYS.get(event.key)
        if action is not None:
            action(self)
            return
        if self._typing():
            return
        if event.key in KEY_MOVES:
            dx, dy = KEY_MOVES[event.key]
            self.map.scroll(dx * KEY_SCROLL_PX, dy * KEY_SCROLL_PX)
            return
        action = _PLAIN_KEYS.get(event.key)
        if action is not None:
            action(self)

    def open_menu(self) -> None:
        if not self.session.busy:
            self.app.push(self.make("menu", self, self.session))

    def open_help(self) -> None:
        self.app.push(self.make("help", self, KEY_HELP))

    def open_history(self) -> None:
        if not self.session.busy:
            self.app.push(self.make("history", self, self.session))

    def open_target_list(self) -> None:
        if not self.session.busy:
            self.app.push(self.make("targets", self))

    def open_encyclopedia(self, ref: str | None = None) -> None:
        open_encyclopedia(self.app, self, ref)

    def quick_save(self) -> None:
        if not self.session.busy:
            self.say(quick_save(self.session))

    def quick_load(self) -> None:
        if not self.session.busy:
            error = quick_load(self.app)
            if error:
                self.say(error)

    def _zoom(self, steps: int) -> None:
        self.map.zoom_at(self.map.rect.center, steps)

    def _toggle_zones(self) -> None:
        self.map.show_zones = not self.map.show_zones
        self.extras.sync_toggles()

    def _toggle_setting(self, name: str) -> None:
        """P and K: place names and their Hangul, kept in the settings."""
        on = not getattr(self.app.settings, name)
        self.app.change_settings(self.app.settings.model_copy(update={name: on}))

    def _toggle_legend(self) -> None:
        self.show_legend = not self.show_legend

    # -- drawing
    def draw_scene(self, surface: pygame.Surface) -> None:
        view = self.view
        self.map.place_names = self.app.settings.place_names
        self.map.hangul_names = self.app.settings.hangul_names
        self.map.keep_clear = self._names_keep_clear()
        self.map.draw(surface, view, self.hover)
        naval_areas.draw_area_names(surface, self.session.rules, self.map, self.map.keep_clear)
        self._draw_plan_marks(surface)
        if self.show_legend:
            kinds = {self.session.rules.targets[t].kind for t in view.active_targets}
            ordered = [k for k in LEGEND_KINDS_ORDER if k in kinds]
            corner = (self.map.rect.x + 12, self.map.rect.bottom - 12)
            draw_map_key(surface, corner, ordered, self.map.overlays)
        bar = pygame.Rect(self.map.rect.x, self.map.rect.y, self.map.rect.w, BAR_H)
        self._status_tips = draw_status_bar(
            surface, bar, self.session.rules, self.status_view or view
        )
        self._draw_hint(surface, bar.bottom + 8)
        self.extras.draw(surface)
        self._draw_panel(surface)
        if self.plan_tab is not None:
            self.plan_tab.draw(surface)
        if self.session.busy:
            self._draw_banner(surface)
        elif self.app.scene is not self:
            pass  # a dialog is open over the desk: no tooltip shows behind it
        elif self.hover is not None and not self.dragging:
            bounds = self.extras.tip_bounds(self.mouse)
            if bounds is not None:
                lines = tooltip_lines(self.session.rules, view, self.hover)
                lines.append(("Click: plan a package on it · right-click or I: details", False))
                others = [t for t in self.targets_near(self.hover) if t != self.hover]
                if others:  # a town and its bridges on one spot
                    names = ", ".join(short_name(self.session.rules, t) for t in others)
                    lines.append((f"Also here: {names} (a second click picks it)", False))
                draw_tooltip(surface, self.mouse, lines, bounds)
        else:
            for rect, tip in self._status_tips:
                if rect.collidepoint(self.mouse):
                    draw_tooltip(surface, self.mouse, tip, self.map.rect)
                    break
            else:
                self._draw_sea_tip(surface)

    def _draw_sea_tip(self, surface: pygame.Surface) -> None:
        """Over a carrier operating area (no target near): what the area is."""
        if self.dragging or not self._over_map(self.mouse):
            return
        bounds = self.extras.tip_bounds(self.mouse)
        area = naval_areas.area_at(self.session.rules, self.map, self.mouse)
        if area is not None and bounds is not None:
            lines = naval_areas.area_tooltip(self.session.rules, area)
            draw_tooltip(surface, self.mouse, lines, bounds)

    def _draw_plan_marks(self, surface: pygame.Surface) -> None:
        """Rings on the planned targets (numbered) and on the target being built."""
        rules = self.session.rules
        clip = surface.get_clip()
        surface.set_clip(self.map.rect)
        for i, p in enumerate(self.orders.packages):
            x, y = self.map.to_screen(rules.targets[p.target].position)
            pygame.draw.circle(surface, PAL.ACCENT, (x, y), 14, 2)
            num = font(12, bold=True).render(str(i + 1), True, PAL.WINDOW)
            badge = pygame.Rect(0, 0, 16, 16)
            badge.center = (round(x + 13), round(y - 13))
            pygame.draw.ellipse(surface, PAL.ACCENT, badge)
            surface.blit(num, num.get_rect(center=badge.center))
        if self.draft.target is not None and self.draft.target in rules.targets:
            x, y = self.map.to_screen(rules.targets[self.draft.target].position)
            pygame.draw.circle(surface, (255, 255, 255), (x, y), 18, 2)
            pygame.draw.circle(surface, PAL.WINDOW, (x, y), 20, 1)
        surface.set_clip(clip)

    def _hint_box(self, y: int) -> tuple[pygame.Surface, pygame.Rect]:
        text = "Click a target to plan a strike · drag: move · wheel: zoom · F1: keys"
        img = font(13).render(text, True, PAL.TEXT)
        box = img.get_rect().inflate(16, 8)
        box.topleft = (self.map.rect.x + 8, y)
        return img, box

    def _names_keep_clear(self) -> list[pygame.Rect]:
        """What is drawn over the map's top: names on the map stay out from under it."""
        m = self.map.rect
        return [
            pygame.Rect(m.x, m.y, m.w, BAR_H + 2),
            self._hint_box(m.y + BAR_H + 8)[1].inflate(4, 4),
            self.extras.toggles_rect().inflate(8, 8),
        ]

    def _draw_hint(self, surface: pygame.Surface, y: int) -> None:
        img, box = self._hint_box(y)
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((24, 30, 34, 200))
        surface.blit(shade, box)
        surface.blit(img, (box.x + 8, box.y + 4))

    def _draw_panel(self, surface: pygame.Surface) -> None:
        rect = self.panel_rect()
        pygame.draw.rect(surface, PAL.PANEL, rect)
        pygame.draw.line(surface, PAL.PANEL_EDGE, rect.topleft, rect.bottomleft)
        rules, view = self.session.rules, self.view
        x, w = rect.x + PAD, rect.w - 2 * PAD
        name = wrap(rules.name, font(17, bold=True), w)[0]
        surface.blit(font(17, bold=True).render(name, True, PAL.ACCENT), (x, 10))
        turns = "daily turns" if rules.turn_days == 1 else f"{rules.turn_days}-day turns"
        cap = (
            f"Turn {view.turn} · {turns} · until {short_date(rules.end)} · "
            f"{rules.difficulty} · Esc: menu"
        )
        surface.blit(font(13).render(cap, True, PAL.MUTED), (x, 34))
        m = self.message_rect
        pygame.draw.line(surface, PAL.PANEL_EDGE, (m.x, m.y - 4), (m.right, m.y - 4))
        if self.message:
            f = font(13)
            lines = wrap(self.message, f, m.w)
            if len(lines) > 2:
                lines = [lines[0], lines[1][: max(0, len(lines[1]) - 2)] + "…"]
            for i, line in enumerate(lines):
                surface.blit(f.render(line, True, PAL.TEXT), (m.x, m.y + 2 + i * 18))

    def _draw_banner(self, surface: pygame.Surface) -> None:
        dots = "." * (1 + int(time.monotonic() * 3) % 3)
        title = font(26, bold=True).render(f"Enemy turn{dots}", True, PAL.TEXT)
        sub = font(15).render("Packages in the air; the enemy repairs and replies", True, PAL.MUTED)
        box = pygame.Rect(0, 0, max(title.get_width(), sub.get_width()) + 80, 96)
        box.center = self.map.rect.center
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((20, 26, 30, 235))
        surface.blit(shade, box)
        pygame.draw.rect(surface, PAL.ACCENT, box, 1)
        surface.blit(title, (box.x + 40, box.y + 16))
        surface.blit(sub, (box.x + 40, box.y + 58))


_HANDLERS: dict[int, Callable[[PlanningScene, pygame.event.Event], None]] = {
    pygame.MOUSEBUTTONDOWN: PlanningScene._mouse_down,
    pygame.MOUSEBUTTONUP: PlanningScene._mouse_up,
    pygame.MOUSEMOTION: PlanningScene._mouse_move,
    pygame.MOUSEWHEEL: PlanningScene._wheel,
    pygame.KEYDOWN: PlanningScene._key,
}
# Keys with Ctrl (and whether Shift is held): the plan's history and End Turn.
_CTRL_KEYS: dict[tuple[int, bool], Callable[[PlanningScene], None]] = {
    (pygame.K_z, False): PlanningScene.undo,
    (pygame.K_z, True): PlanningScene.redo,
    (pygame.K_y, False): PlanningScene.redo,
    (pygame.K_RETURN, False): PlanningScene.end_turn,
    (pygame.K_KP_ENTER, False): PlanningScene.end_turn,
}
# Keys that work even while a number is being typed.
_KEYS: dict[int, Callable[[PlanningScene], None]] = {
    pygame.K_ESCAPE: PlanningScene.open_menu,
    pygame.K_F1: PlanningScene.open_help,
    pygame.K_F2: PlanningScene.open_encyclopedia,
    pygame.K_F5: PlanningScene.quick_save,
    pygame.K_F9: PlanningScene.quick_load,
}
# Plain keys, ignored while a number is being typed.
_PLAIN_KEYS: dict[int, Callable[[PlanningScene], None]] = {
    pygame.K_PLUS: lambda s: s._zoom(1),
    pygame.K_EQUALS: lambda s: s._zoom(1),
    pygame.K_KP_PLUS: lambda s: s._zoom(1),
    pygame.K_MINUS: lambda s: s._zoom(-1),
    pygame.K_KP_MINUS: lambda s: s._zoom(-1),
    pygame.K_z: PlanningScene._toggle_zones,
    pygame.K_l: PlanningScene._toggle_legend,
    pygame.K_p: lambda s: s._toggle_setting("place_names"),
    pygame.K_k: lambda s: s._toggle_setting("hangul_names"),
    pygame.K_1: lambda s: s.show_tab("package"),
    pygame.K_2: lambda s: s.show_tab("plan"),
    pygame.K_3: lambda s: s.show_tab("politics"),
    pygame.K_4: lambda s: s.show_tab("forecast"),
    pygame.K_5: lambda s: s.show_tab("pressure"),
    pygame.K_6: lambda s: s.show_tab("tasks"),
    pygame.K_r: PlanningScene.repeat_last,
    pygame.K_h: PlanningScene.fill_historical,
    pygame.K_g: PlanningScene.open_history,
    pygame.K_t: PlanningScene.open_target_list,
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
