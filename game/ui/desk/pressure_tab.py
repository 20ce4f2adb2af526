"""The Pressure tab: what moved the enemy's willingness to sign, as intelligence sees it.

Each cause of the meter's move (power, industry, supply, towns, rice, MiGs, the
front, time, the talks, face, opinion, events) comes from the player's view with its
error; the chart draws last turn's causes as bars with one standard deviation's
whiskers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.ui.desk.meter_words import cause_line, cause_name, ordered, signed, summed
from game.ui.kit.style import Palette, font

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

MUTED = "#b8ab87"
CHART_ROWS = 7  # the chart shows last turn's largest causes; the text lists them all


def pressure_html(view: PlayerView, threshold: float, *, pal: Palette) -> str:
    """The tab's text: the estimate, last turn's causes, and the war's so far."""
    lines = [
        f"<b>Willingness to sign</b>: about <b>{view.meter_estimate:.0f}</b> "
        f"± {view.meter_estimate_sd:.1f} of 100 "
        f"<font color='{MUTED}'>(an armistice needs about {threshold:.0f}, held)</font>"
    ]
    if not view.meter_causes:
        lines.append(
            f"<font color='{MUTED}'>No turn flown yet: what moved the enemy shows here after "
            "the first report.</font>"
        )
        return "<br>".join(lines)
    last = view.meter_causes[-1]
    moved = sum(p for p, _ in last.values())
    error = sum(e * e for _, e in last.values()) ** 0.5
    lines.append(f"<br><b>Last turn</b>: {signed(moved)} ± {error:.1f}, by cause:")
    lines += [f"&nbsp;&nbsp;{cause_line(c, p, e, pal=pal)}" for c, p, e in ordered(last)]
    turns = len(view.meter_causes)
    if turns > 1:
        lines.append(f"<br><b>Since the start</b> ({turns} turns), by cause:")
        lines += [
            f"&nbsp;&nbsp;{cause_line(c, p, e, pal=pal)}"
            for c, p, e in ordered(summed(view.meter_causes))
        ]
    lines.append(
        f"<br><font color='{MUTED}'>Estimates from photographs, agents and prisoners, not "
        "the truth: each ± is one standard deviation. Green pushes the enemy toward terms, "
        "red lets it wait.</font>"
    )
    return "<br>".join(lines)


def causes_chart(size: tuple[int, int], view: PlayerView, *, pal: Palette) -> pygame.Surface:
    """Last turn's causes as bars from zero, with whiskers of one standard deviation."""
    surface = pygame.Surface(size)
    surface.fill(pal.BAR_BG)
    w, h = size
    f = font(12)
    rows = ordered(view.meter_causes[-1])[:CHART_ROWS] if view.meter_causes else []
    if not rows:
        img = f.render("No turn flown yet.", True, pal.MUTED)
        surface.blit(img, img.get_rect(center=(w // 2, h // 2)))
        return surface
    names = {c: cause_name(c) for c, _, _ in rows}
    name_w = min(w // 2, max(f.size(n)[0] for n in names.values()) + 12)
    for cause, name in names.items():
        while name and f.size(name)[0] > name_w - 12:
            name = name[:-2] + "…"
        names[cause] = name
    left, right = name_w, w - 10
    reach = max(max(abs(p) + e for _, p, e in rows), 0.1)
    zero = (left + right) // 2
    scale = (right - left) / 2 / reach
    row_h = max(f.get_height(), min(24, (h - 22) // len(rows)))
    for i, (cause, points, error) in enumerate(rows):
        y = 4 + i * row_h
        img = f.render(names[cause], True, pal.TEXT)
        surface.blit(img, (6, y + (row_h - img.get_height()) // 2))
        x = zero + points * scale
        bar = pygame.Rect(
            min(zero, round(x)), y + row_h // 4, max(2, round(abs(x - zero))), row_h // 2
        )
        pygame.draw.rect(surface, pal.GOOD if points > 0 else pal.DANGER, bar)
        mid = bar.centery
        lo, hi = round(zero + (points - error) * scale), round(zero + (points + error) * scale)
        pygame.draw.line(surface, pal.TEXT, (lo, mid), (hi, mid), 1)
        for end in (lo, hi):
            pygame.draw.line(surface, pal.TEXT, (end, mid - 3), (end, mid + 3), 1)
    pygame.draw.line(surface, pal.PANEL_EDGE, (zero, 2), (zero, h - 18), 1)
    small = font(11)
    for value, x in ((-reach, left), (0.0, zero), (reach, right)):
        img = small.render(signed(value) if value else "0", True, pal.MUTED)
        surface.blit(img, (min(max(0, x - img.get_width() // 2), w - img.get_width()), h - 15))
    return surface


class PressureTab:
    """The estimate and its causes in words, and last turn's causes in a chart."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        pal = desk.app.palette
        self.desk = desk
        self.rect = rect
        view, rules = desk.view, desk.session.rules
        x, y, w = rect.x, rect.y, rect.w
        self.status = pygame_gui.elements.UILabel(
            pygame.Rect(x, y, w, 24),
            "What moves the enemy (your estimate)",
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@section"),
        )
        self.status.set_tooltip(
            "The enemy's willingness to sign and what moved it, as your intelligence "
            "estimates them from each turn's reports"
        )
        y += 28
        rows = len(ordered(view.meter_causes[-1])[:CHART_ROWS]) if view.meter_causes else 1
        chart_h = max(60, min(rows * 24 + 24, rect.h // 3))  # as tall as its bars need
        text_h = rect.bottom - y - 8 - chart_h
        self.text = pygame_gui.elements.UITextBox(
            pressure_html(view, rules.meter.threshold, pal=pal),
            pygame.Rect(x, y, w, text_h),
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@card"),
        )
        y += text_h + 8
        self.chart_rect = pygame.Rect(x, y, w, chart_h)
        self.chart = pygame_gui.elements.UIImage(
            self.chart_rect, causes_chart(self.chart_rect.size, view, pal=pal), desk.manager
        )
        self.chart.set_tooltip(
            "Last turn's largest causes: bars from zero, whiskers one standard deviation"
        )

    def handle(self, event: pygame.event.Event) -> bool:
        return False
