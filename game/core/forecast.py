"""The planner's forecast: a turn's orders flown a thousand times at once (GAME.md §8).

The forecast never reads the hidden truth. It builds the world as the player believes
it to be (:func:`believed_state`, from the intelligence picture) and flies the orders
over it with its own random generator, vectorised with numpy over replications. The
chances come from :func:`~game.core.resolution.strike_odds` and the meter from
:func:`~game.core.politics.meter_delta`, the same functions the real turn uses.

What it leaves out, to stay instant: the enemy's repairs and adaptation within the
turn, and losses thinning the pools on the turn's later days. It answers "what will
this plan cost and achieve when the bombs fall", not "how the week ends".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np

from game.core import leadership
from game.core.calendar import WEATHER_ORDER, moon_illumination
from game.core.geometry import Layer, MapFeature
from game.core.intel import PlayerView
from game.core.model import (
    CardState,
    GameState,
    Intel,
    PoolState,
    PressPolicy,
    Role,
    Rules,
    TalksState,
    TargetState,
)
from game.core.orders import Accepted, TurnOrders, validate_package
from game.core.politics import card_forbidding_press, opinion_moves
from game.core.resolution import standing_sorties, strike_odds, weather_factor
from game.core.turn import draw_sorties, sorties_available, standing_shares

DEFAULT_REPLICATIONS = 1000


@dataclass(frozen=True)
class Range:
    """10th, 50th and 90th percentiles over the replications."""

    p10: float
    p50: float
    p90: float
    mean: float

    @classmethod
    def of(cls, values: np.ndarray) -> Range:
        p10, p50, p90 = np.percentile(values, [10, 50, 90])
        return cls(float(p10), float(p50), float(p90), float(np.mean(values)))


@dataclass(frozen=True)
class Forecast:
    replications: int
    losses_by_pool: dict[str, Range]
    losses_total: Range
    damage_by_target: dict[str, Range]  # damage (%) when the turn's bombs have fallen
    civilian_casualties: Range
    meter_change: Range
    talks_disrupted: float  # chance that stray bombs give the enemy a pretext to walk out
    world_opinion_change: Range = field(default_factory=lambda: Range(0.0, 0.0, 0.0, 0.0))
    us_patience_change: Range = field(default_factory=lambda: Range(0.0, 0.0, 0.0, 0.0))
    refused: tuple[str, ...] = ()  # packages the forecast left out, with the reason
    samples: dict[str, np.ndarray] = field(default_factory=dict, repr=False)


def _opinion_day(
    rules: Rules,
    orders: TurnOrders,
    day_index: int,
    press: PressPolicy,
    today: dict[str, Any],
    world: np.ndarray,
    patience: np.ndarray,
    world_initial: float,
) -> tuple[np.ndarray, np.ndarray]:
    """World opinion and US patience after one more day, by the real turn's own rule."""
    warned = sum(1 for p in orders.packages if p.warning and p.flies_on(day_index))
    moved_world, moved_patience = opinion_moves(
        rules.opinion, {**today, "warned_strikes": warned}, press, world_initial + world
    )
    return world + moved_world, patience + moved_patience


def believed_state(rules: Rules, view: PlayerView) -> GameState:
    """The world as the planner's desk sees it: estimates in place of the truth."""
    targets = {}
    for tid in sorted(rules.targets):
        estimate = view.bda.get(tid)
        guns = view.flak_estimate.get(tid, rules.targets[tid].flak)
        targets[tid] = TargetState(
            damage=estimate.damage if estimate else rules.targets[tid].initial_damage,
            flak=guns,
            active=tid in view.active_targets,
        )
    return GameState(
        day=view.day,
        turn=view.turn,
        pools={pid: PoolState(ready=pv.ready) for pid, pv in view.pools.items()},
        targets=targets,
        cards={cid: CardState(in_force=cid in view.cards_in_force) for cid in sorted(rules.cards)},
        meter=view.meter_estimate,
        world_opinion=view.world_opinion,
        us_patience=view.us_patience,
        talks=view.talks,
        front_supply_pct=view.front_supply_estimate,
        navy_cooperation=rules.navy_cooperation,
        mig_strength=view.mig_estimate,
        # Flak estimates already include the guns the enemy has moved.
        mobile_flak={},
        night_defence=view.extra.get("night_defence", 0.0),
        intel=Intel(),
    )


