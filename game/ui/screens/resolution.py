"""Resolution: the turn's strike packages fly from their bases to their targets over the
planning map, then the targets flash with their results; skippable with Space.

Shown between the end of a turn and its report. It reads the orders that were flown and
the turn's events (never the state) and draws over the planning scene's map; when the
show is over, or skipped, it hands over to the :class:`~game.ui.screens.report.ReportScene`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

import pygame

from game.core.events import Category
from game.core.geometry import Point
from game.core.intel import PlayerView
from game.core.orders import TurnOrders
from game.core.turn import TurnResult
from game.ui.kit.native_layer import Pen
from game.ui.kit.panels import BAR_H
from game.ui.kit.style import Palette, font
from game.ui.kit.words import long_date
from game.ui.map import sprites
from game.ui.scenes import Scene
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.planning import PlanningScene

DAY_S = 0.6  # packages of one day fly this long (tests set it to 0: no show at all)
RESULT_SHARE = 0.7  # then the targets flash for this share of DAY_S
HOLD_SHARE = 2.2  # and the last picture stays this many DAY_S before the report
SKIP_KEYS = frozenset({pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE})

STRIKE_COLOUR = (250, 244, 226)
ESCORT_COLOUR = (150, 205, 240)
TRACK_COLOUR = (40, 36, 32)
EDGE_INSET = 18  # flights from bases off the view enter at its edge, this far inside
# Each type's silhouette across, in pixels: the big bombers show big.
AIRCRAFT_PX = {"b29": 30, "b26": 24, "ad": 21}
FIGHTER_PX = 19
MIG_FROM_KM = (-90.0, -110.0)  # MiGs come down from Manchuria, north-west of the target
FLAK_MIN_GUNS = 1.0  # a target with fewer estimated guns shows no bursts


@dataclass(frozen=True)
class Flight:
    """One formation: aircraft from one base to one target (a few markers in a line)."""

    start: Point  # km
    end: Point  # km
    markers: int
    escort: bool = False
    aircraft: tuple[str, ...] = ("f84",)  # the sprites of the types flown, in turn


@dataclass
class TargetResult:
    """What one target's strikes did on a day (from the STRIKE and LOSSES events)."""

    position: Point
    damage: float | None = None
    lost: int = 0
    flown: bool = False


@dataclass
class Day:
    day: date
    flights: list[Flight] = field(default_factory=list)
    outcomes: dict[str, TargetResult] = field(default_factory=dict)
    incidents: list[Point] = field(default_factory=list)
    migs: list[Point] = field(default_factory=list)  # targets where MiGs fought the raid
    packages: int = 0

    @property
    def empty(self) -> bool:
        return not self.flights and not self.incidents


def _markers(sorties: int) -> int:
    return 1 if sorties <= 12 else 2 if sorties <= 40 else 3


def plan_days(
    session: GameSession, result: TurnResult, first: date, orders: TurnOrders
) -> list[Day]:
    """The turn day by day: the flights of the packages flown and their results."""
    rules = session.rules
    geo = rules.geometry
    n_days = int(result.report.get("days", rules.turn_days) or rules.turn_days)
    days = [Day(first + timedelta(days=i)) for i in range(max(1, n_days))]

    def base_of(pool_id: str) -> Point | None:
        pool = rules.pools.get(pool_id)
        if pool is None or pool.base not in geo.features:
            return None
        return geo.features[pool.base].anchor

    for i, d in enumerate(days):
        for package in orders.packages:
            target = rules.targets.get(package.target)
            if target is None or not package.flies_on(i):
                continue
            d.packages += 1
            sorties: dict[str, int] = {}
            for pool_id, n in (*package.strike, *package.suppression):
                sorties[pool_id] = sorties.get(pool_id, 0) + n
            for pool_id, n in sorted(sorties.items()):
                start = base_of(pool_id)
                if start is not None and n > 0:
                    kinds = sprites.aircraft_sprites(rules.pools[pool_id])
                    d.flights.append(Flight(start, target.position, _markers(n), aircraft=kinds))
            escort = base_of(rules.escort_pool) if rules.escort_pool else None
            if package.escort > 0 and escort is not None:
                kinds = sprites.aircraft_sprites(rules.pools[rules.escort_pool])
                d.flights.append(Flight(escort, target.position, 1, True, kinds))
            d.outcomes.setdefault(package.target, TargetResult(target.position))
    index = {d.day: d for d in days}
    for ev in result.events:
        on = index.get(ev.day)
        if on is None:
            continue
        if ev.category == Category.INCIDENT:
            zone = ev.data.get("zone")
            if zone in geo.features:
                on.incidents.append(geo.features[zone].anchor)
            continue
        out = on.outcomes.get(ev.target)
        if out is None:
            continue
        if ev.category == Category.AIR_COMBAT and out.position not in on.migs:
            on.migs.append(out.position)
        if ev.category == Category.STRIKE and "after" in ev.data:
            out.damage = float(ev.data["after"])
            out.flown = True
        elif ev.category == Category.LOSSES:
            lost = ev.data.get("lost")
            if isinstance(lost, dict):
                out.lost += sum(int(v) for v in lost.values())
                out.flown = True
    return [d for d in days if not d.empty]


