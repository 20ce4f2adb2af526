"""The target network: power, industry, cities, and rail throughput to the front."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from game.core.model import GameState, Rules

# Damage by target id to use instead of the state's; values may be numpy arrays, so the
# forecast computes the same figures over a thousand replications at once.
DamageOverride = Mapping[str, Any] | None


def _damage(state: GameState, tid: str, override: DamageOverride) -> Any:
    if override is not None and tid in override:
        return override[tid]
    return state.targets[tid].damage


POWER_KINDS = ("hydro_plant", "thermal_plant")
INDUSTRY_KINDS = ("industrial_complex", "refinery", "mine", "supply_complex")
URBAN_KINDS = ("city",)
# Every class a target may have on the map, and every class of zone; the scenario
# loader refuses others, so a typo is named instead of silently matching nothing.
TARGET_KINDS = (
    *POWER_KINDS,
    *INDUSTRY_KINDS,
    *URBAN_KINDS,
    "rail_segment",
    "rail_bridge",
    "marshalling_yard",
    "airfield",
    "dam",
    "port",
)
ZONE_KINDS = ("sanctuary", "neutral_zone", "pow_camp", "mig_alley", "border_buffer", "naval_area")


def power_destroyed_pct(rules: Rules, state: GameState, damage: DamageOverride = None) -> Any:
    """1 - functional MW / pre-war MW over the generating targets in Korea."""
    total = 0.0
    functional: Any = 0.0
    for tid, t in rules.targets.items():
        if t.kind in POWER_KINDS and not t.foreign:
            total += t.capacity
            functional = functional + t.capacity * (1 - _damage(state, tid, damage) / 100)
    return 0.0 if total == 0 else 100.0 * (1 - functional / total)


def industry_loss(rules: Rules, state: GameState, damage: DamageOverride = None) -> Any:
    """Share of industrial output lost (0..1): damage, lack of power, and dispersal."""
    total = 0.0
    output: Any = 0.0
    power_left = 1 - power_destroyed_pct(rules, state, damage) / 100
    for tid, t in rules.targets.items():
        if t.kind not in INDUSTRY_KINDS or t.foreign:
            continue
        ts = state.targets[tid]
        total += t.capacity
        efficiency = 1.0 if ts.active else rules.enemy.dispersed_efficiency
        # Industry needs power; dispersed plants bring their own, badly.
        powered = 0.5 + 0.5 * power_left if ts.active else 1.0
        output = (
            output + t.capacity * (1 - _damage(state, tid, damage) / 100) * efficiency * powered
        )
    return 0.0 if total == 0 else 1 - output / total


def main_city_damage(rules: Rules, state: GameState, damage: DamageOverride = None) -> Any:
    cities = [c for c in rules.main_cities if c in state.targets]
    if not cities:
        cities = [tid for tid, t in rules.targets.items() if t.kind in URBAN_KINDS]
    if not cities:
        return 0.0
    return sum(_damage(state, c, damage) for c in cities) / (100 * len(cities))


def cities_half_destroyed(rules: Rules, state: GameState) -> int:
    return sum(1 for c in rules.main_cities if c in state.targets and state.targets[c].damage >= 50)


def rice_potential(rules: Rules) -> float:
    return sum(t.rice_tons for t in rules.targets.values() if t.kind == "dam")


def pressure_components(
    rules: Rules, state: GameState, damage: DamageOverride = None
) -> dict[str, Any]:
    rice = rice_potential(rules)
    return {
        "power": power_destroyed_pct(rules, state, damage) / 100,
        "industry": industry_loss(rules, state, damage),
        "supply": max(0.0, 1 - state.front_supply_pct / 100),
        "cities": main_city_damage(rules, state, damage),
        "food": 0.0 if rice == 0 else min(1.0, state.rice_lost / rice),
    }


def effective_flak(rules: Rules, state: GameState, target_id: str) -> float:
    """Guns at a target: its own plus its share of the enemy's mobile flak."""
    t = rules.targets[target_id]
    same_kind = [tid for tid in rules.targets_by_kind[t.kind] if state.targets[tid].active]
    mobile = state.mobile_flak.get(t.kind, 0.0) / max(1, len(same_kind))
    return state.targets[target_id].flak + mobile


# ----------------------------------------------------------------------- supply flow


def _node_factor(rules: Rules, state: GameState, station: str) -> float:
    factor = 1.0
    if station in rules.targets and rules.targets[station].kind in URBAN_KINDS:
        factor *= 1 - 0.5 * rules.supply.city_node_factor * state.targets[station].damage / 100
    for tid in rules.carried_by.get(station, ()):
        if rules.targets[tid].kind == "marshalling_yard":
            factor *= 1 - rules.supply.yard_node_factor * state.targets[tid].damage / 100
    return max(0.0, factor)


def segment_capacity(rules: Rules, state: GameState, segment_id: str) -> float:
    seg = rules.targets[segment_id]
    cap = seg.capacity * (1 - state.targets[segment_id].damage / 100)
    for tid in rules.carried_by.get(segment_id, ()):
        if rules.targets[tid].kind == "rail_bridge":
            cap *= 1 - state.targets[tid].damage / 100
    return cap * _node_factor(rules, state, seg.rail_from) * _node_factor(rules, state, seg.rail_to)


def rail_throughput(rules: Rules, state: GameState) -> float:
    """Tons a day the rail net can carry from the entry crossings to the front depots."""
    source, sink = "@source", "@sink"
    cap: dict[str, dict[str, float]] = {}

    def add(a: str, b: str, c: float) -> None:
        cap.setdefault(a, {}).setdefault(b, 0.0)
        cap.setdefault(b, {}).setdefault(a, 0.0)
        cap[a][b] += c

    for tid in rules.targets_by_kind.get("rail_segment", ()):
        t = rules.targets[tid]
        c = segment_capacity(rules, state, tid)
        add(t.rail_from, t.rail_to, c)
        add(t.rail_to, t.rail_from, c)
    for station, tons in rules.supply.entries.items():
        add(source, station, tons)
    for depot in rules.supply.depots:
        add(depot, sink, float("inf"))
    return _max_flow(cap, source, sink)


def _max_flow(cap: dict[str, dict[str, float]], source: str, sink: str) -> float:
    """Edmonds-Karp on a small graph (a few dozen stations)."""
    if source not in cap or sink not in cap:
        return 0.0
    flow_total = 0.0
    residual = {a: dict(bs) for a, bs in cap.items()}
    while True:
        parent: dict[str, str] = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            a = queue.popleft()
            for b, c in residual[a].items():
                if c > 1e-9 and b not in parent:
                    parent[b] = a
                    queue.append(b)
        if sink not in parent:
            return flow_total
        bottleneck = float("inf")
        b = sink
        while b != source:
            a = parent[b]
            bottleneck = min(bottleneck, residual[a][b])
            b = a
        b = sink
        while b != source:
            a = parent[b]
            residual[a][b] -= bottleneck
            residual[b][a] += bottleneck
            b = a
        flow_total += bottleneck
