"""Orders are values. Validation says why an order is refused instead of raising."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from game.core.input_config import STRICT_INPUT
from game.core.model import GameState, PressPolicy, Role, Rules


@dataclass(frozen=True)
class StrikePackage:
    """One strike: flown on each day of the turn listed in ``days`` (all days if empty)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    target: str
    strike: tuple[tuple[str, int], ...]  # (pool id, sorties) per day flown
    escort: int = 0  # sorties from the scenario's escort pool
    suppression: tuple[tuple[str, int], ...] = ()  # flak-suppression sorties by pool
    night: bool = False
    warning: bool = False  # leaflet and radio warning to civilians
    days: tuple[int, ...] = ()  # 0-based days within the turn

    def strike_sorties(self) -> int:
        return sum(n for _, n in self.strike)

    def flies_on(self, day_index: int) -> bool:
        return not self.days or day_index in self.days


@dataclass(frozen=True)
class StandingTasks:
    """Shares of the sorties left after packages, day by day."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    interdiction: float = 0.5  # armed reconnaissance on the rail lines
    close_support: float = 0.2  # close air support at the front
    air_superiority: float = 1.0  # of the escort pool's spare sorties: barrier patrols
    interdiction_focus: tuple[str, ...] = ()  # rail segments to concentrate on (all if empty)


@dataclass(frozen=True)
class TurnOrders:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    packages: tuple[StrikePackage, ...] = ()
    standing: StandingTasks = field(default_factory=StandingTasks)
    press: PressPolicy = PressPolicy.ROUTINE
    jcs_requests: tuple[str, ...] = ()  # card ids the player asks the JCS to lift
    recon_targets: tuple[str, ...] = ()  # photo reconnaissance coverage


@dataclass(frozen=True)
class Accepted:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    ok: bool = True


@dataclass(frozen=True)
class Refused:
    """An order that may not be given; ``reason`` is shown to the player as it is."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_INPUT

    reason: str
    card: str = ""
    ok: bool = False


Verdict = Accepted | Refused


def validate_package(
    rules: Rules, state: GameState, package: StrikePackage, check_capacity: bool = True
) -> Verdict:
    """Check a package against the map, the forces and the restriction cards in force.

    ``check_capacity`` refuses a package larger than today's sorties, which the
    planning desk wants to hear; the turn itself flies such a package cut down.
    """
    from game.core.politics import card_blocking_package  # cards know the zones

    target = rules.targets.get(package.target)
    if target is None:
        return Refused(f"There is no target '{package.target}' in this scenario.")
    if not state.targets[package.target].active:
        return Refused(f"{target.name} is no longer on the target list: the enemy has moved it.")
    if target.foreign:
        return Refused(f"{target.name} is outside Korea; no order can send aircraft there.")
    if not package.strike:
        return Refused("A package needs strike aircraft.")
    if any(d < 0 or d >= rules.turn_days for d in package.days):
        return Refused(f"A package can only fly on the {rules.turn_days} days of this turn.")
    for pool_id, count in (*package.strike, *package.suppression):
        pool = rules.pools.get(pool_id)
        if pool is None:
            return Refused(f"There is no aircraft pool '{pool_id}'.")
        if count <= 0:
            return Refused(f"{pool.name}: sorties must be a positive number.")
        if pool.role not in (Role.FIGHTER_BOMBER, Role.MEDIUM_BOMBER, Role.LIGHT_BOMBER, Role.NAVY):
            return Refused(f"{pool.name} ({pool.aircraft}) do not carry bombs.")
        if package.night and not pool.night:
            return Refused(f"{pool.name} ({pool.aircraft}) do not fly night strikes.")
        if not package.night and not pool.day:
            return Refused(f"{pool.name} ({pool.aircraft}) fly only at night.")
        base = rules.geometry.features.get(pool.base)
        if base is not None:
            reach = base.reach_to(target.position)
            if reach > pool.range_km:
                return Refused(
                    f"{target.name} is {reach:.0f} km from {pool.name}'s base, "
                    f"beyond their {pool.range_km:.0f} km reach."
                )
        if check_capacity and count > capacity_per_day(rules, state, pool_id):
            return Refused(
                f"{pool.name} can fly at most {capacity_per_day(rules, state, pool_id)} "
                f"sorties a day; {count} asked."
            )
    if package.escort < 0:
        return Refused("Escort must not be negative.")
    if package.escort and not rules.escort_pool:
        return Refused("This scenario has no escort fighters.")
    if package.escort and package.night:
        return Refused("Escort fighters do not fly at night.")
    blocking = card_blocking_package(rules, state, package)
    if blocking is not None:
        card = rules.cards[blocking]
        return Refused(f"Forbidden by '{card.name}': {card.reason}", card=card.id)
    return Accepted()