def _ease(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)


def _enter_view(
    start: tuple[float, float], end: tuple[float, float], rect: pygame.Rect
) -> tuple[float, float]:
    """Where the line from ``end`` back to ``start`` leaves ``rect`` (``start`` if inside)."""
    if rect.collidepoint(start):
        return start
    clipped = rect.clipline(end, start) if rect.collidepoint(end) else ()
    if clipped:
        return (float(clipped[1][0]), float(clipped[1][1]))
    return start


class ResolutionScene(Scene):
    name = "resolution"

    def __init__(
        self,
        app: App,
        below: PlanningScene,
        session: GameSession,
        result: TurnResult,
        before: PlayerView,
        orders: TurnOrders,
    ) -> None:
        self.below = below
        self.session = session
        self.result = result
        self.before = before
        self.days = plan_days(session, result, before.day, orders)
        self.days_flown = int(result.report.get("days", 1) or 1)
        self.elapsed = 0.0
        self.done = False
        self._sounded_day = -1
        self.caption_rect = pygame.Rect(0, 0, 0, 0)
        self.tag_rects: list[pygame.Rect] = []  # result tags of the last frame
        self.marker_rects: list[pygame.Rect] = []  # MiG markers of this frame
        super().__init__(app)

    # -- timing
    @property
    def day_s(self) -> float:
        return DAY_S * (1 + RESULT_SHARE)

    @property
    def total_s(self) -> float:
        if not self.days:
            return 0.0
        return self.day_s * len(self.days) + DAY_S * HOLD_SHARE

    def _phase(self) -> tuple[int, float, float]:
        """(day index, flight progress 0..1, result progress 0..1) at ``elapsed``."""
        if self.elapsed >= self.day_s * len(self.days) or DAY_S <= 0:
            return len(self.days) - 1, 1.0, 1.0
        i = int(self.elapsed // self.day_s)
        t = self.elapsed - i * self.day_s
        return i, min(1.0, t / DAY_S), max(0.0, (t - DAY_S) / (DAY_S * RESULT_SHARE))

    @property
    def holding(self) -> bool:
        return self.elapsed >= self.day_s * len(self.days)

    # -- flow
    def update(self, dt: float) -> bool:
        super().update(dt)
        if self.done:
            return False
        self.elapsed += dt
        self._sound_results()
        if self.elapsed >= self.total_s:
            self.finish()
        return True  # one more frame after the hand-over, for the report

    def _sound_results(self) -> None:
        """Bombs on the targets as each day's packages arrive, and the losses."""
        if not self.days or self.holding:
            return
        i, fly, _ = self._phase()
        if fly < 1.0 or i <= self._sounded_day:
            return
        self._sounded_day = i
        day = self.days[i]
        if day.outcomes:
            self.app.sound.play("bombs")
        if any(out.lost for out in day.outcomes.values()):
            self.app.sound.play("aircraft_lost")

    def finish(self) -> None:
        """Hand over to the report (once), exactly as the planning scene used to."""
        if self.done:
            return
        self.done = True
        if self.app.scene is self:
            report = self.make("report", self.below, self.session, self.result, self.before)
            report.update(0.0)  # lay its widgets out now: the loop may go idle after this
            self.app.replace(report)

    def on_event(self, event: pygame.event.Event) -> None:
        if (event.type == pygame.KEYDOWN and event.key in SKIP_KEYS) or (
            event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3)
        ):
            self.finish()

    # -- drawing (reads the orders and events; changes nothing)
    def replayed_view(self) -> PlayerView:
        """The turn's starting picture, dated the day on screen: the header must not run
        ahead of the replay to the next turn's date."""
        if not self.days:
            return self.before
        i, _, _ = self._phase()
        return replace(self.before, day=self.days[i].day)

    def draw_scene(self, surface: pygame.Surface) -> None:
        self.below.status_view = None if self.done else self.replayed_view()
        self.below.draw(surface)
        self.below.status_view = None
        rect = self.below.map.rect
        panel = pygame.Rect(rect.right, 0, surface.get_width() - rect.right, rect.h)
        shade = pygame.Surface(panel.size, pygame.SRCALPHA)
        shade.fill((12, 15, 18, 150))
        surface.blit(shade, panel)
        if not self.days:
            return
        i, fly, res = self._phase()
        self.marker_rects = []
        # The sprites go where the map is drawn: on the window, at its resolution, when
        # the interface is scaled up.
        pen = Pen(surface, self.app.native)
        clips = [(s, s.get_clip()) for s in {surface, pen.surface}]
        surface.set_clip(rect)
        pen.surface.set_clip(pen.rect(rect).clip(pen.surface.get_clip()))
        if self.holding:
            self._draw_summary(surface, pen)
        else:
            day = self.days[i]
            self._draw_flights(surface, pen, day, fly, res)
            if fly >= 1.0:
                self._draw_results(surface, pen, day, res)
        for target, clip in clips:
            target.set_clip(clip)
        self._draw_caption(surface, i, fly)

    def _screen_path(self, flight: Flight) -> tuple[tuple[float, float], tuple[float, float]]:
        m = self.below.map
        end = m.to_screen(flight.end)
        start = _enter_view(
            m.to_screen(flight.start), end, m.rect.inflate(-2 * EDGE_INSET, -2 * EDGE_INSET)
        )
        return start, end

    def _draw_flights(
        self, surface: pygame.Surface, pen: Pen, day: Day, fly: float, res: float
    ) -> None:
        pal = self.app.palette
        fade = 1.0 - min(1.0, res * 2)
        if fade <= 0:
            return
        p = _ease(fly)
        m = self.below.map
        for out in day.outcomes.values():  # where the packages are going
            pygame.draw.circle(surface, pal.RESULT, m.to_screen(out.position), 13, 1)
        for flight in day.flights:
            (sx, sy), (ex, ey) = self._screen_path(flight)
            x, y = sx + (ex - sx) * p, sy + (ey - sy) * p
            dist = math.hypot(ex - sx, ey - sy)
            if dist < 1:
                continue
            ux, uy = (ex - sx) / dist, (ey - sy) / dist
            _dashed(pen, TRACK_COLOUR, (sx, sy), (x, y))
            colour = ESCORT_COLOUR if flight.escort else STRIKE_COLOUR
            px = max(AIRCRAFT_PX.get(name, FIGHTER_PX) for name in flight.aircraft)
            side = px * 0.8 if flight.escort else 0.0  # escorts fly alongside, not on top
            for k in range(max(flight.markers, len(flight.aircraft))):
                name = flight.aircraft[k % len(flight.aircraft)]
                back = k * px * 0.75
                mx = x - ux * back - uy * side
                my = y - uy * back + ux * side
                if (mx - sx) * ux + (my - sy) * uy < 0:
                    continue  # not yet off the ground
                size = AIRCRAFT_PX.get(name, FIGHTER_PX)
                _aircraft(pen, name, (mx, my), (ux, uy), colour, size)
        for target in day.migs:  # the MiGs dive on the raid as it reaches the target
            self._draw_migs(pen, target, p)

    def _draw_migs(self, pen: Pen, target: Point, p: float) -> None:
        pal = self.app.palette
        m = self.below.map
        ex, ey = m.to_screen(target)
        sx, sy = m.to_screen((target[0] + MIG_FROM_KM[0], target[1] + MIG_FROM_KM[1]))
        t = _ease(max(0.0, (p - 0.35) / 0.65))  # they rise once the raid is on its way
        if t <= 0:
            return
        dist = math.hypot(ex - sx, ey - sy)
        ux, uy = (ex - sx) / dist, (ey - sy) / dist
        for k, (back, side) in enumerate(((26.0, -12.0), (38.0, 10.0))):
            x = sx + (ex - sx) * t - ux * back * (1 - k * 0.2)
            y = sy + (ey - sy) * t - uy * back
            _aircraft(pen, "mig15", (x - uy * side, y + ux * side), (ux, uy), pal.DANGER, 18)

    def _defended(self, day: Day) -> list[Point]:
        """The day's targets with guns enough for their bursts to show (as estimated)."""
        targets = self.session.rules.targets
        return [
            out.position
            for tid, out in day.outcomes.items()
            if tid in targets
            and self.before.flak_estimate.get(tid, targets[tid].flak) >= FLAK_MIN_GUNS
        ]

    def _draw_results(self, surface: pygame.Surface, pen: Pen, day: Day, res: float) -> None:
        pal = self.app.palette
        m = self.below.map
        for pos in self._defended(day):
            _flak(pen, m.to_screen(pos), res)
        for pos in day.migs:
            self.marker_rects.append(_mig_marker(pen, m.to_screen(pos), pal=pal))
        for pos in day.incidents:
            _flash(surface, m.to_screen(pos), res, pal.INCIDENT)
        for out in day.outcomes.values():
            _flash(surface, m.to_screen(out.position), res, pal.RESULT)
        if res > 0.15:
            self._labels(surface, day.outcomes.values(), day.incidents)

    def _draw_summary(self, surface: pygame.Surface, pen: Pen) -> None:
        """The whole turn at once: each target's last damage and its losses in all."""
        pal = self.app.palette
        total: dict[str, TargetResult] = {}
        incidents: list[Point] = []
        migs: set[Point] = set()
        for day in self.days:
            incidents.extend(day.incidents)
            migs.update(day.migs)
            for tid, out in day.outcomes.items():
                acc = total.setdefault(tid, TargetResult(out.position))
                if out.damage is not None:
                    acc.damage = out.damage
                acc.lost += out.lost
                acc.flown = acc.flown or out.flown
        m = self.below.map
        for out in total.values():
            pygame.draw.circle(surface, pal.RESULT, m.to_screen(out.position), 15, 2)
        for pos in incidents:
            pygame.draw.circle(surface, pal.INCIDENT, m.to_screen(pos), 15, 2)
        for pos in sorted(migs):
            self.marker_rects.append(_mig_marker(pen, m.to_screen(pos), pal=pal))
        self._labels(surface, total.values(), incidents)

    def _labels(self, surface: pygame.Surface, outcomes, incidents: list[Point]) -> None:
        pal = self.app.palette
        m = self.below.map
        big = font(15 if self.size[1] < 900 else 17, bold=True)
        names = list(m.occupied)  # icons and names the tags should leave readable
        bounds = m.rect.inflate(-8, -8)
        # Never under the status bar, the hint, the toggles or the caption: they are
        # taken as if by tags already placed.
        blocked = [*m.keep_clear, self.caption_rect, *self.marker_rects]
        placed: list[pygame.Rect] = list(blocked)
        for out in outcomes:
            x, y = m.to_screen(out.position)
            _tag(surface, big, out, (x, y), placed, names, bounds, pal=pal)
        for pos in incidents:
            x, y = m.to_screen(pos)
            _tag(surface, big, None, (x, y), placed, names, bounds, pal=pal)
        self.tag_rects = placed[len(blocked) :]

    def _draw_caption(self, surface: pygame.Surface, i: int, fly: float) -> None:
        pal = self.app.palette
        rect = self.below.map.rect
        day = self.days[i]
        n = len(self.days)
        title_f = font(20 if self.size[1] < 900 else 24, bold=True)
        sub_f = font(14 if self.size[1] < 900 else 16)
        if self.holding:
            title = "Results of the turn"
            k = self.days_flown
            sub = f"{k} day{'s' if k != 1 else ''} flown · the report follows"
        else:
            k, of = (day.day - self.before.day).days + 1, self.days_flown
            title = long_date(day.day) + (f"  ·  day {k} of {of}" if of > 1 else "")
            pk = f"{day.packages} package{'s' if day.packages != 1 else ''}"
            if fly < 1.0:
                sub = f"{pk} in the air" if day.packages else "No strikes flown"
            else:
                sub = "Bombs on target: the results as the crews report them"
                if day.incidents:
                    sub += (
                        f" · {len(day.incidents)} incident{'s' if len(day.incidents) > 1 else ''}"
                    )
        hint = "Space, Enter or click: skip to the report"
        t_img = title_f.render(title, True, pal.TEXT)
        s_img = sub_f.render(sub, True, pal.MUTED)
        h_img = font(12).render(hint, True, pal.MUTED)
        w = max(t_img.get_width(), s_img.get_width(), h_img.get_width()) + 48
        box = pygame.Rect(
            0, 0, w, t_img.get_height() + s_img.get_height() + h_img.get_height() + 28
        )
        box.midtop = (rect.centerx, rect.y + BAR_H + 44)  # under the map's hint line
        self.caption_rect = box
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((20, 26, 30, 225))
        surface.blit(shade, box)
        pygame.draw.rect(surface, pal.ACCENT, box, 1)
        y = box.y + 8
        for img in (t_img, s_img, h_img):
            surface.blit(img, img.get_rect(midtop=(box.centerx, y)))
            y += img.get_height() + 4
        if n > 1 or not self.holding:  # a thin progress line under the caption
            total = self.day_s * n
            frac = min(1.0, self.elapsed / total) if total > 0 else 1.0
            bar = pygame.Rect(box.x + 1, box.bottom - 3, round((box.w - 2) * frac), 2)
            pygame.draw.rect(surface, pal.ACCENT, bar)


