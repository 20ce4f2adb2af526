"""How a strike package fares: interception, flak, bombing, stray bombs, civilians.

One package on one day. Aircraft losses and damage, target damage, civilian
casualties and incidents are all events with their causes; the day's tallies go to
politics afterwards.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from math import dist

import numpy as np

from game.core.calendar import Weather
from game.core.events import Category, Event
from game.core.geometry import Layer
from game.core.model import GameState, Role, Rules
from game.core.orders import StrikePackage
from game.core.politics import burdens
from game.core.targets import effective_flak


@dataclass
class DayContext:
    """What is the same for every package flown on one day."""

    day: date
    moon: float
    weather: dict[str, Weather]
    tallies: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, amount: float) -> None:
        self.tallies[key] = self.tallies.get(key, 0.0) + amount


def mig_reach(rules: Rules, state: GameState, position: tuple[float, float]) -> float:
    """0..1: how fully the MiGs from the sanctuary can reach a point.

    Barrier patrols over MiG Alley push the edge of their reach north.
    """
    bases = [
        f
        for f in rules.geometry.on_layer(Layer.TARGETS)
        if f.kind == "airfield" and f.properties.get("foreign")
    ]
    if not bases:
        return 0.0
    d = min(b.distance_to(position) for b in bases)
    e = rules.enemy
    # MiGs based forward on North Korean airfields reach south from there: a point
    # forward_reach_km from such a base is as exposed as one at full reach from Manchuria.
    scale = e.mig_reach_full_km / max(rules.leadership.forward_reach_km, 1.0)
    for tid in sorted(state.forward_bases):
        d = min(d, scale * dist(position, rules.targets[tid].position))
    # Without a barrier the MiGs roam further south.
    stretch = 1.0 + e.mig_reach_stretch * (1.0 - state.barrier)
    full, none = e.mig_reach_full_km * stretch, e.mig_reach_none_km * stretch
    if d <= full:
        return 1.0
    if d >= none:
        return 0.0
    return (none - d) / (none - full)


def migs_committed(rules: Rules, state: GameState, reach: float, night: bool, moon: float) -> float:
    """The enemy's choice: how many MiGs rise against this raid."""
    e = rules.enemy
    if night:
        # Radar-guided night fighters need less moonlight as the night defences grow.
        seen = min(1.0, moon + e.night_defence_migs * state.night_defence)
        return state.mig_strength * e.mig_night_share * seen * reach
    # It cannot see this raid's escort in advance, only the escorts it has met.
    commit = e.mig_commit_day * (1 - e.escort_deterrence * min(1.0, state.escort_memory))
    return state.mig_strength * commit * reach


@dataclass(frozen=True)
class StrikeOdds:
    """The chances a package faces: the same numbers drive the real turn and the forecast."""

    migs: float  # MiGs that rise against it
    penetrating: float  # of those, the ones that get past the escort
    guns: float  # flak guns firing after suppression, night and warnings
    p_mig: dict[str, float]  # per pool: chance a sortie falls to MiGs
    p_flak: dict[str, float]  # ... to flak (of those the MiGs spared)
    p_damaged: dict[str, float]  # ... comes home damaged
    tons_per_sortie: dict[str, float]  # strike pools: bombs on the aiming point per survivor
    aim_factor: float  # flak distraction times burdening cards
    stray_chance: float  # per surviving sortie
    stray_spread_km: float
    escort_loss_p: float
    migs_downed_mean: float
    burden_names: tuple[str, ...] = ()


