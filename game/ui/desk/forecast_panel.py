"""The Forecast tab (GAME.md §8): the current plan run many times on the player's
intelligence picture, shown as 10th–90th percentile ranges in plain words with a small
chart. The runs themselves are :mod:`game.ui.desk.forecasting`'s."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pygame
import pygame_gui

from game.core.forecast import Forecast, Range
from game.core.intel import PlayerView
from game.core.model import Rules
from game.core.orders import TurnOrders
from game.ui.desk.forecasting import with_draft
from game.ui.kit.style import STANDARD, Palette, font
from game.ui.kit.widgets import toggle_style
from game.ui.kit.words import esc

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

FORECASTING = "Forecasting…"
MUTED = "#b8ab87"
CHARTS = (
    (
        "damage",
        "Damage per target",
        "Bars: the 10th–90th percentile of each target's damage, the tick the likeliest value",
    ),
    (
        "losses",
        "Aircraft lost",
        "How often each number of aircraft lost came up in the "
        "runs, with the 10th, 50th and 90th percentiles marked",
    ),
)


def tick(desk: PlanningScene) -> bool:
    """Each frame: want the desk's current plan (with the package being built),
    collect results, refresh the tab. True while the forecast is outstanding."""
    pending = desk.plan.forecast_tick()
    tab = getattr(desk, "forecast_tab", None)
    if tab is not None:
        tab.refresh()
    return pending


# --------------------------------------------------------------------- words


def _n(value: float, signed: bool = False, decimals: int = 0) -> str:
    text = f"{value:+,.{decimals}f}" if signed else f"{value:,.{decimals}f}"
    return text.replace("-", "−")


def span(r: Range, unit: str = "", signed: bool = False, decimals: int = 0) -> str:
    """``55–96%, likely 84%``: the 10th to 90th percentile and the median."""
    lo, mid, hi = (_n(v, signed, decimals) for v in (r.p10, r.p50, r.p90))
    if lo == hi:
        return f"{mid}{unit}"
    if signed:
        return f"{lo}{unit} to {hi}{unit}, likely {mid}{unit}"
    return f"{lo}–{hi}{unit}, likely {mid}{unit}"


def standing_lines(rules: Rules, view: PlayerView, orders: TurnOrders | None) -> list[str]:
    """The standing tasks' shares of the sorties the packages leave, as the plan sets them."""
    if orders is None:
        return []
    st = orders.standing
    return [
        f"<b>Standing tasks</b>: interdiction {st.interdiction:.0%}, close support "
        f"{st.close_support:.0%} of the strike sorties left each day; barrier patrols "
        f"{st.air_superiority:.0%} of the spare fighters"
    ]


def forecast_lines(
    rules: Rules,
    view: PlayerView,
    fc: Forecast,
    orders: TurnOrders | None = None,
    pal: Palette = STANDARD,
) -> list[str]:
    """The forecast in plain words, one HTML line each (the tab's text)."""
    bad = pal.html("DANGER")
    lines = [f"<b>Aircraft lost</b>: {span(fc.losses_total)}"]
    for pid, r in fc.losses_by_pool.items():
        name = rules.pools[pid].name if pid in rules.pools else pid
        lines.append(f"&nbsp;&nbsp;{esc(name)}: {span(r)}")
    if fc.damage_by_target:
        lines.append("<b>Damage when the bombs have fallen</b>")
        for tid, r in fc.damage_by_target.items():
            name = rules.targets[tid].name if tid in rules.targets else tid
            lines.append(f"&nbsp;&nbsp;{esc(name)}: {span(r, '%')}")
    lines.append(f"<b>Civilian casualties</b>: {span(fc.civilian_casualties)}")
    meter = fc.meter_change
    decimals = 1 if max(abs(meter.p10), abs(meter.p90)) < 10 else 0
    lines.append(
        f"<b>Negotiation meter</b>: {span(meter, signed=True, decimals=decimals)} "
        f"<font color='{MUTED}'>(now about {view.meter_estimate:.0f})</font>"
    )
    for label, r in (
        ("World opinion", fc.world_opinion_change),
        ("US patience", fc.us_patience_change),
    ):
        reach = max(abs(r.p10), abs(r.p90))
        words = (
            "no change" if reach < 0.05 else span(r, signed=True, decimals=1 if reach < 10 else 0)
        )
        lines.append(f"<b>{label}</b>: {words}")
    lines += standing_lines(rules, view, orders)
    chance = fc.talks_disrupted * 100
    words = (
        "no chance"
        if chance == 0
        else f"{chance:.0f}% chance"
        if chance >= 1
        else "under 1% chance"
    )
    lines.append(f"<b>Talks disrupted</b>: {words}")
    for refusal in fc.refused:
        tid, _, reason = refusal.partition(": ")
        name = rules.targets[tid].name if tid in rules.targets else tid
        lines.append(f"<font color='{bad}'><b>Left out</b>: {esc(name)}: {esc(reason)}</font>")
    lines.append(
        f"<font color='{MUTED}'>10th–90th percentile of {fc.replications:,} runs of the turn "
        "on your intelligence picture, not the truth.</font>"
    )
    return lines


