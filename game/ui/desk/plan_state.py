"""The plan on the planning desk as a value, with undo and redo.

A plan is an immutable :class:`~game.core.orders.TurnOrders`. Every edit makes a new
one and pushes it on :class:`PlanHistory` (the python-chess ``push``/``pop`` idea), so
undo and redo are just moves along a list. The helpers here are pure functions of the
rules, the state the player may see and the plan; nothing here imports pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.core.model import GameState, PressPolicy, Rules
from game.core.orders import (
    Refused,
    StandingTasks,
    StrikePackage,
    TurnOrders,
    capacity_per_day,
    validate_package,
)
from game.core.politics import card_forbidding_press

MAX_UNDO = 200


@dataclass
class PlanHistory:
    """A list of plans and a cursor; edits after an undo drop the redo branch."""

    plans: list[TurnOrders] = field(default_factory=lambda: [TurnOrders()])
    index: int = 0
    _tag: str | None = None  # the last edit's kind, so slider drags coalesce

    @property
    def current(self) -> TurnOrders:
        return self.plans[self.index]

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.plans) - 1

    def push(self, plan: TurnOrders, tag: str | None = None) -> bool:
        """Make ``plan`` current; returns False when nothing changed.

        Consecutive edits with the same ``tag`` (one slider being dragged) merge into
        one undo step.
        """
        if plan == self.current:
            return False
        del self.plans[self.index + 1 :]
        if tag is not None and tag == self._tag and self.index > 0:
            self.plans[self.index] = plan
        else:
            self.plans.append(plan)
            self.index += 1
            if len(self.plans) > MAX_UNDO:
                del self.plans[0]
                self.index -= 1
        self._tag = tag
        return True

    def undo(self) -> bool:
        if not self.can_undo:
            return False
        self.index -= 1
        self._tag = None
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self.index += 1
        self._tag = None
        return True

    def reset(self, plan: TurnOrders) -> None:
        """A new turn starts a new history."""
        self.plans = [plan]
        self.index = 0
        self._tag = None


@dataclass
class Draft:
    """The package being built (plain values; the widgets are rebuilt from it)."""

    target: str | None = None
    strike: dict[str, int] = field(default_factory=dict)
    suppression: dict[str, int] = field(default_factory=dict)
    escort: int = 0
    night: bool = False
    warning: bool = False
    editing: int | None = None  # index of the planned package being edited
    days: tuple[int, ...] = ()  # days of the turn it flies (every day when empty)

    def package(self) -> StrikePackage | None:
        if self.target is None:
            return None
        strike = tuple((p, n) for p, n in sorted(self.strike.items()) if n > 0)
        supp = tuple((p, n) for p, n in sorted(self.suppression.items()) if n > 0)
        return StrikePackage(
            self.target,
            strike,
            escort=0 if self.night else self.escort,
            suppression=supp,
            night=self.night,
            warning=self.warning,
            days=self.days,
        )

    def next(self) -> Draft:
        """A fresh package at the same time and on the same days (plans are built day by day)."""
        return Draft(night=self.night, days=self.days)

    @classmethod
    def of(cls, package: StrikePackage, index: int) -> Draft:
        return cls(
            package.target,
            dict(package.strike),
            dict(package.suppression),
            package.escort,
            package.night,
            package.warning,
            index,
            package.days,
        )


# ----------------------------------------------------------------------------- edits


def with_package(plan: TurnOrders, package: StrikePackage, index: int | None = None) -> TurnOrders:
    """Add ``package``, or replace the one at ``index``."""
    packages = list(plan.packages)
    if index is None or not 0 <= index < len(packages):
        packages.append(package)
    else:
        packages[index] = package
    return replace(plan, packages=tuple(packages))


def without_package(plan: TurnOrders, index: int) -> TurnOrders:
    packages = list(plan.packages)
    if 0 <= index < len(packages):
        del packages[index]
    return replace(plan, packages=tuple(packages))


def with_share(plan: TurnOrders, task: str, share: float) -> TurnOrders:
    """Set one standing-task share; interdiction and close support never exceed 100%
    together (the other one gives way)."""
    st = plan.standing
    shares = {
        "interdiction": st.interdiction,
        "close_support": st.close_support,
        "air_superiority": st.air_superiority,
    }
    if task not in shares:
        raise ValueError(f"no standing task '{task}'")
    shares[task] = max(0.0, min(1.0, share))
    over = shares["interdiction"] + shares["close_support"] - 1.0
    if over > 1e-9:
        other = "close_support" if task == "interdiction" else "interdiction"
        shares[other] = max(0.0, shares[other] - over)
    standing = StandingTasks(
        shares["interdiction"],
        shares["close_support"],
        shares["air_superiority"],
        st.interdiction_focus,
    )
    return replace(plan, standing=standing)


def with_focus(plan: TurnOrders, segments: tuple[str, ...]) -> TurnOrders:
    """The rail lines the standing interdiction concentrates on (all when empty)."""
    return replace(
        plan, standing=replace(plan.standing, interdiction_focus=tuple(sorted(segments)))
    )


def with_recon(plan: TurnOrders, targets: tuple[str, ...]) -> TurnOrders:
    """The targets the photo reconnaissance covers first, in the order asked."""
    return replace(plan, recon_targets=tuple(dict.fromkeys(targets)))


def with_press(plan: TurnOrders, press: PressPolicy) -> TurnOrders:
    return replace(plan, press=press)


def with_jcs_request(plan: TurnOrders, card_id: str, on: bool) -> TurnOrders:
    requests = [c for c in plan.jcs_requests if c != card_id]
    if on:
        requests.append(card_id)
    return replace(plan, jcs_requests=tuple(sorted(requests)))


# ------------------------------------------------------------------------- sorties


def sorties_used(
    plan: TurnOrders, rules: Rules, skip: int | None = None, days: tuple[int, ...] = ()
) -> dict[str, int]:
    """Sorties the plan's packages take from each pool on its busiest day (``skip``: one
    package left out; ``days``: only these days of the turn count, all when empty).

    In a turn of several days a package may fly on one day only, as the historical
    operations do: packages on different days do not add up.
    """
    used = dict.fromkeys(rules.pools, 0)
    for day in days or range(rules.turn_days):
        on_day: dict[str, int] = {}
        for i, p in enumerate(plan.packages):
            if i == skip or not p.flies_on(day):
                continue
            for pid, n in (*p.strike, *p.suppression):
                on_day[pid] = on_day.get(pid, 0) + n
            if p.escort and rules.escort_pool:
                on_day[rules.escort_pool] = on_day.get(rules.escort_pool, 0) + p.escort
        for pid, n in on_day.items():
            used[pid] = max(used.get(pid, 0), n)
    return used


def sorties_left(
    plan: TurnOrders,
    rules: Rules,
    state: GameState,
    skip: int | None = None,
    days: tuple[int, ...] = (),
) -> dict[str, int]:
    """Sorties a day still free in each pool after the plan's packages, on the busiest
    of ``days`` (of the whole turn when empty)."""
    used = sorties_used(plan, rules, skip, days)
    return {pid: capacity_per_day(rules, state, pid) - used.get(pid, 0) for pid in rules.pools}


def check_package(
    rules: Rules,
    state: GameState,
    plan: TurnOrders,
    package: StrikePackage,
    editing: int | None = None,
) -> Refused | None:
    """The core's verdict on a package, then whether the pools still have the sorties."""
    verdict = validate_package(rules, state, package)
    if isinstance(verdict, Refused):
        return verdict
    left = sorties_left(plan, rules, state, skip=editing, days=package.days)
    asked: dict[str, int] = {}
    for pid, n in (*package.strike, *package.suppression):
        asked[pid] = asked.get(pid, 0) + n
    if package.escort and rules.escort_pool:
        asked[rules.escort_pool] = asked.get(rules.escort_pool, 0) + package.escort
    for pid, n in sorted(asked.items()):
        if n > left.get(pid, 0):
            pool = rules.pools[pid]
            return Refused(
                f"{pool.name} have only {max(0, left.get(pid, 0))} sorties a day left after "
                f"the planned packages; this package asks for {n}."
            )
    return None


