"""The turn report: what happened and why, grouped by kind, in plain words."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.events import Category, Event
from game.core.intel import PlayerView
from game.core.model import Rules
from game.core.turn import TurnResult
from game.ui.desk.meter_words import cause_line, ordered, signed
from game.ui.kit.encyclopedia_book import encyclopedia, open_encyclopedia
from game.ui.kit.style import Palette
from game.ui.kit.words import CATEGORY_HEADINGS, esc, kind_name, long_date, short_date
from game.ui.scenes import OverlayScene, Scene
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App

MUTED = "#b8ab87"


def _delta(label: str, before: float, after: float, *, pal: Palette) -> str:
    d = round(after) - round(before)
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    colour = pal.html("GOOD") if d > 0 else pal.html("DANGER") if d < 0 else MUTED
    return f"{esc(label)}: <b>{round(after)}</b> <font color='{colour}'>({sign}{abs(d)})</font>"


def _read_more(ev: Event) -> str:
    """A link to the encyclopedia's article on a scenario event or a restriction card."""
    book = encyclopedia()
    if book is None:
        return ""
    entry = None
    if ev.data.get("event"):
        entry = book.find("events", str(ev.data["event"]))
    elif ev.data.get("card"):
        entry = book.find("cards", str(ev.data["card"]))
    return f"  <a href='{entry.ref}'>read more</a>" if entry else ""


def _linked_text(ev: Event, rules: Rules) -> str:
    """The line's text with its target's name linked to the target's article."""
    text = esc(ev.text)
    book = encyclopedia()
    target = rules.targets.get(ev.target) if ev.target else None
    if book is None or target is None:
        return text
    entry = book.for_target(ev.target, target.kind)
    name = esc(target.name)
    if entry is None or name not in text:
        return text
    return text.replace(name, f"<a href='{entry.ref}'>{name}</a>", 1)


def _heading(text: str) -> str:
    return f"<br><font color='#d8c27a' size=4.5><b>{esc(text)}</b></font><br>"


def _why(cause: str) -> str:
    return f"<font color='{MUTED}'>    <i>why: {esc(cause)}</i></font><br>" if cause else ""


def _not_flown(ev: Event) -> bool:
    return bool(ev.target) and (bool(ev.data.get("not_flown")) or "not flown" in ev.text)


def _cancellations(rules: Rules, events: list[Event], days: int, *, pal: Palette) -> list[str]:
    """Packages refused or cancelled, first in the report: each with its reason and card,
    once however many of the turn's days it was kept on the ground."""
    grouped: dict[tuple[str, str, str], list[Event]] = {}
    for ev in events:
        key = (ev.target or "", str(ev.data.get("card", "")), ev.cause)
        grouped.setdefault(key, []).append(ev)
    lines = []
    for (target, card_id, _), group in grouped.items():
        name = rules.targets[target].name if target in rules.targets else target
        card = rules.cards.get(card_id)
        when = ""
        if days > 1:
            first, last = group[0].day, group[-1].day
            when = short_date(first) + (f" – {short_date(last)}" if last != first else "") + ": "
        if card is not None:
            text = f"{when}the package against {name} was cancelled: '{card.name}' came into force"
        else:
            text = f"{when}the package against {name} was not flown"
        lines.append(f"• {esc(text)}{_read_more(group[0])}<br>{_why(group[0].cause)}")
    if not lines:
        return []
    danger = pal.html("DANGER")
    return [f"<font color='{danger}' size=4.5><b>Not flown this turn</b></font><br>", *lines]


def _meter_section(before: PlayerView, after: PlayerView, *, pal: Palette) -> list[str]:
    if len(after.meter_causes) <= len(before.meter_causes):
        return []
    causes = after.meter_causes[-1]
    moved = sum(p for p, _ in causes.values())
    error = sum(e * e for _, e in causes.values()) ** 0.5
    parts = [
        _heading("What moved the enemy this turn"),
        f"Willingness to sign {signed(moved)} ± {error:.1f} (your estimate), by cause:<br>",
    ]
    parts += [f"• {cause_line(c, p, e, pal=pal)}<br>" for c, p, e in ordered(causes)]
    return parts


