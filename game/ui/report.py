"""The turn report: what happened and why, grouped by kind, in plain words."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.events import Category, Event
from game.core.intel import PlayerView
from game.core.model import Rules
from game.core.turn import TurnResult
from game.ui.overlay import OverlayScene
from game.ui.scenes import Scene
from game.ui.session import GameSession
from game.ui.style import html_colour
from game.ui.words import CATEGORY_HEADINGS, esc, long_date, short_date

if TYPE_CHECKING:
    from game.ui.app import App

MUTED = "#b8ab87"
MAX_PER_CATEGORY = 12  # a weekly turn can report dozens; the rest are counted


def _delta(label: str, before: float, after: float) -> str:
    d = round(after) - round(before)
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    colour = html_colour("GOOD") if d > 0 else html_colour("DANGER") if d < 0 else MUTED
    return f"{esc(label)}: <b>{round(after)}</b> <font color='{colour}'>({sign}{abs(d)})</font>"


def _read_more(ev: Event) -> str:
    """A link to the encyclopedia's article on a scenario event or a restriction card."""
    from game.ui.encyclopedia import encyclopedia

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
    from game.ui.encyclopedia import encyclopedia

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


def report_html(
    session: GameSession, result: TurnResult, before: PlayerView, after: PlayerView
) -> str:
    """The report as pygame_gui HTML; every event with its cause."""
    days = int(result.report.get("days", 1) or 1)
    first = before.day
    last = first + timedelta(days=days - 1)  # the last day flown, not the next turn's first
    span = long_date(first) if days <= 1 else f"{short_date(first)} – {short_date(last)}"
    parts = [
        f"<font size=5><b>Turn {before.turn} report</b></font><br>"
        f"<font color='{MUTED}'>{esc(span)} · {days} day{'s' if days != 1 else ''} flown</font><br><br>",
        _delta("Negotiation meter (estimate)", before.meter_estimate, after.meter_estimate),
        " · ",
        _delta("World opinion", before.world_opinion, after.world_opinion),
        " · ",
        _delta("US patience", before.us_patience, after.us_patience),
        "<br>",
        f"Aircraft lost this turn: <b>{after.aircraft_lost - before.aircraft_lost}</b> · "
        f"civilian casualties reported: "
        f"<b>{after.civilian_casualties - before.civilian_casualties:,.0f}</b> · "
        f"rail cuts: <b>{after.rail_cuts - before.rail_cuts:,}</b><br>",
    ]
    grouped: dict[Category, list[Event]] = {}
    for ev in result.events:
        grouped.setdefault(ev.category, []).append(ev)
    if not result.events:
        parts.append("<br><i>Nothing of note was reported.</i>")
    for cat in [*CATEGORY_HEADINGS, *(c for c in grouped if c not in CATEGORY_HEADINGS)]:
        events = grouped.get(cat)
        if not events:
            continue
        heading = CATEGORY_HEADINGS.get(cat, cat.value.capitalize())
        parts.append(f"<br><font color='#d8c27a' size=4.5><b>{esc(heading)}</b></font><br>")
        for ev in events[:MAX_PER_CATEGORY]:
            when = f"<font color='{MUTED}'>{esc(short_date(ev.day))}</font>  " if days > 1 else ""
            parts.append(
                f"• {when}{_linked_text(ev, session.rules)}{_read_more(ev)}<br>"
                f"<font color='{MUTED}'>    <i>why: {esc(ev.cause)}</i></font><br>"
            )
        if len(events) > MAX_PER_CATEGORY:
            parts.append(
                f"<font color='{MUTED}'><i>… and {len(events) - MAX_PER_CATEGORY} more</i></font><br>"
            )
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
        super().__init__(app, below)
        if session.view.talks != before.talks:  # the talks opened, recessed or broke off
            app.sound.play("talks")

    def panel_rect(self, max_w: int = 980) -> pygame.Rect:
        rect = super().panel_rect(max_w)
        if self.beside_tutorial:  # leave room beside the report for the tutorial's prompt
            from game.ui.tutorial_prompt import room_beside

            right = self.size[0] - room_beside(self.size)
            if rect.right > right:
                rect.w = min(rect.w, right - 20)
                rect.x = max(20, (right - rect.w) // 2)
        return rect

    def build(self) -> None:
        rect = self.panel_rect()
        after = self.session.view
        self.text = pygame_gui.elements.UITextBox(
            report_html(self.session, self.result, self.before, after),
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
        label = "See how it ended" if self.session.over else "Continue planning"
        self.continue_button = self.button(
            pygame.Rect(rect.right - 260, rect.bottom - 68, 240, 48),
            label,
            self.close,
            tooltip="Close the report (Enter or Esc)",
            object_id="@primary",
        )

    def open_charts(self) -> None:
        from game.ui.history_view import HistoryScene

        self.app.push(HistoryScene(self.app, self, self.session))

    def close(self) -> None:
        if self.session.over:
            from game.ui.end import EndScene

            self.app.replace(EndScene(self.app, self.below, self.session))
        else:
            self.app.pop()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_g:
            self.open_charts()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            from game.ui.encyclopedia import open_encyclopedia

            open_encyclopedia(self.app, self, str(event.link_target))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            from game.ui.encyclopedia import open_encyclopedia

            open_encyclopedia(self.app, self)
        elif event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
            pygame.K_SPACE,
        ):
            self.close()
