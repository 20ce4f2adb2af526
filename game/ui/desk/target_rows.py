"""The rows of the sortable target list, from the player's picture and the rules only:
value, estimated damage and repair time, flak, MiG reach, restrictions, and the threats
along the route from the nearest base that can reach the target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import dist

from game.core.geometry import Layer
from game.core.intel import PlayerView, flak_picture
from game.core.model import Rules
from game.ui.desk.plan_state import short_name
from game.ui.desk.target_panel import guarding_cards
from game.ui.kit.words import kind_name

ROUTE_FLAK_KM = 15.0  # a flak site this close to the straight route is over it
ROUTE_STEPS = 24


@dataclass(frozen=True)
class TargetRow:
    id: str
    name: str
    kind: str
    value: float
    damage: float | None  # estimated %, None when never assessed
    repair_days: float | None  # days the estimated damage takes to mend at full crew
    flak: float
    flak_briefed: bool
    mig_reach: float  # 0..1 at the target, from the sanctuary's airfields
    restriction: str  # "forbidden", "burdened" or ""
    route_guns: float  # flak guns along the route, the target's own left out
    route_migs: float  # 0..1, the most MiG reach along the route


def mig_exposure(rules: Rules, point: tuple[float, float]) -> float:
    """0..1: how far into the MiGs' reach from Manchuria a point lies (the picture's
    view: the bases across the Yalu, not any forward base the enemy hides)."""
    bases = [
        f.anchor
        for f in rules.geometry.on_layer(Layer.TARGETS)
        if f.kind == "airfield" and f.properties.get("foreign")
    ]
    if not bases:
        return 0.0
    d = min(dist(point, b) for b in bases)
    full, none = rules.enemy.mig_reach_full_km, rules.enemy.mig_reach_none_km
    if d <= full:
        return 1.0
    return 0.0 if d >= none else (none - d) / (none - full)


def _base_for(rules: Rules, target_id: str) -> tuple[float, float] | None:
    """The nearest base of a strike pool that can reach the target."""
    pos = rules.targets[target_id].position
    best: tuple[float, tuple[float, float]] | None = None
    for pool in rules.strike_pools:
        base = rules.geometry.features.get(pool.base)
        if base is None or base.reach_to(pos) > pool.range_km:
            continue
        d = base.reach_to(pos)
        if best is None or d < best[0]:
            best = (d, base.anchor)
    return None if best is None else best[1]


def _route_threats(rules: Rules, view: PlayerView, target_id: str) -> tuple[float, float]:
    end = rules.targets[target_id].position
    start = _base_for(rules, target_id)
    if start is None:
        return 0.0, mig_exposure(rules, end)
    points = [
        (
            start[0] + (end[0] - start[0]) * i / ROUTE_STEPS,
            start[1] + (end[1] - start[1]) * i / ROUTE_STEPS,
        )
        for i in range(ROUTE_STEPS + 1)
    ]
    guns = 0.0
    for tid in view.active_targets:
        t = rules.targets[tid]
        if tid == target_id or t.kind == "rail_segment" or dist(t.position, end) < 3.0:
            continue
        if min(dist(t.position, p) for p in points) <= ROUTE_FLAK_KM:
            guns += flak_picture(rules, view, tid)[0]
    return guns, max(mig_exposure(rules, p) for p in points)


def target_rows(rules: Rules, view: PlayerView) -> list[TargetRow]:
    rows = []
    for tid in view.active_targets:
        t = rules.targets[tid]
        if t.foreign:
            continue
        est = view.bda.get(tid)
        damage = est.damage if est is not None and est.seen is not None else None
        repair = None
        if damage is not None:
            repair = damage * t.repair_labour / max(1.0, t.repair_crew)
        flak, briefed = flak_picture(rules, view, tid)
        cards = guarding_cards(rules, view, tid)
        restriction = (
            "forbidden"
            if any(c.effect == "forbid" for c, _ in cards)
            else "burdened"
            if cards
            else ""
        )
        guns, migs = _route_threats(rules, view, tid)
        rows.append(
            TargetRow(
                tid,
                short_name(rules, tid),
                kind_name(t.kind),
                t.value,
                damage,
                repair,
                flak,
                briefed,
                mig_exposure(rules, t.position),
                restriction,
                guns,
                migs,
            )
        )
    return rows


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # at 100% interface scale
    sort: Callable[[TargetRow], object]
    text: Callable[[TargetRow], str]
    tip: str
    descending: bool = False  # the first click sorts the biggest first


def _days(d: float) -> str:
    return "none" if d <= 0 else "<1 d" if d < 1 else f"{d:.0f} d"


def _pct(x: float) -> str:
    return "none" if x <= 0.01 else "full" if x >= 0.99 else f"{x * 100:.0f}%"


COLUMNS: tuple[Column, ...] = (
    Column("name", "Target", 200, lambda r: r.name, lambda r: r.name, "The target's name"),
    Column("kind", "Kind", 150, lambda r: (r.kind, r.name), lambda r: r.kind, "What it is"),
    Column(
        "value",
        "Value",
        58,
        lambda r: r.value,
        lambda r: f"{r.value:g}",
        "Its worth to the enemy",
        True,
    ),
    Column(
        "damage",
        "Damage",
        74,
        lambda r: -1.0 if r.damage is None else r.damage,
        lambda r: "—" if r.damage is None else f"~{r.damage:.0f}%",
        "Estimated damage when last photographed (— never assessed)",
        True,
    ),
    Column(
        "repair",
        "Repair",
        70,
        lambda r: -1.0 if r.repair_days is None else r.repair_days,
        lambda r: "—" if r.repair_days is None else _days(r.repair_days),
        "Days the estimated damage takes the enemy to mend at the most labour he can put on it",
        True,
    ),
    Column(
        "flak",
        "Flak",
        64,
        lambda r: r.flak,
        lambda r: f"{r.flak:.0f}" + ("*" if r.flak_briefed else ""),
        "Heavy guns at the target (* the briefing's count: no report yet)",
        True,
    ),
    Column(
        "migs",
        "MiGs",
        64,
        lambda r: r.mig_reach,
        lambda r: _pct(r.mig_reach),
        "How fully the MiGs from Manchuria reach the target",
        True,
    ),
    Column(
        "limits",
        "Limits",
        86,
        lambda r: (r.restriction != "forbidden", r.restriction != "burdened"),
        lambda r: r.restriction or "—",
        "Restrictions in force: forbidden, or allowed at a cost (see its panel, I)",
    ),
    Column(
        "route",
        "Route",
        160,
        lambda r: r.route_guns + 100 * r.route_migs,
        lambda r: (
            (f"{r.route_guns:.0f} guns" if r.route_guns else "no flak")
            + (f", MiGs {_pct(r.route_migs)}" if r.route_migs > 0.01 else "")
        ),
        "Along the straight route from the nearest base that reaches it: the flak guns "
        "passed and the most MiG reach crossed",
        True,
    ),
)
