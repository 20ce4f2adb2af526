"""The target panel beside the map (right-click a target, or I over it): what it is,
what the picture says of it, the restrictions that guard it and its history; and the
map's overlay toggles, which live in the same corner.

Everything here reads the player's intelligence picture (:class:`PlayerView`) and the
rules, never the true state: damage is the estimate, repairs are inferred from how old
the estimate is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.intel import PlayerView
from game.core.model import CardDef, Rules
from game.core.orders import StrikePackage
from game.core.politics import card_matches
from game.ui.kit.encyclopedia_book import encyclopedia
from game.ui.kit.gui_theme import SharedThemeManager
from game.ui.kit.panels import BAR_H
from game.ui.kit.style import THEME_PATH, font, wrap
from game.ui.kit.ui_scale import match_manager, to_window
from game.ui.kit.widgets import Button, toggle_style
from game.ui.kit.words import SOURCE_KEY, kind_name, short_date
from game.ui.map.overlays import BY_SHORTCUT, OVERLAYS, EdgeScroller

if TYPE_CHECKING:
    from game.ui.screens.planning import PlanningScene

Line = tuple[str, str]  # (text, style)
STYLES: dict[str, tuple[int, bool, bool, str]] = {
    # style: (size, bold, italic, palette colour name: looked up when drawn)
    "title": (18, True, False, "ACCENT"),
    "sub": (14, False, False, "MUTED"),
    "head": (13, True, False, "ACCENT"),
    "text": (14, False, False, "TEXT"),
    "forbid": (14, False, False, "DANGER"),
    "burden": (14, False, False, "BURDEN"),
    "good": (14, False, False, "GOOD"),
    "note": (14, False, True, "TEXT"),
}
PANEL_W = (360, 420)  # at 1280 and from 1600 wide
TOGGLE_W, TOGGLE_H = 62, 28  # the narrowest toggle; a longer word widens its own
TOGGLE_GAP = 6
TOGGLE_TEXT_PAD = 18  # room either side of a toggle's word inside its border
LOW_CONFIDENCE = 0.4


# --------------------------------------------------------------------------- what it says


def value_words(value: float) -> str:
    if value >= 10:
        return "very high"
    if value >= 5:
        return "high"
    if value >= 3:
        return "moderate"
    return "low"


def capacity_words(kind: str, capacity: float, civilians: float) -> str:
    if kind in ("hydro_plant", "thermal_plant") and capacity > 0:
        return f"Generates up to {capacity:,.0f} MW"
    if kind == "rail_segment" and capacity > 0:
        return f"Carries up to {capacity:,.0f} tons a day"
    if kind == "city":
        return f"About {civilians:,.0f} people live there" if civilians else ""
    if capacity > 0:
        return f"Output capacity {capacity:,.0f} (of the enemy's industry)"
    return ""


def flak_words(guns: float | None) -> str:
    if guns is None:
        return "Flak: unknown"
    level = "heavy" if guns >= 40 else "moderate" if guns >= 12 else "light"
    if guns < 1:
        return "Flak: none reported"
    return f"Flak: about {guns:.0f} heavy guns ({level}, estimate)"


def guarding_cards(rules: Rules, view: PlayerView, target_id: str) -> list[tuple[CardDef, str]]:
    """Cards in force that forbid or burden a strike on the target, found with probe
    packages by day and by night for each strike pool; with when or for whom."""
    pools = [p.id for p in rules.strike_pools] or sorted(rules.pools)
    out: list[tuple[CardDef, str]] = []
    for cid in view.cards_in_force:
        card = rules.cards.get(cid)
        if card is None or not card.scope.is_order_scope():
            continue
        hits = {
            (pid, night)
            for pid in pools
            for night in (False, True)
            if card_matches(rules, card, StrikePackage(target_id, ((pid, 1),), night=night))
        }
        if not hits:
            continue
        days = {n for _, n in hits}
        who = sorted({pid for pid, _ in hits})
        quals = []
        if days == {False}:
            quals.append("by day")
        elif days == {True}:
            quals.append("at night")
        if len(who) < len(pools):
            quals.append("for " + ", ".join(rules.pools[p].aircraft for p in who))
        out.append((card, " ".join(quals)))
    return sorted(out, key=lambda cq: (cq[0].effect != "forbid", cq[0].name))


def repair_words(view: PlayerView, target_id: str) -> Line:
    """Repairs inferred from the picture: a damaged target not seen since is being
    mended, and the older the photographs the less the estimate is worth."""
    est = view.bda.get(target_id)
    if est is None or est.seen is None:
        return ("Repairs: nothing known (not yet photographed)", "text")
    days = (view.day - est.seen).days
    if est.damage < 5:
        return ("Repairs: none needed when last seen", "good")
    ago = "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
    if days <= 0:
        return (f"Damaged {est.damage:.0f}% as photographed {ago}; repairs will start", "text")
    return (
        f"Repairs under way: damaged when last photographed ({ago}); the enemy is "
        "repairing it, so it is likely less damaged now. Fly reconnaissance to see.",
        "burden",
    )


def target_info(rules: Rules, view: PlayerView, target_id: str) -> list[Line]:
    """The panel's lines, from the picture and the rules only."""
    t = rules.targets[target_id]
    lines: list[Line] = [(t.name, "title")]
    sub = kind_name(t.kind) + (" · in Manchuria" if t.foreign else "")
    if target_id not in view.active_targets:
        sub += " · no longer a target"
    lines.append((sub, "sub"))
    lines.append(("WHAT IT IS", "head"))
    lines.append((f"Value to the enemy: {value_words(t.value)} ({t.value:g})", "text"))
    cap = capacity_words(t.kind, t.capacity, t.civilians)
    if cap:
        lines.append((cap, "text"))
    lines.append(("WHAT WE KNOW (ESTIMATES)", "head"))
    est = view.bda.get(target_id)
    if est is None or est.seen is None:
        lines.append(("Damage: not yet assessed", "text"))
    else:
        conf = (
            "high"
            if est.confidence >= 0.7
            else "fair"
            if est.confidence >= LOW_CONFIDENCE
            else "low, a guess"
        )
        lines.append((f"Estimated damage: {est.damage:.0f}%", "text"))
        lines.append(
            (
                f"Confidence: {conf} ({est.confidence * 100:.0f}%), last seen "
                f"{short_date(est.seen)}",
                "text",
            )
        )
    if target_id in view.flak_estimate:
        lines.append((flak_words(view.flak_estimate[target_id]), "text"))
    else:
        lines.append((flak_words(t.flak).replace("estimate", "briefing, no report yet"), "text"))
    lines.append(repair_words(view, target_id))
    lines.append(("RESTRICTIONS", "head"))
    cards = guarding_cards(rules, view, target_id)
    if not cards:
        lines.append(("No restriction in force covers it.", "good"))
    for card, qual in cards:
        verb = "Forbidden" if card.effect == "forbid" else "Burdened"
        head = f"{verb}: {card.name}" + (f" ({qual})" if qual else "")
        lines.append((head, card.effect))
        lines.append((card.reason, "text"))
    lines.append(("HISTORY", "head"))
    lines.append((t.note or "No note on record.", "note"))
    lines.append((SOURCE_KEY, "sub"))  # the letters closing the note and the reasons
    return lines


