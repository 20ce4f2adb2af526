"""Built-in planners for the player's side, for headless play and calibration.

A planner reads only the :class:`~game.core.intel.PlayerView` (the intelligence
picture) and the scenario's rules, and returns orders, as a person at the planning
desk would. None of them sees the hidden truth.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from game.core.aar import date_span
from game.core.calendar import moon_illumination
from game.core.geometry import Layer
from game.core.intel import PlayerView
from game.core.model import PressPolicy, Role, Rules
from game.core.orders import StandingTasks, StrikePackage, TurnOrders
from game.core.politics import card_matches

PRESSURE_KINDS = (
    "hydro_plant",
    "thermal_plant",
    "industrial_complex",
    "refinery",
    "mine",
    "supply_complex",
    "city",
    "marshalling_yard",
    "airfield",
    "port",
)
INTERDICTION_KINDS = ("rail_bridge", "marshalling_yard")


@dataclass(frozen=True)
class Style:
    """How a planner splits its effort."""

    interdiction: float
    close_support: float
    pressure_share: float  # of strike sorties, put into packages on pressure targets
    kinds: tuple[str, ...] = PRESSURE_KINDS
    press: PressPolicy = PressPolicy.ROUTINE
    warn: bool = False
    escort: bool = True
    suppression: bool = True
    aim_damage: float = 80.0  # plan enough bombs for this much damage
    roles: tuple[Role, ...] = (Role.FIGHTER_BOMBER, Role.NAVY)  # who flies the strikes
    night: bool = False  # strike packages fly at night


@dataclass(frozen=True)
class PackageRule:
    """One rule for strike packages: which targets, flown by whom, and how.

    Each day the rule may use ``share`` of the sorties of the pools it names (by role,
    and by id if ``pools`` is given), and packages go to its targets (by kind, or by id
    in ``targets``) in order of value left standing, until those sorties are spent.
    """

    share: float
    kinds: tuple[str, ...] = PRESSURE_KINDS
    targets: tuple[str, ...] = ()
    roles: tuple[Role, ...] = (Role.FIGHTER_BOMBER, Role.NAVY)
    pools: tuple[str, ...] = ()
    night: bool = False
    moon_max: float = 1.0  # fly only on days the moon is at most this bright (night rules)
    warn: bool = False
    escort: bool = True
    suppression: bool = True
    aim_damage: float = 80.0
    start: date | None = None
    until: date | None = None

    def flies_on(self, day: date) -> bool:
        if (self.start and day < self.start) or (self.until and day > self.until):
            return False
        return not self.night or moon_illumination(day) <= self.moon_max

    def uses(self, rules: Rules, pool_id: str) -> bool:
        return rules.pools[pool_id].role in self.roles and (not self.pools or pool_id in self.pools)

    def aims_at(self, rules: Rules, target_id: str) -> bool:
        return rules.targets[target_id].kind in self.kinds or target_id in self.targets


@dataclass(frozen=True)
class Period:
    """Standing shares from a date on, until a later period begins."""

    start: date
    interdiction: float
    close_support: float
    air_superiority: float = 1.0


STYLES: dict[str, Style] = {
    "minimal": Style(interdiction=0.1, close_support=0.2, pressure_share=0.0),
    "interdiction": Style(
        interdiction=0.75, close_support=0.15, pressure_share=0.1, kinds=INTERDICTION_KINDS
    ),
    "greedy": Style(
        interdiction=0.0,
        close_support=0.0,
        pressure_share=1.0,
        press=PressPolicy.PUBLICISED,
        escort=False,
        suppression=False,
        aim_damage=95.0,
    ),
    "balanced": Style(interdiction=0.4, close_support=0.15, pressure_share=0.45, warn=True),
}


def allowed(rules: Rules, view: PlayerView, package: StrikePackage) -> bool:
    """What the planner can tell from its desk: the target is listed and no card forbids it."""
    target = rules.targets.get(package.target)
    if target is None or target.foreign or package.target not in view.active_targets:
        return False
    for pid, _ in (*package.strike, *package.suppression):
        pool = rules.pools[pid]
        if (package.night and not pool.night) or (not package.night and not pool.day):
            return False
        base = rules.geometry.features.get(pool.base)
        if base is not None and base.reach_to(target.position) > pool.range_km:
            return False
    return not any(
        rules.cards[cid].effect == "forbid" and card_matches(rules, rules.cards[cid], package)
        for cid in view.cards_in_force
    )


def _in_mig_reach(rules: Rules, target_id: str) -> bool:
    pos = rules.targets[target_id].position
    return any(
        f.kind == "airfield" and f.properties.get("foreign") and f.distance_to(pos) < 300
        for f in rules.geometry.on_layer(Layer.TARGETS)
    )


def _package(
    rules: Rules,
    view: PlayerView,
    target_id: str,
    budget: dict[str, int],
    rule: PackageRule,
    day_index: int | None,
    estimated: dict[str, float],
    warn: bool,
) -> StrikePackage | None:
    """Size a day package for a target from the sorties left in ``budget``."""
    t = rules.targets[target_id]
    have = estimated.get(target_id, 0.0)
    if have >= rule.aim_damage:
        return None
    tons_needed = t.hardness * math.log((100 - have) / max(1.0, 100 - rule.aim_damage))
    strike: list[tuple[str, int]] = []
    for pid in sorted(budget):
        pool = rules.pools[pid]
        if not rule.uses(rules, pid) or budget[pid] <= 0:
            continue
        probe = StrikePackage(target=target_id, strike=((pid, 1),), night=rule.night)
        if not allowed(rules, view, probe):
            continue
        per_sortie = pool.bomb_tons * pool.accuracy * 0.8
        n = min(budget[pid], math.ceil(tons_needed / per_sortie))
        if n > 0:
            strike.append((pid, n))
            tons_needed -= n * per_sortie
        if tons_needed <= 0:
            break
    if not strike:
        return None
    strikers = sum(n for _, n in strike)
    suppression: tuple[tuple[str, int], ...] = ()
    if rule.suppression and view.flak_estimate.get(target_id, 0.0) > 5:
        pid, n = strike[0]
        supp = max(1, n // 6)
        strike[0] = (pid, n - supp) if n - supp > 0 else (pid, n)
        suppression = ((pid, supp),) if n - supp > 0 else ()
    escort = 0
    if rule.escort and rules.escort_pool and _in_mig_reach(rules, target_id):
        escort = min(budget.get(rules.escort_pool, 0), max(4, strikers // 2))
    package = StrikePackage(
        target=target_id,
        strike=tuple(strike),
        escort=escort,
        suppression=suppression,
        warning=warn and t.kind == "city",
        night=rule.night,
        days=() if day_index is None else (day_index,),
    )
    if not allowed(rules, view, package):
        return None
    for pid, n in (*package.strike, *package.suppression):
        budget[pid] -= n
    if escort:
        budget[rules.escort_pool] -= escort
    estimated[target_id] = rule.aim_damage
    return package


def _pressure_packages(
    rules: Rules, view: PlayerView, package_rules: tuple[PackageRule, ...], warn_allowed: bool
) -> list[StrikePackage]:
    """Each day, each rule in turn sizes packages from the sorties the rules before left."""
    package_rules = tuple(r for r in package_rules if r.share > 0)
    if not package_rules:
        return []
    estimated = {tid: est.damage for tid, est in view.bda.items()}
    packages: list[StrikePackage] = []
    for day_index in range(view.turn_days):
        day = view.day + timedelta(days=day_index)
        left = {pid: pv.sorties_per_day for pid, pv in view.pools.items()}
        for rule in package_rules:
            if not rule.flies_on(day):
                continue
            budget = {
                pid: min(
                    left[pid],
                    int(
                        pv.sorties_per_day
                        * (rule.share if rules.pools[pid].role != Role.INTERCEPTOR else 0.5)
                    ),
                )
                for pid, pv in view.pools.items()
            }
            granted = dict(budget)
            candidates = [
                tid
                for tid in view.active_targets
                if rule.aims_at(rules, tid) and not rules.targets[tid].foreign
            ]
            ranked = sorted(
                candidates,
                key=lambda tid: (
                    -rules.targets[tid].value * (1 - estimated.get(tid, 0.0) / 100),
                    tid,
                ),
            )
            for tid in ranked:
                p = _package(
                    rules,
                    view,
                    tid,
                    budget,
                    rule,
                    day_index if view.turn_days > 1 else None,
                    estimated,
                    rule.warn and warn_allowed,
                )
                if p is not None:
                    packages.append(p)
                if all(budget[pid] <= 0 for pid in budget if rule.uses(rules, pid)):
                    break
            for pid in left:
                left[pid] -= granted[pid] - budget[pid]
    return packages


def style_rule(style: Style) -> PackageRule:
    """A one-rule strategy's packages, from the built-in planners' styles."""
    return PackageRule(
        share=style.pressure_share,
        kinds=style.kinds,
        roles=style.roles,
        night=style.night,
        warn=style.warn,
        escort=style.escort,
        suppression=style.suppression,
        aim_damage=style.aim_damage,
    )


@dataclass(frozen=True)
class Strategy:
    """A named, validated way of splitting effort, as read from a strategy file.

    Standing shares come from the last of ``periods`` begun by the turn's first day (or
    the strategy's own shares before any); packages follow ``package_rules`` in order.
    """

    name: str
    interdiction: float
    close_support: float
    package_rules: tuple[PackageRule, ...] = ()
    periods: tuple[Period, ...] = ()
    press: PressPolicy = PressPolicy.ROUTINE
    air_superiority: float = 1.0
    historical: bool = False  # fly the scenario's own plan (``historical_planner``)

    @classmethod
    def from_style(cls, name: str, style: Style) -> Strategy:
        return cls(
            name=name,
            interdiction=style.interdiction,
            close_support=style.close_support,
            package_rules=(style_rule(style),),
            press=style.press,
        )

    def standing_on(self, day: date) -> StandingTasks:
        current = [p for p in self.periods if p.start <= day]
        if current:
            p = max(current, key=lambda p: p.start)
            return StandingTasks(
                interdiction=p.interdiction,
                close_support=p.close_support,
                air_superiority=p.air_superiority,
            )
        return StandingTasks(
            interdiction=self.interdiction,
            close_support=self.close_support,
            air_superiority=self.air_superiority,
        )


def styled_planner(name: str) -> Callable[[Rules, PlayerView], TurnOrders]:
    return strategy_planner(Strategy.from_style(name, STYLES[name]))


def strategy_planner(strategy: Strategy) -> Callable[[Rules, PlayerView], TurnOrders]:
    if strategy.historical:
        return historical_planner

    def plan(rules: Rules, view: PlayerView) -> TurnOrders:
        press = strategy.press
        if any(
            press.value in rules.cards[cid].scope.press and rules.cards[cid].effect == "forbid"
            for cid in view.cards_in_force
        ):
            press = PressPolicy.ROUTINE
        warn_allowed = not _warnings_forbidden(rules, view)
        packages = _pressure_packages(rules, view, strategy.package_rules, warn_allowed)
        return TurnOrders(
            packages=tuple(packages),
            standing=strategy.standing_on(view.day),
            press=press,
        )

    return plan


def _warnings_forbidden(rules: Rules, view: PlayerView) -> bool:
    return any(
        rules.cards[cid].scope.warnings and rules.cards[cid].effect == "forbid"
        for cid in view.cards_in_force
    )


def historical_planner(rules: Rules, view: PlayerView) -> TurnOrders:
    """Fly the scenario's historical operations; between them, its shares of effort.

    Fallback rule: when a planned target is off the list, forbidden, or already
    believed destroyed, the operation goes to the least damaged allowed target of
    the same kind; if there is none, its sorties return to the standing tasks.
    """
    plan = rules.plan
    turn_end = view.day + timedelta(days=view.turn_days)
    packages: list[StrikePackage] = []
    for op in plan.operations:
        if not view.day <= op.day < turn_end:
            continue
        day_index = (op.day - view.day).days
        warn = op.warning and not _warnings_forbidden(rules, view)
        package = StrikePackage(
            target=op.target,
            strike=op.strike,
            escort=op.escort,
            suppression=op.suppression,
            night=op.night,
            warning=warn,
            days=(day_index,) if view.turn_days > 1 else (),
        )
        believed = view.bda.get(op.target)
        destroyed = believed is not None and believed.damage >= 90 and believed.confidence > 0.5
        flown: StrikePackage | None = package
        if destroyed or not allowed(rules, view, package):
            flown = _fallback(rules, view, package)
        if flown is not None:
            packages.append(flown)
    share = plan.city_attacks if not packages else 0.0
    warn = plan.warnings_until is not None and view.day <= plan.warnings_until
    packages += _pressure_packages(
        rules, view, (PackageRule(share=share, warn=warn),), not _warnings_forbidden(rules, view)
    )
    press = plan.press
    if any(press.value in rules.cards[c].scope.press for c in view.cards_in_force):
        press = PressPolicy.ROUTINE
    return TurnOrders(
        packages=tuple(packages),
        standing=StandingTasks(interdiction=plan.interdiction, close_support=plan.close_support),
        press=press,
    )


def _fallback(rules: Rules, view: PlayerView, package: StrikePackage) -> StrikePackage | None:
    if rules.plan.fallback == "standing_tasks":
        return None
    kind = rules.targets[package.target].kind
    options = sorted(
        (
            tid
            for tid in view.active_targets
            if rules.targets[tid].kind == kind and tid != package.target
        ),
        key=lambda tid: (view.bda[tid].damage if tid in view.bda else 0.0, tid),
    )
    for tid in options:
        candidate = StrikePackage(
            target=tid,
            strike=package.strike,
            escort=package.escort,
            suppression=package.suppression,
            night=package.night,
            warning=package.warning,
            days=package.days,
        )
        if allowed(rules, view, candidate):
            return candidate
    return None


Planner = Callable[[Rules, PlayerView], TurnOrders]

PLANNERS: dict[str, Planner] = {
    "historical": historical_planner,
    **{name: styled_planner(name) for name in STYLES},
}


def historical_fill_note(rules: Rules, view: PlayerView, orders: TurnOrders) -> str:
    """What "fill in the historical plan" put on the desk, said plainly.

    A turn with no operation in the plan is not an empty fill-in by mistake: FEAF flew
    none that day, and the player is told so, with the days the operations did fly.
    """
    period = "day" if view.turn_days == 1 else "week"
    turn_end = view.day + timedelta(days=view.turn_days)
    planned = [op for op in rules.plan.operations if view.day <= op.day < turn_end]
    if orders.packages:
        count = len(orders.packages)
        return (
            f"The orders FEAF actually gave are filled in ({count} package"
            f"{'s' if count != 1 else ''}): edit them, then End Turn."
        )
    if planned:
        return (
            f"FEAF's strikes planned for this {period} are left out: their targets are "
            "believed destroyed or are barred, and no other target of the kind is open. "
            "Only the standing tasks are filled in."
        )
    days = sorted({op.day for op in rules.plan.operations})
    when = f" (its strikes ran {date_span(days[0], days[-1])})" if days else ""
    return (
        f"In the historical plan FEAF flew no strike packages this {period}{when}; "
        "only its standing tasks are filled in: edit them, then End Turn."
    )
