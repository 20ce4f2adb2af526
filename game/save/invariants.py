"""What a game state can be: the checks a save's state passes before it is played on.

A save's checksum proves only that nobody changed the file after it was signed; a file
re-signed by hand can hold any state. The rules never make negative aircraft, damage
beyond 100 or a Navy cooperation of 9, so a state that holds one is refused here with
its key path, by the same bounds the scenario loader uses (``game.data.bounds``).
"""

from __future__ import annotations

import math
from typing import Any

from game.core.leadership import DECISIONS
from game.core.model import GameState, Rules
from game.core.targets import TARGET_KINDS
from game.data.bounds import MAX_COUNT, MAX_NUMBER

MAX_REPAIR_DAYS = 3650  # days a damaged aircraft waits; no pool repairs slower
MAX_FACTOR = 1000.0  # labour factor: events multiply it, never this far

# State fields that are gauges of 0-100, shares of 0-1, or plain amounts (>= 0).
_PERCENT_FIELDS = ("meter", "world_opinion", "us_patience", "power_destroyed_pct")
MAX_SUPPLY_PCT = 1000.0  # front supply above 100% is a stockpile; never tenfold
_SHARE_FIELDS = ("navy_cooperation", "barrier", "dispersal_progress", "night_defence")
_AMOUNT_FIELDS = (
    "stockpile",
    "artillery",
    "rice_lost",
    "civilian_casualties",
    "un_casualties",
    "mig_strength",
    "escort_memory",
    "migs_lost_memory",
    "front_memory",
    "civilian_memory",
)
_COUNT_FIELDS = (
    "rail_cuts",
    "aircraft_lost",
    "days_above_threshold",
    "offensive_days_left",
    "warnings_publicised_turns",
    "strain_days",
    "deadlock_days",
    "front_offensive_days_left",
)


def state_problems(state: GameState, rules: Rules, *, changed_scenario: bool = False) -> list[str]:
    """Every value of ``state`` the rules could not have made, as ``key.path: why``.

    ``changed_scenario``: the game was saved under an older version of the scenario,
    whose events may since have gone; that such an event fired is harmless.
    """
    out: list[str] = []
    if not 1 <= state.turn <= _most_turns(rules):
        out.append(f"state.turn: {state.turn} is not a turn of this scenario")
    for name in _PERCENT_FIELDS:
        _within(out, f"state.{name}", getattr(state, name), 0, 100)
    for name in _SHARE_FIELDS:
        _within(out, f"state.{name}", getattr(state, name), 0, 1)
    for name in _AMOUNT_FIELDS:
        _within(out, f"state.{name}", getattr(state, name), 0, MAX_NUMBER)
    for name in _COUNT_FIELDS:
        _within(out, f"state.{name}", getattr(state, name), 0, MAX_NUMBER)
    _within(out, "state.front_supply_pct", state.front_supply_pct, 0, MAX_SUPPLY_PCT)
    _within(out, "state.labour_factor", state.labour_factor, 0, MAX_FACTOR)
    _within(out, "state.score", state.score, -MAX_NUMBER, MAX_NUMBER)
    for pid, pool in state.pools.items():
        key = f"state.pools.{pid}"
        _within(out, f"{key}.ready", pool.ready, 0, MAX_COUNT)
        if len(pool.damaged) > MAX_COUNT:
            out.append(f"{key}.damaged: {len(pool.damaged):,} aircraft; at most {MAX_COUNT:,}")
        elif pool.damaged and not all(0 <= d <= MAX_REPAIR_DAYS for d in pool.damaged):
            out.append(f"{key}.damaged: days of repair must lie between 0 and {MAX_REPAIR_DAYS}")
        for name in ("lost", "replaced", "sorties_flown"):
            _within(out, f"{key}.{name}", getattr(pool, name), 0, MAX_NUMBER)
    for tid, target in state.targets.items():
        key = f"state.targets.{tid}"
        _within(out, f"{key}.damage", target.damage, 0, 100)
        _within(out, f"{key}.flak", target.flak, 0, MAX_COUNT)
        _within(out, f"{key}.reservoir", target.reservoir, 0, 1)
        _within(out, f"{key}.times_struck", target.times_struck, 0, MAX_NUMBER)
    for cid, card in state.cards.items():
        _within(out, f"state.cards.{cid}.requests", card.requests, 0, MAX_COUNT)
    for name in ("mobile_flak", "strike_memory"):
        for kind, value in getattr(state, name).items():
            if kind not in TARGET_KINDS:
                out.append(f"state.{name}.{kind}: not a target kind")
            _within(out, f"state.{name}.{kind}", value, 0, MAX_NUMBER)
    if not changed_scenario:
        _known(out, "state.events_fired", state.events_fired, {e.id for e in rules.events})
    _known(out, "state.decisions", state.decisions, set(DECISIONS))
    if state.ending:
        _known(out, "state.ending", {state.ending}, {e.id for e in rules.endings})
    _known(out, "state.forward_bases", state.forward_bases, set(rules.targets))
    leaders = {leader.id for leader in rules.leaders}
    _known(out, "state.resolve", set(state.resolve), leaders)
    _known(out, "state.strain_total", set(state.strain_total), leaders)
    for lid, value in (*state.resolve.items(), *state.strain_total.items()):
        _within(out, f"state.resolve.{lid}", value, 0, MAX_NUMBER)
    intel = state.intel
    _known(out, "state.intel.bda", set(intel.bda), set(rules.targets))
    _known(out, "state.intel.flak_estimate", set(intel.flak_estimate), set(rules.targets))
    for tid, estimate in intel.bda.items():
        _within(out, f"state.intel.bda.{tid}.damage", estimate.damage, 0, 100)
        _within(out, f"state.intel.bda.{tid}.confidence", estimate.confidence, 0, 1)
    _within(out, "state.intel.meter_estimate", intel.meter_estimate, 0, 100)
    _within(out, "state.intel.mig_estimate", intel.mig_estimate, 0, MAX_NUMBER)
    _within(
        out, "state.intel.front_supply_estimate", intel.front_supply_estimate, 0, MAX_SUPPLY_PCT
    )
    for i, row in enumerate(state.history):
        bad = [k for k, v in row.items() if not _finite(v)]
        if bad:
            out.append(f"state.history.{i}.{bad[0]}: must be a finite number")
            break
    return out


def _most_turns(rules: Rules) -> int:
    """A generous ceiling on the turns of a scenario (its days, one turn a day)."""
    return max(1, (rules.end - rules.start).days + 2)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _within(out: list[str], key: str, value: float, low: float, high: float) -> None:
    if not _finite(value):
        out.append(f"{key}: must be a finite number (found {value!r})")
    elif not low <= value <= high:
        out.append(f"{key}: must lie between {low:g} and {high:g} (found {value!r})")


def _known(out: list[str], key: str, names: set[str], known: set[str]) -> None:
    odd = sorted(set(names) - known)
    if odd:
        out.append(f"{key}: not in the scenario: {', '.join(odd[:5])}")