def _dashed(pen: Pen, colour, a: tuple[float, float], b: tuple[float, float]):
    a, b = pen.at(a), pen.at(b)
    dist = math.hypot(b[0] - a[0], b[1] - a[1])
    if dist < 2:
        return
    ux, uy = (b[0] - a[0]) / dist, (b[1] - a[1]) / dist
    dash, period, width = 6 * pen.k, 11 * pen.k, pen.n(2)
    d = 0.0
    while d < dist:
        e = min(dist, d + dash)
        pygame.draw.line(
            pen.surface,
            colour,
            (a[0] + ux * d, a[1] + uy * d),
            (a[0] + ux * e, a[1] + uy * e),
            width,
        )
        d += period


def _aircraft(
    pen: Pen,
    name: str,
    at: tuple[float, float],
    heading: tuple[float, float],
    colour: tuple[int, int, int],
    px: int,
) -> None:
    """The type's silhouette, ``px`` across, turned along ``heading``, in ``colour``,
    over its shadow on the ground."""
    angle = round(math.degrees(math.atan2(-heading[0], -heading[1])) / TURN_STEP) * TURN_STEP
    plane, shadow = _turned(name, pen.n(px), angle % 360, colour)
    x, y = pen.at(at)
    box = plane.get_rect(center=(round(x), round(y)))
    pen.surface.blit(shadow, box.move(pen.n(3), pen.n(4)))
    pen.surface.blit(plane, box)


