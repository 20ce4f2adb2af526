"""What scenario events can do, one function per effect, registered by name.

Each effect's docstring shows how a scenario writes it. An effect changes the state
and returns the plain-words line the report shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from game.core import leadership
from game.core.model import GameState, Rules, TalksState

EffectFn = Callable[[Rules, GameState, dict[str, Any]], str]
EFFECTS: dict[str, EffectFn] = {}
# Parameters each effect needs and their types, for the scenario validator.
EFFECT_PARAMS: dict[str, dict[str, type | tuple[type, ...]]] = {}


def effect(name: str, **params: type | tuple[type, ...]) -> Callable[[EffectFn], EffectFn]:
    def register(fn: EffectFn) -> EffectFn:
        EFFECTS[name] = fn
        EFFECT_PARAMS[name] = params
        return fn

    return register


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


@effect("card_in", card=str)
def card_in(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "card_in", card = "warnings_curtailed" }``: a card comes into play."""
    state.cards[p["card"]].in_force = True
    return f"New restriction: {rules.cards[p['card']].name}."


@effect("card_out", card=str)
def card_out(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "card_out", card = "suiho_prohibited" }``: a card leaves play."""
    state.cards[p["card"]].in_force = False
    return f"Restriction lifted: {rules.cards[p['card']].name}."


@effect("meter", delta=(int, float))
def meter(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "meter", delta = 10 }``: the enemy's willingness to sign moves."""
    state.meter = _clamp(state.meter + p["delta"])
    return f"Enemy willingness to sign {'rises' if p['delta'] > 0 else 'falls'}."


@effect("world_opinion", delta=(int, float))
def world_opinion(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "world_opinion", delta = -5 }``."""
    state.world_opinion = _clamp(state.world_opinion + p["delta"])
    return f"World opinion {p['delta']:+.0f}."


@effect("us_patience", delta=(int, float))
def us_patience(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "us_patience", delta = 10 }``."""
    state.us_patience = _clamp(state.us_patience + p["delta"])
    return f"US patience {p['delta']:+.0f}."


@effect("talks", state=str)
def talks(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "talks", state = "recessed", days = 30, locked = true }``.

    ``days`` ends the recess by itself; ``locked`` holds it until an event sets the
    talks back ``in_session``.
    """
    new, before = TalksState(p["state"]), state.talks
    state.talks = new
    state.talks_locked = bool(p.get("locked", False)) and new != TalksState.IN_SESSION
    days = p.get("days")
    state.talks_until = state.day + timedelta(days=int(days)) if days else None
    if new == TalksState.IN_SESSION:
        state.talks_until = None
        return (
            "The talks open." if before == TalksState.NOT_OPENED else "Talks resume at Panmunjom."
        )
    if new == TalksState.NOT_OPENED:
        return "No talks are held."
    return "Talks recessed." if new == TalksState.RECESSED else "Talks broken off."


@effect("pool", pool=str)
def pool(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "pool", pool = "f86", ready = 40 }``: aircraft join or leave a pool."""
    ps = state.pools[p["pool"]]
    ps.ready = max(0, ps.ready + int(p.get("ready", 0)))
    name = rules.pools[p["pool"]].name
    return f"{name}: {int(p.get('ready', 0)):+d} aircraft."


@effect("mig_strength", delta=(int, float))
def mig_strength(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "mig_strength", delta = 50 }``: MiGs in the Manchurian sanctuary."""
    state.mig_strength = max(0.0, state.mig_strength + p["delta"])
    return f"Enemy fighter strength {p['delta']:+.0f}."


@effect("labour", factor=(int, float))
def labour(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "labour", factor = 1.2 }``: multiplies the enemy's repair labour."""
    state.labour_factor *= p["factor"]
    return "Enemy repair labour changes."


@effect("navy_cooperation", delta=(int, float))
def navy_cooperation(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "navy_cooperation", delta = 0.1 }``: Task Force 77's willingness."""
    state.navy_cooperation = max(0.0, min(1.0, state.navy_cooperation + p["delta"]))
    return "Navy cooperation changes."


@effect("succession", leader=str, resolve_drop=(int, float))
def succession(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "succession", leader = "moscow", resolve_drop = 0.3 }``: new leaders.

    The leader's hidden resolve falls by up to ``resolve_drop`` of itself, scaled by
    what the war has cost that capital so far: with no pressure it changes little.
    """
    return leadership.succession(rules, state, p["leader"], float(p["resolve_drop"]))


@effect("end_game", ending=str)
def end_game(rules: Rules, state: GameState, p: dict[str, Any]) -> str:
    """``{ kind = "end_game", ending = "ceasefire" }``: the game ends that day with one of
    the scenario's ``[[endings]]``."""
    state.ending = p["ending"]
    title = next((e.title for e in rules.endings if e.id == p["ending"]), p["ending"])
    return f"The game ends: {title}"


def apply(rules: Rules, state: GameState, kind: str, params: dict[str, Any]) -> str:
    return EFFECTS[kind](rules, state, params)
