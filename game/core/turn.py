"""One turn of play: the player's orders flown day by day, the enemy, politics, the end.

``run_turn`` is the only way the game advances; the interface, the forecast, replays
and headless play all call it. It never changes the state it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np

from game.core import effects, enemy, intel, leadership, politics
from game.core.calendar import draw_weather, moon_illumination
from game.core.conditions import all_hold
from game.core.events import Category, Event
from game.core.geometry import Layer
from game.core.model import (
    CardState,
    EndingDef,
    GameState,
    Intel,
    Outcome,
    PoolState,
    Rules,
    TalksState,
    TargetState,
)
from game.core.orders import (
    Refused,
    StandingTasks,
    StrikePackage,
    TurnOrders,
    validate_package,
)
from game.core.resolution import DayContext, resolve_package, standing_tasks
from game.core.targets import cities_half_destroyed, power_destroyed_pct


@dataclass(frozen=True)
class TurnResult:
    state: GameState
    events: tuple[Event, ...]
    report: dict[str, Any] = field(default_factory=dict)


def new_game(rules: Rules) -> GameState:
    """The state on the scenario's first day."""
    state = GameState(
        day=rules.start,
        turn=1,
        pools={pid: PoolState(ready=p.initial_ready) for pid, p in sorted(rules.pools.items())},
        targets={
            tid: TargetState(damage=t.initial_damage, flak=t.flak)
            for tid, t in sorted(rules.targets.items())
        },
        cards={cid: CardState(in_force=c.in_force) for cid, c in sorted(rules.cards.items())},
        meter=rules.meter.initial,
        world_opinion=rules.opinion.world_initial,
        us_patience=rules.opinion.patience_initial,
        talks=rules.initial_talks,
        stockpile=rules.supply.initial_stockpile,
        navy_cooperation=rules.navy_cooperation,
        mig_strength=rules.enemy.mig_strength,
        intel=Intel(meter_estimate=rules.meter.initial, mig_estimate=rules.enemy.mig_strength),
    )
    state.power_destroyed_pct = power_destroyed_pct(rules, state)
    return state


def run_turn(
    rules: Rules, state: GameState, orders: TurnOrders, rng: np.random.Generator
) -> TurnResult:
    """Fly the orders over the turn's days; return the new state, its events and a report.

    The report's ``log`` says why things moved: the meter's change by cause, the
    enemy's labour by target kind and its decisions, the packages flown and refused.
    """
    if state.outcome != Outcome.ONGOING:
        return TurnResult(state, (), {"skipped": "the game is over"})
    s = state.clone()
    if rules.leadership.leaders and not s.resolve:
        s.resolve = leadership.draw_resolve(rules, rng)
    events: list[Event] = []
    flown = _accepted_packages(rules, s, orders, events)
    # So far the only events are the refusals of packages validation turned down.
    refused = [{"target": e.target, "reason": e.cause} for e in events]
    meter_at_start = s.meter
    _turn_start_policies(rules, s, orders, events)
    totals: dict[str, float] = {}
    strike_days: list[float] = []  # days since the start on which a package flew
    days = 0
    for day_index in range(rules.turn_days):
        if s.day > rules.end or s.outcome != Outcome.ONGOING:
            break
        offset = float((s.day - rules.start).days)
        tallies = _step_day(rules, s, orders, flown, day_index, rng, events)
        if tallies.get("package_sorties", 0.0) > 0:
            strike_days.append(offset)
        for k, v in tallies.items():
            totals[k] = totals.get(k, 0.0) + v
        days += 1
    patience_before = s.us_patience
    politics.resolve_jcs_requests(rules, s, orders.jcs_requests, rng, events)
    log = _turn_log(s, meter_at_start, totals, flown, refused, events)
    picture = intel.end_of_turn_picture(rules, s, log["meter_causes"], days, rng)
    if days:  # after the picture: the report gives the estimate the chart draws
        events.append(_front_event(s, totals))
    picture.pop("meter_estimate")  # the row rounds it
    s.history.append({**_history_row(rules, s, totals, strike_days), **picture})
    s.turn += 1
    log["jcs_patience"] = round(s.us_patience - patience_before, 3)
    report = {"days": days, "totals": totals, "outcome": s.outcome.value, "log": log}
    return TurnResult(s, tuple(events), report)