def _font(style: str) -> pygame.font.Font:
    size, bold, italic, _ = STYLES[style]
    return font(size, bold=bold, italic=italic)


def layout(lines: list[Line], width: int) -> list[tuple[str, str, int]]:
    """Wrapped lines with their y offsets from the panel's text top."""
    out: list[tuple[str, str, int]] = []
    y = 0
    for i, (text, style) in enumerate(lines):
        f = _font(style)
        if style == "head" and i > 0:
            y += 8
        for part in wrap(text, f, width):
            out.append((part, style, y))
            y += f.get_linesize() - 1
        if style == "title":
            y += 2
    return out


# --------------------------------------------------------------------------- the controller


class MapExtras:
    """The target panel, the overlay toggles and edge scrolling of the planning map.

    The desk calls :meth:`build` after its own widgets, :meth:`handle` first with each
    event, :meth:`draw` after the map and :meth:`update` each frame.
    """

    def __init__(self, desk: PlanningScene) -> None:
        self.desk = desk
        self.target: str | None = None
        self.edge = EdgeScroller()
        self.toggles: dict[str, pygame_gui.elements.UIButton] = {}
        self.panel_buttons: list[pygame_gui.elements.UIButton] = []
        self.plan_button: pygame_gui.elements.UIButton | None = None
        self.read_button: pygame_gui.elements.UIButton | None = None
        self.close_button: pygame_gui.elements.UIButton | None = None
        # The map's own widgets, apart from the side panel's manager.
        self._manager: SharedThemeManager | None = None  # made at the first build
        self._actions: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}

    @property
    def manager(self) -> SharedThemeManager:
        if self._manager is None:
            self._manager = SharedThemeManager(
                self.desk.size, str(THEME_PATH), enable_live_theme_updates=False
            )
        return self._manager

    def _button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None],
        tooltip: str,
        object_id: str,
    ) -> pygame_gui.elements.UIButton:
        b = Button(
            rect,
            text,
            self.manager,
            tool_tip_text=tooltip,
            object_id=pygame_gui.core.ObjectID(class_id=object_id),
        )
        self._actions[b] = action
        return b

    # -- geometry
    def toggle_rects(self) -> list[pygame.Rect]:
        """The overlay toggles, right-aligned on the map, each as wide as its word needs."""
        m = self.desk.map.rect
        widths = [max(TOGGLE_W, font(15).size(o.short)[0] + TOGGLE_TEXT_PAD) for o in OVERLAYS]
        x = m.right - 12 - sum(widths) - TOGGLE_GAP * (len(widths) - 1)
        rects = []
        for w in widths:
            rects.append(pygame.Rect(x, m.y + BAR_H + 8, w, TOGGLE_H))
            x += w + TOGGLE_GAP
        return rects

    def toggles_rect(self) -> pygame.Rect:
        rects = self.toggle_rects()
        return rects[0].unionall(rects[1:])

    def _panel_w(self) -> int:
        return PANEL_W[0] if self.desk.size[0] < 1600 else PANEL_W[1]

    def panel_rect(self) -> pygame.Rect | None:
        if self.target is None:
            return None
        m = self.desk.map.rect
        w = self._panel_w()
        top = self.toggles_rect().bottom + 10
        rows = layout(self._lines(), w - 28)
        text_h = rows[-1][2] + 22 if rows else 0
        h = min(14 + text_h + 12 + 34 + 14, m.bottom - 12 - top)
        return pygame.Rect(m.right - 12 - w, top, w, h)

    def _lines(self) -> list[Line]:
        assert self.target is not None
        return target_info(self.desk.session.rules, self.desk.view, self.target)

    def tip_bounds(self, pos: tuple[int, int]) -> pygame.Rect | None:
        """Where a map tooltip at ``pos`` may be drawn: the map left of an open panel,
        and nowhere while the pointer is over the panel or the toggles."""
        if self._over_mine(pos):
            return None
        bounds = self.desk.map.rect.copy()
        panel = self.panel_rect()
        if panel is not None:
            bounds.width = panel.x - 6 - bounds.x
        return bounds

    # -- widgets
    def build(self) -> None:
        desk = self.desk
        self.manager.set_window_resolution(desk.size)
        self.manager.clear_and_reset()
        self.manager.tip_area = desk.map.rect.copy()  # the side panel is drawn over it
        self._actions.clear()
        self.toggles = {}
        for o, rect in zip(OVERLAYS, self.toggle_rects(), strict=True):
            b = self._button(
                rect,
                o.short,
                partial(self.toggle, o.key),
                o.tip,
                "@toggle",
            )
            toggle_style(b, o.key in desk.map.overlays)
            self.toggles[o.key] = b
        self.panel_buttons = []
        self.plan_button = self.read_button = self.close_button = None
        if self.target is not None and self.target in desk.session.rules.targets:
            self._build_panel()
        else:
            self.target = None

    def _build_panel(self) -> None:
        rect = self.panel_rect()
        assert rect is not None
        desk = self.desk
        close_w, read_w = 88, 108
        self.plan_button = self._button(
            pygame.Rect(
                rect.x + 14, rect.bottom - 14 - 34, rect.w - 28 - close_w - read_w - 12, 34
            ),
            "Plan a strike",
            self.plan,
            "Put this target in the package builder (same as a left click on it)",
            "@small",
        )
        if desk.session.busy or desk.session.over:
            self.plan_button.disable()
        self.read_button = self._button(
            pygame.Rect(rect.right - 14 - close_w - 6 - read_w, rect.bottom - 14 - 34, read_w, 34),
            "Read more",
            self.read_more,
            "This place's article in the encyclopedia (F2)",
            "@small",
        )
        self.close_button = self._button(
            pygame.Rect(rect.right - 14 - close_w, rect.bottom - 14 - 34, close_w, 34),
            "Close",
            self.close,
            "Close this panel (Esc)",
            "@small",
        )
        self.panel_buttons = [self.plan_button, self.read_button, self.close_button]

    def _kill_panel(self) -> None:
        for b in self.panel_buttons:
            self._actions.pop(b, None)
            b.kill()
        self.panel_buttons = []
        self.plan_button = self.read_button = self.close_button = None

    # -- actions
    def open(self, target: str) -> None:
        self._kill_panel()
        self.target = target
        self._build_panel()
        self.desk.hover = None  # the panel says it all: no hover tip over it
        self.desk.app.dirty = True

    def close(self) -> None:
        self._kill_panel()
        self.target = None
        self.desk.app.dirty = True

    def plan(self) -> None:
        target = self.target
        if target is not None and not self.desk.session.busy:
            self.desk.pick_target(target)

    def read_more(self) -> None:
        """The target's article, or its type's, in the encyclopedia."""
        book, target = encyclopedia(), self.target
        if book is None or target is None:
            self.desk.open_encyclopedia()
            return
        entry = book.for_target(target, self.desk.session.rules.targets[target].kind)
        self.desk.open_encyclopedia(entry.ref if entry else None)

    def toggle(self, key: str) -> None:
        on = self.desk.map.overlays
        on.symmetric_difference_update({key})
        if key in self.toggles:
            toggle_style(self.toggles[key], key in on)
        self.desk.app.dirty = True

    def sync_toggles(self) -> None:
        for key, b in self.toggles.items():
            toggle_style(b, key in self.desk.map.overlays)

    # -- input
    def _over_mine(self, pos: tuple[int, int]) -> bool:
        panel = self.panel_rect()
        return self.toggles_rect().collidepoint(pos) or (
            panel is not None and panel.collidepoint(pos)
        )

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event was for the panel or the toggles (the map ignores it)."""
        desk = self.desk
        self.edge.handle(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self._actions.get(event.ui_element)
            if action is None:
                return False
            action()
            return True
        # The desk hands over canvas positions; the manager reads window ones.
        match_manager(self.manager, desk.app.scale)
        self.manager.process_events(to_window(event, desk.app.scale))
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        pos = getattr(event, "pos", None)
        if event.type == pygame.MOUSEWHEEL:
            pos = desk.mouse
        if pos is None:
            return False
        if self._over_mine(pos):
            if event.type == pygame.MOUSEMOTION:
                desk.mouse = pos
                desk.hover = None
                if desk.dragging:
                    return False
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                desk.input.cancel_drag()
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 3 and desk.input.over_map(pos):
            target = desk.map.target_at(desk.view, pos)
            if target is not None:
                self.open(target)
            elif self.target is not None:
                self.close()
            return True
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META | pygame.KMOD_ALT):
            return False
        if event.key == pygame.K_ESCAPE and self.target is not None:
            self.close()
            return True
        if self.desk.input.typing():
            return False
        if event.key in BY_SHORTCUT:
            self.toggle(BY_SHORTCUT[event.key])
            return True
        if event.key == pygame.K_i:
            if self.desk.hover is not None:
                self.open(self.desk.hover)
            elif self.target is not None:
                self.close()
            return True
        return False

    def update(self, dt: float) -> bool:
        desk = self.desk
        match_manager(self.manager, desk.app.scale)
        self.manager.update(dt)
        enabled = not desk.dragging and not desk.session.busy
        moved = self.edge.step(desk.map, desk.size, dt, enabled)
        if moved:
            desk.hover = None
        return moved

    # -- drawing
    def draw(self, surface: pygame.Surface) -> None:
        pal = self.desk.app.palette
        rect = self.panel_rect()
        if rect is None or self.target is None:
            self.manager.draw_ui(surface)
            return
        shade = pygame.Surface(rect.size, pygame.SRCALPHA)
        shade.fill((*pal.PANEL, 244))
        surface.blit(shade, rect)
        pygame.draw.rect(surface, pal.ACCENT, rect, 1, border_radius=4)
        x, top = rect.x + 14, rect.y + 12
        limit = rect.bottom - 14 - 34 - 8
        for text, style, y in layout(self._lines(), rect.w - 28):
            f = _font(style)
            if top + y + f.get_linesize() > limit:
                surface.blit(font(14).render("…", True, pal.MUTED), (x, top + y))
                break
            surface.blit(f.render(text, True, pal.colour(STYLES[style][3])), (x, top + y))
        self._draw_marker(surface)
        self.manager.draw_ui(surface)

    def _draw_marker(self, surface: pygame.Surface) -> None:
        """A dashed ring on the target the panel describes."""
        pal = self.desk.app.palette
        assert self.target is not None
        m = self.desk.map
        x, y = m.to_screen(self.desk.session.rules.targets[self.target].position)
        clip = surface.get_clip()
        surface.set_clip(m.rect)
        pygame.draw.circle(surface, pal.ACCENT, (x, y), 24, 2)
        surface.set_clip(clip)