# Events folded into the one line per target.
TARGET_CATEGORIES = (Category.STRIKE, Category.LOSSES, Category.CIVILIANS, Category.AIR_COMBAT)


def _plural(n: float, word: str) -> str:
    return f"{n:,.0f} {word}{'' if round(n) == 1 else 's'}"


def _lost(ev: Event) -> tuple[float, float]:
    lost, damaged = ev.data.get("lost", 0), ev.data.get("damaged", 0)
    total = sum(lost.values()) if isinstance(lost, dict) else float(lost or 0)
    hit = sum(damaged.values()) if isinstance(damaged, dict) else float(damaged or 0)
    return total, hit


class _Tally:
    """One target's or one target system's turn, summed from its events."""

    def __init__(self) -> None:
        self.raids = 0
        self.days: list[date] = []
        self.before: dict[str, float] = {}
        self.after: dict[str, float] = {}
        self.lost = self.damaged = self.civilians = self.migs = 0.0
        self.cause = ""

    def add(self, ev: Event) -> None:
        if ev.category == Category.STRIKE and "after" in ev.data:
            self.raids += 1
            self.days.append(ev.day)
            self.before.setdefault(ev.target or "", float(ev.data.get("before", 0.0)))
            self.after[ev.target or ""] = float(ev.data["after"])
            self.cause = ev.cause
        elif ev.category == Category.LOSSES:
            lost, damaged = _lost(ev)
            self.lost += lost
            self.damaged += damaged
        elif ev.category == Category.CIVILIANS:
            self.civilians += float(ev.data.get("casualties", 0.0))
        elif ev.category == Category.AIR_COMBAT:
            self.migs += float(ev.data.get("migs_downed", 0.0))

    def words(self, several_days: bool) -> str:
        bits = []
        if self.raids:
            when = ""
            if several_days and self.days:
                first, last = min(self.days), max(self.days)
                when = f" ({short_date(first)}" + (
                    f" – {short_date(last)})" if last != first else ")"
                )
            bits.append(_plural(self.raids, "raid") + when)
            if self.before:
                was = sum(self.before.values()) / len(self.before)
                now = sum(self.after.values()) / len(self.after)
                bits.append(f"damage {was:.0f}% to {now:.0f}%")
        if self.lost or self.damaged:
            bits.append(f"{self.lost:.0f} lost, {self.damaged:.0f} damaged")
        if self.civilians >= 1:
            bits.append(f"about {self.civilians:,.0f} civilian casualties")
        if self.migs:
            bits.append(_plural(self.migs, "MiG") + " claimed")
        return "; ".join(bits) or "no raid got through"


def _targets_section(rules: Rules, events: list[Event], days: int) -> list[str]:
    by_target: dict[str, _Tally] = {}
    by_kind: dict[str, _Tally] = {}
    for ev in events:
        if ev.target in rules.targets and ev.category in TARGET_CATEGORIES:
            by_target.setdefault(ev.target, _Tally()).add(ev)
            by_kind.setdefault(rules.targets[ev.target].kind, _Tally()).add(ev)
    if not by_target:
        return []
    several = days > 1
    parts = [_heading("Targets")]
    for tid, tally in by_target.items():
        name = _linked_text(
            Event(events[0].day, Category.STRIKE, rules.targets[tid].name, cause="", target=tid),
            rules,
        )
        parts.append(f"• <b>{name}</b>: {esc(tally.words(several))}<br>{_why(tally.cause)}")
    parts.append(_heading("Target systems"))
    for kind, tally in sorted(by_kind.items(), key=lambda kv: -kv[1].raids):
        struck = len(tally.before)
        counted = f"{_plural(struck, 'target')} struck; " if struck else ""
        parts.append(f"• <b>{esc(kind_name(kind))}</b>: {esc(counted + tally.words(False))}<br>")
    return parts


