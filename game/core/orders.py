"""Orders are values. Validation says why an order is refused instead of raising."""

from __future__ import annotations

from dataclasses import dataclass, field
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


def _overbooked(rules: Rules, state: GameState, orders: TurnOrders) -> list[Refused]:
    """Packages flying the same day may not ask a pool for more than it flies in a day."""
    problems = []
    for day in range(rules.turn_days):
        asked: dict[str, int] = {}
        for package in orders.packages:
            if not package.flies_on(day):
                continue
            wanted = (*package.strike, *package.suppression, (rules.escort_pool, package.escort))
            for pool_id, count in wanted:
                if pool_id in rules.pools and count > 0:
                    asked[pool_id] = asked.get(pool_id, 0) + count
        for pool_id, count in sorted(asked.items()):
            have = capacity_per_day(rules, state, pool_id)
            if count > have:
                when = f" on day {day + 1}" if rules.turn_days > 1 else ""
                problems.append(
                    Refused(
                        f"{rules.pools[pool_id].name}: the packages{when} ask {count} sorties; "
                        f"{have} can fly a day."
                    )
                )
    return problems