def strike_odds(
    rules: Rules,
    state: GameState,
    package: StrikePackage,
    strike: dict[str, int],
    suppression: dict[str, int],
    escort: int,
    moon: float,
) -> StrikeOdds:
    target = rules.targets[package.target]
    strikers = sum(strike.values())
    # Burdening cards: e.g. a Yalu-parallel approach lowers accuracy, raises strays.
    burden_cards = burdens(rules, state, package)
    accuracy_factor = math.prod(c.accuracy_factor for c in burden_cards)
    stray_factor = math.prod(c.stray_factor for c in burden_cards)

    reach = mig_reach(rules, state, target.position)
    migs = migs_committed(rules, state, reach, package.night, moon)
    escort_pool = rules.pools.get(rules.escort_pool)
    screen_strength = escort * (escort_pool.escort_quality if escort_pool else 0.0)
    screened = screen_strength / (screen_strength + migs) if migs > 0 else 1.0
    penetrating = migs * (1 - screened)
    success = (
        rules.enemy.mig_night_attack_success if package.night else rules.enemy.mig_attack_success
    )

    guns = effective_flak(rules, state, package.target)
    supp = sum(n * rules.pools[p].suppression_quality for p, n in suppression.items())
    supp *= rules.suppression_effect
    guns_eff = guns * (1 - supp / (supp + guns)) if guns > 0 and supp > 0 else guns
    if package.night:
        night_guns = 1 + rules.enemy.night_defence_flak * state.night_defence
        guns_eff *= rules.night_flak_factor * night_guns
    if package.warning:
        guns_eff *= rules.warning_flak_factor

    p_mig: dict[str, float] = {}
    p_flak: dict[str, float] = {}
    p_damaged: dict[str, float] = {}
    for pool_id in sorted({*strike, *suppression}):
        pool = rules.pools[pool_id]
        p_mig[pool_id] = min(
            rules.mig_loss_cap, penetrating * success * pool.mig_vulnerability / max(strikers, 1)
        )
        p_flak[pool_id] = min(
            rules.flak_loss_cap, rules.flak_lethality * guns_eff * pool.flak_vulnerability
        )
        p_damaged[pool_id] = min(
            rules.damaged_cap, (p_mig[pool_id] + p_flak[pool_id]) * pool.damaged_per_loss
        )
    tons_per_sortie = {}
    for pool_id in strike:
        pool = rules.pools[pool_id]
        dark = rules.night_dark_accuracy
        acc = pool.night_accuracy * (dark + (1 - dark) * moon) if package.night else pool.accuracy
        tons_per_sortie[pool_id] = pool.bomb_tons * acc
    flak_penalty = 1 - rules.flak_accuracy_penalty * guns_eff / (guns_eff + 10) if guns_eff else 1.0
    chance = rules.stray_chance_night if package.night else rules.stray_chance_day
    fights = bool(escort and migs > 0 and escort_pool is not None)
    return StrikeOdds(
        migs=migs,
        penetrating=penetrating,
        guns=guns_eff,
        p_mig=p_mig,
        p_flak=p_flak,
        p_damaged=p_damaged,
        tons_per_sortie=tons_per_sortie,
        aim_factor=flak_penalty * accuracy_factor,
        stray_chance=min(1.0, chance * stray_factor),
        stray_spread_km=rules.stray_spread_km * math.sqrt(stray_factor),
        escort_loss_p=min(rules.escort_loss_cap, rules.enemy.escort_loss_rate * migs / escort)
        if fights
        else 0.0,
        migs_downed_mean=min(escort, migs) * rules.enemy.f86_kill_rate if fights else 0.0,
        burden_names=tuple(c.name for c in burden_cards),
    )


def weather_factor(rules: Rules, night: bool, weather: Weather) -> float:
    return rules.weather_accuracy.get(f"{'night' if night else 'day'}_{weather.value}", 1.0)


# The weather over the target, in the report's words.
WEATHER_WORDS = {
    Weather.CLEAR: "clear skies",
    Weather.OVERCAST: "overcast skies",
    Weather.STORM: "storms over the target",
}


def _mig_fight(migs: float, penetrating: float, escort: int) -> str:
    """The MiGs' fight in numbers that add up: those turned back and those that got through."""
    rose, through = round(migs), round(penetrating)
    if escort <= 0:
        return f"{rose} MiGs rose against the raid; there was no escort"
    return (
        f"{rose} MiGs rose against the raid; {escort} escorts turned back {rose - through} "
        f"of them and {through} got through to the bombers"
    )


