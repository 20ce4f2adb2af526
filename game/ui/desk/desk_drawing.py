"""What the planning desk draws around its widgets: the map with the plan's rings, the
status bar and hint, the side panel's heading and messages, the "Enemy turn" banner and
the tooltips. Drawing reads the desk and never changes the game."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from game.ui.desk.plan_state import short_name
from game.ui.desk.status_bar import draw_status_bar
from game.ui.kit.panels import BAR_H, PAD, draw_tooltip, tooltip_lines
from game.ui.kit.style import font, text, wrap
from game.ui.kit.words import short_date
from game.ui.map import naval_areas
from game.ui.map.overlays import draw_map_key

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

LEGEND_KINDS_ORDER = (
    "city",
    "hydro_plant",
    "thermal_plant",
    "airfield",
    "rail_bridge",
    "dam",
    "marshalling_yard",
    "industrial_complex",
)
HINT = "Click a target to plan a strike · drag: move · wheel: zoom · F1: keys"


def draw_desk(desk: PlanningScene, surface: pygame.Surface) -> None:
    pal = desk.app.palette
    view, rules, map_view = desk.view, desk.session.rules, desk.map
    map_view.place_names = desk.app.settings.place_names
    map_view.hangul_names = desk.app.settings.hangul_names
    map_view.keep_clear = names_keep_clear(desk)
    native = desk.app.native if surface is desk.app.screen else None
    map_view.draw(surface, view, desk.hover, pal, native)
    naval_areas.draw_area_names(surface, rules, map_view, map_view.keep_clear)
    _draw_plan_marks(desk, surface)
    if desk.show_legend:
        kinds = {rules.targets[t].kind for t in view.active_targets}
        ordered = [k for k in LEGEND_KINDS_ORDER if k in kinds]
        corner = (map_view.rect.x + 12, map_view.rect.bottom - 12)
        draw_map_key(surface, corner, ordered, map_view.overlays, pal, native)
    bar = pygame.Rect(map_view.rect.x, map_view.rect.y, map_view.rect.w, BAR_H)
    status_tips = draw_status_bar(surface, bar, rules, desk.status_view or view, pal=pal)
    _draw_hint(desk, surface, bar.bottom + 8)
    desk.extras.draw(surface)
    _draw_panel(desk, surface)
    if desk.plan_tab is not None:
        desk.plan_tab.draw(surface)
    if desk.session.busy:
        _draw_banner(desk, surface)
    elif desk.app.scene is not desk:
        pass  # a dialog is open over the desk: no tooltip shows behind it
    elif desk.hover is not None and not desk.dragging:
        bounds = desk.extras.tip_bounds(desk.mouse)
        if bounds is not None:
            lines = tooltip_lines(rules, view, desk.hover)
            lines.append(("Click: plan a package on it · right-click or I: details", False))
            others = [t for t in desk.input.targets_near(desk.hover) if t != desk.hover]
            if others:  # a town and its bridges on one spot
                names = ", ".join(short_name(rules, t) for t in others)
                lines.append((f"Also here: {names} (a second click picks it)", False))
            draw_tooltip(surface, desk.mouse, lines, bounds, pal=pal)
    else:
        for rect, tip in status_tips:
            if rect.collidepoint(desk.mouse):
                draw_tooltip(surface, desk.mouse, tip, map_view.rect, pal=pal)
                break
        else:
            _draw_sea_tip(desk, surface)


def _draw_sea_tip(desk: PlanningScene, surface: pygame.Surface) -> None:
    """Over a carrier operating area (no target near): what the area is."""
    pal = desk.app.palette
    if desk.dragging or not desk.input.over_map(desk.mouse):
        return
    bounds = desk.extras.tip_bounds(desk.mouse)
    area = naval_areas.area_at(desk.session.rules, desk.map, desk.mouse)
    if area is not None and bounds is not None:
        lines = naval_areas.area_tooltip(desk.session.rules, area)
        draw_tooltip(surface, desk.mouse, lines, bounds, pal=pal)


def _draw_plan_marks(desk: PlanningScene, surface: pygame.Surface) -> None:
    """Rings on the planned targets (numbered) and on the target being built."""
    pal = desk.app.palette
    rules, map_view, target = desk.session.rules, desk.map, desk.plan.draft.target
    clip = surface.get_clip()
    surface.set_clip(map_view.rect)
    for i, p in enumerate(desk.orders.packages):
        x, y = map_view.to_screen(rules.targets[p.target].position)
        pygame.draw.circle(surface, pal.ACCENT, (x, y), 14, 2)
        num = font(12, bold=True).render(str(i + 1), True, pal.WINDOW)
        badge = pygame.Rect(0, 0, 16, 16)
        badge.center = (round(x + 13), round(y - 13))
        pygame.draw.ellipse(surface, pal.ACCENT, badge)
        surface.blit(num, num.get_rect(center=badge.center))
    if target is not None and target in rules.targets:
        x, y = map_view.to_screen(rules.targets[target].position)
        pygame.draw.circle(surface, (255, 255, 255), (x, y), 18, 2)
        pygame.draw.circle(surface, pal.WINDOW, (x, y), 20, 1)
    surface.set_clip(clip)


def _hint_box(desk: PlanningScene, y: int) -> tuple[pygame.Surface, pygame.Rect]:
    pal = desk.app.palette
    img = text(HINT, 13, pal.TEXT)
    box = img.get_rect().inflate(16, 8)
    box.topleft = (desk.map.rect.x + 8, y)
    return img, box


def names_keep_clear(desk: PlanningScene) -> list[pygame.Rect]:
    """What is drawn over the map's top: names on the map stay out from under it."""
    m = desk.map.rect
    return [
        pygame.Rect(m.x, m.y, m.w, BAR_H + 2),
        _hint_box(desk, m.y + BAR_H + 8)[1].inflate(4, 4),
        desk.extras.toggles_rect().inflate(8, 8),
    ]


