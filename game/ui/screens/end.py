"""The after-action screen: how the war ended for this planner, the score, the true
figures beside the historical record, the campaign's charts, and the CSV of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.aar import Timeline, score_yardstick, timeline
from game.core.model import Outcome
from game.core.summary import summary
from game.ui.kit.record_table import (
    draw_key_figures,
    draw_record,
    figures_height,
    key_figures,
    record_height,
    record_rows,
)
from game.ui.kit.style import font, wrap
from game.ui.kit.words import OUTCOME_NAMES, SOURCE_KEY, long_date
from game.ui.scenes import OverlayScene, Scene, centred_rect
from game.ui.screens.chart_pages import draw_charts, export_message, grid_cells
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App

PAD = 28
HEADER_H = 96
FOOTER_H = 76
END_CHARTS = ("meter", "power", "aircraft_lost", "civilian_casualties")
EXTRA_CHARTS = ("world_opinion", "us_patience")
MIN_EXTRA_CHART_H = 180
FLAT = 5.0  # points: a power chart that moved less shows the front's supply instead


def end_charts(tl: Timeline) -> tuple[str, ...]:
    """The four charts beside the record; power gives way to supply where it never moved."""
    power = next(c for c in tl.charts if c.series.key == "power").lines[0].values
    moved = [v for v in power if v is not None]
    if moved and max(moved) - min(moved) < FLAT:
        return tuple("front_supply" if k == "power" else k for k in END_CHARTS)
    return END_CHARTS


def _by_parts(parts: tuple[str, ...], width: int) -> list[str]:
    """Join parts with " · ", breaking lines between parts rather than inside them."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and font(14).size(joined)[0] <= width:
            lines[-1] = joined
        else:
            lines.extend(wrap(part, font(14), width))
    return lines