TURN_STEP = 5  # degrees: headings are drawn to the nearest, each kept once made


@cache
def _turned(
    name: str, px: int, angle: int, colour: tuple[int, int, int]
) -> tuple[pygame.Surface, pygame.Surface]:
    plane = sprites.sprite(name, px).copy()
    plane.fill(colour, special_flags=pygame.BLEND_RGB_MULT)
    plane = pygame.transform.rotozoom(plane, angle, 1.0)
    shadow = plane.copy()
    shadow.fill((0, 0, 0, 70), special_flags=pygame.BLEND_RGBA_MULT)
    return plane, shadow


def _flak(pen: Pen, at: tuple[float, float], t: float) -> None:
    """Shell bursts about a defended target as the raid arrives, fading as it leaves."""
    if t >= 1.0:
        return
    for k, (dx, dy) in enumerate(((-22, -14), (19, -20), (24, 12), (-17, 20), (3, -30))):
        grow = min(1.0, max(0.0, t * 3 - k * 0.25))
        if grow <= 0:
            continue
        img = _burst(pen.n(max(8, round(22 * grow))), round(255 * (1 - t * t)))
        x, y = pen.at((at[0] + dx, at[1] + dy))
        pen.surface.blit(img, img.get_rect(center=(round(x), round(y))))