def _prefixed(totals: dict[str, float], prefix: str) -> dict[str, float]:
    n = len(prefix)
    return {k[n:]: round(v, 3) for k, v in sorted(totals.items()) if k.startswith(prefix)}


def _turn_log(
    s: GameState,
    meter_at_start: float,
    totals: dict[str, float],
    flown: list[StrikePackage],
    refused: list[dict[str, str]],
    events: list[Event],
) -> dict[str, Any]:
    """Why the turn went as it did, in plain data (``simulate --history``, the desk)."""
    causes = {k: v for k, v in _prefixed(totals, "meter.").items() if abs(v) >= 0.0005}
    cut = [
        {"target": e.target, "reason": e.cause, "text": e.text}
        for e in events
        if e.data.get("not_flown") or e.data.get("cut_down")
    ]
    return {
        "meter_change": round(s.meter - meter_at_start, 3),
        "meter_causes": causes,
        "enemy_labour": _prefixed(totals, "labour."),
        "sorties_by_role": {k: round(v) for k, v in _prefixed(totals, "sorties.").items()},
        "packages": [
            {
                "target": p.target,
                "days": list(p.days),
                "night": p.night,
                "warning": p.warning,
                "strike_sorties": p.strike_sorties(),
                "escort": p.escort,
            }
            for p in flown
        ],
        "refused": refused + cut,
        "decisions": _decisions(events),
    }


def _decisions(events: list[Event]) -> list[dict[str, str]]:
    return [
        {
            "day": e.day.isoformat(),
            "decision": e.data["decision"],
            "text": e.text,
            "reason": e.cause,
        }
        for e in events
        if "decision" in e.data
    ]


def _front_event(s: GameState, totals: dict[str, float]) -> Event:
    """The front's week (or day) in one line, as the planner's picture has it.

    Supply is the estimate the Front supply chart draws, never the hidden truth;
    the artillery fire is what the troops at the front report.
    """
    cuts = totals.get("rail_cuts", 0.0)
    estimate = s.intel.front_supply_estimate
    return Event(
        s.day,
        Category.SUPPLY,
        f"Front supply (your estimate): the front received about {estimate:.0f}% of what "
        f"it needs; enemy artillery fire is {s.artillery:.1f} times its usual level.",
        cause=f"prisoners' and patrols' reports after {cuts:.0f} rail cuts; the true figure "
        "is known only after the war",
        data={"front_supply_estimate": round(estimate, 1), "artillery": round(s.artillery, 2)},
    )


def _target_name(rules: Rules, target_id: str) -> str:
    """A target by its name; an order may name one the scenario does not have."""
    target = rules.targets.get(target_id)
    return target.name if target is not None else target_id


def _accepted_packages(
    rules: Rules, state: GameState, orders: TurnOrders, events: list[Event]
) -> list[StrikePackage]:
    accepted = []
    for package in orders.packages:
        # Short pools cut a package down when it flies (_draw); they do not cancel it.
        verdict = validate_package(rules, state, package, check_capacity=False)
        if isinstance(verdict, Refused):
            events.append(
                Event(
                    state.day,
                    Category.CARD if verdict.card else Category.STRIKE,
                    f"Package against {_target_name(rules, package.target)} not flown.",
                    cause=verdict.reason,
                    target=package.target,
                )
            )
        else:
            accepted.append(package)
    return accepted


def _turn_start_policies(
    rules: Rules, state: GameState, orders: TurnOrders, events: list[Event]
) -> None:
    """Warnings publicised by the press count toward the State Department's protest."""
    warned = any(p.warning for p in orders.packages)
    # A publicity policy that a card forbids is not carried out (see _press_policy).
    if warned and _press_policy(rules, state, orders) == "publicised":
        state.warnings_publicised_turns += 1


def _press_policy(rules: Rules, state: GameState, orders: TurnOrders) -> str:
    card = politics.card_forbidding_press(rules, state, orders.press)
    return "routine" if card else orders.press.value


