"""The enemy's decisions each day: repair, adapt, lower reservoirs, fight and supply.

The enemy sees the true state (it is its own country); difficulty changes its
parameters, never these rules.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from game.core.events import Category, Event
from game.core.model import GameState, Rules
from game.core.targets import main_city_damage, rail_throughput

RAIL_KINDS = ("rail_segment", "rail_bridge", "marshalling_yard")


def repair(rules: Rules, state: GameState, events: list[Event], day: date) -> dict[str, float]:
    """Spend the day's labour by priority: kinds in the scenario's order, then by value."""
    e = rules.enemy
    city_damage = main_city_damage(rules, state)
    labour = e.labour * state.labour_factor * (1 - e.labour_loss_per_city_damage * city_damage)
    # A starving front makes the enemy throw labour battalions at the railways.
    shortfall = max(0.0, 1 - state.front_supply_pct / 100)
    labour *= 1 + e.labour_surge * shortfall
    priorities = list(e.priorities)
    if e.dam_priority_after_breach and any(ts.breached for ts in state.targets.values()):
        priorities = ["dam", *[k for k in priorities if k != "dam"]]
    rank = {kind: i for i, kind in enumerate(priorities)}
    damaged = [
        tid
        for tid, ts in state.targets.items()
        if ts.damage > 0 and ts.active and rules.targets[tid].kind in rank
    ]
    if e.priority_decay > 0:
        # Labour goes where it buys back the most of what the strikes cost: value per
        # labour-day, the railways more when the front is short, each step down the
        # priorities weighing less.
        def worth(tid: str) -> float:
            t = rules.targets[tid]
            rail = 1 + e.labour_surge * shortfall if t.kind in RAIL_KINDS else 1.0
            return e.priority_decay ** rank[t.kind] * t.value * rail / t.repair_labour

        damaged.sort(key=lambda tid: (-worth(tid), tid))
    else:
        damaged.sort(
            key=lambda tid: (rank[rules.targets[tid].kind], -rules.targets[tid].value, tid)
        )
    spent: dict[str, float] = {}
    for tid in damaged:
        if labour <= 0:
            break
        t, ts = rules.targets[tid], state.targets[tid]
        need = ts.damage * t.repair_labour
        crew = min(labour, t.repair_crew, need)
        ts.damage = max(0.0, ts.damage - crew / t.repair_labour)
        labour -= crew
        spent[tid] = crew
        if t.kind == "dam" and ts.breached and ts.damage < e.breach_damage:
            ts.breached = False
            ts.flak += 4  # the enemy guards what it rebuilt
            events.append(
                Event(
                    day,
                    Category.REPAIR,
                    f"{t.name} closed again with a temporary dam, and flak emplaced around it.",
                    cause=f"repair crews of up to {t.repair_crew:,.0f} labourers",
                    target=tid,
                )
            )
    return spent


def rebuild_towns(rules: Rules, state: GameState, day: date) -> None:
    """Townspeople clear rubble and rebuild once the raids leave their town alone."""
    e = rules.enemy
    if e.town_recovery_per_day <= 0:
        return
    for tid in rules.targets_by_kind.get("city", ()):
        ts = state.targets[tid]
        quiet = ts.last_struck is None or (day - ts.last_struck).days >= e.town_recovery_delay
        if ts.damage > 0 and quiet:
            ts.damage = max(0.0, ts.damage - e.town_recovery_per_day)


def adapt_flak(rules: Rules, state: GameState) -> None:
    """Move mobile flak toward the kinds of target being hit, and forget slowly."""
    e = rules.enemy
    fade = math.exp(-1.0 / max(e.memory_days, 0.1))
    for kind in list(state.strike_memory):
        state.strike_memory[kind] *= fade
    state.night_defence *= fade  # searchlights and night fighters go where raids come
    total = sum(state.strike_memory.values())
    kinds = sorted({t.kind for t in rules.targets.values()} | set(state.mobile_flak))
    for kind in kinds:
        want = e.flak_mobile * (state.strike_memory.get(kind, 0.0) / total) if total > 0 else 0.0
        have = state.mobile_flak.get(kind, 0.0)
        state.mobile_flak[kind] = have + e.adaptation * (want - have)
    # Guns not yet placed stay with the kinds of target that are hit most.
    placed = sum(state.mobile_flak.values())
    if placed > e.flak_mobile and placed > 0:
        scale = e.flak_mobile / placed
        for kind in state.mobile_flak:
            state.mobile_flak[kind] *= scale


def disperse(rules: Rules, state: GameState, events: list[Event], day: date) -> None:
    """Battered industry moves north-east or underground: the target list shrinks.

    The enemy moves what hurts most first (value times damage), as fast as its
    engineers allow: ``dispersal_rate`` moves a day for each plant past the threshold.
    """
    e = rules.enemy
    candidates = [
        tid
        for tid in sorted(state.targets)
        if state.targets[tid].active
        and rules.targets[tid].kind in e.dispersal_kinds
        and state.targets[tid].damage >= e.dispersal_threshold
    ]
    if not candidates:
        return
    state.dispersal_progress += e.dispersal_rate * len(candidates)
    if state.dispersal_progress < 1.0:
        return
    state.dispersal_progress -= 1.0
    tid = max(candidates, key=lambda c: (rules.targets[c].value * state.targets[c].damage, c))
    t, ts = rules.targets[tid], state.targets[tid]
    ts.active = False
    events.append(
        Event(
            day,
            Category.ENEMY,
            f"{t.name}: what is left has been moved underground and to the north-east.",
            cause=f"the most valuable of {len(candidates)} battered plants: struck "
            f"{ts.times_struck} times and left {ts.damage:.0f}% damaged",
            target=tid,
            data={"decision": "disperse"},
        )
    )


def reservoirs(rules: Rules, state: GameState, events: list[Event], day: date) -> int:
    """After the first dam strike the enemy lowers its reservoirs; a breach floods.

    Returns the number of floods, which cost world opinion.
    """
    e = rules.enemy
    floods = 0
    alert = state.reservoir_alert_day is not None and day >= state.reservoir_alert_day
    for tid in sorted(state.targets):
        t, ts = rules.targets[tid], state.targets[tid]
        if t.kind != "dam":
            continue
        if alert and ts.reservoir > e.reservoir_floor and not ts.breached:
            was = ts.reservoir
            ts.reservoir = max(e.reservoir_floor, ts.reservoir - e.reservoir_lowering_per_day)
            if was >= 0.999:
                events.append(
                    Event(
                        day,
                        Category.ENEMY,
                        f"The enemy is lowering the reservoir behind {t.name}.",
                        cause="earlier strikes on dams warned it",
                        target=tid,
                    )
                )
        if ts.damage >= e.breach_damage and not ts.breached:
            ts.breached = True
            floods += _breach(rules, state, tid, events, day)
    return floods


def _breach(rules: Rules, state: GameState, dam_id: str, events: list[Event], day: date) -> int:
    e = rules.enemy
    dam, ts = rules.targets[dam_id], state.targets[dam_id]
    if ts.reservoir < 0.5:
        events.append(
            Event(
                day,
                Category.FLOOD,
                f"{dam.name} is breached, but the reservoir had been lowered: no flood.",
                cause=f"reservoir at {ts.reservoir:.0%} when the dam broke",
                target=dam_id,
            )
        )
        return 0
    flooded = []
    for victim in dam.floods:
        if victim in state.targets:
            vs = state.targets[victim]
            vs.damage = min(100.0, vs.damage + e.flood_damage * ts.reservoir)
            flooded.append(rules.targets[victim].name)
    rice = dam.rice_tons * ts.reservoir
    state.rice_lost += rice
    events.append(
        Event(
            day,
            Category.FLOOD,
            f"{dam.name} breached: the flood washes out "
            f"{', '.join(flooded) or 'the valley'} and {rice:,.0f} t of rice.",
            cause=f"the strike broke the dam with the reservoir {ts.reservoir:.0%} full",
            target=dam_id,
            data={"rice_tons": rice, "flooded": list(dam.floods)},
        )
    )
    return 1


def migs(rules: Rules, state: GameState) -> None:
    e = rules.enemy
    state.mig_strength = min(e.mig_max, state.mig_strength + e.mig_replacement_per_day)


def supply_the_front(
    rules: Rules,
    state: GameState,
    tallies: dict[str, float],
    close_support_sorties: float,
) -> None:
    """Rail and road carry supply to the front; its stockpile funds artillery fire."""
    s = rules.supply
    rail = rail_throughput(rules, state)
    # Trucks moving by night, dispersed, keep a share of the road traffic out of reach.
    killed = s.truck_kill_per_sortie * tallies.get("interdiction_sorties", 0.0)
    road = s.road_capacity - min(killed, s.road_kill_max * s.road_capacity)
    food = s.food_per_rice_ton * state.rice_lost
    delivered = max(0.0, rail + road - food)
    fire = state.artillery
    consumption = s.demand * (1 - s.fire_consumption + s.fire_consumption * fire)
    face_saving = state.offensive_days_left > 0
    offensive = face_saving or state.front_offensive_days_left > 0
    if offensive:
        days = rules.meter.offensive_days if face_saving else rules.leadership.offensive_days
        spend = rules.meter.offensive_supply * state.stockpile / max(1, days)
        consumption += spend
    state.stockpile = float(np.clip(state.stockpile + delivered - consumption, 0, s.max_stockpile))
    today_pct = 100.0 * min(s.supply_surplus_cap, delivered / s.demand) if s.demand else 100.0
    w = s.supply_smoothing
    state.front_supply_pct = (1 - w) * state.front_supply_pct + w * today_pct
    stocked = s.artillery_base * state.stockpile / max(s.initial_stockpile, 1.0)
    if rules.leadership.leaders:
        # A deciding enemy rations rather than falls silent: its guns fire what arrives,
        # and it holds fire back while it builds a stockpile for an offensive.
        arriving = s.artillery_base * min(1.0, delivered / s.demand) if s.demand else 1.0
        stocked = max(stocked, s.ration_fire * arriving)
        if state.front_plan == "stockpile":
            stocked *= rules.leadership.stockpile_fire
    state.artillery = float(np.clip(stocked, 0, s.artillery_max))
    suppression = min(s.suppression_cap, s.close_support_per_sortie * close_support_sorties)
    growth = 1 + s.un_casualty_growth * (state.artillery - 1)
    un = s.un_casualties_per_fire * max(0.0, growth) * (1 - suppression)
    if offensive:
        un *= 3
    state.un_casualties += un
    tallies["un_casualties"] = tallies.get("un_casualties", 0.0) + un
    tallies["delivered"] = delivered
