"""The irrigation dams of May-June 1953 (GAME.md §9).

Two mechanisms are checked over many seeds. Repair: a dam that breaks with a full
reservoir is washed out, and the enemy closes it with the labour it takes from rail
repair, in about two weeks at the historical 4,000 labourers (Toksan: 13 days, A);
fewer labourers on the dam, or less labour in all, take longer; more take less.
Reservoirs: the enemy needs days to lower them after the first dam strike, so
Toksan's strike floods and Kuwonga's later strikes do not (A); struck early,
Kuwonga floods too.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import date, timedelta

from game.calibration.common import CheckResult, stats
from game.core.events import Category, Event
from game.core.model import Rules
from game.core.summary import play
from game.data.scenario import find_scenario, load_rules


@dataclass(frozen=True)
class DamStory:
    """What the report says happened to one dam in one game."""

    breached: bool  # broke at least once
    flooded: bool  # broke with its reservoir up: a flood and lost rice
    repair_days: float | None  # from the first flood to the dam closed again


def dam_story(events: list[Event], dam: str, end: date) -> DamStory:
    floods = [e for e in events if e.category == Category.FLOOD and e.target == dam]
    flood_days = [e.day for e in floods if "rice_tons" in e.data]
    repair_days: float | None = None
    if flood_days:
        closed = [
            e.day
            for e in events
            if e.category == Category.REPAIR and e.target == dam and e.day >= flood_days[0]
        ]
        # Not closed by the end: censored at the scenario's last day.
        last = closed[0] if closed else end + timedelta(days=1)
        repair_days = float((last - flood_days[0]).days)
    return DamStory(bool(floods), bool(flood_days), repair_days)


def games(rules: Rules, runs: int) -> list[list[Event]]:
    """The events of ``runs`` games with the historical planner."""
    return [play(rules, "historical", seed)[1] for seed in range(runs)]


def stories(rules: Rules, played: list[list[Event]], dam: str) -> list[DamStory]:
    return [dam_story(events, dam, rules.end) for events in played]


def toksan_crew(rules: Rules, labourers: float) -> Rules:
    """The enemy takes ``labourers`` a day from rail repair for Toksan instead of 4,000."""
    toksan = dataclasses.replace(rules.targets["toksan_dam"], repair_crew=labourers)
    return dataclasses.replace(rules, targets={**rules.targets, "toksan_dam": toksan})


def scarce_labour(rules: Rules, labourers: float = 2000.0) -> Rules:
    """The enemy has only ``labourers`` for all repairs, half the historical crew at Toksan."""
    return dataclasses.replace(rules, enemy=dataclasses.replace(rules.enemy, labour=labourers))


def strike_kuwonga_early(rules: Rules) -> Rules:
    """Kuwonga struck on 13 and 14 May, with Toksan, before any reservoir is lowered."""
    first = date(1953, 5, 13)
    ops = list(rules.plan.operations)
    kuwonga = [i for i, op in enumerate(ops) if op.target == "kuwonga_dam"]
    for n, i in enumerate(kuwonga):
        ops[i] = dataclasses.replace(ops[i], day=first + timedelta(days=n))
    plan = dataclasses.replace(rules.plan, operations=tuple(sorted(ops, key=lambda o: o.day)))
    return dataclasses.replace(rules, plan=plan)


def _share(flags: list[bool]) -> tuple[float, float, float]:
    """A share in percent with its 80% binomial band (normal approximation)."""
    n = len(flags)
    p = sum(flags) / n if n else 0.0
    half = 1.2816 * math.sqrt(p * (1 - p) / n) if n else 0.0
    return 100 * p, 100 * max(0.0, p - half), 100 * min(1.0, p + half)


def dams_checks(runs: int = 50) -> list[CheckResult]:
    rules = load_rules(find_scenario("dams_1953"), "normal")
    played = games(rules, runs)
    toksan = stories(rules, played, "toksan_dam")
    results = []

    share, lo, hi = _share([s.flooded for s in toksan])
    results.append(
        CheckResult(
            "Dams: Toksan struck before the lowering floods",
            "flooded (A)",
            share,
            lo,
            hi,
            "floods in >= 70% of runs",
            share >= 70,
        )
    )
    kuwonga = stories(rules, played, "kuwonga_dam")
    share, lo, hi = _share([s.flooded for s in kuwonga])
    broke = 100 * sum(s.breached for s in kuwonga) / len(kuwonga)
    results.append(
        CheckResult(
            "Dams: Kuwonga struck after the lowering",
            "no flood (A)",
            share,
            lo,
            hi,
            f"floods in <= 10% of runs (breached in {broke:.0f}%)",
            share <= 10,
        )
    )
    early_rules = strike_kuwonga_early(rules)
    early = stories(early_rules, games(early_rules, runs), "kuwonga_dam")
    base = share
    share, lo, hi = _share([s.flooded for s in early])
    results.append(
        CheckResult(
            "Dams, Kuwonga struck on 13-14 May: floods",
            "counterfactual",
            share,
            lo,
            hi,
            f">= 50% of runs and 40 points above the record ({base:.0f}%)",
            share >= 50 and share >= base + 40,
        )
    )

    repair = [s.repair_days for s in toksan if s.repair_days is not None]
    med, p10, p90 = stats(repair) if repair else (math.nan, math.nan, math.nan)
    results.append(
        CheckResult(
            "Dams: days to close Toksan again",
            "13 days (A)",
            med,
            p10,
            p90,
            "median 10-17 days",
            bool(repair) and 10 <= med <= 17,
        )
    )
    historical = med
    for name, variant, faster in (
        ("2,000 labourers on it", toksan_crew(rules, 2000.0), False),
        ("2,000 labourers in all", scarce_labour(rules), False),
        ("8,000 labourers on it", toksan_crew(rules, 8000.0), True),
    ):
        days = [s.repair_days for s in stories(variant, games(variant, runs), "toksan_dam")]
        closed = [d for d in days if d is not None]
        med, p10, p90 = stats(closed) if closed else (math.nan, math.nan, math.nan)
        if faster:
            band, ok = f"<= 0.75x historical median ({historical:.0f})", med <= 0.75 * historical
        else:
            band, ok = f">= 1.3x historical median ({historical:.0f})", med >= 1.3 * historical
        results.append(
            CheckResult(
                f"Dams, {name}: days to close Toksan",
                "counterfactual",
                med,
                p10,
                p90,
                band,
                bool(closed) and ok,
            )
        )
    return results