# --------------------------------------------------------------------- charts


def mark_labels(
    xs: list[tuple[float, str]], width_of: Callable[[str], int], chart_w: int, gap: int = 4
) -> list[tuple[float, str]]:
    """The percentile marks' labels, each at its left edge: marks too close for their
    labels share one ("10–50%") so no two labels overlap."""
    groups: list[list[tuple[float, str]]] = []
    for x, label in sorted(xs):
        if groups:
            centre = sum(p for p, _ in groups[-1]) / len(groups[-1])
            prev_right = centre + width_of(_joined(groups[-1])) / 2
            if x - width_of(label) / 2 < prev_right + gap:
                groups[-1].append((x, label))
                continue
        groups.append([(x, label)])
    while True:
        placed: list[tuple[float, str]] = []
        for group in groups:
            text = _joined(group)
            centre = sum(p for p, _ in group) / len(group)
            w = width_of(text)
            left = max(0.0, centre - w / 2)
            if placed:  # never onto the label before
                left = max(left, placed[-1][0] + width_of(placed[-1][1]) + gap)
            placed.append((min(left, chart_w - w), text))
        # Held back by the chart's right edge, a label can land on the one before: the
        # two share one label then.
        clash = next(
            (
                i
                for i in range(1, len(placed))
                if placed[i - 1][0] + width_of(placed[i - 1][1]) + gap > placed[i][0]
            ),
            None,
        )
        if clash is None:
            return placed
        groups[clash - 1 : clash + 1] = [groups[clash - 1] + groups[clash]]


def _joined(group: list[tuple[float, str]]) -> str:
    if len(group) == 1:
        return group[0][1]
    return f"{group[0][1].rstrip('%')}–{group[-1][1]}"


def _percentile_marks(
    surface: pygame.Surface, xs: list[tuple[float, str]], top: int, bottom: int, *, pal: Palette
) -> None:
    f = font(11)
    for x, _ in xs:
        pygame.draw.line(surface, pal.ACCENT, (x, top), (x, bottom), 1)
    for left, label in mark_labels(xs, lambda t: f.size(t)[0], surface.get_width()):
        surface.blit(f.render(label, True, pal.ACCENT), (round(left), top - 13))


def losses_chart(size: tuple[int, int], fc: Forecast, *, pal: Palette) -> pygame.Surface:
    """A histogram of the total aircraft lost over the runs."""
    surface = pygame.Surface(size)
    surface.fill(pal.BAR_BG)
    w, h = size
    samples = np.asarray(fc.samples.get("losses", np.zeros(1)), dtype=int)
    top, bottom, left, right = 18, h - 18, 8, w - 8
    hi = max(5, int(samples.max()))
    counts = np.bincount(samples, minlength=hi + 1)
    bins = len(counts)
    step = (right - left) / bins
    peak = max(1, int(counts.max()))
    for k, c in enumerate(counts):
        bar_h = round((bottom - top) * c / peak)
        rect = pygame.Rect(
            round(left + k * step) + 1, bottom - bar_h, max(1, round(step) - 2), bar_h
        )
        pygame.draw.rect(surface, pal.MUTED, rect)
    pygame.draw.line(surface, pal.PANEL_EDGE, (left, bottom), (right, bottom))
    r = fc.losses_total
    _percentile_marks(
        surface,
        [
            (left + (r.p10 + 0.5) * step, "10%"),
            (left + (r.p50 + 0.5) * step, "50%"),
            (left + (r.p90 + 0.5) * step, "90%"),
        ]
        if r.p10 != r.p90
        else [(left + (r.p50 + 0.5) * step, "10–90%")],
        top,
        bottom,
        pal=pal,
    )
    f = font(11)
    surface.blit(f.render("0", True, pal.TEXT), (left, bottom + 2))
    last = f.render(f"{hi} aircraft lost", True, pal.TEXT)
    surface.blit(last, (right - last.get_width(), bottom + 2))
    return surface


