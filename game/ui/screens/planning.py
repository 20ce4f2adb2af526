"""The planning desk: the map with the intelligence picture, and the side panel where the
turn's plan is built (packages, standing tasks, press, JCS requests), undone and
redone, and committed with End Turn, which runs the turn off the window's thread.

The plan itself is the controller's (:mod:`game.ui.desk.controller`); the mouse and keys
are :mod:`game.ui.desk.desk_input`'s and the drawing :mod:`game.ui.desk.desk_drawing`'s."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.core.orders import TurnOrders
from game.core.turn import TurnResult
from game.ui.app_memory import settle_heap
from game.ui.desk import forecast_panel
from game.ui.desk.controller import DeskPlan
from game.ui.desk.desk_drawing import draw_desk
from game.ui.desk.desk_input import DeskInput
from game.ui.desk.forecast_panel import ForecastTab
from game.ui.desk.orders_panel import PlanTab, PoliticsTab
from game.ui.desk.package_builder import PackageBuilder
from game.ui.desk.pressure_tab import PressureTab
from game.ui.desk.target_panel import MapExtras
from game.ui.desk.tasks_tab import TasksTab
from game.ui.kit.encyclopedia_book import open_encyclopedia
from game.ui.kit.panels import PAD
from game.ui.kit.style import font
from game.ui.map.map_cache import KOREA_TMX
from game.ui.map.map_view import MapView
from game.ui.scenes import Scene, drop_tooltips
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App

MIN_BANNER_S = 0.6  # show "Enemy turn…" at least this long, so it can be read
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


class PlanningScene(Scene):
    """The desk's screen: its controller (:class:`DeskPlan`) holds the plan, and the
    views around the map read it; this class lays them out and routes input to them."""

    name = "planning"
    opaque = True  # the map and the panel cover the window

    def __init__(self, app: App, session: GameSession) -> None:
        self.session = session
        self.plan: DeskPlan = DeskPlan(session, app.worker)
        # While a turn is replayed the status bar shows the day being flown, not the next.
        self.status_view: PlayerView | None = None
        self.map = MapView(app.maps, KOREA_TMX, session.rules, map_rect(app.size))
        self.input = DeskInput(self)
        self.tab = "package"
        self.message = ""
        self.hover: str | None = None
        self.mouse = (0, 0)
        self.dragging = False
        self.show_legend = app.size[1] >= 900  # L shows it; it hides targets when small
        self._started = 0.0
        self.builder: PackageBuilder | None = None
        self.plan_tab: PlanTab | None = None
        self.politics_tab: PoliticsTab | None = None
        self.tasks_tab: TasksTab | None = None
        self.extras = MapExtras(self)  # target panel, overlay toggles, edge scrolling
        self.forecast_tab: ForecastTab | None = None
        self.pressure_tab: PressureTab | None = None
        super().__init__(app)
        settle_heap()  # the desk's rules, map and widgets stay: keep them out of GC passes

    # -- what the desk shows
    @property
    def view(self) -> PlayerView:
        return self.plan.view

    @property
    def orders(self) -> TurnOrders:
        return self.plan.orders

    def panel_rect(self) -> pygame.Rect:
        w, h = self.size
        pw = panel_width(self.size)
        return pygame.Rect(w - pw, 0, pw, h)

    # -- layout
    def build(self) -> None:
        self.map.set_rect(map_rect(self.size))
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
        plan = self.plan
        small = (
            (
                pygame.Rect(x, row_y, 80, 34),
                "Undo",
                partial(self.act, plan.undo),
                "Undo the last change to the plan (Ctrl+Z)",
            ),
            (
                pygame.Rect(x + 86, row_y, 80, 34),
                "Redo",
                partial(self.act, plan.redo),
                "Redo the change just undone (Ctrl+Y)",
            ),
            (
                pygame.Rect(x + 172, row_y, w - 172, 34),
                "Repeat last turn's plan",
                partial(self.act, plan.repeat_last),
                "Fill in last turn's orders again (packages that are no longer allowed "
                "are left out, and the panel says why) (R)",
            ),
            (
                pygame.Rect(x, hist_y, w, 34),
                HISTORICAL_LABEL,
                partial(self.act, plan.fill_historical),
                "Replace the plan with the orders FEAF actually gave this turn (the "
                "historical planner), to study or edit before End Turn (H)",
            ),
        )
        self.undo_button, self.redo_button, self.repeat_button, self.historical_button = [
            self.button(rect, label, action, tooltip=tip, object_id="@small")
            for rect, label, action, tip in small
        ]
        self.end_button = self.button(
            pygame.Rect(x, end_y, w, 48),
            END_TURN_LABEL,
            self.end_turn,
            tooltip="Commit the plan: the packages fly, the enemy replies, then the report "
            "(Ctrl+Enter)",
            object_id="@primary",
        )
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
            (self.undo_button, self.plan.history.can_undo and not busy),
            (self.redo_button, self.plan.history.can_redo and not busy),
            (self.repeat_button, self.session.last_orders is not None and not busy and not over),
            (self.historical_button, not busy and not over),
            (self.end_button, not busy and not over),
        ):
            b.enable() if on else b.disable()
        if busy:
            self.end_button.set_text("Enemy turn…")
        elif over:
            self.end_button.set_text("The war is over")
        elif self.plan.asks_again():
            self.end_button.set_text("End Turn anyway")
        else:
            self.end_button.set_text(END_TURN_LABEL)

    def say(self, text: str) -> None:
        """A line in the panel's message area (not a game event)."""
        self.message = text
        self.app.dirty = True

    # -- commands
    def act(self, command: Callable[[], str | None]) -> None:
        """Run a plan command of the controller; when it changed the plan, start a fresh
        package, rebuild the panel and say what happened."""
        words = command()
        if words is None:
            return
        self.plan.edited()
        self.rebuild()
        self.say(words)

    def pick_target(self, target: str) -> None:
        """A target clicked on the map goes into the package builder."""
        self.plan.pick(target)
        self.tab = "package"
        self.rebuild()

    def end_turn(self) -> None:
        """Hand the player's orders to run_turn, off the window's thread."""
        outcome = self.plan.end_turn()
        if outcome is None:
            return
        if not outcome.flying:
            if outcome.confirm:
                self.tab = "plan"
                self.rebuild()  # the Plan tab lists them
                self.end_button.set_text("End Turn anyway")
            self.say(outcome.message)
            self.app.sound.play("refused")
            return
        self.app.sound.play("end_turn")
        self._started = time.monotonic()
        self.message = ""
        self.sync_actions()

    def fly(self) -> None:
        """Fly the historical plan at once (for the screenshot command and tests)."""
        self.act(self.plan.fill_historical)
        self.end_turn()
        if not self.session.busy:  # End Turn asked about refusals: fly them anyway
            self.end_turn()

    def open_encyclopedia(self, ref: str | None = None) -> None:
        open_encyclopedia(self.app, self, ref)

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
        before = self.plan.before or self.view
        flown = self.orders
        self.plan.new_turn()
        self.message = self.session.autosave_error
        self.rebuild()
        self.manager.update(0.0)  # covered scenes get no updates: show the new turn's desk now
        self.app.push(self.make("resolution", self, self.session, result, before, flown))

    # -- input and drawing
    def on_event(self, event: pygame.event.Event) -> None:
        if self.extras.handle(event):  # the target panel and overlay toggles
            return
        parts = (self.builder, self.plan_tab, self.politics_tab, self.forecast_tab)
        for part in (*parts, self.pressure_tab, self.tasks_tab):
            if part is not None and part.handle(event):
                return
        self.input.handle(event)

    def covered(self) -> None:
        super().covered()
        drop_tooltips(self.extras.manager)  # the map's toggles
        self.hover = None  # and the map's own tooltip

    def draw_scene(self, surface: pygame.Surface) -> None:
        draw_desk(self, surface)


def panel_width(size: tuple[int, int]) -> int:
    return 440 if size[0] < 1600 else 520


def map_rect(size: tuple[int, int]) -> pygame.Rect:
    return pygame.Rect(0, 0, size[0] - panel_width(size), size[1])
