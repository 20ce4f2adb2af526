"""The tutorial's prompt: a box of text beside the control to use next, a ring around
that control and an arrow to it. The box is placed where it covers neither the control
nor its ring; it has Skip tutorial, and Next where a step needs no action."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.style import PAL, font, wrap
from game.ui.tutorial_steps import Step

MARGIN = 12  # from the window's edge
GAP = 60  # between the box and the ring: room for the arrow
RING_PAD = 6  # the ring sits this far outside the control
POINTER = (255, 204, 84)
OUTLINE = (20, 22, 24)
BOX_FILL = (18, 24, 28, 242)
SIDES = ("left", "right", "below", "above")


def box_width(size: tuple[int, int]) -> int:
    return 400 if size[1] < 900 else 470


def room_beside(size: tuple[int, int]) -> int:
    """The width a box needs beside a control, arrow included."""
    return box_width(size) + GAP + MARGIN


@dataclass
class PromptLayout:
    box: pygame.Rect
    skip: pygame.Rect
    next: pygame.Rect | None
    ring: pygame.Rect | None = None
    arrow: tuple[tuple[int, int], tuple[int, int]] | None = None
    texts: list[tuple[pygame.Surface, tuple[int, int]]] = field(default_factory=list)
    next_label: str = "Next"
    round_ring: bool = False  # a circle around a point on the map


def lay_out(
    size: tuple[int, int],
    step: Step,
    number: int,
    count: int,
    target: pygame.Rect | None,
    bounds: pygame.Rect,
    detour: str = "",
    round_ring: bool = False,
) -> PromptLayout:
    """Where everything goes; the box stays inside ``bounds``."""
    big = size[1] >= 900
    w = box_width(size)
    inner = w - 32
    head_f, title_f = font(13 if big else 12), font(19 if big else 17, bold=True)
    text_f, why_f = font(16 if big else 15), font(15 if big else 14, italic=True)
    bold_f = font(16 if big else 15, bold=True)
    lines: list[tuple[pygame.Surface, int]] = []  # (image, space above)
    lines.append((head_f.render(f"TUTORIAL · STEP {number} OF {count}", True, PAL.MUTED), 0))
    lines.append((title_f.render(step.title, True, PAL.ACCENT), 2))
    for i, line in enumerate(wrap(detour, bold_f, inner) if detour else []):
        lines.append((bold_f.render(line, True, POINTER), 8 if i == 0 else 0))
    for i, line in enumerate(wrap(step.text, text_f, inner)):
        lines.append((text_f.render(line, True, PAL.TEXT), 8 if i == 0 else 0))
    for i, line in enumerate(wrap("Why: " + step.why, why_f, inner)):
        lines.append((why_f.render(line, True, PAL.MUTED), 8 if i == 0 else 0))
    button_h = 34 if big else 30
    h = 14 + sum(img.get_height() + gap for img, gap in lines) + 14 + button_h + 14
    ring = target.inflate(2 * RING_PAD, 2 * RING_PAD) if target is not None else None
    box = _place((w, h), ring, step.side, step.place, bounds)
    texts, y = [], box.y + 14
    for img, gap in lines:
        y += gap
        texts.append((img, (box.x + 16, y)))
        y += img.get_height()
    last = step.done_when == "next" and number == count
    label = "Finish" if last else "Next"
    skip_w = font(15, bold=True).size("Skip tutorial")[0] + 28
    row_y = box.bottom - 14 - button_h
    skip = pygame.Rect(box.x + 16, row_y, skip_w, button_h)
    nxt = None
    if step.done_when == "next":
        nxt = pygame.Rect(0, row_y, max(96, font(15, bold=True).size(label)[0] + 40), button_h)
        nxt.right = box.right - 16
    arrow = _arrow(box, ring) if ring is not None else None
    return PromptLayout(box, skip, nxt, ring, arrow, texts, label, round_ring)


def _place(
    wh: tuple[int, int],
    ring: pygame.Rect | None,
    side: str,
    place: str,
    bounds: pygame.Rect,
) -> pygame.Rect:
    screen = bounds.inflate(-2 * MARGIN, -2 * MARGIN)
    box = pygame.Rect(0, 0, *wh)
    if ring is None:
        if place == "low":
            box.midbottom = (screen.centerx, screen.bottom - 2 * MARGIN)
        else:
            box.center = (screen.centerx, screen.y + screen.h * 2 // 5)
        return box.clamp(screen)
    keep_clear = ring.inflate(8, 8)
    for s in (side, *(o for o in SIDES if o != side)):
        if s == "left":
            box.midright = (ring.left - GAP, ring.centery)
        elif s == "right":
            box.midleft = (ring.right + GAP, ring.centery)
        elif s == "below":
            box.midtop = (ring.centerx, ring.bottom + GAP)
        else:
            box.midbottom = (ring.centerx, ring.top - GAP)
        placed = box.clamp(screen)
        if not placed.colliderect(keep_clear):
            return placed
    # Nowhere beside it: the corner farthest from the control.
    corners = [(screen.x, screen.y), (screen.right - box.w, screen.y)]
    corners += [(screen.x, screen.bottom - box.h), (screen.right - box.w, screen.bottom - box.h)]
    far = max(corners, key=lambda c: (c[0] - ring.centerx) ** 2 + (c[1] - ring.centery) ** 2)
    return pygame.Rect(far, box.size)


def _arrow(box: pygame.Rect, ring: pygame.Rect) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """From the box's edge nearest the ring to the ring's nearest point."""
    sx = min(max(ring.centerx, box.left), box.right)
    sy = min(max(ring.centery, box.top), box.bottom)
    ex = min(max(sx, ring.left), ring.right)
    ey = min(max(sy, ring.top), ring.bottom)
    if abs(ex - sx) + abs(ey - sy) < 12:
        return None
    return (sx, sy), (ex, ey)


def draw_prompt(surface: pygame.Surface, lay: PromptLayout, mouse: tuple[int, int]) -> None:
    if lay.ring is not None and lay.round_ring:
        radius = lay.ring.w // 2
        pygame.draw.circle(surface, OUTLINE, lay.ring.center, radius + 2, 1)
        pygame.draw.circle(surface, POINTER, lay.ring.center, radius, 3)
    elif lay.ring is not None:
        pygame.draw.rect(surface, OUTLINE, lay.ring.inflate(4, 4), 1, border_radius=8)
        pygame.draw.rect(surface, POINTER, lay.ring, 3, border_radius=7)
    if lay.arrow is not None:
        _draw_arrow(surface, *lay.arrow)
    shade = pygame.Surface(lay.box.size, pygame.SRCALPHA)
    shade.fill(BOX_FILL)
    surface.blit(shade, lay.box)
    pygame.draw.rect(surface, POINTER, lay.box, 2, border_radius=4)
    for img, at in lay.texts:
        surface.blit(img, at)
    _button(surface, lay.skip, "Skip tutorial", mouse, primary=False)
    if lay.next is not None:
        _button(surface, lay.next, lay.next_label, mouse, primary=True)
    else:
        hint = font(13, italic=True).render("Do it to go on", True, PAL.MUTED)
        surface.blit(hint, hint.get_rect(midright=(lay.box.right - 16, lay.skip.centery)))


def _button(
    surface: pygame.Surface, rect: pygame.Rect, label: str, mouse: tuple[int, int], primary: bool
) -> None:
    hover = rect.collidepoint(mouse)
    fill = (110, 100, 58) if primary else (43, 52, 57)
    if hover:
        fill = tuple(min(255, c + 24) for c in fill)  # type: ignore[assignment]
    pygame.draw.rect(surface, fill, rect, border_radius=4)
    edge = PAL.ACCENT if primary or hover else PAL.PANEL_EDGE
    pygame.draw.rect(surface, edge, rect, 2, border_radius=4)
    img = font(15, bold=True).render(label, True, PAL.TEXT)
    surface.blit(img, img.get_rect(center=rect.center))


def _draw_arrow(surface: pygame.Surface, start: tuple[int, int], end: tuple[int, int]) -> None:
    sx, sy = start
    ex, ey = end
    length = max(1.0, ((ex - sx) ** 2 + (ey - sy) ** 2) ** 0.5)
    ux, uy = (ex - sx) / length, (ey - sy) / length
    head = 14
    bx, by = ex - ux * head, ey - uy * head  # the base of the head
    tip = [(ex, ey), (bx - uy * 8, by + ux * 8), (bx + uy * 8, by - ux * 8)]
    pygame.draw.line(surface, OUTLINE, start, (bx, by), 7)
    pygame.draw.polygon(surface, OUTLINE, tip)
    pygame.draw.polygon(surface, OUTLINE, tip, 3)
    pygame.draw.line(surface, POINTER, start, (bx, by), 4)
    pygame.draw.polygon(surface, POINTER, tip)
