"""The intelligence picture: what the player may know, built from noisy observations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from game.core.model import Estimate, GameState, PressPolicy, Rules, TalksState
from game.core.targets import power_destroyed_pct


def observe(
    rules: Rules,
    state: GameState,
    target_id: str,
    confidence: float,
    day: date,
    rng: np.random.Generator,
) -> None:
    """A look at a target (strike photos or a reconnaissance run) updates its estimate."""
    est = state.intel.bda.setdefault(target_id, Estimate())
    confidence = max(confidence, est.confidence if est.seen == day else 0.0)
    truth = state.targets[target_id].damage
    noise = rules.bda_noise * (1 - confidence)
    est.damage = float(np.clip(truth + rng.normal(0.0, noise), 0.0, 100.0))
    est.confidence = confidence
    est.seen = day


def decay_confidence(rules: Rules, state: GameState) -> None:
    for est in state.intel.bda.values():
        est.confidence = max(0.0, est.confidence - rules.bda_decay)


def end_of_turn_picture(
    rules: Rules,
    state: GameState,
    meter_causes: dict[str, float],
    days: int,
    rng: np.random.Generator,
) -> dict[str, float]:
    """The turn's picture of the enemy; returns the meter's estimate by cause for the history.

    Enemy strength, flak and front supply are known roughly, each turn afresh. The meter
    is read as analysts read it: each cause of its move is estimated with its own error,
    and their sum is revised a little toward the agents' noisy reading of the level. The
    error so carries over from turn to turn, so the estimate's moves follow the true ones.
    """
    intel = state.intel
    picture = meter_picture(rules, state, meter_causes, days, rng)
    intel.meter_estimate = picture["meter_estimate"]
    intel.mig_estimate = float(state.mig_strength * rng.lognormal(0.0, rules.mig_noise))
    from game.core.targets import effective_flak

    for tid in sorted(rules.targets):
        guns = effective_flak(rules, state, tid)
        intel.flak_estimate[tid] = float(round(guns * rng.lognormal(0.0, rules.flak_noise)))
    intel.front_supply_estimate = float(
        np.clip(state.front_supply_pct + rng.normal(0.0, rules.front_supply_noise), 0, 150)
    )
    return picture


# Keys of a history row that carry the meter's estimate by cause.
CAUSE_ESTIMATE = "meter_est."
CAUSE_ERROR = "meter_sd."
REVISION = "revision"  # the agents' reading's pull on the estimate, a cause of its own
# Causes that only ever push (+1) or only pull (-1): analysts never read them the other way.
ONE_WAY = {"time": -1.0, "face": -1.0, "opinion": -1.0}


def _direction(cause: str) -> float:
    return 1.0 if cause.startswith("pressure_") else ONE_WAY.get(cause, 0.0)


def meter_picture(
    rules: Rules,
    state: GameState,
    meter_causes: dict[str, float],
    days: int,
    rng: np.random.Generator,
) -> dict[str, float]:
    """The meter estimate, its error (one standard deviation) and its move by cause.

    The error is that of a fixed-gain filter: the causes' errors add to it, and the
    revision toward the agents' reading (error ``meter_noise``) takes part of it away.
    """
    last = state.history[-1] if state.history else {}
    before = state.intel.meter_estimate
    variance = last.get("meter_estimate_sd", rules.meter_noise) ** 2
    # The agents' reading is the game's one draw for the meter, as it always was; the
    # causes' errors come from a generator seeded by it, so the game's own stream (and
    # every true outcome) is the same as without them.
    reading_error = float(rng.normal(0.0, rules.meter_noise))
    seed = int.from_bytes(np.float64(reading_error).tobytes(), "little")
    analysts = np.random.default_rng([seed, state.turn])
    row: dict[str, float] = {}
    moved = 0.0
    for cause in sorted(meter_causes):
        truth = meter_causes[cause]
        error = rules.meter_cause_noise * abs(truth) + rules.meter_cause_floor * days
        guess = float(truth + analysts.normal(0.0, error))
        if _direction(cause) * guess < 0:
            guess = 0.0
        row[CAUSE_ESTIMATE + cause] = round(guess, 3)
        row[CAUSE_ERROR + cause] = round(error, 3)
        moved += guess
        variance += error**2
    predicted = before + moved
    reading = state.meter + reading_error
    gain = min(1.0, max(0.0, rules.meter_revision))
    estimate = float(np.clip(predicted + gain * (reading - predicted), 0.0, 100.0))
    variance = (1 - gain) ** 2 * variance + gain**2 * rules.meter_noise**2
    row[CAUSE_ESTIMATE + REVISION] = round(estimate - predicted, 3)
    row[CAUSE_ERROR + REVISION] = round(gain * rules.meter_noise, 3)
    row["meter_estimate"] = estimate
    row["meter_estimate_sd"] = round(float(np.sqrt(variance)), 3)
    return row


def estimated_causes(row: dict[str, float]) -> dict[str, tuple[float, float]]:
    """A history row's estimated move of the meter: cause -> (points, error)."""
    n = len(CAUSE_ESTIMATE)
    return {
        key[n:]: (value, row.get(CAUSE_ERROR + key[n:], 0.0))
        for key, value in row.items()
        if key.startswith(CAUSE_ESTIMATE)
    }