@dataclass
class Day:
    """One day of a turn: what the phases read, and the values they hand on."""

    rules: Rules
    state: GameState
    orders: TurnOrders
    packages: list[StrikePackage]
    day_index: int
    rng: np.random.Generator
    ctx: DayContext
    available: dict[str, int] = field(default_factory=dict)  # sorties not yet flown
    sorties_today: int = 0
    close_support: float = 0.0  # close-support sorties flown
    events_moved: float = 0.0  # meter points the scenario's events gave today
    causes: dict[str, float] = field(default_factory=dict)  # the meter's move, by cause


Phase = Callable[[Day], list[Event]]


def _phase_scenario_events(d: Day) -> list[Event]:
    out: list[Event] = []
    before = d.state.meter
    _scenario_events(d.rules, d.state, d.rng, out)
    d.events_moved = d.state.meter - before
    politics.lift_cards_by_circumstance(d.rules, d.state, out)
    return out


def _phase_weather(d: Day) -> list[Event]:
    """The moon from the date, and each region's weather drawn for the day."""
    regions = sorted({t.region for t in d.rules.targets.values()}) or ["west"]
    d.ctx.moon = moon_illumination(d.ctx.day)
    d.ctx.weather = {r: draw_weather(d.rng, d.rules.weather, d.ctx.day) for r in regions}
    return []


def _phase_packages(d: Day) -> list[Event]:
    """The player's strike packages for the day, each against today's ready aircraft."""
    rules, s, day = d.rules, d.state, d.ctx.day
    out: list[Event] = []
    d.available = sorties_available(rules, s)
    d.sorties_today = sum(d.available.values())
    for package in d.packages:
        if not package.flies_on(d.day_index):
            continue
        card = politics.card_blocking_package(rules, s, package)
        if card is not None:  # a card came into play during the turn
            out.append(
                Event(
                    day,
                    Category.CARD,
                    f"Package against {rules.targets[package.target].name} not flown: "
                    f"'{rules.cards[card].name}' came into force.",
                    cause=rules.cards[card].reason,
                    target=package.target,
                    data={"card": card, "not_flown": True},
                )
            )
            continue
        _fly_package(d, package, out)
    if any(rules.targets[p.target].kind in ("hydro_plant", "thermal_plant") for p in d.packages):
        s.power_destroyed_pct = power_destroyed_pct(rules, s)
    return out


def _fly_package(d: Day, package: StrikePackage, out: list[Event]) -> None:
    rules, s, ctx, day = d.rules, d.state, d.ctx, d.ctx.day
    strike = draw_sorties(d.available, package.strike)
    suppression = draw_sorties(d.available, package.suppression)
    escort = draw_sorties(d.available, ((rules.escort_pool, package.escort),)).get(
        rules.escort_pool, 0
    )
    if sum(strike.values()) < package.strike_sorties():
        out.append(
            Event(
                day,
                Category.FORCES,
                f"Package against {rules.targets[package.target].name} cut down to "
                f"{sum(strike.values())} of {package.strike_sorties()} sorties.",
                cause="not enough ready aircraft",
                target=package.target,
                data={"cut_down": True},
            )
        )
    resolve_package(rules, s, package, strike, suppression, escort, ctx, d.rng, out)
    flown_sorties = sum(strike.values()) + sum(suppression.values()) + escort
    ctx.tallies["package_sorties"] = ctx.tallies.get("package_sorties", 0.0) + flown_sorties
    for pid, n in (*strike.items(), *suppression.items(), (rules.escort_pool, escort)):
        if n:
            ctx.add(f"sorties.{rules.pools[pid].role.value}", n)
    intel.observe(
        rules,
        s,
        package.target,
        rules.bda_strike_confidence * (0.5 if package.night else 1.0),
        day,
        d.rng,
    )
    if any(rules.pools[p].role.value == "navy" for p in strike) and any(
        rules.pools[p].role.value != "navy" for p in strike
    ):
        s.navy_cooperation = min(1.0, s.navy_cooperation + rules.cooperation_gain)


def _phase_standing_tasks(d: Day) -> list[Event]:
    """What the packages left flies patrols, armed reconnaissance, close support, photos."""
    rules, s, orders, ctx = d.rules, d.state, d.orders, d.ctx
    out: list[Event] = []
    st = orders.standing
    interdiction, close_support, air_superiority = standing_shares(st)
    tasks = standing_tasks(
        rules,
        s,
        d.available,
        interdiction,
        close_support,
        air_superiority,
        tuple(t for t in st.interdiction_focus if t in rules.targets),
        tuple(t for t in orders.recon_targets if t in rules.targets),
        ctx,
        d.rng,
        out,
    )
    d.close_support = tasks["close_support"]
    _close_support_strays(rules, s, d.close_support, ctx, d.rng, out)
    used = ctx.tallies.get("package_sorties", 0.0) + sum(tasks.values())
    ctx.tallies["effort"] = min(1.0, used / d.sorties_today) if d.sorties_today else 1.0
    return out


