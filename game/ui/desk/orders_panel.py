"""The Plan and Politics tabs of the planning desk: the planned packages with edit and
delete, the sorties left per pool, the standing tasks; the press policy and the
restriction cards in force with their reasons and a JCS request toggle."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.model import PressPolicy, Rules
from game.core.orders import day_budgets, preflight
from game.ui.desk.package_builder import MUTED, short_aircraft
from game.ui.desk.plan_state import (
    Draft,
    package_summary,
    press_refusal,
    with_jcs_request,
    with_press,
    without_package,
)
from game.ui.kit.style import font
from game.ui.kit.widgets import toggle_style
from game.ui.kit.words import SOURCE_KEY, esc

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

GRID_ROW = 18
NOTES_H = 74

PRESS_WORDS = {
    PressPolicy.SILENT: (
        "Silent",
        "Say nothing about the strikes: no face lost by the enemy, no gain at home.",
    ),
    PressPolicy.ROUTINE: ("Routine", "Routine releases about the strikes, as usual."),
    PressPolicy.PUBLICISED: (
        "Publicised",
        "Publicise the pressure: US patience grows, but the enemy loses face and "
        "signing gets harder.",
    ),
}


def _label(
    desk: PlanningScene,
    rect: pygame.Rect,
    text: str,
    cls: str,
    container: pygame_gui.core.IContainerLikeInterface | None = None,
) -> pygame_gui.elements.UILabel:
    return pygame_gui.elements.UILabel(
        rect,
        text,
        desk.manager,
        container=container,
        object_id=pygame_gui.core.ObjectID(class_id=cls),
    )


class PlanTab:
    """Planned packages; each day's sorties left per pool; what the turn will refuse."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self._grid: tuple[object, pygame.Surface] | None = None
        self._build()

    def _build(self) -> None:
        pal = self.desk.app.palette
        desk, r = self.desk, self.rect
        rules, state = desk.session.rules, desk.session.state
        plan = desk.plan.history.current
        x, y, w = r.x, r.y, r.w
        self.pools = budget_pools(rules)
        self.notes = preflight(rules, state, plan)
        multi_day = rules.turn_days > 1
        grid_h = (
            GRID_ROW * (len(self.pools) + 1)
            if multi_day
            else GRID_ROW * ((len(self.pools) + 1) // 2)
        )
        notes_h = NOTES_H if self.notes else 22
        fixed_below = 38 + 26 + grid_h + 10 + 24 + notes_h
        # The list as tall as its rows need; room it does not use goes to the notes.
        rows_h = 12 + 30 * max(2, len(plan.packages))
        _label(
            desk, pygame.Rect(x, y, w, 24), f"Planned packages ({len(plan.packages)})", "@section"
        )
        y += 24
        items: list[str | tuple[str, str]] = [
            (f"{i + 1}. {package_summary(rules, p)}", str(i)) for i, p in enumerate(plan.packages)
        ]
        list_h = max(76, r.bottom - y - fixed_below)
        if self.notes:
            list_h = max(76, min(list_h, rows_h))
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x, y, w, list_h),
            items,
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@packages"),
        )
        self.list.set_tooltip(
            "The turn's strike packages, flown in this order, each on its days and at its "
            "time. Select one to edit or delete it."
        )
        if not items:
            _label(
                desk,
                pygame.Rect(x + 10, y + 8, w - 20, 20),
                "No packages yet: build one on the Package tab.",
                "@muted",
            )
        y += list_h + 4
        bw = (w - 8) // 2
        self.edit_button = desk.button(
            pygame.Rect(x, y, bw, 30),
            "Edit",
            self.edit,
            tooltip="Open the selected package in the builder (Package tab)",
            object_id="@small",
            enabled=False,
        )
        self.delete_button = desk.button(
            pygame.Rect(x + bw + 8, y, w - bw - 8, 30),
            "Delete",
            self.delete,
            tooltip="Remove the selected package from the plan (Ctrl+Z brings it back)",
            object_id="@small",
            enabled=False,
        )
        y += 38
        head = (
            "Sorties left each day, by pool"
            if multi_day
            else "Sorties a day left after the packages"
        )
        lab = _label(desk, pygame.Rect(x, y, w, 24), head, "@section")
        lab.set_tooltip(
            "What each pool can still fly on each day after the packages planned for that "
            "day; red is more than it can fly. The rest fly the standing tasks (Tasks tab)."
        )
        y += 26
        self.grid_rect = pygame.Rect(x, y, w, grid_h)
        y += grid_h + 10
        cancels = sum(1 for n in self.notes if n.cancels)
        title = (
            f"Will be refused or cut ({len(self.notes)})"
            if self.notes
            else "Everything planned can fly as ordered"
        )
        _label(desk, pygame.Rect(x, y, w, 24), title, "@section" if self.notes else "@muted")
        y += 24
        self.notes_box: pygame_gui.elements.UITextBox | None = None
        if self.notes:
            bad, warn = pal.html("DANGER"), pal.html("BURDEN")
            rows = "<br>".join(
                f"<font color='{bad if n.cancels else warn}'>"
                f"<b>{'Refused' if n.cancels else 'Cut'}:</b> {esc(n.text)}</font>"
                for n in self.notes
            )
            self.notes_box = pygame_gui.elements.UITextBox(
                rows,
                pygame.Rect(x, y, w, max(40, r.bottom - y)),
                desk.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@verdict"),
            )
            self.notes_box.set_tooltip(
                f"{cancels} package(s) the turn will not fly, and the days a pool is short "
                "(its packages are cut down). End Turn asks before flying such a plan."
            )

    def _grid_key(self) -> object:
        plan = self.desk.plan.history.current
        return (plan, self.desk.app.palette, self.grid_rect.size)

    def draw(self, surface: pygame.Surface) -> None:
        """The day-by-day budget, drawn (not dozens of labels) and kept until it changes."""
        key = self._grid_key()
        if self._grid is None or self._grid[0] != key:
            self._grid = (key, self._render_grid())
        surface.blit(self._grid[1], self.grid_rect)

    def _render_grid(self) -> pygame.Surface:
        pal = self.desk.app.palette
        desk = self.desk
        rules = desk.session.rules
        view = desk.view
        capacity = {pid: pv.sorties_per_day for pid, pv in view.pools.items()}
        budgets = day_budgets(rules, capacity, desk.plan.history.current)
        img = pygame.Surface(self.grid_rect.size, pygame.SRCALPHA)
        f, fb = font(13), font(13, bold=True)
        w = self.grid_rect.w
        if rules.turn_days <= 1:
            col_w = w // 2
            for i, pid in enumerate(self.pools):
                left = budgets[0][pid]
                colour = pal.TEXT if left >= 0 else pal.DANGER
                text = f"{short_aircraft(rules.pools[pid])}: {left} of {capacity[pid]}"
                img.blit(f.render(text, True, colour), ((i % 2) * col_w, (i // 2) * GRID_ROW))
            return img
        days = rules.turn_days
        cell = min(44, (w - 120) // (days + 1))
        name_w = w - cell * (days + 1)
        for d in range(days):
            label = fb.render(f"{d + 1}", True, pal.MUTED)
            cx = name_w + d * cell + cell - 6 - label.get_width()
            img.blit(label, (cx, 0))
        of = fb.render("a day", True, pal.MUTED)
        img.blit(of, (w - of.get_width(), 0))
        for row, pid in enumerate(self.pools, start=1):
            y = row * GRID_ROW
            pool = rules.pools[pid]
            name = short_aircraft(pool)
            while f.size(name)[0] > name_w - 6 and len(name) > 4:
                name = name[:-2] + "…"
            img.blit(f.render(name, True, pal.TEXT), (0, y))
            for d in range(days):
                left = budgets[d][pid]
                colour = (
                    pal.DANGER if left < 0 else pal.MUTED if left == capacity[pid] else pal.TEXT
                )
                t = (fb if left < 0 else f).render(str(left), True, colour)
                img.blit(t, (name_w + d * cell + cell - 6 - t.get_width(), y))
            cap = f.render(str(capacity[pid]), True, pal.MUTED)
            img.blit(cap, (w - cap.get_width(), y))
        return img

    def selected(self) -> int | None:
        picked = self.list.get_single_selection(include_object_id=True)
        if picked is None:
            return None
        if isinstance(picked, tuple):
            return int(picked[1])
        return None

    def edit(self) -> None:
        index = self.selected()
        if index is None:
            return
        package = self.desk.plan.history.current.packages[index]
        self.desk.plan.draft = Draft.of(package, index)
        self.desk.show_tab("package")

    def delete(self) -> None:
        index = self.selected()
        if index is None:
            return
        desk = self.desk
        desk.plan.history.push(without_package(desk.plan.history.current, index))
        if desk.plan.draft.editing is not None:
            desk.plan.draft = desk.plan.draft.next()
        desk.rebuild()
        desk.say(f"Package {index + 1} deleted (Ctrl+Z to undo).")

    def handle(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        if element is self.list and event.type in (
            pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
            pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION,
        ):
            on = self.selected() is not None
            for b in (self.edit_button, self.delete_button):
                b.enable() if on else b.disable()
            return True
        if (
            element is self.list
            and event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION
        ):
            self.edit()
            return True
        return False


def budget_pools(rules: Rules) -> list[str]:
    """The pools packages draw on: the strike pools and the escort pool."""
    ids = [p.id for p in rules.strike_pools]
    if rules.escort_pool in rules.pools and rules.escort_pool not in ids:
        ids.append(rules.escort_pool)
    return ids


class PoliticsTab:
    """Press policy and the restriction cards in force, with JCS requests."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self.press_buttons: dict[PressPolicy, pygame_gui.elements.UIButton] = {}
        self.jcs_boxes: dict[str, pygame_gui.elements.UICheckBox] = {}
        self.card_boxes: dict[str, pygame_gui.elements.UITextBox] = {}
        self.press_note: pygame_gui.elements.UITextBox | None = None
        self._build()

    def _build(self) -> None:
        desk, r = self.desk, self.rect
        rules, state = desk.session.rules, desk.session.state
        plan = desk.plan.history.current
        x, y, w = r.x, r.y, r.w
        _label(desk, pygame.Rect(x, y, w, 24), "Press policy this turn", "@section")
        y += 24
        bw = (w - 8) // 3
        for i, policy in enumerate(PressPolicy):
            name, words = PRESS_WORDS[policy]
            refusal = press_refusal(rules, state, policy)
            tip = words if refusal is None else f"{words} Not allowed now: {refusal.reason}"
            b = desk.button(
                pygame.Rect(x + i * (bw + 4), y, bw, 30),
                name + (" ×" if refusal is not None else ""),
                partial(self.set_press, policy),
                tooltip=tip,
                object_id="@toggle",
            )
            toggle_style(b, plan.press == policy)
            self.press_buttons[policy] = b
        y += 36
        self.note_rect = pygame.Rect(x, y, w, 56)
        self.show_press_note(plan.press, None)
        y += 62
        in_force = [c for cid, c in sorted(rules.cards.items()) if state.cards[cid].in_force]
        _label(
            desk,
            pygame.Rect(x, y, w, 22),
            f"Restrictions in force ({len(in_force)})",
            "@section",
        )
        if in_force:  # the letters closing each reason, explained where they appear
            _label(desk, pygame.Rect(x, y + 22, w, 20), SOURCE_KEY, "@muted")
            y += 22
        y += 28  # room for the tutorial's ring around the first card, under the heading
        box = pygame.Rect(x, y, w, r.bottom - y)
        self.scroller = pygame_gui.elements.UIScrollingContainer(
            box, desk.manager, allow_scroll_x=False
        )
        inner_w = w - 22
        cy = 0
        for card in in_force:
            verb = "forbids" if card.effect == "forbid" else "burdens"
            html = (
                f"<b>{esc(card.name)}</b> <font color='{MUTED}'>({verb})</font><br>"
                f"<font color='{MUTED}'>{esc(card.reason)}</font>"
            )
            text = pygame_gui.elements.UITextBox(
                html,
                pygame.Rect(0, cy, inner_w, -1),
                desk.manager,
                container=self.scroller,
                object_id=pygame_gui.core.ObjectID(class_id="@card"),
            )
            self.card_boxes[card.id] = text
            cy += int(text.get_relative_rect().h) + 2
            if card.jcs_approval > 0:
                check = pygame_gui.elements.UICheckBox(
                    pygame.Rect(6, cy + 2, 20, 20),
                    "Request JCS review",
                    desk.manager,
                    container=self.scroller,
                    initial_state=card.id in plan.jcs_requests,
                    tool_tip_text="Ask the Joint Chiefs to lift this restriction at the end "
                    "of the turn. Approval is likelier when talks stall and world opinion "
                    "is calm; each request makes the next less likely.",
                )
                self.jcs_boxes[card.id] = check
                cy += 26
            cy += 8
        if not in_force:
            _label(
                desk,
                pygame.Rect(0, 0, inner_w, 24),
                "No restrictions in force.",
                "@muted",
                container=self.scroller,
            )
            cy = 30
        self.scroller.set_scrollable_area_dimensions((inner_w, max(cy, 10)))

    def show_press_note(self, policy: PressPolicy, refusal_reason: str | None) -> None:
        pal = self.desk.app.palette
        name, words = PRESS_WORDS[policy]
        html = f"<b>{name}.</b> {esc(words)}"
        if refusal_reason:
            bad = pal.html("DANGER")
            html = f"<font color='{bad}'><b>Refused.</b> {esc(refusal_reason)}</font>"
        if self.press_note is None:
            self.press_note = pygame_gui.elements.UITextBox(
                html,
                self.note_rect,
                self.desk.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@verdict"),
            )
        else:
            self.press_note.set_text(html)

    def set_press(self, policy: PressPolicy) -> None:
        desk = self.desk
        refusal = press_refusal(desk.session.rules, desk.session.state, policy)
        if refusal is not None:
            self.show_press_note(policy, refusal.reason)
            return
        desk.plan.history.push(with_press(desk.plan.history.current, policy))
        for p, b in self.press_buttons.items():
            toggle_style(b, p == policy)
        self.show_press_note(policy, None)
        desk.sync_actions()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type not in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED):
            return False
        for card_id, box in self.jcs_boxes.items():
            if event.ui_element is box:
                desk = self.desk
                on = event.type == pygame_gui.UI_CHECK_BOX_CHECKED
                desk.plan.history.push(with_jcs_request(desk.plan.history.current, card_id, on))
                desk.sync_actions()
                name = desk.session.rules.cards[card_id].name
                desk.say(
                    f"JCS review of '{name}' requested."
                    if on
                    else f"Request on '{name}' withdrawn."
                )
                return True
        return False
