"""T on the planning desk: every target in one sortable table (click a column's title;
again to reverse), each row's Photo box asking reconnaissance for it, and a click on a
row planning a package on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.desk.plan_state import with_recon
from game.ui.desk.target_rows import COLUMNS, Column, TargetRow, target_rows
from game.ui.kit.panels import draw_tooltip
from game.ui.kit.style import font
from game.ui.scenes import OverlayScene

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.planning import PlanningScene

ROW_H = 22
HEAD_H = 26
PHOTO_W = 58
PAD = 20
TOP = 54  # title and the line under it
BOTTOM = 64  # the Close button's row


class TargetListScene(OverlayScene):
    name = "targets"

    def __init__(self, app: App, desk: PlanningScene) -> None:
        self.desk = desk
        self.rows: list[TargetRow] = target_rows(desk.session.rules, desk.view)
        self.sort_key = "value"
        self.reverse = True
        self.scroll = 0
        self.mouse = (0, 0)
        self._sorted()
        super().__init__(app, desk)

    # -- layout
    def panel_rect(self, max_w: int = 0) -> pygame.Rect:
        w, h = self.size
        want = sum(c.width for c in COLUMNS) + PHOTO_W + 2 * PAD
        rect = pygame.Rect(0, 0, min(want, w - 40), h - 40)
        rect.center = (w // 2, h // 2)
        return rect

    def table_rect(self) -> pygame.Rect:
        r = self.panel_rect()
        return pygame.Rect(r.x + PAD, r.y + TOP, r.w - 2 * PAD, r.h - TOP - BOTTOM)

    def build(self) -> None:
        r = self.panel_rect()
        self.add_close_button(
            (r.right - PAD, r.bottom - 12), "Back to the planning desk (T or Esc)", (140, 40)
        )

    def _columns(self) -> list[tuple[Column, pygame.Rect]]:
        """Each column's header rect; narrow windows squeeze the first columns."""
        t = self.table_rect()
        total = sum(c.width for c in COLUMNS) + PHOTO_W
        squeeze = min(1.0, t.w / total)
        x, out = t.x, []
        for c in COLUMNS:
            w = int(c.width * squeeze)
            out.append((c, pygame.Rect(x, t.y, w, HEAD_H)))
            x += w
        return out

    def photo_rect(self) -> pygame.Rect:
        t = self.table_rect()
        return pygame.Rect(t.right - PHOTO_W, t.y, PHOTO_W, HEAD_H)

    def visible_rows(self) -> int:
        return max(1, (self.table_rect().h - HEAD_H) // ROW_H)

    # -- sorting and rows
    def _sorted(self) -> None:
        column = next(c for c in COLUMNS if c.key == self.sort_key)
        by_name = sorted(self.rows, key=lambda r: r.name)
        self.rows = sorted(by_name, key=column.sort, reverse=self.reverse)  # type: ignore[arg-type]

    def sort_by(self, key: str) -> None:
        column = next(c for c in COLUMNS if c.key == key)
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = key, column.descending
        self._sorted()
        self.scroll = 0
        self.app.dirty = True

    def row_at(self, pos: tuple[int, int]) -> int | None:
        t = self.table_rect()
        if not t.collidepoint(pos) or pos[1] < t.y + HEAD_H:
            return None
        i = self.scroll + (pos[1] - t.y - HEAD_H) // ROW_H
        return i if 0 <= i < len(self.rows) and i < self.scroll + self.visible_rows() else None

    def toggle_photo(self, target_id: str) -> None:
        desk = self.desk
        asked = desk.plan.history.current.recon_targets
        if target_id in asked:
            asked = tuple(t for t in asked if t != target_id)
        else:
            asked = (*asked, target_id)
        desk.plan.history.push(with_recon(desk.plan.history.current, asked))
        desk.sync_actions()
        self.app.dirty = True

    # -- input
    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_t):
                self.app.pop()
            elif event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
                self._scroll(1 if event.key == pygame.K_DOWN else self.visible_rows())
            elif event.key in (pygame.K_UP, pygame.K_PAGEUP):
                self._scroll(-1 if event.key == pygame.K_UP else -self.visible_rows())
        elif event.type == pygame.MOUSEWHEEL:
            self._scroll(-3 * event.y)
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._click(event.pos)

    def _scroll(self, rows: int) -> None:
        top = max(0, len(self.rows) - self.visible_rows())
        self.scroll = max(0, min(top, self.scroll + rows))
        self.app.dirty = True

    def _click(self, pos: tuple[int, int]) -> None:
        for column, rect in self._columns():
            if rect.collidepoint(pos):
                self.sort_by(column.key)
                return
        i = self.row_at(pos)
        if i is None:
            return
        row = self.rows[i]
        if pos[0] >= self.photo_rect().x:
            self.toggle_photo(row.id)
            return
        self.app.pop()
        self.desk.pick_target(row.id)

    # -- drawing
    def draw_scene(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        super().draw_scene(surface)
        r = self.panel_rect()
        title = font(20, bold=True).render("Targets", True, pal.ACCENT)
        surface.blit(title, (r.x + PAD, r.y + 12))
        sub = (
            f"{len(self.rows)} targets · click a title to sort · click a row to plan a "
            "package on it · Photo: ask reconnaissance for it"
        )
        surface.blit(font(13).render(sub, True, pal.MUTED), (r.x + PAD + 100, r.y + 19))
        columns = self._columns()
        t = self.table_rect()
        head_font, row_font = font(13, bold=True), font(13)
        pygame.draw.line(
            surface, pal.PANEL_EDGE, (t.x, t.y + HEAD_H - 2), (t.right, t.y + HEAD_H - 2)
        )
        tip: list[tuple[str, bool]] | None = None
        for column, rect in columns:
            on = column.key == self.sort_key
            img = head_font.render(column.title, True, pal.ACCENT if on else pal.TEXT)
            surface.blit(img, (rect.x + 4, rect.y + 4))
            if on:  # a small triangle: down for the biggest first
                cx, cy = rect.x + 12 + img.get_width(), rect.y + 4 + img.get_height() // 2
                tri = (
                    [(cx - 4, cy - 2), (cx + 4, cy - 2), (cx, cy + 3)]
                    if self.reverse
                    else [(cx - 4, cy + 3), (cx + 4, cy + 3), (cx, cy - 2)]
                )
                pygame.draw.polygon(surface, pal.ACCENT, tri)
            if rect.collidepoint(self.mouse):
                tip = [(column.title, True), (column.tip, False), ("Click to sort", False)]
        photo = self.photo_rect()
        surface.blit(head_font.render("Photo", True, pal.TEXT), (photo.x + 4, photo.y + 4))
        if photo.collidepoint(self.mouse):
            tip = [
                ("Photo", True),
                ("Ask the photo reconnaissance for this target first (Tasks tab too)", False),
            ]
        asked = set(self.desk.plan.history.current.recon_targets)
        hover = self.row_at(self.mouse)
        clip = surface.get_clip()
        surface.set_clip(t)
        for n in range(self.visible_rows()):
            i = self.scroll + n
            if i >= len(self.rows):
                break
            row = self.rows[i]
            y = t.y + HEAD_H + n * ROW_H
            if i == hover:
                pygame.draw.rect(surface, pal.PANEL_EDGE, (t.x, y, t.w, ROW_H))
            for column, rect in columns:
                text = column.text(row)
                colour = pal.TEXT
                if column.key == "limits" and row.restriction == "forbidden":
                    colour = pal.DANGER
                elif column.key == "limits" and row.restriction == "burdened":
                    colour = pal.BURDEN
                while row_font.size(text)[0] > rect.w - 8 and len(text) > 3:
                    text = text[:-2] + "…"
                surface.blit(row_font.render(text, True, colour), (rect.x + 4, y + 3))
            box = pygame.Rect(photo.x + 18, y + 4, 14, 14)
            pygame.draw.rect(surface, pal.TEXT, box, 1)
            if row.id in asked:
                pygame.draw.rect(surface, pal.GOOD, box.inflate(-4, -4))
        surface.set_clip(clip)
        if len(self.rows) > self.visible_rows():
            shown = f"rows {self.scroll + 1}–{min(len(self.rows), self.scroll + self.visible_rows())} of {len(self.rows)} · wheel or arrows to scroll"
            img = font(13).render(shown, True, pal.MUTED)
            surface.blit(img, (r.x + PAD, r.bottom - 40))
        if tip is not None:
            draw_tooltip(surface, self.mouse, tip, r, pal=pal)