def resolve_package(
    rules: Rules,
    state: GameState,
    package: StrikePackage,
    strike: dict[str, int],
    suppression: dict[str, int],
    escort: int,
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    target = rules.targets[package.target]
    ts = state.targets[package.target]
    when = "night" if package.night else "day"
    label = f"{target.name} ({when})"
    strikers = sum(strike.values())
    if strikers == 0:
        return
    odds = strike_odds(rules, state, package, strike, suppression, escort, ctx.moon)
    migs, penetrating, guns_eff = odds.migs, odds.penetrating, odds.guns
    escort_pool = rules.pools.get(rules.escort_pool)
    lost: dict[str, int] = {}
    damaged: dict[str, int] = {}
    mig_kills: dict[str, int] = {}
    flak_kills: dict[str, int] = {}
    flying = dict(strike)
    for p, n in suppression.items():
        flying[p] = flying.get(p, 0) + n
    for pool_id in sorted(flying):
        n = flying[pool_id]
        p_mig, p_flak, p_damage = odds.p_mig[pool_id], odds.p_flak[pool_id], odds.p_damaged[pool_id]
        k_mig = int(rng.binomial(n, p_mig)) if p_mig > 0 else 0
        k_flak = int(rng.binomial(n - k_mig, p_flak)) if p_flak > 0 else 0
        mig_kills[pool_id], flak_kills[pool_id] = k_mig, k_flak
        lost[pool_id] = k_mig + k_flak
        damaged[pool_id] = int(rng.binomial(n - lost[pool_id], p_damage)) if p_damage else 0

    escort_lost = 0
    if odds.escort_loss_p > 0 or odds.migs_downed_mean > 0:
        assert escort_pool is not None
        escort_lost = int(rng.binomial(escort, odds.escort_loss_p))
        downed = int(rng.poisson(odds.migs_downed_mean))
        state.mig_strength = max(0.0, state.mig_strength - downed)
        ctx.add("migs_downed", downed)
        if downed:
            events.append(
                Event(
                    ctx.day,
                    Category.AIR_COMBAT,
                    f"{escort_pool.aircraft} escort over {target.name} claims {downed} "
                    f"MiG-15{'s' if downed != 1 else ''}.",
                    cause=_mig_fight(migs, penetrating, escort),
                    target=target.id,
                    data={"migs_downed": downed},
                )
            )
        lost[rules.escort_pool] = lost.get(rules.escort_pool, 0) + escort_lost
        mig_kills[rules.escort_pool] = mig_kills.get(rules.escort_pool, 0) + escort_lost

    for pool_id, n in sorted(lost.items()):
        _take_losses(rules, state, pool_id, n, damaged.get(pool_id, 0))
    total_lost = sum(lost.values())
    ctx.add("aircraft_lost", total_lost)
    if total_lost or sum(damaged.values()):
        parts = []
        if sum(mig_kills.values()):
            parts.append(
                f"{sum(mig_kills.values())} to MiGs ({penetrating:.0f} of the {migs:.0f} that "
                "rose got past the escort)"
            )
        if sum(flak_kills.values()):
            parts.append(f"{sum(flak_kills.values())} to flak ({guns_eff:.0f} guns firing)")
        events.append(
            Event(
                ctx.day,
                Category.LOSSES,
                f"{total_lost} aircraft lost and {sum(damaged.values())} damaged over {label}.",
                cause="; ".join(parts) if parts else "battle damage from flak and fighters",
                target=target.id,
                data={"lost": lost, "damaged": damaged},
            )
        )

    # --- bombing
    weather = ctx.weather.get(target.region, Weather.CLEAR)
    tons = 0.0
    for pool_id, n in strike.items():
        survivors = n - mig_kills.get(pool_id, 0) - flak_kills.get(pool_id, 0)
        tons += max(0, survivors) * odds.tons_per_sortie[pool_id]
    tons *= weather_factor(rules, package.night, weather) * odds.aim_factor
    tons *= float(rng.lognormal(0.0, rules.damage_noise))
    before = ts.damage
    ts.damage = 100 * (1 - (1 - before / 100) * math.exp(-tons / max(target.hardness, 1e-6)))
    ts.last_struck = ctx.day
    ts.times_struck += 1
    gained = ts.damage - before
    state.strike_memory[target.kind] = state.strike_memory.get(target.kind, 0.0) + strikers / 100
    if package.night:
        built = rules.enemy.night_adaptation * strikers
        state.night_defence = min(1.0, state.night_defence + built)
    else:
        state.escort_memory = 0.8 * state.escort_memory + 0.2 * (escort / max(strikers, 1))
    cause = f"{strikers} sorties, {tons:.0f} t on the aiming point; {WEATHER_WORDS[weather]}"
    if odds.burden_names:
        cause += "; " + ", ".join(f"burdened by '{name}'" for name in odds.burden_names)
    events.append(
        Event(
            ctx.day,
            Category.STRIKE,
            f"{label}: damage from {before:.0f}% to {ts.damage:.0f}%.",
            cause=cause,
            target=target.id,
            data={"before": round(before, 2), "after": round(ts.damage, 2), "tons": round(tons, 1)},
        )
    )
    if target.kind == "dam":
        ctx.add("dam_strikes", 1)
        if state.reservoir_alert_day is None:
            from datetime import timedelta

            state.reservoir_alert_day = ctx.day + timedelta(days=rules.enemy.reservoir_alert_delay)
    if package.warning:
        ctx.add("warned_strikes", 1)

    # --- civilians
    casualties = target.civilians * rules.civilian_lethality * gained / 100
    if package.warning:
        casualties *= rules.warning_casualty_factor
    if casualties >= 1:
        casualties = float(rng.poisson(casualties))
        state.civilian_casualties += casualties
        ctx.add("civilians", casualties)
        events.append(
            Event(
                ctx.day,
                Category.CIVILIANS,
                f"About {casualties:,.0f} civilian{'' if round(casualties) == 1 else 's'} "
                f"killed or wounded at {target.name}.",
                cause=f"the strike on {target.name}"
                + (" (civilians had been warned)" if package.warning else " (no warning given)"),
                target=target.id,
                data={"casualties": casualties},
            )
        )

    _stray_bombs(rules, state, package, strikers - total_lost, odds, ctx, rng, events)


def _take_losses(rules: Rules, state: GameState, pool_id: str, lost: int, damaged: int) -> None:
    ps = state.pools[pool_id]
    lost = min(lost, ps.ready)
    ps.ready -= lost
    ps.lost += lost
    state.aircraft_lost += lost
    damaged = min(damaged, ps.ready)
    ps.ready -= damaged
    ps.damaged.extend([rules.pools[pool_id].repair_days] * damaged)


def _stray_bombs(
    rules: Rules,
    state: GameState,
    package: StrikePackage,
    sorties: int,
    odds: StrikeOdds,
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    """Some bombs miss by kilometres; where they land decides whether it matters."""
    n = int(rng.binomial(max(0, sorties), odds.stray_chance))
    if n == 0:
        return
    target = rules.targets[package.target]
    offsets = rng.normal(0.0, odds.stray_spread_km, size=(n, 2))
    impacts = [(target.position[0] + dx, target.position[1] + dy) for dx, dy in offsets]
    zones = [f for f in rules.geometry.on_layer(Layer.ZONES) if f.kind in _INCIDENT_ZONES]
    seen: set[str] = set()
    for point in impacts:
        for zone in zones:
            if zone.id in seen or not zone.contains(point):
                continue
            seen.add(zone.id)
            _incident(rules, state, zone.id, zone.kind, zone.name or zone.id, ctx, events)


_INCIDENT_ZONES = ("neutral_zone", "pow_camp", "sanctuary")  # the kinds in _INCIDENTS


# What a stray bomb in each kind of zone means: the report's words and the tally it adds to.
_INCIDENTS = {
    "neutral_zone": (
        "Stray bombs fell inside the {zone}.",
        "bombs that missed their aim by kilometres",
        "incidents",
    ),
    "pow_camp": (
        "Bombs hit near the prisoner camp at {zone}.",
        "bombs that missed their aim; enemy propaganda seizes on it",
        "incidents",
    ),
    "sanctuary": (
        "Bombs fell across the border ({zone}).",
        "bombs that missed their aim near the frontier",
        "border_incidents",
    ),
}


def _incident(
    rules: Rules,
    state: GameState,
    zone_id: str,
    kind: str,
    zone_name: str,
    ctx: DayContext,
    events: list[Event],
) -> None:
    from game.core.politics import walk_out

    text, cause, tally = _INCIDENTS[kind]
    ctx.add(tally, 1)
    events.append(
        Event(
            ctx.day,
            Category.INCIDENT,
            text.format(zone=zone_name),
            cause=cause,
            data={"zone": zone_id},
        )
    )
    if kind == "neutral_zone":  # the enemy's pretext to leave the talks
        walk_out(rules, state, zone_name, events, ctx.day)


def standing_sorties(
    rules: Rules,
    spare: Mapping[str, int],
    interdiction_share: float,
    close_support_share: float,
    air_superiority_share: float,
) -> float:
    """How many sorties :func:`standing_tasks` flies from ``spare`` (for the day's effort)."""
    total = 0.0
    for pool_id in sorted(spare):
        n, pool = spare[pool_id], rules.pools[pool_id]
        if n <= 0:
            continue
        if pool.role == Role.INTERCEPTOR:
            total += n * air_superiority_share
        elif pool.role == Role.RECON:
            total += n
        elif pool.role in (Role.FIGHTER_BOMBER, Role.MEDIUM_BOMBER, Role.LIGHT_BOMBER, Role.NAVY):
            total += n * interdiction_share + (n * close_support_share if pool.day else 0.0)
    return total


def standing_tasks(
    rules: Rules,
    state: GameState,
    spare: dict[str, int],
    interdiction_share: float,
    close_support_share: float,
    air_superiority_share: float,
    focus: tuple[str, ...],
    recon_targets: tuple[str, ...],
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> dict[str, float]:
    """Sorties not in packages: barrier patrols, armed reconnaissance, close support, photos."""
    results = {"interdiction": 0.0, "close_support": 0.0, "patrols": 0.0, "recon": 0.0}
    interdiction_by_pool: dict[str, float] = {}
    for pool_id in sorted(spare):
        n = spare[pool_id]
        pool = rules.pools[pool_id]
        if n <= 0:
            continue
        if pool.role == Role.INTERCEPTOR:
            results["patrols"] += n * air_superiority_share
            ctx.add(f"sorties.{pool.role.value}", n * air_superiority_share)
        elif pool.role == Role.RECON:
            results["recon"] += n
            ctx.add(f"sorties.{pool.role.value}", n)
        elif pool.role in (Role.FIGHTER_BOMBER, Role.MEDIUM_BOMBER, Role.LIGHT_BOMBER, Role.NAVY):
            results["interdiction"] += n * interdiction_share
            interdiction_by_pool[pool_id] = n * interdiction_share
            flown = n * interdiction_share
            if pool.day:
                results["close_support"] += n * close_support_share
                flown += n * close_support_share
            ctx.add(f"sorties.{pool.role.value}", flown)
    # Barrier patrols: how well the MiGs are held north of the Chongchon.
    patrols = results["patrols"]
    held = rules.enemy.barrier_mig_weight * state.mig_strength
    state.barrier = patrols / (patrols + held) if patrols > 0 else 0.0

    _armed_reconnaissance(
        rules, state, results["interdiction"], interdiction_by_pool, focus, ctx, rng, events
    )
    _photo_reconnaissance(rules, state, int(results["recon"]), recon_targets, ctx, rng)
    return results


def _interdiction_losses(
    rules: Rules,
    state: GameState,
    pools: dict[str, float],
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    """Low passes over flak-lined railways cost aircraft (243 lost in ten months, A)."""
    rate = rules.supply.interdiction_loss_rate
    if rate <= 0:
        return
    total = 0
    for pool_id in sorted(pools):
        lost = int(rng.binomial(int(pools[pool_id]), min(1.0, rate)))
        if lost:
            _take_losses(rules, state, pool_id, lost, 0)
            total += lost
    if total:
        ctx.add("aircraft_lost", total)
        events.append(
            Event(
                ctx.day,
                Category.LOSSES,
                f"{total} aircraft lost on armed reconnaissance over the rail lines.",
                cause="low-level attacks on trains and track guarded by flak",
                data={"lost": total},
            )
        )


def _armed_reconnaissance(
    rules: Rules,
    state: GameState,
    sorties: float,
    pools: dict[str, float],
    focus: tuple[str, ...],
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    segments = [
        tid
        for tid, t in sorted(rules.targets.items())
        if t.kind == "rail_segment" and state.targets[tid].active and (not focus or tid in focus)
    ]
    if sorties <= 0 or not segments:
        return
    _interdiction_losses(rules, state, pools, ctx, rng, events)
    weather_factor = np.mean(
        [rules.weather_accuracy.get(f"day_{w.value}", 1.0) for w in ctx.weather.values()]
    )
    cuts = int(rng.poisson(sorties * rules.supply.cuts_per_sortie * weather_factor))
    if cuts == 0:
        return
    # Cuts fall where the traffic is: longer segments take more.
    lengths = np.array([max(rules.targets[s].length_km, 1.0) for s in segments])
    hits = rng.multinomial(cuts, lengths / lengths.sum())
    for seg, k in zip(segments, hits, strict=True):
        if k:
            ts = state.targets[seg]
            ts.damage = min(100.0, ts.damage + k * rules.supply.damage_per_cut)
    state.rail_cuts += cuts
    ctx.add("rail_cuts", cuts)
    ctx.add("interdiction_sorties", sorties)
    events.append(
        Event(
            ctx.day,
            Category.INTERDICTION,
            f"Armed reconnaissance (the standing interdiction task, set on the Tasks tab) cut the "
            f"rail lines in {cuts} places.",
            cause=f"{sorties:.0f} interdiction sorties over {len(segments)} rail segments",
            data={"cuts": cuts},
        )
    )


def _photo_reconnaissance(
    rules: Rules,
    state: GameState,
    sorties: int,
    asked: tuple[str, ...],
    ctx: DayContext,
    rng: np.random.Generator,
) -> None:
    from game.core.intel import observe

    if sorties <= 0:
        return
    recent = sorted(
        (tid for tid, ts in state.targets.items() if ts.last_struck is not None),
        key=lambda tid: state.targets[tid].last_struck or ctx.day,
        reverse=True,
    )
    wanted = [t for t in asked if t in state.targets] + [t for t in recent if t not in asked]
    for tid in wanted[:sorties]:
        observe(rules, state, tid, rules.bda_recon_confidence, ctx.day, rng)
