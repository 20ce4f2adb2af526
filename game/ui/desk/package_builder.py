"""The package builder: target, strike aircraft by pool, flak suppression, escort, day or
night, warning; Add or Update. The verdict on the package (the core's ``Refused``
reason, naming the card) is shown right above the Add button as the player edits."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import pygame
import pygame_gui

from game.core.intel import flak_picture
from game.core.model import PoolDef
from game.core.politics import burdens
from game.ui.desk.plan_state import (
    check_package,
    days_words,
    short_name,
    sorties_left,
    with_package,
)
from game.ui.kit.widgets import Spinner, toggle_style
from game.ui.kit.words import base_name, esc, kind_name, short_date

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

ROW_H = 32
NO_TARGET = "__none__"
WARN = "#d8c27a"
MUTED = "#b8ab87"


def short_aircraft(pool: PoolDef) -> str:
    """The aircraft type in a few words ("ROKAF and 2 Sqn SAAF F-51 Mustang" -> "F-51 Mustang")."""
    short = pool.aircraft.split(",")[0].strip()
    return short if len(short) <= 18 else " ".join(short.split()[-2:])


class _Columns(NamedTuple):
    """Where the pool rows' columns stand: the name, two spinners and the sorties left."""

    x: int
    w: int
    spin_w: int
    strike: int
    supp: int
    left: int
    left_w: int


