"""Restriction cards, the talks, the negotiation meter, world opinion and US patience."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from game.core import leadership
from game.core.conditions import all_hold
from game.core.events import Category, Event
from game.core.model import (
    CardDef,
    GameState,
    OpinionRules,
    PressPolicy,
    Rules,
    TalksState,
)
from game.core.targets import (
    DamageOverride,
    pressure_components,
)

if TYPE_CHECKING:  # orders asks the cards what they forbid, so only the type is needed here
    from game.core.orders import StrikePackage

# ----------------------------------------------------------------------------- cards


def card_matches(rules: Rules, card: CardDef, package: StrikePackage) -> bool:
    """Whether a card's scope covers a package (every field given must match)."""
    scope = card.scope
    if not scope.is_order_scope() and not scope.warnings:
        return False
    if scope.warnings and not package.warning:
        return False
    target = rules.targets[package.target]
    if scope.targets and target.id not in scope.targets:
        return False
    if scope.target_kinds and target.kind not in scope.target_kinds:
        return False
    inside = rules.zones_of[target.id]
    if scope.zones and not any(z.id in scope.zones for z in inside):
        return False
    if scope.zone_kinds and not any(z.kind in scope.zone_kinds for z in inside):
        return False
    pools = [pid for pid, _ in (*package.strike, *package.suppression)]
    if scope.pools and not any(pid in scope.pools for pid in pools):
        return False
    if scope.roles and not any(rules.pools[pid].role in scope.roles for pid in pools):
        return False
    if scope.time == "day" and package.night:
        return False
    return not (scope.time == "night" and not package.night)


def cards_in_force(rules: Rules, state: GameState) -> list[CardDef]:
    return [c for cid, c in sorted(rules.cards.items()) if state.cards[cid].in_force]


def card_blocking_package(rules: Rules, state: GameState, package: StrikePackage) -> str | None:
    for card in cards_in_force(rules, state):
        if card.effect == "forbid" and card_matches(rules, card, package):
            return card.id
    return None


def burdens(rules: Rules, state: GameState, package: StrikePackage) -> list[CardDef]:
    return [
        c
        for c in cards_in_force(rules, state)
        if c.effect == "burden" and card_matches(rules, c, package)
    ]


def card_forbidding_press(rules: Rules, state: GameState, press: PressPolicy) -> str | None:
    for card in cards_in_force(rules, state):
        if card.effect == "forbid" and press.value in card.scope.press:
            return card.id
    return None


def lift_cards_by_circumstance(rules: Rules, state: GameState, events: list[Event]) -> None:
    for card in cards_in_force(rules, state):
        if card.lifted_when and all_hold(card.lifted_when, state):
            state.cards[card.id].in_force = False
            events.append(
                Event(
                    state.day,
                    Category.CARD,
                    f"Restriction lifted: {card.name}.",
                    cause="circumstances changed: " + describe_conditions(card),
                    data={"card": card.id},
                )
            )


def describe_conditions(card: CardDef) -> str:
    return ", ".join(f"{c.metric} {c.op} {c.value}" for c in card.lifted_when)