def press_refusal(rules: Rules, state: GameState, press: PressPolicy) -> Refused | None:
    card_id = card_forbidding_press(rules, state, press)
    if card_id is None:
        return None
    card = rules.cards[card_id]
    return Refused(f"Forbidden by '{card.name}': {card.reason}", card=card.id)


def carry_over(rules: Rules, state: GameState, plan: TurnOrders) -> tuple[TurnOrders, list[str]]:
    """Last turn's plan made fit for this turn; returns it and what had to be dropped."""
    dropped: list[str] = []
    packages: list[StrikePackage] = []
    kept = TurnOrders(standing=plan.standing)
    for p in plan.packages:
        problem = check_package(rules, state, kept, p)
        name = rules.targets[p.target].name if p.target in rules.targets else p.target
        if problem is None:
            packages.append(p)
            kept = replace(kept, packages=tuple(packages))
        else:
            dropped.append(f"{name}: {problem.reason}")
    press = plan.press
    refusal = press_refusal(rules, state, press)
    if refusal is not None:
        dropped.append(f"Press policy '{press.value}': {refusal.reason}")
        press = PressPolicy.ROUTINE
    jcs = tuple(
        c
        for c in plan.jcs_requests
        if c in state.cards and state.cards[c].in_force and rules.cards[c].jcs_approval > 0
    )
    standing = plan.standing
    focus = tuple(s for s in standing.interdiction_focus if s in rules.targets)
    return (
        TurnOrders(
            packages=tuple(packages),
            standing=StandingTasks(
                standing.interdiction, standing.close_support, standing.air_superiority, focus
            ),
            press=press,
            jcs_requests=jcs,
            recon_targets=tuple(t for t in plan.recon_targets if t in rules.targets),
        ),
        dropped,
    )