@cache
def _burst(px: int, alpha: int) -> pygame.Surface:
    img = sprites.sprite("flak", px).copy()
    img.fill((255, 255, 255, alpha), special_flags=pygame.BLEND_RGBA_MULT)
    return img


def _mig_marker(pen: Pen, at: tuple[float, float], *, pal: Palette) -> pygame.Rect:
    """The MiG counter above a target where MiGs fought the raid; where it went (in the
    canvas's pixels)."""
    img = _tinted_marker(pal.DANGER, pen.n(22))
    x, y = pen.at(at)
    box = img.get_rect(midbottom=(round(x), round(y) - pen.n(16)))
    return pen.back(pen.surface.blit(img, box))


@cache
def _tinted_marker(colour: tuple[int, int, int], px: int) -> pygame.Surface:
    img = sprites.sprite("mig_marker", px).copy()
    img.fill(colour, special_flags=pygame.BLEND_RGB_MULT)
    return img


def _flash(surface: pygame.Surface, at: tuple[float, float], t: float, colour) -> None:
    """A burst: a filled glow that fades and a ring that grows, then a steady ring."""
    if t < 1.0:
        r = 8 + 26 * _ease(t)
        alpha = round(200 * (1 - t))
        size = math.ceil(r) * 2 + 4
        glow = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size // 2
        pygame.draw.circle(glow, (*colour, alpha), (c, c), r * 0.6)
        pygame.draw.circle(glow, (*colour, min(255, alpha + 55)), (c, c), r, 3)
        surface.blit(glow, (at[0] - c, at[1] - c))
    pygame.draw.circle(surface, colour, at, 15, 2)


