"""The player's campaign beside the historical record, and the key figures of the end,
drawn as small tables. Each function draws in a rectangle and returns the height used,
so the end screen can stack them and check that they fit."""

from __future__ import annotations

import pygame

from game.core.aar import campaign_figure
from game.core.model import GameState, Rules
from game.core.targets import cities_half_destroyed, power_destroyed_pct
from game.ui.kit.style import Palette, font, wrap

ROW_GAP = 5


def key_figures(rules: Rules, state: GameState) -> list[tuple[str, str]]:
    """The true figures at the end, in the order the player reads them."""
    return [
        ("Aircraft lost", f"{state.aircraft_lost:,}"),
        ("Civilian casualties", f"{state.civilian_casualties:,.0f}"),
        ("Power destroyed at the end", f"{power_destroyed_pct(rules, state):.0f}%"),
        ("Rail cuts", f"{state.rail_cuts:,}"),
        ("Main cities half destroyed", f"{cities_half_destroyed(rules, state)}"),
        ("Enemy's willingness to sign", f"{state.meter:.0f} of 100"),
        ("World opinion", f"{state.world_opinion:.0f} of 100"),
        ("US patience", f"{state.us_patience:.0f} of 100"),
    ]


def figures_height(count: int) -> int:
    return -(-count // 2) * (font(14).get_linesize() + 2)


def draw_key_figures(
    surface: pygame.Surface, rect: pygame.Rect, figures: list[tuple[str, str]], *, pal: Palette
) -> int:
    """Two columns of "label  value"; returns the height used."""
    col_w = (rect.w - 24) // 2
    line = font(14).get_linesize() + 2
    for i, (label, value) in enumerate(figures):
        x = rect.x + (i % 2) * (col_w + 24)
        y = rect.y + (i // 2) * line
        surface.blit(font(14).render(label, True, pal.MUTED), (x, y))
        img = font(14, bold=True).render(value, True, pal.TEXT)
        surface.blit(img, (x + col_w - img.get_width(), y))
    return figures_height(len(figures))


def record_rows(rules: Rules, state: GameState) -> list[tuple[str, str, str, str]]:
    """(what, the player's figure, the record's, its source tag) for each record line."""
    if rules.record is None:
        return []
    return [
        (f.label, campaign_figure(rules, state, f.metric) if f.metric else "—", f.record, f.source)
        for f in rules.record.figures
    ]


def _columns(width: int) -> tuple[int, int, int]:
    label_w = round(width * 0.28)
    yours_w = round(width * 0.22)
    return label_w, yours_w, width - label_w - yours_w


def _cells(row: tuple[str, str, str, str], width: int) -> list[list[str]]:
    label_w, yours_w, record_w = _columns(width)
    label, yours, record, source = row
    return [
        wrap(label, font(13), label_w - 10),
        wrap(yours, font(13, bold=True), yours_w - 10),
        wrap(f"{record} [{source}]", font(13), record_w),
    ]


def record_height(rows: list[tuple[str, str, str, str]], width: int) -> int:
    line = font(13).get_linesize()
    head = font(12, bold=True).get_linesize() + ROW_GAP
    return head + sum(max(len(c) for c in _cells(row, width)) * line + ROW_GAP for row in rows)


def draw_record(
    surface: pygame.Surface,
    rect: pygame.Rect,
    rows: list[tuple[str, str, str, str]],
    *,
    pal: Palette,
) -> int:
    """The comparison table; returns the height used."""
    label_w, yours_w, _ = _columns(rect.w)
    xs = (rect.x, rect.x + label_w, rect.x + label_w + yours_w)
    y = rect.y
    for x, head in zip(xs, ("", "Your campaign", "The historical record"), strict=True):
        surface.blit(font(12, bold=True).render(head, True, pal.ACCENT), (x, y))
    y += font(12, bold=True).get_linesize() + ROW_GAP
    line = font(13).get_linesize()
    for row in rows:
        pygame.draw.line(surface, pal.CHART_GRID, (rect.x, y - 3), (rect.right, y - 3))
        cells = _cells(row, rect.w)
        styles = ((font(13), pal.MUTED), (font(13, bold=True), pal.TEXT), (font(13), pal.TEXT))
        for x, lines, (fnt, colour) in zip(xs, cells, styles, strict=True):
            for i, text in enumerate(lines):
                surface.blit(fnt.render(text, True, colour), (x, y + i * line))
        y += max(len(c) for c in cells) * line + ROW_GAP
    return y - rect.y