def power_destroyed_estimate(rules: Rules, state: GameState) -> float:
    """Power destroyed as the photographs show it; a target never seen is as briefed."""
    seen = {tid: rules.targets[tid].initial_damage for tid in rules.targets}
    seen.update({tid: est.damage for tid, est in state.intel.bda.items() if tid in seen})
    return float(power_destroyed_pct(rules, state, seen))


@dataclass(frozen=True)
class PoolView:
    ready: int
    damaged: int
    lost: int
    sorties_per_day: int


@dataclass(frozen=True)
class PlayerView:
    """What the planner's desk shows. Planners and the interface read only this."""

    day: date
    turn: int
    turn_days: int
    pools: dict[str, PoolView]
    cards_in_force: tuple[str, ...]
    talks: TalksState
    world_opinion: float
    us_patience: float
    meter_estimate: float
    mig_estimate: float
    front_supply_estimate: float
    bda: dict[str, Estimate]
    flak_estimate: dict[str, float]
    active_targets: tuple[str, ...]
    aircraft_lost: int
    civilian_casualties: float
    rail_cuts: int
    last_press: PressPolicy = PressPolicy.ROUTINE
    extra: dict[str, float] = field(default_factory=dict)
    meter_estimate_sd: float = 0.0  # the estimate's error, one standard deviation
    # The meter's estimated move by cause, turn by turn: cause -> (points, error).
    meter_causes: tuple[dict[str, tuple[float, float]], ...] = ()


def player_view(rules: Rules, state: GameState) -> PlayerView:
    return PlayerView(
        day=state.day,
        turn=state.turn,
        turn_days=rules.turn_days,
        pools={
            pid: PoolView(
                ready=ps.ready,
                damaged=len(ps.damaged),
                lost=ps.lost,
                sorties_per_day=int(ps.ready * rules.pools[pid].sortie_rate),
            )
            for pid, ps in sorted(state.pools.items())
        },
        cards_in_force=tuple(cid for cid, cs in sorted(state.cards.items()) if cs.in_force),
        talks=state.talks,
        world_opinion=state.world_opinion,
        us_patience=state.us_patience,
        meter_estimate=state.intel.meter_estimate,
        mig_estimate=state.intel.mig_estimate,
        front_supply_estimate=state.intel.front_supply_estimate,
        bda={k: Estimate(v.damage, v.confidence, v.seen) for k, v in state.intel.bda.items()},
        flak_estimate=dict(state.intel.flak_estimate),
        active_targets=tuple(tid for tid, ts in sorted(state.targets.items()) if ts.active),
        aircraft_lost=state.aircraft_lost,
        civilian_casualties=state.civilian_casualties,
        rail_cuts=state.rail_cuts,
        # The bomber crews report the searchlights and night fighters they meet.
        extra={"night_defence": round(state.night_defence, 3)},
        meter_estimate_sd=state.history[-1].get("meter_estimate_sd", 0.0) if state.history else 0.0,
        meter_causes=tuple(estimated_causes(row) for row in state.history),
    )


def flak_picture(rules: Rules, view: PlayerView, target_id: str) -> tuple[float, bool]:
    """(guns the planner expects at a target, True when that is the briefing's figure).

    Until a report gives an estimate the briefing's count stands, so every panel and
    tooltip shows the same number.
    """
    estimate = view.flak_estimate.get(target_id)
    if estimate is not None:
        return estimate, False
    return rules.targets[target_id].flak, True
