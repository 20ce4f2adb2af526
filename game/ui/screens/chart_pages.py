"""Charts laid out on a page, and the CSV of their figures: the history and end screens
share them."""

from __future__ import annotations

import pygame

from game.core.aar import Timeline
from game.ui.kit.chart import draw_chart
from game.ui.kit.style import Palette, font
from game.ui.session import GameSession

GAP = 18  # between charts


def grid_cells(rect: pygame.Rect, count: int, cols: int) -> list[pygame.Rect]:
    """``count`` equal cells in ``cols`` columns filling ``rect`` with gaps between."""
    rows = -(-count // cols)
    w = (rect.w - GAP * (cols - 1)) // cols
    h = (rect.h - GAP * (rows - 1)) // rows
    return [
        pygame.Rect(rect.x + (i % cols) * (w + GAP), rect.y + (i // cols) * (h + GAP), w, h)
        for i in range(count)
    ]


def draw_charts(
    surface: pygame.Surface,
    cells: list[pygame.Rect],
    tl: Timeline,
    keys: tuple[str, ...] | None,
    mouse: tuple[int, int] | None,
    bounds: pygame.Rect,
    *,
    pal: Palette,
) -> None:
    """The charts named by ``keys`` (all when None), one per cell, in order."""
    by_key = {c.series.key: c for c in tl.charts}
    charts = list(tl.charts) if keys is None else [by_key[k] for k in keys]
    if not len(tl):
        img = font(15, italic=True).render("No turn has been flown yet.", True, pal.MUTED)
        surface.blit(img, img.get_rect(center=cells[0].union(cells[-1]).center))
        return
    for cell, chart in zip(cells, charts, strict=False):
        draw_chart(surface, cell, chart, tl.dates, pal=pal)
    # Tooltips go last, above every chart, so a neighbour never covers one.
    for cell, chart in zip(cells, charts, strict=False):
        if mouse is not None and cell.collidepoint(mouse):
            draw_chart(surface, cell, chart, tl.dates, mouse, bounds, pal=pal)


def export_message(session: GameSession, tl: Timeline) -> str:
    """Write the CSV of ``tl``; the words telling the player where, or why not."""
    from game.save.exports import export_history, exports_dir

    try:
        path = export_history(session.rules, session.state, tl.revealed)
    except OSError as exc:  # the player needs the folder to put it right
        return f"The CSV could not be written to {exports_dir()}: {exc.strerror or exc}"
    return f"Turn history written to {path}"