class EndScene(OverlayScene):
    name = "end"

    def __init__(self, app: App, below: Scene, session: GameSession) -> None:
        self.session = session
        self.timeline = timeline(session.rules, session.state, reveal=True)
        self.mouse: tuple[int, int] | None = None
        self.message = ""
        self.blocks: list[tuple[str, pygame.Rect]] = []  # what was drawn where, last frame
        super().__init__(app, below)
        if session.state.outcome == Outcome.ARMISTICE:  # no fanfare for a recall or time out
            app.sound.play("armistice")

    def panel_rect(self, max_w: int = 1500) -> pygame.Rect:
        w, h = self.size
        return centred_rect(self.size, min(max_w, w - 80), min(920, h - 60))

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The figures and record on the left, the charts on the right."""
        p = self.panel_rect()
        top, bottom = p.y + HEADER_H, p.bottom - FOOTER_H
        left_w = max(520, (p.w - 2 * PAD - 32) * 9 // 20)
        left = pygame.Rect(p.x + PAD, top, left_w, bottom - top)
        right = pygame.Rect(left.right + 32, top, p.right - PAD - left.right - 32, bottom - top)
        return left, right

    def build(self) -> None:
        p = self.panel_rect()
        y = p.bottom - 62
        self.title_button = self.button(
            pygame.Rect(p.right - PAD - 200, y, 200, 44),
            "Back to title",
            self.app.to_title,
            tooltip="Return to the title screen (Enter)",
            object_id="@primary",
        )
        self.csv_button = self.button(
            pygame.Rect(p.right - PAD - 200 - 16 - 160, y, 160, 44),
            "Export CSV",
            self.export,
            tooltip="Write the turn history, as charted, to a CSV file for a spreadsheet",
            enabled=bool(len(self.timeline)),
        )
        self.charts_button = self.button(
            pygame.Rect(p.right - PAD - 200 - 32 - 320, y, 160, 44),
            "All charts",
            self.open_charts,
            tooltip="The seven charts of the war, turn by turn (C)",
        )

    def export(self) -> None:
        self.message = export_message(self.session, self.timeline)

    def open_charts(self) -> None:
        self.app.push(self.make("history", self, self.session))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_ESCAPE):
            self.app.to_title()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_c:
            self.open_charts()

    # -- drawing
    def draw_scene(self, surface: pygame.Surface) -> None:
        super().draw_scene(surface)
        self.blocks = []
        self._header(surface)
        left, right = self.columns()
        self._left(surface, left)
        self._charts(surface, right)
        self._message(surface)

    def _block(self, name: str, rect: pygame.Rect) -> None:
        self.blocks.append((name, rect))

    def _header(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        p = self.panel_rect()
        rules, state = self.session.rules, self.session.state
        row = summary(rules, state, "player", self.session.seed)
        outcome = OUTCOME_NAMES.get(row["outcome"], row["outcome"])
        ending = next((e for e in rules.endings if e.id == state.ending), None)
        # A scenario's own ending is the headline; the outcome it counts as comes first below.
        headline = ending.title if ending is not None else outcome
        headline = wrap(headline, font(28, bold=True), (p.w - 2 * PAD) // 2)[0]
        title = font(28, bold=True).render(headline, True, pal.TEXT)
        surface.blit(title, (p.x + PAD, p.y + 18))
        turns = row["turns_played"]
        end_day = state.end_date or state.day
        sub_parts = (
            *((outcome,) if ending is not None else ()),
            rules.name,
            f"{long_date(rules.start)} to {long_date(end_day)}",
            f"{turns} turn{'s' if turns != 1 else ''}",
        )
        score_img = font(28, bold=True).render(f"{round(row['score']):d}", True, pal.ACCENT)
        score_label = font(14).render("Score", True, pal.MUTED)
        sx = p.right - PAD - score_img.get_width()
        surface.blit(score_img, (sx, p.y + 18))
        surface.blit(score_label, (sx - score_label.get_width() - 10, p.y + 32))
        width = p.w - 2 * PAD
        yardstick = score_yardstick(rules, float(row["score"]))
        yard_w = 0
        if yardstick:  # the score alone has no scale: set it beside FEAF's own plan
            lines = wrap(yardstick, font(13), width * 9 // 20)[:2]
            line_h = font(13).get_linesize()
            for i, text in enumerate(lines):
                img = font(13).render(text, True, pal.TEXT)
                yard_w = max(yard_w, img.get_width())
                surface.blit(img, (p.right - PAD - img.get_width(), p.y + 56 + i * line_h))
        sub_w = width - yard_w - (24 if yard_w else 0)
        sub_h = font(14).get_linesize()
        sub_lines = _by_parts(sub_parts, sub_w)[:2]  # a long name and dates take two lines
        for i, text in enumerate(sub_lines):
            surface.blit(font(14).render(text, True, pal.MUTED), (p.x + PAD, p.y + 56 + i * sub_h))
        self._block("header", pygame.Rect(p.x + PAD, p.y + 18, width, 38 + len(sub_lines) * sub_h))

    def _heading(self, surface: pygame.Surface, text: str, x: int, y: int) -> int:
        pal = self.app.palette
        img = font(15, bold=True).render(text, True, pal.ACCENT)
        surface.blit(img, (x, y))
        return y + img.get_height() + 6

    def _left(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pal = self.app.palette
        rules, state = self.session.rules, self.session.state
        y = self._heading(surface, "The true figures at the end", rect.x, rect.y)
        figures = key_figures(rules, state)
        used = draw_key_figures(
            surface,
            pygame.Rect(rect.x, y, rect.w, figures_height(8)),
            figures,
            pal=self.app.palette,
        )
        self._block("figures", pygame.Rect(rect.x, rect.y, rect.w, y + used - rect.y))
        y += used + 18
        top = y
        y = self._heading(surface, "Beside the historical record", rect.x, y)
        rows = record_rows(rules, state)
        if not rows:
            img = font(13, italic=True).render(
                "This scenario gives no historical record.", True, pal.MUTED
            )
            surface.blit(img, (rect.x, y))
            y += img.get_height()
        else:
            y += draw_record(
                surface,
                pygame.Rect(rect.x, y, rect.w, record_height(rows, rect.w)),
                rows,
                pal=self.app.palette,
            )
            key = font(12).render(SOURCE_KEY, True, pal.MUTED)
            surface.blit(key, (rect.x, y + 2))
            y += key.get_height() + 2
        self._block("record", pygame.Rect(rect.x, top, rect.w, y - top))
        if rules.record and rules.record.summary:
            y += 8
            line_h = font(13, italic=True).get_linesize()
            lines = wrap(" ".join(rules.record.summary.split()), font(13, italic=True), rect.w)
            room = max(0, (rect.bottom - y) // line_h)
            if len(lines) > room:
                lines = lines[:room]
                if lines:
                    lines[-1] = lines[-1].rstrip(".,; ") + "…"
            for i, text in enumerate(lines):
                img = font(13, italic=True).render(text, True, pal.MUTED)
                surface.blit(img, (rect.x, y + i * line_h))
            if lines:
                self._block("summary", pygame.Rect(rect.x, y, rect.w, len(lines) * line_h))
            y += len(lines) * line_h
        if rect.bottom - y - 24 >= MIN_EXTRA_CHART_H:  # a large window: opinion too
            area = pygame.Rect(rect.x, y + 24, rect.w, rect.bottom - y - 24)
            cells = grid_cells(area, len(EXTRA_CHARTS), 2)
            draw_charts(
                surface,
                cells,
                self.timeline,
                EXTRA_CHARTS,
                self.mouse,
                self.panel_rect(),
                pal=self.app.palette,
            )
            self._block("opinion charts", area)

    def _charts(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pal = self.app.palette
        y = self._heading(surface, "Turn by turn", rect.x, rect.y)
        note = font(12).render("solid: the truth · dashed: your estimate", True, pal.MUTED)
        surface.blit(note, (rect.right - note.get_width(), rect.y + 3))
        area = pygame.Rect(rect.x, y + 4, rect.w, rect.bottom - y - 4)
        keys = end_charts(self.timeline)
        cells = grid_cells(area, len(keys), 2)
        draw_charts(
            surface, cells, self.timeline, keys, self.mouse, self.panel_rect(), pal=self.app.palette
        )
        self._block("charts", pygame.Rect(rect.x, rect.y, rect.w, rect.h))

    def _message(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        if not self.message:
            return
        p = self.panel_rect()
        x = p.x + PAD
        width = self.charts_button.get_abs_rect().x - x - 16
        line_h = font(13).get_linesize()
        lines = wrap(self.message, font(13), int(width))[:3]
        y = p.bottom - 40 - len(lines) * line_h // 2
        for i, text in enumerate(lines):
            surface.blit(font(13).render(text, True, pal.TEXT), (x, y + i * line_h))
        self._block("message", pygame.Rect(x, y, width, len(lines) * line_h))
