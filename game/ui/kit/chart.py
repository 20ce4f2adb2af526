"""A small line chart drawn with pygame: title and unit, y and date ticks, a legend,
each line's last value at its end, and the values under the mouse.

Truth is a solid line with round markers, the planner's estimate a dashed line with
square ones, so the two can be told apart without their colours.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date

import pygame

from game.core.aar import Chart, Line
from game.ui.kit.panels import draw_tooltip
from game.ui.kit.style import Color, Palette, font

# The palette field of each series: each palette gives its own colour.
SERIES_COLOURS = {
    "meter": "SERIES_METER",
    "world_opinion": "SERIES_OPINION",
    "us_patience": "SERIES_PATIENCE",
    "power": "SERIES_POWER",
    "front_supply": "SERIES_SUPPLY",
    "aircraft_lost": "SERIES_LOSSES",
    "civilian_casualties": "SERIES_CASUALTIES",
}
MAX_MARKERS = 24  # more points than this get a marker only every few turns
DASH, GAP = 6, 4


def line_colour(chart: Chart, line: Line, *, pal: Palette) -> Color:
    """The series' own colour; an estimate beside the truth takes the estimate colour."""
    if line.estimate and len(chart.lines) > 1:
        return pal.SERIES_ESTIMATE
    colour: Color = pal.colour(SERIES_COLOURS.get(chart.series.key, "TEXT"))
    return colour


def nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value - 1e-9:
            return float(step * power)
    return 10.0 * power


def y_axis(chart: Chart) -> tuple[float, float]:
    """The axis top and the step between its ticks: 0-100 by 25 for the gauges."""
    values = [v for ln in chart.lines for v in ln.values if v is not None]
    top = max(values, default=0.0)
    if chart.series.percent_scale and top <= 100:
        return 100.0, 25.0
    step = nice_step(max(top, 1.0) / 4)
    if chart.series.decimals == 0:
        step = max(1.0, math.ceil(step))
    return step * max(1, math.ceil(top / step - 1e-9)), step