def _pattern(ev: Event) -> str:
    """Events that differ only in their figures are one line in the summary."""
    return ev.category.value + re.sub(r"\d[\d,.]*", "#", ev.text)


def _summed_line(group: list[Event]) -> str:
    first = group[0]
    if len(group) == 1:
        return first.text
    span = f"{short_date(group[0].day)} – {short_date(group[-1].day)}"
    if first.category == Category.INTERDICTION and "cuts" in first.data:
        cuts = [float(ev.data.get("cuts", 0)) for ev in group]
        return (
            f"Armed reconnaissance cut the rail lines in {sum(cuts):,.0f} places over "
            f"{len(group)} days ({min(cuts):.0f}–{max(cuts):.0f} a day, {span})."
        )
    if first.category == Category.LOSSES and not first.target:
        lost = sum(_lost(ev)[0] for ev in group)
        return f"{_plural(lost, 'aircraft')} lost on armed reconnaissance over the rail lines ({span})."
    return f"{first.text} (and so on {len(group) - 1} more days, to {short_date(group[-1].day)})"


def _summary(session: GameSession, events: list[Event], days: int) -> list[str]:
    rules = session.rules
    parts = _targets_section(rules, events, days)
    rest = [
        ev
        for ev in events
        if not (ev.target in rules.targets and ev.category in TARGET_CATEGORIES)
        and not _not_flown(ev)
    ]
    grouped: dict[Category, dict[str, list[Event]]] = {}
    for ev in rest:
        grouped.setdefault(ev.category, {}).setdefault(_pattern(ev), []).append(ev)
    for cat in [*CATEGORY_HEADINGS, *(c for c in grouped if c not in CATEGORY_HEADINGS)]:
        groups = grouped.get(cat)
        if not groups:
            continue
        parts.append(_heading(CATEGORY_HEADINGS.get(cat, cat.value.capitalize())))
        for group in groups.values():
            ev = group[0]
            when = (
                f"<font color='{MUTED}'>{esc(short_date(ev.day))}</font>  "
                if days > 1 and len(group) == 1
                else ""
            )
            text = _linked_text(
                Event(ev.day, ev.category, _summed_line(group), cause=ev.cause, target=ev.target),
                rules,
            )
            parts.append(f"• {when}{text}{_read_more(ev)}<br>{_why(ev.cause)}")
    return parts


def _day_by_day(session: GameSession, events: list[Event]) -> list[str]:
    parts = []
    day = None
    for ev in events:
        if ev.day != day:
            day = ev.day
            parts.append(_heading(long_date(day)))
        heading = CATEGORY_HEADINGS.get(ev.category, ev.category.value.capitalize())
        parts.append(
            f"• <font color='{MUTED}'>{esc(heading)}</font>  "
            f"{_linked_text(ev, session.rules)}{_read_more(ev)}<br>{_why(ev.cause)}"
        )
    return parts


