"""Bounds on every number of resolved rules, so what validate accepts can be played.

Each number must be finite; shares and chances lie in 0–1, percentages in 0–100,
whole counts at or above 0 and below :data:`MAX_COUNT`, and every other number at or
above 0 and below :data:`MAX_NUMBER`. Scores may be negative. Problems come back as
``key.path: message`` with the path as the scenario file writes it.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from game.core import model

MAX_NUMBER = 1e7
MAX_COUNT = 100_000
MAX_DELTA = 100.0  # one event's change to a 0–100 gauge

# Shares and chances (0–1), by section; "" is [rules].
SHARES: dict[str, set[str]] = {
    "rules": {
        "stray_chance_day",
        "stray_chance_night",
        "civilian_lethality",
        "flak_lethality",
        "bda_strike_confidence",
        "bda_recon_confidence",
        "bda_decay",
        "meter_revision",
        "close_support_stray_chance",
        "flak_accuracy_penalty",
        "warning_casualty_factor",
        "mig_loss_cap",
        "flak_loss_cap",
        "damaged_cap",
        "escort_loss_cap",
        "night_dark_accuracy",
        "navy_commit_margin",
        "jcs_repeat_factor",
        "jcs_max_chance",
    },
    "pools": {"accuracy", "night_accuracy", "mig_vulnerability"},
    "enemy": {
        "mig_commit_day",
        "mig_night_share",
        "mig_attack_success",
        "mig_night_attack_success",
        "escort_deterrence",
        "adaptation",
        "dispersal_rate",
        "reservoir_lowering_per_day",
        "reservoir_floor",
        "dispersed_efficiency",
        "f86_kill_rate",
        "escort_loss_rate",
        "barrier_mig_weight",
        "night_adaptation",
        "night_defence_migs",
    },
    "meter": {"offensive_supply", "recess_factor"},
    "opinion": {"idle_tolerance"},
    "meter.weights": {"*"},
    "supply": {
        "interdiction_loss_rate",
        "yard_node_factor",
        "city_node_factor",
        "road_kill_max",
        "supply_smoothing",
        "suppression_cap",
    },
    "cards": {"jcs_approval", "accuracy_factor"},
    "events": {"chance"},
    "weather.odds": {"*"},
    "weather.accuracy": {"*"},
}
PERCENTS: dict[str, set[str]] = {
    "targets": {"initial_damage"},
    "meter": {"initial", "threshold"},
    "opinion": {"world_initial", "patience_initial", "recall_world", "recall_patience"},
    "enemy": {"breach_damage", "flood_damage", "dispersal_threshold"},
}
SIGNED = {"score"}  # penalties and rewards may be written either way
# Tighter ceilings where a larger number makes no sense.
MAXIMA: dict[str, dict[str, float]] = {
    "pools": {
        "sortie_rate": 10.0,
        "bomb_tons": 50.0,
        "range_km": 10_000.0,
        "damaged_per_loss": 10.0,
        "flak_vulnerability": 10.0,
        "escort_quality": 10.0,
        "suppression_quality": 10.0,
        "repair_days": 365,
    },
    "cards": {"stray_factor": 10.0},
    "rules": {"jcs_stalled_factor": 10.0},
    "supply": {"supply_surplus_cap": 10.0},
    "enemy": {"mig_reach_stretch": 10.0, "night_defence_flak": 10.0},
}


def rule_problems(rules: model.Rules, event_keys: list[str]) -> list[str]:
    """Every number of ``rules`` out of its bounds; ``event_keys`` are the events' key paths."""
    out: list[str] = []
    for name in sorted(_rule_knobs()):
        _number(out, "rules", f"rules.{name}", getattr(rules, name), name)
    for section in ("meter", "opinion", "supply", "enemy", "score"):
        _walk(out, section, section, getattr(rules, section))
    for pid, pool in rules.pools.items():
        _walk(out, "pools", f"pools.{pid}", pool)
        if pool.initial_ready > pool.establishment:
            out.append(
                f"pools.{pid}.initial_ready: {pool.initial_ready} ready is more than the "
                f"establishment of {pool.establishment}"
            )
    for tid, target in rules.targets.items():
        for name in ("capacity", "value", "hardness", "flak", "civilians", "rice_tons"):
            _number(out, "targets", f"targets.{tid}.{name}", getattr(target, name), name)
        for name in ("repair_labour", "repair_crew", "initial_damage"):
            _number(out, "targets", f"targets.{tid}.{name}", getattr(target, name), name)
    for cid, card in rules.cards.items():
        for name in ("accuracy_factor", "stray_factor", "jcs_approval"):
            _number(out, "cards", f"cards.{cid}.{name}", getattr(card, name), name)
    for ending in rules.endings:
        _number(out, "score", f"endings.{ending.id}.score", ending.score, "score")
    for key, event in zip(event_keys, rules.events, strict=True):
        _number(out, "events", f"{key}.chance", event.chance, "chance")
    for month, odds in rules.weather.items():
        if not 1 <= month <= 12:
            out.append(f"weather.odds.{month}: months are 1 to 12")
        for i, share in enumerate(odds):
            _number(out, "weather.odds", f"weather.odds.{month}.{i}", share, "*")
        if all(math.isfinite(v) for v in odds) and abs(sum(odds) - 1) > 0.01:
            out.append(f"weather.odds.{month}: the three odds add up to {sum(odds):g}, not 1")
    for kind, factor in rules.weather_accuracy.items():
        _number(out, "weather.accuracy", f"weather.accuracy.{kind}", factor, "*")
    weights = rules.meter.weights.values()
    if all(math.isfinite(w) for w in weights) and sum(weights) > 1.0001:
        out.append(f"meter.weights: the weights add up to {sum(weights):g}; at most 1")
    plan = rules.plan
    shares = plan.interdiction + plan.close_support + plan.city_attacks
    if shares > 1.0001:
        out.append(
            f"plan.interdiction: interdiction, close_support and city_attacks add up to "
            f"{shares:g}; at most 1"
        )
    return out