def capacity_per_day(rules: Rules, state: GameState, pool_id: str) -> int:
    pool = rules.pools[pool_id]
    return int(state.pools[pool_id].ready * pool.sortie_rate)


def validate_orders(rules: Rules, state: GameState, orders: TurnOrders) -> list[Refused]:
    """Every problem with a turn's orders at once (an empty list means they stand)."""
    from game.core.politics import card_forbidding_press

    problems: list[Refused] = []
    for package in orders.packages:
        verdict = validate_package(rules, state, package)
        if isinstance(verdict, Refused):
            problems.append(verdict)
    problems += _overbooked(rules, state, orders)
    for name, share in (
        ("interdiction", orders.standing.interdiction),
        ("close support", orders.standing.close_support),
        ("air superiority", orders.standing.air_superiority),
    ):
        if not 0.0 <= share <= 1.0:
            problems.append(Refused(f"The {name} share must be between 0 and 1."))
    if orders.standing.interdiction + orders.standing.close_support > 1.0 + 1e-9:
        problems.append(Refused("Interdiction and close support together exceed 100%."))
    for seg in orders.standing.interdiction_focus:
        if seg not in rules.targets or rules.targets[seg].kind != "rail_segment":
            problems.append(Refused(f"'{seg}' is not a rail segment of this scenario."))
    card = card_forbidding_press(rules, state, orders.press)
    if card is not None:
        problems.append(
            Refused(f"Forbidden by '{rules.cards[card].name}': {rules.cards[card].reason}", card)
        )
    for card_id in orders.jcs_requests:
        card_def = rules.cards.get(card_id)
        if card_def is None:
            problems.append(Refused(f"There is no restriction card '{card_id}'."))
        elif not state.cards[card_id].in_force:
            problems.append(Refused(f"'{card_def.name}' is not in force."))
        elif card_def.jcs_approval <= 0:
            problems.append(Refused(f"The JCS will not hear a request to lift '{card_def.name}'."))
    for target_id in orders.recon_targets:
        if target_id not in rules.targets:
            problems.append(Refused(f"There is no target '{target_id}' to photograph."))
    return problems


def sorties_asked(rules: Rules, orders: TurnOrders, day_index: int) -> dict[str, int]:
    """Sorties the packages flying on ``day_index`` ask of each pool (escort included)."""
    asked: dict[str, int] = {}
    for package in orders.packages:
        if not package.flies_on(day_index):
            continue
        wanted = (*package.strike, *package.suppression, (rules.escort_pool, package.escort))
        for pool_id, count in wanted:
            if pool_id in rules.pools and count > 0:
                asked[pool_id] = asked.get(pool_id, 0) + count
    return asked


def day_budgets(
    rules: Rules, capacity: Mapping[str, int], orders: TurnOrders
) -> list[dict[str, int]]:
    """Sorties a day each pool has left on each day of the turn after the packages
    flying that day (negative when the day is overbooked)."""
    return [
        {
            pid: capacity.get(pid, 0) - sorties_asked(rules, orders, day).get(pid, 0)
            for pid in rules.pools
        }
        for day in range(rules.turn_days)
    ]