def report_html(
    session: GameSession,
    result: TurnResult,
    before: PlayerView,
    after: PlayerView,
    by_day: bool = False,
    *,
    pal: Palette,
) -> str:
    """The report as pygame_gui HTML: a summary by target, target system and kind of
    event, or (``by_day``) every event day by day; each with its cause."""
    days = int(result.report.get("days", 1) or 1)
    first = before.day
    last = first + timedelta(days=days - 1)  # the last day flown, not the next turn's first
    span = long_date(first) if days <= 1 else f"{short_date(first)} – {short_date(last)}"
    events = list(result.events)
    view_name = "day by day" if by_day else "summary"
    parts = [
        f"<font size=5><b>Turn {before.turn} report</b></font><br>"
        f"<font color='{MUTED}'>{esc(span)} · {days} day{'s' if days != 1 else ''} flown · "
        f"{view_name}</font><br><br>",
        *_cancellations(session.rules, [ev for ev in events if _not_flown(ev)], days, pal=pal),
        _delta(
            "Negotiation meter (estimate)", before.meter_estimate, after.meter_estimate, pal=pal
        ),
        " · ",
        _delta("World opinion", before.world_opinion, after.world_opinion, pal=pal),
        " · ",
        _delta("US patience", before.us_patience, after.us_patience, pal=pal),
        "<br>",
        f"Aircraft lost this turn: <b>{after.aircraft_lost - before.aircraft_lost}</b> · "
        f"civilian casualties reported: "
        f"<b>{after.civilian_casualties - before.civilian_casualties:,.0f}</b> · "
        f"rail cuts: <b>{after.rail_cuts - before.rail_cuts:,}</b><br>",
        *_meter_section(before, after, pal=pal),
    ]
    if not events:
        parts.append("<br><i>Nothing of note was reported.</i>")
    elif by_day:
        parts += _day_by_day(session, events)
    else:
        parts += _summary(session, events, days)
    return "".join(parts)


class ReportScene(OverlayScene):
    name = "report"

    def __init__(
        self, app: App, below: Scene, session: GameSession, result: TurnResult, before: PlayerView
    ) -> None:
        self.session = session
        self.result = result
        self.before = before
        self.beside_tutorial = app.tutorial is not None  # the report keeps its layout
        self.by_day = False
        super().__init__(app, below)
        if session.view.talks != before.talks:  # the talks opened, recessed or broke off
            app.sound.play("talks")

    def panel_rect(self, max_w: int = 980) -> pygame.Rect:
        rect = super().panel_rect(max_w)
        if self.beside_tutorial:  # leave room beside the report for the tutorial's prompt
            from game.ui.screens.tutorial_prompt import room_beside

            right = self.size[0] - room_beside(self.size)
            if rect.right > right:
                rect.w = min(rect.w, right - 20)
                rect.x = max(20, (right - rect.w) // 2)
        return rect

    def build(self) -> None:
        rect = self.panel_rect()
        after = self.session.view
        self.text = pygame_gui.elements.UITextBox(
            report_html(
                self.session, self.result, self.before, after, self.by_day, pal=self.app.palette
            ),
            pygame.Rect(rect.x + 20, rect.y + 20, rect.w - 40, rect.h - 100),
            self.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@plain"),
        )
        self.charts_button = self.button(
            pygame.Rect(rect.x + 20, rect.bottom - 68, 200, 48),
            "Charts of the war",
            self.open_charts,
            tooltip="The negotiation meter, opinion, power, supply and losses, turn by turn (G)",
        )
        self.day_button = self.button(
            pygame.Rect(rect.x + 230, rect.bottom - 68, 170, 48),
            "Summary" if self.by_day else "Day by day",
            self.toggle_days,
            tooltip="Switch between the turn's summary and every report day by day (D)",
        )
        label = "See how it ended" if self.session.over else "Continue planning"
        self.continue_button = self.button(
            pygame.Rect(rect.right - 260, rect.bottom - 68, 240, 48),
            label,
            self.close,
            tooltip="Close the report (Enter or Esc)",
            object_id="@primary",
        )

    def toggle_days(self) -> None:
        self.by_day = not self.by_day
        self.resize(self.size)
        self.app.dirty = True

    def open_charts(self) -> None:
        self.app.push(self.make("history", self, self.session))

    def close(self) -> None:
        if self.session.over:
            self.app.replace(self.make("end", self.below, self.session))
        else:
            self.app.pop()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_g:
            self.open_charts()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_d:
            self.toggle_days()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            open_encyclopedia(self.app, self, str(event.link_target))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            open_encyclopedia(self.app, self)
        elif event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
            pygame.K_SPACE,
        ):
            self.close()