def bar_labels(
    rules: Rules, tids: list[str], f: pygame.font.Font, chart_w: int
) -> tuple[dict[str, str], int]:
    """The bars' names and their column's width: as wide as the longest name needs, up
    to half the chart (the bars keep the other half); only a name longer than that is
    shortened, its aside after a comma first, then with an ellipsis."""
    name_w = 0
    names = {}
    for tid in tids:
        names[tid] = rules.targets[tid].name if tid in rules.targets else tid
        name_w = max(name_w, f.size(names[tid])[0] + 8)
    name_w = min(name_w, chart_w // 2)
    for tid, name in names.items():
        if f.size(name)[0] > name_w - 6:
            name = name.split(", ")[0]
        while name and f.size(name)[0] > name_w - 6:
            name = name[:-2] + "…" if len(name) > 2 else ""
        names[tid] = name
    return names, name_w


def bar_rows(items: int, room: int, min_row: int) -> tuple[int, int]:
    """How many bars the damage chart shows and each row's height: rows never closer than
    ``min_row`` (the names would overlap); when not all fit, the last row says how many
    more there are."""
    fit = max(1, room // min_row)
    count = items if items <= fit else max(1, fit - 1)
    rows = count + (1 if count < items else 0)
    return count, max(min_row, min(24, room // rows))


def damage_chart(
    size: tuple[int, int], rules: Rules, fc: Forecast, *, pal: Palette
) -> pygame.Surface:
    """One horizontal bar per planned target: 10th–90th percentile, tick at the median."""
    surface = pygame.Surface(size)
    surface.fill(pal.BAR_BG)
    w, h = size
    items = list(fc.damage_by_target.items())
    f = font(12)
    if not items:
        img = f.render("No targets planned: nothing to damage.", True, pal.MUTED)
        surface.blit(img, img.get_rect(center=(w // 2, h // 2)))
        return surface
    count, row_h = bar_rows(len(items), h - 20, f.get_height() - 2)
    shown = items[:count]
    names, name_w = bar_labels(rules, [tid for tid, _ in shown], f, w)
    left, right = 8 + name_w, w - 10
    for i, (tid, r) in enumerate(shown):
        y = 4 + i * row_h
        name = names[tid]
        img = f.render(name, True, pal.TEXT)
        surface.blit(img, (8, y + (row_h - img.get_height()) // 2))
        bar = pygame.Rect(left, y + row_h // 4, right - left, max(4, row_h // 2))
        pygame.draw.rect(surface, pal.PANEL, bar)
        x10 = left + (right - left) * r.p10 / 100
        x90 = left + (right - left) * r.p90 / 100
        span_rect = pygame.Rect(round(x10), bar.y, max(2, round(x90 - x10)), bar.h)
        pygame.draw.rect(surface, pal.DANGER, span_rect)
        xm = round(left + (right - left) * r.p50 / 100)
        pygame.draw.line(surface, pal.TEXT, (xm, bar.y - 2), (xm, bar.bottom + 1), 2)
    if len(shown) < len(items):
        more = f.render(f"{len(items) - len(shown)} more in the list above", True, pal.MUTED)
        y = 4 + len(shown) * row_h
        surface.blit(more, (8, y + (row_h - more.get_height()) // 2))
    small = font(11)
    key = small.render("10–90%, | likely", True, pal.MUTED)
    surface.blit(key, (8, h - 15))
    for pct in (0, 50, 100):
        img = small.render(f"{pct}%", True, pal.MUTED)
        x = left + (right - left) * pct / 100 - img.get_width() / 2
        surface.blit(img, (min(max(left - 4, x), w - img.get_width()), h - 15))
    return surface


# --------------------------------------------------------------------- the tab


class ForecastTab:
    """The Forecast tab: status line, the figures in words, a chart and its chooser."""

    def __init__(self, desk: PlanningScene, rect: pygame.Rect) -> None:
        self.desk = desk
        self.rect = rect
        self.chart_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self._shown: object = None
        self._dots = -1
        self._build()

    def _build(self) -> None:
        pal = self.desk.app.palette
        desk, r = self.desk, self.rect
        x, y, w = r.x, r.y, r.w
        self.status = pygame_gui.elements.UILabel(
            pygame.Rect(x, y, w, 24),
            FORECASTING,
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@section"),
        )
        self.status.set_tooltip(
            "The plan on the Package and Plan tabs, flown many times on what your "
            "intelligence believes; it updates a moment after every change"
        )
        y += 28
        chart_h = max(110, min(220, r.h // 3))
        text_h = r.bottom - y - 8 - 30 - 6 - chart_h
        self.text = pygame_gui.elements.UITextBox(
            "",
            pygame.Rect(x, y, w, text_h),
            desk.manager,
            object_id=pygame_gui.core.ObjectID(class_id="@card"),
        )
        self.text.set_tooltip("Each figure: 10th–90th percentile, and the likeliest (median) value")
        y += text_h + 8
        bw = (w - 4) // 2
        for i, (key, label, tip) in enumerate(CHARTS):
            b = desk.button(
                pygame.Rect(x + i * (bw + 4), y, bw, 30),
                label,
                partial(self.set_chart, key),
                tooltip=f"Chart: {tip}",
                object_id="@toggle",
            )
            toggle_style(b, desk.plan.forecaster.chart == key)
            self.chart_buttons[key] = b
        y += 36
        self.chart_rect = pygame.Rect(x, y, w, chart_h)
        blank = pygame.Surface(self.chart_rect.size)
        blank.fill(pal.BAR_BG)
        self.chart = pygame_gui.elements.UIImage(self.chart_rect, blank, desk.manager)
        self.refresh()

    def set_chart(self, key: str) -> None:
        self.desk.plan.forecaster.chart = key
        for k, b in self.chart_buttons.items():
            toggle_style(b, k == key)
        self._shown = None
        self.refresh()
        self.desk.app.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        return False

    def refresh(self) -> None:
        """Show the current forecast, or "Forecasting…" while it is worked out."""
        pal = self.desk.app.palette
        forecaster = self.desk.plan.forecaster
        result = forecaster.result
        tip = next(t for k, _, t in CHARTS if k == forecaster.chart)
        if result is None:
            if forecaster.error:
                key: object = forecaster.error
                error = esc(forecaster.error)
                status, html = "Forecast", f"<font color='{pal.html('DANGER')}'>{error}</font>"
            else:
                dots = int(time.monotonic() * 3) % 3
                if self._shown == FORECASTING and dots == self._dots:
                    return
                self._dots = dots
                key = FORECASTING
                status = FORECASTING[:-1] + "." * (1 + dots)
                html = f"<font color='{MUTED}'>Running the plan {forecaster.replications:,} times…</font>"
            if self._shown == key and key != FORECASTING:
                return
            self._shown = key
            self.status.set_text(status)
            self.text.set_text(html)
            blank = pygame.Surface(self.chart_rect.size)
            blank.fill(pal.BAR_BG)
            self.chart.set_image(blank)
            self.chart.set_tooltip(f"Chart: {tip}")
            return
        if self._shown is result:
            return
        self._shown = result
        rules = self.desk.session.rules
        orders, drafted = with_draft(self.desk.orders, self.desk.plan.draft)
        n = len(orders.packages)
        building = ", one being built" if drafted else ""
        self.status.set_text(
            f"Forecast of this plan ({n} package{'' if n == 1 else 's'}{building})"
        )
        lines = forecast_lines(rules, self.desk.view, result, orders, pal)
        self.text.set_text("<br>".join(lines))
        if forecaster.chart == "losses":
            image = losses_chart(self.chart_rect.size, result, pal=pal)
        else:
            image = damage_chart(self.chart_rect.size, rules, result, pal=pal)
        self.chart.set_image(image)
        self.chart.set_tooltip(f"Chart: {tip}")
        self.desk.app.dirty = True