def fit_to_capacity(
    rules: Rules, capacity: Mapping[str, int], orders: TurnOrders
) -> tuple[TurnOrders, list[str]]:
    """The orders with each overbooked day's packages scaled down to what can fly.

    Each package flying an overbooked day gives up the same share of its sorties from
    the short pool; a package left with no strike sorties is dropped. Returns the
    orders and one line for each pool and day that had to be cut, for the player.
    """
    packages = list(orders.packages)
    notes: list[str] = []
    for day in range(rules.turn_days):
        current = replace(orders, packages=tuple(packages))
        for pool_id, asked in sorted(sorties_asked(rules, current, day).items()):
            have = max(0, capacity.get(pool_id, 0))
            if asked <= have:
                continue
            factor = have / asked
            packages = [
                _scaled(rules, p, pool_id, factor) if p.flies_on(day) else p for p in packages
            ]
            when = f" on day {day + 1}" if rules.turn_days > 1 else ""
            notes.append(f"{rules.pools[pool_id].aircraft}{when}: {asked} asked, {have} fly")
    kept = tuple(p for p in packages if p.strike)
    dropped = len(packages) - len(kept)
    if dropped:
        notes.append(f"{dropped} package{'s' if dropped != 1 else ''} left with no aircraft")
    return replace(orders, packages=kept), notes


def _scaled(rules: Rules, package: StrikePackage, pool_id: str, factor: float) -> StrikePackage:
    def cut(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
        out = ((p, int(n * factor) if p == pool_id else n) for p, n in pairs)
        return tuple((p, n) for p, n in out if n > 0)

    escort = package.escort
    if pool_id == rules.escort_pool:
        escort = int(escort * factor)
    return replace(
        package, strike=cut(package.strike), suppression=cut(package.suppression), escort=escort
    )


@dataclass(frozen=True)
class Preflight:
    """What the turn will do to the plan that the plan does not say: ``cancels`` a
    package that will not fly, or cuts one down (``cancels`` False)."""

    text: str
    cancels: bool
    package: int | None = None  # index in the plan, when about one package


def preflight(rules: Rules, state: GameState, orders: TurnOrders) -> list[Preflight]:
    """Before End Turn: the packages the turn will refuse, and those short pools cut."""
    notes: list[Preflight] = []
    for i, package in enumerate(orders.packages):
        verdict = validate_package(rules, state, package, check_capacity=False)
        if isinstance(verdict, Refused):
            name = rules.targets[package.target].name if package.target in rules.targets else "?"
            why = verdict.reason
            if verdict.card:  # the card's name; its reason is on its card
                why = f"'{rules.cards[verdict.card].name}' forbids it"
            notes.append(Preflight(f"Package {i + 1} ({name}) will not fly: {why}.", True, i))
    for day, pool_id, count, have in _short_days(rules, state, orders):
        when = f", day {day + 1}" if rules.turn_days > 1 else ""
        notes.append(
            Preflight(
                f"{rules.pools[pool_id].aircraft}{when}: {count} sorties asked, {have} "
                "can fly; its packages will be cut down.",
                False,
            )
        )
    return notes


def _short_days(
    rules: Rules, state: GameState, orders: TurnOrders
) -> list[tuple[int, str, int, int]]:
    """(day, pool, sorties asked, sorties it can fly) for each pool overbooked on a day."""
    short = []
    for day in range(rules.turn_days):
        for pool_id, count in sorted(sorties_asked(rules, orders, day).items()):
            have = capacity_per_day(rules, state, pool_id)
            if count > have:
                short.append((day, pool_id, count, have))
    return short


def _overbooked(rules: Rules, state: GameState, orders: TurnOrders) -> list[Refused]:
    """Packages flying the same day may not ask a pool for more than it flies in a day."""
    problems = []
    for day, pool_id, count, have in _short_days(rules, state, orders):
        when = f" on day {day + 1}" if rules.turn_days > 1 else ""
        problems.append(
            Refused(
                f"{rules.pools[pool_id].name}: the packages{when} ask {count} sorties; "
                f"{have} can fly a day."
            )
        )
    return problems
