"""The tutorial's prompt: a box of text beside the control to use next, a ring around
that control and an arrow to it. The box is placed where it covers neither the control
nor its ring; it has Skip tutorial, and Next where a step needs no action."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.kit.style import Palette, font, wrap
from game.ui.screens.tutorial_steps import Step

MARGIN = 12  # from the window's edge
GAP = 60  # between the box and the ring: room for the arrow
RING_PAD = 4  # the ring sits this far outside the control: a gap, then the ring
RING_W = 2  # thin, so that it stays off the labels next to the control
ARROW_CLEAR = 3  # what the arrow's line keeps off text (the head is wider: it ends clear)
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
    avoid: tuple[pygame.Rect, ...] = (),
    *,
    pal: Palette,
) -> PromptLayout:
    """Where everything goes; the box stays inside ``bounds`` and the arrow off the
    controls and labels in ``avoid``."""
    big = size[1] >= 900
    w = box_width(size)
    inner = w - 32
    head_f, title_f = font(13 if big else 12), font(19 if big else 17, bold=True)
    text_f, why_f = font(16 if big else 15), font(15 if big else 14, italic=True)
    bold_f = font(16 if big else 15, bold=True)
    lines: list[tuple[pygame.Surface, int]] = []  # (image, space above)
    lines.append((head_f.render(f"TUTORIAL · STEP {number} OF {count}", True, pal.MUTED), 0))
    lines.append((title_f.render(step.title, True, pal.ACCENT), 2))
    for i, line in enumerate(wrap(detour, bold_f, inner) if detour else []):
        lines.append((bold_f.render(line, True, POINTER), 8 if i == 0 else 0))
    for i, line in enumerate(wrap(step.text, text_f, inner)):
        lines.append((text_f.render(line, True, pal.TEXT), 8 if i == 0 else 0))
    for i, line in enumerate(wrap("Why: " + step.why, why_f, inner)):
        lines.append((why_f.render(line, True, pal.MUTED), 8 if i == 0 else 0))
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
    arrow = _arrow(box, ring, avoid) if ring is not None else None
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


def _crossing(blocks: list[pygame.Rect], start: tuple[int, int], end: tuple[int, int]) -> float:
    """How much of the arrow lies over the labels and controls in ``blocks``."""
    total = 0.0
    for b in blocks:
        cut = b.clipline(start, end)
        if cut:
            (ax, ay), (bx, by) = cut
            total += ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 + 20  # each one crossed counts
    return total


def _arrow(
    box: pygame.Rect, ring: pygame.Rect, avoid: tuple[pygame.Rect, ...] = ()
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """From the box's edge to the ring, over as little of the labels and controls in
    ``avoid`` as can be (none where there is a clear way), then as short as can be."""
    q = ring.w // 4
    ends = [
        ring.midleft, ring.midright, ring.midtop, ring.midbottom,
        (ring.left + q, ring.top), (ring.right - q, ring.top),
        (ring.left + q, ring.bottom - 1), (ring.right - q, ring.bottom - 1),
    ]  # fmt: skip
    starts = {(x, y) for x in (box.left, box.right) for y in range(box.top + 8, box.bottom, 16)}
    starts |= {(x, y) for y in (box.top, box.bottom) for x in range(box.left + 8, box.right, 16)}
    blocks = [r.inflate(2 * ARROW_CLEAR, 2 * ARROW_CLEAR) for r in avoid]
    inside_box, inside_ring = box.inflate(-4, -4), ring.inflate(-4, -4)
    best: tuple[float, float, tuple[int, int], tuple[int, int]] | None = None
    for end in ends:
        # Straight across from the box too: a level arrow fits between rows of text.
        level = (min(max(end[0], box.left), box.right), min(max(end[1], box.top), box.bottom))
        for start in (level, *starts):
            length = ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5
            if length < 24 or inside_box.clipline(start, end) or inside_ring.clipline(start, end):
                continue
            key = (_crossing(blocks, start, end), length)
            if best is None or key < best[:2]:
                best = (*key, start, end)
    return (best[2], best[3]) if best is not None else None


def draw_prompt(
    surface: pygame.Surface, lay: PromptLayout, mouse: tuple[int, int], *, pal: Palette
) -> None:
    if lay.ring is not None and lay.round_ring:
        radius = lay.ring.w // 2
        pygame.draw.circle(surface, OUTLINE, lay.ring.center, radius + 2, 1)
        pygame.draw.circle(surface, POINTER, lay.ring.center, radius, 3)
    elif lay.ring is not None:
        pygame.draw.rect(surface, OUTLINE, lay.ring.inflate(2, 2), 1, border_radius=6)
        pygame.draw.rect(surface, POINTER, lay.ring, RING_W, border_radius=5)
    if lay.arrow is not None:
        _draw_arrow(surface, *lay.arrow)
    shade = pygame.Surface(lay.box.size, pygame.SRCALPHA)
    shade.fill(BOX_FILL)
    surface.blit(shade, lay.box)
    pygame.draw.rect(surface, POINTER, lay.box, 2, border_radius=4)
    for img, at in lay.texts:
        surface.blit(img, at)
    _button(surface, lay.skip, "Skip tutorial", mouse, primary=False, pal=pal)
    if lay.next is not None:
        _button(surface, lay.next, lay.next_label, mouse, primary=True, pal=pal)
    else:
        hint = font(13, italic=True).render("Do it to go on", True, pal.MUTED)
        surface.blit(hint, hint.get_rect(midright=(lay.box.right - 16, lay.skip.centery)))


def _button(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    mouse: tuple[int, int],
    primary: bool,
    *,
    pal: Palette,
) -> None:
    hover = rect.collidepoint(mouse)
    fill = (110, 100, 58) if primary else (43, 52, 57)
    if hover:
        fill = tuple(min(255, c + 24) for c in fill)  # type: ignore[assignment]
    pygame.draw.rect(surface, fill, rect, border_radius=4)
    edge = pal.ACCENT if primary or hover else pal.PANEL_EDGE
    pygame.draw.rect(surface, edge, rect, 2, border_radius=4)
    img = font(15, bold=True).render(label, True, pal.TEXT)
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