def _columns(x: int, w: int, left_w: int = 48) -> _Columns:
    spin_w = min(104, (w - 150) // 2 - 6)
    strike = x + w - left_w - 2 * spin_w - 12
    return _Columns(x, w, spin_w, strike, strike + spin_w + 6, x + w - left_w, left_w)


class PackageBuilder:
    """The widgets of the Package tab, laid out in ``rect``."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self.spinners: list[Spinner] = []
        self.strike_spinners: dict[str, Spinner] = {}
        self.supp_spinners: dict[str, Spinner] = {}
        self.escort: Spinner | None = None
        self.left_labels: dict[str, pygame_gui.elements.UILabel] = {}
        self._build()

    # -- layout
    def _build(self) -> None:
        r, draft = self.rect, self.desk.plan.draft
        x, w = r.x, r.w
        title = (
            f"Editing package {draft.editing + 1}" if draft.editing is not None else "New package"
        )
        self._label(pygame.Rect(x, r.y, w, 24), title, "@section")
        y = self._build_target(x, r.y + 24, w)
        y = self._build_time(x, y, w)
        self.day_buttons: dict[int | None, pygame_gui.elements.UIButton] = {}
        turn_days = self.desk.session.rules.turn_days
        if turn_days > 1:
            y = self._build_days(x, y, w, turn_days)
        columns = _columns(x, w)
        y = self._build_headings(columns, y)
        y = self._build_pool_rows(columns, y)
        y = self._build_escort(columns, y) + 4
        self.verdict_rect = pygame.Rect(x, y, w, 0)
        self.verdict: pygame_gui.elements.UITextBox | None = None
        self.verdict_rect.h = max(40, min(100, r.bottom - 44 - y))
        self._build_actions(x, self.verdict_rect.bottom + 8, w)
        self.refresh()

    def _build_target(self, x: int, y: int, w: int) -> int:
        """The target menu and the line under it; returns the y below them."""
        desk = self.desk
        rules, draft = desk.session.rules, desk.plan.draft
        options: list[str | tuple[str, str]] = [
            ("Choose a target, or click one on the map", NO_TARGET)
        ]
        active = [t for t in desk.view.active_targets if not rules.targets[t].foreign]
        active.sort(key=lambda t: (kind_name(rules.targets[t].kind), rules.targets[t].name))
        for tid in active:
            t = rules.targets[tid]
            options.append((f"{t.name} · {kind_name(t.kind).split()[0].lower()}", tid))
        start = next(
            (o for o in options if isinstance(o, tuple) and o[1] == (draft.target or NO_TARGET)),
            options[0],
        )
        self.target_menu = pygame_gui.elements.UIDropDownMenu(
            options,
            start,
            pygame.Rect(x, y, w, 32),
            desk.manager,
            expand_on_option_click=True,
            object_id=pygame_gui.core.ObjectID(class_id="@target_menu"),
        )
        self.target_menu.set_tooltip(
            "The package's target. Click a target on the map to pick it, or choose it here."
        )
        y += 36
        self.info = self._label(pygame.Rect(x, y, w, 20), self._target_line(), "@muted")
        return y + 26

    def _build_time(self, x: int, y: int, w: int) -> int:
        """Day or night, and the warning to civilians; returns the y below them."""
        desk, draft = self.desk, self.desk.plan.draft
        half = 74
        self.day_button = desk.button(
            pygame.Rect(x, y, half, 30),
            "Day",
            lambda: self._set_night(False),
            tooltip="Fly by day: fighter-bombers and carrier aircraft; F-86 escort possible",
            object_id="@toggle",
        )
        self.night_button = desk.button(
            pygame.Rect(x + half + 4, y, half, 30),
            "Night",
            lambda: self._set_night(True),
            tooltip="Fly by night: B-29s and B-26s; less accurate, fewer MiGs (dark of the moon)",
            object_id="@toggle",
        )
        toggle_style(self.day_button, not draft.night)
        toggle_style(self.night_button, draft.night)
        self.warn_button = desk.button(
            pygame.Rect(x + 2 * half + 16, y, w - 2 * half - 16, 30),
            "Warn civilians: " + ("on" if draft.warning else "off"),
            self._toggle_warning,
            tooltip="Leaflets and radio warn the town beforehand: fewer civilian casualties "
            "and better world opinion, but the flak is ready (some cards forbid warnings)",
            object_id="@toggle",
        )
        toggle_style(self.warn_button, draft.warning)
        return y + 38

    def _build_headings(self, c: _Columns, y: int) -> int:
        for text, cx, cw, tip in (
            ("Aircraft", c.x, c.strike - c.x - 6, "Pools that can fly at this time of day"),
            ("Strike", c.strike, c.spin_w, "Bombing sorties on the target, each day it flies"),
            ("Flak supp.", c.supp, c.spin_w, "Sorties attacking the flak guns first, each day"),
            (
                "Left",
                c.left,
                c.left_w,
                "Sorties still free in the pool on the busiest of the package's days "
                "(the Plan tab shows every day)",
            ),
        ):
            lab = self._label(pygame.Rect(cx, y, cw, 18), text, "@muted")
            lab.set_tooltip(tip)
        return y + 24  # room for the tutorial's ring around a box between heading and box

    def _build_pool_rows(self, c: _Columns, y: int) -> int:
        """A row of strike and suppression spinners per pool flying at this time."""
        desk = self.desk
        rules, draft = desk.session.rules, desk.plan.draft
        left = self._left()
        pools = [p for p in rules.strike_pools if (p.night if draft.night else p.day)]
        for pool in pools:
            cap = left[pool.id]
            lab = self._label(
                pygame.Rect(c.x, y, c.strike - c.x - 6, ROW_H), short_aircraft(pool), "@small_label"
            )
            lab.set_tooltip(
                f"{pool.name}: {pool.aircraft}. Flies from {base_name(rules, pool.base)}, reach "
                f"{pool.range_km:.0f} km; {cap} sorties a day free for this package."
            )
            for what, cx, mine, other, spinners, words in (
                ("strike", c.strike, draft.strike, draft.suppression, self.strike_spinners, "strike"),
                ("suppression", c.supp, draft.suppression, draft.strike, self.supp_spinners, "flak-suppression"),
            ):  # fmt: skip
                spinners[pool.id] = Spinner(
                    desk,
                    pygame.Rect(cx, y, c.spin_w, ROW_H),
                    mine.get(pool.id, 0),
                    cap - other.get(pool.id, 0),  # a sortie flies one of the two jobs
                    partial(self._set, what, pool.id),
                    tooltip=f"{short_aircraft(pool)} {words} sorties a day",
                )
                self.spinners.append(spinners[pool.id])
            self.left_labels[pool.id] = self._label(
                pygame.Rect(c.left, y, c.left_w, ROW_H), "", "@small_label"
            )
            y += ROW_H + 4
        if not pools:
            self._label(
                pygame.Rect(c.x, y, c.w, ROW_H), "No strike aircraft fly at this time.", "@muted"
            )
            y += ROW_H + 4
        return y

    def _build_escort(self, c: _Columns, y: int) -> int:
        """The escort's spinner (by day only), if the scenario has an escort pool."""
        desk = self.desk
        rules, draft = desk.session.rules, desk.plan.draft
        esc_pool = rules.pools.get(rules.escort_pool)
        if esc_pool is None:
            return y
        cap = self._left()[esc_pool.id]
        lab = self._label(
            pygame.Rect(c.x, y, c.strike - c.x - 6, ROW_H),
            f"{short_aircraft(esc_pool).split()[0]} escort",
            "@small_label",
        )
        lab.set_tooltip(
            f"{esc_pool.name} screening the strikers from MiGs (by day only). Sorties "
            "not used for escort fly barrier patrols (air superiority)."
        )
        self.escort = Spinner(
            desk,
            pygame.Rect(c.strike, y, c.spin_w, ROW_H),
            0 if draft.night else draft.escort,
            0 if draft.night else cap,
            lambda n: self._set("escort", "", n),
            tooltip="Escort sorties a day",
        )
        self.spinners.append(self.escort)
        self.left_labels[esc_pool.id] = self._label(
            pygame.Rect(c.left, y, c.left_w, ROW_H), "", "@small_label"
        )
        return y + ROW_H + 4

    def _build_actions(self, x: int, y: int, w: int) -> None:
        """Add (or Update) and Clear (or Cancel edit)."""
        editing = self.desk.plan.draft.editing is not None
        add, add_tip, clear, clear_tip = (
            (
                "Update package",
                "Replace the planned package with these settings",
                "Cancel edit",
                "Leave the planned package as it was",
            )
            if editing
            else (
                "Add package",
                "Add this package to the turn's plan (Ctrl+Z undoes it)",
                "Clear",
                "Start a new package from scratch",
            )
        )
        bw = (w - 8) // 2
        self.add_button = self.desk.button(
            pygame.Rect(x, y, bw, 36), add, self.add, tooltip=add_tip, object_id="@small"
        )
        self.clear_button = self.desk.button(
            pygame.Rect(x + bw + 8, y, w - bw - 8, 36),
            clear,
            self.clear,
            tooltip=clear_tip,
            object_id="@small",
        )

    def _build_days(self, x: int, y: int, w: int, turn_days: int) -> int:
        """The days of a multi-day turn the package flies: each day a toggle, and All."""
        lab = self._label(pygame.Rect(x, y, 64, 30), "Flies on", "@small_label")
        lab.set_tooltip("The days of this turn the package flies; it asks its sorties each day")
        all_w = 40
        gap = 3
        day_w = (w - 64 - all_w - gap * turn_days) // turn_days
        start = self.desk.session.state.day
        for i in [None, *range(turn_days)]:
            if i is None:
                rect = pygame.Rect(x + 64, y, all_w, 30)
                text, tip = "All", f"Fly on every day of the turn ({turn_days} raids)"
            else:
                rect = pygame.Rect(x + 64 + all_w + gap + i * (day_w + gap), y, day_w, 30)
                when = short_date(start + timedelta(days=i))
                text, tip = str(i + 1), f"Day {i + 1} ({when}): click to add or remove it"
            b = self.desk.button(
                rect, text, partial(self._toggle_day, i), tooltip=tip, object_id="@toggle"
            )
            self.day_buttons[i] = b
        self._sync_days()
        return y + 38

    def _sync_days(self) -> None:
        days = self.desk.plan.draft.days
        for i, b in self.day_buttons.items():
            toggle_style(b, not days if i is None else i in days)

    def _toggle_day(self, day: int | None) -> None:
        draft = self.desk.plan.draft
        if day is None:
            draft.days = ()
        elif not draft.days:
            draft.days = (day,)
        elif day in draft.days:
            draft.days = tuple(d for d in draft.days if d != day)  # none left: every day
        else:
            draft.days = tuple(sorted((*draft.days, day)))
        self.desk.rebuild()  # the spinners' limits are the chosen days' sorties left

    def _label(self, rect: pygame.Rect, text: str, cls: str) -> pygame_gui.elements.UILabel:
        return pygame_gui.elements.UILabel(
            rect, text, self.desk.manager, object_id=pygame_gui.core.ObjectID(class_id=cls)
        )

    # -- values
    def _left(self) -> dict[str, int]:
        desk = self.desk
        return sorties_left(
            desk.plan.history.current,
            desk.session.rules,
            desk.session.state,
            desk.plan.draft.editing,
            desk.plan.draft.days,
        )

    def _target_line(self) -> str:
        desk = self.desk
        tid = desk.plan.draft.target
        if tid is None:
            return "No target chosen yet."
        rules, view = desk.session.rules, desk.view
        t = rules.targets[tid]
        est = view.bda.get(tid)
        dmg = f"damage ~{est.damage:.0f}%" if est is not None else "damage not assessed"
        flak, briefed = flak_picture(rules, view, tid)
        guns = f"~{flak:.0f} guns" + (" (briefing)" if briefed else " (estimate)")
        return f"{kind_name(t.kind)} · {dmg} · {guns}"

    def verdict_html(self) -> str:
        pal = self.desk.app.palette
        desk = self.desk
        draft = desk.plan.draft
        package = draft.package()
        if package is None and desk.plan.confirmation:
            good = pal.html("GOOD")
            return (
                f"<font color='{good}'>{esc(desk.plan.confirmation)}</font> "
                f"<font color='{MUTED}'>Pick the next target.</font>"
            )
        if package is None:
            return (
                f"<font color='{MUTED}'>Pick a target: click it on the map, or choose it "
                "from the list above.</font>"
            )
        if not package.strike:
            return (
                f"<font color='{MUTED}'>Give the package strike aircraft: set the sorties "
                "of at least one pool.</font>"
            )
        rules, state = desk.session.rules, desk.session.state
        refused = check_package(rules, state, desk.plan.history.current, package, draft.editing)
        if refused is not None:
            bad = pal.html("DANGER")
            return f"<font color='{bad}'><b>Refused.</b> {esc(refused.reason)}</font>"
        heavy = burdens(rules, state, package)
        name = rules.targets[package.target].name
        sorties = package.strike_sorties()
        good = pal.html("GOOD")
        when = days_words(rules, package.days)
        when = f", {when}" if when else ""
        time_of_day = "night" if package.night else "day"
        ok = (
            f"<font color='{good}'><b>Ready:</b> {sorties} strike sorties on {esc(name)}, "
            f"by {time_of_day}{when}.</font>"
        )
        if heavy:
            # The card's name only: its reason is in the box's tooltip and the Politics
            # tab, and the whole verdict fits the box at 1280x720.
            names = " and ".join(f"'{esc(card.name)}'" for card in heavy)
            return (
                f"{ok}<br><font color='{WARN}'>Allowed, with a cost: {names} "
                "(hover here or see Politics)</font>"
            )
        return ok

    def verdict_tip(self) -> str | None:
        """The reasons of the restrictions that weigh on the package, for the tooltip."""
        package = self.desk.plan.draft.package()
        if package is None or not package.strike:
            return None
        rules, state = self.desk.session.rules, self.desk.session.state
        heavy = burdens(rules, state, package)
        return "<br>".join(f"<b>{esc(c.name)}</b>: {esc(c.reason)}" for c in heavy) or None

    def refresh(self) -> None:
        """Update the remaining sorties and the verdict in place (keeps typing focus)."""
        left = self._left()
        draft = self.desk.plan.draft
        for pid, label in self.left_labels.items():
            mine = draft.strike.get(pid, 0) + draft.suppression.get(pid, 0)
            if pid == self.desk.session.rules.escort_pool and not draft.night:
                mine += draft.escort
            label.set_text(str(left[pid] - mine))
        html = self.verdict_html()
        if self.verdict is None:
            self.verdict = pygame_gui.elements.UITextBox(
                html,
                self.verdict_rect,
                self.desk.manager,
                object_id=pygame_gui.core.ObjectID(class_id="@verdict"),
            )
        elif self.verdict.html_text != html:
            self.verdict.set_text(html)
        tip = self.verdict_tip()
        if tip != self.verdict.tool_tip_text:
            self.verdict.set_tooltip(tip)

    # -- edits
    def _set(self, what: str, pool_id: str, n: int) -> None:
        draft = self.desk.plan.draft
        if what == "strike":
            draft.strike[pool_id] = n
        elif what == "suppression":
            draft.suppression[pool_id] = n
        else:
            draft.escort = n
        self._recap()
        self.refresh()

    def _recap(self) -> None:
        """Cap each spinner by what its pool has left once the others are counted."""
        draft = self.desk.plan.draft
        left = self._left()
        rules = self.desk.session.rules
        for pid, strike in self.strike_spinners.items():
            pool, supp = rules.pools[pid], self.supp_spinners[pid]
            strike.maximum = max(0, left[pool.id] - draft.suppression.get(pool.id, 0))
            supp.maximum = max(0, left[pool.id] - draft.strike.get(pool.id, 0))
        if self.escort is not None and not draft.night:
            self.escort.maximum = max(0, left.get(rules.escort_pool, 0))

    def _set_night(self, night: bool) -> None:
        draft = self.desk.plan.draft
        if draft.night == night:
            return
        draft.night = night
        rules = self.desk.session.rules
        # Pools that cannot fly at the new time drop out of the package.
        ok = {p.id for p in rules.strike_pools if (p.night if night else p.day)}
        draft.strike = {k: v for k, v in draft.strike.items() if k in ok}
        draft.suppression = {k: v for k, v in draft.suppression.items() if k in ok}
        self.desk.rebuild()

    def _toggle_warning(self) -> None:
        self.desk.plan.draft.warning = not self.desk.plan.draft.warning
        self.warn_button.set_text(
            "Warn civilians: " + ("on" if self.desk.plan.draft.warning else "off")
        )
        toggle_style(self.warn_button, self.desk.plan.draft.warning)
        self.refresh()

    def choose_target(self, target: str | None) -> None:
        self.desk.plan.draft.target = target
        self.desk.rebuild()

    def add(self) -> None:
        """Add (or update) the package if it stands; otherwise the verdict says why."""
        desk = self.desk
        draft = desk.plan.draft
        package = draft.package()
        self.refresh()
        if package is None or not package.strike:
            return
        refused = check_package(
            desk.session.rules,
            desk.session.state,
            desk.plan.history.current,
            package,
            draft.editing,
        )
        if refused is not None:
            desk.app.sound.play("refused")
            return
        rules = desk.session.rules
        desk.plan.history.push(with_package(desk.plan.history.current, package, draft.editing))
        number = (draft.editing if draft.editing is not None else len(desk.orders.packages) - 1) + 1
        done = "updated" if draft.editing is not None else "planned"
        when = days_words(rules, package.days)
        text = f"Package {number} on {short_name(rules, package.target)} {done}" + (
            f" ({when})." if when else "."
        )
        desk.plan.draft = draft.next()
        desk.plan.confirmation = text  # shown above Add, where no tooltip covers it
        desk.rebuild()
        desk.say(text)
        desk.app.sound.play("package_added")

    def clear(self) -> None:
        self.desk.plan.draft = self.desk.plan.draft.next()
        self.desk.rebuild()

    # -- input
    def handle(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element is self.target_menu
        ):
            tid = str(getattr(event, "selected_option_id", NO_TARGET))
            self.choose_target(None if tid == NO_TARGET else tid)
            return True
        return any(s.handle(event) for s in self.spinners)