def _draw_hint(desk: PlanningScene, surface: pygame.Surface, y: int) -> None:
    img, box = _hint_box(desk, y)
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((24, 30, 34, 200))
    surface.blit(shade, box)
    surface.blit(img, (box.x + 8, box.y + 4))


def _draw_panel(desk: PlanningScene, surface: pygame.Surface) -> None:
    pal = desk.app.palette
    rect = desk.panel_rect()
    surface.fill(pal.PANEL, rect)  # a fill: the panel is a sixth of every frame
    pygame.draw.line(surface, pal.PANEL_EDGE, rect.topleft, rect.bottomleft)
    rules, view = desk.session.rules, desk.view
    x, w = rect.x + PAD, rect.w - 2 * PAD
    name = wrap(rules.name, font(17, bold=True), w)[0]
    surface.blit(text(name, 17, pal.ACCENT, bold=True), (x, 10))
    turns = "daily turns" if rules.turn_days == 1 else f"{rules.turn_days}-day turns"
    cap = (
        f"Turn {view.turn} · {turns} · until {short_date(rules.end)} · "
        f"{rules.difficulty} · Esc: menu"
    )
    surface.blit(text(cap, 13, pal.MUTED), (x, 34))
    m = desk.message_rect
    pygame.draw.line(surface, pal.PANEL_EDGE, (m.x, m.y - 4), (m.right, m.y - 4))
    if desk.message:
        f = font(13)
        lines = wrap(desk.message, f, m.w)
        if len(lines) > 2:
            lines = [lines[0], lines[1][: max(0, len(lines[1]) - 2)] + "…"]
        for i, line in enumerate(lines):
            surface.blit(text(line, 13, pal.TEXT), (m.x, m.y + 2 + i * 18))


def _draw_banner(desk: PlanningScene, surface: pygame.Surface) -> None:
    pal = desk.app.palette
    dots = "." * (1 + int(time.monotonic() * 3) % 3)
    title = font(26, bold=True).render(f"Enemy turn{dots}", True, pal.TEXT)
    sub = font(15).render("Packages in the air; the enemy repairs and replies", True, pal.MUTED)
    box = pygame.Rect(0, 0, max(title.get_width(), sub.get_width()) + 80, 96)
    box.center = desk.map.rect.center
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((20, 26, 30, 235))
    surface.blit(shade, box)
    pygame.draw.rect(surface, pal.ACCENT, box, 1)
    surface.blit(title, (box.x + 40, box.y + 16))
    surface.blit(sub, (box.x + 40, box.y + 58))