SUMMARY_CHARS = 48  # what the side panel's package list shows in one line at 1280x720


def short_name(rules: Rules, target_id: str) -> str:
    """The target's name without its bracketed other name ("Sinanju (Ch'ongch'on)
    bridges" -> "Sinanju bridges"), unless that would name another target too."""
    if target_id not in rules.targets:
        return "?"
    name = rules.targets[target_id].name
    if " (" not in name or ")" not in name:
        return name
    head, rest = name.split(" (", 1)
    short = " ".join(part for part in (head, rest.split(")", 1)[1].strip()) if part)
    taken = {t.name for tid, t in rules.targets.items() if tid != target_id}
    return name if short in taken else short


def days_words(rules: Rules, days: tuple[int, ...]) -> str:
    """The days of the turn a package flies, in a few words ("" in a one-day turn)."""
    if rules.turn_days <= 1:
        return ""
    if not days or len(set(days)) >= rules.turn_days:
        return f"all {rules.turn_days} days"
    ordered = sorted(set(days))
    if len(ordered) == 1:
        return f"day {ordered[0] + 1}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"days {ordered[0] + 1}-{ordered[-1] + 1}"
    return "days " + ",".join(str(d + 1) for d in ordered)


def package_summary(rules: Rules, package: StrikePackage) -> str:
    """One short line for the planned-packages list: the aircraft by type when they fit,
    else the strike total; the target's name shortened last (Edit shows it all)."""
    target = short_name(rules, package.target)
    planes = " + ".join(f"{n} {rules.pools[pid].aircraft.split()[0]}" for pid, n in package.strike)
    extras = []
    if package.escort:
        extras.append(f"{package.escort} esc")
    supp = sum(n for _, n in package.suppression)
    if supp:
        extras.append(f"{supp} supp")
    if package.night:
        extras.append("night")
    if package.warning:
        extras.append("warned")
    when = days_words(rules, package.days)
    if when:
        extras.append(when)
    detail = ", ".join([planes, *extras])
    if len(target) + 2 + len(detail) > SUMMARY_CHARS and len(package.strike) > 1:
        detail = ", ".join([f"{sum(n for _, n in package.strike)} strike", *extras])
    room = SUMMARY_CHARS - 2 - len(detail)
    if len(target) > max(room, 8):
        target = target[: max(room, 8) - 1].rstrip() + "…"
    return f"{target}: {detail}"
