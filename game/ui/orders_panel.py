"""The Plan and Politics tabs of the planning desk: the planned packages with edit and
delete, the sorties left per pool, the standing tasks; the press policy and the
restriction cards in force with their reasons and a JCS request toggle."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.model import PressPolicy
from game.ui.package_builder import MUTED, Draft, short_aircraft
from game.ui.plan_state import (
    package_summary,
    press_refusal,
    sorties_left,
    with_jcs_request,
    with_press,
    with_share,
    without_package,
)
from game.ui.style import html_colour
from game.ui.widgets import toggle_style
from game.ui.words import SOURCE_KEY, esc

if TYPE_CHECKING:
    from game.ui.planning import PlanningScene

STANDING = (
    (
        "interdiction",
        "Interdiction",
        "Armed reconnaissance on the rail lines: the share of the strike sorties left "
        "after the packages. Cuts rails and starves the front.",
    ),
    (
        "close_support",
        "Close support",
        "Close air support at the front: the share of the strike sorties left after the "
        "packages. Quiets the enemy's artillery.",
    ),
    (
        "air_superiority",
        "Air superiority",
        "Barrier patrols in MiG Alley: the share of the F-86 sorties not flying escort. "
        "Stripping it lets MiGs roam south.",
    ),
)

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
    """Planned packages, sorties left, standing tasks."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self.sliders: dict[str, pygame_gui.elements.UIHorizontalSlider] = {}
        self.slider_labels: dict[str, pygame_gui.elements.UILabel] = {}
        self._build()

    def _build(self) -> None:
        desk, r = self.desk, self.rect
        rules = desk.session.rules
        plan = desk.history.current
        x, y, w = r.x, r.y, r.w
        pools = list(rules.pools.values())
        rows = (len(pools) + 1) // 2
        fixed_below = 26 + rows * 20 + 12 + 26 + len(STANDING) * 36
        _label(
            desk, pygame.Rect(x, y, w, 24), f"Planned packages ({len(plan.packages)})", "@section"
        )
        y += 24
        items: list[str | tuple[str, str]] = [
            (f"{i + 1}. {package_summary(rules, p)}", str(i)) for i, p in enumerate(plan.packages)
        ]
        list_h = max(84, r.bottom - y - 40 - fixed_below)
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(x, y, w, list_h),
            items,
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@packages"),
        )
        self.list.set_tooltip(
            "The turn's strike packages, flown in this order. Select one to edit or delete it."
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
        _label(desk, pygame.Rect(x, y, w, 24), "Sorties a day left after the packages", "@section")
        y += 26
        left = sorties_left(plan, rules, desk.session.state)
        col_w = w // 2
        for i, pool in enumerate(pools):
            cx = x + (i % 2) * col_w
            cy = y + (i // 2) * 20
            cap = desk.view.pools[pool.id].sorties_per_day
            colour_cls = "@small_label" if left[pool.id] >= 0 else "@error"
            lab = _label(
                desk,
                pygame.Rect(cx, cy, col_w - 2, 20),
                f"{short_aircraft(pool)}: {left[pool.id]} of {cap}",
                colour_cls,
            )
            lab.set_tooltip(
                f"{pool.name}: {cap} sorties a day ({desk.view.pools[pool.id].ready} aircraft "
                f"ready); {left[pool.id]} not in packages. The rest fly the standing tasks."
            )
        y += rows * 20 + 12
        _label(
            desk, pygame.Rect(x, y, w, 24), "Standing tasks (sorties not in packages)", "@section"
        )
        y += 26
        label_w = 150
        for key, _name, tip in STANDING:
            value = getattr(plan.standing, key)
            lab = _label(desk, pygame.Rect(x, y, label_w, 30), "", "@small_label")
            lab.set_tooltip(tip)
            self.slider_labels[key] = lab
            slider = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(x + label_w, y + 2, w - label_w, 26),
                round(value * 100),
                (0, 100),
                desk.manager,
                click_increment=5,
            )
            slider.set_tooltip(tip)
            self.sliders[key] = slider
            y += 36
        self.refresh_labels()

    def refresh_labels(self) -> None:
        standing = self.desk.history.current.standing
        for key, name, _ in STANDING:
            value = getattr(standing, key)
            self.slider_labels[key].set_text(f"{name}: {value * 100:.0f}%")
            slider = self.sliders[key]
            if round(slider.get_current_value()) != round(value * 100):
                slider.set_current_value(round(value * 100))

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
        package = self.desk.history.current.packages[index]
        self.desk.draft = Draft.of(package, index)
        self.desk.show_tab("package")

    def delete(self) -> None:
        index = self.selected()
        if index is None:
            return
        desk = self.desk
        desk.history.push(without_package(desk.history.current, index))
        if desk.draft.editing is not None:
            desk.draft = Draft(night=desk.draft.night)
        desk.rebuild()
        desk.say(f"Package {index + 1} deleted (Ctrl+Z to undo).")

    def handle(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            for key, slider in self.sliders.items():
                if element is slider:
                    desk = self.desk
                    value = slider.get_current_value() / 100.0
                    desk.history.push(
                        with_share(desk.history.current, key, value), tag=f"standing:{key}"
                    )
                    self.refresh_labels()
                    desk.sync_actions()
                    return True
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
        plan = desk.history.current
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
        name, words = PRESS_WORDS[policy]
        html = f"<b>{name}.</b> {esc(words)}"
        if refusal_reason:
            bad = html_colour("DANGER")
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
        desk.history.push(with_press(desk.history.current, policy))
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
                desk.history.push(with_jcs_request(desk.history.current, card_id, on))
                desk.sync_actions()
                name = desk.session.rules.cards[card_id].name
                desk.say(
                    f"JCS review of '{name}' requested."
                    if on
                    else f"Request on '{name}' withdrawn."
                )
                return True
        return False
