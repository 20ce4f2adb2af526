"""The communist leadership: what the war costs each capital, and what they decide.

Pyongyang, Beijing and Moscow (or whatever leaders a scenario names) each feel a daily
*strain*: the costs the player inflicts (power, industry, supply, towns, rice, MiGs lost,
losses at the front), weighted by what matters to that capital. Each has a hidden
*resolve*, drawn once per game around the scenario's figure: the strain it bears before
it moves toward terms. The negotiation meter is their combined willingness to sign.

The talks are their decisions too: a deadlock on the prisoners recesses the talks, the
leaders offer to return and concede on the prisoners when the meter says they would,
and they retaliate with propaganda and offensives. Every decision is an event with its
reason, so the planner can read them.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from game.core.events import Category, Event
from game.core.model import (
    COST_KINDS,
    GameState,
    LeaderDef,
    PressPolicy,
    Rules,
    TalksState,
)
from game.core.targets import DamageOverride, pressure_components

# What the leaders can decide, by the names conditions test (``enemy_decided``).
DECISIONS = (
    "recess",
    "return_to_talks",
    "concede_prisoners",
    "propaganda",
    "stockpile",
    "front_offensive",
    "forward_base",
    "withdraw_base",
)

# ----------------------------------------------------------------------------- costs


def costs(rules: Rules, state: GameState, damage: DamageOverride = None) -> dict[str, Any]:
    """The war's cost to the enemy by kind, each 0..1 (numbers, or arrays with ``damage``)."""
    L = rules.leadership
    parts = pressure_components(rules, state, damage)
    parts["air"] = min(1.0, state.migs_lost_memory / max(L.air_reference, 1e-9))
    parts["front"] = min(1.0, state.front_memory / max(L.front_reference, 1e-9))
    return parts


def strain(leader: LeaderDef, parts: dict[str, Any]) -> Any:
    total = sum(leader.weights.values()) or 1.0
    return sum(w * parts.get(k, 0.0) for k, w in leader.weights.items()) / total


def draw_resolve(rules: Rules, rng: np.random.Generator) -> dict[str, float]:
    """Each capital's hidden resolve for this game, around the scenario's figure."""
    return {
        leader.id: float(leader.resolve * math.exp(rng.normal(0.0, leader.resolve_spread)))
        for leader in rules.leaders
    }