def forecast(
    rules: Rules,
    view: PlayerView,
    orders: TurnOrders,
    rng: np.random.Generator,
    replications: int = DEFAULT_REPLICATIONS,
) -> Forecast:
    n = replications
    world = believed_state(rules, view)
    flown = []
    refused = []
    for package in orders.packages:
        verdict = validate_package(rules, world, package, check_capacity=False)
        if isinstance(verdict, Accepted):
            flown.append(package)
        else:
            refused.append(f"{package.target}: {verdict.reason}")
    damage: dict[str, np.ndarray] = {}
    losses = {pid: np.zeros(n) for pid in rules.pools}
    civilians = np.zeros(n)
    disrupted = np.zeros(n, dtype=bool)
    meter = np.full(n, world.meter)
    # The leaders' resolve is hidden: each replication draws it as intelligence judges it.
    resolve = leadership.prior_resolve(rules, rng, n)
    lost_before = np.zeros(n)
    civilians_before = np.zeros(n)
    world_change = np.zeros(n)
    patience_change = np.zeros(n)
    neutral = [f for f in rules.geometry.on_layer(Layer.ZONES) if f.kind == "neutral_zone"]
    press = orders.press
    if card_forbidding_press(rules, world, press) is not None:
        press = PressPolicy.ROUTINE
    regions = sorted({t.region for t in rules.targets.values()}) or ["west"]

    for day_index in range(rules.turn_days):
        day = view.day + timedelta(days=day_index)
        if day > rules.end:
            break
        moon = moon_illumination(day)
        weather = {r: _weather_draws(rules, day.month, rng, n) for r in regions}
        available = sorties_available(rules, world)
        sorties_today = sum(available.values())
        for package in flown:
            if not package.flies_on(day_index):
                continue
            strike = draw_sorties(available, package.strike)
            suppression = draw_sorties(available, package.suppression)
            escort = draw_sorties(available, ((rules.escort_pool, package.escort),)).get(
                rules.escort_pool, 0
            )
            strikers = sum(strike.values())
            if strikers == 0:
                continue
            odds = strike_odds(rules, world, package, strike, suppression, escort, moon)
            flying = dict(strike)
            for pid, k in suppression.items():
                flying[pid] = flying.get(pid, 0) + k
            survivors = {}
            for pid in sorted(flying):
                k_mig = rng.binomial(flying[pid], odds.p_mig[pid], size=n)
                k_flak = rng.binomial(flying[pid] - k_mig, odds.p_flak[pid])
                losses[pid] += k_mig + k_flak
                survivors[pid] = flying[pid] - k_mig - k_flak
            if odds.escort_loss_p > 0:
                losses[rules.escort_pool] += rng.binomial(escort, odds.escort_loss_p, size=n)
            if not package.night:  # the enemy learns the escort, as in the real turn
                world.escort_memory = 0.8 * world.escort_memory + 0.2 * escort / strikers
            target = rules.targets[package.target]
            tons = sum(
                np.minimum(survivors[pid], strike[pid]) * odds.tons_per_sortie[pid]
                for pid in strike
            )
            region_weather = weather[target.region]
            factors = np.array([weather_factor(rules, package.night, w) for w in WEATHER_ORDER])[
                region_weather
            ]
            tons = tons * factors * odds.aim_factor * rng.lognormal(0.0, rules.damage_noise, n)
            before = damage.get(package.target, np.full(n, world.targets[package.target].damage))
            after = 100 * (1 - (1 - before / 100) * np.exp(-tons / max(target.hardness, 1e-6)))
            damage[package.target] = after
            expected = target.civilians * rules.civilian_lethality * (after - before) / 100
            if package.warning:
                expected = expected * rules.warning_casualty_factor
            civilians += np.where(expected >= 1, rng.poisson(np.maximum(expected, 0)), 0)
            if world.talks == TalksState.IN_SESSION and neutral:
                flying_home = np.sum(list(survivors.values()), axis=0)
                disrupted |= _strays_in_zones(
                    rng,
                    flying_home,
                    odds.stray_chance,
                    odds.stray_spread_km,
                    target.position,
                    neutral,
                )
        if world.talks == TalksState.IN_SESSION and neutral:
            close_support = _close_support_sorties(rules, orders, available)
            chance = 1 - (1 - rules.close_support_stray_chance) ** close_support
            disrupted |= rng.random(n) < chance
        causes = leadership.meter_causes(
            rules,
            resolve,
            world.talks,
            leadership.costs(rules, world, damage),
            press,
            world.world_opinion + world_change,
        )
        meter = np.clip(meter + sum(causes.values()), 0, 100)
        lost_now = np.asarray(sum(losses.values()), dtype=float)
        flown_today = float(sorties_today - sum(available.values()))
        flown_today += standing_sorties(rules, available, *standing_shares(orders.standing))
        today: dict[str, Any] = {
            "civilians": civilians - civilians_before,
            "aircraft_lost": lost_now - lost_before,
            "effort": min(1.0, flown_today / sorties_today) if sorties_today else 1.0,
        }
        world_change, patience_change = _opinion_day(
            rules,
            orders,
            day_index,
            press,
            today,
            world_change,
            patience_change,
            world.world_opinion,
        )
        lost_before, civilians_before = lost_now, civilians.copy()

    total = sum(losses.values())
    return Forecast(
        replications=n,
        losses_by_pool={pid: Range.of(v) for pid, v in sorted(losses.items()) if v.any()},
        losses_total=Range.of(np.asarray(total, dtype=float)),
        damage_by_target={tid: Range.of(v) for tid, v in sorted(damage.items())},
        civilian_casualties=Range.of(civilians),
        meter_change=Range.of(meter - world.meter),
        talks_disrupted=float(disrupted.mean()),
        world_opinion_change=Range.of(world_change),
        us_patience_change=Range.of(patience_change),
        refused=tuple(refused),
        samples={"losses": np.asarray(total, dtype=float), "civilians": civilians, **damage},
    )