def standing_shares(st: StandingTasks) -> tuple[float, float, float]:
    """Interdiction, close support and barrier shares, held to what validation allows.

    Shares out of range never come from the interface; a hand-made order file might.
    """
    interdiction = min(1.0, max(0.0, st.interdiction))
    close_support = min(1.0 - interdiction, max(0.0, st.close_support))
    return interdiction, close_support, min(1.0, max(0.0, st.air_superiority))


def _phase_enemy(d: Day) -> list[Event]:
    """The enemy's day: reservoirs, the front, supply, repairs, flak, dispersal, MiGs."""
    rules, s, ctx, day = d.rules, d.state, d.ctx, d.ctx.day
    out: list[Event] = []
    ctx.add("floods", enemy.reservoirs(rules, s, out, day))
    leadership.plan_front(rules, s, out, day)
    enemy.supply_the_front(rules, s, ctx.tallies, d.close_support)
    for tid, crew in enemy.repair(rules, s, out, day).items():
        ctx.add(f"labour.{rules.targets[tid].kind}", crew)
    enemy.rebuild_towns(rules, s, day)
    enemy.adapt_flak(rules, s)
    enemy.disperse(rules, s, out, day)
    enemy.migs(rules, s)
    leadership.forward_bases(rules, s, out, day)
    _aircraft_return(rules, s)
    return out


def _phase_politics(d: Day) -> list[Event]:
    """The meter, opinion and patience move; the leaders decide on the talks."""
    rules, s, orders, ctx, day = d.rules, d.state, d.orders, d.ctx, d.ctx.day
    out: list[Event] = []
    press = _press_policy(rules, s, orders)
    leadership.remember(rules, s, ctx.tallies, d.close_support)
    causes = politics.daily_politics(rules, s, type(orders.press)(press), ctx.tallies, out)
    causes["events"] = causes.get("events", 0.0) + d.events_moved
    before = s.meter
    s.meter = max(0.0, min(100.0, s.meter + leadership.decide_talks(rules, s, out, day)))
    causes["talks"] = causes.get("talks", 0.0) + s.meter - before
    s.world_opinion = max(0.0, s.world_opinion - leadership.retaliate(rules, s, out, day))
    for cause, points in causes.items():
        ctx.add(f"meter.{cause}", points)
    d.causes = causes
    politics.talks_timers(s, out)
    return out


def _phase_end_of_day(d: Day) -> list[Event]:
    out: list[Event] = []
    intel.decay_confidence(d.rules, d.state)
    _check_end(d.rules, d.state, out)
    return out


# A day of the turn, in order. Each phase returns the events it made; the values it
# hands to later phases (sorties left, close support flown) go on the Day.
DAY_PHASES: tuple[tuple[str, Phase], ...] = (
    ("scenario events and cards", _phase_scenario_events),
    ("moon and weather", _phase_weather),
    ("strike packages", _phase_packages),
    ("standing tasks", _phase_standing_tasks),
    ("the enemy", _phase_enemy),
    ("politics and the talks", _phase_politics),
    ("end of day", _phase_end_of_day),
)


def _step_day(
    rules: Rules,
    s: GameState,
    orders: TurnOrders,
    packages: list[StrikePackage],
    day_index: int,
    rng: np.random.Generator,
    events: list[Event],
) -> dict[str, float]:
    day = s.day
    d = Day(rules, s, orders, packages, day_index, rng, DayContext(day=day, moon=0.0, weather={}))
    for _name, phase in DAY_PHASES:
        events.extend(phase(d))
    s.day = day + timedelta(days=1)
    return d.ctx.tallies