def _rule_knobs() -> set[str]:
    return {
        f.name
        for f in dataclasses.fields(model.Rules)
        if f.type in ("float", "int")
        and f.name not in ("turn_days", "navy_cooperation", "cooperation_gain", "seed")
    }


def _walk(out: list[str], section: str, key: str, obj: Any) -> None:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, int | float) and not isinstance(v, bool):
                    _number(out, f"{section}.{f.name}", f"{key}.{f.name}.{k}", v, "*")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            _number(out, section, f"{key}.{f.name}", value, f.name)


def _number(out: list[str], section: str, key: str, value: float, name: str = "") -> None:
    name = name or key.rsplit(".", 1)[-1]
    if not math.isfinite(value):
        out.append(f"{key}: must be a finite number (found {value!r})")
        return
    share = name in SHARES.get(section, ()) or "*" in SHARES.get(section, ())
    if share and not 0 <= value <= 1:
        hint = "; a share: write 45% as 0.45" if 1 < value <= 100 else ""
        out.append(f"{key}: must lie between 0 and 1 (found {value!r}){hint}")
    elif name in PERCENTS.get(section, ()) and not 0 <= value <= 100:
        out.append(f"{key}: must lie between 0 and 100 (found {value!r})")
    elif name in MAXIMA.get(section, {}) and not 0 <= value <= MAXIMA[section][name]:
        out.append(f"{key}: must lie between 0 and {MAXIMA[section][name]:g} (found {value!r})")
    elif isinstance(value, int) and not 0 <= value <= MAX_COUNT and section not in SIGNED:
        out.append(f"{key}: must lie between 0 and {MAX_COUNT:,} (found {value!r})")
    elif abs(value) > MAX_NUMBER or (value < 0 and section not in SIGNED):
        low = -MAX_NUMBER if section in SIGNED else 0
        out.append(f"{key}: must lie between {low:g} and {MAX_NUMBER:g} (found {value!r})")


# Limits on effect parameters: (low, high) by effect kind and parameter.
EFFECT_LIMITS: dict[str, dict[str, tuple[float, float]]] = {
    "meter": {"delta": (-MAX_DELTA, MAX_DELTA)},
    "world_opinion": {"delta": (-MAX_DELTA, MAX_DELTA)},
    "us_patience": {"delta": (-MAX_DELTA, MAX_DELTA)},
    "mig_strength": {"delta": (-MAX_COUNT, MAX_COUNT)},
    "labour": {"factor": (0.0, 10.0)},
    "navy_cooperation": {"delta": (-1.0, 1.0)},
    "pool": {"ready": (-MAX_COUNT, MAX_COUNT)},
    "talks": {"days": (0, 3650)},
}


# Parameters an effect may leave out, beside the ones its kind needs (EFFECT_PARAMS).
OPTIONAL_EFFECT_PARAMS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "pool": {"ready": (int, float)},
    "talks": {"days": (int, float), "locked": bool},
}


def effect_problems(key: str, kind: str, params: dict[str, Any]) -> list[str]:
    out = []
    for name, (low, high) in EFFECT_LIMITS.get(kind, {}).items():
        if name not in params:
            continue
        value = params[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(f"{key}.{name}: expected a number (found {value!r})")
        elif not (math.isfinite(value) and low <= value <= high):
            out.append(f"{key}.{name}: must lie between {low:g} and {high:g} (found {value!r})")
    return out