def resolve_jcs_requests(
    rules: Rules,
    state: GameState,
    requests: tuple[str, ...],
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    """The JCS hear each request: easier when talks stall and the world is calm."""
    for card_id in requests:
        if card_id not in rules.cards:
            continue  # validation names it; a turn does not fail over it
        card = rules.cards[card_id]
        cs = state.cards[card_id]
        if not cs.in_force or card.jcs_approval <= 0:
            continue
        chance = card.jcs_approval
        if state.talks != TalksState.IN_SESSION:
            chance *= rules.jcs_stalled_factor
        chance *= state.world_opinion / rules.opinion.world_initial
        chance *= rules.jcs_repeat_factor**cs.requests
        chance = max(0.0, min(rules.jcs_max_chance, chance))
        cs.requests += 1
        # Asking spends the planner's standing in Washington, granted or not.
        state.us_patience = max(0.0, state.us_patience - rules.opinion.jcs_request_patience)
        if rng.random() < chance:
            cs.in_force = False
            events.append(
                Event(
                    state.day,
                    Category.CARD,
                    f"JCS approve: '{card.name}' is lifted.",
                    cause=f"your request (chance {chance:.0%}; talks {state.talks.value})",
                    data={"card": card_id, "approved": True, "chance": round(chance, 3)},
                )
            )
        else:
            events.append(
                Event(
                    state.day,
                    Category.CARD,
                    f"JCS decline to lift '{card.name}'.",
                    cause=f"your request (chance {chance:.0%}); each refusal makes the next harder",
                    data={"card": card_id, "approved": False, "chance": round(chance, 3)},
                )
            )


# ----------------------------------------------------------------------- the meter


def pressure_index(rules: Rules, state: GameState, damage: DamageOverride = None) -> Any:
    """The cost of the war to the enemy, 0..1, weighted as the scenario says."""
    parts = pressure_components(rules, state, damage)
    weights = rules.meter.weights
    total = sum(weights.values()) or 1.0
    return sum(weights.get(k, 0.0) * v for k, v in parts.items()) / total


def daily_politics(
    rules: Rules,
    state: GameState,
    press: PressPolicy,
    today: dict[str, float],
    events: list[Event],
) -> dict[str, float]:
    """Move the meter, world opinion and US patience for one day; the meter's causes.

    ``today`` carries the day's tallies: civilian and UN casualties, aircraft lost,
    incidents, warned strikes, floods, and the share of the day's sorties flown.
    """
    o = rules.opinion
    causes = leadership.meter_causes(
        rules,
        leadership.resolve_of(rules, state),
        state.talks,
        leadership.costs(rules, state),
        press,
        state.world_opinion,
    )
    day_causes = {k: float(v) for k, v in causes.items()}
    moved = state.meter + sum(day_causes.values())
    state.meter = _clamp(moved)
    if state.meter != moved:
        day_causes["limits"] = state.meter - moved

    world, patience = opinion_moves(o, today, press, state.world_opinion)
    state.world_opinion = _clamp(state.world_opinion + world)
    state.us_patience = _clamp(state.us_patience + patience)
    return day_causes


def opinion_moves(
    o: OpinionRules, today: Mapping[str, Any], press: PressPolicy, world_now: Any
) -> tuple[Any, Any]:
    """A day's change of world opinion and of US patience, from the day's tallies.

    Numbers or numpy arrays (the forecast's replications); the real turn and the
    forecast both call this, so the two cannot drift apart.
    """
    world = -today.get("civilians", 0.0) / o.civilian_per_point
    world = world - today.get("incidents", 0.0) * o.incident_world
    world = world - today.get("border_incidents", 0.0) * o.border_incident_world
    world = world - today.get("floods", 0.0) * o.dam_world
    world = world + today.get("warned_strikes", 0.0) * o.warnings_world
    if press == PressPolicy.PUBLICISED:
        world = world - o.publicised_world
    world = world + o.world_recovery * np.sign(o.world_initial - world_now)

    patience = -o.stalemate_per_day - today.get("un_casualties", 0.0) / o.un_casualties_per_point
    patience = patience - today.get("aircraft_lost", 0.0) / o.aircraft_per_point
    patience = patience - today.get("warned_strikes", 0.0) * o.warning_patience
    # Washington expects its air forces to fight: weather and stand-downs leave some
    # squadrons idle unremarked, but an air force kept on the ground costs patience.
    idle = max(0.0, 1.0 - today.get("effort", 1.0) - o.idle_tolerance)
    patience = patience - o.idle_patience * idle / max(1e-9, 1.0 - o.idle_tolerance)
    if press == PressPolicy.PUBLICISED:
        patience = patience + o.publicised_patience
    return world, patience


def _clamp(v: float) -> float:
    return float(max(0.0, min(100.0, v)))


def talks_timers(state: GameState, events: list[Event]) -> None:
    """A recess or walk-out with an end date ends by itself."""
    if (
        state.talks != TalksState.IN_SESSION
        and not state.talks_locked
        and state.talks_until is not None
        and state.day >= state.talks_until
    ):
        state.talks = TalksState.IN_SESSION
        state.talks_until = None
        events.append(
            Event(
                state.day,
                Category.TALKS,
                "Talks resume at Panmunjom.",
                cause="the enemy delegation returns after its walk-out",
            )
        )


def walk_out(rules: Rules, state: GameState, where: str, events: list[Event], day: date) -> None:
    """The enemy takes an incident near the venue as a pretext to leave the talks."""
    from datetime import timedelta

    if state.talks != TalksState.IN_SESSION:
        return
    state.talks = TalksState.RECESSED
    state.talks_until = day + timedelta(days=rules.enemy.walkout_days)
    state.days_above_threshold = 0
    events.append(
        Event(
            day,
            Category.TALKS,
            f"Talks recessed: stray bombs inside the {where}.",
            cause=f"the enemy delegation walks out over bombs near the venue ({where})",
            data={"days": rules.enemy.walkout_days},
        )
    )