def sorties_available(rules: Rules, state: GameState) -> dict[str, int]:
    """Today's sorties by pool; Task Force 77 commits what its cooperation allows."""
    available = {
        pid: int(ps.ready * rules.pools[pid].sortie_rate) for pid, ps in sorted(state.pools.items())
    }
    for pid, pool in rules.pools.items():
        if pool.role.value == "navy":
            available[pid] = int(
                available[pid] * min(1.0, state.navy_cooperation + rules.navy_commit_margin)
            )
    return available


def draw_sorties(available: dict[str, int], wanted: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """Take sorties from the day's budget; a package is cut down, not cancelled."""
    got: dict[str, int] = {}
    for pid, n in wanted:
        if not pid or n <= 0:
            continue
        take = min(n, available.get(pid, 0))
        available[pid] = available.get(pid, 0) - take
        got[pid] = got.get(pid, 0) + take
    return got


def _close_support_strays(
    rules: Rules,
    s: GameState,
    sorties: float,
    ctx: DayContext,
    rng: np.random.Generator,
    events: list[Event],
) -> None:
    """Close support along the front flies near the talks' neutral circles."""
    if sorties <= 0 or s.talks != TalksState.IN_SESSION:
        return
    if rng.random() < 1 - (1 - rules.close_support_stray_chance) ** sorties:
        zones = [f for f in rules.geometry.on_layer(Layer.ZONES) if f.kind == "neutral_zone"]
        if zones:
            zone = zones[int(rng.integers(len(zones)))]
            ctx.add("incidents", 1)
            events.append(
                Event(
                    ctx.day,
                    Category.INCIDENT,
                    f"A close-support flight strafed inside the {zone.name or zone.id}.",
                    cause="a navigation error on a close-support mission near the front",
                    data={"zone": zone.id},
                )
            )
            politics.walk_out(rules, s, zone.name or zone.id, events, ctx.day)


def _scenario_events(
    rules: Rules, s: GameState, rng: np.random.Generator, events: list[Event]
) -> None:
    for ev in rules.events:
        if ev.id in s.events_fired:
            continue
        if ev.start is not None and s.day < ev.start:
            continue
        if ev.end is not None and s.day > ev.end:
            continue
        if not all_hold(ev.conditions, s):
            continue
        if ev.chance < 1.0 and rng.random() >= ev.chance:
            continue
        s.events_fired.add(ev.id)
        lines = [effects.apply(rules, s, e.kind, e.params) for e in ev.effects]
        events.append(
            Event(
                s.day,
                Category.POLITICS,
                ev.title,
                cause=ev.text or "events outside the planner's hands",
                data={"event": ev.id, "effects": lines, "source": ev.source},
            )
        )


def _aircraft_return(rules: Rules, s: GameState) -> None:
    for pid, ps in s.pools.items():
        back = sum(1 for d in ps.damaged if d <= 1)
        ps.damaged = [d - 1 for d in ps.damaged if d > 1]
        ps.ready += back
        if s.day.day == 1:
            pool = rules.pools[pid]
            room = pool.establishment - ps.ready - len(ps.damaged)
            new = max(0, min(pool.replacements_per_month, room))
            ps.ready += new
            ps.replaced += new


def _check_end(rules: Rules, s: GameState, events: list[Event]) -> None:
    m, o = rules.meter, rules.opinion
    if s.world_opinion <= o.recall_world or s.us_patience <= o.recall_patience:
        why = (
            f"world opinion fell to {s.world_opinion:.0f}"
            if s.world_opinion <= o.recall_world
            else f"US patience fell to {s.us_patience:.0f}"
        )
        s.ending = ""
        _end(rules, s, Outcome.RECALL, events, f"The planner is relieved: {why}.", why)
        return
    ending = _scenario_ending(rules, s)
    if ending is not None:
        s.ending = ending.id
        why = ending.text or (
            "an event ended the game"
            if not ending.conditions
            else "; ".join(f"{c.metric} {c.op} {c.value}" for c in ending.conditions)
        )
        _end(rules, s, ending.outcome, events, ending.title, why)
        return
    if s.offensive_days_left > 0:
        s.offensive_days_left -= 1
        if s.offensive_days_left == 0:
            s.offensive_done = True
    settled = s.pow_settled or not rules.leadership.pow_question
    if s.talks == TalksState.IN_SESSION and s.meter >= m.threshold and settled:
        s.days_above_threshold += 1
    else:
        s.days_above_threshold = 0
    if s.days_above_threshold >= m.hold_days and s.offensive_days_left == 0:
        if not s.offensive_done and m.offensive_days > 0:
            s.offensive_days_left = m.offensive_days
            events.append(
                Event(
                    s.day,
                    Category.ENEMY,
                    "The enemy opens a last offensive against the ROK lines.",
                    cause="ready to sign, it seeks late gains to save face",
                )
            )
        else:
            _end(
                rules,
                s,
                Outcome.ARMISTICE,
                events,
                "The armistice is signed at Panmunjom.",
                f"the enemy's willingness held above {m.threshold:.0f} with talks in session",
            )
            return
    if s.day >= rules.end:
        _end(rules, s, Outcome.TIME_OUT, events, "Time has run out.", "the scenario's end date")


def _scenario_ending(rules: Rules, s: GameState) -> EndingDef | None:
    """The ending an event called for, or the first whose conditions all hold."""
    for ending in rules.endings:
        if s.ending == ending.id or (ending.conditions and all_hold(ending.conditions, s)):
            return ending
    return None


def _end(
    rules: Rules, s: GameState, outcome: Outcome, events: list[Event], text: str, cause: str
) -> None:
    s.outcome = outcome
    s.end_date = s.day
    s.score = score(rules, s)
    events.append(Event(s.day, Category.END, text, cause=cause, data={"score": round(s.score, 1)}))


def score(rules: Rules, s: GameState) -> float:
    """Higher is better: the date, losses, casualties and opinion, as the scenario weighs them."""
    sc = rules.score
    value = sc.base
    value -= sc.per_aircraft * s.aircraft_lost
    value -= sc.per_thousand_un * s.un_casualties / 1000
    value -= sc.per_thousand_civilian * s.civilian_casualties / 1000
    value += sc.per_opinion_point * (s.world_opinion - rules.opinion.world_initial)
    value += sc.per_power_point * s.power_destroyed_pct
    value += sc.per_meter_point * (s.meter - rules.meter.initial)
    if s.outcome == Outcome.ARMISTICE and s.end_date is not None:
        weeks_late = (s.end_date - sc.historical_end).days / 7
        if weeks_late > 0:
            value -= sc.per_week_late * weeks_late
        else:
            value += sc.per_week_early * -weeks_late
    elif s.outcome == Outcome.RECALL:
        value -= sc.recall_penalty
        if s.end_date is not None:
            # The war goes on after the planner: the sooner the recall, the more is left.
            weeks_left = (sc.historical_end - s.end_date).days / 7
            value -= sc.per_week_left_at_recall * max(0.0, weeks_left)
    elif s.outcome == Outcome.TIME_OUT:
        value -= sc.time_out_penalty
    value += sum(
        e.score for e in rules.endings if e.id == s.ending and s.outcome != Outcome.ONGOING
    )
    return round(value, 1)


def _history_row(
    rules: Rules, s: GameState, totals: dict[str, float], strike_days: list[float]
) -> dict[str, float]:
    return {
        "turn": float(s.turn),
        "meter": round(s.meter, 2),
        "world_opinion": round(s.world_opinion, 2),
        "us_patience": round(s.us_patience, 2),
        "power_destroyed_pct": round(power_destroyed_pct(rules, s), 2),
        "front_supply_pct": round(s.front_supply_pct, 2),
        "artillery": round(s.artillery, 3),
        "aircraft_lost": float(s.aircraft_lost),
        "civilian_casualties": round(s.civilian_casualties, 1),
        "rail_cuts": float(s.rail_cuts),
        "cities_half_destroyed": float(cities_half_destroyed(rules, s)),
        # The planner's picture at the turn's end, for charts shown during play.
        "meter_estimate": round(s.intel.meter_estimate, 2),
        "front_supply_estimate": round(s.intel.front_supply_estimate, 2),
        "power_estimate_pct": round(intel.power_destroyed_estimate(rules, s), 2),
        # The player's packages this turn, for the after-action record: sorties with
        # escorts, and the first and last day flown (days since the start; -1 for none).
        "package_sorties": totals.get("package_sorties", 0.0),
        "first_strike_day": min(strike_days, default=-1.0),
        "last_strike_day": max(strike_days, default=-1.0),
    }