def prior_resolve(rules: Rules, rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """What intelligence knows of the resolve: the scenario's spread, one per replication."""
    return {
        leader.id: leader.resolve * np.exp(rng.normal(0.0, leader.resolve_spread, n))
        for leader in rules.leaders
    }


def resolve_of(rules: Rules, state: GameState) -> dict[str, Any]:
    return {leader.id: state.resolve.get(leader.id, leader.resolve) for leader in rules.leaders}


# ----------------------------------------------------------------------- the meter


def meter_causes(
    rules: Rules,
    resolve: dict[str, Any],
    talks: TalksState,
    parts: dict[str, Any],
    press: PressPolicy,
    world_opinion: Any,
) -> dict[str, Any]:
    """A day's move of the meter, split by cause; numbers or arrays of replications.

    A capital whose strain exceeds its resolve pushes toward terms, and that push is
    split among the costs that make it up (``pressure_<kind>``); one under its resolve
    lets its willingness erode (``time``). A recess damps both; a break costs more.
    """
    m = rules.meter
    causes: dict[str, Any] = {f"pressure_{k}": 0.0 for k in COST_KINDS}
    causes["time"] = 0.0
    leaders = rules.leaders
    shares = sum(leader.share for leader in leaders) or 1.0
    damp = 1.0 if talks == TalksState.IN_SESSION else m.recess_factor
    for leader in leaders:
        weight = leader.share / shares
        total_w = sum(leader.weights.values()) or 1.0
        felt = {k: w * parts.get(k, 0.0) / total_w for k, w in leader.weights.items()}
        strain_now = sum(felt.values())
        push = m.pressure_gain * (strain_now - resolve[leader.id])
        moving = push > 0
        safe = np.where(moving, strain_now, 1.0)
        safe = np.where(safe > 0, safe, 1.0)
        for kind, part in felt.items():
            share_of_push = part / safe
            causes[f"pressure_{kind}"] = causes.get(f"pressure_{kind}", 0.0) + np.where(
                moving, weight * damp * push * share_of_push, 0.0
            )
        causes["time"] = causes["time"] + np.where(moving, 0.0, -weight * damp * m.decay)
    causes["talks"] = -m.decay if talks == TalksState.BROKEN_OFF else 0.0
    causes["face"] = -m.face_penalty if press == PressPolicy.PUBLICISED else 0.0
    causes["opinion"] = -m.opinion_weight * np.maximum(0.0, 50.0 - world_opinion)
    return causes


def add_causes(into: dict[str, float], causes: dict[str, Any]) -> None:
    for k, v in causes.items():
        into[k] = into.get(k, 0.0) + float(v)


# ------------------------------------------------------------------ the day's memory


def remember(rules: Rules, state: GameState, tallies: dict[str, float], cs_sorties: float) -> None:
    """Losses fade from the leaders' minds; the war's cost so far adds up."""
    fade = math.exp(-1.0 / max(rules.leadership.memory_days, 0.1))
    state.migs_lost_memory = state.migs_lost_memory * fade + tallies.get("migs_downed", 0.0)
    state.front_memory = state.front_memory * fade + cs_sorties
    state.civilian_memory = state.civilian_memory * fade + tallies.get("civilians", 0.0)
    parts = costs(rules, state)
    for leader in rules.leaders:
        state.strain_total[leader.id] = state.strain_total.get(leader.id, 0.0) + float(
            strain(leader, parts)
        )
    state.strain_days += 1


def mean_strain(state: GameState, leader_id: str) -> float:
    return state.strain_total.get(leader_id, 0.0) / max(1, state.strain_days)


# ----------------------------------------------------------------------- decisions


def decision(state: GameState, name: str, text: str, reason: str, day: date, **data: Any) -> Event:
    state.decisions.add(name)
    return Event(day, Category.ENEMY, text, cause=reason, data={"decision": name, **data})


def decide_talks(rules: Rules, state: GameState, events: list[Event], day: date) -> float:
    """The prisoner question: deadlock, recess, return, concession. Returns meter points."""
    L = rules.leadership
    if not L.pow_question or state.pow_settled:
        return 0.0
    if state.talks == TalksState.IN_SESSION:
        if state.meter >= L.concede_above:
            state.pow_settled = True
            state.deadlock_days = 0
            events.append(
                decision(
                    state,
                    "concede_prisoners",
                    "The enemy accepts a neutral commission for prisoners who refuse to go home.",
                    f"its willingness to sign reached {state.meter:.0f} (it concedes at about "
                    f"{L.concede_above:.0f}): the war now costs more than the prisoners are worth",
                    day,
                )
            )
            return L.concession_meter
        if state.meter < L.deadlock_below:
            state.deadlock_days += 1
        else:
            state.deadlock_days = max(0, state.deadlock_days - 1)
        if state.deadlock_days >= L.deadlock_days:
            state.talks = TalksState.RECESSED
            state.talks_until = None
            state.days_above_threshold = 0
            events.append(
                decision(
                    state,
                    "recess",
                    "Talks recessed: the prisoner question is deadlocked.",
                    f"the enemy held to all-for-all repatriation for {state.deadlock_days} days "
                    f"while its willingness stayed under {L.deadlock_below:.0f}",
                    day,
                )
            )
            state.deadlock_days = 0
            return L.recess_meter
    elif (
        state.talks == TalksState.RECESSED
        and state.talks_until is None
        and not state.talks_locked
        and state.meter >= L.return_above
    ):
        state.talks = TalksState.IN_SESSION
        events.append(
            decision(
                state,
                "return_to_talks",
                "The enemy proposes to resume the talks and to exchange sick and wounded "
                "prisoners.",
                f"its willingness to sign rose to {state.meter:.0f} in the recess (it returns "
                f"at about {L.return_above:.0f})",
                day,
            )
        )
    return 0.0


def retaliate(rules: Rules, state: GameState, events: list[Event], day: date) -> float:
    """Propaganda on the civilian dead; returns world-opinion points lost."""
    L = rules.leadership
    if L.propaganda_civilians <= 0 or state.civilian_memory < L.propaganda_civilians:
        return 0.0
    last = state.last_propaganda
    if last is not None and (day - last).days < L.propaganda_interval_days:
        return 0.0
    state.last_propaganda = day
    events.append(
        decision(
            state,
            "propaganda",
            "Radio Pyongyang and Peking broadcast the toll of the raids on towns.",
            f"about {state.civilian_memory:,.0f} civilian dead in recent weeks give it the "
            f"material; world opinion −{L.propaganda_world:.0f}",
            day,
        )
    )
    return L.propaganda_world


def plan_front(rules: Rules, state: GameState, events: list[Event], day: date) -> None:
    """At the front it holds, builds a stockpile or attacks, as its willingness says."""
    L, s = rules.leadership, rules.supply
    if L.offensive_days <= 0 or not rules.leadership.leaders:
        return
    if state.front_offensive_days_left > 0:
        state.front_offensive_days_left -= 1
        if state.front_offensive_days_left == 0:
            state.front_plan = "hold"
        return
    hard_line = state.meter < L.offensive_below and state.offensive_days_left == 0
    last = state.last_front_offensive
    rested = last is None or (day - last).days >= L.offensive_interval_days
    stock = state.stockpile / max(s.initial_stockpile, 1.0)
    if hard_line and rested and stock >= L.offensive_stockpile:
        state.front_plan = "attack"
        state.front_offensive_days_left = L.offensive_days
        state.last_front_offensive = day
        events.append(
            decision(
                state,
                "front_offensive",
                "The enemy attacks along the front to gain ground and leverage at the talks.",
                f"its stockpile reached {stock:.1f} times its usual and it is not ready to sign "
                f"(willingness {state.meter:.0f})",
                day,
            )
        )
    elif hard_line and rested and state.front_supply_pct >= 90:
        if state.front_plan != "stockpile":
            events.append(
                decision(
                    state,
                    "stockpile",
                    "The enemy holds back its artillery and builds a stockpile at the front.",
                    "its supply gets through and it wants leverage before it talks",
                    day,
                )
            )
        state.front_plan = "stockpile"
    else:
        state.front_plan = "hold"


def succession(rules: Rules, state: GameState, leader_id: str, resolve_drop: float) -> str:
    """A new leadership weighs the war afresh: the more it has cost, the more it gives."""
    leader = next((ld for ld in rules.leaders if ld.id == leader_id), None)
    if leader is None:
        return ""
    felt = mean_strain(state, leader_id) / max(leader.resolve, 1e-9)
    factor = min(2.0, max(0.0, felt))
    before = state.resolve.get(leader_id, leader.resolve)
    state.resolve[leader_id] = max(0.0, before * (1 - resolve_drop * factor))
    return (
        f"{leader.name}'s resolve falls by {1 - state.resolve[leader_id] / max(before, 1e-9):.0%}"
        f" (the war has cost it {felt:.1f} times what it bore at the start)"
    )


def forward_bases(rules: Rules, state: GameState, events: list[Event], day: date) -> None:
    """MiGs move onto repaired North Korean airfields and leave cratered ones."""
    L = rules.leadership
    if not rules.leadership.leaders:
        return
    for tid in rules.targets_by_kind.get("airfield", ()):
        t, ts = rules.targets[tid], state.targets[tid]
        if t.foreign:
            continue
        usable = ts.active and ts.damage <= L.forward_base_damage
        if usable and tid not in state.forward_bases and state.mig_strength >= L.forward_min_migs:
            state.forward_bases.add(tid)
            events.append(
                decision(
                    state,
                    "forward_base",
                    f"MiG-15s move forward to {t.name}.",
                    f"the airfield is repaired ({ts.damage:.0f}% damaged): from there the MiGs "
                    "reach further south",
                    day,
                    target=tid,
                )
            )
        elif not usable and tid in state.forward_bases:
            state.forward_bases.discard(tid)
            events.append(
                decision(
                    state,
                    "withdraw_base",
                    f"MiG-15s withdraw from {t.name} to Manchuria.",
                    f"the airfield is {ts.damage:.0f}% damaged",
                    day,
                    target=tid,
                )
            )
