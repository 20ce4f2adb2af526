"""The Tasks tab of the planning desk: the standing tasks' shares, the rail lines the
standing interdiction concentrates on, and the targets the photo reconnaissance covers."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.model import Role
from game.ui.desk.desk_input import open_target_list
from game.ui.desk.plan_state import short_name, with_focus, with_recon, with_share

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

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


def _label(
    desk: PlanningScene, rect: pygame.Rect, text: str, cls: str
) -> pygame_gui.elements.UILabel:
    return pygame_gui.elements.UILabel(
        rect, text, desk.manager, object_id=pygame_gui.core.ObjectID(class_id=cls)
    )


def recon_sorties(desk: PlanningScene) -> int:
    """Photo sorties a day: each photographs one target."""
    rules, view = desk.session.rules, desk.view
    return sum(
        view.pools[pid].sorties_per_day
        for pid, pool in rules.pools.items()
        if pool.role == Role.RECON and pid in view.pools
    )


def seen_words(desk: PlanningScene, target_id: str) -> str:
    est = desk.view.bda.get(target_id)
    if est is None or est.seen is None:
        return "never photographed"
    days = (desk.view.day - est.seen).days
    ago = "today" if days <= 0 else "1 day ago" if days == 1 else f"{days} days ago"
    return f"~{est.damage:.0f}% seen {ago}"


class TasksTab:
    """Standing-task shares, interdiction focus and reconnaissance targets."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self.sliders: dict[str, pygame_gui.elements.UIHorizontalSlider] = {}
        self.slider_labels: dict[str, pygame_gui.elements.UILabel] = {}
        self._build()

    def _build(self) -> None:
        desk, r = self.desk, self.rect
        rules = desk.session.rules
        plan = desk.plan.history.current
        x, y, w = r.x, r.y, r.w
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
            y += 34
        y += 4
        lists_h = max(60, (r.bottom - y - 2 * 44) // 2)
        focus = plan.standing.interdiction_focus
        segments = sorted(  # the chosen first, so that the list shows them unscrolled
            (tid for tid in desk.view.active_targets if rules.targets[tid].kind == "rail_segment"),
            key=lambda tid: (tid not in focus, rules.targets[tid].name),
        )
        head = (
            f"Interdiction focus: {len(focus)} of {len(segments)} lines"
            if focus
            else (f"Interdiction focus: all {len(segments)} lines")
        )
        self.focus_head = _label(desk, pygame.Rect(x, y, w, 22), head, "@section")
        self.focus_head.set_tooltip(
            "Select rail lines for armed reconnaissance to concentrate on; with none "
            "selected it ranges over every line."
        )
        y += 24
        items: list[str | tuple[str, str]] = [(self._segment_text(tid), tid) for tid in segments]
        chosen: list[str | tuple[str, str]] = [it for it in items if it[1] in focus]
        self.focus_list = self._choice_list(
            pygame.Rect(x, y, w, lists_h),
            items,
            chosen,
            "Click a line to add it to the focus or take it out; damage is your estimate.",
        )
        y += lists_h + 8
        per_day = recon_sorties(desk)
        asked = plan.recon_targets
        self.list_button = desk.button(
            pygame.Rect(x + w - 110, y - 2, 110, 26),
            "Target list",
            partial(open_target_list, desk),
            tooltip="Every target in a sortable table, with a Photo box on each (T)",
            object_id="@small",
        )
        self.recon_head = _label(
            desk,
            pygame.Rect(x, y, w - 116, 22),
            f"Photos: {len(asked)} asked, {per_day} sorties a day",
            "@section",
        )
        self.recon_head.set_tooltip(
            "Each photo sortie covers one target a day: the targets asked first, then the "
            "ones struck most recently. Photographs make the damage estimates sure."
        )
        y += 24
        targets = sorted(
            (tid for tid in desk.view.active_targets if not rules.targets[tid].foreign),
            key=lambda tid: (
                tid not in asked,
                rules.targets[tid].kind == "rail_segment",
                short_name(rules, tid),
            ),
        )
        items = [(f"{short_name(rules, tid)} · {seen_words(desk, tid)}", tid) for tid in targets]
        chosen = [it for it in items if it[1] in asked]
        self.recon_list = self._choice_list(
            pygame.Rect(x, y, w, max(60, r.bottom - y)),
            items,
            chosen,
            "Click targets to photograph first; the target list (T) shows the same choice.",
        )
        self.refresh_labels()

    def _choice_list(
        self,
        rect: pygame.Rect,
        items: list[str | tuple[str, str]],
        chosen: list[str | tuple[str, str]],
        tip: str,
    ) -> pygame_gui.elements.UISelectionList:
        """A list of lines, each clicked in or out of the choice."""
        choice = pygame_gui.elements.UISelectionList(
            rect,
            items,
            self.desk.manager,
            allow_multi_select=True,
            allow_double_clicks=False,  # a quick second click takes a line out again
            default_selection=chosen or None,
            object_id=pygame_gui.core.ObjectID(class_id="@packages"),
        )
        choice.set_tooltip(tip)
        return choice

    def _segment_text(self, tid: str) -> str:
        desk = self.desk
        est = desk.view.bda.get(tid)
        dmg = f"~{est.damage:.0f}% damaged" if est is not None and est.seen else "not assessed"
        return f"{short_name(desk.session.rules, tid)} · {dmg}"

    def refresh_labels(self) -> None:
        standing = self.desk.plan.history.current.standing
        for key, name, _ in STANDING:
            value = getattr(standing, key)
            self.slider_labels[key].set_text(f"{name}: {value * 100:.0f}%")
            slider = self.sliders[key]
            if round(slider.get_current_value()) != round(value * 100):
                slider.set_current_value(round(value * 100))

    @staticmethod
    def _chosen(selection: pygame_gui.elements.UISelectionList) -> tuple[str, ...]:
        picked = selection.get_multi_selection(include_object_id=True)
        return tuple(p[1] for p in picked if isinstance(p, tuple))

    def handle(self, event: pygame.event.Event) -> bool:
        element = getattr(event, "ui_element", None)
        desk = self.desk
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            for key, slider in self.sliders.items():
                if element is slider:
                    value = slider.get_current_value() / 100.0
                    desk.plan.history.push(
                        with_share(desk.plan.history.current, key, value), tag=f"standing:{key}"
                    )
                    self.refresh_labels()
                    desk.sync_actions()
                    return True
        if event.type not in (
            pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
            pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION,
        ):
            return False
        if element is self.focus_list:
            desk.plan.history.push(
                with_focus(desk.plan.history.current, self._chosen(self.focus_list))
            )
            self._sync_heads()
            return True
        if element is self.recon_list:
            asked = list(desk.plan.history.current.recon_targets)
            now = set(self._chosen(self.recon_list))
            order = [t for t in asked if t in now] + sorted(now - set(asked))
            desk.plan.history.push(with_recon(desk.plan.history.current, tuple(order)))
            self._sync_heads()
            return True
        return False

    def _sync_heads(self) -> None:
        desk = self.desk
        plan = desk.plan.history.current
        n = len(self.focus_list.item_list)
        focus = plan.standing.interdiction_focus
        self.focus_head.set_text(
            f"Interdiction focus: {len(focus)} of {n} lines"
            if focus
            else f"Interdiction focus: all {n} lines"
        )
        self.recon_head.set_text(
            f"Photos: {len(plan.recon_targets)} asked, {recon_sorties(desk)} sorties a day"
        )
        desk.sync_actions()