def _weather_draws(rules: Rules, month: int, rng: np.random.Generator, n: int) -> np.ndarray:
    odds = np.array(rules.weather.get(month, (0.6, 0.3, 0.1)), dtype=float)
    return rng.choice(len(WEATHER_ORDER), size=n, p=odds / odds.sum())


def _close_support_sorties(rules: Rules, orders: TurnOrders, spare: dict[str, int]) -> float:
    return sum(
        k * orders.standing.close_support
        for pid, k in spare.items()
        if rules.pools[pid].role in (Role.FIGHTER_BOMBER, Role.LIGHT_BOMBER, Role.NAVY)
        and rules.pools[pid].day
    )


def _strays_in_zones(
    rng: np.random.Generator,
    sorties: np.ndarray,
    chance: float,
    spread_km: float,
    origin: tuple[float, float],
    zones: list[MapFeature],
) -> np.ndarray:
    """Per replication: did any stray bomb land inside one of ``zones``?"""
    n = len(sorties)
    near = [z for z in zones if z.distance_to(origin) < 5 * spread_km + max(z.radii)]
    strays = rng.binomial(np.maximum(sorties, 0), chance)
    if not near or not strays.any():
        return np.zeros(n, dtype=bool)
    owner = np.repeat(np.arange(n), strays)
    points = rng.normal(0.0, spread_km, size=(len(owner), 2)) + np.asarray(origin)
    hit = np.zeros(len(owner), dtype=bool)
    for zone in near:
        (cx, cy), (rx, ry) = zone.points[0], zone.radii
        if rx > 0 and ry > 0:
            hit |= ((points[:, 0] - cx) / rx) ** 2 + ((points[:, 1] - cy) / ry) ** 2 <= 1
    out = np.zeros(n, dtype=bool)
    out[owner[hit]] = True
    return out