def tick_label(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def format_value(chart: Chart, value: float) -> str:
    return f"{value:,.{chart.series.decimals}f}"


def date_label(day: date, span_days: int) -> str:
    if span_days <= 92:
        return f"{day.day} {day.strftime('%b')}"
    return f"{day.strftime('%b')} {day.year % 100:02d}"


@dataclass(frozen=True)
class ChartGeometry:
    """Where a chart's parts go inside its rectangle (kept for hover and tests)."""

    title: pygame.Rect
    legend: pygame.Rect
    plot: pygame.Rect

    def x_of(self, index: int, count: int) -> float:
        if count <= 1:
            return float(self.plot.centerx)
        return self.plot.x + self.plot.w * index / (count - 1)


def needs_legend(chart: Chart) -> bool:
    return len(chart.lines) > 1 or any(ln.estimate for ln in chart.lines)


def legend_width(chart: Chart) -> int:
    return sum(28 + font(12).size(ln.label)[0] + 16 for ln in chart.lines) - 16


def layout(rect: pygame.Rect, chart: Chart, top: float) -> ChartGeometry:
    """Title; the unit with the legend beside it, or below it when both do not fit. Every
    chart keeps the legend's row, so charts side by side line up."""
    title_h = font(14, bold=True).get_height()
    row_h = font(12).get_height() + 2
    unit_w = font(12).size(chart.series.unit)[0]
    legend_rows = 0 if unit_w + 24 + legend_width(chart) <= rect.w else 1
    tick_w = max(font(11).size(tick_label(v))[0] for v in (0.0, top)) + 8
    labels = [format_value(chart, v) for ln in chart.lines for v in ln.values if v is not None]
    end_w = max((font(11, bold=True).size(t)[0] for t in labels), default=0) + 8
    x_label_h = font(11).get_height() + 4
    legend_y = rect.y + title_h + 2 + legend_rows * row_h
    plot_top = rect.y + title_h + 2 + 2 * row_h + 6
    plot = pygame.Rect(
        rect.x + tick_w,
        plot_top,
        max(10, rect.w - tick_w - end_w),
        max(10, rect.bottom - x_label_h - plot_top),
    )
    legend = pygame.Rect(rect.x, legend_y, rect.w, row_h if needs_legend(chart) else 0)
    return ChartGeometry(pygame.Rect(rect.x, rect.y, rect.w, title_h), legend, plot)


def _dashed(surface: pygame.Surface, colour: Color, points: list[tuple[float, float]]) -> None:
    on, left = True, float(DASH)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            if on:
                a, b = pos / length, (pos + step) / length
                pygame.draw.line(
                    surface,
                    colour,
                    (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                    2,
                )
            pos += step
            left -= step
            if left <= 0:
                on = not on
                left = float(DASH if on else GAP)


def _marker(
    surface: pygame.Surface,
    colour: Color,
    at: tuple[float, float],
    estimate: bool,
    r: int = 3,
    *,
    pal: Palette,
) -> None:
    x, y = round(at[0]), round(at[1])
    if estimate:
        box = pygame.Rect(0, 0, 2 * r + 1, 2 * r + 1)
        box.center = (x, y)
        pygame.draw.rect(surface, pal.PANEL, box)
        pygame.draw.rect(surface, colour, box, 2)
    else:
        pygame.draw.circle(surface, colour, (x, y), r + 1)


def _legend(surface: pygame.Surface, geo: ChartGeometry, chart: Chart, *, pal: Palette) -> None:
    x = geo.legend.right - legend_width(chart)
    cy = geo.legend.centery
    for line in chart.lines:
        colour = line_colour(chart, line, pal=pal)
        if line.estimate:
            _dashed(surface, colour, [(x, cy), (x + 22, cy)])
        else:
            pygame.draw.line(surface, colour, (x, cy), (x + 22, cy), 2)
        _marker(surface, colour, (x + 11, cy), line.estimate, pal=pal)
        img = font(12).render(line.label, True, pal.TEXT)
        surface.blit(img, (x + 28, cy - img.get_height() // 2))
        x += 28 + img.get_width() + 16


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    chart: Chart,
    dates: tuple[date, ...],
    mouse: tuple[int, int] | None = None,
    bounds: pygame.Rect | None = None,
    *,
    pal: Palette,
) -> int | None:
    """Draw ``chart`` in ``rect``; returns the turn index under ``mouse``, if any."""
    top, step = y_axis(chart)
    geo = layout(rect, chart, top)
    plot, count = geo.plot, len(dates)
    title = font(14, bold=True).render(chart.title, True, pal.ACCENT)
    surface.blit(title, geo.title.topleft)
    unit = font(12).render(chart.series.unit, True, pal.MUTED)
    surface.blit(unit, (rect.x, geo.title.bottom + 2))
    if needs_legend(chart):
        _legend(surface, geo, chart, pal=pal)

    def y_of(value: float) -> float:
        return plot.bottom - plot.h * value / top

    for i in range(round(top / step) + 1):  # gridlines and y ticks
        value = step * i
        y = round(y_of(value))
        pygame.draw.line(surface, pal.CHART_GRID, (plot.x, y), (plot.right, y))
        img = font(11).render(tick_label(value), True, pal.MUTED)
        surface.blit(img, (plot.x - img.get_width() - 6, y - img.get_height() // 2))
    pygame.draw.line(surface, pal.CHART_AXIS, plot.bottomleft, plot.bottomright)
    pygame.draw.line(surface, pal.CHART_AXIS, plot.topleft, plot.bottomleft)

    if count:
        span = (dates[-1] - dates[0]).days
        ticks = sorted({round(k * (count - 1) / 4) for k in range(5)}) if count > 1 else [0]
        last_right = -1_000
        for index in ticks:
            x = round(geo.x_of(index, count))
            pygame.draw.line(surface, pal.CHART_AXIS, (x, plot.bottom), (x, plot.bottom + 3))
            img = font(11).render(date_label(dates[index], span), True, pal.MUTED)
            left = min(max(x - img.get_width() // 2, rect.x), rect.right - img.get_width())
            if left > last_right + 12:
                surface.blit(img, (left, plot.bottom + 4))
                last_right = left + img.get_width()

    every = max(1, math.ceil(count / MAX_MARKERS))
    end_labels: list[tuple[float, pygame.Surface]] = []
    for line in chart.lines:
        colour = line_colour(chart, line, pal=pal)
        run: list[tuple[float, float]] = []
        runs = []
        for i, v in enumerate(line.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((geo.x_of(i, count), y_of(v)))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                if line.estimate:
                    _dashed(surface, colour, points)
                else:
                    pygame.draw.lines(surface, colour, False, points, 2)
        for i, v in enumerate(line.values):
            if v is not None and (i % every == 0 or i == count - 1):
                _marker(surface, colour, (geo.x_of(i, count), y_of(v)), line.estimate, pal=pal)
        last = next((v for v in reversed(line.values) if v is not None), None)
        if last is not None:
            img = font(11, bold=True).render(format_value(chart, last), True, colour)
            end_labels.append((y_of(last), img))
    _end_labels(surface, plot, end_labels)

    return _hover(surface, geo, chart, dates, mouse, bounds or rect, pal=pal)


def _end_labels(
    surface: pygame.Surface, plot: pygame.Rect, labels: list[tuple[float, pygame.Surface]]
) -> None:
    """Each line's last value just right of its end, stacked apart when they would touch
    and kept beside the plot."""
    boxes: list[tuple[pygame.Rect, pygame.Surface]] = []
    for y, img in sorted(labels, key=lambda item: item[0]):
        box = img.get_rect(midleft=(plot.right + 5, round(y)))
        if boxes and box.top < boxes[-1][0].bottom:
            box.top = boxes[-1][0].bottom
        boxes.append((box, img))
    if boxes:
        excess = max(0, boxes[-1][0].bottom - (plot.bottom + 8))
        shift = min(excess, max(0, boxes[0][0].top - (plot.y - 8)))
        for box, img in boxes:
            surface.blit(img, box.move(0, -shift))


def hover_index(geo: ChartGeometry, count: int, mouse: tuple[int, int] | None) -> int | None:
    if mouse is None or not count or not geo.plot.inflate(12, 12).collidepoint(mouse):
        return None
    if count == 1:
        return 0
    frac = (mouse[0] - geo.plot.x) / max(1, geo.plot.w)
    return min(count - 1, max(0, round(frac * (count - 1))))


def _hover(
    surface: pygame.Surface,
    geo: ChartGeometry,
    chart: Chart,
    dates: tuple[date, ...],
    mouse: tuple[int, int] | None,
    bounds: pygame.Rect,
    *,
    pal: Palette,
) -> int | None:
    index = hover_index(geo, len(dates), mouse)
    if index is None or mouse is None:
        return None
    x = round(geo.x_of(index, len(dates)))
    pygame.draw.line(surface, pal.CHART_AXIS, (x, geo.plot.y), (x, geo.plot.bottom))
    day = dates[index]
    lines: list[tuple[str, bool]] = [(f"{day.day} {day.strftime('%B')} {day.year}", True)]
    for line in chart.lines:
        value = line.values[index]
        words = "no figure" if value is None else format_value(chart, value)
        before = line.values[index - 1] if index > 0 else 0.0
        if value is not None and before is not None and not chart.series.percent_scale:
            words += f" (+{format_value(chart, value - before)} this turn)"  # totals to date
        name = chart.title if len(chart.lines) == 1 and not line.estimate else line.label
        lines.append((f"{name}: {words}", False))
    draw_tooltip(surface, mouse, lines, bounds, pal=pal)
    return index