def _tag(
    surface,
    fnt,
    out: TargetResult | None,
    at: tuple[float, float],
    placed: list[pygame.Rect],
    names: list[pygame.Rect],
    bounds: pygame.Rect,
    *,
    pal: Palette,
):
    """A result label in a dark box beside the target, clear of other tags and of names.

    The nearest free spot wins; a tag that had to move away from its target is tied to
    it by a thin line, so the reader still knows which result is whose.
    """
    if out is None:
        parts = [("incident", pal.INCIDENT)]
    else:
        parts = []
        if out.damage is not None:
            parts.append((f"{out.damage:.0f}%", pal.RESULT))
        elif not out.flown:
            parts.append(("not flown", pal.MUTED))
        if out.lost:
            parts.append((f"−{out.lost}", pal.LOSS))
        if not parts:
            parts.append(("no result", pal.MUTED))
    imgs = [fnt.render(text, True, colour) for text, colour in parts]
    gap = 8
    w = sum(i.get_width() for i in imgs) + gap * (len(imgs) - 1) + 12
    h = max(i.get_height() for i in imgs) + 4
    box = _free_spot(at, w, h, placed, names, bounds)
    if math.hypot(box.centerx - at[0], box.centery - at[1]) > 20 + w / 2:
        end = (min(max(at[0], box.left), box.right), min(max(at[1], box.top), box.bottom))
        pygame.draw.line(surface, (90, 84, 70), at, end, 1)
    placed.append(box)
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((16, 20, 24, 225))
    surface.blit(shade, box)
    pygame.draw.rect(surface, (90, 84, 70), box, 1)
    cx = box.x + 6
    for img in imgs:
        surface.blit(img, (cx, box.centery - img.get_height() // 2))
        cx += img.get_width() + gap


def _free_spot(
    at: tuple[float, float],
    w: int,
    h: int,
    placed: list[pygame.Rect],
    names: list[pygame.Rect],
    bounds: pygame.Rect,
) -> pygame.Rect:
    """The first spot around ``at`` inside ``bounds`` that covers no other tag and no
    name; else the first inside that covers no other tag; else the first free one."""
    x, y = at
    spots = []
    for ring in (0, 1, 2):
        far = ring * (h + 6)
        spots += [
            (20 + far, -h / 2),
            (-20 - w - far, -h / 2),
            (-w / 2, -18 - h - far),
            (-w / 2, 18 + far),
            (16 + far, -16 - h - far),
            (16 + far, 16 + far),
            (-16 - w - far, -16 - h - far),
            (-16 - w - far, 16 + far),
        ]
    boxes = [pygame.Rect(round(x + dx), round(y + dy), w, h) for dx, dy in spots]
    inside = [box for box in boxes if bounds.contains(box)]
    for box in inside:
        if box.collidelist(placed) < 0 and box.collidelist(names) < 0:
            return box
    for box in inside + boxes:
        if box.collidelist(placed) < 0:
            return box
    return boxes[0]
